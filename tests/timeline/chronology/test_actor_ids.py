"""The actor, place and outlet filters agree with the link tables after every kind of write.

On PostgreSQL the filter reads ``timeline_event.actor_ids``, which triggers on
timeline_eventactor keep (migration 0014): inserts one by one and in bulk, deletes, updates of
either key, an event's deletion, an editor's merge, a truncation. On SQLite it reads
timeline_eventactor itself. Either way ``Event.objects.involving(actor)`` must be exactly the
events holding a role for that actor, and on PostgreSQL the column must hold their sorted ids.
"""

import datetime

import pytest
from django.db import connection

from articles.models import Article, Outlet
from tests.factories import (
    assert_consistent,
    assert_links_consistent,
    make_article,
    make_event,
    stored_ids,
)
from timeline.editing import merge_events
from timeline.models import Actor, Citation, Event, EventActor, Place


@pytest.fixture
def events(db):
    day = datetime.date(2021, 5, 12)
    return [
        make_event(day, "Shelling near the border", actors=["Armenia", ("Azerbaijan", "target")]),
        make_event(day, "Talks in Moscow", actors=["Russia", "Armenia", ("Armenia", "source")]),
        make_event(day, "A statement", actors=[]),
    ]


def test_single_inserts_fill_the_ids(events):
    assert_consistent()
    shelling, talks, statement = events
    armenia = Actor.objects.get(name="Armenia")
    # One actor in two roles is listed once.
    assert sorted(Event.objects.involving(armenia).values_list("id", flat=True)) == sorted(
        [shelling.pk, talks.pk]
    )
    assert stored_ids()[statement.pk] == []


def test_bulk_insert_delete_and_updates_keep_the_ids(events):
    shelling, talks, statement = events
    russia, azerbaijan = Actor.objects.get(name="Russia"), Actor.objects.get(name="Azerbaijan")
    turkey = Actor.objects.create(name="Turkey")
    EventActor.objects.bulk_create(
        [
            EventActor(event=statement, actor=turkey, role="source"),
            EventActor(event=statement, actor=russia, role="actor"),
            EventActor(event=shelling, actor=turkey, role="participant"),
        ]
    )
    assert_consistent()
    EventActor.objects.filter(actor=azerbaijan).delete()
    assert_consistent()
    EventActor.objects.filter(actor=russia).update(actor=azerbaijan)  # another actor
    assert_consistent()
    EventActor.objects.filter(event=statement, actor=turkey).update(event=talks)  # another event
    assert_consistent()
    assert stored_ids()[statement.pk] == [azerbaijan.pk]


def test_deleting_an_event_and_merging_keep_the_ids(events):
    shelling, talks, statement = events
    merge_events(shelling, [talks], editor="editor")
    assert_consistent()
    assert not Event.objects.filter(pk=talks.pk).exists()
    shelling.delete()
    assert_consistent()


def test_truncating_the_link_table_empties_the_ids(events):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The test's transaction still holds deferred foreign-key checks.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE timeline_eventactor")
    else:
        EventActor.objects.all().delete()
    assert_consistent()
    assert set(map(tuple, stored_ids().values())) == {()}


# --- place_ids and outlet_ids (migration 0017) ---------------------------------------------


def test_place_and_outlet_ids_follow_every_kind_of_write(db):
    tass = make_article("Shelling near Tovuz on May 12, 2021.", outlet="TASS")
    rferl = make_article("Shelling near Tovuz, May 12, 2021.", outlet="RFE/RL")
    shelling = make_event(places=["Tovuz", "Tavush"], article=tass)
    talks = make_event(summary="Talks in Moscow", places=["Moscow"], article=rferl)
    assert_links_consistent()
    Citation.objects.create(
        event=shelling, article=rferl, quote=rferl.body, start=0, end=len(rferl.body)
    )
    shelling.places.remove(Place.objects.get(name="Tavush"))
    talks.places.add(Place.objects.get(name="Tovuz"))
    assert_links_consistent()
    Event.places.through.objects.filter(event=talks, place__name="Moscow").update(
        place=Place.objects.get(name="Tavush")
    )
    Citation.objects.filter(event=talks).update(event=shelling, start=1)
    assert_links_consistent()
    # An article moved to another outlet: the events it cites follow.
    Article.objects.filter(pk=rferl.pk).update(outlet=Outlet.objects.create(name="Reuters"))
    assert_links_consistent()
    Article.objects.filter(pk=tass.pk).update(outlet=None)
    assert_links_consistent()
    shelling.citations.all().delete()
    assert_links_consistent()
