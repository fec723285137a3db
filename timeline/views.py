"""Pages: the chronology (with its htmx fragment), an event, an article, and the exports.

Public pages are gzipped (gzip_page): they carry no secret (no CSRF token, no session data),
so compression cannot leak one (BREACH); the admin is left alone.

One view and one template per page; htmx requests get the ``#results`` partial of the same
template. Filters are validated by ChronologyFilter: bad input is a 400 with a message.
"""

import hashlib
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.cache import patch_vary_headers
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from articles.models import Article
from timeline import maps, search
from timeline.exports import iter_acled, iter_csv, iter_json, iter_timelinejs, timelinejs_title
from timeline.extraction.places import country_name
from timeline.filters import ChronologyFilter
from timeline.models import Actor, Citation, Event, EventActor, MergedEvent, Place
from timeline.search import (
    COMBINING,
    FACET_LIMIT,
    Sample,
    Stored,
    View,
    parse_cursor,
    rounded,
)


def wants_fragment(request: HttpRequest) -> bool:
    # A history-restore request after a cache miss needs the whole page, not the fragment.
    return bool(request.htmx) and not request.htmx.history_restore_request


# Fragments of chronology.html an htmx request may ask for, by its HX-Target.
CHRONOLOGY_PARTIALS = {"results", "chronology"}


def without_cursor(query: QueryDict) -> QueryDict:
    """The query string of a view minus its page position: filters change, pages restart."""
    q = query.copy()
    for name in ("after", "before", "page"):
        q.pop(name, None)
    return q


def facet_value_links(query: QueryDict, name: str, values, limit: int = FACET_LIMIT) -> list[dict]:
    """Each facet value with the URLs that change the view by it.

    ``url``: the value alone (clicking a chosen value drops it; one left out is let back in).
    For a combining facet (search.view.COMBINING) also ``also_url``, the chosen values and this
    one (any of them: "or"), and ``not_url``, the view without this value's events ("not").
    """
    chosen = query.getlist(name)
    left_out = query.getlist(f"not_{name}")
    combining = name in COMBINING
    # The query's parameters in their order, this facet's two last when absent (as
    # QueryDict.setlist puts them): each URL is encoded from them, without a copy of the query
    # per link (three links a value, a hundred values a page).
    base = without_cursor(query)
    excluding = f"not_{name}" if combining else None
    keys = list(base)
    keys += [key for key in (name, excluding) if key and key not in keys]
    given = {key: base.getlist(key) for key in keys}

    def changed(keep: list[str], leave: list[str]) -> str:
        lists = {**given, name: keep, **({excluding: leave} if excluding else {})}
        return "?" + urlencode([(key, one) for key in keys for one in lists[key]])

    links = []
    for value in values[:limit]:
        v = value.value
        active, excluded = v in chosen, v in left_out

        others = [c for c in chosen if c != v]
        rest = [c for c in left_out if c != v]
        if active:
            url = changed(others, left_out)
        elif excluded:
            url = changed(chosen, rest)
        else:
            url = changed([v], rest)
        links.append(
            {
                "value": value,
                "url": url,
                "active": active,
                "excluded": excluded,
                "also_url": changed([*chosen, v], rest)
                if combining and chosen and not active
                else None,
                "not_url": changed(others, [*left_out, v]) if combining and not excluded else None,
            }
        )
    return links


# A select of thousands of actors weighs more than the page it sits on; the rest are a search,
# a facet click or an actor page away.
SELECT_LIMIT = 200


# The filter form's selects, which show the counts of the view (refreshed on every htmx swap by
# the results fragment: chronology.html, SELECT_NAMES).
SELECT_NAMES = ("actor", "place", "country", "outlet", "type", "precision", "status", "contested")


def offer_facets_in_selects(form, facets) -> None:
    """Every select lists its values with the number of events each gives with the other
    filters (no extra queries). Actor, place, country and outlet: the SELECT_LIMIT most frequent
    values, and the chosen ones whatever their rank; the others: all their values, 0 where none."""
    for name in ("actor", "place", "country", "outlet"):
        field = form.fields[name]
        choices = [(v.value, f"{v.label} ({v.count:,})") for v in facets[name][:SELECT_LIMIT]]
        offered = {value for value, _ in choices}
        for one in reversed(form.cleaned_data.get(name) or ()):
            value = str(getattr(one, "pk", one))
            if value not in offered:
                choices.insert(0, (value, country_name(one) if name == "country" else str(one)))
        field.widget.choices = [("", field.empty_label), *choices]
    for name in ("type", "precision", "status", "contested"):
        field = form.fields[name]
        counts = {str(v.value): v.count for v in facets[name]}
        field.widget.choices = [
            (value, f"{label} ({counts.get(str(value), 0):,})" if value else label)
            for value, label in field.choices
        ]


def refreshed_selects(form) -> list[tuple]:
    """(bound field, the values chosen in it as strings) of each select an htmx swap of the
    results refreshes out of band (SELECT_NAMES), but those showing several values chosen,
    which only the facets change (filters.SeveralSelect)."""
    refreshed = []
    for name in SELECT_NAMES:
        field = form[name]
        value = field.value()
        chosen = [str(v) for v in value if v != ""] if isinstance(value, list) else [value]
        if len(chosen) > 1:
            continue
        refreshed.append((field, [str(v) if v is not None else "" for v in chosen] or [""]))
    return refreshed


def filters_only(query: QueryDict) -> QueryDict:
    """The query without the parameters the chronology does not read (``utm_source``): they
    neither split its cache nor reach the links it renders, which every visitor is served.
    A country code is written as the facet writes it ("sdn" is SDN), so that its link shows it
    chosen and both spellings share a cache entry."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if name in ChronologyFilter.base_fields:
            country = name in ("country", "not_country")
            kept.setlist(name, [v.upper() for v in values] if country else values)
    return kept


def chronology_cache_key(version: str, template: str, query: QueryDict) -> str:
    """The page cache's key: data version, page or fragment, the settings that shape a page,
    and the query string's filters (in the order given: another order is another entry). A
    parameter the page does not read (``utm_source``) is left out: it would split the cache."""
    digest = hashlib.sha256(filters_only(query).urlencode().encode()).hexdigest()
    shape = f"{settings.CHRONOLOGY_PAGE_SIZE}.{settings.FACET_SAMPLE_SIZE}"
    return f"chronology:{version}:{template}:{shape}:{digest}"


@require_safe
@gzip_page
def chronology(request: HttpRequest) -> HttpResponse:
    """The chronology page, or the htmx fragment its request targets.

    Responses are cached (settings.CHRONOLOGY_CACHE_SECONDS) under the data version of the
    stored aggregates (search.Stored.version), which every write drops: a cached page is served
    only while nothing has been written since it was rendered, and never when no aggregates are
    stored (just after a write, until they are refreshed). The page is the same for every
    visitor: no CSRF token, session data or nonce in it (the CSP nonce is only in the header).
    """
    query = filters_only(request.GET)
    template = "timeline/chronology.html"
    if wants_fragment(request):
        target = request.htmx.target if request.htmx.target in CHRONOLOGY_PARTIALS else "results"
        template = f"timeline/chronology.html#{target}"
    stored = Stored()
    key = None
    if settings.CHRONOLOGY_CACHE_SECONDS and (version := stored.version()):
        key = chronology_cache_key(version, template, query)
        content = caches["pages"].get(key)
        if content is not None:
            response = HttpResponse(content)
            patch_vary_headers(response, ["HX-Request", "HX-Target"])
            return response
    form = ChronologyFilter(query)
    context: dict = {"form": form, "page": None}
    status = 200
    if form.is_valid():
        # The actors' names come with the aggregates search.counts reads in any case.
        view = form.view(known_names=stored.names())
        counts = search.counts(view, stored)  # at most two more queries, however large the view
        facets = counts.facets
        context["page"] = search.page(
            view,
            settings.CHRONOLOGY_PAGE_SIZE,
            total=counts.total if counts.total_exact else rounded(counts.total),
        )
        context["counts"] = counts
        offer_facets_in_selects(form, facets)
        context["refreshed_selects"] = refreshed_selects(form)
        context["facets"] = [
            (
                name,
                form.fields[name].label or name.capitalize(),
                facet_value_links(query, name, facets[name]),
                name in counts.approximate,
            )
            for name in SELECT_NAMES
        ]
        chart, earlier = search.histogram(view, counts)
        context["began_earlier"] = earlier
        context["histogram"] = chart
        context["histogram_bars"] = (
            list(zip(chart.bars, _histogram_links(query, chart), strict=True)) if chart else []
        )
    else:
        status = 400
    context["query"] = without_cursor(query).urlencode()
    response = render(request, template, context, status=status)
    if key is not None and status == 200:
        caches["pages"].set(key, response.content, settings.CHRONOLOGY_CACHE_SECONDS)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _histogram_links(query: QueryDict, chart) -> list[str]:
    if chart is None:
        return []
    links = []
    for bar in chart.bars:
        q = without_cursor(query)
        q["date_from"], q["date_to"] = bar.first, bar.last
        links.append("?" + q.urlencode())
    return links


def entity_page(request: HttpRequest, view: View) -> tuple[dict, int, Sample]:
    """The context of an actor's or a place's list of events, its HTTP status, and the sample
    its total comes from.

    Keyset pages (``?after=`` / ``?before=`` cursors, as on the chronology: no OFFSET), and a
    total from the uniform sample (search.sample): exact below FACET_SAMPLE_SIZE events,
    "≈" above, so that Armenia's 300,000 events cost no COUNT over all of them.
    """
    sample = search.sample(view)
    cursors = {}
    for name in ("after", "before"):
        if request.GET.get(name):
            try:
                cursors[name] = parse_cursor(request.GET[name])
            except ValidationError as error:
                return {"cursor_error": f"{name}: {error.messages[0]}"}, 400, sample
    total = sample.total if sample.exact else rounded(sample.total)
    page = search.page(replace(view, **cursors), settings.CHRONOLOGY_PAGE_SIZE, total=total)
    return {"page": page, "total_exact": sample.exact}, 200, sample


@require_safe
@gzip_page
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.prefetch_related("aliases"), pk=pk)
    context, status, sample = entity_page(request, View(actor=actor))
    # The roles of the sampled events, scaled like the total: one query over k events.
    roles = (
        EventActor.objects.filter(actor=actor, event_id__in=[row["id"] for row in sample.rows])
        .values("role")
        .annotate(n=Count("event_id", distinct=True))
        .order_by("-n", "role")
    )
    role_labels = dict(EventActor.Role.choices)
    context.update(
        actor=actor,
        roles=[
            (
                role_labels.get(r["role"], r["role"]),
                sample.scaled(r["n"]) if sample.exact else rounded(sample.scaled(r["n"])),
            )
            for r in roles
        ],
        roles_exact=sample.exact,
    )
    return render(request, "timeline/actor.html", context, status=status)


@require_safe
@gzip_page
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_object_or_404(
        Place.objects.select_related("parent__parent").prefetch_related("aliases", "children"),
        pk=pk,
    )
    context, status, _sample = entity_page(request, View(place=place))
    context["place"] = place
    return render(request, "timeline/place.html", context, status=status)


@require_safe
@gzip_page
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = search.events_for_cards().filter(pk=pk).first()
    if event is None:
        # A cited URL of an event an editor merged away leads to the survivor.
        tombstone = MergedEvent.objects.filter(old_id=pk).first()
        if tombstone is not None:
            return redirect(tombstone.into, permanent=True)
        rejected = Event.objects.filter(pk=pk, status=Event.Status.REJECTED).first()
        if rejected is None:
            raise Http404("No such event.")
        # A link someone shared: say what became of it rather than a bare "Not Found".
        return render(request, "timeline/event_rejected.html", {"event": rejected}, status=410)
    return render(request, "timeline/event.html", {"event": event})


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return redirect(static("favicon.svg"), permanent=True)


@dataclass
class Segment:
    text: str
    start: int
    citations: list


@require_safe
@gzip_page
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
        return _invalid_filters(form)
    response = StreamingHttpResponse(stream(form.view()), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@gzip_page
def events_json(request: HttpRequest) -> HttpResponse:
    return _export(request, iter_json, "application/json", "events.json")


@require_safe
@gzip_page
def events_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, iter_csv, "text/csv; charset=utf-8", "events.csv")


def _invalid_filters(form: ChronologyFilter) -> HttpResponse:
    errors = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in form.errors.items())
    return HttpResponse(
        f"Invalid filter: {errors}\n", status=400, content_type="text/plain; charset=utf-8"
    )


@require_safe
@gzip_page
def events_timelinejs(request: HttpRequest) -> HttpResponse:
    """The current view as a TimelineJS3 document; links in it are absolute, for use elsewhere."""
    form = ChronologyFilter(request.GET)
    if not form.is_valid():
        return _invalid_filters(form)
    view = form.view()
    first, last = search.first_and_last(view)
    title = timelinejs_title(
        search.count(view),
        form.active_filters(),
        first.date_label if first else None,
        last.date_label if last else None,
    )
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        iter_timelinejs(view, title, base_url), content_type="application/json"
    )
    response["Content-Disposition"] = 'inline; filename="events.timeline.json"'
    return response


@require_safe
@gzip_page
def events_acled(request: HttpRequest) -> HttpResponse:
    return _export(request, iter_acled, "text/csv; charset=utf-8", "events.acled.csv")


# Places drawn on the map at most: the busiest of the view.
MAP_PLACES = 300


@require_safe
@gzip_page
def place_map(request: HttpRequest) -> HttpResponse:
    """The current view's events on a map, by place (timeline/maps.py), with the places listed
    beside it; each marker and list entry narrows the view to its place."""
    form = ChronologyFilter(request.GET)
    if not form.is_valid():
        context = {"form": form, "query": without_cursor(request.GET).urlencode()}
        return render(request, "timeline/map.html", context, status=400)
    counts = search.counts(form.view())
    values = counts.facets["place"][:MAP_PLACES]
    located = Place.objects.filter(pk__in=[int(v.value) for v in values])
    coordinates = {
        str(pk): (lat, lon) for pk, lat, lon in located.values_list("pk", "latitude", "longitude")
    }
    chart = maps.draw(
        [(v.value, v.label, v.count, *coordinates.get(v.value, (None, None))) for v in values]
    )
    links = {
        link["value"].value: link for link in facet_value_links(request.GET, "place", values, None)
    }
    context = {
        "form": form,
        "counts": counts,
        "map": chart,
        "markers": [(m, links[m.place_id]) for m in chart.markers] if chart else [],
        "places": list(links.values()),
        "query": without_cursor(request.GET).urlencode(),
    }
    return render(request, "timeline/map.html", context)


@require_safe
@gzip_page
def presentation(request: HttpRequest) -> HttpResponse:
    """The current view as a TimelineJS slideshow (static/js/presentation.js starts it)."""
    form = ChronologyFilter(request.GET)
    count = None
    if form.is_valid():
        count = search.count(form.view())
    context = {"form": form, "count": count, "query": without_cursor(request.GET).urlencode()}
    status = 200 if count is not None else 400
    return render(request, "timeline/presentation.html", context, status=status)
