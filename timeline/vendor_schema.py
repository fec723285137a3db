"""Columns, indexes and triggers the models declare on both databases but that only PostgreSQL
serves: the types, expressions and index methods they take on each.

The read side's large-corpus machinery (timeline/search/) reads a tsvector, id arrays and
covering indexes that PostgreSQL keeps; SQLite, which holds small chronologies, searches through
its FTS5 table and joins the link tables. The model declares every column on both, so that
Django (and ``makemigrations --check``) sees the whole schema; on SQLite these columns exist but
nothing reads or keeps them:

- ``RelatedIds``: bigint[] on PostgreSQL (kept by triggers, migrations 0014 and 0017), JSON text
  elsewhere (always ``[]``).
- ``EnglishVector``: to_tsvector('english', …) on PostgreSQL; NULL elsewhere.
- ``MonthNumber``: year·12 + month − 1 of a date, on both.
- ``TsQuery``: tsquery on PostgreSQL, text elsewhere.
- ``PostgresOnly``: an index that exists on PostgreSQL only (GIN, GiST): nothing elsewhere.
- ``kept_ids_triggers``, ``lexeme_bits_triggers``: the django-pgtrigger triggers that keep the
  id arrays and the lexeme bits (pgtrigger installs nothing on other databases).

Columns the database keeps (``KeptByDatabase``: the id arrays, lexeme_bits) are never written
by the application: Event.save leaves them out of an UPDATE, and the batch writer out of its
COPY (``written_fields``).
"""

import functools
import json

import pgtrigger
from django.contrib.postgres import indexes
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models


def _postgres(connection) -> bool:
    return connection.vendor == "postgresql"


class KeptByDatabase:
    """A column the database computes (triggers); the application only reads it. Its options
    are fixed (``fixed``): not editable, not in fixtures, with the database's default; so they
    are left out of its migrations' declaration too."""

    kept_by_database = True

    def fixed(self) -> dict:
        return {"editable": False, "serialize": False}

    def __init__(self, **kwargs):
        for key, value in self.fixed().items():
            kwargs.setdefault(key, value)
        super().__init__(**kwargs)

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        for key in self.fixed():
            kwargs.pop(key, None)
        return name, f"{__name__}.{type(self).__name__}", args, kwargs


@functools.cache
def written_fields(model) -> tuple[models.Field, ...]:
    """The columns of ``model`` a writer sets: not the id, not generated, not kept by the
    database."""
    return tuple(
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not f.generated and not getattr(f, "kept_by_database", False)
    )


class EmptyIds(models.Expression):
    """The id arrays' column default: '{}' on PostgreSQL, '[]' (JSON) elsewhere."""

    allowed_default = True

    def as_sql(self, compiler, connection):
        return "'[]'", []

    def as_postgresql(self, compiler, connection):
        return "'{}'::bigint[]", []


class RelatedIds(KeptByDatabase, ArrayField):
    """The sorted ids of an event's related rows, as bigint[] (PostgreSQL, where triggers keep
    them), or as JSON text elsewhere, where nothing reads them. The database fills them: the
    model never writes them on update (Event.save)."""

    def fixed(self) -> dict:
        return {
            **super().fixed(),
            "base_field": models.BigIntegerField(),
            "default": list,
            "db_default": EmptyIds(),
        }

    def db_type(self, connection):
        return super().db_type(connection) if _postgres(connection) else "text"

    def cast_db_type(self, connection):
        return super().cast_db_type(connection) if _postgres(connection) else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if _postgres(connection):
            return super().get_db_prep_value(value, connection, prepared)
        return None if value is None else json.dumps(list(value))

    def get_placeholder_sql(self, value, compiler, connection):
        if _postgres(connection):
            return super().get_placeholder_sql(value, compiler, connection)
        if hasattr(value, "as_sql"):
            return compiler.compile(value)
        return "%s", (value,)

    def get_db_prep_save(self, value, connection):
        if _postgres(connection):
            return super().get_db_prep_save(value, connection)
        return self.get_db_prep_value(value, connection)

    def from_db_value(self, value, expression, connection):
        return json.loads(value) if isinstance(value, str) else value


class TsQuery(models.TextField):
    """A text search query: tsquery on PostgreSQL, its text elsewhere (where nothing reads it)."""

    def db_type(self, connection):
        return "tsquery" if _postgres(connection) else super().db_type(connection)


class LexemeBits(KeptByDatabase, models.BigIntegerField):
    """Bits of the vocabulary's common words an event's search text holds, set by a trigger
    (migration 0018, search.vocabulary); 0 without a vocabulary, and on SQLite."""

    def fixed(self) -> dict:
        return {**super().fixed(), "default": 0, "db_default": 0}


class EnglishVector(models.Func):
    """to_tsvector('english', COALESCE(column, '')) on PostgreSQL: the stored search vector's
    expression (EventQuerySet.matching's text search reads it); NULL elsewhere."""

    output_field = SearchVectorField(null=True)

    def as_sql(self, compiler, connection, **extra):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"to_tsvector('english'::regconfig, COALESCE({column}, ''))", params


class MonthNumber(models.Func):
    """year·12 + month − 1 of a date: consecutive months are consecutive numbers."""

    output_field = models.IntegerField()

    @staticmethod
    def of(day) -> int:
        """The expression's value for a day."""
        return day.year * 12 + day.month - 1

    def as_sql(self, compiler, connection, **extra):  # SQLite
        column, params = compiler.compile(self.source_expressions[0])
        return (
            f"(CAST(strftime('%%Y', {column}) AS integer) * 12 "
            f"+ CAST(strftime('%%m', {column}) AS integer) - 1)",
            params,
        )

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return (
            f"((EXTRACT(YEAR FROM {column}) * 12 + EXTRACT(MONTH FROM {column}) - 1)::integer)",
            params,
        )


class PostgresOnly:
    """An index PostgreSQL has and other databases lack (a GIN or GiST method): on those, its
    creation and removal are no statement at all."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if not _postgres(schema_editor.connection):
            return ""
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if not _postgres(schema_editor.connection):
            return ""
        return super().remove_sql(model, schema_editor, **kwargs)


class GinIndex(PostgresOnly, indexes.GinIndex):
    pass


class GistIndex(PostgresOnly, indexes.GistIndex):
    pass


def kept_ids_triggers(name: str, column: str, sync: str) -> list[pgtrigger.Trigger]:
    """Statement-level triggers on a link table (a table with an ``event_id``) that keep the
    event rows' ``column`` (a RelatedIds) true after every insert, delete, update or truncate:
    ``sync`` (an SQL function of migration 0014 or 0017) recomputes it for the events the
    statement touched, and writes only the rows whose ids changed. Named ``{name}_inserted``
    and so on; a bulk writer that wrote the arrays itself skips ``{name}_inserted`` with
    pgtrigger.ignore (generate_corpus)."""

    def statement(operation, referencing, rows: str, suffix: str) -> pgtrigger.Trigger:
        return pgtrigger.Trigger(
            name=f"{name}_{suffix}",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=operation,
            referencing=referencing,
            func=f"PERFORM {sync}(ARRAY({rows})); RETURN NULL;",
        )

    return [
        statement(
            pgtrigger.Insert,
            pgtrigger.Referencing(new="new_rows"),
            "SELECT DISTINCT event_id FROM new_rows",
            "inserted",
        ),
        statement(
            pgtrigger.Delete,
            pgtrigger.Referencing(old="old_rows"),
            "SELECT DISTINCT event_id FROM old_rows",
            "deleted",
        ),
        statement(
            pgtrigger.Update,
            pgtrigger.Referencing(old="old_rows", new="new_rows"),
            "SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows",
            "updated",
        ),
        pgtrigger.Trigger(
            name=f"{name}_truncated",
            level=pgtrigger.Statement,
            when=pgtrigger.After,
            operation=pgtrigger.Truncate,
            func=f"UPDATE timeline_event SET {column} = '{{}}' WHERE {column} <> '{{}}'; "
            "RETURN NULL;",
        ),
    ]


def lexeme_bits_triggers() -> list[pgtrigger.Trigger]:
    """Row triggers that set Event.lexeme_bits from the vocabulary (LexemeBit, migration 0018's
    function timeline_lexeme_bits) before an insert, and before an update that changes the
    search document. The search vector, a generated column, is not computed yet in a BEFORE
    trigger, so the trigger parses the document itself; without a vocabulary it returns at once
    (every event's bits are 0). A BEFORE ROW trigger makes COPY write row by row: measured on
    bench/ingest.py, 0.2 s more server CPU a 500-file ingest, its throughput within the noise."""
    body = (
        "IF NOT EXISTS (SELECT FROM timeline_lexeme_bit) THEN RETURN NEW; END IF; "
        "NEW.lexeme_bits := timeline_lexeme_bits("
        "to_tsvector('english'::regconfig, COALESCE(NEW.search_document, ''))); RETURN NEW;"
    )
    return [
        pgtrigger.Trigger(
            name="lexeme_bits_inserted",
            when=pgtrigger.Before,
            operation=pgtrigger.Insert,
            func=body,
        ),
        # Django's save() writes every column: only a changed document is parsed again.
        pgtrigger.Trigger(
            name="lexeme_bits_updated",
            when=pgtrigger.Before,
            operation=pgtrigger.UpdateOf("search_document"),
            condition=pgtrigger.Condition(
                "OLD.search_document IS DISTINCT FROM NEW.search_document"
            ),
            func=body,
        ),
    ]
