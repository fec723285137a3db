"""A date-range subset is sampled month by month on PostgreSQL (facets._month_walks).

The merged walks must give exactly the rows one walk of the whole subset gives: the same first k
events in sample order, so the same totals, facets and histogram.
"""

import datetime
import random

import pytest
from django.db import connection

from tests.factories import make_event
from timeline.filters import ChronologyFilter
from timeline.models import SAMPLE_SPACE, Event
from timeline.search import facets, plan
from timeline.search.facets import read_samples

K = 15


@pytest.fixture
def spread(db, settings):
    """300 events over 2019–2022 with random keys: some last months or years, some rejected."""
    settings.FACET_SAMPLE_SIZE = K
    rng = random.Random(7)
    for i in range(300):
        start = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(4 * 365))
        long = rng.random() < 0.2
        make_event(
            start,
            f"Event {i}",
            end=start + datetime.timedelta(days=rng.randrange(30, 700)) if long else None,
            sample=rng.randrange(SAMPLE_SPACE),
            event_type=rng.choice(["armed_clash", "talks", "statement"]),
            status="rejected" if rng.random() < 0.05 else "extracted",
            actors=[rng.choice(["Armenia", "Azerbaijan", "Russia"])],
        )


def samples(params):
    form = ChronologyFilter(params)
    assert form.is_valid(), form.errors
    needs = {frozenset(): {"type"}, frozenset({"type"}): {"type"}}
    return form, {
        without: [(row["sample"], row["start"]) for row in sample.rows]
        for without, sample in read_samples(form.view(), needs).items()
    }


VIEWS = [
    {"date_from": "2020-05", "date_to": "2020-06"},
    {"date_from": "2020-05-17", "date_to": "2020-05-17"},
    {"date_from": "2019-11", "date_to": "2021-02", "type": "talks"},
    {"date_from": "2021-12-30", "date_to": "2022-01-02"},
    {"date_from": "2018", "date_to": "2018"},  # before every event: empty but for nothing
]


@pytest.mark.parametrize("params", VIEWS)
def test_month_walks_give_the_rows_of_one_walk(spread, monkeypatch, params):
    form, merged = samples(params)
    walks = facets._month_walks(form.view(), plan.filtered(form.view(), Event.objects.visible()))
    if connection.vendor == "postgresql":
        before, _starting, months = walks
        assert len(before) == 2 and len(months) >= 1  # going on since the year before, longer
    else:
        assert walks is None  # SQLite walks the subset as one
    monkeypatch.setattr(facets, "MONTH_WALK_MAX", 0)  # every range walked as one
    _, single = samples(params)
    assert merged == single
    for rows in merged.values():
        assert [key for key, _ in rows] == sorted(key for key, _ in rows)


def test_the_merge_keeps_events_that_started_before_the_range(spread):
    params = {"date_from": "2020-05", "date_to": "2020-05"}
    form, merged = samples(params)
    expected = sorted(
        (e.sample, e.start)
        for e in facets.Event.objects.visible().between(
            datetime.date(2020, 5, 1), datetime.date(2020, 5, 31)
        )
    )[:K]
    assert merged[frozenset()] == expected
    assert any(start < datetime.date(2020, 5, 1) for _, start in merged[frozenset()])


def test_a_subset_read_whole_keeps_the_events_going_on_since_long_before(spread, settings):
    """Below k events a subset is read whole: every part to its end, the events that started
    more than a year before the range (the very long ones) included."""
    settings.FACET_SAMPLE_SIZE = 1000
    first, last = datetime.date(2020, 11, 1), datetime.date(2021, 1, 31)
    form, merged = samples({"date_from": "2020-11", "date_to": "2021-01"})
    expected = sorted(
        (e.sample, e.start) for e in facets.Event.objects.visible().between(first, last)
    )
    assert merged[frozenset()] == expected
    assert any(start < first - datetime.timedelta(days=366) for _, start in expected)
    assert any(first - datetime.timedelta(days=366) <= start < first for _, start in expected)


def test_a_long_range_or_a_text_filter_is_walked_as_one(spread):
    for params in (
        {"date_from": "2019-01", "date_to": "2022-12"},  # 48 months
        {"date_from": "2020-05", "date_to": "2020-06", "q": "Event"},
        {"date_from": "2020-05"},  # no end
    ):
        form = ChronologyFilter(params)
        assert form.is_valid()
        assert (
            facets._month_walks(form.view(), plan.filtered(form.view(), Event.objects.visible()))
            is None
        )
