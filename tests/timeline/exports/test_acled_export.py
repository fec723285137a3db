"""/events.acled.csv: the chronology's current view in ACLED's columns and conventions."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from articles.models import Outlet
from tests.factories import make_article, make_event
from timeline.exports import ACLED_COLUMNS
from timeline.models import Actor, Event, Place

URL = reverse("events_acled")
REQUIRED = [
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "timestamp",
]


def get_rows(client, params=None) -> list[dict]:
    response = client.get(URL, params or {})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    reader = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    header = next(reader)
    assert header == ACLED_COLUMNS
    return [dict(zip(header, row, strict=True)) for row in reader]


def by_notes(rows) -> dict:
    return {row["notes"]: row for row in rows}


@pytest.fixture
def events(db):
    armenia = Place.objects.create(name="Armenia", kind="country", country="ARM")
    syunik = Place.objects.create(
        name="Syunik Province", kind="province", country="ARM", parent=armenia
    )
    Place.objects.create(
        name="Jermuk", kind="town", country="ARM", parent=syunik, latitude=39.84, longitude=45.67
    )
    Actor.objects.create(name="Azerbaijan Armed Forces", kind="armed_forces", country="AZE")
    Actor.objects.create(name="Azerbaijan Defence Ministry", kind="ministry", country="AZE")
    Actor.objects.create(name="Armenia", kind="state", country="ARM")
    Actor.objects.create(name="Nikol Pashinyan", kind="person", country="ARM")

    tass = make_article("Azerbaijani troops shelled Jermuk on May 12, 2021.")
    rferl = make_article("Troops shelled positions near Jermuk on May 12.", outlet="RFE/RL")
    day = make_event(
        datetime.date(2021, 5, 12),
        "Azerbaijani troops shell Jermuk",
        event_type=Event.Type.ARMED_CLASH,
        contested=True,
        actors=[
            ("Nikol Pashinyan", "source"),
            ("Azerbaijan Armed Forces", "actor"),
            ("Azerbaijan Defence Ministry", "denies"),
            ("Armenia", "target"),
        ],
        places=["Armenia", "Jermuk", "Syunik Province"],
        article=tass,
        quote=tass.body,
    )
    rferl_quote = rferl.body
    day.citations.create(article=rferl, quote=rferl_quote, start=0, end=len(rferl_quote))
    weekend = make_event(
        datetime.date(2021, 5, 14),
        "Fighting over the weekend",
        end=datetime.date(2021, 5, 15),
        actors=[("Armenia", "source"), ("Azerbaijan Armed Forces", "participant")],
        places=["Syunik Province"],
        event_type=Event.Type.ARMED_CLASH,
    )
    long_range = make_event(
        datetime.date(2021, 5, 1),
        "A month of skirmishes",
        end=datetime.date(2021, 5, 30),
        event_type=Event.Type.ARMED_CLASH,
    )
    month = make_event(datetime.date(1988, 2, 1), "Conflict breaks out", precision="month")
    year_range = make_event(
        datetime.date(1992, 1, 1),
        "Large-scale war",
        precision="year",
        end=datetime.date(1994, 1, 1),
    )
    talks = make_event(
        datetime.date(2021, 6, 1),
        "Talks in Moscow",
        event_type=Event.Type.TALKS,
        actors=[("Vladimir Putin", "participant")],
    )
    rejected = make_event(
        datetime.date(2021, 5, 13), "Noise the editor rejected", status=Event.Status.REJECTED
    )
    return {
        "day": day,
        "weekend": weekend,
        "long_range": long_range,
        "month": month,
        "year_range": year_range,
        "talks": talks,
        "rejected": rejected,
    }


def test_required_columns_come_in_acled_order_with_our_id_first_and_sub_type_last():
    assert ["event_id", *REQUIRED, "sub_event_type"] == ACLED_COLUMNS


def test_rows_are_visible_events_in_date_order(client, events):
    rows = get_rows(client)
    assert [int(row["event_id"]) for row in rows] == [
        events[k].pk for k in ("month", "year_range", "long_range", "day", "weekend", "talks")
    ]
    assert "Noise the editor rejected" not in {row["notes"] for row in rows}


def test_a_day_precision_event_has_its_day_sources_place_and_actors(client, events):
    row = by_notes(get_rows(client))["Azerbaijani troops shell Jermuk [contested]"]
    event = events["day"]
    event.refresh_from_db()
    assert row["event_date"] == "2021-05-12" and row["time_precision"] == "1"
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    # The actor with role "actor" leads; its side's other named actors are associated.
    assert row["actor1"] == "Azerbaijan Armed Forces"
    # The ministry that denies it is of the same side but did not act: not associated.
    assert row["assoc_actor_1"] == ""
    assert row["actor2"] == "Armenia"
    # The most specific place is the location; its province is admin1.
    assert (row["location"], row["admin1"]) == ("Jermuk", "Syunik Province")
    assert (float(row["latitude"]), float(row["longitude"])) == (39.84, 45.67)
    assert row["source"] == "RFE/RL; TASS"
    assert int(row["timestamp"]) == int(event.updated_at.timestamp())


def test_associated_actors_are_further_actors_of_the_same_country(db, client):
    Actor.objects.create(name="Armenian Armed Forces", country="ARM")
    Actor.objects.create(name="Armenian Defence Ministry", country="ARM")
    Actor.objects.create(name="Border Guards", country="ARM")
    Actor.objects.create(name="Azerbaijan", country="AZE")
    make_event(
        actors=[
            ("Armenian Defence Ministry", "source"),
            ("Armenian Armed Forces", "actor"),
            ("Border Guards", "participant"),
            ("Azerbaijan", "participant"),
        ]
    )
    (row,) = get_rows(client)
    assert row["actor1"] == "Armenian Armed Forces"
    assert row["assoc_actor_1"] == "Armenian Defence Ministry; Border Guards"
    assert row["actor2"] == "Azerbaijan"


def test_a_group_that_acted_is_actor1_and_the_person_acting_for_it_its_associate(db, client):
    Actor.objects.create(name="Kavi Rao", kind="person", country="IND")
    Actor.objects.create(name="India", kind="state", country="IND")
    Actor.objects.create(name="Nepal", kind="state", country="NPL")
    make_event(actors=[("Kavi Rao", "actor"), ("India", "actor"), ("Nepal", "target")])
    (row,) = get_rows(client)
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"]) == ("India", "Kavi Rao", "Nepal")


def test_without_an_acting_actor_the_first_source_or_participant_is_actor1(client, events):
    row = by_notes(get_rows(client))["Fighting over the weekend"]
    assert (row["actor1"], row["actor2"]) == ("Armenia", "Azerbaijan Armed Forces")
    talks = by_notes(get_rows(client))["Talks in Moscow"]
    assert (talks["actor1"], talks["assoc_actor_1"], talks["actor2"]) == ("Vladimir Putin", "", "")
    assert (talks["event_type"], talks["sub_event_type"]) == ("Strategic developments", "Agreement")


def test_time_precision_follows_acled_day_week_month(client, events):
    rows = by_notes(get_rows(client))
    weekend = rows["Fighting over the weekend"]
    assert (weekend["event_date"], weekend["time_precision"]) == ("2021-05-14", "2")
    assert rows["A month of skirmishes"]["time_precision"] == "3"
    month = rows["Conflict breaks out"]
    assert (month["event_date"], month["time_precision"]) == ("1988-02-01", "3")
    war = rows["Large-scale war"]
    assert (war["event_date"], war["time_precision"]) == ("1992-01-01", "3")


def test_a_province_is_its_own_admin1_and_places_without_coordinates_leave_them_empty(
    client, events
):
    row = by_notes(get_rows(client))["Fighting over the weekend"]
    assert (row["admin1"], row["location"]) == ("Syunik Province", "Syunik Province")
    assert (row["latitude"], row["longitude"]) == ("", "")
    month = by_notes(get_rows(client))["Conflict breaks out"]
    assert (month["admin1"], month["location"], month["source"]) == ("", "", "")


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"type": "armed_clash"},
        {"date_from": "2021-05-13"},
        {"date_to": "1995"},
        {"q": "troops"},
        {"actor": "ACTOR"},
        {"place": "PLACE"},
        {"outlet": "OUTLET"},
    ],
)
def test_export_has_exactly_the_events_the_chronology_shows_for_the_same_query(
    client, events, params
):
    ids = {
        "ACTOR": Actor.objects.get(name="Armenia").pk,
        "PLACE": Place.objects.get(name="Syunik Province").pk,
        "OUTLET": Outlet.objects.get(name="RFE/RL").pk,
    }
    params = {key: ids.get(value, value) for key, value in params.items()}
    chronology = client.get(reverse("chronology"), params)
    assert chronology.status_code == 200
    page = chronology.context["page"]
    assert len(page) == page.total  # one page holds the whole view here
    shown = [event.pk for event in page.object_list]
    assert [int(row["event_id"]) for row in get_rows(client, params)] == shown


@pytest.mark.parametrize(
    "params", [{"date_to": "2021-02-30"}, {"place": "nowhere"}, {"after": "0"}]
)
def test_bad_filters_are_a_plain_400_not_a_500(client, events, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("Invalid filter:")


def test_ancestors_are_looked_up_once_per_export(client, events, django_assert_max_num_queries):
    for n in range(20):
        make_event(datetime.date(2021, 7, 1 + n), f"Shelling {n}", places=["Jermuk"])
    with django_assert_max_num_queries(10):
        rows = get_rows(client)
    assert sum(row["admin1"] == "Syunik Province" for row in rows) == 22
