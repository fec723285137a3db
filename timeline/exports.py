"""Serialise events for export: the fixed JSON shape and CSV, streamed in chunks.

The JSON shape is a contract that other tools read; change it only with a version bump:
{"events": [{"id", "start", "end", "precision", "summary", "event_type", "status",
             "actors": [{"name", "role"}], "places": ["name"],
             "citations": [{"article": {"id", "file", "title", "outlet", "url", "published"},
                            "quote", "start", "end"}]}]}

Two further formats for other tools, filtered the same way: the TimelineJS3 JSON document
(/events.timeline.json, also what /present/ shows) and an ACLED-style CSV (/events.acled.csv);
their layouts are described next to their code below.

How an export streams, whatever its size (a million events and more): events are read in
chunks of CHUNK in (start, id) order, each chunk by a keyset query on event_start_id_idx
(``start >= s AND (start > s OR (start = s AND id > i))``), never OFFSET and never one long
server-side cursor, so no transaction or snapshot is held open for the length of a download.
On PostgreSQL a view from a date on is read as the chronology's pages are
(search.export_rows, plan.date_range_parts): the events going on at that day (event_long_start_idx for those
that began in the year before, the GiST index of very long events for the others) and those
starting from it on (event_start_id_idx), each chunk one query merging the parts' keyset
windows by (start, id); see iter_chunks.
Only the columns the exports print are read, as tuples, never model instances. Each chunk's
actors, places and citations (with their article's title, file, url, date and outlet, never its
texts) then come in one query per relation, so an export costs four queries per chunk whatever
the number of rows, plus, for ACLED, a query per level of place ancestors not seen before. Output
is written a chunk at a time; memory holds one chunk.
"""

import csv
import datetime
import functools
import html
import io
import json
import re
from collections.abc import Iterator
from typing import NamedTuple

from django.utils.html import escape

from timeline import search
from timeline.extraction.places import country_name
from timeline.extraction.taxonomy import ACLED_TYPES
from timeline.models import (
    UNCERTAIN_BELOW,
    Actor,
    Citation,
    Event,
    EventActor,
    Place,
    Precision,
    date_label,
    date_rests_on_inferred,
    format_at_precision,
)
from timeline.search import View

CHUNK = 1000  # events per chunk (and per IN list of the relation queries)
FIRST_CHUNK = 100  # the first chunk, so that the first events go out at once
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

# One encoder for the whole export: the same output as json.dumps(..., ensure_ascii=False).
_json = json.JSONEncoder(ensure_ascii=False).encode
# django.utils.html.escape is exactly SafeString(html.escape(str(text))); the strings here are
# already str and are only concatenated, so the plain function gives the same text, faster.
_escape = html.escape


# Rows -----------------------------------------------------------------------------------------

EVENT_FIELDS = (
    "id",
    "start",
    "end",
    "precision",
    "summary",
    "event_type",
    "status",
    "contested",
    "updated_at",
    "date_confidence",
    "edited_fields",
)


class ActorRole(NamedTuple):
    event_id: int
    actor_id: int
    name: str
    country: str
    kind: str
    role: str


class PlaceRow(NamedTuple):
    id: int
    name: str
    kind: str
    parent_id: int | None
    latitude: float | None
    longitude: float | None
    country: str
    admin1: str


class CitationRow(NamedTuple):
    event_id: int
    article_id: int
    quote: str
    start: int
    end: int
    stance: str
    file: str
    title: str
    url: str
    published: datetime.date | None
    published_source: str
    outlet: str | None  # the outlet's name; None when the article has no outlet
    date_rule: str


ACTOR_FIELDS = ("event_id", "actor_id", "actor__name", "actor__country", "actor__kind", "role")
PLACE_FIELDS = ("id", "name", "kind", "parent_id", "latitude", "longitude", "country", "admin1")
CITATION_FIELDS = (
    "event_id",
    "article_id",
    "quote",
    "start",
    "end",
    "stance",
    "article__source_file",
    "article__title",
    "article__url",
    "article__published",
    "article__published_source",
    "article__outlet__name",
    "date_rule",
)


class ExportEvent:
    """An event's exported columns and its actors, places and citations, in the chronology's
    orders: actors by EventActor id, places by name, citations by (article, offset)."""

    __slots__ = (*EVENT_FIELDS, "actors", "places", "citations")

    def __init__(self, row: tuple):
        (
            self.id,
            self.start,
            self.end,
            self.precision,
            self.summary,
            self.event_type,
            self.status,
            self.contested,
            self.updated_at,
            self.date_confidence,
            self.edited_fields,
        ) = row
        self.actors: list[ActorRole] = []
        self.places: list[PlaceRow] = []
        self.citations: list[CitationRow] = []

    @property
    def date_label(self) -> str:
        return date_label(self.start, self.end, self.precision)

    @property
    def date_uncertain(self) -> bool:
        return self.date_confidence < UNCERTAIN_BELOW  # Event.date_uncertain's rule

    @property
    def date_inferred(self) -> bool:
        return date_rests_on_inferred(
            self,
            (
                (c.stance, c.date_rule, c.published_source in INFERRED_SOURCES)
                for c in self.citations
            ),
        )

    @property
    def outlets(self) -> list[str]:
        """Distinct outlets of the citations, sorted, like Event.outlets."""
        return sorted({c.outlet for c in self.citations if c.outlet is not None})

    @property
    def deniers(self) -> list[str]:
        """Who denies it, like Event.deniers."""
        return list(dict.fromkeys(a.name for a in self.actors if a.role == EventActor.Role.DENIES))


def _attach_relations(events: list[ExportEvent]) -> None:
    """Three queries for a chunk: its actors, its places, its citations with article metadata."""
    by_id = {event.id: event for event in events}
    ids = list(by_id)
    actors = search.of_events(EventActor.objects.order_by("id"), ids).values_list(*ACTOR_FIELDS)
    for actor in map(ActorRole._make, actors):
        by_id[actor.event_id].actors.append(actor)
    places = search.of_events(Event.places.through.objects.order_by("place__name"), ids)
    for event_id, *place in places.values_list(
        "event_id", *(f"place__{name}" for name in PLACE_FIELDS)
    ):
        by_id[event_id].places.append(PlaceRow(*place))
    citations = search.of_events(Citation.objects.order_by("article_id", "start"), ids)
    for citation in map(CitationRow._make, citations.values_list(*CITATION_FIELDS)):
        by_id[citation.event_id].citations.append(citation)


def iter_chunks(view: View) -> Iterator[list[ExportEvent]]:
    """The events of a view (search.View) in (start, id) order, in lists of up to CHUNK.

    Each list costs four queries: one for its events (a keyset window of search.export_rows,
    which reads a view from a date on in the parts the chronology's pages read), then
    _attach_relations' three; when the last list is full, one more events query finds nothing.
    The first list is shorter (FIRST_CHUNK), so that the first events go out at once.
    """
    for rows in search.export_rows(view, EVENT_FIELDS, min(FIRST_CHUNK, CHUNK), CHUNK):
        events = [ExportEvent(row) for row in rows]
        _attach_relations(events)
        yield events


# JSON and CSV ---------------------------------------------------------------------------------


def event_dict(event: ExportEvent) -> dict:
    precision = event.precision
    return {
        "id": event.id,
        "start": format_at_precision(event.start, precision),
        "end": format_at_precision(event.end, precision),
        "precision": precision,
        "summary": event.summary,
        "event_type": event.event_type,
        "status": event.status,
        "actors": [{"name": a.name, "role": a.role} for a in event.actors],
        "places": [place.name for place in event.places],
        "citations": [
            {
                "article": {
                    "id": c.article_id,
                    "file": c.file,
                    "title": c.title,
                    "outlet": c.outlet,
                    "url": c.url or None,
                    "published": c.published.isoformat() if c.published else None,
                },
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
            }
            for c in event.citations
        ],
    }


def _json_array(chunks: Iterator[list], render) -> Iterator[str]:
    """The members of a JSON array, a chunk per piece: "\\n" before the first, ",\\n" between."""
    separator = "\n"
    for chunk in chunks:
        yield separator + ",\n".join([_json(render(item)) for item in chunk])
        separator = ",\n"


def iter_json(view: View) -> Iterator[str]:
    """The JSON document of a view's events in pieces, so a million events never sit in memory
    at once."""
    yield '{"events": ['
    yield from _json_array(iter_chunks(view), event_dict)
    yield "\n]}\n"


def csv_row(event: ExportEvent) -> list:
    citations = event.citations
    outlets = sorted({c.outlet for c in citations if c.outlet})
    return [
        event.id,
        format_at_precision(event.start, event.precision),
        format_at_precision(event.end, event.precision) or "",
        event.precision,
        event.event_type,
        event.status,
        "yes" if event.contested else "",
        event.summary,
        "; ".join(f"{a.name} ({a.role})" for a in event.actors),
        "; ".join(place.name for place in event.places),
        "; ".join(outlets),
        len(citations),
        citations[0].quote if citations else "",
        citations[0].file if citations else "",
    ]


# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(…)" from
# an editor, "@SUM(…)" quoted from an article): OWASP's CSV injection advice is to put a
# single quote before it, which the spreadsheet shows as text. A plain number stays a number.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def spreadsheet_safe(value):
    """The value as a CSV cell a spreadsheet will not run as a formula."""
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_STARTS)
        and not _NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def _csv_pieces(columns: list[str], chunks: Iterator[list], row) -> Iterator[str]:
    """The header at once, then a piece per chunk of events, every cell spreadsheet-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    yield buffer.getvalue()
    for chunk in chunks:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([[spreadsheet_safe(v) for v in row(event)] for event in chunk])
        yield buffer.getvalue()


def iter_csv(view: View) -> Iterator[str]:
    yield from _csv_pieces(CSV_COLUMNS, iter_chunks(view), csv_row)


# TimelineJS3 --------------------------------------------------------------------------------
# The JSON format of https://timeline.knightlab.com/docs/json-format.html: a title slide and one
# slide per event. TimelineJS renders headline and text as HTML, so every source string is
# escaped here; the presentation page's CSP and TimelineJS's own DOMPurify are further layers.

TYPE_LABELS = dict(Event.Type.choices)
ROLE_LABELS = dict(EventActor.Role.choices)
INFERRED_SOURCES = frozenset({"inferred", "unknown"})  # Article.published_is_inferred


def timelinejs_date(value: datetime.date, precision: str) -> dict:
    """A TimelineJS date object with nothing below the event's precision."""
    date = {"year": str(value.year)}
    if precision in (Precision.MONTH, Precision.DAY):
        date["month"] = str(value.month)
    if precision == Precision.DAY:
        date["day"] = str(value.day)
    return date


# Names, roles, outlets and publication dates recur from slide to slide; their escaped forms
# are kept (a bounded cache), so that only the quotes are escaped per slide.


@functools.lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    return _escape(text)


@functools.lru_cache(maxsize=4096)
def _actor_label(name: str, role: str) -> str:
    return f"{_escape(name)} ({_escape(ROLE_LABELS.get(role, role))})"


def _published_label(published: datetime.date | None, published_source: str) -> str:
    if not published:
        return ""
    label = f"{published.day} {published.strftime('%b %Y')}"
    return label + (" (inferred)" if published_source in INFERRED_SOURCES else "")


@functools.lru_cache(maxsize=4096)
def _source(outlet: str | None, published, published_source: str, stance: str) -> str:
    """ "TASS, 16 May 2021", "Unknown outlet, 3 Jan 2021 (inferred) (disputes it)", escaped."""
    source = _escape(outlet if outlet is not None else "Unknown outlet")
    label = _published_label(published, published_source)
    if label:
        source += f", {_escape(label)}"
    if stance == Citation.Stance.DISPUTES:
        source += " (disputes it)"
    return source


def _citation_url(citation: CitationRow) -> str:
    # The model's own rule (it reads only article_id and start).
    return Citation.get_absolute_url(citation)


def timelinejs_text(event: ExportEvent, base_url: str = "") -> str:
    """The slide body: who did what, where, and each quoted sentence linked to its article."""
    parts = []
    actors = [_actor_label(a.name, a.role) for a in event.actors]
    if actors:
        parts.append(f"<p><strong>Actors:</strong> {', '.join(actors)}</p>")
    places = [_escaped(place.name) for place in event.places]
    if places:
        parts.append(f"<p><strong>Places:</strong> {', '.join(places)}</p>")
    if event.contested:
        deniers = event.deniers
        parts.append(
            "<p><strong>Contested</strong>"
            + (f": denied by {_escape(', '.join(deniers))}" if deniers else "")
            + "</p>"
        )
    items = [
        f'<li><q><a href="{_escape(base_url + _citation_url(c))}">{_escape(c.quote)}</a></q> — '
        f"{_source(c.outlet, c.published, c.published_source, c.stance)}</li>"
        for c in event.citations
    ]
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    credit = timelinejs_credit(event)
    if credit:
        parts.append(f'<p class="tl-credit">{_escape(credit)}</p>')
    return "".join(parts)


def timelinejs_credit(event: ExportEvent) -> str:
    """The credit line, e.g. "Sources: RFE/RL, TASS": the distinct outlets of the citations.

    TimelineJS has a credit field only under a slide's media, which it shows only when the
    media has a url; a pull quote there would repeat the summary (often that very sentence),
    so the credit closes the slide text instead, in TimelineJS's own credit style.
    """
    outlets = event.outlets
    return "Sources: " + ", ".join(outlets) if outlets else ""


def timelinejs_slide(event: ExportEvent, base_url: str = "") -> dict:
    slide = {
        "unique_id": f"event-{event.id}",
        "start_date": timelinejs_date(event.start, event.precision),
        "display_date": ("≈ " if event.date_uncertain else "")
        + event.date_label
        + (" (inferred)" if event.date_inferred else ""),
        "text": {
            "headline": _escape(event.summary),
            "text": timelinejs_text(event, base_url),
        },
        "group": TYPE_LABELS.get(event.event_type, event.event_type),
    }
    if event.end and event.end != event.start:
        slide["end_date"] = timelinejs_date(event.end, event.precision)
    return slide


def timelinejs_title(
    count: int, filters: list[tuple], first: str | None = None, last: str | None = None
) -> dict:
    """The opening slide: what the view is (its filters), how many events, over which dates.

    ``filters`` is ChronologyFilter.active_filters(): tuples ending in (label, value);
    ``first``/``last``: the date labels of the view's first and last events.
    """
    shown = "; ".join(f"{item[-2]}: {item[-1]}" for item in filters) or "all events"
    noun = "event" if count == 1 else "events"
    span = ""
    if first and last:
        span = f", {first}" + (f" to {last}" if last != first else "")
    return {
        "text": {
            "headline": escape(f"Chronology — {shown}"),
            "text": f"<p>{escape(f'{count} {noun}{span}')}.</p>",
        }
    }


def iter_timelinejs(view: View, title: dict, base_url: str = "") -> Iterator[str]:
    """The TimelineJS document in pieces, like iter_json."""
    yield '{"title": ' + _json(title) + ', "events": ['
    slides = _json_array(iter_chunks(view), lambda event: timelinejs_slide(event, base_url))
    yield from slides
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
    "country",
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
MAX_LINEAGE = 10  # a bad parent loop must not hang us


def acled_time_precision(event: ExportEvent) -> int:
    if event.precision != Precision.DAY:
        return 3
    if event.end is None or event.end == event.start:
        return 1
    return 2 if event.end - event.start <= WEEK else 3


def acled_actors(event: ExportEvent) -> tuple[str, str, str]:
    """(actor1, assoc_actor_1, actor2): the side that acted, its allies, the other side.

    ACLED's actors are groups, not people: the first group that acted is actor1, and a person
    acting for its side ("Azerbaijani President Ilham Aliyev ordered …", with Azerbaijan beside
    him) is among its associates."""
    Role = EventActor.Role
    roles = event.actors
    acted = [a for a in roles if a.role == Role.ACTOR]
    first = (
        next((a for a in acted if a.kind != Actor.Kind.PERSON), None)
        or next(iter(acted), None)
        or next((a for a in roles if a.role in (Role.SOURCE, Role.PARTICIPANT)), None)
    )
    actor1 = first.actor_id if first else None
    side = first.country if first else ""
    assoc = [
        a.name
        for a in roles
        if side
        and a.actor_id != actor1
        and a.country == side
        and a.role in (Role.ACTOR, Role.SOURCE, Role.PARTICIPANT)
    ]
    other = next((a for a in roles if a.role == Role.TARGET and a.actor_id != actor1), None)
    if other is None and side:
        other = next((a for a in roles if a.country and a.country != side), None)
    return (
        first.name if first else "",
        "; ".join(dict.fromkeys(assoc)),
        other.name if other else "",
    )


class PlaceTree:
    """Ancestors of places, fetched once per place for the whole export.

    fetch() loads, for a chunk of events, the ancestors not seen yet: one query per level of
    the hierarchy (none once they are all known), whatever the number of events.
    """

    def __init__(self):
        self._places: dict[int, PlaceRow | None] = {}

    def fetch(self, events: list[ExportEvent]) -> None:
        wanted = {p.parent_id for event in events for p in event.places if p.parent_id}
        for _ in range(MAX_LINEAGE):
            missing = wanted - self._places.keys()
            if not missing:
                return
            self._places.update(dict.fromkeys(missing))  # None: deleted since, stop there
            for row in Place.objects.filter(pk__in=missing).values_list(*PLACE_FIELDS):
                self._places[row[0]] = PlaceRow(*row)
            wanted = {p.parent_id for i in missing if (p := self._places[i]) and p.parent_id}

    def lineage(self, place: PlaceRow) -> list[PlaceRow]:
        """The place, its parent, its parent's parent, …"""
        chain = [place]
        while chain[-1].parent_id and len(chain) < MAX_LINEAGE:
            parent = self._places.get(chain[-1].parent_id)
            if parent is None:
                break
            chain.append(parent)
        return chain

    def location(self, event: ExportEvent) -> tuple[PlaceRow | None, str]:
        """The most specific of the event's places (a town before its province before its
        country; the chronology's order breaks ties) and its admin1: the province or region
        above it, else the first-level region GeoNames gives it."""
        best, best_key, best_chain = None, None, []
        for place in event.places:
            chain = self.lineage(place)
            key = (place.kind != Place.Kind.COUNTRY, place.kind not in ADMIN1_KINDS, len(chain))
            if best_key is None or key > best_key:
                best, best_key, best_chain = place, key, chain
        admin1 = next((p.name for p in best_chain if p.kind in ADMIN1_KINDS), "")
        return best, admin1 or (best.admin1 if best else "")


def acled_row(event: ExportEvent, places: PlaceTree) -> list:
    actor1, assoc, actor2 = acled_actors(event)
    place, admin1 = places.location(event)
    event_type, sub_event_type = ACLED_TYPES.get(event.event_type, ACLED_TYPES["other"])
    country = next((p.country for p in ([place] if place else []) + event.places if p.country), "")
    return [
        event.id,
        event.start.isoformat(),
        acled_time_precision(event),
        event_type,
        actor1,
        assoc,
        actor2,
        country_name(country),
        admin1,
        place.name if place else "",
        "" if place is None or place.latitude is None else place.latitude,
        "" if place is None or place.longitude is None else place.longitude,
        "; ".join(event.outlets),
        event.summary + (" [contested]" if event.contested else ""),
        int(event.updated_at.timestamp()),
        sub_event_type,
    ]


def iter_acled(view: View) -> Iterator[str]:
    places = PlaceTree()

    def chunks() -> Iterator[list[ExportEvent]]:
        for chunk in iter_chunks(view):
            places.fetch(chunk)
            yield chunk

    yield from _csv_pieces(ACLED_COLUMNS, chunks(), lambda event: acled_row(event, places))
