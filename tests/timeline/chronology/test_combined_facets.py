"""Facets an analyst combines: several values of one facet (any of them, ?actor=1&actor=2) and
values left out (?not_actor=3), shareable in the URL, on the page, in its counts and exports."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from articles.models import Outlet
from tests.factories import make_article, make_event
from timeline.models import Actor, Event, Place
from timeline.search import Stored, View, count, counts, plan

URL = reverse("chronology")
DAY = datetime.date(2023, 4, 15)


@pytest.fixture
def world(db, settings):
    settings.AGGREGATES_REFRESH = "off"
    for name, code in {"Khartoum": "SDN", "El Geneina": "SDN", "Kharkiv": "UKR"}.items():
        Place.objects.create(name=name, country=code)
    wire, local = make_article(outlet="Wire"), make_article(outlet="Local")
    make_event(DAY, "Clashes in Khartoum", actors=["RSF", "SAF"], places=["Khartoum"],
               event_type="armed_clash", article=wire)  # fmt: skip
    make_event(DAY, "Governor killed in El Geneina", actors=["RSF"], places=["El Geneina"],
               event_type="attack", article=local)  # fmt: skip
    make_event(DAY, "Air strikes on Khartoum", actors=["SAF"], places=["Khartoum"],
               event_type="attack", article=local)  # fmt: skip
    make_event(DAY, "Shelling of Kharkiv", actors=["Russia"], places=["Kharkiv"],
               event_type="armed_clash", precision="month", article=wire)  # fmt: skip
    make_event(DAY, "Talks in Jeddah", actors=["SAF", "RSF", "United States"],
               event_type="talks")  # fmt: skip


def actor(name: str) -> Actor:
    return Actor.objects.get(name=name)


def summaries(view: View) -> set[str]:
    return set(plan.filtered(view, Event.objects.visible()).values_list("summary", flat=True))


def test_several_values_of_a_facet_are_any_of_them(world):
    rsf, russia = actor("RSF"), actor("Russia")
    assert summaries(View(actor=(rsf, russia))) == {
        "Clashes in Khartoum", "Governor killed in El Geneina", "Shelling of Kharkiv",
        "Talks in Jeddah",
    }  # fmt: skip
    assert summaries(View(type=("attack", "talks"))) == {
        "Governor killed in El Geneina", "Air strikes on Khartoum", "Talks in Jeddah"
    }  # fmt: skip
    assert count(View(country=("SDN", "UKR"))) == 4
    assert count(View(place=tuple(Place.objects.filter(name__startswith="Khar")))) == 3
    # Two facets still narrow each other.
    assert summaries(View(actor=(rsf, russia), type=("attack",))) == {
        "Governor killed in El Geneina"
    }


def test_a_value_left_out_drops_its_events(world):
    assert summaries(View(not_actor=actor("SAF"))) == {
        "Governor killed in El Geneina", "Shelling of Kharkiv"
    }  # fmt: skip
    assert summaries(View(actor=actor("RSF"), not_type=("talks",))) == {
        "Clashes in Khartoum", "Governor killed in El Geneina"
    }  # fmt: skip
    assert count(View(not_country=("SDN",))) == 2  # Kharkiv, and Jeddah's talks (no place)
    assert count(View(not_precision=("month",))) == 4
    assert summaries(View(not_outlet=tuple(Outlet.objects.filter(name="Local")))) == {
        "Clashes in Khartoum", "Shelling of Kharkiv", "Talks in Jeddah"
    }  # fmt: skip


@pytest.mark.parametrize("covered", [False, True, "also"])
def test_every_wording_of_the_links_gives_the_same_events(world, covered):
    """On PostgreSQL ``covered`` tests the event's own id arrays (any of: &&, none of: NOT &&);
    elsewhere, and with covered=False, EXISTS on the link table."""
    events = Event.objects.visible()
    saf, russia = actor("SAF"), actor("Russia")
    by_exists = set(plan.involving(events, [saf, russia]).values_list("id", flat=True))
    found = set(plan.involving(events, [saf, russia], covered=covered).values_list("id", flat=True))
    assert found == by_exists and len(found) == 4
    left = plan.involving(events, [saf, russia], covered=covered, left_out=True)
    assert (
        set(left.values_list("id", flat=True)) == set(events.values_list("id", flat=True)) - found
    )
    khartoum = Place.objects.get(name="Khartoum")
    assert plan.at(events, khartoum, covered=covered, left_out=True).count() == 3


def test_a_facet_counts_leave_out_its_own_values_chosen_and_left_out(world):
    assert Stored.refresh()
    rsf, saf = actor("RSF"), actor("SAF")
    view_counts = counts(View(actor=(rsf,), not_actor=(saf,)))
    assert view_counts.total == 1  # the governor
    # The actor facet shows every actor with its own count, the one left out included.
    assert {v.label: v.count for v in view_counts.facets["actor"]} == {
        "SAF": 3, "RSF": 3, "Russia": 1, "United States": 1
    }  # fmt: skip
    # Two chosen values: each keeps its own count, the total is the union.
    both = counts(View(actor=(rsf, actor("Russia"))))
    assert both.total == 4
    assert {v.label: v.count for v in both.facets["actor"]}["RSF"] == 3


def test_the_page_shares_and_shows_several_values_and_those_left_out(client, world):
    rsf, russia, saf = actor("RSF"), actor("Russia"), actor("SAF")
    response = client.get(f"{URL}?actor={rsf.pk}&actor={russia.pk}&not_actor={saf.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Governor killed in El Geneina" in page and "Shelling of Kharkiv" in page
    assert "Clashes in Khartoum" not in page and "Talks in Jeddah" not in page
    assert 'class="chip">Actor: RSF or Russia</span>' in page
    assert 'class="chip">Actor: not SAF</span>' in page
    # The actor select says how many are chosen and carries them, and the form carries the
    # value left out, so that changing another filter keeps all three.
    assert 'disabled title="Change them in the facets">\n<option selected>2 chosen</option>' in page
    assert f'<input type="hidden" name="actor" value="{rsf.pk}">' in page
    assert f'<input type="hidden" name="actor" value="{russia.pk}">' in page
    assert f'name="not_actor" value="{saf.pk}"' in page
    # The facet strikes the value left out; its link lets it back in.
    assert '<li class="excluded">' in page
    back_in = f"?actor={rsf.pk}&amp;actor={russia.pk}"
    assert f'href="{back_in}"' in page


def test_one_value_keeps_the_plain_select(client, world):
    rsf = actor("RSF")
    page = client.get(URL, {"actor": rsf.pk}).content.decode()
    assert "Change them in the facets" not in page
    assert f'<option value="{rsf.pk}" selected>' in page
    assert 'class="also"' in page and 'class="not"' in page


def test_exports_follow_the_combined_view(client, world):
    saf = actor("SAF")
    rows = list(csv.DictReader(io.StringIO(
        b"".join(client.get(reverse("events_csv"), {"not_actor": saf.pk}).streaming_content).decode()
    )))  # fmt: skip
    assert {row["summary"] for row in rows} == {
        "Governor killed in El Geneina", "Shelling of Kharkiv"
    }  # fmt: skip


@pytest.mark.parametrize(
    "query",
    [
        "not_actor=abc",
        "actor=1&actor=99999999999999999999999",
        # A character str.isdigit() calls a digit but int() does not read.
        "actor=%C2%B9",
        "not_place=2%C2%B2",
        "not_country=S1",
        "type=attack&type=nonsense",
        "not_precision=hour",
    ],
)
def test_a_bad_value_is_a_clear_400(client, world, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert "These filters cannot be applied" in response.content.decode()


def test_a_combined_view_issues_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    rsf, russia, saf = actor("RSF"), actor("Russia"), actor("SAF")
    url = f"{URL}?actor={rsf.pk}&actor={russia.pk}&not_actor={saf.pk}&not_type=talks"
    with django_assert_max_num_queries(9):  # the plain page's 7, and the two actor fields'
        assert client.get(url).status_code == 200
