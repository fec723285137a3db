"""SQLite: the FTS5 index the text box searches (timeline/search/text.py), kept by triggers.

An external-content FTS5 table over timeline_event.search_document, with the Porter stemmer, so
that "crisis border" finds "the border crisis" as PostgreSQL's text search does. Triggers keep
it true for every writer (ORM, bulk inserts, loaddata, raw SQL). PostgreSQL has its own stored
search vector and GIN index (migrations 0008 and later): nothing to do there.
"""

from django.db import migrations

FTS_TABLE = "timeline_event_fts"  # timeline.search.text.FTS_TABLE, as it was named then

CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_document, content='timeline_event', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON timeline_event BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_document) VALUES (new.id, new.search_document); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON timeline_event BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF search_document ON timeline_event BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_document) VALUES (new.id, new.search_document); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("timeline", "0023_actor_spelling")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
