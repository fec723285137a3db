"""The chronology's read side: what a view of the events costs is decided here, and only here.

A view (view.View: filters, text, date range, page cursor) comes from the filter form
(filters.ChronologyFilter.view) or is made directly (an actor's page is ``View(actor=actor)``).
The calls below turn it into what the pages, the exports and the entity pages show; they are the
only code that knows index names, database vendors, samples, the common words' bits and the
going-on parts:

- page(view): one keyset page of events, with what their cards show;
- counts(view): facet counts, total and months, in at most three queries (facets.py);
- histogram(view, counts): the bars of the view's months (facets.py);
- sample(view): a uniform random sample, for a total without COUNT(*) (facets.py);
- count(view), first_and_last(view): the exact number of events, the first and the last
  (the presentation page and the TimelineJS export's title);
- export_rows(view, fields), of_events(queryset, ids): the view's rows in (start, id) order,
  chunk by chunk, and each chunk's related rows (the exports);
- events_for_cards(): events with what their cards read, prefetched (the event's page).

Modules: view.py (the query), plan.py (how each filter is worded for the indexes), facets.py
(facets, samples, the stored aggregates, the histogram), pages.py (keyset pages and windows),
text.py (the text box's syntax and the text search). The PostgreSQL-only columns it reads are
declared on Event (timeline/vendor_schema.py).
Writes drop the stored aggregates (timeline/signals.py: invalidate_aggregates).
"""

import datetime
from collections.abc import Iterator

from timeline.models import Event
from timeline.search import plan
from timeline.search.facets import (
    FACET_LIMIT,
    FacetValue,
    Histogram,
    Sample,
    Stored,
    ViewCounts,
    count_view,
    from_the_range_on,
    histogram_from_counts,
    rounded,
    sample_events,
)
from timeline.search.pages import (
    KeysetPage,
    events_for_cards,
    keyset_page,
    keyset_window,
    merged_window,
    parse_cursor,
)
from timeline.search.view import COMBINING, EXCLUDING, FILTER_NAMES, View

__all__ = [
    "COMBINING",
    "EXCLUDING",
    "FACET_LIMIT",
    "FILTER_NAMES",
    "FacetValue",
    "Histogram",
    "KeysetPage",
    "Sample",
    "Stored",
    "View",
    "ViewCounts",
    "count",
    "counts",
    "events_for_cards",
    "export_rows",
    "first_and_last",
    "histogram",
    "of_events",
    "page",
    "parse_cursor",
    "rounded",
    "sample",
]


def page(view: View, size: int, total: int | None = None) -> KeysetPage:
    """The page of ``size`` events of the view at its cursor (view.after or view.before), in
    (start, id) order, with what their cards show prefetched. ``total``: the count to show."""
    return keyset_page(
        plan.filtered(view, events_for_cards()),
        size,
        after=view.after,
        before=view.before,
        total=total,
        parts=plan.date_range_parts(view, events_for_cards()),
    )


def counts(view: View, stored: Stored | None = None) -> ViewCounts:
    """Facets, total and months of the view (count_view)."""
    return count_view(view, stored)


def histogram(view: View, view_counts: ViewCounts) -> tuple[Histogram | None, int]:
    """The view's histogram, and how many of its events began before its range (they are drawn
    in its first bar: from_the_range_on)."""
    months, earlier = from_the_range_on(view_counts.months, view.date_from)
    return histogram_from_counts(months, view_counts.days), earlier


def sample(view: View) -> Sample:
    """A uniform random sample of the view's events, with its size (exact below
    FACET_SAMPLE_SIZE, estimated above): the actor and place pages' totals."""
    return sample_events(plan.filtered(view, Event.objects.visible()))


def count(view: View) -> int:
    return plan.filtered(view, Event.objects.visible()).count()


def first_and_last(view: View) -> tuple[Event | None, Event | None]:
    """The view's earliest event and the one that ends last."""
    events = plan.filtered(view, Event.objects.visible())
    return events.order_by("start", "id").first(), events.order_by("-last_day", "-id").first()


def of_events(queryset, ids: list[int]):
    """The rows of a related table (``event_id``) that belong to these events, in one query
    however many ids (an export chunk's actors, places and citations: plan.of_events)."""
    return plan.of_events(queryset, ids)


def export_rows(view: View, fields: tuple, first: int, size: int) -> Iterator[list[tuple]]:
    """The view's events as tuples of ``fields``, in (start, id) order, in lists of ``first``
    rows and then of ``size``: each list one keyset query (never OFFSET, and no cursor held open
    for the length of a download). From a date on (PostgreSQL), each list merges the parts the
    chronology's pages read (plan.date_range_parts, pages.merged_window). When the last list is
    full, one more query finds nothing."""
    visible = Event.objects.visible()
    rows = plan.filtered(view, visible).values_list(*fields)
    parts = plan.date_range_parts(view, visible)
    cursor: tuple[datetime.date, int] | None = None
    limit = first
    while True:
        if parts:
            window = list(merged_window(parts, fields, limit, after=cursor))
        else:
            window = list(keyset_window(rows, limit, after=cursor))
        if not window:
            return
        yield window
        if len(window) < limit:
            return
        cursor = window[-1][fields.index("start")], window[-1][fields.index("id")]
        limit = size
