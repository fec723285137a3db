"""The exports stream in keyset chunks: queries per chunk, not per row; no event lost or
repeated at a chunk boundary; events without actors, places or citations still export."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_event
from timeline import exports
from timeline.models import Citation, Event, Place
from timeline.search import View

CHUNK = 3
ENDPOINTS = ["events_json", "events_csv", "events_acled", "events_timelinejs"]
DAY = datetime.date(2021, 5, 12)


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", CHUNK)


def body(response) -> str:
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode()


def exported_ids(client, name: str, params=None) -> list[int]:
    """The event ids an export lists, in its order, whatever its format."""
    text = body(client.get(reverse(name), params or {}))
    if name == "events_json":
        return [event["id"] for event in json.loads(text)["events"]]
    if name == "events_timelinejs":
        return [int(s["unique_id"].removeprefix("event-")) for s in json.loads(text)["events"]]
    rows = list(csv.reader(io.StringIO(text)))[1:]
    return [int(row[0]) for row in rows]


def build(n: int, start=DAY) -> list[Event]:
    """n events with two actors, a place in a province, and two citations each."""
    province = Place.objects.get_or_create(name="Syunik Province", kind="province")[0]
    Place.objects.get_or_create(name="Jermuk", kind="town", parent=province)
    events = []
    for i in range(n):
        text = f"Shelling near Jermuk, report {i}. It went on for hours."
        article = make_article(text, outlet="TASS" if i % 2 else "RFE/RL")
        event = make_event(
            start + datetime.timedelta(days=i % 4),
            f"Shelling {i}",
            actors=["Army", ("Ministry", "source")],
            places=["Jermuk"],
            article=article,
            quote=f"Shelling near Jermuk, report {i}.",
        )
        second = "It went on for hours."
        offset = text.index(second)
        event.citations.create(
            article=article, quote=second, start=offset, end=offset + len(second)
        )
        events.append(event)
    return events


def queries_for(client, name: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        body(client.get(reverse(name)))
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ENDPOINTS)
def test_an_export_costs_a_fixed_number_of_queries_per_chunk(
    client, db, name, django_assert_max_num_queries
):
    build(3 * CHUNK)
    # Three full chunks: an events query and one per relation each, then the events query
    # that finds nothing more; the TimelineJS title counts the events and reads the first and
    # the last; ACLED looks up the place's ancestors once, a query per level.
    ceiling = 3 * 4 + 1 + {"events_timelinejs": 3, "events_acled": 2}.get(name, 0)
    with django_assert_max_num_queries(ceiling):
        assert len(exported_ids(client, name)) == 3 * CHUNK
    nine = queries_for(client, name)
    build(3 * CHUNK, start=DAY + datetime.timedelta(days=10))
    # Twice the events, twice the chunks: exactly four more queries per chunk, however many
    # actors, places and citations the events have.
    assert queries_for(client, name) == nine + 3 * 4


def test_the_stream_reads_one_chunk_before_its_first_piece(db):
    build(10 * CHUNK)
    with CaptureQueriesContext(connection) as captured:
        pieces = exports.iter_json(View())
        assert next(pieces) == '{"events": ['
        assert captured.captured_queries == []  # the first byte needs no query
        first = next(pieces)
        assert len(captured.captured_queries) == 4
    assert first.count('\n{"id": ') == CHUNK


@pytest.mark.parametrize("name", ENDPOINTS)
def test_events_sharing_a_start_date_across_chunk_boundaries_come_once_each(client, db, name):
    # Ids out of date order: the later day first, then many on one earlier day, then more on
    # the later day, so a cursor on the date alone, or on the id alone, loses or repeats some.
    later = [make_event(DAY + datetime.timedelta(days=1), f"Later {i}") for i in range(2)]
    same = [make_event(DAY, f"Same day {i}") for i in range(3 * CHUNK + 2)]
    later += [make_event(DAY + datetime.timedelta(days=1), f"Later {i}") for i in range(2, 4)]
    earlier = make_event(DAY - datetime.timedelta(days=1), "Day before")
    expected = [earlier.pk] + [e.pk for e in same] + [e.pk for e in later]
    assert exported_ids(client, name) == expected
    # Filtered to the one day, the boundaries fall elsewhere.
    ids = exported_ids(client, name, {"date_from": "2021-05-12", "date_to": "2021-05-12"})
    assert ids == [e.pk for e in same]


@pytest.mark.parametrize("first,size", [(1, 1), (2, 2), (1, CHUNK), (2, 4), (100, 100)])
def test_every_chunk_size_gives_the_same_document(client, db, monkeypatch, first, size):
    build(7)
    make_event(DAY, "Bare")
    monkeypatch.setattr(exports, "CHUNK", 5)
    reference = {name: body(client.get(reverse(name))) for name in ENDPOINTS}
    monkeypatch.setattr(exports, "FIRST_CHUNK", first)
    monkeypatch.setattr(exports, "CHUNK", size)
    for name in ENDPOINTS:
        assert body(client.get(reverse(name))) == reference[name], (name, first, size)


def test_events_with_no_actors_places_or_citations_still_export(client, db):
    full = build(1)[0]
    bare = make_event(DAY, "Nobody, nowhere, unsourced", event_type="talks")
    assert not bare.event_actors.exists() and not bare.citations.exists()

    document = json.loads(body(client.get(reverse("events_json"))))
    assert [e["id"] for e in document["events"]] == [full.pk, bare.pk]
    assert document["events"][1] == {
        "id": bare.pk,
        "start": "2021-05-12",
        "end": None,
        "precision": "day",
        "summary": "Nobody, nowhere, unsourced",
        "event_type": "talks",
        "status": "extracted",
        "actors": [],
        "places": [],
        "citations": [],
    }
    assert len(document["events"][0]["citations"]) == 2

    rows = list(csv.reader(io.StringIO(body(client.get(reverse("events_csv"))))))
    assert rows[2] == [
        str(bare.pk), "2021-05-12", "", "day", "talks", "extracted", "",
        "Nobody, nowhere, unsourced", "", "", "", "0", "", "",
    ]  # fmt: skip

    rows = list(csv.reader(io.StringIO(body(client.get(reverse("events_acled"))))))
    bare.refresh_from_db()
    assert rows[2] == [
        str(bare.pk), "2021-05-12", "1", "Strategic developments", "", "", "", "", "", "", "",
        "", "", "Nobody, nowhere, unsourced", str(int(bare.updated_at.timestamp())), "Agreement",
    ]  # fmt: skip
    assert rows[1][7:10] == ["", "Syunik Province", "Jermuk"]

    slides = json.loads(body(client.get(reverse("events_timelinejs"))))["events"]
    assert slides[1] == {
        "unique_id": f"event-{bare.pk}",
        "start_date": {"year": "2021", "month": "5", "day": "12"},
        "display_date": "12 May 2021",
        "text": {"headline": "Nobody, nowhere, unsourced", "text": ""},
        "group": "talks / meeting",
    }
    assert "<strong>Actors:</strong>" in slides[0]["text"]["text"]


def test_an_empty_view_is_an_empty_document(client, db):
    build(2)
    params = {"date_from": "1990", "date_to": "1990"}
    assert body(client.get(reverse("events_json"), params)) == '{"events": [\n]}\n'
    assert body(client.get(reverse("events_csv"), params)) == ",".join(exports.CSV_COLUMNS) + (
        "\r\n"
    )
    document = json.loads(body(client.get(reverse("events_timelinejs"), params)))
    assert document["events"] == [] and "0 events" in document["title"]["text"]["text"]


def test_a_timelinejs_slide_keeps_the_dates_uncertainty_and_the_title_names_the_view(client, db):
    article = make_article(
        "The army shelled Velmar on Wednesday.", published_source=Article.DateSource.INFERRED
    )
    shelled = make_event(
        datetime.date(2021, 5, 12), "Velmar shelled", article=article, date_confidence=0.5
    )
    Citation.objects.filter(event=shelled).update(date_rule="weekday-past")
    make_event(datetime.date(2021, 6, 1), "Talks", precision="month")
    document = json.loads(body(client.get(reverse("events_timelinejs"), {"type": "other"})))
    slides = {slide["text"]["headline"]: slide for slide in document["events"]}
    assert slides["Velmar shelled"]["display_date"] == "≈ 12 May 2021 (inferred)"
    assert slides["Talks"]["display_date"] == "June 2021"
    title = document["title"]["text"]
    assert title["headline"] == "Chronology — Event type: other"
    assert title["text"] == "<p>2 events, 12 May 2021 to June 2021.</p>"
    # An editor's date is the editor's: neither "≈" nor "(inferred)".
    shelled.edited_fields = ["start"]
    shelled.date_confidence = 1.0
    shelled.save()
    document = json.loads(body(client.get(reverse("events_timelinejs"))))
    assert document["events"][0]["display_date"] == "12 May 2021"
