"""Each event's place and outlet ids on the event row, kept by triggers and covered by the
sample indexes (migration 0018), like actor_ids (migration 0014; the triggers PostgreSQL only).

The facet sample reads, for each of its thousand events, the ids of its actors, places and
outlets. Those came from one correlated subquery per event and relation (the outlets through
citation and article: 8 ms a subset at 1M events); a walk filtered by place or outlet probed
the link table for every index entry it met (a place on a tenth of the events: 8,000 probes,
16 ms). With the ids on the event row and in the sample indexes, both come from the index.

- ``place_ids``: the sorted ids of timeline_event_places' places of the event.
- ``outlet_ids``: the sorted ids of the outlets of the articles that cite the event (articles
  without an outlet add nothing).

Statement-level triggers recompute them for the events a statement touched, through the
functions made here: on the link table, on timeline_citation, and on articles_article when an
UPDATE changes an article's outlet. They are declared on the models (django-pgtrigger,
migration 0027; the one on the articles' table on a proxy in this app, so that articles/ still
knows nothing of the timeline).
"""

from django.db import migrations

import timeline.vendor_schema


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
    sync_function("timeline_sync_place_ids", "place_ids", PLACE_IDS),
    sync_function("timeline_sync_outlet_ids", "outlet_ids", OUTLET_IDS),
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
    "VACUUM ANALYZE timeline_event",
]

BACKWARD = [
    "DROP FUNCTION IF EXISTS timeline_sync_place_ids(bigint[])",
    "DROP FUNCTION IF EXISTS timeline_sync_outlet_ids(bigint[])",
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

    operations = [
        migrations.AddField(
            model_name="event",
            name="place_ids",
            field=timeline.vendor_schema.RelatedIds(
                help_text="The ids of its places, sorted (triggers)."
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="outlet_ids",
            field=timeline.vendor_schema.RelatedIds(
                help_text="The ids of the outlets citing it, sorted (triggers)."
            ),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
