"""Each event's place and outlet ids on the event row, kept by triggers and covered by the
sample indexes, like actor_ids (migration 0014; PostgreSQL only).

The facet sample reads, for each of its thousand events, the ids of its actors, places and
outlets. Those came from one correlated subquery per event and relation (the outlets through
citation and article: 8 ms a subset at 1M events); a walk filtered by place or outlet probed
the link table for every index entry it met (a place on a tenth of the events: 8,000 probes,
16 ms). With the ids on the event row and in the sample indexes, both come from the index.

- ``place_ids``: the sorted ids of timeline_event_places' places of the event.
- ``outlet_ids``: the sorted ids of the outlets of the articles that cite the event (articles
  without an outlet add nothing).

Statement-level triggers recompute them for the events a statement touched: on the link
table, on timeline_citation, and on articles_article when an UPDATE changes an article's
outlet (the trigger on the source side's table is the timeline's concern, so it lives here;
articles/ still imports nothing from timeline/). generate_corpus writes the columns itself and
sets ``timeline.arrays_written``, which the insert triggers then skip.
"""

from django.db import migrations

VISIBLE = "NOT ((status)::text = 'rejected'::text)"
COVERED = "id, start, last_day, event_type, precision, status, contested, actor_ids"
WIDE = f"{COVERED}, place_ids, outlet_ids"


def sync_function(name: str, column: str, ids_of: str) -> str:
    """SQL of a function recomputing ``column`` for the given events (only changed rows are
    written); ``ids_of`` selects the ids of event ``c.id``."""
    return f"""
    CREATE FUNCTION {name}(changed bigint[]) RETURNS void
    LANGUAGE sql AS $$
      UPDATE timeline_event e SET {column} = fresh.ids
      FROM (
        SELECT c.id, COALESCE(({ids_of}), '{{}}') AS ids FROM unnest(changed) AS c(id)
      ) fresh
      WHERE e.id = fresh.id AND e.{column} IS DISTINCT FROM fresh.ids
    $$
    """


# A bulk writer that wrote the events' arrays itself says so (generate_corpus, see 0014).
skip = "IF current_setting('timeline.arrays_written', true) = 'on' THEN RETURN NULL; END IF;"


def link_triggers(table: str, sync: str, prefix: str) -> list[str]:
    """Insert/delete/update/truncate triggers on a table with an event_id column."""
    statements = []
    for event, refs, rows in (
        ("INSERT", "NEW TABLE AS new_rows", "SELECT DISTINCT event_id FROM new_rows"),
        ("DELETE", "OLD TABLE AS old_rows", "SELECT DISTINCT event_id FROM old_rows"),
        (
            "UPDATE",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows",
        ),
    ):
        function = f"{prefix}_{event.lower().removesuffix('e')}ed"
        statements += [
            f"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              {skip if event == "INSERT" else ""}
              PERFORM {sync}(ARRAY({rows}));
              RETURN NULL;
            END $$
            """,
            f"CREATE TRIGGER {function}_sync AFTER {event} ON {table} REFERENCING {refs} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    return statements


PLACE_IDS = (
    "SELECT array_agg(DISTINCT r.place_id ORDER BY r.place_id) "
    "FROM timeline_event_places r WHERE r.event_id = c.id"
)
OUTLET_IDS = (
    "SELECT array_agg(DISTINCT a.outlet_id ORDER BY a.outlet_id) "
    "FROM timeline_citation r JOIN articles_article a ON a.id = r.article_id "
    "WHERE r.event_id = c.id AND a.outlet_id IS NOT NULL"
)

FORWARD = [
    "ALTER TABLE timeline_event ADD COLUMN place_ids bigint[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE timeline_event ADD COLUMN outlet_ids bigint[] NOT NULL DEFAULT '{}'",
    sync_function("timeline_sync_place_ids", "place_ids", PLACE_IDS),
    sync_function("timeline_sync_outlet_ids", "outlet_ids", OUTLET_IDS),
    *link_triggers("timeline_event_places", "timeline_sync_place_ids", "timeline_eventplace"),
    *link_triggers("timeline_citation", "timeline_sync_outlet_ids", "timeline_citation"),
    """
    CREATE FUNCTION timeline_links_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_TABLE_NAME = 'timeline_event_places' THEN
        UPDATE timeline_event SET place_ids = '{}' WHERE place_ids <> '{}';
      ELSE
        UPDATE timeline_event SET outlet_ids = '{}' WHERE outlet_ids <> '{}';
      END IF;
      RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER eventplace_truncated_sync AFTER TRUNCATE ON timeline_event_places "
    "FOR EACH STATEMENT EXECUTE FUNCTION timeline_links_truncated()",
    "CREATE TRIGGER citation_truncated_sync AFTER TRUNCATE ON timeline_citation "
    "FOR EACH STATEMENT EXECUTE FUNCTION timeline_links_truncated()",
    # An article whose outlet changes: the events it cites get their outlets again.
    """
    CREATE FUNCTION timeline_article_outlet_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM timeline_sync_outlet_ids(ARRAY(
        SELECT DISTINCT c.event_id FROM timeline_citation c
        JOIN new_rows n ON n.id = c.article_id JOIN old_rows o ON o.id = n.id
        WHERE o.outlet_id IS DISTINCT FROM n.outlet_id));
      RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER article_outlet_updated_sync AFTER UPDATE ON articles_article "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION timeline_article_outlet_updated()",
    # The existing rows.
    """
    UPDATE timeline_event e SET place_ids = p.ids FROM (
      SELECT event_id, array_agg(DISTINCT place_id ORDER BY place_id) AS ids
      FROM timeline_event_places GROUP BY event_id
    ) p WHERE e.id = p.event_id
    """,
    """
    UPDATE timeline_event e SET outlet_ids = o.ids FROM (
      SELECT c.event_id, array_agg(DISTINCT a.outlet_id ORDER BY a.outlet_id) AS ids
      FROM timeline_citation c JOIN articles_article a ON a.id = c.article_id
      WHERE a.outlet_id IS NOT NULL GROUP BY c.event_id
    ) o WHERE e.id = o.event_id
    """,
    # The sample indexes cover the new columns too.
    "DROP INDEX IF EXISTS event_sample_visible_idx",
    f"CREATE INDEX event_sample_visible_idx ON timeline_event USING btree (sample) "
    f"INCLUDE ({WIDE}) WHERE {VISIBLE}",
    "DROP INDEX IF EXISTS event_month_sample_visible_idx",
    f"CREATE INDEX event_month_sample_visible_idx ON timeline_event USING btree "
    f"(start_month, sample) INCLUDE ({WIDE}) WHERE {VISIBLE}",
    "DROP INDEX IF EXISTS event_long_sample_visible_idx",
    f"CREATE INDEX event_long_sample_visible_idx ON timeline_event USING btree (sample) "
    f"INCLUDE ({WIDE}) WHERE last_day > start AND {VISIBLE}",
    "VACUUM ANALYZE timeline_event",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS article_outlet_updated_sync ON articles_article",
    "DROP FUNCTION IF EXISTS timeline_article_outlet_updated()",
    "DROP TRIGGER IF EXISTS eventplace_truncated_sync ON timeline_event_places",
    "DROP TRIGGER IF EXISTS citation_truncated_sync ON timeline_citation",
    "DROP FUNCTION IF EXISTS timeline_links_truncated()",
    *(
        sql
        for table, prefix in (
            ("timeline_event_places", "timeline_eventplace"),
            ("timeline_citation", "timeline_citation"),
        )
        for event in ("inserted", "deleted", "updated")
        for sql in (
            f"DROP TRIGGER IF EXISTS {prefix}_{event}_sync ON {table}",
            f"DROP FUNCTION IF EXISTS {prefix}_{event}()",
        )
    ),
    "DROP FUNCTION IF EXISTS timeline_sync_place_ids(bigint[])",
    "DROP FUNCTION IF EXISTS timeline_sync_outlet_ids(bigint[])",
    "DROP INDEX IF EXISTS event_sample_visible_idx",
    f"CREATE INDEX event_sample_visible_idx ON timeline_event USING btree (sample) "
    f"INCLUDE ({COVERED}) WHERE {VISIBLE}",
    "DROP INDEX IF EXISTS event_month_sample_visible_idx",
    f"CREATE INDEX event_month_sample_visible_idx ON timeline_event USING btree "
    f"(start_month, sample) INCLUDE ({COVERED}) WHERE {VISIBLE}",
    "DROP INDEX IF EXISTS event_long_sample_visible_idx",
    f"CREATE INDEX event_long_sample_visible_idx ON timeline_event USING btree (sample) "
    f"INCLUDE ({COVERED}) WHERE last_day > start AND {VISIBLE}",
    "ALTER TABLE timeline_event DROP COLUMN IF EXISTS place_ids",
    "ALTER TABLE timeline_event DROP COLUMN IF EXISTS outlet_ids",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql, None)

    return apply


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction
    dependencies = [
        ("timeline", "0016_event_long_sample_visible_idx"),
        ("articles", "0003_article_id_outlet_idx"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
