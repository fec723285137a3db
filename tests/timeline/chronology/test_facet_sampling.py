"""Facets, totals and the histogram of large views come from a uniform sample, marked "≈".

The sample keys are set by hand here so that the estimates are known in advance: event i gets
key i·step, so a subset's k smallest keys, and hence its estimated size, follow from i.
"""

import datetime
import random
import re

import pytest
from django.urls import reverse

from tests.factories import make_event
from timeline.filters import ChronologyFilter
from timeline.models import SAMPLE_SPACE, Actor, Aggregate, url_of
from timeline.search.facets import Stored, count_view, read_samples, rounded

URL = reverse("chronology")
N = 400
STEP = SAMPLE_SPACE // N


@pytest.fixture
def corpus(db, settings):
    settings.FACET_SAMPLE_SIZE = 40
    settings.AGGREGATES_REFRESH = "off"
    for i in range(N):
        make_event(
            datetime.date(2021, 1 + i % 12, 1),
            f"Event {i}",
            sample=i * STEP,
            event_type="armed_clash" if i % 2 == 0 else "talks",
            actors=["Everyone", *(["Quarter"] if i % 4 == 0 else [])],
        )


def counts_for(params):
    form = ChronologyFilter(params)
    assert form.is_valid(), form.errors
    return count_view(form.view())


def test_a_view_larger_than_the_sample_is_estimated_from_its_k_smallest_keys(corpus):
    everyone = Actor.objects.get(name="Everyone")
    counts = counts_for({"actor": everyone.pk})
    assert not counts.total_exact and counts.total == N  # (k - 1) / key_k
    assert counts.sampled == 40
    # Events 0..39 are the sample: 20 of each type, each standing for N / 40 = 10 events.
    assert {v.value: v.count for v in counts.facets["type"]} == {"armed_clash": 200, "talks": 200}
    assert {"type", "actor", "place", "outlet"} <= counts.approximate
    quarter = next(v for v in counts.facets["actor"] if v.label == "Quarter")
    assert quarter.count == 100  # events 0, 4, …, 36
    # Every month holds a twelfth of the sample, scaled up the same way.
    assert sum(row["n"] for row in counts.months) == pytest.approx(N, rel=0.05)


def test_each_facet_samples_its_own_subset(corpus):
    counts = counts_for({"type": "armed_clash"})
    # The view: the even events; its 40 smallest keys are events 0, 2, …, 78.
    assert counts.total == N // 2 and not counts.total_exact
    # The type facet ignores its own filter: sampled over every event.
    assert {v.value: v.count for v in counts.facets["type"]} == {"armed_clash": 200, "talks": 200}
    everyone = next(v for v in counts.facets["actor"] if v.label == "Everyone")
    assert everyone.count == N // 2


def test_a_view_smaller_than_the_sample_is_counted_exactly(corpus):
    quarter = Actor.objects.get(name="Quarter")
    counts = counts_for({"actor": quarter.pk, "date_from": "2021-05", "date_to": "2021-05"})
    # Events with i % 4 == 0 in May (i % 12 == 4): i = 4, 16, 28, … below 400.
    expected = len([i for i in range(N) if i % 4 == 0 and i % 12 == 4])
    assert counts.total_exact and counts.total == expected
    assert "type" not in counts.approximate
    assert {v.value: v.count for v in counts.facets["type"]} == {"armed_clash": expected}


def test_the_page_marks_estimates(client, corpus):
    # The odd events: keys 1·step, 3·step, …, 79·step; 39 · N / 79 = 197.5.
    html = client.get(URL, {"type": "talks"}).content.decode()
    assert re.search(r"<strong>≈ 197</strong> events", html)
    assert "(estimate)" in html and "estimated from a random sample of 40 events" in html
    assert re.search(r'<h2>Event type <abbr class="approx"[^>]*>≈</abbr></h2>', html)
    assert '<span class="n">≈200</span>' in html
    small = client.get(URL, {"q": "Event 7"}).content.decode()  # 7, 70–79, 170–179, …
    assert "≈" not in small and "(estimate)" not in small


def test_estimates_from_random_keys_are_close(db, settings):
    settings.FACET_SAMPLE_SIZE = 200
    settings.AGGREGATES_REFRESH = "off"
    rng = random.Random(7)  # fixed: the test is deterministic, not flaky
    for i in range(1000):
        make_event(
            datetime.date(2021, 5, 1 + i % 28),
            f"Event {i}",
            sample=rng.randrange(SAMPLE_SPACE),
            event_type="talks" if i % 5 == 0 else "statement",
        )
    counts = counts_for({"date_from": "2021"})
    assert not counts.total_exact
    assert counts.total == pytest.approx(1000, rel=0.15)  # standard error ~1/sqrt(200) = 7%
    talks = next(v for v in counts.facets["type"] if v.value == "talks")
    assert talks.count == pytest.approx(200, rel=0.35)


def test_a_page_that_had_to_estimate_stores_the_exact_aggregates(client, corpus, settings):
    settings.AGGREGATES_REFRESH = "inline"
    assert not Aggregate.objects.exists()
    client.get(URL)
    assert set(Aggregate.objects.values_list("key", flat=True)) == {*Stored.KEYS, Stored.VERSION}
    html = client.get(URL).content.decode()
    assert f"<strong>{N}</strong> events" in html and "(estimate)" not in html


def test_a_small_chronology_is_counted_exactly_and_its_aggregates_stored_for_the_cache(
    client, db, settings
):
    settings.AGGREGATES_REFRESH = "inline"
    make_event(datetime.date(2021, 5, 1), "Only one")
    page = client.get(URL).content.decode()
    assert "<strong>1</strong> event" in page and "≈" not in page  # the sample was all of it
    # Stored all the same: the response cache is keyed on their version.
    assert Aggregate.objects.filter(key="version").exists()


@pytest.mark.parametrize("name", ["event", "actor", "place", "article"])
def test_url_of_matches_reverse(name):
    from django.urls import reverse as django_reverse
    from django.urls import set_script_prefix

    for pk in (1, 42, 10**12):
        assert url_of(name, pk) == django_reverse(name, args=[pk])
    set_script_prefix("/timeline/")
    try:
        assert url_of(name, 7) == django_reverse(name, args=[7]) == f"/timeline/{name}s/7/"
    finally:
        set_script_prefix("/")


def test_large_counts_read_with_thousands_separators(client, db, settings):
    settings.FACET_SAMPLE_SIZE = 40
    settings.AGGREGATES_REFRESH = "off"
    step = SAMPLE_SPACE // 4000  # 41 events keyed as if they were the first of 4,000
    for i in range(41):
        make_event(datetime.date(2021, 5, 1), f"Event {i}", sample=i * step, actors=["Everyone"])
    html = client.get(URL).content.decode()
    assert "<strong>≈ 4,000</strong> events" in html
    assert re.search(r'<span class="n">≈4,000</span>', html)  # the actor facet
    assert "Everyone (4,000)" in html  # the actor select's option


def test_a_selected_value_shows_the_views_own_total(client, db, settings):
    settings.FACET_SAMPLE_SIZE = 20
    settings.AGGREGATES_REFRESH = "off"
    rng = random.Random(3)
    for i in range(200):
        make_event(
            datetime.date(2021, 1, 1),
            f"Event {i}",
            # Keys from the bottom 2% of the space: as if these were 200 of about 10,000.
            sample=rng.randrange(SAMPLE_SPACE // 50),
            event_type=rng.choice(["armed_clash", "talks"]),
            actors=[rng.choice(["A", "B"])],
        )
    a = Actor.objects.get(name="A")
    form = ChronologyFilter({"actor": a.pk, "type": "armed_clash"})
    assert form.is_valid()
    # Two estimates of the same set: the view's own sample, and the actor facet's (type only).
    raw = read_samples(form.view(), {frozenset(): set(), frozenset({"actor"}): {"actor"}})
    by_facet = raw[frozenset({"actor"})].scaled(
        sum(str(a.pk) in row["actor_ids"] for row in raw[frozenset({"actor"})].rows)
    )
    assert by_facet != raw[frozenset()].total  # the precondition: they disagree
    counts = count_view(form.view())
    assert not counts.total_exact and counts.total == raw[frozenset()].total
    assert counts.total >= 1000 and rounded(counts.total) != counts.total  # rounding shows
    chosen_actor = next(v for v in counts.facets["actor"] if v.value == str(a.pk))
    chosen_type = next(v for v in counts.facets["type"] if v.value == "armed_clash")
    assert chosen_actor.count == chosen_type.count == rounded(counts.total)
    html = client.get(URL, {"actor": a.pk, "type": "armed_clash"}).content.decode()
    assert f"<strong>≈ {rounded(counts.total):,}</strong>" in html
    assert f"A ({rounded(counts.total):,})" in html  # the actor select says the same
    # The other values are still their own facet's estimates.
    b = next(v for v in counts.facets["actor"] if v.label == "B")
    assert 0 < b.count != counts.total
