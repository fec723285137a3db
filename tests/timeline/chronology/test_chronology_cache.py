"""The chronology's response cache: served only while the data it was rendered from is current.

The key is the data version stored with the aggregates (facets.Stored); any write drops them, so
the next request renders afresh and the page shows the write.
"""

import datetime
import threading
import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from tests.factories import make_event
from timeline.models import Actor, Event
from timeline.search import Stored

URL = reverse("chronology")


@pytest.fixture
def chronology(transactional_db, settings):
    """Real commits: the aggregates are dropped by an on-commit callback of each write."""
    settings.AGGREGATES_REFRESH = "off"
    settings.CHRONOLOGY_CACHE_SECONDS = 600
    caches["pages"].clear()
    for i in range(5):
        make_event(datetime.date(2021, 5, 1 + i), f"Shelling near village {i}", actors=["Armenia"])
    yield
    caches["pages"].clear()


def test_a_repeated_view_is_served_from_the_cache_in_one_query(
    client, chronology, django_assert_num_queries
):
    assert Stored.refresh()
    first = client.get(URL, {"q": "shelling"})
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the data version, read with the aggregates
        again = client.get(URL, {"q": "shelling"})
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Vary"] == first["Vary"]


def test_a_write_retires_every_cached_page(client, chronology):
    assert Stored.refresh()
    assert b"Shelling near village 0" in client.get(URL).content
    event = Event.objects.get(summary="Shelling near village 0")
    event.summary = "Artillery fire near village 0"
    event.save()
    page = client.get(URL).content.decode()
    assert "Artillery fire near village 0" in page
    assert "Shelling near village 0" not in page
    # Stored again after the write: a new version, so the new page is what gets cached.
    assert Stored.refresh()
    assert "Artillery fire near village 0" in client.get(URL).content.decode()
    assert "Artillery fire near village 0" in client.get(URL).content.decode()


def test_renaming_an_actor_retires_the_pages_that_name_it(client, chronology):
    assert Stored.refresh()
    assert b"Armenia" in client.get(URL).content
    actor = Actor.objects.get(name="Armenia")
    actor.name = "Republic of Armenia"
    actor.save()
    assert b"Republic of Armenia" in client.get(URL).content
    assert Stored.refresh()
    assert b"Republic of Armenia" in client.get(URL).content


def test_nothing_is_cached_while_no_aggregates_are_stored(client, chronology):
    client.get(URL)
    assert Stored().version() is None
    assert not caches["pages"]._cache  # locmem's store: nothing went in
    response = client.get(URL)
    assert b"Shelling near village 4" in response.content


def test_page_and_fragment_are_cached_apart(client, chronology):
    assert Stored.refresh()
    page = client.get(URL, {"actor": Actor.objects.get().pk})
    fragment = client.get(
        URL, {"actor": Actor.objects.get().pk}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    assert b"<html" in page.content
    assert b"<html" not in fragment.content and b'id="results"' in fragment.content
    again = client.get(URL, {"actor": Actor.objects.get().pk})
    assert again.content == page.content


def test_invalid_filters_are_not_cached(client, chronology):
    assert Stored.refresh()
    for _ in range(2):
        response = client.get(URL, {"date_from": "not-a-date"})
        assert response.status_code == 400
    assert not caches["pages"]._cache


def test_a_cache_of_zero_seconds_is_off(client, chronology, settings):
    settings.CHRONOLOGY_CACHE_SECONDS = 0
    assert Stored.refresh()
    client.get(URL)
    assert not caches["pages"]._cache


@pytest.mark.parametrize("mode", ["inline", "background"])
def test_on_a_small_chronology_a_write_leaves_the_cache_able_to_work(
    client, chronology, settings, django_assert_num_queries, mode
):
    # Five events: every count is exact, nothing had to be estimated. The first page after a
    # write stores the aggregates again all the same, so the next is served from the cache.
    settings.AGGREGATES_REFRESH = mode
    Event.objects.filter(summary="Shelling near village 0").update(summary="Changed")
    Stored.refresh()
    event = Event.objects.get(summary="Changed")
    event.summary = "Edited by an editor"
    event.save()  # an admin write: the aggregates are dropped
    assert Stored().version() is None
    assert "Edited by an editor" in client.get(URL).content.decode()
    # The background refresh is a thread of its own. Wait for it to end rather than poll the
    # table: SQLite's in-memory test database locks tables, not waits, when two threads meet.
    for _ in range(100):
        if not any(t.name == "aggregates-refresh" for t in threading.enumerate()):
            break
        time.sleep(0.05)
    assert Stored().version() is not None
    client.get(URL)  # rendered under the new version and cached
    with django_assert_num_queries(1):
        assert "Edited by an editor" in client.get(URL).content.decode()


def test_parameters_the_page_does_not_read_neither_split_the_cache_nor_reach_its_links(
    client, chronology, django_assert_num_queries
):
    assert Stored.refresh()
    first = client.get(URL, {"q": "shelling", "utm_source": "newsletter-1"})
    assert "utm_source" not in first.content.decode()
    with django_assert_num_queries(1):  # the same entry, whatever the tracking parameter
        again = client.get(URL, {"utm_source": "x9f3", "q": "shelling"})
    assert again.content == first.content
