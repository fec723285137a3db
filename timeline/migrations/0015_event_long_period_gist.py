"""The GiST index on event periods, kept to the events that last more than a day (PostgreSQL).

"Events going on at day D" (EventQuerySet.going_on_at: start < D <= last_day; search.plan.going_on_parts) can only be
events whose last day is after their first, a fifth of a generated corpus (month- and
year-precision dates, ranges). The index of every period was five times larger than that and
mostly not in shared buffers: 13 ms to find the 10,000 events going on at a day at 1M events,
against 3 ms for the partial index. going_on_at states the (implied) condition last_day > start
so that the planner may use it.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS event_long_period_gist ON timeline_event "
    "USING gist (daterange(start, last_day, '[]')) WHERE last_day > start",
    "DROP INDEX IF EXISTS event_period_gist",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS event_period_gist ON timeline_event "
    "USING gist (daterange(start, last_day, '[]'))",
    "DROP INDEX IF EXISTS event_long_period_gist",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql, None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("timeline", "0014_event_actor_ids")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
