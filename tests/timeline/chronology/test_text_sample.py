"""The facet sample of a view with a text filter (facets._text_sample_sql).

On PostgreSQL such a subset is read one of three ways, chosen when the query runs from the
planner's estimates and the vocabulary of common words: a walk of the sample index that tests
the text from the entry's bits (lexeme_bits), a walk that reads the table only for the text, or
the planner's own plan. Each must give exactly the subset's first k events in sample order,
whichever is picked.
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
from timeline.search.vocabulary import refresh_lexemes

K = 12


@pytest.fixture
def corpus(db, settings):
    """400 events over 2020–2021, about half of them about a ceasefire and half lasting months,
    with random keys."""
    settings.FACET_SAMPLE_SIZE = K
    rng = random.Random(11)
    for i in range(400):
        start = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(2 * 365))
        words = "ceasefire violated near the border" if rng.random() < 0.45 else "talks held"
        make_event(
            start,
            f"{words} ({i})",
            end=start + datetime.timedelta(days=rng.randrange(30, 300))
            if rng.random() < 0.45
            else None,
            sample=rng.randrange(SAMPLE_SPACE),
            status="rejected" if rng.random() < 0.05 else "extracted",
            event_type=rng.choice(["armed_clash", "statement"]),
            actors=rng.sample(["Armenia", "Azerbaijan", "Russia", "France"], rng.randint(1, 2)),
        )
    with connection.cursor() as cursor:  # statistics, as autovacuum would gather them
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE timeline_event")


def params_for(**extra):
    armenia = facets.Actor.objects.get(name="Armenia").pk
    return {"q": "ceasefire", "actor": armenia, **extra}


VIEWS = [
    {},
    {"date_from": "2020-06", "date_to": "2020-11"},
    {"date_from": "2021-03", "type": "armed_clash"},
]


def sampled(params):
    form = ChronologyFilter(params)
    assert form.is_valid(), form.errors
    needs = {frozenset(): {"type"}, frozenset({"actor"}): {"actor"}}
    return {
        without: [row["sample"] for row in sample.rows]
        for without, sample in read_samples(form.view(), needs).items()
    }


def expected(params):
    form = ChronologyFilter(params)
    assert form.is_valid()
    return {
        without: list(
            plan.filtered(form.view(), Event.objects.visible(), without)
            .order_by("sample")
            .values_list("sample", flat=True)[:K]
        )
        for without in (frozenset(), frozenset({"actor"}))
    }


@pytest.mark.parametrize("extra", VIEWS)
def test_every_way_of_reading_a_text_subset_gives_its_first_k(corpus, monkeypatch, extra):
    params = params_for(**extra)
    calls = []
    original = facets._text_sample_sql
    monkeypatch.setattr(
        facets, "_text_sample_sql", lambda *a, **k: calls.append(1) or original(*a, **k)
    )
    # A walk, whatever the estimates say: without a vocabulary, the walk reading rows.
    monkeypatch.setattr(facets, "TEXT_WALK_SHARE", -1.0)
    monkeypatch.setattr(facets, "COVERED_WALK_SHARES", (-1.0, 1e9))
    rows_walked = sampled(params)
    # With "ceasefire" in the vocabulary, the walk testing the bits.
    assert ("ceasefir" in refresh_lexemes(min_share=0.3)) == (connection.vendor == "postgresql")
    bits_walked = sampled(params)
    # The planner's plan, whatever the estimates say.
    monkeypatch.setattr(facets, "TEXT_WALK_SHARE", 1e9)
    planned = sampled(params)
    assert rows_walked == bits_walked == planned == expected(params)
    assert all(len(rows) == K for rows in planned.values())  # the subsets are larger than k
    # PostgreSQL reads text subsets this way (two subsets, two reads); SQLite has no need.
    assert len(calls) == (6 if connection.vendor == "postgresql" else 0)


def test_every_subset_is_sampled_whatever_the_walk(corpus, monkeypatch):
    monkeypatch.setattr(facets, "TEXT_WALK_SHARE", -1.0)
    monkeypatch.setattr(facets, "COVERED_WALK_SHARES", (-1.0, 1e9))
    refresh_lexemes(min_share=0.3)
    assert all(len(rows) == K for rows in sampled(params_for()).values())


@pytest.mark.postgres
def test_the_bits_walk_reads_the_bits(corpus, monkeypatch):
    """With the vocabulary's bits wiped behind the trigger's back, the walk that reads them
    finds nothing: it tests the text from the bits, not from the row."""
    monkeypatch.setattr(facets, "TEXT_WALK_SHARE", -1.0)
    monkeypatch.setattr(facets, "COVERED_WALK_SHARES", (-1.0, 1e9))
    refresh_lexemes(min_share=0.3)
    assert all(len(rows) == K for rows in sampled(params_for()).values())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE timeline_event SET lexeme_bits = 0")
    assert all(rows == [] for rows in sampled(params_for()).values())
    # "ceasefire -talks" has no mask (a negation): read from the rows, it is found again.
    assert all(len(rows) == K for rows in sampled(params_for(q="ceasefire -talks")).values())


def test_the_estimated_share_tells_a_common_word_from_a_rare_one(corpus):
    if connection.vendor != "postgresql":
        # SQLite (small chronologies) reads every subset the plain way: no estimate involved.
        form = ChronologyFilter(params_for())
        assert form.is_valid()
        sql, _ = facets._sample_sql(form.view(), frozenset(), 0, set(), K)
        assert "timeline_estimated_share" not in sql
        return
    common = facets._estimate_sql(Event.objects.matching("ceasefire"))
    rare = facets._estimate_sql(Event.objects.matching("zanzibar"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT timeline_estimated_share(%s), timeline_estimated_share(%s)", [common, rare]
        )
        common_share, rare_share = cursor.fetchone()
    assert 0.15 < common_share < 0.6
    assert rare_share < 0.05


@pytest.mark.parametrize("with_vocabulary", [False, True])
@pytest.mark.parametrize("extra", VIEWS[1:])
def test_a_date_range_page_with_text_lists_the_same_events_in_parts(
    corpus, settings, extra, with_vocabulary
):
    """The part going on at the first day tests the text without the GIN index: from the
    vocabulary bits when the word has one, else from the row (matching_by_bits); the page must
    still be the view's first events."""
    from timeline.search.pages import keyset_page

    settings.CHRONOLOGY_PAGE_SIZE = 10
    if with_vocabulary:
        assert ("ceasefir" in refresh_lexemes(min_share=0.3)) == (connection.vendor == "postgresql")
    form = ChronologyFilter(params_for(**extra))
    assert form.is_valid()
    view = form.view()
    events = plan.filtered(view, Event.objects.visible())
    parts = plan.date_range_parts(view, Event.objects.visible())
    assert (parts is not None) == (connection.vendor == "postgresql")
    going_on = Event.objects.visible().going_on_at(form.cleaned_data["date_from"])
    # The part going on at the first day holds events with and without the word.
    assert going_on.count() > going_on.matching("ceasefire").count() > 2
    expected_ids = list(events.order_by("start", "id").values_list("id", flat=True))
    assert len(expected_ids) > 10
    seen, after = [], None
    while True:  # every page, through the cursors
        page = keyset_page(events, 10, after=after, parts=parts)
        seen += [event.pk for event in page]
        if not page.has_next:
            break
        assert len(page) == 10  # full pages: every id the parts gave is in the view
        after = (page.object_list[-1].start, page.object_list[-1].pk)
    assert seen == expected_ids
