"""Serialise events for export: the fixed JSON shape and CSV, streamed in chunks.

The JSON shape is a contract that other tools read; change it only with a version bump:
{"events": [{"id", "start", "end", "precision", "summary", "event_type", "status",
             "actors": [{"name", "role"}], "places": ["name"],
             "citations": [{"article": {"id", "file", "title", "outlet", "url", "published"},
                            "quote", "start", "end"}]}]}

Two further formats for other tools, filtered the same way: the TimelineJS3 JSON document
(/events.timeline.json, also what /present/ shows) and an ACLED-style CSV (/events.acled.csv);
their layouts are described next to their code below.
"""

import csv
import datetime
import io
import json
from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.html import escape

from timeline.extraction.taxonomy import ACLED_TYPES
from timeline.models import Citation, Event, EventActor, Place, Precision

CHUNK = 500
CSV_COLUMNS = [
    "id",
    "start",
    "end",
    "precision",
    "event_type",
    "status",
    "contested",
    "summary",
    "actors",
    "places",
    "outlets",
    "citation_count",
    "first_quote",
    "first_source_file",
]


def export_queryset(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "event_actors", queryset=EventActor.objects.select_related("actor").order_by("id")
        ),
        "places",
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("article__outlet")
            # The article's texts are large and never shown here; only its metadata is.
            .defer("article__raw_text", "article__body")
            .order_by("article_id", "start"),
        ),
    )


def event_dict(event: Event) -> dict:
    return {
        "id": event.pk,
        "start": event.start_iso,
        "end": event.end_iso,
        "precision": event.precision,
        "summary": event.summary,
        "event_type": event.event_type,
        "status": event.status,
        "actors": [{"name": ea.actor.name, "role": ea.role} for ea in event.event_actors.all()],
        "places": [place.name for place in event.places.all()],
        "citations": [
            {
                "article": {
                    "id": c.article.pk,
                    "file": c.article.source_file,
                    "title": c.article.title,
                    "outlet": c.article.outlet.name if c.article.outlet else None,
                    "url": c.article.url or None,
                    "published": c.article.published.isoformat() if c.article.published else None,
                },
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
            }
            for c in event.citations.all()
        ],
    }


def iter_events(queryset) -> Iterator[Event]:
    yield from export_queryset(queryset).iterator(chunk_size=CHUNK)


def iter_json(queryset) -> Iterator[str]:
    """The JSON document in pieces, so a million events never sit in memory at once."""
    yield '{"events": ['
    for index, event in enumerate(iter_events(queryset)):
        yield ("," if index else "") + "\n" + json.dumps(event_dict(event), ensure_ascii=False)
    yield "\n]}\n"


def csv_row(event: Event) -> list:
    data = event_dict(event)
    citations = data["citations"]
    outlets = sorted({c["article"]["outlet"] for c in citations if c["article"]["outlet"]})
    return [
        data["id"],
        data["start"],
        data["end"] or "",
        data["precision"],
        data["event_type"],
        data["status"],
        "yes" if event.contested else "",
        data["summary"],
        "; ".join(f"{a['name']} ({a['role']})" for a in data["actors"]),
        "; ".join(data["places"]),
        "; ".join(outlets),
        len(citations),
        citations[0]["quote"] if citations else "",
        citations[0]["article"]["file"] if citations else "",
    ]


def iter_csv(queryset) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for event in iter_events(queryset):
        writer.writerow(csv_row(event))
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# TimelineJS3 --------------------------------------------------------------------------------
# The JSON format of https://timeline.knightlab.com/docs/json-format.html: a title slide and one
# slide per event. TimelineJS renders headline and text as HTML, so every source string is
# escaped here; the presentation page's CSP and TimelineJS's own DOMPurify are further layers.


def timelinejs_date(value: datetime.date, precision: str) -> dict:
    """A TimelineJS date object with nothing below the event's precision."""
    date = {"year": str(value.year)}
    if precision in (Precision.MONTH, Precision.DAY):
        date["month"] = str(value.month)
    if precision == Precision.DAY:
        date["day"] = str(value.day)
    return date


def _published_label(article) -> str:
    if not article.published:
        return ""
    label = f"{article.published.day} {article.published.strftime('%b %Y')}"
    return label + (" (inferred)" if article.published_is_inferred else "")


def timelinejs_text(event: Event, base_url: str = "") -> str:
    """The slide body: who did what, where, and each quoted sentence linked to its article."""
    parts = []
    actors = [
        f"{escape(ea.actor.name)} ({escape(ea.get_role_display())})"
        for ea in event.event_actors.all()
    ]
    if actors:
        parts.append(f"<p><strong>Actors:</strong> {', '.join(actors)}</p>")
    places = [escape(place.name) for place in event.places.all()]
    if places:
        parts.append(f"<p><strong>Places:</strong> {', '.join(places)}</p>")
    if event.contested:
        deniers = event.deniers
        parts.append(
            "<p><strong>Contested</strong>"
            + (f": denied by {escape(', '.join(deniers))}" if deniers else "")
            + "</p>"
        )
    items = []
    for citation in event.citations.all():
        article = citation.article
        source = escape(article.outlet.name if article.outlet else "Unknown outlet")
        published = _published_label(article)
        if published:
            source += f", {escape(published)}"
        if citation.stance == Citation.Stance.DISPUTES:
            source += " (disputes it)"
        href = escape(base_url + citation.get_absolute_url())
        items.append(f'<li><q><a href="{href}">{escape(citation.quote)}</a></q> — {source}</li>')
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    credit = timelinejs_credit(event)
    if credit:
        parts.append(f'<p class="tl-credit">{escape(credit)}</p>')
    return "".join(parts)


def timelinejs_credit(event: Event) -> str:
    """The credit line, e.g. "Sources: RFE/RL, TASS": the distinct outlets of the citations.

    TimelineJS has a credit field only under a slide's media, which it shows only when the
    media has a url; a pull quote there would repeat the summary (often that very sentence),
    so the credit closes the slide text instead, in TimelineJS's own credit style.
    """
    outlets = event.outlets
    return "Sources: " + ", ".join(outlets) if outlets else ""


def timelinejs_slide(event: Event, base_url: str = "") -> dict:
    slide = {
        "unique_id": f"event-{event.pk}",
        "start_date": timelinejs_date(event.start, event.precision),
        "display_date": event.date_label,
        "text": {"headline": escape(event.summary), "text": timelinejs_text(event, base_url)},
        "group": event.get_event_type_display(),
    }
    if event.end and event.end != event.start:
        slide["end_date"] = timelinejs_date(event.end, event.precision)
    return slide


def timelinejs_title(count: int, filters: list[tuple]) -> dict:
    """The opening slide: how many events and which filters, as in the chronology's heading.

    ``filters`` is ChronologyFilter.active_filters(): tuples ending in (label, value).
    """
    shown = "; ".join(f"{item[-2]}: {item[-1]}" for item in filters) or "none"
    noun = "event" if count == 1 else "events"
    return {
        "text": {
            "headline": "Chronology",
            "text": f"<p>{count} {noun}. Filters: {escape(shown)}.</p>",
        }
    }


def iter_timelinejs(queryset, title: dict, base_url: str = "") -> Iterator[str]:
    """The TimelineJS document in pieces, like iter_json."""
    yield '{"title": ' + json.dumps(title, ensure_ascii=False) + ', "events": ['
    for index, event in enumerate(iter_events(queryset)):
        slide = timelinejs_slide(event, base_url)
        yield ("," if index else "") + "\n" + json.dumps(slide, ensure_ascii=False)
    yield "\n]}\n"


# ACLED-style CSV -----------------------------------------------------------------------------
# ACLED's column names and conventions (https://acleddata.com), so the view can be read next to
# ACLED's own data. event_id (ours) leads; sub_event_type trails, after ACLED's core columns.

ACLED_COLUMNS = [
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "timestamp",
    "sub_event_type",
]
# ACLED's time_precision: 1 the day is known, 2 within a week, 3 only the month or coarser.
WEEK = datetime.timedelta(days=6)
ADMIN1_KINDS = {Place.Kind.PROVINCE, Place.Kind.REGION}


def acled_time_precision(event: Event) -> int:
    if event.precision != Precision.DAY:
        return 3
    if event.end is None or event.end == event.start:
        return 1
    return 2 if event.end - event.start <= WEEK else 3


def acled_actors(event: Event) -> tuple[str, str, str]:
    """(actor1, assoc_actor_1, actor2): the side that acted, its allies, the other side."""
    Role = EventActor.Role
    roles = list(event.event_actors.all())
    first = next((ea for ea in roles if ea.role == Role.ACTOR), None) or next(
        (ea for ea in roles if ea.role in (Role.SOURCE, Role.PARTICIPANT)), None
    )
    actor1 = first.actor if first else None
    side = actor1.country if actor1 else ""
    assoc = [
        ea.actor.name
        for ea in roles
        if side
        and ea.actor != actor1
        and ea.actor.country == side
        and ea.role in (Role.ACTOR, Role.SOURCE, Role.PARTICIPANT)
    ]
    other = next((ea for ea in roles if ea.role == Role.TARGET and ea.actor != actor1), None)
    if other is None and side:
        other = next((ea for ea in roles if ea.actor.country and ea.actor.country != side), None)
    return (
        actor1.name if actor1 else "",
        "; ".join(dict.fromkeys(assoc)),
        other.actor.name if other else "",
    )


class PlaceTree:
    """Ancestors of places, fetched once per place for the whole export."""

    def __init__(self):
        self._places: dict[int, Place] = {}

    def lineage(self, place: Place) -> list[Place]:
        """The place, its parent, its parent's parent, …"""
        chain = [place]
        while chain[-1].parent_id and len(chain) < 10:  # a bad parent loop must not hang us
            parent_id = chain[-1].parent_id
            if parent_id not in self._places:
                self._places[parent_id] = Place.objects.get(pk=parent_id)
            chain.append(self._places[parent_id])
        return chain

    def location(self, event: Event) -> tuple[Place | None, str]:
        """The most specific of the event's places (a town before its province before its
        country; the chronology's order breaks ties) and its admin1 (province or region)."""
        best, best_key, best_chain = None, None, []
        for place in event.places.all():
            chain = self.lineage(place)
            key = (place.kind != Place.Kind.COUNTRY, place.kind not in ADMIN1_KINDS, len(chain))
            if best_key is None or key > best_key:
                best, best_key, best_chain = place, key, chain
        admin1 = next((p.name for p in best_chain if p.kind in ADMIN1_KINDS), "")
        return best, admin1


def acled_row(event: Event, places: PlaceTree) -> list:
    actor1, assoc, actor2 = acled_actors(event)
    place, admin1 = places.location(event)
    event_type, sub_event_type = ACLED_TYPES.get(event.event_type, ACLED_TYPES["other"])
    return [
        event.pk,
        event.start.isoformat(),
        acled_time_precision(event),
        event_type,
        actor1,
        assoc,
        actor2,
        admin1,
        place.name if place else "",
        "" if place is None or place.latitude is None else place.latitude,
        "" if place is None or place.longitude is None else place.longitude,
        "; ".join(event.outlets),
        event.summary + (" [contested]" if event.contested else ""),
        int(event.updated_at.timestamp()),
        sub_event_type,
    ]


def iter_acled(queryset) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ACLED_COLUMNS)
    places = PlaceTree()
    for event in iter_events(queryset):
        writer.writerow(acled_row(event, places))
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
