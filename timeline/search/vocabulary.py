"""The vocabulary of common words each event carries as bits (PostgreSQL; migration 0018).

``timeline_lexeme_bit`` (LexemeBit) gives up to 63 of the corpus's most common lexemes a bit
each, and row triggers (vendor_schema.lexeme_bits_triggers) set on every event row the bits of
the vocabulary lexemes its search_vector holds (``lexeme_bits``, covered by the sample indexes). A facet sample of a view searching for
common words then tests the text from the index entry (search.facets._text_sample_sql) instead of
reading a table row per entry. Rare words do not need it: their GIN lists are short.

refresh_lexemes() adds the common lexemes that have no bit yet while bits are free, and
recomputes the bits of the existing events in the same transaction, with writes to the events
locked out so that none is written with the old vocabulary in between. A lexeme keeps its bit
for good, so no bit ever changes meaning. generate_corpus runs it after its first chunk;
``manage.py refresh_lexemes`` runs it after a large import (a word that became common since
is still searched correctly, only without this shortcut).
"""

import math

from django.db import connection, transaction

from timeline.models import LexemeBit

VOCABULARY_SIZE = 63  # bits 0–62 of a bigint, so every mask is positive
MIN_SHARE = 0.05  # a rarer word is left to the GIN index
SURVEY = 20_000  # events (the first in sample order: a uniform sample) read to find them
# Lexemes written plainly in a tsquery ('word'), so that the vocabulary row's query and
# timeline_lexeme_mask's reading of a query's text agree on them.
PLAIN_LEXEME = r"^[^'\\\s:&|!()<>*]+$"


def vocabulary() -> dict[int, str]:
    """The bits given out so far: {bit: lexeme}."""
    if connection.vendor != "postgresql":
        return {}
    return dict(LexemeBit.objects.order_by("bit").values_list("bit", "lexeme"))


def refresh_lexemes(min_share: float = MIN_SHARE, survey: int = SURVEY) -> list[str]:
    """Give the common lexemes without a bit one, while bits are free, and set the events' bits
    again; returns the lexemes added (none elsewhere than on PostgreSQL)."""
    if connection.vendor != "postgresql":
        return []
    with transaction.atomic(), connection.cursor() as cursor:
        # An event written meanwhile would get its bits from the vocabulary without them.
        cursor.execute("LOCK TABLE timeline_event IN SHARE ROW EXCLUSIVE MODE")
        taken = vocabulary()
        free = [bit for bit in range(VOCABULARY_SIZE) if bit not in taken]
        surveyed = connection.ops.compose_sql(
            "SELECT search_vector FROM timeline_event ORDER BY sample LIMIT %s", [survey]
        )
        cursor.execute(f"SELECT count(*) FROM ({surveyed}) s")
        (events,) = cursor.fetchone()
        if not free or not events:
            return []
        cursor.execute(
            "SELECT word FROM ts_stat(%s) WHERE ndoc >= %s AND word ~ %s ORDER BY ndoc DESC, word",
            [surveyed, max(1, math.ceil(min_share * events)), PLAIN_LEXEME],
        )
        known = set(taken.values())
        added = [word for (word,) in cursor.fetchall() if word not in known][: len(free)]
        if not added:
            return []
        cursor.executemany(
            "INSERT INTO timeline_lexeme_bit (bit, lexeme, query) "
            "VALUES (%s, %s, ('''' || %s || '''')::tsquery)",
            [(bit, word, word) for bit, word in zip(free, added, strict=False)],
        )
        # Every event again; only the rows whose bits change are written.
        cursor.execute(
            "UPDATE timeline_event SET lexeme_bits = timeline_lexeme_bits(search_vector) "
            "WHERE lexeme_bits <> timeline_lexeme_bits(search_vector)"
        )
    return added
