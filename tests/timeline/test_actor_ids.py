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
from tests.factories import make_article, make_event
from timeline.editing import merge_events
from timeline.models import Actor, Citation, Event, EventActor, Place


def stored_ids() -> dict[int, list[int]]:
    """The actor ids each event holds: the column on PostgreSQL, the link table elsewhere."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, actor_ids FROM timeline_event")
            return {pk: list(ids) for pk, ids in cursor.fetchall()}
    truth: dict[int, list[int]] = {pk: [] for pk in Event.objects.values_list("id", flat=True)}
    for event_id, actor_id in EventActor.objects.values_list("event_id", "actor_id"):
        truth[event_id].append(actor_id)
    return {pk: sorted(set(ids)) for pk, ids in truth.items()}


def assert_consistent():
    truth: dict[int, set[int]] = {pk: set() for pk in Event.objects.values_list("id", flat=True)}
    for event_id, actor_id in EventActor.objects.values_list("event_id", "actor_id"):
        truth[event_id].add(actor_id)
    assert stored_ids() == {pk: sorted(ids) for pk, ids in truth.items()}
    for actor in Actor.objects.all():
        expected = {pk for pk, ids in truth.items() if actor.pk in ids}
        assert set(Event.objects.involving(actor).values_list("id", flat=True)) == expected, actor


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


def stored_column(column: str) -> dict[int, list[int]] | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM timeline_event")
        return {pk: list(ids) for pk, ids in cursor.fetchall()}


def assert_links_consistent():
    places: dict[int, set[int]] = {pk: set() for pk in Event.objects.values_list("id", flat=True)}
    outlets = {pk: set() for pk in places}
    for event_id, place_id in Event.places.through.objects.values_list("event_id", "place_id"):
        places[event_id].add(place_id)
    for event_id, outlet_id in Citation.objects.filter(article__outlet__isnull=False).values_list(
        "event_id", "article__outlet_id"
    ):
        outlets[event_id].add(outlet_id)
    if connection.vendor == "postgresql":
        assert stored_column("place_ids") == {pk: sorted(ids) for pk, ids in places.items()}
        assert stored_column("outlet_ids") == {pk: sorted(ids) for pk, ids in outlets.items()}
    for covered in (False, True, "also"):
        for place in Place.objects.all():
            expected = {pk for pk, ids in places.items() if place.pk in ids}
            found = Event.objects.at(place, covered=covered).values_list("id", flat=True)
            assert set(found) == expected, (place, covered)
        for outlet in Outlet.objects.all():
            expected = {pk for pk, ids in outlets.items() if outlet.pk in ids}
            found = Event.objects.cited_by(outlet, covered=covered).values_list("id", flat=True)
            assert set(found) == expected, (outlet, covered)


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
