"""Dates counted from the publication date: weekdays, "yesterday", "last week", "two days ago".

Owns the rules ``weekday-past``, ``weekday-future``, ``relative-day``, ``relative-week``,
``relative-month``, ``relative-year``, ``day-offset``, ``time-of-day``, ``weekend``,
``overnight``, ``season``, ``ago``, ``from-now`` and ``the-year``. Without a publication date none
of them resolves (except a season with its own year, and a time of day after a stated day).
"""

from __future__ import annotations

import datetime
import re

from .calendar_math import add_months, monday, season_span
from .context import Ctx, Recognizer
from .mention import Precision, Value
from .rules import Rule
from .tense import LATER
from .vocabulary import (
    MODIFIERS,
    MONTH,
    NUM,
    NUMBER_WORDS,
    RELATIVES,
    SEASONS,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    number,
    word_before,
)

_P_WEEKDAY = re.compile(
    rf"(?P<m>(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?(?P<wd>{WEEKDAY})"
    rf"(?:\s+(?P<tod>morning|afternoon|evening|night))?)(?![\w-])"
)
# "the day before last Tuesday's hearing", "the day after Friday": a weekday, one day off.
_P_DAY_OFFSET = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?i:the)\s+)?(?i:day)\s+(?P<dir>(?i:before|after))\s+"
    rf"(?P<inner>(?:(?i:last|next|this|coming|past)\s+)?{WEEKDAY}))(?![\w-])"
)
# A clock time or a part of the day, dated by a day stated earlier in its sentence ("on Monday …
# at 9:45 pm") or just after it ("at 10:35 a.m. (0735 GMT) Friday", "at midday, according to a
# statement today"). Clock times need a.m./p.m.; "noon" and "midnight" need "at".
_P_TIME = re.compile(
    r"(?<![\w:.,])(?P<m>(?:(?i:around|about|shortly\s+(?:before|after))\s+)?(?:\d{1,2}(?::[0-5]\d)?"
    r"\s*(?:[ap]\.m\.?|[ap]m\b)|\d{1,2}\s+in\s+the\s+(?:morning|afternoon|evening)|"
    r"(?<=at\s)(?:noon|midnight|midday))"
    # "10 p.m. Wednesday", "noon (0900 GMT) on Friday": the day is part of the expression.
    rf"(?:\s*(?:\([^()\n]{{1,24}}\)|[A-Z]{{2,4}}\b|(?i:local\s+time))?\s*,?\s*(?:(?i:on)\s+)?"
    rf"(?P<day>(?:(?i:last|next|this|coming)\s+)?{WEEKDAY}|(?i:today|tonight|tomorrow|yesterday)\b))?)"
)
# "at 9:45 pm on March 6", "at 5 p.m. EST Nov. 9": the date that follows is a mention of its
# own, which dates the time.
_DATE_RIGHT_AFTER = re.compile(
    rf"\s*(?:\([^()\n]{{1,24}}\)|[A-Z]{{2,4}}\b|(?i:local\s+time))?\s*,?\s*(?:(?i:on)\s+)?"
    rf"(?:\d{{1,2}}\s+{MONTH}|{MONTH}\s+\d{{1,2}}\b)"
)
_DAY_AHEAD = re.compile(
    rf"[^;!?\n]*?\b(?P<day>(?:(?i:last|next|this|coming)\s+)?{WEEKDAY}|(?i:today|tonight|tomorrow|yesterday)\b)"
)
_P_RELDAY = re.compile(
    r"(?<![\w-])(?P<m>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
    r"(?:earlier|later)\s+today|today|tonight|yesterday|tomorrow|last\s+night|"
    r"this\s+(?:morning|afternoon|evening)))(?![\w-])"
)
# Nouns after "today's" that make it "nowadays": "today's youth", "today's world".
_GENERIC_AFTER = re.compile(
    r"['’]s\s+(?:world|youth|society|generation|children|kids|economy|markets?|technology|"
    r"standards|culture|politics|life|people|leaders|consumers|young|modern|global|computers|"
    r"personal|media|environment|era|terms|dollars|prices)\b"
)
_COPULA_AFTER = re.compile(r"\s+(?:is|was|will\s+be)\b|['’]s\s+(?:a|an|the)\b")
_NAMED_DAYS = frozenset(
    {"good", "black", "bloody", "super", "ash", "holy", "maundy", "palm", "easter", "cyber",
     "blue", "fat", "shrove"}
)  # fmt: skip
_P_RELPERIOD = re.compile(
    r"(?<![\w-])(?P<m>(?:(?P<mod>(?i:early|late|earlier|later|mid))[\s-]+)?"
    r"(?P<rel>(?i:last|this|next))\s+(?P<unit>(?i:year|month|week)))(?![\w-]|'s\s+\w+\s+ago)"
)
# "earlier in the week", "over the past week": days of the current week, or the last seven,
# up to publication.
_P_WEEK_SPAN = re.compile(
    r"(?<![\w-])(?P<m>(?P<mod>(?i:earlier|later))\s+in\s+the\s+week|(?P<past>(?i:over|in|during|for)\s+"
    r"the\s+(?:past|last)\s+(?:week|seven\s+days)))(?![\w-])"
)
_FUNCTION_WORDS = (
    r"(?:in|on|at|and|to|from|as|by|when|after|before|into|near|across|over|along|inside|outside|"
    r"around|while|but|with|amid|against|the|a|an|its|their|his|her)"
)
# "overnight", "overnight from Monday to Tuesday": the night before publication (a day and the
# next). As an adjective ("overnight losses", "an overnight curfew") it dates nothing.
_P_OVERNIGHT = re.compile(
    rf"(?<![\w-])(?P<m>(?i:overnight)(?:\s+(?i:from|into|between)\s+(?P<wd1>{WEEKDAY})\s+(?i:to|into|and)\s+"
    rf"(?P<wd2>{WEEKDAY}))?)(?![\w-])(?!\s+(?!{_FUNCTION_WORDS}\b)[a-z])"
)
_P_WEEKEND = re.compile(
    r"(?<![\w-])(?P<m>(?i:over|at|during|on|this|last|next|the|past)\s+(?:(?i:the|this|last|past)\s+)?"
    r"(?i:weekend))(?![\w-])"
)
_P_SEASON = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?P<rel>(?i:last|this|next))\s+)?(?:(?P<mod>(?i:early|late|mid))[\s-]+)?"
    rf"(?P<s>(?i:spring|summer|autumn|fall|winter))(?:(?:\s+of)?\s+(?P<y>{YEAR}))?)(?![\w-])"
)
# Words before a season that make it a time ("in the summer", "during winter"); "fall" and
# "spring" are also a decline and a source, so they need "the" after such a word.
_SEASON_BEFORE = frozenset(
    {"in", "during", "over", "through", "throughout", "since", "until", "till", "by", "before",
     "after", "from", "this", "last", "next", "past", "early", "late", "mid"}
)  # fmt: skip
_OF_AFTER = re.compile(r"\s+(?:of|in|to|from)\b")
_THE_SEASON = re.compile(
    r"(?i:in|during|over|through|throughout|since|until|till|by|before|after|from)\s+the\s+$"
)
_P_AGO = re.compile(
    rf"(?<![\w-])(?P<m>(?P<n>(?i:{NUM}))\s+(?P<unit>(?i:days?|weeks?|months?|years?|decades?))"
    r"(?:\s+(?i:or\s+so))?\s+(?i:ago))(?![\w-])"
)

# "the year", "the current fiscal year", "the full year", "year-end", "earlier in the year". Not
# "the year before/of/when …" (another year) nor "the year 1990" (a year).
# Lower case only (a capital at the start of a sentence aside): "YEAR END:" heads a listing.
_P_THE_YEAR = re.compile(
    r"(?<![\w-])(?P<m>(?P<ana>(?:[Ee]arlier|[Ll]ater)\s+in\s+)?(?:[Tt]he\s+(?:(?:current|full|"
    r"whole|entire|calendar)\s+)?(?:(?:fiscal|financial)\s+)?year(?:['’]s\s+end|-end|\s+end)?|"
    r"[Tt]he\s+end\s+of\s+the\s+year|[Yy]ear(?:['’]s\s+|-|\s+)end))(?![\w-])"
    r"(?!\s+(?:\d|(?i:before|after|when|in\s+which|since|ago|earlier|later|two|nineteen)\b|"
    r"(?i:of)\s+(?![$€£\d])))"  # "a high for the year of $42" is this year; "the year of the war" not
)

# "will be redeemed in five years", "talks resume in two weeks' time", "ten days from now".
_THAT_AFTER = re.compile(r"\s+that\b")
_P_FROM_NOW = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?P<in>(?i:in))\s+)?(?P<n>(?i:{NUM}))\s+(?P<unit>(?i:days?|weeks?|months?|"
    r"years?))(?:(?P<time>['’]?\s+(?i:time))|(?P<now>\s+(?i:from\s+now)))?)(?![\w-])"
    r"(?!\s+(?i:or|to)\s)"  # "in a year or two" is no date
)


def _h_from_now(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    if pub is None or not (m["now"] or (m["in"] and (m["time"] or ctx.tense(*m.span("m")) > 0))):
        return None  # "in two years of war" is a span, not a date to come
    n = number(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if unit in {"day", "week"}:
        day = pub + datetime.timedelta(days=n * (7 if unit == "week" else 1))
        return day, None, Precision.DAY, Rule.FROM_NOW, 0.6, True
    if unit == "month":
        y, mo = add_months(pub.year, pub.month, n)
        return datetime.date(y, mo, 1), None, Precision.MONTH, Rule.FROM_NOW, 0.6, True
    return datetime.date(pub.year + n, 1, 1), None, Precision.YEAR, Rule.FROM_NOW, 0.6, True


def _h_the_year(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    prev = ctx.prev
    if m["m"].lower() == "the year" and _THAT_AFTER.match(ctx.text, m.end("m")):
        return None  # "the year that the war began" is another year; "the current year that" not
    if m["ana"] and prev is not None and ctx.recent(prev, m.start("m"), sentences=1):
        # "Fighting broke out in 2019. Later in the year …": the year just stated.
        first = datetime.date(prev.first.year, 1, 1)
        return first, None, Precision.YEAR, Rule.ANAPHORA_YEAR, 0.7, prev.relative
    if pub is None:
        return None
    return datetime.date(pub.year, 1, 1), None, Precision.YEAR, Rule.THE_YEAR, 0.5, True


def _h_weekday(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    if pub is None:
        return None
    target = WEEKDAYS.index(m["wd"].lower())
    back = (pub.weekday() - target) % 7  # days since the latest such weekday, 0 = publication day
    ahead = (target - pub.weekday()) % 7
    rel = (m["rel"] or "").lower()
    pre = word_before(ctx.text, m.start("m"))
    if pre in {"each", "every"}:
        return None  # "each Thursday" recurs; it is no date
    start = m.start("m")
    if (
        pre in _NAMED_DAYS
        and ctx.text[ctx.text.rfind(" ", max(0, start - 12), start - 1) + 1].isupper()
    ):
        return None  # "Good Friday", "Bloody Sunday", "Super Tuesday" name a day of their own
    if rel in {"next", "coming"}:
        forward = True
        ahead = ahead or 7
    elif rel in {"last", "past"}:
        forward = False
        back = back or 7
    elif pre == "since":
        forward = False
    else:
        tense = ctx.tense(*m.span("m"))
        forward = tense > 0
        spoken = ctx.speech_time(m.start("m")) if tense == LATER else None
        if spoken is not None:
            # "said on Friday it would meet on Monday": the Monday after that Friday.
            day = spoken + datetime.timedelta(days=(target - spoken.weekday()) % 7 or 7)
            prev = ctx.prev
            relative = prev is not None and prev.relative
            rule = Rule.WEEKDAY_FUTURE if day >= pub else Rule.WEEKDAY_PAST
            return day, None, Precision.DAY, rule, 0.75, relative
    if forward:
        day = pub + datetime.timedelta(days=ahead)
        return day, None, Precision.DAY, Rule.WEEKDAY_FUTURE, 0.75, True
    day = pub - datetime.timedelta(days=back)
    return day, None, Precision.DAY, Rule.WEEKDAY_PAST, 0.85, True


def _h_day_offset(m: re.Match[str], ctx: Ctx) -> Value | None:
    inner = _P_WEEKDAY.match(ctx.text, m.start("inner"))
    value = _h_weekday(inner, ctx) if inner is not None else None
    if value is None:
        return None
    day = value[0] + datetime.timedelta(days=1 if m["dir"].lower() == "after" else -1)
    return day, None, Precision.DAY, Rule.DAY_OFFSET, 0.75, value[5]


def _resolve_day_at(ctx: Ctx, pos: int) -> Value | None:
    """The value of the weekday or "today"-like word at pos."""
    inner = _P_WEEKDAY.match(ctx.text, pos)
    if inner is not None:
        return _h_weekday(inner, ctx)
    inner = _P_RELDAY.match(ctx.text, pos)
    return _h_relday(inner, ctx) if inner is not None else None


def _h_time_of_day(m: re.Match[str], ctx: Ctx) -> Value | None:
    if m["day"]:
        # "10 p.m. Wednesday": the day's own value and rule.
        value = _resolve_day_at(ctx, m.start("day"))
        return value[:6] if value is not None and value[1] is None else None
    if _DATE_RIGHT_AFTER.match(ctx.text, m.end("m")):
        return None
    prev = ctx.prev
    sentence_start, sentence_end = ctx.sentence(m.start("m"))
    if (
        prev is not None
        and prev.precision is Precision.DAY
        and prev.last is None
        and prev.start >= sentence_start
    ):
        return prev.first, None, Precision.DAY, Rule.TIME_OF_DAY, 0.75, prev.relative
    ahead = _DAY_AHEAD.match(ctx.text, m.end("m"), min(sentence_end, m.end("m") + 48))
    value = _resolve_day_at(ctx, ahead.start("day")) if ahead is not None else None
    if value is None or value[1] is not None:
        return None
    return value[0], None, Precision.DAY, Rule.TIME_OF_DAY, 0.75, value[5]


def _h_relday(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    if pub is None:
        return None
    phrase = " ".join(m["m"].lower().split())
    start = m.start("m")
    if m["m"][0].isupper() and not ctx.opens_sentence(start):
        # Capitalised mid-sentence "Today" is a title ("Armenia Today", "Russia Today").
        return None
    if phrase in {"today", "tomorrow"} and (
        word_before(ctx.text, start) == "of" or _GENERIC_AFTER.match(ctx.text, m.end("m"))
    ):
        return None  # "today's youth", "the leaders of tomorrow": now in general, not a day
    if (
        _COPULA_AFTER.match(ctx.text, m.end("m"))
        and not word_before(ctx.text, start)
        and ctx.quoted(start)
    ):
        # '"Today is a sad day," he said': a speaker's verdict on the day, not the time of a
        # happening. The narrator's "today is the eighth day of the operation" dates a count, and
        # "Elian today is a symbol" is adverbial.
        return None
    offsets = {
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
        "yesterday": -1,
        "last night": -1,
        "tomorrow": 1,
    }
    delta = offsets.get(phrase, 0)
    spoken = ctx.statement_day(start)
    if spoken is not None:
        # '"The agreement signed today is critical," said the mediator': the day he said it.
        day = spoken + datetime.timedelta(days=delta)
        return day, None, Precision.DAY, Rule.RELATIVE_DAY, 0.75, True
    return pub + datetime.timedelta(days=delta), None, Precision.DAY, Rule.RELATIVE_DAY, 0.9, True


def _h_relperiod(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    if pub is None or word_before(ctx.text, m.start("m")) == "the":
        # "the last year" / "over the last month" are durations, not dates.
        return None
    if m["m"][0].isupper() and not ctx.opens_sentence(m.start("m")):
        return None  # a title mid-sentence: ABC's "This Week"
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    mod = (m["mod"] or "").lower()
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "year":
        first = datetime.date(pub.year + step, 1, 1)
        return first, None, Precision.YEAR, Rule.RELATIVE_YEAR, 0.85, True
    if unit == "month":
        y, mo = add_months(pub.year, pub.month, step)
        return datetime.date(y, mo, 1), None, Precision.MONTH, Rule.RELATIVE_MONTH, 0.8, True
    start = monday(pub) + datetime.timedelta(weeks=step)
    first, last = start, start + datetime.timedelta(days=6)
    if step == 0 and not mod:
        # "this week" reaches up to publication, or on from it when the clause looks forward.
        if ctx.tense(*m.span("m")) > 0:
            first = pub
        else:
            last = pub
    elif mod == "early":
        last = start + datetime.timedelta(days=2)
    elif mod == "late":
        first = start + datetime.timedelta(days=3)
    elif mod == "earlier" and step == 0:
        last = max(start, pub - datetime.timedelta(days=1))
    elif mod == "later" and step == 0:
        first = min(last, pub + datetime.timedelta(days=1))
    elif mod == "mid":
        first, last = start + datetime.timedelta(days=2), start + datetime.timedelta(days=3)
    if first == last:
        return first, None, Precision.DAY, Rule.RELATIVE_WEEK, 0.7, True
    return first, last, Precision.DAY, Rule.RELATIVE_WEEK, 0.7, True


def _h_week_span(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    if pub is None:
        return None
    if m["past"]:
        first, last = pub - datetime.timedelta(days=7), pub
    elif m["mod"].lower() == "earlier":
        first, last = monday(pub), max(monday(pub), pub - datetime.timedelta(days=1))
    else:
        first = pub + datetime.timedelta(days=1)
        last = max(first, monday(pub) + datetime.timedelta(days=6))
    if first == last:
        return first, None, Precision.DAY, Rule.RELATIVE_WEEK, 0.7, True
    return first, last, Precision.DAY, Rule.RELATIVE_WEEK, 0.7, True


def _h_overnight(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    if pub is None:
        return None
    if m["wd1"]:
        # "overnight from Monday to Tuesday": the Tuesday the clause points to, and its eve.
        target = WEEKDAYS.index(m["wd2"].lower())
        if ctx.tense(*m.span("m")) > 0:
            last = pub + datetime.timedelta(days=(target - pub.weekday()) % 7 or 7)
        else:
            last = pub - datetime.timedelta(days=(pub.weekday() - target) % 7)
        return last - datetime.timedelta(days=1), last, Precision.DAY, Rule.OVERNIGHT, 0.7, True
    if ctx.tense(*m.span("m")) > 0:
        return pub, pub + datetime.timedelta(days=1), Precision.DAY, Rule.OVERNIGHT, 0.7, True
    return pub - datetime.timedelta(days=1), pub, Precision.DAY, Rule.OVERNIGHT, 0.7, True


def _h_weekend(m: re.Match[str], ctx: Ctx) -> Value | None:
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
    return saturday, sunday, Precision.DAY, Rule.WEEKEND, 0.7, True


def _h_season(m: re.Match[str], ctx: Ctx) -> Value | None:
    start_month = SEASONS[m["s"].lower()]
    if m["y"]:
        first, last = season_span(int(m["y"]), start_month)
        return first, last, Precision.MONTH, Rule.SEASON, 0.7, False
    if ctx.published is None:
        return None
    rel = (m["rel"] or "").lower()
    pub_month = datetime.date(ctx.published.year, ctx.published.month, 1)
    spans = [season_span(y, start_month) for y in range(pub_month.year - 2, pub_month.year + 2)]
    if not rel:
        # "in the summer", "during winter": the latest that has begun by publication, or the
        # coming one (or the one under way) when the clause looks forward.
        season = m["s"].lower()
        before = ctx.text[max(0, m.start("m") - 16) : m.start("m")]
        plain = season in {"summer", "winter", "autumn"} and word_before(ctx.text, m.start("m"))
        if not (m["mod"] or _THE_SEASON.search(before) or plain in _SEASON_BEFORE):
            return None
        if _OF_AFTER.match(ctx.text, m.end("m")):
            return None  # "the fall of Kabul", "the spring of discontent"
        if ctx.tense(*m.span("m")) > 0:
            chosen = next(s for s in spans if s[1] >= pub_month)
        else:
            chosen = [s for s in spans if s[0] <= pub_month][-1]
        return chosen[0], chosen[1], Precision.MONTH, Rule.SEASON, 0.6, True
    if rel == "last":
        chosen = [s for s in spans if s[1] < pub_month][-1]
    elif rel == "next":
        chosen = next(s for s in spans if s[0] > pub_month)
    else:
        # "this winter": the one under way; else, in a past clause, the one just over ("troops
        # froze this winter" in March), otherwise the coming one ("this summer" in March).
        containing = [s for s in spans if s[0] <= pub_month <= s[1]]
        if containing:
            chosen = containing[0]
        elif ctx.tense(*m.span("m")) < 0:
            chosen = [s for s in spans if s[1] < pub_month][-1]
        else:
            chosen = next(s for s in spans if s[0] > pub_month)
    return chosen[0], chosen[1], Precision.MONTH, Rule.SEASON, 0.7, True


def _h_ago(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    if pub is None:
        return None
    n = number(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if unit in {"day", "week"}:
        # "two weeks ago" is the day two weeks back, as close as the text gets.
        days = n * (7 if unit == "week" else 1)
        conf = 0.75 if unit == "day" else 0.6
        return pub - datetime.timedelta(days=days), None, Precision.DAY, Rule.AGO, conf, True
    if unit == "decade":
        return datetime.date(pub.year - 10 * n, 1, 1), None, Precision.YEAR, Rule.AGO, 0.6, True
    if unit == "month":
        y, mo = add_months(pub.year, pub.month, -n)
        return datetime.date(y, mo, 1), None, Precision.MONTH, Rule.AGO, 0.75, True
    return datetime.date(pub.year - n, 1, 1), None, Precision.YEAR, Rule.AGO, 0.75, True


WEEKDAY_ALONE = Recognizer(_P_WEEKDAY, _h_weekday, tuple(WEEKDAYS), RELATIVES | {"coming", "past"})
TIME_OF_DAY = Recognizer(
    _P_TIME,
    _h_time_of_day,
    ("#day", "noon", "midnight", "midday"),
    frozenset({"around", "about", "shortly"}),
)
DAY_OFFSET = Recognizer(_P_DAY_OFFSET, _h_day_offset, ("day",), frozenset({"the"}))
RELATIVE_DAY = Recognizer(
    _P_RELDAY,
    _h_relday,
    ("today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"),
    frozenset({"the", "earlier", "later", "last", "this"}),
)
RELATIVE_PERIOD = Recognizer(
    _P_RELPERIOD,
    _h_relperiod,
    ("year", "month", "week"),
    RELATIVES | MODIFIERS | {"earlier", "later"},
)
WEEK_SPAN = Recognizer(
    _P_WEEK_SPAN,
    _h_week_span,
    ("week", "days"),
    frozenset({"earlier", "later", "over", "in", "during", "for", "the", "past", "last", "seven"}),
)
OVERNIGHT = Recognizer(_P_OVERNIGHT, _h_overnight, ("overnight",))
WEEKEND = Recognizer(
    _P_WEEKEND,
    _h_weekend,
    ("weekend",),
    frozenset({"over", "at", "during", "on", "this", "last", "next", "the", "past"}),
)
SEASON = Recognizer(_P_SEASON, _h_season, tuple(SEASONS), RELATIVES | MODIFIERS)
FROM_NOW = Recognizer(
    _P_FROM_NOW,
    _h_from_now,
    ("day", "days", "week", "weeks", "month", "months", "year", "years"),
    frozenset(NUMBER_WORDS) | {"#digit", "in"},
)
THE_YEAR = Recognizer(
    _P_THE_YEAR, _h_the_year, ("year",), frozenset({"the", "earlier", "later", "in"})
)
AGO = Recognizer(_P_AGO, _h_ago, ("ago",), frozenset(NUMBER_WORDS) | {"#digit"})
