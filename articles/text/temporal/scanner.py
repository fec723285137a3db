"""Find the candidate date expressions of a text and settle them into mentions in reading order.

Regexes are not run over the whole text: the scanner looks for anchor words (month prefixes,
weekdays, digits, "ago", "weekend" …) with str.find on a lower-cased copy, and tries each
recogniser only where one of its anchors (or a head word a few words before it) occurs. Overlapping
candidates are settled by taking the earliest, then the longest, so "Wednesday, May 12, 2021" is one
mention rather than three; a candidate whose resolver rejects it frees its span for the next-best.
"""

from __future__ import annotations

import datetime
import re

from . import anaphora, days, holidays, months, relative, years
from .context import Ctx, Handler, Recognizer, sentence_starts
from .mention import DateMention, Precision
from .rules import Rule
from .vocabulary import MONTH_ANCHORS

# Order only breaks ties between candidates with the same span.
_RECOGNIZERS: tuple[Recognizer, ...] = (
    days.ISO,
    days.MONTH_DAY_YEAR,
    days.DAY_MONTH_YEAR,
    months.MONTH_YEAR,
    months.IN_RELATIVE_YEAR,
    years.YEAR_RANGE,
    years.YEAR_RANGE_WORDS,
    years.DECADE,
    relative.SEASON,
    years.YEAR_ALONE,
    years.SPELLED,
    months.MONTH_ALONE,
    holidays.HOLIDAY,
    relative.WEEKDAY_ALONE,
    relative.DAY_OFFSET,
    relative.RELATIVE_DAY,
    relative.RELATIVE_PERIOD,
    relative.WEEK_SPAN,
    relative.OVERNIGHT,
    relative.WEEKEND,
    relative.AGO,
    relative.FROM_NOW,
    relative.THE_YEAR,
    anaphora.SAME_DAY,
    anaphora.DAY_APPOSITION,
    anaphora.NEXT_DAY,
    anaphora.PREVIOUS_DAY,
    anaphora.DAYS_LATER,
    anaphora.UNITS_LATER,
    anaphora.WEEKDAY_ANA,
    anaphora.YEAR_EARLIER,
    anaphora.THAT_YEAR,
    anaphora.THAT_MONTH,
    anaphora.THEN,
    anaphora.OFFSET_EVENT,
    days.AND_DAY,
    relative.TIME_OF_DAY,
)
# Plurals share their singular's anchor ("days" is found as "day" + "s"): one scan of the text
# fewer for each.
_PLURAL_ANCHORS = frozenset({"day", "week", "month", "year", "decade"})
_BY_ANCHOR: dict[str, list[tuple[int, Recognizer]]] = {}
for _order, _recognizer in enumerate(_RECOGNIZERS):
    for _anchor in _recognizer.anchors:
        if _anchor.endswith("s") and _anchor[:-1] in _PLURAL_ANCHORS:
            _anchor = _anchor[:-1]
        if (_order, _recognizer) not in _BY_ANCHOR.get(_anchor, []):
            _BY_ANCHOR.setdefault(_anchor, []).append((_order, _recognizer))
_PREFIX_ANCHORS = frozenset(MONTH_ANCHORS)
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+")
_LAST_NUMBER = re.compile(r"(\d+)\D*$")
# Rules whose mention states its own year: a year-less date later in the sentence may take it.
_EXPLICIT_YEAR_RULES = {Rule.ABSOLUTE, Rule.MONTH_YEAR, Rule.RANGE_MONTHS, Rule.RANGE_DAYS}

_Candidate = tuple[int, int, int, re.Match[str], Handler]
# The lead: the sentences of a report that tell its news, and so the day of its statements: its
# first two, and the headline a body often opens with.
LEAD_SENTENCES = 3
LEAD_DAYS = 7


def _tells_recent_day(mention: DateMention, published: datetime.date | None) -> bool:
    """Whether the mention is one day of the week up to publication: a report's news day."""
    return (
        published is not None
        and mention.precision is Precision.DAY
        and mention.last is None
        and 0 <= (published - mention.first).days <= LEAD_DAYS
    )


def _anchor_hits(lowered: str) -> list[tuple[int, int, str]]:
    """Occurrences (start, end, anchor) of the words that can take part in a date expression.

    str.find over a lower-cased copy is far cheaper than running every rule's regex over the whole
    text: Python's re tries an alternation of words at each position.
    """
    size_all = len(lowered)
    # Runs of four digits may be years, of one or two days or hours; others are neither.
    hits = [
        (m.start(), m.end(), "#year" if len(m.group()) == 4 else "#day")
        for m in _DIGITS.finditer(lowered)
        if len(m.group()) in (1, 2, 4)
    ]
    for anchor in _BY_ANCHOR:
        if anchor[0] == "#":
            continue
        size = len(anchor)
        whole_word = anchor not in _PREFIX_ANCHORS
        plural = anchor in _PLURAL_ANCHORS
        i = lowered.find(anchor)
        while i != -1:
            end = i + size
            if plural and end < size_all and lowered[end] == "s":
                end += 1
            if (i == 0 or not lowered[i - 1].isalpha()) and (
                not whole_word or end == size_all or not lowered[end].isalpha()
            ):
                hits.append((i, end, anchor))
            i = lowered.find(anchor, end)
    return hits


def _words_before(lowered: str, pos: int) -> tuple[list[str], str, int]:
    """The last few lower-cased words before pos (digit runs read "#digit"), with their window."""
    lo = max(0, pos - 36)
    window = lowered[lo:pos]
    words = _WORD.findall(window)[-6:]
    return ["#digit" if w[0].isdigit() else w for w in words], window, lo


def _head_starts(before: tuple[list[str], str, int], heads: frozenset[str]) -> list[int]:
    words, window, lo = before
    if heads.isdisjoint(words):
        return []
    starts = []
    end = len(window)
    # Right to left, each word is the rightmost occurrence of itself before the previous one.
    for word in reversed(words):
        if word == "#digit":
            m = _LAST_NUMBER.search(window, 0, end)
            if m is None:
                break
            end = m.start(1)
        else:
            end = window.rfind(word, 0, end)
        if word in heads:
            starts.append(lo + end)
    return starts


def _candidates(text: str) -> list[_Candidate]:
    found: dict[tuple[int, int, int], tuple[re.Match[str], Handler]] = {}
    # Offsets found in the lowered copy are used on the text, so it must keep their places:
    # "İ" (as in İlham) lowers to two characters, so such a character is left as it is.
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(low := c.lower()) != 1 else low for c in text)
    for a_start, a_end, anchor in _anchor_hits(lowered):
        before = None
        for order, recognizer in _BY_ANCHOR[anchor]:
            starts = [a_start]
            if recognizer.heads:
                if before is None:
                    before = _words_before(lowered, a_start)
                starts += _head_starts(before, recognizer.heads)
            for pos in starts:
                m = recognizer.pattern.match(text, pos)
                if m is None:
                    continue
                start, end = m.span("m")
                if end < a_end:
                    continue
                key = (start, end, order)
                # The same span reached from an earlier start carries more context: keep that.
                if key not in found or m.start() < found[key][0].start():
                    found[key] = (m, recognizer.handler)
    return [(s, -e, order, m, h) for (s, e, order), (m, h) in found.items()]


def find_dates(text: str, published: datetime.date | None) -> list[DateMention]:
    """All date mentions in reading order.

    Processes the whole text in order so anaphora ("later that day", "the same day", "the next
    day", "later on Friday") can refer back to the previous resolved mention. With published=None,
    only expressions that carry their own year (and anaphora of them) are returned.
    """
    candidates = _candidates(text)
    # Earliest first, then longest; a candidate whose handler rejects it frees its span for the
    # next-best candidate.
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    ctx = Ctx(text=text, published=published, starts=sentence_starts(text))
    mentions: list[DateMention] = []
    taken_until = 0
    lead_end = ctx.starts[LEAD_SENTENCES] if len(ctx.starts) > LEAD_SENTENCES else len(text)
    for start, neg_end, _order, m, handler in candidates:
        if start < taken_until:
            continue
        value = handler(m, ctx)
        if value is None:
            continue
        first, last, precision, rule, confidence, relative_, *ends = value
        if published is None and relative_:
            continue
        end = -neg_end
        mention = DateMention(
            start=start,
            end=end,
            text=text[start:end],
            first=first,
            last=last,
            precision=precision,
            rule=rule,
            confidence=confidence,
            relative=relative_,
            endpoints=ends[0] if ends else None,
        )
        mentions.append(mention)
        if ctx.lead is None and start < lead_end and _tells_recent_day(mention, published):
            ctx.lead = first
        ctx.prev = mention
        ctx.prev_explicit_year = rule in _EXPLICIT_YEAR_RULES and not relative_
        taken_until = end
    return mentions
