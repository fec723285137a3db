"""The country facet: events by their places' countries (Place.country), counted like the
other facets (from the stored aggregates, or from a sample when another filter is set)."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_event
from timeline.models import Actor, Place
from timeline.search import Stored, View, count, counts

URL = reverse("chronology")


@pytest.fixture
def world(db, settings):
    settings.AGGREGATES_REFRESH = "off"
    places = {
        "Khartoum": "SDN",
        "Omdurman": "SDN",
        "Kharkiv": "UKR",
        "Somewhere": "",
    }
    for name, code in places.items():
        Place.objects.create(name=name, country=code)
    day = datetime.date(2023, 4, 15)
    make_event(day, "Clashes in Khartoum and Omdurman", places=["Khartoum", "Omdurman"],
               actors=["RSF"])  # fmt: skip
    make_event(day, "Air strikes on Omdurman", places=["Omdurman"], actors=["SAF"])
    make_event(day, "Shelling of Kharkiv", places=["Kharkiv"], actors=["RSF"])
    make_event(day, "Talks in Khartoum about Kharkiv", places=["Khartoum", "Kharkiv"])
    make_event(day, "Somewhere unknown", places=["Somewhere"])
    make_event(day, "Nowhere")


def facet(values) -> dict[str, tuple[str, int]]:
    return {v.value: (v.label, v.count) for v in values}


def test_a_country_holds_the_events_at_its_places_each_once(world):
    assert count(View(country="SDN")) == 3
    assert count(View(country="UKR")) == 2
    assert count(View(country="FRA")) == 0


@pytest.mark.parametrize("stored", [True, False])
def test_the_facet_counts_each_event_once_per_country(world, stored):
    if stored:
        assert Stored.refresh()
    found = facet(counts(View()).facets["country"])
    assert found == {"SDN": ("Sudan", 3), "UKR": ("Ukraine", 2)}  # no country: not listed


def test_with_another_filter_the_facet_comes_from_the_sample(world):
    assert Stored.refresh()
    rsf = Actor.objects.get(name="RSF")
    view_counts = counts(View(actor=rsf))
    assert facet(view_counts.facets["country"]) == {"SDN": ("Sudan", 1), "UKR": ("Ukraine", 1)}
    # Disjunctive: the chosen country's own facet leaves itself out.
    chosen = counts(View(actor=rsf, country="SDN"))
    assert chosen.total == 1
    assert facet(chosen.facets["country"]) == {"SDN": ("Sudan", 1), "UKR": ("Ukraine", 1)}


def test_the_chronology_filters_by_country_and_says_so(client, world):
    page = client.get(URL, {"country": "sdn"}).content.decode()
    assert 'class="chip">Country: Sudan' in page
    assert "Clashes in Khartoum" in page and "Air strikes on Omdurman" in page
    assert "Shelling of Kharkiv" not in page and "Nowhere" not in page
    assert '<option value="SDN" selected>Sudan (3)</option>' in page  # "sdn" reads as SDN
    # The facet's links set the country and, on the chosen one (however it was typed), clear it.
    assert 'href="?country=UKR"' in page
    assert (
        'href="?" hx-get="?" hx-target="#chronology" hx-swap="outerHTML" hx-push-url="true" '
        'aria-current="true" class="active">Sudan</a>' in page
    )


def test_a_bad_country_code_is_a_clear_400(client, world):
    response = client.get(URL, {"country": "S1"})
    assert response.status_code == 400
    assert "Use a country code such as SDN or UA." in response.content.decode()


def test_a_country_view_costs_no_more_queries(client, world, django_assert_max_num_queries):
    assert Stored.refresh()
    rsf = Actor.objects.get(name="RSF")
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"country": "SDN", "actor": rsf.pk, "q": "clashes"})
    assert response.status_code == 200 and "Clashes in Khartoum" in response.content.decode()
