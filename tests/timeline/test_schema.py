"""The schema is declared on the models: migrations make it, on both databases, and what the
database keeps (the id arrays and their triggers) is never overwritten from a stale instance."""

import datetime
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pgtrigger
import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import make_event
from timeline.models import Actor, Event, EventActor

ROOT = Path(__file__).resolve().parents[2]


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


def test_an_sqlite_database_made_before_the_columns_were_declared_gets_them(tmp_path):
    """Migration 0028: an SQLite database migrated when 0012–0019 made the event table's
    derived columns on PostgreSQL only. Simulated by taking them off a database at 0027."""
    database = tmp_path / "old.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}

    def migrate(*target: str) -> None:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", *target, "-v0"],
            env=env, check=True, cwd=ROOT,
        )  # fmt: skip

    migrate("timeline", "0027")
    with closing(sqlite3.connect(database)) as old, old:
        for index in ("month_sample_visible", "long_sample_visible", "long_start"):
            old.execute(f"DROP INDEX event_{index}_idx")
        for column in ("search_vector", "start_month", "actor_ids", "place_ids", "outlet_ids",
                       "lexeme_bits"):  # fmt: skip
            old.execute(f"ALTER TABLE timeline_event DROP COLUMN {column}")
        old.execute("DROP TABLE timeline_lexeme_bit")
        old.execute(
            "INSERT INTO timeline_event (start, precision, last_day, date_confidence, summary, "
            "event_type, status, contested, edited_fields, created_at, updated_at, "
            "search_document, sample) VALUES ('2023-04-15', 'day', '2023-04-15', 1.0, "
            "'Shelling near the airport', 'other', 'extracted', 0, '[]', '2023-04-16', "
            "'2023-04-16', 'Shelling near the airport', 7)"
        )
    migrate()
    with closing(sqlite3.connect(database)) as new:
        columns = {row[1] for row in new.execute("PRAGMA table_xinfo(timeline_event)")}
        assert columns == {f.column for f in Event._meta.concrete_fields}
        assert new.execute(
            "SELECT start_month, actor_ids, place_ids, outlet_ids, lexeme_bits FROM timeline_event"
        ).fetchall() == [(2023 * 12 + 3, "[]", "[]", "[]", 0)]
        indexes = {
            row[0] for row in new.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert {"event_month_sample_visible_idx", "event_long_start_idx"} <= indexes
        # The search table still holds the row, and its triggers (which the copy of the table
        # dropped) index a new one.
        new.execute(
            "INSERT INTO timeline_event (start, precision, last_day, date_confidence, summary, "
            "event_type, status, contested, edited_fields, created_at, updated_at, "
            "search_document, sample) SELECT start, precision, last_day, date_confidence, "
            "'Talks at the airport', event_type, status, contested, edited_fields, created_at, "
            "updated_at, 'Talks at the airport', 8 FROM timeline_event"
        )
        assert new.execute(
            "SELECT count(*) FROM timeline_event_fts WHERE timeline_event_fts MATCH 'airport'"
        ).fetchone() == (2,)
        assert new.execute("SELECT count(*) FROM timeline_lexeme_bit").fetchone() == (0,)
