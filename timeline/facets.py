"""Facet counts and the density histogram for the chronology's current filters.

Facets are disjunctive, as analysts expect from a search tool: the counts of one facet apply
every filter except its own, so its select can offer the alternatives ("Nikol Pashinyan (7)")
while the others narrow. The scalar facets (type, precision, status, contested) come from one
GROUP BY over the four columns, summed in Python, when none of them is filtered.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F
from django.db.models.functions import ExtractMonth, ExtractYear

from timeline.models import Citation, Event, EventActor, Place

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


def entity_facets(form) -> dict[str, list[FacetValue]]:
    """Actors, places and outlets with how many of the matching events involve or report them."""
    actor_rows = (
        EventActor.objects.filter(event__in=_events(form, "actor"))
        .values("actor_id", name=F("actor__name"))
        .annotate(n=Count("event_id", distinct=True))
        .order_by("-n", "name")
    )
    place_rows = (
        Place.objects.filter(events__in=_events(form, "place"))
        .values("id", "name")
        .annotate(n=Count("events", distinct=True))
        .order_by("-n", "name")
    )
    outlet_rows = (
        Citation.objects.filter(event__in=_events(form, "outlet"), article__outlet__isnull=False)
        .values("article__outlet_id", name=F("article__outlet__name"))
        .annotate(n=Count("event_id", distinct=True))
        .order_by("-n", "name")
    )
    return {
        "actor": [FacetValue(str(r["actor_id"]), r["name"], r["n"]) for r in actor_rows],
        "place": [FacetValue(str(r["id"]), r["name"], r["n"]) for r in place_rows],
        "outlet": [
            FacetValue(str(r["article__outlet_id"]), r["name"], r["n"]) for r in outlet_rows
        ],
    }


def scalar_facets(form) -> dict[str, list[FacetValue]]:
    active = [name for name in SCALAR_FACETS if form.cleaned_data.get(name) not in (None, "")]
    facets: dict[str, list[FacetValue]] = {}
    if not active:
        # One grouped query serves all four facets.
        rows = list(
            form.filter(Event.objects.visible())
            .values("event_type", "precision", "status", "contested")
            .annotate(n=Count("id"))
            .order_by()
        )
        for name in SCALAR_FACETS:
            facets[name] = _scalar_values(name, rows)
        return facets
    for name in SCALAR_FACETS:
        column = _SCALAR_COLUMNS[name]
        rows = list(_events(form, name).values(column).annotate(n=Count("id")).order_by())
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


def histogram(form) -> Histogram | None:
    """Events per month (or per year when the view spans more than a few years).

    Counted by start date in one grouped query; empty periods between the first and last are
    kept as zero-height bars so the time axis stays true.
    """
    events = form.filter(Event.objects.visible())
    rows = list(
        events.annotate(y=ExtractYear("start"), m=ExtractMonth("start"))
        .values("y", "m")
        .annotate(n=Count("id"))
        .order_by("y", "m")
    )
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
