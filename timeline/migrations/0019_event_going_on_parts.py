"""The events going on at a day, found in two parts by indexes that cover their filters
(PostgreSQL).

A date-range page begins with the events that started before the range and are still going on
at its first day (10,000 at 1M events, mostly events dated by their year). They were found
through the GiST index of the long events' periods, then read from the table to test the other
filters (8,700 table pages: 16 ms when they were in shared buffers, 35 ms when not); with the
filtered columns included in the GiST index the scan was index-only but still 9 ms, as a GiST
scan costs about a microsecond per entry and the part is sorted afterwards. Split by when they
started (search.plan.going_on_parts):

- **recently** (within LONG_AGO = 366 days before the day): ``event_long_start_idx``, the long
  events in (start, id) order covering every filtered column. The part is read in page order
  from the year before the day and stops at the page's size: a few thousand index entries,
  no table row.
- **long ago**: an event going on at a day it started more than 366 days before lasts more than
  366 days. ``event_very_long_period_gist`` holds only those (2,000 at 1M events; wars, sieges,
  occupations) and covers the same columns: fetched through the period test and sorted.

Both are declared on the model (Event.Meta.indexes); the GiST one exists on PostgreSQL only.
"""

from django.db import migrations, models

import timeline.vendor_schema

# What the filters test, and the sample key: the facet samples read these parts too
# (facets._month_walks), fetched and sorted by key where a walk in key order would read more.
COVERED = (
    "sample", "event_type", "precision", "status", "contested", "actor_ids", "place_ids",
    "outlet_ids", "lexeme_bits",
)  # fmt: skip


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

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("last_day__gt", models.F("start"))),
                fields=["start", "id"],
                include=("last_day", *COVERED),
                name="event_long_start_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=timeline.vendor_schema.GistIndex(
                models.Func(
                    "start",
                    "last_day",
                    models.Value("[]"),
                    function="daterange",
                    output_field=models.TextField(),
                ),
                condition=models.Q(
                    (
                        "last_day__gt",
                        models.ExpressionWrapper(
                            models.F("start") + 366, output_field=models.DateField()
                        ),
                    )
                ),
                include=("id", "start", "last_day", *COVERED),
                name="event_very_long_period_gist",
            ),
        ),  # fmt: skip
        migrations.RunPython(run(["VACUUM ANALYZE timeline_event"]), migrations.RunPython.noop),
    ]
