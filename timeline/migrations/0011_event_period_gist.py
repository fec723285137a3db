"""A GiST index on each event's period, for "events going on at day D" (PostgreSQL only).

A date-range view's first page starts with the events that began before the range and last
into it; search.plan.going_on_parts finds them through this index. SQLite has no GiST; its
chronologies are small.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS event_period_gist ON timeline_event "
    "USING gist (daterange(start, last_day, '[]'))"
)
DROP = "DROP INDEX IF EXISTS event_period_gist"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("timeline", "0010_event_sample")]

    operations = [migrations.RunPython(create, drop)]
