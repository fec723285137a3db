"""Which of the corpus's most common words each event contains, as bits on the event row,
covered by the sample indexes (PostgreSQL only).

The facet sample of a view with a text filter walks a sample index and has to test the text
for every entry that passes the other filters: the text is in the table, so each test is a
lookup by primary key and a table row (4,400 of them a subset for an actor, three months and a
common word at 1M events; 20 ms each time). A rare word does not need this (its GIN list is
short); a common one is among a few dozen. So:

- ``timeline_lexeme_bit`` (the model LexemeBit: bit 0–62, lexeme): the vocabulary, the
  corpus's most common lexemes, chosen by vocabulary.refresh_lexemes (``manage.py
  refresh_lexemes``, and generate_corpus). Bits are only ever added: a lexeme keeps its bit for
  good.
- ``timeline_event.lexeme_bits``: bit b set exactly when the event's search_vector contains the
  lexeme of bit b. ``timeline_lexeme_bits(tsvector)`` computes it; row triggers before an insert
  and before an update that changes search_document call it for every writer (declared on
  Event: vendor_schema.lexeme_bits_triggers, migration 0029); refresh_lexemes sets the new bits
  of existing rows in the transaction that adds them, with writes locked out.
- ``timeline_lexeme_mask(tsquery)``: the bits a query needs, when it is a conjunction of plain
  lexemes ('a' & 'b') all in the vocabulary; NULL for anything else (a phrase, or, not, a
  prefix, an unknown word), which then takes the other ways of reading a text subset.

Then ``lexeme_bits & mask = mask`` is exactly ``search_vector @@ query``, testable from the index
entry. The column is Event.lexeme_bits; this migration gives the three sample indexes
(Event.Meta.indexes) the columns they cover since migrations 0014 and 0017.
"""

from django.db import migrations, models

import timeline.vendor_schema

# What the sample indexes carry besides their keys (Event.Meta.indexes).
FIXED = ("id", "start", "last_day")
COVERED = (
    "event_type", "precision", "status", "contested", "actor_ids", "place_ids", "outlet_ids",
    "lexeme_bits",
)  # fmt: skip

FORWARD = [
    # One binary search of the vector per vocabulary lexeme.
    """
    CREATE FUNCTION timeline_lexeme_bits(vector tsvector) RETURNS bigint
    LANGUAGE sql STABLE AS $$
      SELECT COALESCE(bit_or(1::bigint << b.bit), 0) FROM timeline_lexeme_bit b
      WHERE vector @@ b.query
    $$
    """,
    # tsquery's text form quotes each lexeme ('o''brien'); a plain conjunction is
    # 'a' & 'b' & …, anything else (<->, |, !, :*, weights, an empty query) is not.
    r"""
    CREATE FUNCTION timeline_lexeme_mask(query tsquery) RETURNS bigint
    LANGUAGE plpgsql STABLE AS $$
    DECLARE
      wanted text[];
      mask bigint;
      known int;
    BEGIN
      IF query::text !~ '^''(?:[^'']|'''')+''(?: & ''(?:[^'']|'''')+'')*$' THEN
        RETURN NULL;
      END IF;
      wanted := ARRAY(
        SELECT DISTINCT replace(m[1], '''''', '''')
        FROM regexp_matches(query::text, '''((?:[^'']|'''')+)''', 'g') AS m
      );
      SELECT bit_or(1::bigint << b.bit), count(*) INTO mask, known
      FROM timeline_lexeme_bit b WHERE b.lexeme = ANY(wanted);
      IF known <> cardinality(wanted) THEN
        RETURN NULL;
      END IF;
      RETURN mask;
    END $$
    """,
]

BACKWARD = [
    "DROP FUNCTION IF EXISTS timeline_lexeme_bits(tsvector)",
    "DROP FUNCTION IF EXISTS timeline_lexeme_mask(tsquery)",
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
    dependencies = [("timeline", "0017_event_place_outlet_ids")]

    operations = [
        migrations.CreateModel(
            name="LexemeBit",
            fields=[
                ("bit", models.SmallIntegerField(primary_key=True, serialize=False)),
                ("lexeme", models.TextField()),
                ("query", timeline.vendor_schema.TsQuery()),
            ],
            options={
                "db_table": "timeline_lexeme_bit",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("bit__gte", 0), ("bit__lte", 62)),
                        name="timeline_lexeme_bit_bit_check",
                    ),
                    models.UniqueConstraint(
                        fields=("lexeme",), name="timeline_lexeme_bit_lexeme_key"
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="event",
            name="lexeme_bits",
            field=timeline.vendor_schema.LexemeBits(
                help_text="Which of the corpus's most common words its search text holds (a "
                "trigger)."
            ),
        ),
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
        migrations.RemoveIndex(model_name="event", name="event_sample_visible_idx"),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("status", "rejected"), _negated=True),
                fields=["sample"],
                include=(*FIXED, *COVERED),
                name="event_sample_visible_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("status", "rejected"), _negated=True),
                fields=["start_month", "sample"],
                include=(*FIXED, *COVERED),
                name="event_month_sample_visible_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(
                    ("last_day__gt", models.F("start")),
                    models.Q(("status", "rejected"), _negated=True),
                ),
                fields=["sample"],
                include=(*FIXED, *COVERED),
                name="event_long_sample_visible_idx",
            ),
        ),
        migrations.RunPython(run(["VACUUM ANALYZE timeline_event"]), migrations.RunPython.noop),
    ]
