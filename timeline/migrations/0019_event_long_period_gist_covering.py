"""The GiST index of the long events' periods covers the columns the filters test (PostgreSQL).

The first part of a date-range page, the events going on at the range's first day (10,000 at
1M events), was found through event_long_period_gist and then read from the table to test the
other filters: 8,700 table pages, 16 ms when they were in shared buffers and 35 ms when not.
With the filters' columns in the index (GiST takes INCLUDE; the range itself cannot be returned,
which the part does not need), it is an index-only scan: 1,800 index pages, 8–12 ms. The text
is tested from lexeme_bits when the query's words are in the vocabulary (migration 0018,
EventQuerySet.matching_by_bits), from the row otherwise. The index is seven times larger
(77 MB at 1M events); it replaces the narrow one, which served the same conditions.
"""

from django.db import migrations

COVERED = (
    "id, start, last_day, event_type, precision, status, contested, actor_ids, place_ids, "
    "outlet_ids, lexeme_bits"
)
NARROW = (
    "CREATE INDEX event_long_period_gist ON timeline_event "
    "USING gist (daterange(start, last_day, '[]')) WHERE last_day > start"
)
FORWARD = [
    "DROP INDEX IF EXISTS event_long_period_gist",
    "CREATE INDEX event_long_period_gist ON timeline_event "
    f"USING gist (daterange(start, last_day, '[]')) INCLUDE ({COVERED}) WHERE last_day > start",
    "VACUUM ANALYZE timeline_event",
]
BACKWARD = ["DROP INDEX IF EXISTS event_long_period_gist", NARROW]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql, None)

    return apply


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction
    dependencies = [("timeline", "0018_event_lexeme_bits")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
