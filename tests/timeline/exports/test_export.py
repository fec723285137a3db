import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_article, make_event
from timeline.exports import CSV_COLUMNS

EVENT_KEYS = {
    "id",
    "start",
    "end",
    "precision",
    "summary",
    "event_type",
    "status",
    "actors",
    "places",
    "citations",
}
ARTICLE_KEYS = {"id", "file", "title", "outlet", "url", "published"}


@pytest.fixture
def events(db):
    article = make_article(
        "In 1992-1994, tensions boiled over. Clashes erupted on May 12, 2021.",
        url="https://example.org/a",
    )
    range_event = make_event(
        datetime.date(1992, 1, 1),
        "Large-scale war",
        precision="year",
        end=datetime.date(1994, 1, 1),
        actors=[("Armenia", "actor")],
        places=["Nagorno-Karabakh"],
        article=article,
        quote="In 1992-1994, tensions boiled over.",
    )
    day_event = make_event(
        datetime.date(2021, 5, 12),
        "Clashes erupt",
        event_type="armed_clash",
        article=article,
        quote="Clashes erupted on May 12, 2021.",
    )
    month_event = make_event(datetime.date(1988, 2, 1), "Conflict breaks out", precision="month")
    return range_event, day_event, month_event


def check_shape(document):
    assert set(document) == {"events"}
    for event in document["events"]:
        assert set(event) == EVENT_KEYS
        for actor in event["actors"]:
            assert set(actor) == {"name", "role"}
        assert all(isinstance(place, str) for place in event["places"])
        for citation in event["citations"]:
            assert set(citation) == {"article", "quote", "start", "end"}
            assert set(citation["article"]) == ARTICLE_KEYS


def test_json_endpoint_has_the_fixed_shape_and_precision_cut_dates(client, events):
    response = client.get(reverse("events_json"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    document = json.loads(b"".join(response.streaming_content))
    check_shape(document)
    by_summary = {e["summary"]: e for e in document["events"]}
    assert [e["summary"] for e in document["events"]] == [
        "Conflict breaks out",
        "Large-scale war",
        "Clashes erupt",
    ]
    assert (
        by_summary["Conflict breaks out"]["start"],
        by_summary["Conflict breaks out"]["end"],
    ) == ("1988-02", None)
    assert (by_summary["Large-scale war"]["start"], by_summary["Large-scale war"]["end"]) == (
        "1992",
        "1994",
    )
    assert by_summary["Clashes erupt"]["start"] == "2021-05-12"
    citation = by_summary["Large-scale war"]["citations"][0]
    assert (
        citation["article"]["file"].startswith("article_")
        and citation["article"]["outlet"] == "TASS"
    )
    assert citation["article"]["url"] == "https://example.org/a"
    assert citation["quote"] == "In 1992-1994, tensions boiled over." and citation["start"] == 0
    assert by_summary["Large-scale war"]["actors"] == [{"name": "Armenia", "role": "actor"}]
    assert by_summary["Large-scale war"]["places"] == ["Nagorno-Karabakh"]


def test_exports_honour_the_chronology_filters(client, events):
    document = json.loads(
        b"".join(client.get(reverse("events_json"), {"type": "armed_clash"}).streaming_content)
    )
    assert [e["summary"] for e in document["events"]] == ["Clashes erupt"]
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    client.get(reverse("events_csv"), {"date_to": "1990"}).streaming_content
                ).decode()
            )
        )
    )
    assert rows[0] == CSV_COLUMNS
    assert [row[CSV_COLUMNS.index("summary")] for row in rows[1:]] == ["Conflict breaks out"]


def test_export_with_a_bad_filter_is_a_400(client, events):
    response = client.get(reverse("events_json"), {"date_from": "soon"})
    assert response.status_code == 400 and "date_from" in response.content.decode()


def test_export_command_writes_json_and_csv(events, tmp_path):
    call_command(
        "export_events",
        "--format",
        "json",
        "--output",
        str(tmp_path / "e.json"),
        stderr=io.StringIO(),
    )
    document = json.loads((tmp_path / "e.json").read_text())
    check_shape(document)
    assert len(document["events"]) == 3
    call_command(
        "export_events",
        "--format",
        "csv",
        "--output",
        str(tmp_path / "e.csv"),
        stderr=io.StringIO(),
    )
    rows = list(csv.reader((tmp_path / "e.csv").open()))
    assert len(rows) == 4 and rows[0] == CSV_COLUMNS


def test_export_command_on_the_ingested_samples_has_the_fixed_shape(samples, capsys):
    call_command("export_events", "--format", "json")
    document = json.loads(capsys.readouterr().out)
    check_shape(document)
    assert document["events"]
    files = {c["article"]["file"] for e in document["events"] for c in e["citations"]}
    assert all(name.endswith(".txt") and "/" not in name for name in files)
