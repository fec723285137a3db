"""A stored tsvector of each event's search document, GIN-indexed (PostgreSQL; NULL on SQLite,
which searches its FTS5 table, migration 0024).

A GIN index built on the expression to_tsvector(search_document) made every check of a row
against a text filter that did not come from the index (the facet sample's walk in key order,
the page's walk in date order) parse and stem the whole document again: 400+ ms for a common
word at 1M events. The generated column holds that vector once, written with the row; the index
is built on the column (Event.search_vector, timeline/vendor_schema.py).
"""

import django.contrib.postgres.search
from django.db import migrations, models

import timeline.vendor_schema


def analyze(apps, schema_editor):
    """Adding the column rewrote the table: statistics for the new column (without them the
    planner guesses 5,000 matches for any word) and a fresh visibility map, without which the
    covering indexes' index-only scans visit the table again (date ranges 80 → 150 ms)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("VACUUM ANALYZE timeline_event")


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction
    dependencies = [("timeline", "0011_event_period_gist")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                serialize=False,
                expression=timeline.vendor_schema.EnglishVector("search_document"),
                help_text="The search document's lexemes (PostgreSQL; NULL on SQLite, which "
                "searches its FTS5 table).",
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=timeline.vendor_schema.GinIndex(
                fields=["search_vector"], name="event_search_vector_gin"
            ),
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True),
    ]
