"""The triggers that keep the event rows' id arrays, declared on the models with django-pgtrigger
(PostgreSQL): on EventActor, Citation, Event.places' link table (the proxy EventPlaceLinks) and
the articles' table (the proxy ArticleOutlets). A database made before this had them from
raw SQL (migrations 0014 and 0017 as they were): those go first.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

# (trigger, table, its function): what migrations 0014 and 0017 once created. Their SQL
# functions timeline_sync_*_ids stay: the new triggers call them.
LEGACY = [
    ("eventactor_inserted_sync", "timeline_eventactor", "timeline_eventactor_inserted"),
    ("eventactor_deleted_sync", "timeline_eventactor", "timeline_eventactor_deleted"),
    ("eventactor_updated_sync", "timeline_eventactor", "timeline_eventactor_updated"),
    ("eventactor_truncated_sync", "timeline_eventactor", "timeline_eventactor_truncated"),
    ("timeline_eventplace_inserted_sync", "timeline_event_places", "timeline_eventplace_inserted"),
    ("timeline_eventplace_deleted_sync", "timeline_event_places", "timeline_eventplace_deleted"),
    ("timeline_eventplace_updated_sync", "timeline_event_places", "timeline_eventplace_updated"),
    ("eventplace_truncated_sync", "timeline_event_places", None),
    ("timeline_citation_inserted_sync", "timeline_citation", "timeline_citation_inserted"),
    ("timeline_citation_deleted_sync", "timeline_citation", "timeline_citation_deleted"),
    ("timeline_citation_updated_sync", "timeline_citation", "timeline_citation_updated"),
    ("citation_truncated_sync", "timeline_citation", "timeline_links_truncated"),
    ("article_outlet_updated_sync", "articles_article", "timeline_article_outlet_updated"),
]


def drop_legacy(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for trigger, table, function in LEGACY:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}", None)
        if function is not None:  # timeline_links_truncated served two tables
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()", None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_published_in_range"),
        ("timeline", "0026_editors_add_reports"),
    ]

    operations = [
        migrations.RunPython(drop_legacy, migrations.RunPython.noop),
        migrations.CreateModel(
            name="ArticleOutlets",
            fields=[],
            options={
                "proxy": True,
                "default_permissions": (),
                "indexes": [],
                "constraints": [],
            },
            bases=("articles.article",),
        ),
        migrations.CreateModel(
            name="EventPlaceLinks",
            fields=[],
            options={
                "proxy": True,
                "default_permissions": (),
                "indexes": [],
                "constraints": [],
            },
            bases=("timeline.event_places",),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="citation",
            trigger=pgtrigger.compiler.Trigger(
                name="outlet_ids_inserted",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_outlet_ids(ARRAY(SELECT DISTINCT event_id FROM new_rows)); RETURN NULL;",
                    hash="57f462929098a58ca025d5c73f9bba13380d7611",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_outlet_ids_inserted_682b0",
                    referencing="REFERENCING NEW TABLE AS new_rows ",
                    table="timeline_citation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="citation",
            trigger=pgtrigger.compiler.Trigger(
                name="outlet_ids_deleted",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_outlet_ids(ARRAY(SELECT DISTINCT event_id FROM old_rows)); RETURN NULL;",
                    hash="12ee13008d6a09afeddfaae42d13b1a0e6365442",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_outlet_ids_deleted_0a404",
                    referencing="REFERENCING OLD TABLE AS old_rows ",
                    table="timeline_citation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="citation",
            trigger=pgtrigger.compiler.Trigger(
                name="outlet_ids_updated",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_outlet_ids(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows)); RETURN NULL;",
                    hash="d0d0c632d9f413a057c0f63ccde2dac6477c6715",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_outlet_ids_updated_219e4",
                    referencing="REFERENCING OLD TABLE AS old_rows  NEW TABLE AS new_rows ",
                    table="timeline_citation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="citation",
            trigger=pgtrigger.compiler.Trigger(
                name="outlet_ids_truncated",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="UPDATE timeline_event SET outlet_ids = '{}' WHERE outlet_ids <> '{}'; RETURN NULL;",
                    hash="26b005bbef7186421b86893e923e5d12ec3fd8d1",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_outlet_ids_truncated_06424",
                    table="timeline_citation",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventactor",
            trigger=pgtrigger.compiler.Trigger(
                name="actor_ids_inserted",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_actor_ids(ARRAY(SELECT DISTINCT event_id FROM new_rows)); RETURN NULL;",
                    hash="89d87c5a1b2086c58756a8535a36085a8b3ed41b",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_actor_ids_inserted_4209c",
                    referencing="REFERENCING NEW TABLE AS new_rows ",
                    table="timeline_eventactor",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventactor",
            trigger=pgtrigger.compiler.Trigger(
                name="actor_ids_deleted",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_actor_ids(ARRAY(SELECT DISTINCT event_id FROM old_rows)); RETURN NULL;",
                    hash="83f721efa24e5e7ebb1406e5edb15e0543276b35",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_actor_ids_deleted_96bd8",
                    referencing="REFERENCING OLD TABLE AS old_rows ",
                    table="timeline_eventactor",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventactor",
            trigger=pgtrigger.compiler.Trigger(
                name="actor_ids_updated",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_actor_ids(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows)); RETURN NULL;",
                    hash="977b381fa813d15102acaaf392c081f405c3d0bc",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_actor_ids_updated_b6ff7",
                    referencing="REFERENCING OLD TABLE AS old_rows  NEW TABLE AS new_rows ",
                    table="timeline_eventactor",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventactor",
            trigger=pgtrigger.compiler.Trigger(
                name="actor_ids_truncated",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="UPDATE timeline_event SET actor_ids = '{}' WHERE actor_ids <> '{}'; RETURN NULL;",
                    hash="40f6c19c853916440e8ef9e4fd5e00772fae6b52",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_actor_ids_truncated_fb813",
                    table="timeline_eventactor",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="articleoutlets",
            trigger=pgtrigger.compiler.Trigger(
                name="outlet_ids_article_updated",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_outlet_ids(ARRAY(SELECT DISTINCT c.event_id FROM timeline_citation c JOIN new_rows n ON n.id = c.article_id JOIN old_rows o ON o.id = n.id WHERE o.outlet_id IS DISTINCT FROM n.outlet_id)); RETURN NULL;",
                    hash="0ab05ebf3ad84030fccf28335ec1c509da9d9f5f",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_outlet_ids_article_updated_f0b5a",
                    referencing="REFERENCING OLD TABLE AS old_rows  NEW TABLE AS new_rows ",
                    table="articles_article",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventplacelinks",
            trigger=pgtrigger.compiler.Trigger(
                name="place_ids_inserted",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_place_ids(ARRAY(SELECT DISTINCT event_id FROM new_rows)); RETURN NULL;",
                    hash="393c777977b314fabd8bed349df558ed11290b6d",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_place_ids_inserted_17f6c",
                    referencing="REFERENCING NEW TABLE AS new_rows ",
                    table="timeline_event_places",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventplacelinks",
            trigger=pgtrigger.compiler.Trigger(
                name="place_ids_deleted",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_place_ids(ARRAY(SELECT DISTINCT event_id FROM old_rows)); RETURN NULL;",
                    hash="1108b10b172da4fa2cd1ab8cbad8d29f9c950d03",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_place_ids_deleted_64306",
                    referencing="REFERENCING OLD TABLE AS old_rows ",
                    table="timeline_event_places",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventplacelinks",
            trigger=pgtrigger.compiler.Trigger(
                name="place_ids_updated",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="PERFORM timeline_sync_place_ids(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows)); RETURN NULL;",
                    hash="337ff14307ca4c0edec9a5c98a94c4f89fa130b3",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_place_ids_updated_413b5",
                    referencing="REFERENCING OLD TABLE AS old_rows  NEW TABLE AS new_rows ",
                    table="timeline_event_places",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="eventplacelinks",
            trigger=pgtrigger.compiler.Trigger(
                name="place_ids_truncated",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="UPDATE timeline_event SET place_ids = '{}' WHERE place_ids <> '{}'; RETURN NULL;",
                    hash="7fc25e69c46fd67254144eabb911d7c5ef4e4fcf",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_place_ids_truncated_58acb",
                    table="timeline_event_places",
                    when="AFTER",
                ),
            ),
        ),
    ]
