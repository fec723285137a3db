"""Exports of a view from a date on: the events already going on at that date and those starting
in the range, in (start, id) order across chunks, whatever the chunk size.

On PostgreSQL such an export reads parts (search.plan.date_range_parts: going on at the first
day, since more than a year through the GiST index of very long events and since less through
event_long_start_idx; starting from it on, through event_start_id_idx) and merges them chunk
by chunk (search.pages.merged_window); the document must be byte for byte the one the plain
condition gives, at four queries per chunk. On SQLite the plain query is used and the same
order is checked.
"""

import csv
import datetime
import io
import itertools
import json
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_article, make_event
from timeline import exports
from timeline.filters import ChronologyFilter
from timeline.models import Actor, Event
from timeline.search import plan

FIRST, LAST = datetime.date(2021, 5, 1), datetime.date(2021, 6, 30)
VIEW = {"date_from": "2021-05", "date_to": "2021-06"}
ENDPOINTS = ["events_json", "events_csv", "events_acled", "events_timelinejs"]
FORMATS = {
    "events_json": exports.iter_json,
    "events_csv": exports.iter_csv,
    "events_acled": exports.iter_acled,
}


def on_postgresql() -> bool:
    """The two-part reading is PostgreSQL's (SQLite allows no LIMIT inside a UNION): there the
    view is read as one plain condition, which the tests below check instead of skipping."""
    return connection.vendor == "postgresql"


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(exports, "FIRST_CHUNK", 2)
    monkeypatch.setattr(exports, "CHUNK", 3)


@pytest.fixture
def overlapping(db):
    """Events starting in May–June 2021, more than a chunk of events started earlier and still
    going on at May 1st, and events just outside. The ids run against the dates: the events in
    the range come first, those going on are made latest start first, and a few more in the
    range come last; several share a start date, and some are talks, spread over the dates."""
    d = datetime.date
    article = make_article("Shelling near Jermuk on May 12, 2021. Talks were held in Moscow.")
    shelling, talks = "Shelling near Jermuk on May 12, 2021.", "Talks were held in Moscow."
    for i in range(4):
        make_event(FIRST, f"In: on the first day {i}", actors=["Army"] if i % 2 else [])
    make_event(LAST, "In: on the last day", actors=["Army"], event_type="talks")
    for i in range(3):
        make_event(d(2021, 5, 12), f"In: mid-May {i}", actors=["Army"], article=article,
                   quote=shelling, places=["Jermuk"])  # fmt: skip
    make_event(d(2021, 4, 28), "Going on: to the first", end=FIRST)  # last_day is FIRST
    make_event(d(2021, 4, 1), "Going on: April to May", end=d(2021, 5, 20), event_type="talks")
    make_event(d(2021, 4, 1), "Going on: April to June", end=d(2021, 6, 2), actors=["Army"],
               article=article, quote=talks)  # fmt: skip
    make_event(d(2021, 1, 1), "Going on: the year 2021", precision="year", actors=["Army"])
    make_event(d(2021, 1, 1), "Going on: 2021 again", precision="year", event_type="talks")
    make_event(d(2020, 9, 1), "Going on: since autumn 2020", precision="month", end=FIRST)
    make_event(d(2019, 1, 1), "Going on: war years", precision="year", end=d(2022, 1, 1),
               actors=["Army"], places=["Jermuk"])  # fmt: skip
    make_event(d(1992, 1, 1), "Going on: since 1992", precision="year", end=d(2021, 1, 1))
    make_event(d(2021, 4, 30), "Out: the day before")
    make_event(d(2021, 4, 1), "Out: April", precision="month", actors=["Army"])
    make_event(d(2021, 7, 1), "Out: the day after", actors=["Army"])
    make_event(d(2021, 4, 1), "Out: rejected", end=d(2021, 5, 9), status=Event.Status.REJECTED)
    make_event(d(2021, 5, 12), "In: mid-May, made last", actors=["Army"], event_type="talks")
    make_event(FIRST, "In: on the first day, made last")


def expected_ids(actor: Actor | None = None) -> list[int]:
    """The view worked out in Python: visible events whose period overlaps May–June 2021."""
    events = sorted(Event.objects.all(), key=lambda e: (e.start, e.pk))
    return [
        e.pk
        for e in events
        if e.status != Event.Status.REJECTED
        and e.last_day >= FIRST
        and e.start <= LAST
        and (actor is None or e.event_actors.filter(actor=actor).exists())
    ]


# A stream is a piece per chunk, and these views are a few dozen chunks at most: reading at most
# this many pieces turns a merge that never ends (a cursor lost) into a failure, not a hang.
MAX_PIECES = 200


def document(pieces) -> str:
    return "".join(itertools.islice(pieces, MAX_PIECES))


def body(response) -> str:
    assert response.status_code == 200 and response.streaming
    return b"".join(itertools.islice(response.streaming_content, MAX_PIECES)).decode()


def exported_ids(client, name: str, params: dict) -> list[int]:
    text = body(client.get(reverse(name), params))
    if name == "events_json":
        return [event["id"] for event in json.loads(text)["events"]]
    if name == "events_timelinejs":
        return [int(s["unique_id"].removeprefix("event-")) for s in json.loads(text)["events"]]
    return [int(row[0]) for row in list(csv.reader(io.StringIO(text)))[1:]]


def view_of(params: dict):
    """What the export views stream, and the parts they read it in (None on SQLite)."""
    form = ChronologyFilter(params)
    assert form.is_valid(), form.errors
    view = form.view()
    return view, plan.date_range_parts(view, Event.objects.visible())


def read_as(monkeypatch, parts, document_of):
    """The document ``document_of()`` gives when the view is read in these parts (None: as one
    plain condition)."""
    with monkeypatch.context() as patched:
        patched.setattr(plan, "date_range_parts", lambda view, base: parts)
        return document_of()


def test_the_fixture_spans_several_chunks_in_each_part(overlapping):
    expected = expected_ids()
    going_on = Event.objects.visible().going_on_at(FIRST)
    summaries = set(Event.objects.filter(pk__in=expected).values_list("summary", flat=True))
    assert all(not s.startswith("Out:") for s in summaries) and len(expected) == 18
    assert going_on.count() == 8 > 2 * 3  # the part going on at May 1st alone: several chunks
    assert expected != sorted(expected)  # ids against the dates


@pytest.mark.parametrize("first,size", [(2, 3), (1, 1), (1, 2), (100, 1000)])
@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_date_filtered_export_lists_the_overlapping_events_in_order(
    client, overlapping, monkeypatch, name, first, size
):
    monkeypatch.setattr(exports, "FIRST_CHUNK", first)
    monkeypatch.setattr(exports, "CHUNK", size)
    assert exported_ids(client, name, VIEW) == expected_ids()
    army = Actor.objects.get(name="Army")
    with_actor = exported_ids(client, name, {**VIEW, "actor": army.pk})
    assert with_actor == expected_ids(army) and len(with_actor) == 10
    # From a day inside the war years only, and from a day no event overlaps.
    war = {"date_from": "2019-06-01", "date_to": "2019-06-30"}
    assert exported_ids(client, name, war) == [
        Event.objects.get(summary="Going on: since 1992").pk,
        Event.objects.get(summary="Going on: war years").pk,
    ]
    assert exported_ids(client, name, {"date_from": "1980", "date_to": "1980"}) == []


@pytest.mark.parametrize("params", [VIEW, {"date_from": "2021-05"}, {**VIEW, "type": "talks"}])
def test_the_two_parts_give_the_document_of_the_plain_condition(
    client, overlapping, small_chunks, params, monkeypatch
):
    view, parts = view_of(params)
    if not on_postgresql():
        assert parts is None
        for name, stream in FORMATS.items():
            assert body(client.get(reverse(name), params)) == document(stream(view)), name
        return
    assert parts is not None and len(parts) == 3  # going on (since long ago, recently), starting
    for name, stream in FORMATS.items():
        plain = read_as(monkeypatch, None, lambda stream=stream: document(stream(view)))
        assert document(stream(view)) == plain, name
        assert body(client.get(reverse(name), params)) == plain, name
    title = exports.timelinejs_title(3, [], "first", "last")
    timeline = lambda: document(exports.iter_timelinejs(view, title, "http://x"))  # noqa: E731
    assert timeline() == read_as(monkeypatch, None, timeline)


def test_interleaved_parts_are_merged_by_start_and_id(overlapping, small_chunks, monkeypatch):
    """merged_window takes any parts that split the view: here talks and the rest, whose dates
    interleave, so concatenating windows, or a cursor on one part only, would show."""
    view, parts = view_of(VIEW)
    if not on_postgresql():
        assert parts is None  # never merged there
        return
    events = plan.filtered(view, Event.objects.visible())
    parts = [events.filter(event_type="talks"), events.exclude(event_type="talks")]
    assert 0 < parts[0].count() < parts[1].count()
    for stream in FORMATS.values():
        plain = read_as(monkeypatch, None, lambda stream=stream: document(stream(view)))
        assert read_as(monkeypatch, parts, lambda stream=stream: document(stream(view))) == plain


def events_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if '"timeline_event"."summary"' in q["sql"]]


@pytest.mark.parametrize("name", ["events_json", "events_csv"])
def test_a_date_filtered_export_costs_four_queries_per_chunk(
    client, overlapping, small_chunks, name
):
    n = len(expected_ids())
    chunks = math.ceil((n - 2) / 3) + 1  # a first chunk of 2, then chunks of 3
    empty_query = 1 if (n - 2) % 3 == 0 else 0  # a full last chunk: one more events query
    with CaptureQueriesContext(connection) as captured:
        assert len(exported_ids(client, name, VIEW)) == n
    assert len(captured) == 4 * chunks + empty_query
    reads = events_queries(captured)
    assert len(reads) == chunks + empty_query
    if connection.vendor == "postgresql":
        # Each chunk's events come from one query over both parts, the GiST one included.
        assert all("UNION ALL" in sql and "@>" in sql for sql in reads)


def test_an_export_without_date_from_reads_the_plain_query(client, overlapping, small_chunks):
    with CaptureQueriesContext(connection) as captured:
        ids = exported_ids(client, "events_json", {"date_to": "2021-06"})
    assert ids == [
        e.pk
        for e in sorted(Event.objects.visible(), key=lambda e: (e.start, e.pk))
        if e.start <= LAST
    ]
    assert not any("UNION" in sql for sql in events_queries(captured))


def test_the_events_going_on_at_a_day_split_by_when_they_started(db):
    """plan.going_on_parts(day): the part since fewer than LONG_AGO days and the part since more
    (through the index of very long events on PostgreSQL) are exactly going_on_at(day)."""
    from timeline.search.plan import LONG_AGO, going_on_parts

    edge = FIRST - datetime.timedelta(days=LONG_AGO)
    for offset in (-2, -1, 0, 1, 2):
        start = edge + datetime.timedelta(days=offset)
        for end in (FIRST - datetime.timedelta(days=1), FIRST, FIRST + datetime.timedelta(days=3)):
            make_event(start, f"{start} to {end}", end=end)
    make_event(
        datetime.date(1992, 1, 1), "since 1992", precision="year", end=datetime.date(2023, 1, 1)
    )
    make_event(FIRST - datetime.timedelta(days=3), "three days", end=FIRST)
    events = Event.objects.all()
    for day in (FIRST, FIRST - datetime.timedelta(days=1), FIRST + datetime.timedelta(days=2)):
        whole = set(events.going_on_at(day).values_list("id", flat=True))
        recently, long_ago = (
            set(part.values_list("id", flat=True)) for part in going_on_parts(events, day)
        )
        assert recently | long_ago == whole and not recently & long_ago, day
        assert recently and long_ago, day
    # At FIRST: started 366 days before or later, recently; 367 or more, long ago.
    long_ago = going_on_parts(events, FIRST)[1].values_list("summary", flat=True)
    assert sorted(long_ago) == sorted(
        ["since 1992"]
        + [f"{edge + datetime.timedelta(days=o)} to {e}" for o in (-2, -1)
           for e in (FIRST, FIRST + datetime.timedelta(days=3))]
    )  # fmt: skip
