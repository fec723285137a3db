"""Dates that point back at the mention before them: "the next day", "that year", "then".

Owns the rules ``anaphora-same-day``, ``anaphora-next-day``, ``anaphora-previous-day``,
``anaphora-days-later``, ``anaphora-later`` ("two weeks later", "a year earlier"),
``anaphora-weekday`` ("the previous Friday", "the following Monday"), ``anaphora-year``,
``anaphora-month``, ``anaphora-then``, ``offset-event``, and ``year-earlier`` (the year before
publication when "a year earlier" has no antecedent, and the adjectives "year-earlier"/"year-ago"
of financial copy). A mention is ``relative`` when its antecedent was.
"""

from __future__ import annotations

import datetime
import re

from .calendar_math import add_months, safe_date
from .context import Ctx, Recognizer
from .mention import DateMention, Precision, Value
from .rules import Rule
from .vocabulary import MONTH, NUM, NUMBER_WORDS, WEEKDAY, WEEKDAYS, number, word_before

_P_SAME_DAY = re.compile(
    r"(?<![\w-])(?P<m>(?i:(?:(?:later|earlier)\s+(?:in\s+the\s+(?:morning|afternoon|evening|day|night)\s+)?"
    r"(?:on\s+)?)?(?:that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)|the\s+same\s+day)|"
    r"(?:later|earlier)\s+in\s+the\s+(?:day|afternoon|evening)(?!\s+(?:before|after|of)\b)))"
    r"(?![\w-])"
)
# "Oct. 12, the day before the stock market plunge": an apposition naming the day just stated.
_P_DAY_APPOSITION = re.compile(r"(?<=, )(?P<m>(?i:the\s+day\s+(?:before|after)))(?=\s+[A-Za-z])")
# "the day before" / "the day after" point back only at the end of their phrase: followed by a
# word they date another happening ("the day before authorities issued a warrant").
_P_NEXT_DAY = re.compile(
    r"(?<![\w-])(?P<m>(?i:the\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night)|"
    r"the\s+day\s+after(?!\s+[A-Za-z])|(?:a|one)\s+day\s+later))(?![\w-])"
)
_P_PREV_DAY = re.compile(
    r"(?<![\w-])(?P<m>(?i:the\s+(?:previous|preceding)\s+(?:day|evening|night)|"
    r"the\s+day\s+before(?!\s+[A-Za-z])|(?:a|one)\s+day\s+(?:earlier|before(?!\s+[A-Za-z]))))"
    r"(?![\w-])"
)
# What follows "after" or "before" names a happening when it opens with an article or a
# possessive, two lower-case words ("a week after formal talks began", "two days after he
# left") or a name followed by a lower-case word ("a day after President Jane Doe resigned",
# "a week after Ruritania's vote"; not a month's or a weekday's): an offset from it (below), not
# from the date before.
_NAMING = (
    r"(?:(?i:the|a|an|his|her|its|their)\b|[a-z]+\s+[a-z]|"
    rf"(?!{MONTH}|{WEEKDAY})(?:[A-Z][\w'’.-]*\s+){{1,5}}[a-z])"
)
_P_DAYS_LATER = re.compile(
    rf"(?<![\w-])(?P<m>(?P<n>(?i:{NUM}))\s+(?i:days)\s+"
    rf"(?P<dir>(?i:later|earlier|(?:before|after)(?!\s+{_NAMING}))))"
    r"(?![\w-])(?!\s+(?i:the|a|an|his|her|its|their)\b)"
)
_P_YEAR_ANA = re.compile(
    r"(?<![\w-])(?P<m>(?i:(?:(?:later|earlier)\s+(?:in\s+)?)?(?:that|the\s+same)\s+year|"
    r"the\s+(?P<next>following|next)\s+year|the\s+(?P<prev>previous|preceding)\s+year))(?![\w-])"
)
_P_MONTH_ANA = re.compile(
    r"(?<![\w-])(?P<m>(?i:(?:(?:later|earlier)\s+(?:in\s+)?)?(?:that|the\s+same)\s+month|"
    r"the\s+(?P<next>following|next)\s+month))(?![\w-])"
)
# "two weeks later", "a year earlier", "three months or so later". "N years after the war" is an
# offset (below); "a year after" followed by anything but the end of its clause is left alone.
_P_UNITS_LATER = re.compile(
    rf"(?<![\w-])(?P<m>(?P<n>(?i:{NUM}))\s+(?P<unit>(?i:weeks?|months?|years?|decades?))"
    r"(?:\s+(?i:or\s+so))?\s+(?:(?P<dir>(?i:later|earlier))|(?P<dir2>(?i:before|after))"
    r"(?=\s*(?:[.,;:!?)\"”]|$))))(?![\w-])"
)
# "the previous Friday", "the following Monday": counted from the day just stated.
_P_WEEKDAY_ANA = re.compile(
    rf"(?<![\w-])(?P<m>(?i:the)\s+(?P<dir>(?i:previous|preceding|following|next))\s+(?P<wd>{WEEKDAY}))"
    r"(?![\w-])"
)
_SPOKEN_ON = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|declared|noted)\s+(?:on\s+)?$"
)
_P_YEAR_EARLIER = re.compile(r"(?<![\w-])(?P<m>(?i:year-(?:earlier|ago)))(?![\w-])")
# "Moscow then deployed …": "then" pointing back at the time just stated. Not "since/until/by
# then" (periods), "and then"/"but then" (sequence, not the same time), "then-President" or "if … then".
_P_THEN = re.compile(r"(?<![\w-])(?P<m>(?i:then))(?=\s+[a-z]{3,})")
_THEN_SEQUENCE = re.compile(r"\s+[a-z]+ing\b")
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
# before the time of its clause (and "N years before the war" after it). What names a happening
# after it (_NAMING) tells it from "two days after" (anaphora).
_P_OFFSET_EVENT = re.compile(
    rf"(?<![\w-])(?P<m>(?P<n>(?i:{NUM}))\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+"
    r"(?P<dir>(?i:after|before)))(?=\s+" + _NAMING + ")"
)


def _day_antecedent(ctx: Ctx, use_last: bool) -> DateMention | None:
    prev = ctx.prev
    if prev is None or prev.precision is not Precision.DAY:
        return None
    if prev.last is not None and not use_last:
        return None
    return prev


def _shift_day(ctx: Ctx, days: int, rule: Rule, pos: int) -> Value | None:
    prev = _day_antecedent(ctx, use_last=days != 0)
    if prev is None or not ctx.recent(prev, pos, sentences=2):
        return None  # the day counted from must still be in view
    base = (prev.last or prev.first) if days > 0 else prev.first
    return base + datetime.timedelta(days=days), None, Precision.DAY, rule, 0.8, prev.relative


def _h_same_day(m: re.Match[str], ctx: Ctx) -> Value | None:
    return _shift_day(ctx, 0, Rule.ANAPHORA_SAME_DAY, m.start("m"))


def _h_day_apposition(m: re.Match[str], ctx: Ctx) -> Value | None:
    prev = _day_antecedent(ctx, use_last=False)
    start = m.start("m")
    if prev is None or start - prev.end > 4 or ctx.text[prev.end : start].strip() != ",":
        return None
    return prev.first, None, Precision.DAY, Rule.ANAPHORA_SAME_DAY, 0.8, prev.relative


def _h_next_day(m: re.Match[str], ctx: Ctx) -> Value | None:
    return _shift_day(ctx, 1, Rule.ANAPHORA_NEXT_DAY, m.start("m"))


def _h_prev_day(m: re.Match[str], ctx: Ctx) -> Value | None:
    return _shift_day(ctx, -1, Rule.ANAPHORA_PREVIOUS_DAY, m.start("m"))


def _h_days_later(m: re.Match[str], ctx: Ctx) -> Value | None:
    n = number(m["n"])
    sign = 1 if m["dir"].lower() in {"later", "after"} else -1
    return _shift_day(ctx, sign * n, Rule.ANAPHORA_DAYS_LATER, m.start("m"))


def _h_units_later(m: re.Match[str], ctx: Ctx) -> Value | None:
    n = number(m["n"])
    unit = m["unit"].lower().rstrip("s")
    sign = 1 if (m["dir"] or m["dir2"]).lower() in {"later", "after"} else -1
    prev = ctx.prev
    if prev is not None and not ctx.recent(prev, m.start("m"), sentences=1):
        prev = None
    if prev is None:
        pub = ctx.published
        if sign > 0 or unit not in {"year", "decade"} or pub is None:
            return None
        # "compared with 40% a year earlier": the year before the time of the report.
        step = n * (10 if unit == "decade" else 1)
        return (
            datetime.date(pub.year - step, 1, 1),
            None,
            Precision.YEAR,
            Rule.YEAR_EARLIER,
            0.6,
            True,
        )
    base = (prev.last or prev.first) if sign > 0 else prev.first
    if unit == "week":
        if prev.precision is not Precision.DAY:
            return None
        day = base + datetime.timedelta(days=7 * n * sign)
        return day, None, Precision.DAY, Rule.ANAPHORA_LATER, 0.7, prev.relative
    if unit == "month":
        if prev.precision is Precision.YEAR:
            return None
        y, mo = add_months(base.year, base.month, n * sign)
        month = datetime.date(y, mo, 1)
        return month, None, Precision.MONTH, Rule.ANAPHORA_LATER, 0.7, prev.relative
    step = n * (10 if unit == "decade" else 1) * sign
    if (
        unit == "year"
        and prev.last is None
        and prev.precision is not Precision.YEAR
        and prev.start >= ctx.sentence(m.start("m"))[0]
        and not _SPOKEN_ON.search(ctx.text, max(0, prev.start - 16), prev.start)
    ):
        # "the quarter ended Sept. 30 … up from $100 million a year earlier": that day (or month)
        # a year before, when the day is the one the sentence is about, not when it was said.
        shifted = safe_date(
            base.year + step, base.month, base.day if prev.precision is Precision.DAY else 1
        )
        if shifted is not None:
            return shifted, None, prev.precision, Rule.ANAPHORA_LATER, 0.7, prev.relative
    year = datetime.date(base.year + step, 1, 1)
    return year, None, Precision.YEAR, Rule.ANAPHORA_LATER, 0.7, prev.relative


def _h_weekday_ana(m: re.Match[str], ctx: Ctx) -> Value | None:
    prev = _day_antecedent(ctx, use_last=True)
    if prev is None or not ctx.recent(prev, m.start("m"), sentences=5):
        return None  # the day the story is telling, when it is still in view
    target = WEEKDAYS.index(m["wd"].lower())
    if m["dir"].lower() in {"previous", "preceding"}:
        base = prev.first
        day = base - datetime.timedelta(days=(base.weekday() - target) % 7 or 7)
    else:
        base = prev.last or prev.first
        day = base + datetime.timedelta(days=(target - base.weekday()) % 7 or 7)
    return day, None, Precision.DAY, Rule.ANAPHORA_WEEKDAY, 0.75, prev.relative


def _h_year_earlier(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    if pub is None:
        return None
    return datetime.date(pub.year - 1, 1, 1), None, Precision.YEAR, Rule.YEAR_EARLIER, 0.6, True


def _h_year_ana(m: re.Match[str], ctx: Ctx) -> Value | None:
    prev = ctx.prev
    if prev is None:
        return None
    step = 1 if m["next"] else -1 if m["prev"] else 0
    year = (prev.last or prev.first).year if step > 0 else prev.first.year
    first = datetime.date(year + step, 1, 1)
    return first, None, Precision.YEAR, Rule.ANAPHORA_YEAR, 0.8, prev.relative


def _h_month_ana(m: re.Match[str], ctx: Ctx) -> Value | None:
    prev = ctx.prev
    if prev is None or prev.precision is Precision.YEAR:
        return None
    base = prev.last or prev.first if m["next"] else prev.first
    y, mo = add_months(base.year, base.month, 1 if m["next"] else 0)
    first = datetime.date(y, mo, 1)
    return first, None, Precision.MONTH, Rule.ANAPHORA_MONTH, 0.8, prev.relative


def _h_then(m: re.Match[str], ctx: Ctx) -> Value | None:
    prev = ctx.prev
    start = m.start("m")
    if prev is None or prev.last is not None:
        return None
    # A day is too fine for "then" (it usually means "after that"); years and months carry over.
    if prev.precision is Precision.DAY or not ctx.recent(prev, start):
        return None
    if word_before(ctx.text, start).lower() in _THEN_BLOCKERS:
        return None
    if ctx.opens_sentence(start) or _THEN_SEQUENCE.match(ctx.text, m.end("m")):
        return None  # "Then came …", "digging it up, then reburying it": after that, in turn
    return prev.first, None, prev.precision, Rule.ANAPHORA_THEN, 0.7, prev.relative


def _h_offset_event(m: re.Match[str], ctx: Ctx) -> Value | None:
    start = m.start("m")
    if word_before(ctx.text, start) in _SPAN_WORDS:
        return None  # "wait at least 30 days before closing", "for two weeks before the vote"
    n = number(m["n"])
    sign = -1 if m["dir"].lower() == "after" else 1
    unit = m["unit"].lower().rstrip("s") + "s"
    prev, confidence = ctx.prev, 0.6
    if prev is None or prev.start < ctx.sentence(start)[0]:
        # The time of this sentence's own clause anchors the offset. With no date of its own:
        if word_before(ctx.text, start) in _CAME and ctx.lead is not None:
            # "The bombing came a day after X": what came is the story's happening, of the day
            # its lead tells of.
            base, precision, relative = ctx.lead, Precision.DAY, True
            confidence = 0.5
        elif prev is None or unit == "days" or not ctx.recent(prev, start, sentences=1):
            return None
        else:
            # The sentence goes on from the date of the one before ("They agreed on Wednesday.
            # A week after talks began, both sides signed"); days are too fine for that guess.
            base, precision, relative = prev.first, prev.precision, prev.relative
            confidence = 0.5
    else:
        base, precision, relative = prev.first, prev.precision, prev.relative
    if unit == "days" and precision is Precision.DAY:
        day = base + datetime.timedelta(days=sign * n)
        return day, None, Precision.DAY, Rule.OFFSET_EVENT, confidence, relative
    if unit == "weeks" and precision is Precision.DAY:
        # "a week after talks began": about so many weeks, give or take half of one; the
        # month, when that span lies in one.
        around = base + datetime.timedelta(weeks=sign * n)
        first, last = (around + datetime.timedelta(days=d) for d in (-_HALF_WEEK, _HALF_WEEK))
        if (first.year, first.month) != (last.year, last.month):
            return None
        month = first.replace(day=1)
        return month, None, Precision.MONTH, Rule.OFFSET_EVENT, confidence, relative
    if unit == "months" and precision is not Precision.YEAR:
        y, mo = add_months(base.year, base.month, sign * n)
        month = datetime.date(y, mo, 1)
        return month, None, Precision.MONTH, Rule.OFFSET_EVENT, confidence, relative
    if unit == "years":
        year = datetime.date(base.year + sign * n, 1, 1)
        return year, None, Precision.YEAR, Rule.OFFSET_EVENT, confidence, relative
    return None


_HALF_WEEK = 3
# "The attack came two days after …": the verbs that tell the story's happening followed another.
_CAME = frozenset({"came", "comes", "come"})
# Words that make "N days before X" a span of time, not a time.
_SPAN_WORDS = frozenset({"least", "most", "within", "for", "up"})


_DAY_PARTS = ("day", "morning", "afternoon", "evening", "night")
_HEADS = frozenset({"later", "earlier", "that", "the", "on", "in", "a", "one", "same"})
_NUMBER_HEADS = frozenset(NUMBER_WORDS) | {"#digit"}

SAME_DAY = Recognizer(_P_SAME_DAY, _h_same_day, _DAY_PARTS, _HEADS)
DAY_APPOSITION = Recognizer(_P_DAY_APPOSITION, _h_day_apposition, ("day",), _HEADS)
NEXT_DAY = Recognizer(_P_NEXT_DAY, _h_next_day, (*_DAY_PARTS, "after"), _HEADS)
PREVIOUS_DAY = Recognizer(_P_PREV_DAY, _h_prev_day, (*_DAY_PARTS, "before"), _HEADS)
DAYS_LATER = Recognizer(_P_DAYS_LATER, _h_days_later, ("days",), _NUMBER_HEADS)
UNITS_LATER = Recognizer(
    _P_UNITS_LATER,
    _h_units_later,
    ("week", "weeks", "month", "months", "year", "years", "decade", "decades"),
    _NUMBER_HEADS,
)
WEEKDAY_ANA = Recognizer(
    _P_WEEKDAY_ANA,
    _h_weekday_ana,
    tuple(WEEKDAYS),
    frozenset({"the", "previous", "preceding", "following", "next"}),
)
YEAR_EARLIER = Recognizer(_P_YEAR_EARLIER, _h_year_earlier, ("year",))
THAT_YEAR = Recognizer(_P_YEAR_ANA, _h_year_ana, ("year",), _HEADS)
THAT_MONTH = Recognizer(_P_MONTH_ANA, _h_month_ana, ("month",), _HEADS)
THEN = Recognizer(_P_THEN, _h_then, ("then",))
OFFSET_EVENT = Recognizer(
    _P_OFFSET_EVENT,
    _h_offset_event,
    ("day", "days", "week", "weeks", "month", "months", "year", "years"),
    _NUMBER_HEADS,
)
