"""An SQLite database migrated before the event table's columns were declared on the model
(migrations 0012–0019 then made them on PostgreSQL only) gets them now: the columns, the
vocabulary table and the indexes that Django's operations make on a fresh database. A fresh
SQLite database, and every PostgreSQL one, has them all already: nothing happens.

Adding a stored generated column makes SQLite's schema editor copy the table into a new one
with every column the model has, the other missing ones too; SQLite reads the name of a column
the old table lacks as a string, so those are set to their defaults afterwards. The copy takes
the model's indexes but not the triggers of the FTS5 search table (migration 0024): those are
made again, and the search table rebuilt.
"""

import importlib

from django.db import migrations

fts = importlib.import_module("timeline.migrations.0024_sqlite_fts5_search")


def catch_up(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    Event = apps.get_model("timeline", "Event")
    LexemeBit = apps.get_model("timeline", "LexemeBit")
    introspection, table = connection.introspection, Event._meta.db_table

    def columns() -> set[str]:
        with connection.cursor() as cursor:
            return {c.name for c in introspection.get_table_description(cursor, table)}

    with connection.cursor() as cursor:
        if LexemeBit._meta.db_table not in introspection.table_names(cursor):
            schema_editor.create_model(LexemeBit)
    missing = [f for f in Event._meta.local_concrete_fields if f.column not in columns()]
    if not missing:
        return
    copied = []  # made by the copy another one's addition caused
    for field in missing:
        if field.column in columns():
            copied.append(field)
        else:
            schema_editor.add_field(Event, field)
    Event.objects.update(**{f.attname: f.get_default() for f in copied if not f.generated})
    with connection.cursor() as cursor:
        indexes = set(introspection.get_constraints(cursor, table))
    for index in Event._meta.indexes:
        if index.name not in indexes:
            schema_editor.add_index(Event, index)
    for sql in [*fts.DROP, *fts.CREATE]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0027_id_array_triggers_declared")]

    operations = [migrations.RunPython(catch_up, migrations.RunPython.noop)]
