"""What a resolver sees: the text, its sentences, the publication date and the mention before.

Resolvers are functions of a regex match and this context; the scanner moves the context along
the text in reading order so anaphora ("the next day") can look back at the previous mention.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from .mention import DateMention, Precision, Value
from .rules import Rule
from .tense import FUTURE, LATER, NONE, clause_lean, open_quote, quote_bounds

# Sentence ends: terminal punctuation (optionally closing quotes/brackets) and a capital next, or
# a line break. Initials and short abbreviations ("U.S.", "Sept.", "Mr.") are not ends.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9]))")
_WORD_BEFORE_DOT = re.compile(r"(\w+)\.$")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "no", "gen", "col", "sgt", "lt", "maj", "capt", "gov", "rep",
    "sen", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "prof", "jr", "sr", "inc", "corp", "co", "ltd", "approx",
}  # fmt: skip


def sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.group()[0] == ".":
            word = _WORD_BEFORE_DOT.search(text, max(0, m.start() - 12), m.start() + 1)
            # Initials ("U.S.") and abbreviations ("Sept. 27", "Gen. Muradov") do not end sentences.
            if word and (
                (len(word.group(1)) == 1 and word.group(1).isalpha())
                or word.group(1).lower() in _ABBREVIATIONS
            ):
                continue
        starts.append(m.end())
    return starts


@dataclass(slots=True)
class Ctx:
    text: str
    published: datetime.date | None
    starts: list[int]
    prev: DateMention | None = None
    prev_explicit_year: bool = False
    # The day the text's lead first tells of, in the week up to publication ("agreed on
    # Wednesday" in a Friday report): the day its undated statements were made (statement_day).
    lead: datetime.date | None = None

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def tense(self, start: int, end: int) -> int:
        s_start, s_end = self.sentence(start)
        lo, hi = quote_bounds(self.text, s_start, s_end, start)
        lean = clause_lean(self.text, start, end, lo, hi)
        prev, pub = self.prev, self.published
        if (
            lean == NONE
            and prev is not None
            and pub is not None
            and prev.start >= s_start
            and Rule(prev.rule) in _DIRECTED
            and prev.first > pub
        ):
            # "flights from March 30, and a third from August 6": the dates of one sentence
            # share its time, so a date with no cue of its own follows a coming one before it.
            return FUTURE
        return lean

    def choose(self, cands: list[datetime.date], start: int, end: int) -> datetime.date | None:
        """The one of cands (ascending days around publication) the clause of start..end means.

        Past (the news default) is the latest on or before publication, with a day of slack for
        datelines in other time zones; future the first on or after it; the future of a past
        moment forward from the day stated before it, else the nearer; no cue at all the past
        unless the coming date is three times nearer.
        """
        pub = self.published
        if pub is None or not cands:
            return None
        tense = self.tense(start, end)
        past = [c for c in cands if c <= pub + datetime.timedelta(days=1)]
        future = [c for c in cands if c >= pub]
        if tense == LATER:
            spoken = self.speech_time(start)
            if spoken is not None:
                return next((c for c in cands if c >= spoken), None)
            if future and (not past or (future[0] - pub) < (pub - past[-1])):
                return future[0]
            return past[-1] if past else future[0]
        if tense > 0 and future:
            return future[0]
        if tense == NONE and future and (not past or 3 * (future[0] - pub) < (pub - past[-1])):
            return future[0]
        return past[-1] if past else None

    def quoted(self, pos: int) -> bool:
        """Whether pos lies inside quotation marks in its sentence."""
        s_start = self.sentence(pos)[0]
        return open_quote(self.text, max(s_start, pos - 400), pos) != -1

    def opens_sentence(self, pos: int) -> bool:
        """Whether only quotation marks, brackets or dashes stand between pos and its sentence's start."""
        start = self.sentence(pos)[0]
        return pos - start < 8 and not self.text[start:pos].strip(" \t\n\"'“‘`([—–-")

    def speech_time(self, pos: int) -> datetime.date | None:
        """The day stated earlier in the sentence of pos, the time a "would" looks forward from.

        "said on Friday it would meet on Monday": Friday. Only a day at or before publication that
        moves with it day for day (or not at all) counts, so the mention after it does too.
        """
        prev = self.prev
        if (
            prev is None
            or prev.last is not None
            or prev.precision is not Precision.DAY
            or prev.start < self.sentence(pos)[0]
            or (self.published is not None and prev.first > self.published)
            or (prev.relative and not Rule(prev.rule).shifts_by_day)
        ):
            return None
        return prev.first

    def statement_day(self, pos: int) -> datetime.date | None:
        """The day a speaker said the quoted words at pos, when it is not publication's: the day
        stated earlier in the sentence ('X said on Monday: "we signed it today"'), else, when
        nothing after the quotation dates it ('"… signed today," he said on Friday'), the day
        of the text's lead. None outside a quotation."""
        s_end = self.sentence(pos)[1]
        # A quotation may run over several sentences of its paragraph, never beyond it.
        paragraph = self.text.rfind("\n", 0, pos) + 1
        lo = max(paragraph, pos - _QUOTE_REACH)
        opening = open_quote(self.text, lo, pos)
        if opening == -1 or (self.text[opening] == '"' and lo != paragraph):
            # Straight quotes open and close alike: counted from the middle of a paragraph, a
            # closing one may look like an opening one.
            return None
        before = self.prev is not None and self.prev.end <= opening
        spoken = self.speech_time(opening) if before else None
        if spoken is not None or self.lead is None:
            return spoken
        closing = _QUOTE_CLOSE.search(self.text, pos, s_end)
        if closing is not None and _DAY_WORD.search(self.text, closing.end(), s_end):
            return None
        return self.lead

    def recent(self, prev: DateMention, pos: int, sentences: int = 2) -> bool:
        """Whether prev lies in the sentence of pos or one of the few sentences before it."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return prev.start >= self.starts[max(0, i - sentences)]


# How far back a quotation may open (a paragraph's few sentences).
_QUOTE_REACH = 600
_QUOTE_CLOSE = re.compile(r"[\"”]|''")
_DAY_WORD = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|tonight)\b", re.I
)
# Rules whose value was read in the direction the text points (past or coming).
_DIRECTED = frozenset(
    {Rule.YEARLESS, Rule.YEARLESS_MONTH, Rule.WEEKDAY_PAST, Rule.WEEKDAY_FUTURE, Rule.RANGE_DAYS}
)

Handler = Callable[[re.Match[str], Ctx], Value | None]


@dataclass(frozen=True, slots=True)
class Recognizer:
    """A candidate pattern, the resolver of its matches, and the words that make it worth trying."""

    pattern: re.Pattern[str]
    handler: Handler
    # Words whose occurrence makes the pattern worth trying; "#year" is a run of four digits,
    # "#day" one of one or two (as heads, "#digit" is any run of digits). Month
    # anchors are three-letter prefixes so "Sept." and "September" share one.
    anchors: tuple[str, ...]
    # Words up to a few words before an anchor where a match may also begin ("late" in
    # "late last week", "Wednesday" in "Wednesday, May 12").
    heads: frozenset[str] = frozenset()
