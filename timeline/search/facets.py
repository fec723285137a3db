"""Facet counts, the total and the density histogram for the chronology's current filters.

Facets are disjunctive, as analysts expect from a search tool: the counts of one facet apply
every filter except its own, so its select can offer the alternatives ("Nikol Pashinyan (7)")
while the others narrow.

Where the counts come from (count_view):
- The unfiltered view's aggregates (every facet, the scalar columns and the histogram's months)
  are stored in timeline.models.Aggregate and reused by any facet whose own filter is the only
  one set; any write drops them, so they are exact.
- Every other count is read from a uniform random sample of the events it is about, at most
  settings.FACET_SAMPLE_SIZE of them, all subsets in one query (see read_samples): exact when
  the subset is smaller than that, an estimate marked "≈" when it is larger.
"""

import datetime
import functools
import logging
import threading
import uuid
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, replace
from itertools import chain

from django.conf import settings
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    JSONField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractMonth, ExtractYear

from articles.models import Article, Outlet
from timeline.extraction.places import country_name
from timeline.models import (
    SAMPLE_SPACE,
    SEARCH_CONFIG,
    Actor,
    Aggregate,
    Citation,
    Event,
    EventActor,
    Place,
    Precision,
)
from timeline.search import plan
from timeline.search import text as search_text
from timeline.search.view import View, own_filters
from timeline.vendor_schema import MonthNumber

logger = logging.getLogger(__name__)

FACET_LIMIT = 12
SCALAR_FACETS = ("type", "precision", "status", "contested")
_SCALAR_COLUMNS = {
    "type": "event_type",
    "precision": "precision",
    "status": "status",
    "contested": "contested",
}


def rounded(n: int) -> int:
    """An estimate to three significant figures: 297,359 reads as 297,000."""
    return round(n, 2 - len(str(n)) + 1) if n >= 1000 else n


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int


def _events(view: View, facet: str):
    return plan.filtered(view, Event.objects.visible(), without=own_filters(facet))


class Stored:
    """The unfiltered view's exact aggregates (timeline.models.Aggregate), read in one query.

    Any write drops them (timeline/signals.py). Until refresh() stores them again, count_view
    reads samples instead (exact on a small chronology, "≈" on a large one); generate_corpus and
    refresh_aggregates store them, and a page that finds none stored starts a refresh in the
    background (refresh_later), so that the response cache, keyed on them, works again.
    """

    KEYS = ("actor", "place", "outlet", "country", "places_country", "scalar", "months", "names")
    PENDING = "pending"  # a refresh in progress; a write in the meantime deletes it
    # A random token stored with the aggregates: it names the state of the data they were
    # counted on, so it changes whenever they are dropped and stored again, that is after every
    # write. The chronology keys its response cache on it (views.chronology).
    VERSION = "version"

    def __init__(self):
        self._decoded: _Decoded | None = None
        self._version: str | None = None
        self._read = False

    def _load(self) -> None:
        """One query. The aggregates of the version this process decoded last are not sent
        again: a payload is returned only when the stored version is another one."""
        if self._read:
            return
        self._read = True
        known = _last_decoded
        version_row = Aggregate.objects.filter(key=self.VERSION)
        unchanged = Exists(version_row.filter(payload=known.version)) if known else Value(False)
        rows = dict(
            Aggregate.objects.filter(key__in=(*self.KEYS, self.VERSION)).values_list(
                "key",
                Case(
                    When(key=self.VERSION, then=F("payload")),
                    When(unchanged, then=Value(None)),
                    default=F("payload"),
                    output_field=JSONField(),
                ),
            )
        )
        version = rows.pop(self.VERSION, None)
        if set(rows) != set(self.KEYS) or version is None:
            return
        if known and known.version == version:
            self._decoded, self._version = known, version
        elif None not in rows.values():
            self._decoded, self._version = _remember(_Decoded(version, rows)), version

    def payload(self) -> dict | None:
        self._load()
        return self._decoded.payload if self._decoded else None

    def decoded(self) -> "_Decoded | None":
        """The payload with the structures count_view reads, built once per version."""
        self._load()
        return self._decoded

    def version(self) -> str | None:
        """The data version the stored aggregates were counted on; None when none are stored."""
        self._load()
        return self._version

    def names(self) -> dict[str, frozenset[str]] | None:
        """Every actor's names by spelling (search.names_by_spelling); None when no aggregates
        are stored."""
        self._load()
        return self._decoded.names if self._decoded else None

    def get(self, key: str):
        return self.payload()[key]

    @classmethod
    def refresh(cls) -> bool:
        """Count the unfiltered view exactly and store it; False if a write raced the count.

        A token row is stored first; a write during the count drops every aggregate row, the
        token too, and then the (possibly stale) counts are thrown away.
        """
        token = uuid.uuid4().hex
        Aggregate.objects.update_or_create(key=cls.PENDING, defaults={"payload": token})
        view = View()
        entities = _entity_rows(view, set(ENTITY_FACETS))
        payload = {
            **{
                name: [[v.value, v.label, v.count] for v in values]
                for name, values in entities.items()
            },
            "country": [[v.value, v.label, v.count] for v in _country_facet(view)],
            # Each place's country, by which a sample's places count for their countries.
            "places_country": dict(Place.objects.exclude(country="").values_list("pk", "country")),
            "scalar": _scalar_rows(view),
            "months": _month_rows(view),
            # Every actor's names and aliases, which a text is expanded with (search.with_aliases).
            "names": list(map(list, Actor.objects.values_list("pk", "name", "aliases__name"))),
            cls.VERSION: token,
        }
        with transaction.atomic():
            claimed = (
                Aggregate.objects.select_for_update()
                .filter(key=cls.PENDING, payload=token)
                .exists()
            )
            if not claimed:
                return False
            with suppress(IntegrityError):  # a concurrent refresh stored them first
                Aggregate.objects.bulk_create(
                    [Aggregate(key=key, payload=value) for key, value in payload.items()],
                    update_conflicts=True,
                    unique_fields=["key"],
                    update_fields=["payload", "computed_at"],
                )
            Aggregate.objects.filter(key=cls.PENDING).delete()
        return True


class _Decoded:
    """The stored aggregates of one data version, decoded, with the facet values and labels
    count_view reads from them: built once per version and process (a few thousand actors and
    places each time otherwise, 3–5 ms a page). Read-only once built, so threads share it."""

    def __init__(self, version: str, payload: dict):
        self.version = version
        self.payload = payload
        self.values = {
            name: [FacetValue(*row) for row in payload[name]] for name in (*ENTITY_FACETS, COUNTRY)
        }
        self.labels = {
            name: {value: label for value, label, _n in payload[name]} for name in ENTITY_FACETS
        }
        # JSON keys are text: the place ids as the samples give them.
        self.labels[PLACES_COUNTRY] = {
            str(k): code for k, code in payload["places_country"].items()
        }
        self.scalars = {name: _scalar_values(name, payload["scalar"]) for name in SCALAR_FACETS}
        self.names = search_text.names_by_spelling(payload["names"])


_last_decoded: _Decoded | None = None


def _remember(decoded: _Decoded) -> _Decoded:
    global _last_decoded
    _last_decoded = decoded
    return decoded


_refreshing = threading.Lock()


def refresh_later() -> None:
    """Store the exact aggregates again without making the current request wait for them.

    settings.AGGREGATES_REFRESH: "background" (a thread, one at a time per process), "inline"
    (now, in this request) or "off" (leave it to the commands).
    """
    mode = settings.AGGREGATES_REFRESH
    if mode == "inline":
        Stored.refresh()
    elif mode == "background" and _refreshing.acquire(blocking=False):

        def run():
            try:
                Stored.refresh()
            except Exception:
                logger.exception("Refreshing the stored aggregates failed")
            finally:
                _refreshing.release()
                connections.close_all()  # this thread's connections

        threading.Thread(target=run, name="aggregates-refresh", daemon=True).start()


ENTITY_FACETS = ("actor", "place", "outlet")
# Events by their places' countries (Place.country, an ISO 3166-1 code): counted from the
# sampled events' place ids, through each place's country (labels[PLACES_COUNTRY]).
COUNTRY = "country"
PLACES_COUNTRY = "places_country"
FACETS = ("actor", "place", COUNTRY, "outlet", *SCALAR_FACETS)
_ENTITY_COLUMNS = {"actor": "actor_ids", "place": "place_ids", "outlet": "outlet_ids"}


def _entity_rows(view, names: set[str]) -> dict[str, list[FacetValue]]:
    """Exact entity facets over the whole view (the stored aggregates are computed with these)."""
    facets: dict[str, list[FacetValue]] = {}
    if "actor" in names:
        facets["actor"] = _actor_facet(view)
    if "place" in names:
        facets["place"] = _place_facet(view)
    if "outlet" in names:
        facets["outlet"] = _outlet_facet(view)
    return facets


def _actor_facet(view) -> list[FacetValue]:
    actor_rows = (
        EventActor.objects.filter(event__in=_events(view, "actor"))
        .values("actor_id", name=F("actor__name"))
        .annotate(n=Count("event_id", distinct=True))
        .order_by("-n", "name")
    )
    return [FacetValue(str(r["actor_id"]), r["name"], r["n"]) for r in actor_rows]


def _place_facet(view) -> list[FacetValue]:
    place_rows = (
        Place.objects.filter(events__in=_events(view, "place"))
        .values("id", "name")
        .annotate(n=Count("events", distinct=True))
        .order_by("-n", "name")
    )
    return [FacetValue(str(r["id"]), r["name"], r["n"]) for r in place_rows]


def _outlet_facet(view) -> list[FacetValue]:
    outlet_rows = (
        Citation.objects.filter(event__in=_events(view, "outlet"), article__outlet__isnull=False)
        .values("article__outlet_id", name=F("article__outlet__name"))
        .annotate(n=Count("event_id", distinct=True))
        .order_by("-n", "name")
    )
    return [FacetValue(str(r["article__outlet_id"]), r["name"], r["n"]) for r in outlet_rows]


def _country_facet(view) -> list[FacetValue]:
    country_rows = (
        Event.places.through.objects.filter(event__in=_events(view, COUNTRY))
        .exclude(place__country="")
        .values(code=F("place__country"))
        .annotate(n=Count("event_id", distinct=True))
    )
    values = [FacetValue(r["code"], country_name(r["code"]), r["n"]) for r in country_rows]
    return sorted(values, key=lambda v: (-v.count, v.label))


def _scalar_rows(view) -> list[dict]:
    return list(
        plan.filtered(view, Event.objects.visible())
        .values("event_type", "precision", "status", "contested")
        .annotate(n=Count("id"))
        .order_by()
    )


def _scalar_values(name: str, rows: list[dict]) -> list[FacetValue]:
    column = _SCALAR_COLUMNS[name]
    counts: Counter = Counter()
    for row in rows:
        counts[row[column]] += row["n"]
    if name == "type":
        labels = dict(Event.Type.choices)
    elif name == "precision":
        labels = {"day": "day", "month": "month", "year": "year"}
    elif name == "status":
        labels = {"extracted": "unreviewed", "reviewed": "reviewed"}
    else:
        labels = {True: "contested", False: "not contested"}
    values = [
        FacetValue(
            ("yes" if key else "no") if name == "contested" else str(key),
            labels.get(key, str(key)),
            n,
        )
        for key, n in counts.items()
    ]
    return sorted(values, key=lambda v: (-v.count, v.label))


# --- Filtered views: counts over a uniform random sample of each facet's events -------------
#
# A facet over a filtered view counts the events matching every filter but its own. Counted
# exactly, the most common actor of a million-event chronology means COUNT(DISTINCT) over
# hundreds of thousands of join rows: seconds. Instead each such subset is read through its
# first k events in Event.sample order (a random key fixed at creation, indexed), the "k minimum
# values" of the subset:
# - a subset of fewer than k events is read whole, so its counts are exact;
# - a larger one yields a uniform random sample of k events, and the k-th smallest key estimates
#   its size: |S| ≈ (k - 1) · SAMPLE_SPACE / key_k (relative error about 1/sqrt(k));
#   every count is then scaled by |S| / k and shown as approximate ("≈").
# All the subsets a page needs are read in one UNION ALL query, each sampled event with the ids
# of its actors, places and outlets, and counted in Python.


@dataclass(frozen=True, slots=True)
class Sample:
    rows: list[dict]
    exact: bool
    total: int

    def scaled(self, n: int) -> int:
        if self.exact or not self.rows:
            return n
        return max(1, round(n * self.total / len(self.rows))) if n else 0

    @classmethod
    def from_first(cls, found: list[dict], k: int) -> "Sample":
        """A subset's first k rows in sample order (each with its ``sample`` key), read with
        LIMIT k: fewer than k is the whole subset, exact; k of them estimate its size as
        (k - 1) · SAMPLE_SPACE / k-th key."""
        if len(found) < k:
            return cls(found, exact=True, total=len(found))
        kth = max(row["sample"] for row in found)
        return cls(found, exact=False, total=max(k, round((k - 1) * SAMPLE_SPACE / (kth + 1))))


def sample_size() -> int:
    return settings.FACET_SAMPLE_SIZE


SAMPLED_COLUMNS = ("id", "sample", "start", "event_type", "precision", "status", "contested")
# On PostgreSQL the sample indexes also cover each event's actor, place and outlet ids
# (migrations 0014, 0017), read with the rest instead of a subquery per event and relation.
ID_ARRAYS = {"actor": ("actor_list", "actor_ids"), "place": ("place_list", "place_ids"),
             "outlet": ("outlet_list", "outlet_ids")}  # fmt: skip


def _sampled(queryset):
    """values() of the sampled columns (and on PostgreSQL the id arrays), in sample order."""
    queryset = queryset.order_by("sample")
    if connection.vendor != "postgresql":
        return queryset.values(*SAMPLED_COLUMNS)
    arrays = {alias: F(column) for alias, column in ID_ARRAYS.values()}
    return queryset.annotate(**arrays).values(*SAMPLED_COLUMNS, *arrays)


def _ids_sql(vendor: str, table: str, column: str, join: str = "", where: str = "") -> str:
    """The comma-separated ids of a sampled event's related rows (a correlated subquery)."""
    agg = (
        f"string_agg(CAST({column} AS text), ',')"
        if vendor == "postgresql"
        else (f"group_concat({column}, ',')")
    )
    return f"(SELECT {agg} FROM {table} r {join} WHERE r.event_id = s.id {where})"


# A date range of at most this many months is sampled month by month (_month_walks); a longer
# one holds a large share of the events, so that walking them all in sample order meets its k
# soon enough.
MONTH_WALK_MAX = 36


def _month_walks(view, events, *, text_tested: bool = False, going_on=None) -> tuple | None:
    """A subset with a date range [from, to] as parts whose union it is, each of which PostgreSQL
    walks in ``sample`` order from an index of its own (None: walk the subset as one): the
    parts before the range, the events starting in it (aliased ``_month``, one part a month)
    and the range's month numbers.

    The parts: the events that started before ``from`` and are still going on at it (a few
    thousand at 1M events), in the two parts of going_on_at (since the year before; since
    longer), then the events starting in each month of the range, one part per month
    (event_month_sample_visible_idx on (start_month, sample)). The first k of each part,
    merged by sample and cut at k, are the subset's first k: the parts share no event and each
    gives all it could contribute. Walking event_sample_visible_idx instead meets the range's
    events among all the others: about 60 index entries for each one kept in a two-month range.

    The planner reads each going-on part either in sample order (event_long_sample_visible_idx,
    stopped at the k-th key of the union: a few percent of the index for a large subset) or
    through its own covering index and a sort (event_long_start_idx: the year before ``from``;
    the GiST index of the very long events), which a small subset needs: it is read to the end
    whatever the index, and the whole sample index of long events is 200,000 entries (50 ms)
    where the year before a day holds 15,000–30,000 (5 ms). Not with a text filter the index
    cannot test: every row checked would then be a table read (the walk of the first part,
    370 ms), and the month parts fetch the GIN index's match list once each (20 ms a month);
    one walk of the whole subset is cheaper. ``text_tested``: the text is tested from the index
    entry (lexeme_bits, _text_sample_sql), so the parts serve as without text. SQLite (small
    chronologies) walks the subset as one too.
    """
    first, last = view.date_from, view.date_to
    if (
        connection.vendor != "postgresql"
        or first is None
        or last is None
        or (view.q and not text_tested)
    ):
        return None
    months = range(MonthNumber.of(first), MonthNumber.of(last) + 1)
    if len(months) > MONTH_WALK_MAX:
        return None
    starting = events.filter(start__gte=first).alias(_month=F("start_month"))
    # The events going on at the first day, in the two parts of going_on_at (since the year
    # before; since longer), each of which the planner may walk in sample order
    # (event_long_sample_visible_idx) or fetch through its own covering index and sort.
    # ``going_on``: the subset filtered with covered=True (actor, place, outlet on the id arrays
    # alone; _sampled here), for these parts: fetched through their covering indexes, the EXISTS of
    # covered="also" became a hash of every event of a common actor (297,000 rows, 32 ms).
    going_on = events if going_on is None else _sampled(going_on)
    before = list(plan.going_on_parts(going_on, first))
    return before, starting, months


# A text subset is read one of three ways (_text_sample_sql), chosen from the planner's
# estimates when the query runs. The two walks are taken when the text matches at least
# TEXT_WALK_SHARE of the events and the subset's other filters at least the first of
# COVERED_WALK_SHARES: rarer, and a walk meets too few of them (the planner's own plan starts
# from the GIN list or the rare filter's index instead). The bits walk, when the query's words
# are all in the vocabulary of common words (lexeme_bits); else the row walk, and only up to the
# second share: more common filters, and reading the row of each entry through the primary key
# costs more than the plain walk's read by position.
TEXT_WALK_SHARE = 0.1
COVERED_WALK_SHARES = (0.02, 0.5)


def _estimate_sql(queryset) -> str:
    """A queryset's SQL with its parameters quoted in, for timeline_estimated_share."""
    sql, params = queryset.order_by().values("id").query.sql_with_params()
    return connection.ops.compose_sql(sql, params)


@functools.lru_cache(maxsize=256)
def _text_estimate_sql(text: str) -> str:
    """_estimate_sql of the events matching a text: the same for every subset of a page."""
    return _estimate_sql(Event.objects.matching(text))


def _walk_sql(view, events, k: int, *, text_tested: bool = False, covered=None):
    """SQL and params of a subset's first k events in sample order: one walk of a sample index,
    or for a date range the walks of _month_walks merged (``covered``: the same subset
    filtered with covered=True, for its going-on parts)."""
    sampled = _sampled(events)  # annotated once, before the parts are cut from it
    walks = _month_walks(view, sampled, text_tested=text_tested, going_on=covered)
    if walks is None:
        return sampled[:k].query.sql_with_params()
    before, starting, months = walks
    pieces = [walk[:k].query.sql_with_params() for walk in before]
    # The months' walks differ only in the month: compiled once, with a month no event has,
    # whose parameter then takes each month's number (the ORM spends about 0.4 ms on each part
    # it compiles; a year's range has fourteen parts, and a page two such subsets or more).
    sql, params = starting.filter(_month=_NO_MONTH)[:k].query.sql_with_params()
    (at,) = [i for i, param in enumerate(params) if param == _NO_MONTH]
    pieces += [(sql, (*params[:at], month, *params[at + 1 :])) for month in months]
    qn = connection.ops.quote_name
    union = " UNION ALL ".join(f"({piece})" for piece, _ in pieces)
    return f"{union} ORDER BY {qn('sample')} LIMIT {int(k)}", [p for _, ps in pieces for p in ps]


_NO_MONTH = -(2**31) + 12_345  # a start_month no date has, as a placeholder


# The query's bits, computed once per subset in the gate CTE of _text_sample_sql.
_GATE_MASK = RawSQL("(SELECT mask FROM gate)", (), output_field=BigIntegerField())


def _text_sample_sql(view, without, text: str, k: int):
    """The first k events in sample order of a subset with a text filter (PostgreSQL), as SQL
    that reads them one of three ways, chosen when it runs.

    The text is the filter the sample indexes test only through lexeme_bits (migration 0018),
    and only for the vocabulary's common words. The three ways, all selecting the same rows:

    - **Bits walk**: the query is a conjunction of vocabulary words (timeline_lexeme_mask gives
      its bits) and common, the other filters not rare. The subset's walk (by months for a date
      range) tests the text from the index entry like any other filter: about k / share
      entries, no table row.
    - **Row walk**: the same conditions but a word outside the vocabulary, the other filters
      not broad either. The walk tests the other filters from the index entry (actor, place and
      outlet through their id arrays) inside a subquery PostgreSQL may not flatten (OFFSET 0)
      and reads the row only of the entries that pass: about k / share rows (4,400 for an
      actor, three months and a common word at 1M events: 20 ms).
    - **Planned**: otherwise the planner's own plan of the subset's ordinary query, from the
      text's GIN list or the rare filter's index.

    The shares are the planner's estimates (timeline_estimated_share, migration 0014) and the
    bits are the vocabulary's, computed once in a CTE; the branches not chosen are not run (a
    One-Time Filter on a scalar subquery of the CTE).
    """
    covered = plan.filtered(view, Event.objects.visible(), without | {"q"}, covered=True)
    bits_sql, bits_params = _walk_sql(
        view, plan.holding_bits(covered, _GATE_MASK), k, text_tested=True
    )
    walk, walk_params = _sampled(covered).query.sql_with_params()
    plain = plan.filtered(view, Event.objects.visible(), without, covered="also")
    plain_sql, plain_params = _walk_sql(view, plain, k)
    qn = connection.ops.quote_name
    columns = ", ".join(f"w.{qn(c)}" for c in SAMPLED_COLUMNS) + "".join(
        f", w.{qn(alias)}" for alias, _ in ID_ARRAYS.values()
    )
    low, high = COVERED_WALK_SHARES
    gate_params = (_text_estimate_sql(text), TEXT_WALK_SHARE, _estimate_sql(covered), SEARCH_CONFIG,
                   text, low, low, high)  # fmt: skip
    sql = (
        "WITH estimates AS (SELECT timeline_estimated_share(%s) >= %s AS common, "
        "timeline_estimated_share(%s) AS share, "
        "timeline_lexeme_mask(websearch_to_tsquery(%s::regconfig, %s)) AS mask), "
        "gate AS (SELECT mask, CASE WHEN common AND share >= %s AND mask IS NOT NULL THEN 'bits' "
        "WHEN common AND share BETWEEN %s AND %s THEN 'rows' ELSE 'planned' END AS way "
        "FROM estimates) "
        f"(SELECT * FROM ({bits_sql}) b WHERE (SELECT way = 'bits' FROM gate)) "
        f"UNION ALL (SELECT {columns} FROM ({walk} OFFSET 0) w "
        f"JOIN {qn(Event._meta.db_table)} t ON t.{qn('id')} = w.{qn('id')} "
        f"WHERE t.search_vector @@ websearch_to_tsquery(%s::regconfig, %s) "
        f"AND (SELECT way = 'rows' FROM gate) ORDER BY w.{qn('sample')} LIMIT %s) "
        f"UNION ALL (SELECT * FROM ({plain_sql}) p WHERE (SELECT way = 'planned' FROM gate))"
    )
    params = (*gate_params, *bits_params, *walk_params, SEARCH_CONFIG, text, k, *plain_params)
    return sql, params


def _sample_sql(view, without: frozenset[str], tag: int, entities: set[str], k: int):
    """SQL and params of one subset's sample: its first k events in sample order, with the
    related ids the facets counted over it need (the others are NULL)."""
    vendor = connection.vendor
    qn = connection.ops.quote_name
    text = view.search if "q" not in without else None
    if text and vendor == "postgresql":
        inner, params = _text_sample_sql(view, without, text, k)
    else:
        events = plan.filtered(view, Event.objects.visible(), without, covered="also")
        covered = plan.filtered(view, Event.objects.visible(), without, covered=True)
        inner, params = _walk_sql(view, events, k, covered=covered)
    if vendor == "postgresql":
        related = {
            name: f"array_to_string(s.{qn(alias)}, ',')" for name, (alias, _) in ID_ARRAYS.items()
        }
    else:
        related = _related_sql(vendor)
    columns = ", ".join(f"s.{qn(c)}" for c in SAMPLED_COLUMNS[1:])
    ids = ", ".join(related[name] if name in entities else "NULL" for name in ENTITY_FACETS)
    return f"SELECT {tag}, {columns}, {ids} FROM ({inner}) s", params


def _related_sql(vendor: str) -> dict[str, str]:
    """The ids of a sampled event's actors, places and outlets as correlated subqueries (the
    databases without the id arrays)."""
    qn = connection.ops.quote_name
    article = Article._meta
    return {
        "actor": _ids_sql(vendor, qn(EventActor._meta.db_table), "r.actor_id"),
        "place": _ids_sql(vendor, qn(Event.places.through._meta.db_table), "r.place_id"),
        "outlet": _ids_sql(
            vendor,
            qn(Citation._meta.db_table),
            "a.outlet_id",
            join=f"JOIN {qn(article.db_table)} a ON a.id = r.article_id",
            where="AND a.outlet_id IS NOT NULL",
        ),
    }


def _id_lists(facets: set[str]) -> set[str]:
    """The related ids a sample must carry to count these facets (a country: the places)."""
    return {"place" if name == COUNTRY else name for name in facets} & set(ENTITY_FACETS)


def read_samples(view, needs: dict[frozenset[str], set[str]]) -> dict[frozenset[str], Sample]:
    """One query: the first k events (in sample order) of each subset ``needs`` names.

    ``needs`` maps the filters a subset leaves out to the facets counted over it. Each branch
    reads the subset's rows in the order of event_sample_idx and stops at k (the planner may
    instead fetch a small subset whole through another index and sort it); the ids of actors,
    places and outlets are aggregated for those k rows only.
    """
    k = sample_size()
    keys = list(needs)
    parts = [
        _sample_sql(view, without, i, _id_lists(needs[without]), k)
        for i, without in enumerate(keys)
    ]
    sql = " UNION ALL ".join(part for part, _ in parts)
    params = [param for _, part_params in parts for param in part_params]
    rows: dict[int, list[dict]] = {i: [] for i in range(len(keys))}
    empty: frozenset[str] = frozenset()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # Two thousand rows a page: built without per-column loops.
        for subset, key, start, kind, precision, status, contested, a, p, o in cursor.fetchall():
            rows[subset].append(
                {
                    "subset": subset,
                    "sample": key,
                    # SQLite returns the date of a subquery's column as text.
                    "start": datetime.date.fromisoformat(start)
                    if isinstance(start, str)
                    else start,
                    "event_type": kind,
                    "precision": precision,
                    "status": status,
                    "contested": bool(contested),
                    "actor_ids": frozenset(str(a).split(",")) if a else empty,
                    "place_ids": frozenset(str(p).split(",")) if p else empty,
                    "outlet_ids": frozenset(str(o).split(",")) if o else empty,
                }
            )
    return {without: Sample.from_first(rows[i], k) for i, without in enumerate(keys)}


def sample_events(events) -> Sample:
    """A uniform random sample of a queryset of visible events: its first k in sample-key order,
    with its size, exact below k events and estimated above, as read_samples does for the
    chronology's subsets (the actor and place pages; the walk follows event_sample_visible_idx).
    """
    k = sample_size()
    found = [
        {"id": pk, "sample": key}
        for pk, key in events.order_by("sample").values_list("id", "sample")[:k]
    ]
    return Sample.from_first(found, k)


def _sampled_values(name: str, sample: Sample, labels: dict[str, str]) -> list[FacetValue]:
    if name == COUNTRY:  # labels: each place's country
        counts = Counter(
            chain.from_iterable(
                {labels[p] for p in row["place_ids"] if p in labels} for row in sample.rows
            )
        )
        values = [
            FacetValue(code, country_name(code), sample.scaled(n)) for code, n in counts.items()
        ]
        return sorted(values, key=lambda v: (-v.count, v.label))
    if name in ENTITY_FACETS:
        column = _ENTITY_COLUMNS[name]
        counts = Counter(chain.from_iterable(row[column] for row in sample.rows))
        values = [
            FacetValue(key, labels.get(key, f"#{key}"), sample.scaled(n))
            for key, n in counts.items()
        ]
        return sorted(values, key=lambda v: (-v.count, v.label))
    column = _SCALAR_COLUMNS[name]
    counts = Counter(row[column] for row in sample.rows)
    return _scalar_values(name, [{column: key, "n": sample.scaled(n)} for key, n in counts.items()])


def _labels(samples) -> dict[str, dict[str, str]]:
    """Names of the actors, places and outlets in the samples, and the places' countries
    (PLACES_COUNTRY), in one query."""
    ids: dict[str, set[str]] = {name: set() for name in ENTITY_FACETS}
    for sample in samples:
        for row in sample.rows:
            for name, column in _ENTITY_COLUMNS.items():
                ids[name] |= row[column]
    models = {"actor": Actor, "place": Place, "outlet": Outlet}
    queries = [
        models[name]
        .objects.filter(pk__in=[int(i) for i in found])
        .annotate(facet=Value(name), code=F("country") if name == "place" else Value(""))
        .values_list("facet", "pk", "name", "code")
        .order_by()
        for name, found in ids.items()
        if found
    ]
    labels: dict[str, dict[str, str]] = {name: {} for name in (*ENTITY_FACETS, PLACES_COUNTRY)}
    if queries:
        for facet, pk, label, code in queries[0].union(*queries[1:], all=True):
            labels[facet][str(pk)] = label
            if code:
                labels[PLACES_COUNTRY][str(pk)] = code
    return labels


@dataclass
class ViewCounts:
    """What the chronology shows about a view besides its events: facets, total, histogram."""

    facets: dict[str, list[FacetValue]]
    approximate: set[str]  # facets whose counts are estimated from a sample
    total: int
    total_exact: bool  # and so are the months: both come from the view's own sample
    months: list[dict]  # [{"y", "m", "p", "n"}] in order (p: the events' precision)
    sampled: int  # events read for the view's own counts (total, histogram)
    # Day-precision events per day ([{"d", "n"}] in order), when the view's events dated to the
    # day or month all begin in one month: the histogram draws its days.
    days: list[dict] = ()


def count_view(view, stored: Stored | None = None) -> ViewCounts:
    """Facets, total and months of a view, in at most three queries (the stored
    aggregates, the samples, and the names in them when nothing is stored).

    Unfiltered: the stored aggregates. A facet whose own filter is the only one set: the stored
    aggregate too. Everything else: the samples of read_samples (exact below k events).
    """
    stored = stored or Stored()
    decoded = stored.decoded()
    active = view.active
    facets: dict[str, list[FacetValue]] = {}
    needs: dict[frozenset[str], set[str]] = {}
    for name in FACETS:
        without = own_filters(name) & active
        if active - without or decoded is None:
            needs.setdefault(without, set()).add(name)
        elif name in decoded.values:
            facets[name] = decoded.values[name]
        else:
            facets[name] = decoded.scalars[name]
    if not active and decoded is not None:
        months = decoded.payload["months"]
        total = sum(v.count for v in facets["type"])
        return ViewCounts(facets, set(), total, True, months, total)
    needs.setdefault(frozenset(), set())
    samples = read_samples(view, needs)
    if decoded is not None:
        labels = decoded.labels
    else:
        labels = _labels(samples.values())
        # Nothing stored (a write dropped it): store it again, however small the chronology,
        # since the response cache is keyed on the stored aggregates' version.
        refresh_later()
    approximate = set()
    for without, names in needs.items():
        sample = samples[without]
        for name in names:
            facets[name] = _sampled_values(
                name, sample, labels.get(PLACES_COUNTRY if name == COUNTRY else name, {})
            )
            if not sample.exact:
                approximate.add(name)
    own = samples[frozenset()]  # the view's own sample
    by_month: Counter = Counter(
        (row["start"].year, row["start"].month, row["precision"]) for row in own.rows
    )
    months = [
        {"y": y, "m": m, "p": p, "n": own.scaled(n)} for (y, m, p), n in sorted(by_month.items())
    ]
    # Events that began before the range count on its first day, as in its first month
    # (from_the_range_on).
    since = view.date_from or datetime.date.min
    fine = {max(r["start"], since) for r in own.rows if r["precision"] != Precision.YEAR}
    days = []
    if len({(d.year, d.month) for d in fine}) == 1:
        by_day = Counter(
            max(row["start"], since) for row in own.rows if row["precision"] == Precision.DAY
        )
        days = [{"d": d, "n": own.scaled(n)} for d, n in sorted(by_day.items())]
    # A selected value counts the view itself. Its facet's sample gives a second estimate of
    # that set, 2–3% off the total shown above it; show the view's own figure there instead,
    # rounded as the total is.
    shown = own.total if own.exact else rounded(own.total)
    for name in active & set(FACETS):
        chosen = view.values(name)
        if len(chosen) != 1 or active & own_filters(name) != {name}:
            continue  # several values (or some left out): each counts its own events
        chosen = chosen[0]
        facets[name] = sorted(
            (replace(v, count=shown) if v.value == chosen else v for v in facets[name]),
            key=lambda v: (-v.count, v.label),
        )
    return ViewCounts(facets, approximate, own.total, own.exact, months, len(own.rows), days)


def from_the_range_on(months: list[dict], first) -> tuple[list[dict], int]:
    """The histogram's months of a view from ``first`` on, and how many events began earlier.

    A date range holds the events going on in it, some of which began years before it; drawn by
    their start month they would stretch the time axis back to 1988. They are counted in the
    range's first month instead (the bar whose zoom shows them), at their precision, and the
    caption says how many.
    """
    if first is None or not months:
        return months, 0
    key = (first.year, first.month)
    earlier: Counter = Counter()
    for row in months:
        if (row["y"], row["m"]) < key:
            earlier[row.get("p", Precision.DAY)] += row["n"]
    if not earlier:
        return months, 0
    folded = [{"y": key[0], "m": key[1], "p": p, "n": n} for p, n in sorted(earlier.items())]
    rest = [row for row in months if (row["y"], row["m"]) >= key]
    return folded + rest, sum(earlier.values())


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    first: str  # date_from value (2021 or 2021-05)
    last: str  # date_to value
    count: int
    x: float
    y: float
    height: float


@dataclass(frozen=True, slots=True)
class Histogram:
    unit: str  # "day", "month", "year" or "5 years"
    bars: list[Bar]
    max_count: int
    width: int
    height: int
    bar_width: float
    # (x in percent of the width, label, text-anchor): drawn apart from the bars, in type that
    # does not stretch with them (templates/timeline/chronology.html).
    ticks: list[tuple[float, str, str]]
    coarse: int = 0  # events dated more coarsely than the bars, which are not drawn
    coarse_precision: str = ""  # "the year", "the month or the year"

    @property
    def span_label(self) -> str:
        return f"{self.bars[0].label} to {self.bars[-1].label}"


MONTHS_MAX_SPAN = 6  # years: finer than this spans many bars per year, coarser shows years
# However long the view, the chart has at most this many bars (six years of months): years are
# grouped into bins of the first width that fits, and a run of empty bins is one gap bar.
MAX_BARS = 72
BIN_YEARS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
CHART_WIDTH = 720
CHART_HEIGHT = 90
TICKS = 8  # at most, about: one bar in len(bars) // TICKS is labelled


def _year_bins(by_year: Counter, first: int, last: int) -> tuple[int, list[tuple[int, int, int]]]:
    """(width, bins): the years first..last in bins of the narrowest width in BIN_YEARS that
    gives at most MAX_BARS bins once each run of empty bins is one; a bin is (first year, last
    year, events)."""
    for width in BIN_YEARS:
        bins: list[tuple[int, int, int]] = []
        for start in range(first - first % width, last + 1, width):
            a, b = max(start, first), min(start + width - 1, last)
            n = sum(by_year[y] for y in range(a, b + 1))
            if n == 0 and bins and bins[-1][2] == 0:
                bins[-1] = (bins[-1][0], b, 0)  # the gap goes on
            else:
                bins.append((a, b, n))
        if len(bins) <= MAX_BARS:
            break
    return width, bins


def _month_rows(view) -> list[dict]:
    """Events per start month and precision: [{"y", "m", "p", "n"}] in order."""
    return list(
        plan.filtered(view, Event.objects.visible())
        .annotate(y=ExtractYear("start"), m=ExtractMonth("start"), p=F("precision"))
        .values("y", "m", "p")
        .annotate(n=Count("id"))
        .order_by("y", "m", "p")
    )


def view_histogram(view, stored: Stored | None = None) -> Histogram | None:
    """The histogram of a view (count_view does the counting)."""
    return histogram_from_counts(count_view(view, stored).months)


def histogram_from_counts(rows: list[dict], days: list[dict] = ()) -> Histogram | None:
    """Events per day, month or year (or per bin of years), for a view of these months.

    ``rows``: [{"y", "m", "p", "n"}], events per start month and precision, in order (a row
    without "p" counts as dated to the day); ``days``: [{"d", "n"}], day-precision events per
    day (ViewCounts.days). Years when the view spans more than a few years; else months; days
    when the events dated to the day or month all begin in one month. Empty periods between the
    first and last are kept as zero-height bars so the time axis stays true. An event dated more
    coarsely than the bars is not drawn (a year's event drawn in January would say it happened
    in January); the caption counts them (``coarse``).
    """
    if not rows:
        return None
    first_year, last_year = rows[0]["y"], rows[-1]["y"]
    fine = [r for r in rows if r.get("p") != Precision.YEAR]
    if last_year - first_year >= MONTHS_MAX_SPAN or not fine:
        return _year_chart(rows)
    coarse = sum(r["n"] for r in rows if r.get("p") == Precision.YEAR)
    months = sorted({(r["y"], r["m"]) for r in fine})
    in_month = [r for r in days if (r["d"].year, r["d"].month) == months[0]]
    if len(months) == 1 and in_month:
        coarse += sum(r["n"] for r in fine if r.get("p") == Precision.MONTH)
        lo, hi = in_month[0]["d"], in_month[-1]["d"]
        keys = [lo + datetime.timedelta(days=i) for i in range((hi - lo).days + 1)]
        by_day = Counter({r["d"]: r["n"] for r in in_month})
        return _chart(
            "day",
            [(f"{d.day} {d:%B %Y}", f"{d.day} {d:%b}", d.isoformat(), d.isoformat()) for d in keys],
            [by_day[d] for d in keys],
            coarse,
            "the month or the year",
        )
    by_month: Counter = Counter()
    for r in fine:
        by_month[r["y"], r["m"]] += r["n"]
    first, last = months[0], months[-1]
    keys = [
        (y, m)
        for y in range(first[0], last[0] + 1)
        for m in range(1, 13)
        if first <= (y, m) <= last
    ]
    return _chart(
        "month",
        [(f"{datetime.date(y, m, 1):%b %Y}",) * 2 + (f"{y}-{m:02d}",) * 2 for y, m in keys],
        [by_month[k] for k in keys],
        coarse,
        "the year",
    )


def _year_chart(rows: list[dict]) -> Histogram:
    by_year: Counter = Counter()
    for r in rows:
        by_year[r["y"]] += r["n"]
    width, bins = _year_bins(by_year, rows[0]["y"], rows[-1]["y"])
    labels = [str(a) if a == b else f"{a}–{b}" for a, b, _ in bins]
    return _chart(
        "year" if width == 1 else f"{width} years",
        [(label, label, str(a), str(b)) for label, (a, b, _) in zip(labels, bins, strict=True)],
        [n for _, _, n in bins],
    )


def _chart(
    unit: str,
    periods: list[tuple[str, str, str, str]],
    counts: list[int],
    coarse: int = 0,
    coarse_precision: str = "",
) -> Histogram:
    """The bars of these periods, (label, tick label, date_from, date_to) each."""
    peak = max(counts) or 1
    step = CHART_WIDTH / len(periods)
    bar_width = round(step * 0.85, 2)
    bars = []
    for i, ((label, _, first, last), count) in enumerate(zip(periods, counts, strict=True)):
        # A non-empty period gets at least a sliver, so every event stays clickable.
        height = round(max(CHART_HEIGHT * count / peak, 2 if count else 0), 2)
        bars.append(
            Bar(
                label,
                first,
                last,
                count,
                round(i * step, 2),
                round(CHART_HEIGHT - height, 2),
                height,
            )
        )
    ticks = []
    for i in range(0, len(periods), max(1, len(periods) // TICKS)):
        x = round(100 * (i * step + bar_width / 2) / CHART_WIDTH, 2)
        anchor = "start" if x < 6 else "end" if x > 94 else "middle"
        ticks.append((x, periods[i][1], anchor))
    return Histogram(
        unit, bars, peak, CHART_WIDTH, CHART_HEIGHT, bar_width, ticks, coarse, coarse_precision
    )
