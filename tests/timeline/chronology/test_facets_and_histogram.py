"""Facet counts, the density histogram, and the actor and place pages."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_event
from timeline.filters import ChronologyFilter
from timeline.models import Actor, Event, Place
from timeline.search.facets import Stored, view_histogram

URL = reverse("chronology")


@pytest.fixture
def events(db):
    article = make_article("One. Two. Three.")
    make_event(
        datetime.date(2021, 5, 12),
        "Troops cross",
        actors=["Azerbaijan Armed Forces", ("Armenia", "target")],
        places=["Syunik Province"],
        event_type="incursion",
        article=article,
        quote="One.",
    )
    make_event(
        datetime.date(2021, 5, 13),
        "Ministry denies",
        actors=["Azerbaijan Armed Forces"],
        event_type="statement",
        contested=True,
        article=article,
        quote="Two.",
    )
    make_event(
        datetime.date(2021, 7, 1),
        "Talks in Moscow",
        actors=["Armenia"],
        places=["Moscow"],
        event_type="talks",
        status="reviewed",
    )
    make_event(datetime.date(2020, 1, 1), "War year", precision="year", event_type="armed_clash")


def facet(html, name):
    """{label: count} of one facet section in the page."""
    section = re.search(rf"<h2>{name}</h2>\s*<ul>(.*?)</ul>", html, re.S).group(1)
    return {
        label: int(n)
        for label, n in re.findall(
            r'<span class="value"><a [^>]*>([^<]+)</a>.*?<span class="n">(\d+)</span>', section
        )
    }


def test_facets_count_the_matching_events(client, events):
    html = client.get(URL).content.decode()
    assert facet(html, "Actor") == {"Armenia": 2, "Azerbaijan Armed Forces": 2}
    assert facet(html, "Event type") == {
        "territorial incursion": 1,
        "statement / claim": 1,
        "talks / meeting": 1,
        "armed clash": 1,
    }
    assert facet(html, "Date precision") == {"day": 3, "year": 1}
    assert facet(html, "Review status") == {"unreviewed": 3, "reviewed": 1}
    assert facet(html, "Contested") == {"not contested": 3, "contested": 1}
    assert facet(html, "Outlet") == {"TASS": 2}


def test_a_facet_ignores_its_own_filter_but_obeys_the_others(client, events):
    actor = Actor.objects.get(name="Armenia")
    html = client.get(URL, {"actor": actor.pk}).content.decode()
    # The actor facet still offers the alternatives; the type facet narrows to Armenia's events.
    assert facet(html, "Actor") == {"Armenia": 2, "Azerbaijan Armed Forces": 2}
    assert facet(html, "Event type") == {"territorial incursion": 1, "talks / meeting": 1}
    assert "<strong>2</strong> events" in html
    assert f'<option value="{actor.pk}" selected>Armenia (2)</option>' in html


def test_facet_links_set_and_clear_their_filter(client, events):
    html = client.get(URL + "?type=talks&contested=no").content.decode()
    assert 'href="?type=incursion&amp;contested=no"' in html
    # The active value links to the same view without it.
    assert re.search(r'href="\?contested=no"[^>]*aria-current="true"', html)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"contested": "yes"}, ["Ministry denies"]),
        ({"precision": "year"}, ["War year"]),
        ({"status": "reviewed"}, ["Talks in Moscow"]),
    ],
)
def test_precision_status_and_contested_filters(client, events, params, expected):
    html = client.get(URL, params).content.decode()
    shown = [e.summary for e in Event.objects.all() if e.summary in html]
    assert shown == expected


def test_histogram_counts_per_month_and_bars_filter_to_their_period(client, events):
    form = ChronologyFilter({"date_from": "2021"})
    assert form.is_valid()
    chart = view_histogram(form.view())
    assert chart.unit == "month"
    assert [(b.label, b.count) for b in chart.bars] == [
        ("May 2021", 2),
        ("Jun 2021", 0),
        ("Jul 2021", 1),
    ]
    html = client.get(URL, {"date_from": "2021"}).content.decode()
    assert 'aria-label="May 2021: 2 events"' in html
    assert 'href="?date_from=2021-05&amp;date_to=2021-05"' in html


def test_histogram_zooms_out_to_years_over_a_long_span(events):
    make_event(datetime.date(1988, 2, 1), "Outbreak", precision="month")
    form = ChronologyFilter({})
    assert form.is_valid()
    chart = view_histogram(form.view())
    assert chart.unit == "year"
    # The 31 empty years between are one gap bar, which zooms to them.
    assert [(b.label, b.count) for b in chart.bars] == [
        ("1988", 1),
        ("1989–2019", 0),
        ("2020", 1),
        ("2021", 3),
    ]
    assert chart.bars[0].first == "1988" and chart.bars[0].last == "1988"
    assert (chart.bars[1].first, chart.bars[1].last) == ("1989", "2019")


def test_the_histogram_has_a_bounded_number_of_bars_whatever_the_dates(db):
    from timeline.search.facets import MAX_BARS, histogram_from_counts

    far_apart = [{"y": 1800, "m": 1, "n": 1}, {"y": 2100, "m": 12, "n": 1}]
    chart = histogram_from_counts(far_apart)
    assert [(b.label, b.count) for b in chart.bars] == [
        ("1800", 1),
        ("1801–2099", 0),
        ("2100", 1),
    ]
    every_year = [{"y": y, "m": 6, "n": 1} for y in range(1800, 2101)]
    chart = histogram_from_counts(every_year)
    assert len(chart.bars) <= MAX_BARS and chart.unit == "5 years"
    assert chart.bars[0].label == "1800–1804" and chart.bars[-1].label == "2100"
    assert sum(b.count for b in chart.bars) == len(every_year)
    every_other = [{"y": y, "m": 6, "n": 1} for y in range(1800, 2101, 2)]
    assert len(histogram_from_counts(every_other).bars) <= MAX_BARS


def test_no_histogram_without_events(client, db):
    assert "<svg" not in client.get(URL).content.decode()


def test_uncertain_and_inferred_dates_are_marked(client, db):
    article = make_article("On Friday the ministry spoke.", published_source="inferred")
    event = make_event(
        datetime.date(2021, 5, 14), "The ministry spoke", article=article, date_confidence=0.7
    )
    event.citations.update(date_rule="weekday-past")
    html = client.get(URL).content.decode()
    assert "≈ 14 May 2021" in html and "(inferred)" in html


def test_actor_page_lists_roles_aliases_offices_and_events(client, events):
    actor = Actor.objects.get(name="Armenia")
    actor.aliases.create(name="Republic of Armenia")
    actor.offices = [{"title": "Member", "of": "CSTO", "from": "1992-05-15", "to": None}]
    actor.save()
    html = client.get(reverse("actor", args=[actor.pk])).content.decode()
    assert "<h1>Armenia</h1>" in html and "Republic of Armenia" in html and "Member of CSTO" in html
    assert "acted upon in 1 event" in html and "acted in 1 event" in html
    assert "Troops cross" in html and "Talks in Moscow" in html and "War year" not in html


def test_place_page_lists_its_events_and_parent(client, events):
    place = Place.objects.get(name="Syunik Province")
    place.parent = Place.objects.create(name="Armenia", kind="country")
    place.latitude, place.longitude = 39.5, 46.3
    place.save()
    html = client.get(reverse("place", args=[place.pk])).content.decode()
    assert "Troops cross" in html and "Talks in Moscow" not in html
    assert "39.5000, 46.3000" in html and ">Armenia</a>" in html


def commit() -> int:
    """Run and clear the pending on-commit callbacks, as a commit would (a test never commits)."""
    from django.db import connection

    pending = [func for _, func, _ in connection.run_on_commit]
    connection.run_on_commit.clear()
    for func in pending:
        func()
    return len(pending)


def test_stored_aggregates_are_dropped_by_any_write_so_counts_stay_exact(client, events):
    from django.db import transaction

    from timeline.models import Aggregate

    commit()  # the fixture's writes
    assert Stored.refresh()
    assert Aggregate.objects.count() == len(Stored.KEYS) + 1  # and the data version
    html = client.get(URL).content.decode()
    assert facet(html, "Event type")["talks / meeting"] == 1
    make_event(datetime.date(2021, 8, 1), "More talks", event_type="talks", actors=["Armenia"])
    assert commit() == 1  # once per transaction, however many rows were written
    assert Aggregate.objects.count() == 0
    # Without them the page counts a sample, which is the whole of a small chronology: exact.
    assert facet(client.get(URL).content.decode(), "Event type")["talks / meeting"] == 2
    assert Stored.refresh()
    # A rolled-back write schedules nothing, and later writes still drop the aggregates.
    with pytest.raises(RuntimeError), transaction.atomic():
        make_event(datetime.date(2021, 8, 2), "Never stored", event_type="talks")
        raise RuntimeError
    assert (
        commit() == 0 and Aggregate.objects.count() == len(Stored.KEYS) + 1
    )  # and the data version
    Event.objects.get(summary="More talks").delete()
    assert commit() == 1 and Aggregate.objects.count() == 0
    assert facet(client.get(URL).content.decode(), "Event type")["talks / meeting"] == 1


def test_a_refresh_raced_by_a_write_stores_nothing(events, monkeypatch):
    from timeline.models import Aggregate
    from timeline.search import facets

    real = facets._month_rows

    def write_meanwhile(form):
        rows = real(form)
        make_event(datetime.date(2021, 9, 1), "Written during the count")
        commit()  # drops every aggregate row, the refresh's token too
        return rows

    monkeypatch.setattr(facets, "_month_rows", write_meanwhile)
    assert Stored.refresh() is False
    assert not Aggregate.objects.exists()


def test_a_facet_whose_own_filter_is_the_only_one_uses_the_stored_counts(
    client, events, django_assert_max_num_queries
):
    actor = Actor.objects.get(name="Armenia")
    Stored.refresh()
    # Stored aggregates, the actor's validation, one sample query for the other facets, the
    # histogram and the total, the events and three prefetches; the actor facet itself is the
    # stored one, so it still offers the other actors.
    with django_assert_max_num_queries(7):
        html = client.get(URL, {"actor": actor.pk}).content.decode()
    assert facet(html, "Actor") == {"Armenia": 2, "Azerbaijan Armed Forces": 2}


def test_a_date_range_histogram_starts_at_the_range(client, db):
    make_event(datetime.date(2019, 3, 1), "A long war", end=datetime.date(2022, 1, 1))
    make_event(datetime.date(2021, 5, 12), "Shelling")
    make_event(datetime.date(2021, 6, 2), "Talks")
    html = client.get(URL, {"date_from": "2021-05", "date_to": "2021-06"}).content.decode()
    bars = re.findall(r'class="bar" aria-label="([^"]+)"', html)
    # The war began in 2019 but is going on in the range: counted in its first month.
    assert bars == ["May 2021: 2 events", "Jun 2021: 1 event"]
    assert "The first bar includes 1 event that began before the range" in html
    plain = client.get(URL).content.decode()
    assert "began before the range" not in plain
    assert re.findall(r'class="bar" aria-label="([^"]+)"', plain)[0] == "Mar 2019: 1 event"


def test_earlier_events_get_a_bar_of_their_own_when_the_first_month_has_none():
    from timeline.search.facets import from_the_range_on

    months = [
        {"y": 2020, "m": 1, "p": "day", "n": 4},
        {"y": 2020, "m": 1, "p": "year", "n": 1},
        {"y": 2021, "m": 7, "p": "day", "n": 2},
    ]
    assert from_the_range_on(months, datetime.date(2021, 5, 1)) == (
        [
            {"y": 2021, "m": 5, "p": "day", "n": 4},
            {"y": 2021, "m": 5, "p": "year", "n": 1},
            {"y": 2021, "m": 7, "p": "day", "n": 2},
        ],
        5,
    )
    assert from_the_range_on(months, None) == (months, 0)
    assert from_the_range_on(months, datetime.date(2019, 1, 1)) == (months, 0)


def test_events_dated_more_coarsely_than_the_bars_are_counted_not_drawn(db):
    from timeline.search.facets import histogram_from_counts

    months = [
        {"y": 2021, "m": 1, "p": "year", "n": 3},  # "in 2021": not January
        {"y": 2021, "m": 3, "p": "day", "n": 2},
        {"y": 2021, "m": 5, "p": "month", "n": 1},
    ]
    chart = histogram_from_counts(months)
    assert chart.unit == "month"
    assert [(b.label, b.count) for b in chart.bars] == [
        ("Mar 2021", 2),
        ("Apr 2021", 0),
        ("May 2021", 1),
    ]
    assert (chart.coarse, chart.coarse_precision) == (3, "the year")
    # Only the year is known of every event: years are the bars.
    chart = histogram_from_counts([{"y": 2020, "m": 1, "p": "year", "n": 2}])
    assert (chart.unit, [b.count for b in chart.bars], chart.coarse) == ("year", [2], 0)


def test_a_view_within_one_month_is_drawn_by_day_and_zooms_to_a_day(client, db):
    from timeline.search.facets import histogram_from_counts

    may = [{"y": 2021, "m": 5, "p": "day", "n": 3}, {"y": 2021, "m": 5, "p": "month", "n": 1}]
    days = [{"d": datetime.date(2021, 5, 12), "n": 2}, {"d": datetime.date(2021, 5, 15), "n": 1}]
    chart = histogram_from_counts(may, days)
    assert chart.unit == "day"
    assert [(b.label, b.count, b.first, b.last) for b in chart.bars] == [
        ("12 May 2021", 2, "2021-05-12", "2021-05-12"),
        ("13 May 2021", 0, "2021-05-13", "2021-05-13"),
        ("14 May 2021", 0, "2021-05-14", "2021-05-14"),
        ("15 May 2021", 1, "2021-05-15", "2021-05-15"),
    ]
    assert (chart.coarse, chart.coarse_precision) == (1, "the month or the year")
    # Ticks are placed in percent at the bars' middles; the first and last do not overflow.
    assert [label for _, label, _ in chart.ticks] == ["12 May", "13 May", "14 May", "15 May"]
    assert chart.ticks[0][2] == "middle" and 0 < chart.ticks[0][0] < 15

    make_event(datetime.date(2021, 5, 12), "Shelling at dawn")
    make_event(datetime.date(2021, 5, 12), "Shelling at dusk")
    make_event(datetime.date(2021, 5, 15), "Talks")
    make_event(datetime.date(2021, 5, 1), "A month of strikes", precision="month")
    page = client.get(URL).content.decode()
    labels = re.findall(r'class="bar" aria-label="([^"]+)"', page)
    assert labels[0] == "12 May 2021: 2 events" and labels[-1] == "15 May 2021: 1 event"
    assert "date_from=2021-05-12&amp;date_to=2021-05-12" in page
    assert "Not drawn: 1 event dated only to the month or the year." in page
    assert '<text x="' in page and 'text-anchor="' in page
    zoomed = client.get(URL, {"date_from": "2021-05-12", "date_to": "2021-05-12"})
    assert "Shelling at dawn" in zoomed.content.decode()
    assert "Talks" not in zoomed.content.decode()


def test_a_range_in_one_month_with_events_going_on_since_before_is_drawn_by_day(client, db):
    make_event(datetime.date(2021, 4, 20), "Siege", end=datetime.date(2021, 5, 20))
    make_event(datetime.date(2021, 5, 12), "Shelling")
    page = client.get(URL, {"date_from": "2021-05-10", "date_to": "2021-05-31"}).content.decode()
    labels = re.findall(r'class="bar" aria-label="([^"]+)"', page)
    # The siege began earlier: it counts on the range's first day, which starts the axis.
    assert labels == ["10 May 2021: 1 event", "11 May 2021: 0 events", "12 May 2021: 1 event"]
