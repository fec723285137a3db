"""The schema is declared on the models: migrations make it, on both databases, and what the
database keeps (the id arrays and their triggers) is never overwritten from a stale instance."""

import datetime

import pgtrigger
import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import make_event
from timeline.models import Actor, Event, EventActor


def test_the_models_and_the_migrations_agree(db):
    # Exits with status 1 when a model declares something no migration makes.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_every_column_of_the_event_table_is_a_field_of_the_model(db):
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "timeline_event")
        }
    assert columns == {f.column for f in Event._meta.concrete_fields}


@pytest.mark.postgres
def test_every_declared_trigger_is_installed(db):
    statuses = {
        trigger.name: trigger.get_installation_status(model)[0]
        for model, trigger in pgtrigger.registered()
    }
    assert len(statuses) == 15
    assert set(statuses.values()) == {"INSTALLED"}


@pytest.mark.postgres
def test_saving_an_event_read_before_its_actors_changed_keeps_their_ids(db):
    event = make_event(datetime.date(2023, 4, 15), "Clashes in the capital", actors=["Army"])
    stale = Event.objects.get(pk=event.pk)
    militia = Actor.objects.create(name="Militia")
    EventActor.objects.create(event=event, actor=militia, role="target")
    stale.summary = "Clashes in the capital's centre"
    stale.save()
    stored = Event.objects.get(pk=event.pk)
    assert stored.summary == "Clashes in the capital's centre"
    assert militia.pk in stored.actor_ids and len(stored.actor_ids) == 2


@pytest.mark.postgres
def test_a_bulk_writer_can_skip_the_insert_trigger(db):
    # As generate_corpus does: COPY through psycopg's cursor, after a statement through
    # Django's, which sets pgtrigger's transaction-local setting.
    event = make_event(datetime.date(2023, 4, 15), "Clashes", actors=[])
    militia = Actor.objects.create(name="Militia")
    with pgtrigger.ignore("timeline.EventActor:actor_ids_inserted"), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        with cursor.cursor.copy(
            "COPY timeline_eventactor (event_id, actor_id, role) FROM STDIN"
        ) as copy:
            copy.write_row((event.pk, militia.pk, "actor"))
    assert EventActor.objects.filter(event=event).count() == 1
    assert Event.objects.get(pk=event.pk).actor_ids == []
    EventActor.objects.create(event=event, actor=militia, role="target")
    assert Event.objects.get(pk=event.pk).actor_ids == [militia.pk]
