"""Keyset pagination for the chronology: pages follow (start, id), never OFFSET.

A page is reached by a cursor, the (start, id) of the event before it (``after``) or after it
(``before``), so the database walks the event_start_id_idx index from there whatever the depth;
OFFSET would read and throw away every earlier row. Cursors read "2021-05-12.1234" in the URL.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import DateTimeField, ExpressionWrapper, F, Prefetch, Q

from articles.dates import date_range_problem
from timeline.models import Citation, Event, EventActor, Place

MAX_ID = 2**63  # ids are bigint


def events_for_cards():
    """Visible events with what their cards show, prefetched into plain lists (to_attr; read
    through Event.role_list, place_list and citation_list)."""
    return Event.objects.visible().prefetch_related(
        Prefetch(
            "event_actors",
            queryset=EventActor.objects.select_related("actor").order_by("id"),
            to_attr="prefetched_roles",
        ),
        Prefetch("places", queryset=Place.objects.order_by("name"), to_attr="prefetched_places"),
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("article__outlet")
            # The article's texts are large and never shown here; only its metadata is.
            .defer("article__raw_text", "article__body")
            .order_by("article_id", "start"),
            to_attr="prefetched_citations",
        ),
    )


def parse_cursor(value: str) -> tuple[datetime.date, int]:
    try:
        day, _, pk = value.partition(".")
        cursor = datetime.date.fromisoformat(day), int(pk)
    except (ValueError, OverflowError):
        cursor = None
    if cursor is None or not 0 <= cursor[1] < MAX_ID or date_range_problem(cursor[0]):
        raise ValidationError("Not a page cursor (expected YYYY-MM-DD.ID).", code="invalid")
    return cursor


def cursor_of(event) -> str:
    return f"{event.start.isoformat()}.{event.pk}"


@dataclass(frozen=True)
class Fetched:
    """A part of a view (merged_window) small enough to fetch whole through an index of its
    own, such as the GiST index of very long events' periods, and sort, rather than read in
    (start, id) order."""

    queryset: object


@dataclass
class KeysetPage:
    object_list: list
    total: int | None
    next_cursor: str | None  # "after" of the following page
    previous_cursor: str | None  # "before" of the preceding page
    is_first: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return True  # an empty page is still a page ("No events match")

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


def keyset_window(
    queryset,
    limit: int,
    after: tuple[datetime.date, int] | None = None,
    before: tuple[datetime.date, int] | None = None,
    indexed: bool = True,
):
    """The first ``limit`` rows of ``queryset`` after the cursor ``after`` in (start, id) order,
    or before ``before`` in (-start, -id) order.

    ``indexed=False`` orders by an expression no B-tree provides, for a small part that has an
    index of its own (the very long events going on at a day, through their GiST index):
    PostgreSQL then fetches the part through that index and sorts it, instead of walking
    event_start_id_idx in order hoping to meet a match early.
    """
    if before is not None:
        day, pk = before
        queryset = queryset.filter(start__lte=day).filter(
            Q(start__lt=day) | Q(start=day, id__lt=pk)
        )
    elif after is not None:
        day, pk = after
        # start >= day bounds the index range; the OR then skips what was already read.
        queryset = queryset.filter(start__gte=day).filter(
            Q(start__gt=day) | Q(start=day, id__gt=pk)
        )
    backwards = before is not None
    if indexed:
        return queryset.order_by(*(("-start", "-id") if backwards else ("start", "id")))[:limit]
    day = ExpressionWrapper(F("start") + datetime.timedelta(0), output_field=DateTimeField())
    keys = (day.desc(), F("id").desc()) if backwards else (day.asc(), F("id").asc())
    return queryset.order_by(*keys)[:limit]


def merged_window(
    parts: list,
    fields: tuple[str, ...],
    limit: int,
    after: tuple[datetime.date, int] | None = None,
    before: tuple[datetime.date, int] | None = None,
):
    """One query: the first ``limit`` rows (``fields``, which include start and id) after or
    before a cursor of the union of ``parts``, in (start, id) order (reversed with ``before``).

    ``parts`` are querysets whose union is the view and which share no event (see
    plan.date_range_parts), each read in (start, id) order from an index, or, wrapped in
    Fetched, small and fetched whole through an index of its own, then sorted
    (keyset_window(indexed=False)). Every part gets the cursor and the limit (so a part's window
    is all the merge can need of it), then ``UNION ALL`` merges the windows by (start, id).
    PostgreSQL only: SQLite allows no LIMIT inside a UNION.
    """
    order = ("-start", "-id") if before is not None else ("start", "id")
    windows = []
    for part in parts:
        fetched = isinstance(part, Fetched)
        queryset = (part.queryset if fetched else part).values_list(*fields)
        windows.append(keyset_window(queryset, limit, after, before, indexed=not fetched))
    if len(windows) == 1:
        return windows[0]
    return windows[0].union(*windows[1:], all=True).order_by(*order)[:limit]


def keyset_page(
    queryset,
    size: int,
    after: tuple[datetime.date, int] | None = None,
    before: tuple[datetime.date, int] | None = None,
    total: int | None = None,
    parts: list | None = None,
) -> KeysetPage:
    """One page of ``queryset`` in (start, id) order, after or before a cursor.

    One query; or, with ``parts`` (querysets whose union is ``queryset``, each read in
    (start, id) order from an index or, wrapped in Fetched, fetched and sorted), one query
    merging the parts' pages by (start, id) (merged_window, which the exports' chunks share) and one
    fetching the page's rows (PostgreSQL; see plan.date_range_parts).
    """
    backwards = before is not None
    if parts:
        ids = [pk for _start, pk in merged_window(parts, ("start", "id"), size + 1, after, before)]
        by_id = {event.pk: event for event in queryset.filter(pk__in=ids)}
        rows = [by_id[pk] for pk in ids if pk in by_id]
    else:
        rows = list(keyset_window(queryset, size + 1, after, before))
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows = rows[::-1]
        return KeysetPage(
            rows,
            total,
            next_cursor=cursor_of(rows[-1]) if rows else None,
            previous_cursor=cursor_of(rows[0]) if rows and more else None,
            is_first=not more,
        )
    return KeysetPage(
        rows,
        total,
        next_cursor=cursor_of(rows[-1]) if rows and more else None,
        previous_cursor=cursor_of(rows[0]) if rows and after is not None else None,
        is_first=after is None,
    )
