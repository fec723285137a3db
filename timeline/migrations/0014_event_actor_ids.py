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
statement, the events it touched get their ids recomputed from timeline_eventactor; events
whose ids did not change are not rewritten. generate_corpus writes the column itself and sets
``timeline.arrays_written`` for its transaction, which the insert triggers then skip. The model does not declare the column (SQLite, which holds small
chronologies, keeps the EXISTS); search.columns.ActorIds names it in queries.
"""

from django.db import migrations

VISIBLE = "NOT ((status)::text = 'rejected'::text)"
COVERED = "id, start, last_day, event_type, precision, status, contested"

FORWARD = [
    "ALTER TABLE timeline_event ADD COLUMN actor_ids bigint[] NOT NULL DEFAULT '{}'",
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
    """
    CREATE FUNCTION timeline_eventactor_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- A bulk writer that wrote the events' arrays itself says so (generate_corpus).
      IF current_setting('timeline.arrays_written', true) = 'on' THEN RETURN NULL; END IF;
      PERFORM timeline_sync_actor_ids(ARRAY(SELECT DISTINCT event_id FROM new_rows));
      RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION timeline_eventactor_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM timeline_sync_actor_ids(ARRAY(SELECT DISTINCT event_id FROM old_rows));
      RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION timeline_eventactor_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM timeline_sync_actor_ids(ARRAY(
        SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows));
      RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION timeline_eventactor_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE timeline_event SET actor_ids = '{}' WHERE actor_ids <> '{}';
      RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER eventactor_inserted_sync AFTER INSERT ON timeline_eventactor "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION timeline_eventactor_inserted()",
    "CREATE TRIGGER eventactor_deleted_sync AFTER DELETE ON timeline_eventactor "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION timeline_eventactor_deleted()",
    "CREATE TRIGGER eventactor_updated_sync AFTER UPDATE ON timeline_eventactor "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION timeline_eventactor_updated()",
    "CREATE TRIGGER eventactor_truncated_sync AFTER TRUNCATE ON timeline_eventactor "
    "FOR EACH STATEMENT EXECUTE FUNCTION timeline_eventactor_truncated()",
    # The existing rows, in one pass over timeline_eventactor.
    """
    UPDATE timeline_event e SET actor_ids = a.ids
    FROM (
      SELECT event_id, array_agg(DISTINCT actor_id ORDER BY actor_id) AS ids
      FROM timeline_eventactor GROUP BY event_id
    ) a
    WHERE e.id = a.event_id
    """,
    # The two sample indexes cover actor_ids too, so that a sample walk with an actor filter
    # reads it from the index instead of probing timeline_eventactor for every entry (see
    # EventQuerySet.involving). No GIN index on it: for a common actor, decoding its posting
    # list (300,000 entries, about 40 ms) costs more than any plan it would serve.
    "DROP INDEX IF EXISTS event_sample_visible_idx",
    f"CREATE INDEX event_sample_visible_idx ON timeline_event USING btree (sample) "
    f"INCLUDE ({COVERED}, actor_ids) WHERE {VISIBLE}",
    "DROP INDEX IF EXISTS event_month_sample_visible_idx",
    f"CREATE INDEX event_month_sample_visible_idx ON timeline_event USING btree "
    f"(start_month, sample) INCLUDE ({COVERED}, actor_ids) WHERE {VISIBLE}",
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
    "DROP TRIGGER IF EXISTS eventactor_inserted_sync ON timeline_eventactor",
    "DROP TRIGGER IF EXISTS eventactor_deleted_sync ON timeline_eventactor",
    "DROP TRIGGER IF EXISTS eventactor_updated_sync ON timeline_eventactor",
    "DROP TRIGGER IF EXISTS eventactor_truncated_sync ON timeline_eventactor",
    "DROP FUNCTION IF EXISTS timeline_eventactor_inserted()",
    "DROP FUNCTION IF EXISTS timeline_eventactor_deleted()",
    "DROP FUNCTION IF EXISTS timeline_eventactor_updated()",
    "DROP FUNCTION IF EXISTS timeline_eventactor_truncated()",
    "DROP FUNCTION IF EXISTS timeline_sync_actor_ids(bigint[])",
    "DROP FUNCTION IF EXISTS timeline_estimated_share(text)",
    "DROP INDEX IF EXISTS event_sample_visible_idx",
    f"CREATE INDEX event_sample_visible_idx ON timeline_event USING btree (sample) "
    f"INCLUDE ({COVERED}) WHERE {VISIBLE}",
    "DROP INDEX IF EXISTS event_month_sample_visible_idx",
    f"CREATE INDEX event_month_sample_visible_idx ON timeline_event USING btree "
    f"(start_month, sample) INCLUDE ({COVERED}) WHERE {VISIBLE}",
    "ALTER TABLE timeline_event DROP COLUMN IF EXISTS actor_ids",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql, None)  # None: no parameters, so "%" needs no escaping

    return apply


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction
    dependencies = [("timeline", "0013_event_start_month")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
