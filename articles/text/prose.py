"""Whether a cleaned text reads as prose, so that extracting events from it can make sense.

A file of one token repeated ("a-a-a-", "12 12 12", "On Monday On Monday …") is no report: it
would be stored as an article with no events, and re-read by every later step that looks at
articles without events. Natural text keeps using new words as it grows: a text of N words has
well over 2·√N distinct ones (Heaps' law; news prose has about 10·√N), while a repetition has a
handful whatever its length. And most of prose is words: a title over a file of numbers or
punctuation ("12 12 12 …", "a-a-a-…") is not a report either. Nor is a long text whose words are
mostly dates ("May 12, May 13, …") or mostly capitalised (a list of names): in a few hundred
news and wire reports, month and weekday names are at most 6% of the words and capitalised
words at most 56%. Such texts would also cost the date and name readers far more per byte than
prose (bench/adversarial.py).
"""

import math
import re

__all__ = ["MIN_DISTINCT_PER_ROOT", "prose_problem"]

_WORD = re.compile(r"[^\W\d_]{2,}")
# Distinct words a text of N words must have, per √N; texts of fewer than SHORT words pass.
MIN_DISTINCT_PER_ROOT = 2.0
SHORT = 20
# The share of a text's visible characters that its words must make up (news prose: about
# 0.8; a table of figures: 0.3 and more), once it has LONG visible characters.
MIN_WORD_SHARE = 0.2
LONG = 2000
# Of the words of a text of LONG visible characters or more, at most these shares may be month
# and weekday names, and capitalised.
MAX_CALENDAR_SHARE = 0.25
MAX_CAPITALISED_SHARE = 2 / 3
_CALENDAR = frozenset(
    [
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    ]
)


def prose_problem(text: str) -> str | None:
    """Why ``text`` is not prose (a sentence for an error message), or None when it is."""
    words = _WORD.findall(text)
    if not words:
        return "the text has no words"
    visible = len(text) - sum(text.count(space) for space in (" ", "\n", "\t", "\r"))
    share = sum(map(len, words)) / max(visible, 1)
    if visible >= LONG:
        if share < MIN_WORD_SHARE:
            return f"the text is hardly words: they make up {share:.0%} of it, not an article"
        dates = sum(w.lower() in _CALENDAR for w in words) / len(words)
        if dates > MAX_CALENDAR_SHARE:
            return f"the text is mostly dates ({dates:.0%} of its words), not an article"
        capitalised = sum(w[0].isupper() for w in words) / len(words)
        if capitalised > MAX_CAPITALISED_SHARE:
            return (
                f"the text is mostly capitalised words ({capitalised:.0%}), a list rather than "
                "an article"
            )
    if len(words) < SHORT:
        return None
    distinct = len({w.lower() for w in words})
    if distinct < MIN_DISTINCT_PER_ROOT * math.sqrt(len(words)):
        return (
            f"the text repeats itself: {len(words):,} words but only {distinct:,} different "
            "ones, which is not an article"
        )
    return None
