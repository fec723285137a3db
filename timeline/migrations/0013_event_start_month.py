"""Each event's start month, and the facet sample walked month by month.

The facet sample reads a subset's first k events in ``sample`` order. For a date range, walking
event_sample_visible_idx meets the range's events among all the others: for two months at 1M
events, about 60,000 index entries for 1,000 matches (and with a text filter, a table read for
each). ``start_month`` (year·12 + month − 1 of ``start``, a stored generated column) with
event_month_sample_visible_idx on (start_month, sample) (migration 0018, with the columns it
covers) lets the sample walk each month of the range in ``sample`` order and merge the walks
(facets._date_range_sample).
"""

from django.db import migrations, models

import timeline.vendor_schema


def analyze(apps, schema_editor):
    """The rewrite reset the visibility map and the statistics (see 0012)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("VACUUM ANALYZE timeline_event")


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction
    dependencies = [("timeline", "0012_event_search_vector")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="start_month",
            field=models.GeneratedField(
                db_persist=True,
                serialize=False,
                expression=timeline.vendor_schema.MonthNumber("start"),
                help_text="year·12 + month − 1 of start: the facet sample walks a range month "
                "by month.",
                output_field=models.IntegerField(),
            ),
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True),
    ]
