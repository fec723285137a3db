"""How a view's filters are worded in SQL, so that the indexes that serve them can.

The same events can be asked for in words that the planner serves differently. These are the
wordings this package chooses between (EventQuerySet says what the events are, in plain terms):

- an actor, place or outlet as EXISTS on its link table, or on PostgreSQL as a test of the
  event's own id array, which the sample indexes cover (``covered``, filtered);
- the events going on at a day in two parts, each with an index of its own (going_on_parts);
- a text through the GIN index, or tested on the row or from the common words' bits
  (matching_unindexed, matching_by_bits, holding_bits);
- a view from a date on as parts each read in (start, id) order (date_range_parts).
"""

import datetime

from django.db import connection, connections, models
from django.db.models import Exists, ExpressionWrapper, F, Func, Lookup, OuterRef, Q, Value
from django.db.models.expressions import RawSQL

from timeline.models import SEARCH_CONFIG, Citation, Event, EventActor
from timeline.search import text as search_text
from timeline.search.pages import Fetched
from timeline.search.view import View

# An event going on at a day it started more than this many days before lasts longer than
# that: few do (going_on_parts; event_very_long_period_gist, migration 0019).
LONG_AGO = 366


def _pks(chosen) -> list[int]:
    """The ids of one object or of several (an actor, or the actors a view combines)."""
    several = chosen if isinstance(chosen, (list, tuple)) else (chosen,)
    return [getattr(one, "pk", one) for one in several]


def _linked(queryset, link, ids: str, pks: list[int], covered, left_out: bool):
    """The events linked (``link``: the link table's rows for OuterRef("pk") and ``pks``) to any
    of ``pks``, or with ``left_out`` to none of them; on PostgreSQL the condition may be its twin
    on the event's own id array.

    ``covered=True``: the array alone (``ids @> ARRAY[pk]``, ``ids && ARRAY[…]`` for several),
    for a walk of the sample indexes, which cover the arrays, that must test every entry without
    leaving the index (counts._text_sample_sql) or for a part another index already makes small.
    ``covered="also"``: both, the array first (PostgreSQL tests the cheaper condition
    first), so that a walk probes the link table only for the entries that pass, while
    the planner may still start from the link table's index for a rare value.
    Otherwise EXISTS alone, which the planner can start from or probe. Left out: NOT EXISTS,
    or with ``covered`` the array's test alone, negated (exact, and read from the index entry).
    """
    exists = Exists(link)
    if not covered or connection.vendor != "postgresql":
        return queryset.filter(~exists if left_out else exists)
    test = Q(**{f"{ids}__contains": pks}) if len(pks) == 1 else Q(**{f"{ids}__overlap": pks})
    if left_out:
        return queryset.filter(~test)
    queryset = queryset.filter(test)
    return queryset.filter(exists) if covered == "also" else queryset


def involving(queryset, actors, *, covered=False, left_out=False):
    """Events in which any of ``actors`` (or one actor) holds any role; ``left_out``: none
    (``covered``: see _linked; Event.actor_ids)."""
    pks = _pks(actors)
    link = EventActor.objects.filter(event=OuterRef("pk"), actor__in=pks)
    return _linked(queryset, link, "actor_ids", pks, covered, left_out)


def at(queryset, places, *, covered=False, left_out=False):
    """Events at any of ``places`` (or one place); ``left_out``: at none (``covered``: see
    _linked; Event.place_ids)."""
    pks = _pks(places)
    link = Event.places.through.objects.filter(event=OuterRef("pk"), place__in=pks)
    return _linked(queryset, link, "place_ids", pks, covered, left_out)


def cited_by(queryset, outlets, *, covered=False, left_out=False):
    """Events an article of any of ``outlets`` (or one outlet) cites; ``left_out``: none
    (``covered``: see _linked; Event.outlet_ids)."""
    pks = _pks(outlets)
    link = Citation.objects.filter(event=OuterRef("pk"), article__outlet__in=pks)
    return _linked(queryset, link, "outlet_ids", pks, covered, left_out)


_LINKS = (("actor", involving), ("place", at), ("outlet", cited_by))
_COLUMNS = (("type", "event_type"), ("precision", "precision"))


def filtered(view: View, queryset, without=frozenset(), *, covered: bool | str = False):
    """The events of ``queryset`` in ``view``, leaving out the filters named in ``without``
    (a facet's counts leave out its own: view.own_filters). ``covered``: how the actor, place
    and outlet filters are worded (_linked)."""

    def given(name: str):
        return None if name in without else getattr(view, name)

    queryset = queryset.between(given("date_from"), given("date_to"))
    for name, link in _LINKS:
        if chosen := given(name):
            queryset = link(queryset, chosen, covered=covered)
        if left_out := given(f"not_{name}"):
            queryset = link(queryset, left_out, covered=covered, left_out=True)
    if codes := given("country"):
        queryset = queryset.in_country(*codes)
    if codes := given("not_country"):
        queryset = queryset.in_country(*codes, left_out=True)
    for name, column in _COLUMNS:
        if chosen := given(name):
            queryset = queryset.filter(**{f"{column}__in": chosen})
        if left_out := given(f"not_{name}"):
            queryset = queryset.exclude(**{f"{column}__in": left_out})
    if status := given("status"):
        queryset = queryset.filter(status=status)
    if contested := given("contested"):
        queryset = queryset.filter(contested=contested == "yes")
    if given("q"):
        queryset = queryset.matching(view.search)
    return queryset


def going_on_parts(queryset, day: datetime.date) -> tuple:
    """The events of ``queryset`` going on at ``day`` (EventQuerySet.going_on_at) as two parts,
    each with an index of its own on PostgreSQL (migration 0019):

    - started within LONG_AGO days before the day: event_long_start_idx holds the long events
      in (start, id) order, so the part is read in page order from a year before the day and
      stops at the page's size;
    - started longer ago, and so lasting more than LONG_AGO days: found through the period test
      on event_very_long_period_gist, which holds only those.

    last_day > start (and for the second part last_day > start + LONG_AGO) follows from the
    other conditions and is stated so that the planner may use those partial indexes.
    """
    going_on = queryset.going_on_at(day).filter(last_day__gt=F("start"))
    recently = going_on.filter(start__gte=day - datetime.timedelta(days=LONG_AGO))
    long_ago = going_on.filter(start__lt=day - datetime.timedelta(days=LONG_AGO))
    if connection.vendor != "postgresql":
        return recently, long_ago
    from django.contrib.postgres.fields import DateRangeField

    # start + 366 as the index's predicate writes it: date + integer.
    later = ExpressionWrapper(F("start") + Value(LONG_AGO), output_field=models.DateField())
    period = Func(
        F("start"),
        F("last_day"),
        function="daterange",
        template="%(function)s(%(expressions)s, '[]')",
        output_field=DateRangeField(),
    )
    long_ago = long_ago.alias(_later=later, period=period).filter(
        last_day__gt=F("_later"), period__contains=day
    )
    return recently, long_ago


def matching_unindexed(queryset, text: str):
    """matching(text) worded so that the GIN index cannot serve it (text.matching)."""
    return search_text.matching(queryset, text, indexed=False)


def matching_by_bits(queryset, text: str, *, bits: bool):
    """One of two parts that together are ``matching_unindexed(text)`` (PostgreSQL).

    ``bits=True``: when the query is a conjunction of words in the vocabulary of common
    words (timeline_lexeme_mask, migration 0018), the events whose lexeme_bits hold them all,
    a test an index covering the bits makes without the table row; otherwise none.
    ``bits=False``: the row's search vector, and only when the query has no such mask. The
    mask is a scalar subquery, computed once per query, so the part not taken reads
    nothing.
    """
    mask_sql = "(SELECT timeline_lexeme_mask(websearch_to_tsquery(%s::regconfig, %s)))"
    params = (SEARCH_CONFIG, text)
    test = "IS NOT NULL" if bits else "IS NULL"
    qs = queryset.filter(RawSQL(f"{mask_sql} {test}", params, output_field=models.BooleanField()))
    if not bits:
        return matching_unindexed(qs, text)
    return holding_bits(qs, RawSQL(mask_sql, params, output_field=models.BigIntegerField()))


def holding_bits(queryset, mask):
    """Events whose lexeme_bits hold every bit of ``mask`` (an SQL expression; PostgreSQL):
    with a query's mask (timeline_lexeme_mask), exactly the events matching it."""
    held = ExpressionWrapper(F("lexeme_bits").bitand(mask), output_field=models.BigIntegerField())
    return queryset.alias(_bits=held).filter(_bits=mask)


def date_range_parts(view: View, base) -> list | None:
    """A view from a date on, as parts each readable in (start, id) order; ``base`` is the
    queryset the view filters (the parts are filtered here). None: read the view as one.

    The events overlapping [from, …] are those starting from that day on (a range scan of
    event_start_id_idx) and those that started earlier and are still going on at it. Taken as
    one condition, PostgreSQL walks event_start_id_idx from the first event ever and drops every
    one that ended too early: a million rows. The events going on at the first day come in two
    parts (going_on_parts, migration 0019), each through an index covering the columns the
    filters test (actor, place and outlet through the id arrays, no probe of a link table per
    entry): those that started in the year before it, read in page order from
    event_long_start_idx and stopped at the page's size, and the few lasting longer, fetched
    through event_very_long_period_gist and sorted (Fetched). A text is tested from
    lexeme_bits when its words are in the vocabulary, else on the row (matching_by_bits: of the
    two parts only one reads anything; the few long-lasting events take the row's vector), not
    through the GIN index (whose list for a common word is 230,000 entries long). SQLite (small
    chronologies, and no slicing inside UNION there) takes the plain query.
    """
    first = view.date_from
    if first is None or connection.vendor != "postgresql":
        return None
    starting = filtered(view, base).filter(start__gte=first)
    going_on = filtered(view, base, without={"q"}, covered=True)
    recently, long_ago = going_on_parts(going_on, first)
    if not view.search:
        return [Fetched(long_ago), recently, starting]
    return [
        Fetched(matching_unindexed(long_ago, view.search)),
        matching_by_bits(recently, view.search, bits=True),
        matching_by_bits(recently, view.search, bits=False),
        starting,
    ]


class AnyOf(Lookup):
    """``column = ANY(%s::bigint[])``: the chunk's ids as one array parameter (PostgreSQL).

    An IN list of a thousand ids costs Django and psycopg a thousand parameters to prepare,
    adapt and splice in, each chunk, three times: a fifth of a whole export's time at 1M events.
    The array goes as its text literal, which psycopg passes as one string.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        ids = "{" + ",".join(str(int(pk)) for pk in self.rhs) + "}"
        return f"{lhs} = ANY(%s::bigint[])", (*params, ids)


def of_events(queryset, ids: list[int]):
    """The rows of ``queryset`` (a table with ``event_id``) that belong to these events: an
    export chunk's actors, places and citations."""
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(AnyOf(F("event_id"), ids))
    return queryset.filter(event_id__in=ids)
