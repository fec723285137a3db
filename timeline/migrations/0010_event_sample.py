"""Event.sample: a random key per event, indexed, for the facets' uniform sample.

AddField evaluates the callable default once, so every existing row would get the same value;
the RunPython step draws a fresh one per row in SQL.
"""

from django.db import migrations, models

import timeline.models


def randomise(apps, schema_editor):
    table = apps.get_model("timeline", "Event")._meta.db_table
    if schema_editor.connection.vendor == "postgresql":
        sql = f"UPDATE {table} SET sample = floor(random() * 2147483648)::int"
    else:  # SQLite's random() is a signed 64-bit integer
        sql = f"UPDATE {table} SET sample = abs(random() % 2147483648)"
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0009_aggregates")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="sample",
            field=models.IntegerField(
                default=timeline.models.random_sample,
                editable=False,
                help_text="A random number fixed at creation: facet counts over large views read "
                "the matching events with the smallest ones, a uniform random sample "
                "(timeline/search/facets.py).",
            ),
        ),
        migrations.RunPython(randomise, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("status", "rejected"), _negated=True),
                fields=["sample"],
                include=(
                    "id",
                    "start",
                    "last_day",
                    "event_type",
                    "precision",
                    "status",
                    "contested",
                ),
                name="event_sample_visible_idx",
            ),
        ),
    ]
