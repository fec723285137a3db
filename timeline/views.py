"""Pages: the chronology (with its htmx fragment), an event, an article, and the exports.

One view and one template per page; htmx requests get the ``#results`` partial of the same
template. Filters are validated by ChronologyFilter: bad input is a 400 with a message.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from articles.models import Article
from timeline.exports import iter_csv, iter_json
from timeline.filters import ChronologyFilter
from timeline.models import Citation, Event, EventActor, MergedEvent


def chronology_queryset():
    return Event.objects.visible().prefetch_related(
        Prefetch(
            "event_actors", queryset=EventActor.objects.select_related("actor").order_by("id")
        ),
        "places",
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("article__outlet").order_by(
                "article_id", "start"
            ),
        ),
    )


def wants_fragment(request: HttpRequest) -> bool:
    # A history-restore request after a cache miss needs the whole page, not the fragment.
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
def chronology(request: HttpRequest) -> HttpResponse:
    form = ChronologyFilter(request.GET)
    page = None
    status = 200
    if form.is_valid():
        events = form.filter(chronology_queryset()).order_by("start", "id")
        paginator = Paginator(events, settings.CHRONOLOGY_PAGE_SIZE)
        page = paginator.get_page(form.cleaned_data.get("page") or 1)
    else:
        status = 400
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = (
        "timeline/chronology.html#results"
        if wants_fragment(request)
        else "timeline/chronology.html"
    )
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = chronology_queryset().filter(pk=pk).first()
    if event is None:
        # A cited URL of an event an editor merged away leads to the survivor.
        tombstone = MergedEvent.objects.filter(old_id=pk).first()
        if tombstone is None:
            raise Http404("No such event.")
        return redirect(tombstone.into, permanent=True)
    return render(request, "timeline/event.html", {"event": event})


@dataclass
class Segment:
    text: str
    start: int
    citations: list


@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    citations = list(
        Citation.objects.filter(
            article=article, event__status__in=[Event.Status.EXTRACTED, Event.Status.REVIEWED]
        )
        .select_related("event")
        .order_by("start", "event_id")
    )
    return render(
        request,
        "timeline/article.html",
        {
            "article": article,
            "paragraphs": highlight(article.body, citations),
            "citation_count": len(citations),
        },
    )


def highlight(body: str, citations: list[Citation]) -> list[list[Segment]]:
    """Split the body into paragraphs of plain and cited segments (a cited sentence may back several events)."""
    spans: dict[tuple[int, int], list[Citation]] = {}
    for citation in citations:
        spans.setdefault((citation.start, citation.end), []).append(citation)
    paragraphs: list[list[Segment]] = []
    offset = 0
    for chunk in body.split("\n\n"):
        chunk_start, chunk_end = offset, offset + len(chunk)
        offset = chunk_end + 2
        if not chunk.strip():
            continue
        segments: list[Segment] = []
        cursor = chunk_start
        for (start, end), cited in sorted(spans.items()):
            if start < cursor or end > chunk_end or start < chunk_start:
                continue
            if start > cursor:
                segments.append(Segment(body[cursor:start], cursor, []))
            segments.append(Segment(body[start:end], start, cited))
            cursor = end
        if cursor < chunk_end:
            segments.append(Segment(body[cursor:chunk_end], cursor, []))
        paragraphs.append(segments)
    return paragraphs


def _export(request: HttpRequest, stream, content_type: str, filename: str) -> HttpResponse:
    form = ChronologyFilter(request.GET)
    if not form.is_valid():
        errors = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in form.errors.items())
        return HttpResponse(
            f"Invalid filter: {errors}\n", status=400, content_type="text/plain; charset=utf-8"
        )
    events = form.filter(Event.objects.visible()).order_by("start", "id")
    response = StreamingHttpResponse(stream(events), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def events_json(request: HttpRequest) -> HttpResponse:
    return _export(request, iter_json, "application/json", "events.json")


@require_GET
def events_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, iter_csv, "text/csv; charset=utf-8", "events.csv")
