"""Regex scans that only try the pattern where a match can begin.

re has no fast skip for a case-insensitive pattern, or for one that starts with a word boundary
or a lookbehind: it runs the whole pattern at every position of the text, which made a scan of an
article for month or weekday names cost as much as everything else done with that article. When
every match of a pattern begins with one of a few known words, str.find over a lower-cased copy of
the text finds those words far faster, and trying the pattern only there (``finditer_at``) gives
exactly what ``pattern.finditer`` gives. A cheaper pattern that matches wherever the slow one can
begin (``overlapping_starts``) does the same for case-sensitive patterns.

That needs ``text.lower()`` to line up character for character with the text and to lower every
character that re.IGNORECASE takes for an ASCII letter to that letter. Three characters break it
(checked over all of Unicode): "İ" lowers to two characters, "ı" and the long "ſ" do not lower to
the "i" and "s" re.IGNORECASE matches them with. A text containing one of them gets ``None`` from
``lowered`` and callers scan it the slow way.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

__all__ = [
    "Lines",
    "finditer_at",
    "lines",
    "lowered",
    "match_starts",
    "offsets",
    "overlapping_starts",
    "scan",
    "shortest_prefixes",
]

_FOLD_MISMATCH = ("\u0130", "\u0131", "\u017f")


# An article's body is scanned several times in a row; lowering it is the dearest step.
@functools.lru_cache(maxsize=1)
def lowered(text: str) -> str | None:
    """``text.lower()`` when it can stand in for re.IGNORECASE offset by offset, else None."""
    if any(ch in text for ch in _FOLD_MISMATCH):
        return None
    return text.lower()


class Lines:
    """Where the line around an offset starts and ends, from the text's line breaks found once.

    ``text.rfind("\\n", 0, pos)`` walks back to the previous line break: asked for every name in
    a text that is one long line, it makes the reading quadratic."""

    # A line's indent longer than this is not an indent (``first_on_line``).
    INDENT = 64

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.length = len(text)

    def start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``."""
        i = bisect.bisect_left(self.breaks, pos)
        return self.breaks[i - 1] + 1 if i else 0

    def end(self, pos: int) -> int:
        """``text.find("\\n", pos)``, or the text's length when no line break follows."""
        i = bisect.bisect_left(self.breaks, pos)
        return self.breaks[i] if i < len(self.breaks) else self.length

    def first_on_line(self, pos: int) -> bool:
        """Whether only an indent (INDENT characters at most) precedes ``pos`` on its line."""
        start = self.start(pos)
        return pos - start <= self.INDENT and not self.text[start:pos].strip()


@functools.lru_cache(maxsize=2)
def lines(text: str) -> Lines:
    """The ``Lines`` of a text (the last two texts asked about are kept)."""
    return Lines(text)


def shortest_prefixes(words: Iterable[str]) -> tuple[str, ...]:
    """The words that do not start with another of them: wherever "septem" occurs, "sep" does."""
    unique = set(words)
    return tuple(sorted(w for w in unique if not any(w != o and w.startswith(o) for o in unique)))


def offsets(lowered_text: str, words: Iterable[str]) -> list[int]:
    """Sorted offsets at which any of ``words`` (lower-case) occurs, overlapping ones included."""
    found: set[int] = set()
    for word in words:
        i = lowered_text.find(word)
        while i != -1:
            found.add(i)
            i = lowered_text.find(word, i + 1)
    return sorted(found)


def finditer_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))``, provided every match can only start at one of ``starts``.

    ``starts`` must be sorted. The pattern must not match the empty string.
    """
    found = []
    free_from = 0  # finditer resumes at the end of a match, so the next one cannot overlap it
    for start in starts:
        if start >= free_from and (m := pattern.match(text, start)) is not None:
            found.append(m)
            free_from = m.end()
    return found


def scan(pattern: re.Pattern[str], text: str, words: Iterable[str]) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for a case-insensitive pattern whose matches all begin with
    one of ``words`` (lower-case)."""
    low = lowered(text)
    if low is None:
        return list(pattern.finditer(text))
    return finditer_at(pattern, text, offsets(low, words))


def match_starts(pattern: re.Pattern[str], text: str, words: Iterable[str]) -> list[int]:
    """Every offset at which ``pattern`` matches, overlapping matches included, for a
    case-insensitive pattern whose matches all begin with one of ``words`` (lower-case)."""
    low = lowered(text)
    if low is not None:
        return [i for i in offsets(low, words) if pattern.match(text, i) is not None]
    return overlapping_starts(pattern, text)


def overlapping_starts(pattern: re.Pattern[str], text: str) -> list[int]:
    """Every offset at which ``pattern`` matches, overlapping matches included."""
    found = []
    m = pattern.search(text)
    while m is not None:
        found.append(m.start())
        m = pattern.search(text, m.start() + 1)
    return found
