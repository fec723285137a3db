"""Each event's actor ids on the event row, kept by triggers and covered by the sample indexes;
the planner's estimate of a text query's share of events (PostgreSQL only).

The facet sample walks the sample indexes in key order and stops after k matches. With an
actor filter it probed timeline_eventactor for every index entry it met (an index lookup each);
with a text filter as well it read the table row of every entry to test the text: 128,000 rows
for actor + three months + a common word at 1M events (605 ms). ``actor_ids`` (the sorted,
distinct ids of the event's actors in any role), covered by both sample indexes, lets the walk
test the actor, the dates and the scalar filters from the index alone, and read the table only
for the entries that pass them (search.facets._text_sample_sql).

Statement-level triggers on timeline_eventactor keep the column true for every writer (the ORM,
the batch ingest's COPY, generate_corpus, loaddata, a hand-written UPDATE): after each
statement, the events it touched get their ids recomputed from timeline_eventactor by
``timeline_sync_actor_ids``, made here; events whose ids did not change are not rewritten. The
triggers are declared on EventActor (django-pgtrigger, migration 0027). The column is Event.actor_ids
(timeline/vendor_schema.RelatedIds: on SQLite a JSON text nothing reads or keeps); the sample
indexes cover it (migration 0018). No GIN index on it: for a common actor, decoding its posting
list (300,000 entries, about 40 ms) costs more than any plan it would serve.
"""

from django.db import migrations

import timeline.vendor_schema

FORWARD = [
    # The ids of the given events' actors, recomputed; only rows that change are written.
    """
    CREATE FUNCTION timeline_sync_actor_ids(changed bigint[]) RETURNS void
    LANGUAGE sql AS $$
      UPDATE timeline_event e SET actor_ids = fresh.ids
      FROM (
        SELECT c.id, COALESCE(
          (SELECT array_agg(DISTINCT ea.actor_id ORDER BY ea.actor_id)
             FROM timeline_eventactor ea WHERE ea.event_id = c.id),
          '{}') AS ids
        FROM unnest(changed) AS c(id)
      ) fresh
      WHERE e.id = fresh.id AND e.actor_ids IS DISTINCT FROM fresh.ids
    $$
    """,
    # The existing rows, in one pass over timeline_eventactor.
    """
    UPDATE timeline_event e SET actor_ids = a.ids
    FROM (
      SELECT event_id, array_agg(DISTINCT actor_id ORDER BY actor_id) AS ids
      FROM timeline_eventactor GROUP BY event_id
    ) a
    WHERE e.id = a.event_id
    """,
    # The planner's estimate of the share of events a query returns (from the statistics:
    # for a text query, those of search_vector), which decides how the facet sample of a view
    # with a text filter is read (search.facets._text_sample_sql). Given SQL the application composed
    # (never user text). VOLATILE, as EXPLAIN requires: callers read it through an uncorrelated
    # scalar subquery, which PostgreSQL evaluates once per query, so that a condition on it
    # gates a whole branch (a One-Time Filter).
    """
    CREATE FUNCTION timeline_estimated_share(query text) RETURNS float8
    LANGUAGE plpgsql VOLATILE AS $$
    DECLARE
      plan json;
      total float8;
    BEGIN
      EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
      SELECT reltuples INTO total FROM pg_class WHERE oid = 'timeline_event'::regclass;
      RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8 / GREATEST(total, 1);
    END $$
    """,
]
BACKWARD = [
    "DROP FUNCTION IF EXISTS timeline_sync_actor_ids(bigint[])",
    "DROP FUNCTION IF EXISTS timeline_estimated_share(text)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql, None)  # None: no parameters, so "%" needs no escaping

    return apply


class Migration(migrations.Migration):
    dependencies = [("timeline", "0013_event_start_month")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="actor_ids",
            field=timeline.vendor_schema.RelatedIds(
                help_text="The ids of its actors in any role, sorted (triggers)."
            ),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
