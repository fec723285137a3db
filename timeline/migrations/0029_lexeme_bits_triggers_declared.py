"""The row triggers that set Event.lexeme_bits, declared on the model with django-pgtrigger
(PostgreSQL). Before, search.vocabulary.refresh_lexemes created them with the first words,
calling migration 0018's trigger function: those go first where they exist.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations


def drop_legacy(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for trigger in ("event_lexeme_bits", "event_lexeme_bits_updated"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON timeline_event", None)
        schema_editor.execute("DROP FUNCTION IF EXISTS timeline_event_lexeme_bits()", None)


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0028_sqlite_declared_columns"),
    ]

    operations = [
        migrations.RunPython(drop_legacy, migrations.RunPython.noop),
        pgtrigger.migrations.AddTrigger(
            model_name="event",
            trigger=pgtrigger.compiler.Trigger(
                name="lexeme_bits_inserted",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="IF NOT EXISTS (SELECT FROM timeline_lexeme_bit) THEN RETURN NEW; END IF; NEW.lexeme_bits := timeline_lexeme_bits(to_tsvector('english'::regconfig, COALESCE(NEW.search_document, ''))); RETURN NEW;",
                    hash="fb63d301a2fb3ddc60452594fbca3a7f84ce4fc2",
                    operation="INSERT",
                    pgid="pgtrigger_lexeme_bits_inserted_e15dc",
                    table="timeline_event",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="event",
            trigger=pgtrigger.compiler.Trigger(
                name="lexeme_bits_updated",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.search_document IS DISTINCT FROM NEW.search_document)",
                    func="IF NOT EXISTS (SELECT FROM timeline_lexeme_bit) THEN RETURN NEW; END IF; NEW.lexeme_bits := timeline_lexeme_bits(to_tsvector('english'::regconfig, COALESCE(NEW.search_document, ''))); RETURN NEW;",
                    hash="278804480c8315a0943610e2d5e49f2dcb01df7e",
                    operation='UPDATE OF "search_document"',
                    pgid="pgtrigger_lexeme_bits_updated_25143",
                    table="timeline_event",
                    when="BEFORE",
                ),
            ),
        ),
    ]
