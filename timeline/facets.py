"""Facet counts and the density histogram for the chronology's current filters.

Facets are disjunctive, as analysts expect from a search tool: the counts of one facet apply
every filter except its own, so its select can offer the alternatives ("Nikol Pashinyan (7)")
while the others narrow. The scalar facets (type, precision, status, contested) come from one
GROUP BY over the four columns, summed in Python, when none of them is filtered.

The unfiltered view's aggregates (every facet and the histogram's months) are stored in
timeline.models.Aggregate and reused by any facet whose own filter is the only one set; any write
drops them, so they are exact.
"""

import datetime
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass

from django.db import IntegrityError
from django.db.models import Count, F
from django.db.models.functions import ExtractMonth, ExtractYear

from timeline.filters import FILTER_NAMES, ChronologyFilter
from timeline.models import Aggregate, Citation, Event, EventActor, Place

FACET_LIMIT = 12
SCALAR_FACETS = ("type", "precision", "status", "contested")
_SCALAR_COLUMNS = {
    "type": "event_type",
    "precision": "precision",
    "status": "status",
    "contested": "contested",
}


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int


def _events(form, without: str):
    return form.filter(Event.objects.visible(), without={without})


def _active(form) -> set[str]:
    return {name for name in FILTER_NAMES if form.cleaned_data.get(name) not in (None, "")}


class Stored:
    """The unfiltered view's aggregates (timeline.models.Aggregate), read in one query, computed
    and stored when missing. Exact: any write drops them (timeline/signals.py)."""

    KEYS = ("actor", "place", "outlet", "scalar", "months")

    def __init__(self):
        self._payload: dict | None = None

    def get(self, key: str):
        if self._payload is None:
            self._payload = dict(
                Aggregate.objects.filter(key__in=self.KEYS).values_list("key", "payload")
            )
            if set(self._payload) != set(self.KEYS):
                self._payload = self._compute()
        return self._payload[key]

    @staticmethod
    def _compute() -> dict:
        form = ChronologyFilter({})
        form.is_valid()
        entities = _entity_rows(form, set(ENTITY_FACETS))
        payload = {
            **{
                name: [[v.value, v.label, v.count] for v in values]
                for name, values in entities.items()
            },
            "scalar": _scalar_rows(form),
            "months": _month_rows(form),
        }
        with suppress(IntegrityError):  # a concurrent request stored them first
            Aggregate.objects.bulk_create(
                [Aggregate(key=key, payload=value) for key, value in payload.items()],
                update_conflicts=True,
                unique_fields=["key"],
                update_fields=["payload", "computed_at"],
            )
        return payload


ENTITY_FACETS = ("actor", "place", "outlet")


def entity_facets(form, stored: Stored | None = None) -> dict[str, list[FacetValue]]:
    """Actors, places and outlets with how many of the matching events involve or report them.

    A facet whose own filter is the only one set counts over the whole chronology: that is the
    stored aggregate, not a GROUP BY over millions of rows.
    """
    active = _active(form)
    stored = stored or Stored()
    facets = {}
    live = {name for name in ENTITY_FACETS if active - {name}}
    facets.update(_entity_rows(form, live))
    for name in set(ENTITY_FACETS) - live:
        facets[name] = [FacetValue(*row) for row in stored.get(name)]
    return facets


def _entity_rows(form, names: set[str]) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {}
    if "actor" in names:
        facets["actor"] = _actor_facet(form)
    if "place" in names:
        facets["place"] = _place_facet(form)
    if "outlet" in names:
        facets["outlet"] = _outlet_facet(form)
    return facets


def _actor_facet(form) -> list[FacetValue]:
    actor_rows = (
        EventActor.objects.filter(event__in=_events(form, "actor"))
        .values("actor_id", name=F("actor__name"))
        .annotate(n=Count("event_id", distinct=True))
        .order_by("-n", "name")
    )
    return [FacetValue(str(r["actor_id"]), r["name"], r["n"]) for r in actor_rows]


def _place_facet(form) -> list[FacetValue]:
    place_rows = (
        Place.objects.filter(events__in=_events(form, "place"))
        .values("id", "name")
        .annotate(n=Count("events", distinct=True))
        .order_by("-n", "name")
    )
    return [FacetValue(str(r["id"]), r["name"], r["n"]) for r in place_rows]


def _outlet_facet(form) -> list[FacetValue]:
    outlet_rows = (
        Citation.objects.filter(event__in=_events(form, "outlet"), article__outlet__isnull=False)
        .values("article__outlet_id", name=F("article__outlet__name"))
        .annotate(n=Count("event_id", distinct=True))
        .order_by("-n", "name")
    )
    return [FacetValue(str(r["article__outlet_id"]), r["name"], r["n"]) for r in outlet_rows]


def _scalar_rows(form) -> list[dict]:
    return list(
        form.filter(Event.objects.visible())
        .values("event_type", "precision", "status", "contested")
        .annotate(n=Count("id"))
        .order_by()
    )


def scalar_facets(form, stored: Stored | None = None) -> dict[str, list[FacetValue]]:
    all_active = _active(form)
    active = [name for name in SCALAR_FACETS if name in all_active]
    facets: dict[str, list[FacetValue]] = {}
    if not active:
        # One grouped query serves all four facets (stored when nothing at all is filtered).
        rows = (stored or Stored()).get("scalar") if not all_active else _scalar_rows(form)
        for name in SCALAR_FACETS:
            facets[name] = _scalar_values(name, rows)
        return facets
    for name in SCALAR_FACETS:
        if all_active - {name}:
            column = _SCALAR_COLUMNS[name]
            rows = list(_events(form, name).values(column).annotate(n=Count("id")).order_by())
        else:
            rows = (stored or Stored()).get("scalar")
        facets[name] = _scalar_values(name, rows)
    return facets


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
    unit: str  # "month" or "year"
    bars: list[Bar]
    max_count: int
    width: int
    height: int
    bar_width: float
    ticks: list[tuple[float, str]]

    @property
    def span_label(self) -> str:
        return f"{self.bars[0].label} to {self.bars[-1].label}"


MONTHS_MAX_SPAN = 6  # years: finer than this spans many bars per year, coarser shows years
CHART_WIDTH = 720
CHART_HEIGHT = 90


def _month_rows(form) -> list[dict]:
    return list(
        form.filter(Event.objects.visible())
        .annotate(y=ExtractYear("start"), m=ExtractMonth("start"))
        .values("y", "m")
        .annotate(n=Count("id"))
        .order_by("y", "m")
    )


def histogram(form, stored: Stored | None = None) -> Histogram | None:
    """Events per month (or per year when the view spans more than a few years).

    Counted by start date in one grouped query (stored for the unfiltered view); empty periods
    between the first and last are kept as zero-height bars so the time axis stays true.
    """
    rows = (stored or Stored()).get("months") if not _active(form) else _month_rows(form)
    if not rows:
        return None
    first_year, last_year = rows[0]["y"], rows[-1]["y"]
    by_month = Counter({(r["y"], r["m"]): r["n"] for r in rows})
    if last_year - first_year < MONTHS_MAX_SPAN:
        unit = "month"
        keys = [(y, m) for y in range(first_year, last_year + 1) for m in range(1, 13)]
        start_key, end_key = (rows[0]["y"], rows[0]["m"]), (rows[-1]["y"], rows[-1]["m"])
        keys = [k for k in keys if start_key <= k <= end_key]
        counts = [by_month[k] for k in keys]
        labels = [datetime.date(y, m, 1).strftime("%b %Y") for y, m in keys]
        bounds = [(f"{y}-{m:02d}", f"{y}-{m:02d}") for y, m in keys]
    else:
        unit = "year"
        keys = list(range(first_year, last_year + 1))
        by_year: Counter = Counter()
        for (y, _m), n in by_month.items():
            by_year[y] += n
        counts = [by_year[y] for y in keys]
        labels = [str(y) for y in keys]
        bounds = [(str(y), str(y)) for y in keys]
    peak = max(counts)
    step = CHART_WIDTH / len(keys)
    bars = []
    for i, (label, (first, last), count) in enumerate(zip(labels, bounds, counts, strict=True)):
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
    every = max(1, len(keys) // 8)
    ticks = [(bar.x, bar.label) for bar in bars[::every]]
    return Histogram(unit, bars, peak, CHART_WIDTH, CHART_HEIGHT, round(step * 0.85, 2), ticks)
