"""Which of the corpus's most common words each event contains, as bits on the event row,
covered by the sample indexes (PostgreSQL only).

The facet sample of a view with a text filter walks a sample index and has to test the text
for every entry that passes the other filters: the text is in the table, so each test is a
lookup by primary key and a table row (4,400 of them a subset for an actor, three months and a
common word at 1M events; 20 ms each time). A rare word does not need this (its GIN list is
short); a common one is among a few dozen. So:

- ``timeline_lexeme_bit`` (bit 0–62, lexeme): the vocabulary, the corpus's most common lexemes,
  chosen by vocabulary.refresh_lexemes (``manage.py refresh_lexemes``, and generate_corpus).
  Bits are only ever added: a lexeme keeps its bit for good.
- ``timeline_event.lexeme_bits``: bit b set exactly when the event's search_vector contains the
  lexeme of bit b. Row triggers before an insert and before an update that changes
  search_document compute it for every writer (search_vector, a generated column, is not
  computed yet in a BEFORE trigger, so the trigger parses the document itself);
  refresh_lexemes sets the new bits of existing rows in the transaction that adds them, with
  writes locked out. The triggers exist only once there is a vocabulary (refresh_lexemes
  creates them with the first words; until then every event's bits are 0, the default): a
  table with a BEFORE ROW trigger is copied row by row, not in batches, which costs ingest
  about a sixth of its speed (140 → 120 articles/s) and generate_corpus a third.
- ``timeline_lexeme_mask(tsquery)``: the bits a query needs, when it is a conjunction of plain
  lexemes ('a' & 'b') all in the vocabulary; NULL for anything else (a phrase, or, not, a
  prefix, an unknown word), which then takes the other ways of reading a text subset.

Then ``lexeme_bits & mask = mask`` is exactly ``search_vector @@ query``, testable from the index
entry. The model does not declare the column; search.columns.LexemeBits names it in queries.
"""

from django.db import migrations

VISIBLE = "NOT ((status)::text = 'rejected'::text)"
COVERED = (
    "id, start, last_day, event_type, precision, status, contested, actor_ids, place_ids, "
    "outlet_ids"
)
WIDE = f"{COVERED}, lexeme_bits"
DOCUMENT = "to_tsvector('english'::regconfig, COALESCE(NEW.search_document, ''))"

FORWARD = [
    """
    CREATE TABLE timeline_lexeme_bit (
      bit smallint PRIMARY KEY CHECK (bit BETWEEN 0 AND 62),
      lexeme text NOT NULL UNIQUE,
      query tsquery NOT NULL
    )
    """,
    "ALTER TABLE timeline_event ADD COLUMN lexeme_bits bigint NOT NULL DEFAULT 0",
    # One binary search of the vector per vocabulary lexeme.
    """
    CREATE FUNCTION timeline_lexeme_bits(vector tsvector) RETURNS bigint
    LANGUAGE sql STABLE AS $$
      SELECT COALESCE(bit_or(1::bigint << b.bit), 0) FROM timeline_lexeme_bit b
      WHERE vector @@ b.query
    $$
    """,
    # The row triggers that call it are created by timeline.search.vocabulary.refresh_lexemes with
    # the first words: without a vocabulary every event's bits are 0, the column's default.
    f"""
    CREATE FUNCTION timeline_event_lexeme_bits() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.lexeme_bits := timeline_lexeme_bits({DOCUMENT});
      RETURN NEW;
    END $$
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
    # The sample indexes cover the bits.
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
    "DROP TRIGGER IF EXISTS event_lexeme_bits ON timeline_event",
    "DROP TRIGGER IF EXISTS event_lexeme_bits_updated ON timeline_event",
    "DROP FUNCTION IF EXISTS timeline_event_lexeme_bits()",
    "DROP FUNCTION IF EXISTS timeline_lexeme_bits(tsvector)",
    "DROP FUNCTION IF EXISTS timeline_lexeme_mask(tsquery)",
    "DROP INDEX IF EXISTS event_sample_visible_idx",
    f"CREATE INDEX event_sample_visible_idx ON timeline_event USING btree (sample) "
    f"INCLUDE ({COVERED}) WHERE {VISIBLE}",
    "DROP INDEX IF EXISTS event_month_sample_visible_idx",
    f"CREATE INDEX event_month_sample_visible_idx ON timeline_event USING btree "
    f"(start_month, sample) INCLUDE ({COVERED}) WHERE {VISIBLE}",
    "DROP INDEX IF EXISTS event_long_sample_visible_idx",
    f"CREATE INDEX event_long_sample_visible_idx ON timeline_event USING btree (sample) "
    f"INCLUDE ({COVERED}) WHERE last_day > start AND {VISIBLE}",
    "ALTER TABLE timeline_event DROP COLUMN IF EXISTS lexeme_bits",
    "DROP TABLE IF EXISTS timeline_lexeme_bit",
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

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
