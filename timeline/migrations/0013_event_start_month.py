"""Each event's start month, and the facet sample walked month by month (PostgreSQL only).

The facet sample reads a subset's first k events in ``sample`` order. For a date range, walking
event_sample_visible_idx meets the range's events among all the others: for two months at 1M
events, about 60,000 index entries for 1,000 matches (and with a text filter, a table read for
each). ``start_month`` (year·12 + month − 1 of ``start``, a stored generated column) with
event_month_sample_visible_idx on (start_month, sample) lets the sample walk each month of the
range in ``sample`` order and merge the walks (facets._date_range_sample). The model does not
declare the column (SQLite, which holds small chronologies, has no use for it);
search.columns.StartMonth names it in queries.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE timeline_event ADD COLUMN start_month integer GENERATED ALWAYS AS "
    "((EXTRACT(YEAR FROM start) * 12 + EXTRACT(MONTH FROM start) - 1)::integer) STORED",
    "CREATE INDEX event_month_sample_visible_idx ON timeline_event USING btree "
    "(start_month, sample) INCLUDE (id, start, last_day, event_type, precision, status, "
    "contested) WHERE (NOT ((status)::text = 'rejected'::text))",
    # The rewrite reset the visibility map and the statistics (see 0012).
    "VACUUM ANALYZE timeline_event",
]
BACKWARD = [
    "DROP INDEX IF EXISTS event_month_sample_visible_idx",
    "ALTER TABLE timeline_event DROP COLUMN IF EXISTS start_month",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction
    dependencies = [("timeline", "0012_event_search_vector")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
