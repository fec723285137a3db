"""Find date expressions in English news text and resolve them against a publication date.

The chronology needs every dated happening an article states, so this module turns phrases such
as "September 27, 2020", "in February 1988", "on Wednesday", "over the weekend", "last autumn" or
"later that day" into calendar values with an honest precision: nothing is invented below what the
text says ("February 1988" is the month 1988-02, never a day).

Candidates are found with regexes compiled at import time and resolved with plain calendar
arithmetic; dateparser is deliberately not used (its search is slow and reads "we" as Wednesday,
"may" as May and a same-day weekday as last week's). Overlapping candidates are settled by taking the
earliest, then the longest, so "Wednesday, May 12, 2021" is one mention rather than three.

Resolution rules (``DateMention.rule``):

- ``absolute``: a day with its own year ("September 27, 2020", "27 Sept. 2020", "2020-09-27").
- ``month-year`` / ``year``: "February 1988", "in 2020"; bare four-digit numbers count as years only
  after a preposition or article ("in 2020", "the 2020 war"), in brackets, or as "mid-2020", so
  counts ("2,000 troops") and identifiers ("ISO-2020", "2020/21/EU") are left alone.
- ``range-years`` / ``range-months`` / ``range-days``: "1992-1994", "May-June 2021", "May 12-14",
  "from May 12 to May 14"; "the 1990s" is 1990/1999.
- ``yearless`` / ``yearless-month``: "on May 12", "in September" take the year of an explicitly
  dated mention earlier in the same sentence when that is within half a year, else the year that
  fits the tense: past (the news default) gives the latest date on or before publication (one day of
  slack for datelines in other time zones), future the first on or after it, and with no tense cue
  at all a date up to a week ahead is taken as upcoming.
- ``weekday-past`` / ``weekday-future``: the latest such weekday on or before publication (the same
  weekday is the publication day itself), or the first on or after it when the words around it look
  forward ("will continue on Wednesday", "is scheduled for", "expected to"); "next Friday" is
  strictly after, "last Friday" strictly before.
- ``relative-day`` ("today", "yesterday", "tomorrow", "last night"), ``relative-year`` ("last year",
  "this year"), ``relative-month`` ("last month", "earlier this month"), ``relative-week`` (a
  day-precision range: "last week" is Monday..Sunday of the previous week, "early last week"
  Monday..Wednesday and "late last week" Thursday..Sunday, because wire copy uses "late last week" for
  Thursday and Friday events reported over the weekend), ``weekend`` (the Saturday..Sunday the
  tense points to), ``season`` (a month-precision range: spring Mar-May, summer Jun-Aug,
  autumn/fall Sep-Nov, winter Dec-Feb, "winter 2020" being the one that starts in December 2020;
  "last autumn" is the latest autumn that ended before the publication month), ``ago`` ("two days
  ago", "a year ago"; weeks are skipped because they have no honest precision).
- ``anaphora-same-day`` / ``anaphora-next-day`` / ``anaphora-previous-day`` / ``anaphora-days-later``
  / ``anaphora-year`` / ``anaphora-month``: "later that day", "the next day", "two days later",
  "that year", resolved from the previous resolved mention (skipped if there is none, or if it is
  too coarse: "that day" after "in 2020" is dropped). "Later on Friday" is a plain weekday.
- ``anaphora-then``: "Moscow then deployed …" takes the year or month stated within the last two
  sentences (never a day: "then" after a day usually means "after that"); "since/until/by then"
  and "and then" are not anaphora.
- ``offset-event``: "six months after a ceasefire stopped the war" dates the happening after
  "after" N days/months/years before the date of its own sentence (at day/month/year precision);
  "N years before the accord" the other way. Weeks are skipped.

Confidence: explicit full dates 0.95, month-year and preposition years 0.9, ranges of explicit
years 0.9, yearless dates and past weekdays 0.85, today/yesterday 0.9, relative years 0.85,
relative months 0.8, anaphora 0.8, future weekdays 0.75, "N ago" 0.75, bare years 0.7, weeks,
weekends, seasons and "then" 0.7, offsets 0.6. ``relative`` is True whenever the value depended on the publication date,
including anaphora whose antecedent did, so an editor's correction can re-resolve them.

With ``published=None`` only expressions carrying their own year, and anaphora of them, are
returned.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["DateMention", "Precision", "find_dates", "sentence_tense_forward"]


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def _fmt(d: datetime.date, precision: Precision) -> str:
    if precision is Precision.DAY:
        return d.isoformat()
    if precision is Precision.MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    first: datetime.date
    last: datetime.date | None
    precision: Precision
    rule: str
    confidence: float
    relative: bool

    @property
    def value(self) -> str:
        if self.last is None:
            return _fmt(self.first, self.precision)
        return f"{_fmt(self.first, self.precision)}/{_fmt(self.last, self.precision)}"


# --------------------------------------------------------------------------- vocabulary

_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_FULL_MONTHS = list(_MONTH_NUMBERS)[:12]
_ABBR_MONTHS = list(_MONTH_NUMBERS)[12:]


def _cased(words: list[str]) -> str:
    # Month and weekday names count only capitalised (or in capitals, as in datelines): lower-case
    # "may" is the modal verb and "march" the noun.
    alts = sorted(
        {w.capitalize() for w in words} | {w.upper() for w in words}, key=len, reverse=True
    )
    return "(?:" + "|".join(alts) + ")"


# Abbreviations need a following dot or a digit, or "Mar"/"Dec" would catch names.
_MONTH = rf"(?:{_cased(_FULL_MONTHS)}|{_cased(_ABBR_MONTHS)}\.?)(?![A-Za-z])"
_MONTH_FULL = rf"{_cased(_FULL_MONTHS)}(?![A-Za-z])"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = rf"{_cased(_WEEKDAYS)}(?![\w-])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.,:]\d|\s*%)"
# A year is a plausible calendar year that is not part of a number, an identifier or a decade.
_YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)"
_NOT_NUMBER_TAIL = r"(?![\w%/–—-]|[.,]\d)"
_YEAR = _YEAR_DIGITS + _NOT_NUMBER_TAIL
_DASH = r"\s*[-–—]\s*"
_RANGE_WORD = r"\s+(?:to|through|until|till)\s+"
_SEP = rf"(?:{_DASH}|{_RANGE_WORD})"
_COUNT_NOUNS = (
    r"troops|soldiers|servicemen|people|persons|civilians|men|women|children|residents|refugees|"
    r"fighters|casualties|deaths|km|kilometers|kilometres|miles|meters|metres|dollars|euros|"
    r"manats|drams|rubles|roubles|tons|tonnes|units|vehicles|tanks|houses|homes|times|votes|"
    r"hectares|square"
)
_NOT_COUNT = rf"(?!\s+(?:{_COUNT_NOUNS})\b)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUM = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"

_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# --------------------------------------------------------------------------- candidate patterns

_P_ISO = re.compile(
    r"(?<![\w/.-])(?P<m>(?P<y>1[5-9]\d\d|20\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d))(?![\w/-]|\.\d)"
)
# "Wednesday, September 27, 2020", "Sept. 27 2020", "January, 11, 2021", "May 12-14, 2021",
# "November 10 (November 9 Moscow time), 2020", and year-less "May 12" / "May 12 to May 14".
_P_MDY = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH}),?\s+(?P<d>{_DAY})"
    rf"(?:{_SEP}(?:(?P<mon2>{_MONTH})\s+)?(?P<d2>{_DAY}))?"
    rf"(?:(?:\s*\([^()\n]{{1,60}}\))?,?\s+(?P<y>{_YEAR}))?)"
)
# "27 September 2020", "the 27th of September", "12-14 May 2021", "Wednesday, 12 May".
_P_DMY = re.compile(
    rf"(?<![\w,.$€£-])(?P<m>(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<d>{_DAY})"
    rf"(?:{_SEP}(?P<d2>{_DAY}))?(?:\s+of)?\s+(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?)"
)
# "February 1988", "mid-May 2021", "May-June 2021", "September of 2022".
_P_MY = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?i:early|mid|late)[\s-]+)?(?P<mon>{_MONTH})"
    rf"(?:{_SEP}(?P<mon2>{_MONTH}))?,?\s+(?:of\s+)?(?P<y>{_YEAR}))"
)
# A month with neither day nor year is only a month after a preposition or a modifier: that is
# what separates "in May" from Theresa May and the modal verb.
_P_MONTH = re.compile(
    rf"(?P<m>(?:(?P<rel>(?i:last|this|next))\s+)?(?P<mod>(?i:early|mid|late)[\s-]+)?"
    rf"(?P<mon>{_MONTH_FULL}))(?!\s*\d)(?![\w-])"
)
_P_YEAR_RANGE = re.compile(
    rf"(?<![\w/.$€£-])(?P<m>(?P<y>{_YEAR_DIGITS})(?:{_DASH}|/)(?P<y2>\d{{4}}|\d{{2}}))"
    + _NOT_NUMBER_TAIL
)
_P_YEAR_RANGE_WORDS = re.compile(
    rf"(?P<m>(?P<y>{_YEAR})\s+(?i:to|and|until|till|through)\s+(?P<y2>{_YEAR}))"
)
_P_DECADE = re.compile(r"(?<![\w-])(?P<m>(?:(?i:early|mid|late)[\s-]+)?(?P<y>1[5-9]\d0|20\d0)s)\b")
_P_YEAR = re.compile(
    rf"(?<![\w/.$€£#-])(?P<m>(?:(?P<mod>(?i:early|late|mid))[\s-]+)?(?P<y>{_YEAR}))(?P<post>\))?"
    + _NOT_COUNT
)
_P_WEEKDAY = re.compile(
    rf"(?P<m>(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?(?P<wd>{_WEEKDAY})"
    rf"(?:\s+(?P<tod>morning|afternoon|evening|night))?)(?![\w-])"
)
_P_RELDAY = re.compile(
    r"(?<![\w-])(?P<m>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
    r"(?:earlier|later)\s+today|today|tonight|yesterday|tomorrow|last\s+night|"
    r"this\s+(?:morning|afternoon|evening)))(?![\w-])"
)
_P_RELPERIOD = re.compile(
    r"(?<![\w-])(?P<m>(?:(?P<mod>(?i:early|late|earlier|later|mid))[\s-]+)?"
    r"(?P<rel>(?i:last|this|next))\s+(?P<unit>(?i:year|month|week)))(?![\w-]|'s\s+\w+\s+ago)"
)
_P_WEEKEND = re.compile(
    r"(?<![\w-])(?P<m>(?i:over|at|during|on|this|last|next|the|past)\s+(?:(?i:the|this|last|past)\s+)?"
    r"(?i:weekend))(?![\w-])"
)
_P_SEASON = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?P<rel>(?i:last|this|next))\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?"
    rf"(?P<s>(?i:spring|summer|autumn|fall|winter))(?:\s+of)?(?:\s+(?P<y>{_YEAR}))?)(?![\w-])"
)
_P_AGO = re.compile(
    rf"(?<![\w-])(?P<m>(?P<n>(?i:{_NUM}))\s+(?P<unit>(?i:days?|months?|years?))\s+(?i:ago))(?![\w-])"
)
_P_SAME_DAY = re.compile(
    r"(?<![\w-])(?P<m>(?i:(?:(?:later|earlier)\s+(?:in\s+the\s+(?:morning|afternoon|evening|day|night)\s+)?"
    r"(?:on\s+)?)?(?:that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)|the\s+same\s+day)))"
    r"(?![\w-])"
)
_P_NEXT_DAY = re.compile(
    r"(?<![\w-])(?P<m>(?i:the\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night)|"
    r"the\s+day\s+after|(?:a|one)\s+day\s+later))(?![\w-])"
)
_P_PREV_DAY = re.compile(
    r"(?<![\w-])(?P<m>(?i:the\s+(?:previous|preceding)\s+(?:day|evening|night)|"
    r"the\s+day\s+before|(?:a|one)\s+day\s+(?:earlier|before)))(?![\w-])"
)
_P_DAYS_LATER = re.compile(
    rf"(?<![\w-])(?P<m>(?P<n>(?i:{_NUM}))\s+(?i:days)\s+(?P<dir>(?i:later|earlier|before|after)))"
    r"(?![\w-])(?!\s+(?i:the|a|an|his|her|its|their)\b)"
)
_P_YEAR_ANA = re.compile(
    r"(?<![\w-])(?P<m>(?i:(?:(?:later|earlier)\s+(?:in\s+)?)?(?:that|the\s+same)\s+year|"
    r"the\s+(?P<next>following|next)\s+year|the\s+(?P<prev>previous|preceding)\s+year))(?![\w-])"
)
# "Moscow then deployed …": "then" pointing back at the time just stated. Not "since/until/by
# then" (periods), "and then"/"but then" (sequence, not the same time), "then-President" or "if … then".
_P_THEN = re.compile(r"(?<![\w-])(?P<m>(?i:then))(?=\s+[a-z]{3,})")
_THEN_BLOCKERS = frozenset(
    {
        "since",
        "until",
        "till",
        "by",
        "from",
        "back",
        "and",
        "but",
        "or",
        "just",
        "only",
        "even",
        "if",
    }
)
# "six months after a ceasefire stopped the war": the happening after "after" lies N units
# before the time of its clause (and "N years before the war" after it). Weeks are skipped: no
# honest precision. The article/possessive lookahead tells it from "two days after" (anaphora).
_P_OFFSET_EVENT = re.compile(
    rf"(?<![\w-])(?P<m>(?P<n>(?i:{_NUM}))\s+(?P<unit>(?i:days|months|years))\s+(?P<dir>(?i:after|before)))"
    r"(?=\s+(?i:the|a|an|his|her|its|their)\b)"
)
_P_MONTH_ANA = re.compile(
    r"(?<![\w-])(?P<m>(?i:(?:(?:later|earlier)\s+(?:in\s+)?)?(?:that|the\s+same)\s+month|"
    r"the\s+(?P<next>following|next)\s+month))(?![\w-])"
)

# --------------------------------------------------------------------------- tense

# Tense cues are looked up word by word (str.split and set membership): a regex alternation of
# verbs costs more than the rest of the module together.
_FUTURE_WORDS = frozenset(
    {"will", "won't", "won’t", "shall", "scheduled", "slated", "upcoming", "next", "planned"}
)
# Words that look forward only when "to" follows ("expected to", "due to hold").
_FUTURE_BEFORE_TO = frozenset(
    {"going", "expected", "expect", "expects", "due", "set", "plan", "plans", "planning",
     "intend", "intends", "intended", "aims", "aim", "hopes", "agreed"}
)  # fmt: skip
_PAST_WORDS = frozenset(
    [
        "said",
        "told",
        "was",
        "were",
        "had",
        "did",
        "began",
        "held",
        "met",
        "took",
        "came",
        "went",
        "made",
        "spoke",
        "wrote",
        "broke",
        "fought",
        "led",
        "left",
        "sent",
        "struck",
        "won",
        "lost",
        "gave",
        "found",
        "became",
        "brought",
        "saw",
        "rose",
        "fell",
        "shot",
        "hit",
        "fled",
        "flew",
        "drove",
        "ran",
        "stood",
        "bought",
        "sought",
        "thought",
        "knew",
        "felt",
        "kept",
        "meant",
        "paid",
        "read",
        "shut",
        "spent",
        "taught",
        "understood",
        "withdrew",
        "forbade",
        "swore",
        "tore",
        "woke",
        "since",
        "ago",
        "earlier",
        "previously",
        "already",
        "has",
        "have",
    ]
)
_NOT_PAST_ED = frozenset(
    {"need", "indeed", "proceed", "exceed", "succeed", "speed", "seed", "feed", "hundred", "bed",
     "red", "shed", "breed", "embed", "greed"}
)  # fmt: skip
_STRIP = ".,;:!?\"“”‘’'()[]—–-"


def _cue(word: str, following: str) -> int:
    """+1 for a forward-looking word, -1 for a past-tense one, 0 otherwise (both stripped)."""
    low = word.lower()
    if low in _FUTURE_WORDS or low.endswith(("'ll", "’ll")):
        return 1
    if following == "to" and low in _FUTURE_BEFORE_TO:
        return 1
    if low == "to" and following == "be":
        return 1  # "talks are to be held", "has yet to be scheduled"
    if low in _PAST_WORDS:
        return -1
    # Capitalised -ed words are names ("United"), not verbs.
    if len(low) > 3 and low.endswith("ed") and word[0].islower() and low not in _NOT_PAST_ED:
        return -1
    return 0


def _tense_between(left: str, right: str) -> int:
    """Tense of a mention from the words before it (left) and after it (right) in its clause.

    The nearest cue decides because reported speech mixes tenses: "said on Monday that talks will
    resume" is past for Monday, "said talks will resume on Wednesday" is future for Wednesday; a
    tie goes to the past, the default of news copy.
    """
    # Only the few words nearest the mention are ever looked at, so strip them lazily.
    before = left.split()
    after = right.split()
    n_before, n_after = len(before), len(after)
    for d in range(max(n_before, n_after)):
        b = 0
        if d < n_before:
            following = before[-d].strip(_STRIP).lower() if d else ""
            b = _cue(before[-1 - d].strip(_STRIP), following)
            if b < 0:
                return -1
        a = 0
        if d < n_after:
            following = after[d + 1].strip(_STRIP).lower() if d + 1 < n_after else ""
            a = _cue(after[d].strip(_STRIP), following)
        if a or b:
            return a or b
    return 0


def sentence_tense_forward(sentence: str) -> bool:
    """True when a sentence as a whole reads as forward-looking ("talks will resume")."""
    return _tense_between(sentence, "") > 0


def _quote_bounds(text: str, s_start: int, s_end: int, pos: int) -> tuple[int, int]:
    """The quotation around pos within its sentence, or the sentence itself.

    Inside a quote the speaker's own verbs set the tense: in '"Talks will continue on Wednesday,"
    he said' the reporting "said" must not make Wednesday past.
    """
    opening = text.rfind("“", s_start, pos)
    if opening != -1 and text.rfind("”", s_start, pos) < opening:
        closing = text.find("”", pos, s_end)
        return opening, closing if closing != -1 else s_end
    if text.count('"', s_start, pos) % 2:
        opening = text.rfind('"', s_start, pos)
        closing = text.find('"', pos, s_end)
        return opening, closing if closing != -1 else s_end
    return s_start, s_end


# Sentence ends: terminal punctuation (optionally closing quotes/brackets) and a capital next, or
# a line break. Initials and short abbreviations ("U.S.", "Sept.", "Mr.") are not ends.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9]))")
_WORD_BEFORE_DOT = re.compile(r"(\w+)\.$")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "no", "gen", "col", "sgt", "lt", "maj", "capt", "gov", "rep",
    "sen", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "prof", "jr", "sr", "inc", "corp", "co", "ltd", "approx",
}  # fmt: skip


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.group()[0] == ".":
            word = _WORD_BEFORE_DOT.search(text, max(0, m.start() - 12), m.start() + 1)
            # Initials ("U.S.") and abbreviations ("Sept. 27", "Gen. Muradov") do not end sentences.
            if word and (len(word.group(1)) == 1 or word.group(1).lower() in _ABBREVIATIONS):
                continue
        starts.append(m.end())
    return starts


# --------------------------------------------------------------------------- calendar helpers


def _safe_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _add_months(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _month_of(name: str) -> int:
    return _MONTH_NUMBERS[name.rstrip(".").lower()]


def _number(word: str) -> int:
    word = word.lower()
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


# --------------------------------------------------------------------------- resolution context


@dataclass(slots=True)
class _Ctx:
    text: str
    published: datetime.date | None
    starts: list[int]
    prev: DateMention | None = None
    prev_explicit_year: bool = False

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def tense(self, start: int, end: int) -> int:
        s_start, s_end = self.sentence(start)
        lo, hi = _quote_bounds(self.text, s_start, s_end, start)
        return _tense_between(self.text[lo:start], self.text[end:hi])


# A resolved value before it becomes a mention: first, last, precision, rule, confidence, relative.
_Value = tuple[datetime.date, datetime.date | None, Precision, str, float, bool]
_Handler = Callable[[re.Match[str], _Ctx], _Value | None]


def _pick_year(
    month: int, day: int, ctx: _Ctx, start: int, end: int, weekday: int | None
) -> tuple[int, bool] | None:
    """Year for a year-less day: (year, depends-on-publication) or None if it cannot be had."""
    prev = ctx.prev
    if prev is not None and ctx.prev_explicit_year and prev.start >= ctx.sentence(start)[0]:
        # "On November 9, 2020, ... starting from November 10": the sentence already set the year.
        anchor = prev.last or prev.first
        cand = _safe_date(anchor.year, month, day)
        if cand is not None and abs((cand - anchor).days) <= 183:
            return anchor.year, False
    pub = ctx.published
    if pub is None:
        return None
    cands = [c for y in (pub.year - 1, pub.year, pub.year + 1) if (c := _safe_date(y, month, day))]
    if weekday is not None:
        # "Wednesday, May 12": the weekday pins the year when one candidate agrees with it.
        agreeing = [c for c in cands if c.weekday() == weekday]
        if len(agreeing) == 1:
            return agreeing[0].year, True
    tense = ctx.tense(start, end)
    past = [c for c in cands if c <= pub + datetime.timedelta(days=1)]
    future = [c for c in cands if c >= pub]
    if tense > 0 and future:
        return future[0].year, True
    if tense == 0 and future and (future[0] - pub).days <= 7:
        return future[0].year, True
    if past:
        return past[-1].year, True
    return None


def _pick_month_year(month: int, ctx: _Ctx, start: int, end: int, rel: str | None) -> int | None:
    pub = ctx.published
    prev = ctx.prev
    if (
        rel is None
        and prev is not None
        and ctx.prev_explicit_year
        and prev.start >= ctx.sentence(start)[0]
        and prev.precision is not Precision.YEAR
    ):
        anchor = prev.last or prev.first
        if abs((datetime.date(anchor.year, month, 1) - anchor.replace(day=1)).days) <= 183:
            return anchor.year
    if pub is None:
        return None
    if rel == "last":
        return pub.year if month < pub.month else pub.year - 1
    if rel == "next":
        return pub.year if month > pub.month else pub.year + 1
    if rel == "this":
        return pub.year
    if ctx.tense(start, end) > 0:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


# --------------------------------------------------------------------------- handlers

_WORD_BEFORE = re.compile(r"(?:([A-Za-z]+)[\s-]+|(\())$")
_MONTH_PREPOSITIONS = {
    "in", "on", "since", "from", "until", "till", "by", "during", "through", "throughout",
    "before", "after", "of", "for", "between", "and", "to",
}  # fmt: skip
_YEAR_PREPOSITIONS = {
    "in", "since", "from", "until", "till", "by", "during", "throughout", "before", "after",
    "of", "around", "circa", "for", "the", "its", "end", "summer", "autumn", "fall", "spring",
    "winter", "(",
}  # fmt: skip


def _word_before(text: str, pos: int) -> str:
    """The lower-cased word (or opening bracket) right before pos, "" if none."""
    m = _WORD_BEFORE.search(text, max(0, pos - 24), pos)
    if m is None:
        return ""
    return (m.group(1) or m.group(2)).lower()


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (d, None, Precision.DAY, "absolute", 0.95, False) if d else None


def _weekday_index(name: str | None) -> int | None:
    return _WEEKDAYS.index(name.lower()) if name else None


def _h_day_month(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    month = _month_of(m["mon"])
    month2 = _month_of(m["mon2"]) if m.groupdict().get("mon2") else month
    day = _day(m["d"])
    day2 = _day(m["d2"]) if m["d2"] else None
    if m["y"]:
        year, relative, rule, conf = int(m["y"]), False, "absolute", 0.95
    else:
        picked = _pick_year(month, day, ctx, *m.span("m"), _weekday_index(m["wd"]))
        if picked is None:
            return None
        year, relative = picked
        rule, conf = "yearless", 0.85
    first = _safe_date(year, month, day)
    if first is None:
        return None
    if day2 is None:
        return first, None, Precision.DAY, rule, conf, relative
    last = _safe_date(year + (month2 < month), month2, day2)
    if last is None or last <= first or (last - first).days > 62:
        # Not a range after all ("May 12 to 3"): keep the first day alone.
        return first, None, Precision.DAY, rule, conf, relative
    return first, last, Precision.DAY, "range-days", conf, relative


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    year = int(m["y"])
    month = _month_of(m["mon"])
    first = datetime.date(year, month, 1)
    if m["mon2"]:
        month2 = _month_of(m["mon2"])
        if month2 != month:
            # "December-January 2021" runs across the new year, ending in the named one.
            if month2 < month:
                first = datetime.date(year - 1, month, 1)
            return (
                first,
                datetime.date(year, month2, 1),
                Precision.MONTH,
                "range-months",
                0.9,
                False,
            )
    return first, None, Precision.MONTH, "month-year", 0.9, False


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    rel = m["rel"].lower() if m["rel"] else None
    if not (rel or m["mod"] or _word_before(ctx.text, m.start("m")) in _MONTH_PREPOSITIONS):
        return None
    month = _month_of(m["mon"])
    year = _pick_month_year(month, ctx, *m.span("m"), rel)
    if year is None:
        return None
    return datetime.date(year, month, 1), None, Precision.MONTH, "yearless-month", 0.8, True


def _h_year_range_words(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    if _word_before(ctx.text, m.start("m")) not in {"from", "between"}:
        return None
    return _h_year_range(m, ctx)


def _h_year_range(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    y1 = int(m["y"])
    y2s = m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if not y1 < y2 <= y1 + 100:
        return None
    first, last = datetime.date(y1, 1, 1), datetime.date(y2, 1, 1)
    return first, last, Precision.YEAR, "range-years", 0.9, False


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    if _word_before(ctx.text, m.start("m")) != "the":
        return None
    y = int(m["y"])
    return (
        datetime.date(y, 1, 1),
        datetime.date(y + 9, 1, 1),
        Precision.YEAR,
        "range-years",
        0.7,
        False,
    )


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    pre = "in" if m["mod"] else _word_before(ctx.text, m.start("m"))  # "mid-2020" stands alone
    if pre not in _YEAR_PREPOSITIONS or (pre == "(" and not m["post"]):
        return None
    conf = 0.9 if pre not in {"the", "its", "("} else 0.7
    return datetime.date(int(m["y"]), 1, 1), None, Precision.YEAR, "year", conf, False


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    pub = ctx.published
    if pub is None:
        return None
    target = _WEEKDAYS.index(m["wd"].lower())
    back = (pub.weekday() - target) % 7  # days since the latest such weekday, 0 = publication day
    ahead = (target - pub.weekday()) % 7
    rel = (m["rel"] or "").lower()
    pre = _word_before(ctx.text, m.start("m"))
    if rel in {"next", "coming"}:
        forward = True
        ahead = ahead or 7
    elif rel in {"last", "past"}:
        forward = False
        back = back or 7
    elif pre == "since":
        forward = False
    else:
        forward = ctx.tense(*m.span("m")) > 0
    if forward:
        return (
            pub + datetime.timedelta(days=ahead),
            None,
            Precision.DAY,
            "weekday-future",
            0.75,
            True,
        )
    return pub - datetime.timedelta(days=back), None, Precision.DAY, "weekday-past", 0.85, True


def _h_relday(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    pub = ctx.published
    if pub is None:
        return None
    phrase = " ".join(m["m"].lower().split())
    if m["m"][0] == "T" and phrase in {"today", "tonight"}:
        # Capitalised mid-sentence "Today" is a title ("Armenia Today", "Russia Today").
        start = m.start("m")
        if start != ctx.sentence(start)[0]:
            return None
    offsets = {
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
        "yesterday": -1,
        "last night": -1,
        "tomorrow": 1,
    }
    delta = offsets.get(phrase, 0)
    return pub + datetime.timedelta(days=delta), None, Precision.DAY, "relative-day", 0.9, True


def _monday(d: datetime.date) -> datetime.date:
    return d - datetime.timedelta(days=d.weekday())


def _h_relperiod(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    pub = ctx.published
    if pub is None or _word_before(ctx.text, m.start("m")) == "the":
        # "the last year" / "over the last month" are durations, not dates.
        return None
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    mod = (m["mod"] or "").lower()
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "year":
        return (
            datetime.date(pub.year + step, 1, 1),
            None,
            Precision.YEAR,
            "relative-year",
            0.85,
            True,
        )
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, step)
        return datetime.date(y, mo, 1), None, Precision.MONTH, "relative-month", 0.8, True
    monday = _monday(pub) + datetime.timedelta(weeks=step)
    first, last = monday, monday + datetime.timedelta(days=6)
    if mod == "early":
        last = monday + datetime.timedelta(days=2)
    elif mod == "late":
        first = monday + datetime.timedelta(days=3)
    elif mod == "earlier" and step == 0:
        last = max(monday, pub - datetime.timedelta(days=1))
    elif mod == "later" and step == 0:
        first = min(last, pub + datetime.timedelta(days=1))
    elif mod == "mid":
        first, last = monday + datetime.timedelta(days=2), monday + datetime.timedelta(days=3)
    if first == last:
        return first, None, Precision.DAY, "relative-week", 0.7, True
    return first, last, Precision.DAY, "relative-week", 0.7, True


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    pub = ctx.published
    if pub is None:
        return None
    words = m["m"].lower().split()
    since_sat = (pub.weekday() - 5) % 7  # 0 on Saturday, 1 on Sunday, 2 on Monday...
    if "next" in words:
        saturday = pub + datetime.timedelta(days=(5 - pub.weekday()) % 7 or 7)
    elif "last" in words or "past" in words or ctx.tense(*m.span("m")) <= 0:
        # Latest weekend with at least its Saturday before publication: a Sunday story's past
        # weekend is this one, a Saturday story's is the previous one.
        saturday = pub - datetime.timedelta(days=since_sat if since_sat >= 1 else 7)
    else:
        saturday = pub - datetime.timedelta(days=since_sat) if since_sat <= 1 else None
        if saturday is None:
            saturday = pub + datetime.timedelta(days=(5 - pub.weekday()) % 7)
    sunday = saturday + datetime.timedelta(days=1)
    return saturday, sunday, Precision.DAY, "weekend", 0.7, True


def _season_span(year: int, start_month: int) -> tuple[datetime.date, datetime.date]:
    ey, em = _add_months(year, start_month, 2)
    return datetime.date(year, start_month, 1), datetime.date(ey, em, 1)


def _h_season(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    start_month = _SEASONS[m["s"].lower()]
    if m["y"]:
        first, last = _season_span(int(m["y"]), start_month)
        return first, last, Precision.MONTH, "season", 0.7, False
    if not m["rel"] or ctx.published is None:
        return None
    rel = m["rel"].lower()
    pub_month = datetime.date(ctx.published.year, ctx.published.month, 1)
    spans = [_season_span(y, start_month) for y in range(pub_month.year - 2, pub_month.year + 2)]
    if rel == "last":
        chosen = [s for s in spans if s[1] < pub_month][-1]
    elif rel == "next":
        chosen = next(s for s in spans if s[0] > pub_month)
    else:
        containing = [s for s in spans if s[0] <= pub_month <= s[1]]
        chosen = (
            containing[0] if containing else next(s for s in spans if s[0].year == pub_month.year)
        )
    return chosen[0], chosen[1], Precision.MONTH, "season", 0.7, True


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    pub = ctx.published
    if pub is None:
        return None
    n = _number(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        return pub - datetime.timedelta(days=n), None, Precision.DAY, "ago", 0.75, True
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, -n)
        return datetime.date(y, mo, 1), None, Precision.MONTH, "ago", 0.75, True
    return datetime.date(pub.year - n, 1, 1), None, Precision.YEAR, "ago", 0.75, True


def _day_antecedent(ctx: _Ctx, use_last: bool) -> DateMention | None:
    prev = ctx.prev
    if prev is None or prev.precision is not Precision.DAY:
        return None
    if prev.last is not None and not use_last:
        return None
    return prev


def _shift_day(ctx: _Ctx, days: int, rule: str) -> _Value | None:
    prev = _day_antecedent(ctx, use_last=days != 0)
    if prev is None:
        return None
    base = (prev.last or prev.first) if days > 0 else prev.first
    return base + datetime.timedelta(days=days), None, Precision.DAY, rule, 0.8, prev.relative


def _h_same_day(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    return _shift_day(ctx, 0, "anaphora-same-day")


def _h_next_day(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    return _shift_day(ctx, 1, "anaphora-next-day")


def _h_prev_day(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    return _shift_day(ctx, -1, "anaphora-previous-day")


def _h_days_later(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    n = _number(m["n"])
    sign = 1 if m["dir"].lower() in {"later", "after"} else -1
    return _shift_day(ctx, sign * n, "anaphora-days-later")


def _h_year_ana(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    prev = ctx.prev
    if prev is None:
        return None
    step = 1 if m["next"] else -1 if m["prev"] else 0
    year = (prev.last or prev.first).year if step > 0 else prev.first.year
    return (
        datetime.date(year + step, 1, 1),
        None,
        Precision.YEAR,
        "anaphora-year",
        0.8,
        prev.relative,
    )


def _h_month_ana(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    prev = ctx.prev
    if prev is None or prev.precision is Precision.YEAR:
        return None
    base = prev.last or prev.first if m["next"] else prev.first
    y, mo = _add_months(base.year, base.month, 1 if m["next"] else 0)
    return datetime.date(y, mo, 1), None, Precision.MONTH, "anaphora-month", 0.8, prev.relative


def _recent(ctx: _Ctx, prev: DateMention, pos: int, sentences: int = 2) -> bool:
    """Whether prev lies in the sentence of pos or one of the few sentences before it."""
    i = bisect.bisect_right(ctx.starts, pos) - 1
    return prev.start >= ctx.starts[max(0, i - sentences)]


def _h_then(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    prev = ctx.prev
    start = m.start("m")
    if prev is None or prev.last is not None:
        return None
    # A day is too fine for "then" (it usually means "after that"); years and months carry over.
    if prev.precision is Precision.DAY or not _recent(ctx, prev, start):
        return None
    if _word_before(ctx.text, start).lower() in _THEN_BLOCKERS:
        return None
    return prev.first, None, prev.precision, "anaphora-then", 0.7, prev.relative


def _h_offset_event(m: re.Match[str], ctx: _Ctx) -> _Value | None:
    prev = ctx.prev
    start = m.start("m")
    if prev is None:
        return None
    if prev.start < ctx.sentence(start)[0]:
        return None  # only the time of this sentence's own clause anchors the offset
    n = _number(m["n"])
    sign = -1 if m["dir"].lower() == "after" else 1
    unit = m["unit"].lower()
    base = prev.first
    if unit == "days" and prev.precision is Precision.DAY:
        return (
            base + datetime.timedelta(days=sign * n),
            None,
            Precision.DAY,
            "offset-event",
            0.6,
            prev.relative,
        )
    if unit == "months" and prev.precision is not Precision.YEAR:
        y, mo = _add_months(base.year, base.month, sign * n)
        return datetime.date(y, mo, 1), None, Precision.MONTH, "offset-event", 0.6, prev.relative
    if unit == "years":
        return (
            datetime.date(base.year + sign * n, 1, 1),
            None,
            Precision.YEAR,
            "offset-event",
            0.6,
            prev.relative,
        )
    return None


_MONTH_ANCHORS = tuple(n[:3] for n in _FULL_MONTHS)
_WEEKDAY_ANCHORS = tuple(_WEEKDAYS)
_MODIFIERS = frozenset({"early", "mid", "late"})
_RELATIVES = frozenset({"last", "this", "next"})


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    handler: _Handler
    # Words whose occurrence makes the rule worth trying; "#digit" is any run of digits. Month
    # anchors are three-letter prefixes so "Sept." and "September" share one.
    anchors: tuple[str, ...]
    # Words up to a few words before an anchor where a match may also begin ("late" in
    # "late last week", "Wednesday" in "Wednesday, May 12").
    heads: frozenset[str] = frozenset()


_DAY_PARTS = ("day", "morning", "afternoon", "evening", "night")
_ANA_HEADS = frozenset({"later", "earlier", "that", "the", "on", "in", "a", "one", "same"})
_NUMBER_HEADS = frozenset(_NUMBER_WORDS) | {"#digit"}
# Order only breaks ties between candidates with the same span.
_RULES: tuple[_Rule, ...] = (
    _Rule(_P_ISO, _h_iso, ("#digit",)),
    _Rule(_P_MDY, _h_day_month, _MONTH_ANCHORS, frozenset(_WEEKDAYS)),
    _Rule(_P_DMY, _h_day_month, _MONTH_ANCHORS, frozenset({*_WEEKDAYS, "the", "#digit"})),
    _Rule(_P_MY, _h_month_year, _MONTH_ANCHORS, _MODIFIERS),
    _Rule(_P_YEAR_RANGE, _h_year_range, ("#digit",)),
    _Rule(_P_YEAR_RANGE_WORDS, _h_year_range_words, ("#digit",), frozenset({"#digit"})),
    _Rule(_P_DECADE, _h_decade, ("#digit",), _MODIFIERS),
    _Rule(_P_SEASON, _h_season, tuple(_SEASONS), _RELATIVES | _MODIFIERS),
    _Rule(_P_YEAR, _h_year, ("#digit",), _MODIFIERS),
    _Rule(_P_MONTH, _h_month, _MONTH_ANCHORS, _RELATIVES | _MODIFIERS),
    _Rule(_P_WEEKDAY, _h_weekday, _WEEKDAY_ANCHORS, _RELATIVES | {"coming", "past"}),
    _Rule(
        _P_RELDAY,
        _h_relday,
        ("today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"),
        frozenset({"the", "earlier", "later", "last", "this"}),
    ),
    _Rule(
        _P_RELPERIOD,
        _h_relperiod,
        ("year", "month", "week"),
        _RELATIVES | _MODIFIERS | {"earlier", "later"},
    ),
    _Rule(
        _P_WEEKEND,
        _h_weekend,
        ("weekend",),
        frozenset({"over", "at", "during", "on", "this", "last", "next", "the", "past"}),
    ),
    _Rule(_P_AGO, _h_ago, ("ago",), _NUMBER_HEADS),
    _Rule(_P_SAME_DAY, _h_same_day, _DAY_PARTS, _ANA_HEADS),
    _Rule(_P_NEXT_DAY, _h_next_day, (*_DAY_PARTS, "after"), _ANA_HEADS),
    _Rule(_P_PREV_DAY, _h_prev_day, (*_DAY_PARTS, "before"), _ANA_HEADS),
    _Rule(_P_DAYS_LATER, _h_days_later, ("days",), _NUMBER_HEADS),
    _Rule(_P_YEAR_ANA, _h_year_ana, ("year",), _ANA_HEADS),
    _Rule(_P_MONTH_ANA, _h_month_ana, ("month",), _ANA_HEADS),
    _Rule(_P_THEN, _h_then, ("then",)),
    _Rule(_P_OFFSET_EVENT, _h_offset_event, ("days", "months", "years"), _NUMBER_HEADS),
)
_RULES_BY_ANCHOR: dict[str, list[tuple[int, _Rule]]] = {}
for _order, _rule in enumerate(_RULES):
    for _anchor in _rule.anchors:
        _RULES_BY_ANCHOR.setdefault(_anchor, []).append((_order, _rule))
_PREFIX_ANCHORS = frozenset(_MONTH_ANCHORS)
_DIGITS = re.compile(r"\d+")
_LAST_NUMBER = re.compile(r"(\d+)\D*$")
_EXPLICIT_YEAR_RULES = {"absolute", "month-year", "range-months", "range-days"}

_Candidate = tuple[int, int, int, re.Match[str], _Handler]


def _anchor_hits(lowered: str) -> list[tuple[int, int, str]]:
    """Occurrences (start, end, anchor) of the words that can take part in a date expression.

    str.find over a lower-cased copy is far cheaper than running every rule's regex over the whole
    text: Python's re tries an alternation of words at each position.
    """
    size_all = len(lowered)
    hits = [(m.start(), m.end(), "#digit") for m in _DIGITS.finditer(lowered)]
    for anchor in _RULES_BY_ANCHOR:
        if anchor == "#digit":
            continue
        size = len(anchor)
        whole_word = anchor not in _PREFIX_ANCHORS
        i = lowered.find(anchor)
        while i != -1:
            end = i + size
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
    words = [w.strip(_STRIP) for w in window.replace("-", " ").replace("–", " ").split()[-6:]]
    return ["#digit" if w.isdigit() else w for w in words], window, lo


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
    found: dict[tuple[int, int, int], tuple[re.Match[str], _Handler]] = {}
    # Offsets found in the lowered copy are used on the text, so it must keep their places:
    # "İ" (as in İlham) lowers to two characters, so such a character is left as it is.
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(low := c.lower()) != 1 else low for c in text)
    for a_start, a_end, anchor in _anchor_hits(lowered):
        before = None
        for order, rule in _RULES_BY_ANCHOR[anchor]:
            starts = [a_start]
            if rule.heads:
                if before is None:
                    before = _words_before(lowered, a_start)
                starts += _head_starts(before, rule.heads)
            for pos in starts:
                m = rule.pattern.match(text, pos)
                if m is None:
                    continue
                start, end = m.span("m")
                if end < a_end:
                    continue
                key = (start, end, order)
                # The same span reached from an earlier start carries more context: keep that.
                if key not in found or m.start() < found[key][0].start():
                    found[key] = (m, rule.handler)
    return [(s, -e, order, m, h) for (s, e, order), (m, h) in found.items()]


def find_dates(text: str, published: datetime.date | None) -> list[DateMention]:
    """All date mentions in reading order.

    Processes the whole text in order so anaphora ("later that day", "the same day", "the next
    day", "later on Friday") can refer back to the previous resolved mention. With published=None,
    only expressions that carry their own year are returned.
    """
    candidates = _candidates(text)
    # Earliest first, then longest; a candidate whose handler rejects it frees its span for the
    # next-best candidate.
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    ctx = _Ctx(text=text, published=published, starts=_sentence_starts(text))
    mentions: list[DateMention] = []
    taken_until = 0
    for start, neg_end, _order, m, handler in candidates:
        if start < taken_until:
            continue
        value = handler(m, ctx)
        if value is None:
            continue
        first, last, precision, rule, confidence, relative = value
        if published is None and relative:
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
            relative=relative,
        )
        mentions.append(mention)
        ctx.prev = mention
        ctx.prev_explicit_year = rule in _EXPLICIT_YEAR_RULES and not relative
        taken_until = end
    return mentions
