"""The sample index of the events that last more than a day (PostgreSQL only).

A date range's facet sample walks, besides each month of the range, the events that began
before it and are still going on (facets._month_walks). Only events whose last day is after
their first can be such events, a fifth of a generated corpus; walking
event_sample_visible_idx for them met four entries of other events for each one of theirs.
This partial index covers the same columns as the other sample indexes, actor_ids included.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS event_long_sample_visible_idx ON timeline_event USING btree "
    "(sample) INCLUDE (id, start, last_day, event_type, precision, status, contested, actor_ids) "
    "WHERE last_day > start AND NOT ((status)::text = 'rejected'::text)",
]
BACKWARD = ["DROP INDEX IF EXISTS event_long_sample_visible_idx"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql, None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("timeline", "0015_event_long_period_gist")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
