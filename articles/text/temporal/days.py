"""Days of the month: "September 27, 2020", "27 Sept.", "May 12-14", "2020-09-27".

Owns the rules ``absolute``, ``yearless`` and ``range-days`` (and gives "25" in "April 24 and 25"
the rule of the day before it). A day without its year takes the year of a date stated earlier in
its sentence, else the year its clause's tense points to (``Ctx.choose``).
"""

from __future__ import annotations

import re

from .calendar_math import safe_date
from .context import Ctx, Recognizer
from .mention import Precision, Value
from .rules import Rule
from .vocabulary import (
    DAY,
    MONTH,
    MONTH_ANCHORS,
    NOT_COUNT,
    SEP,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    day_number,
    month_of,
    weekday_index,
)

_P_ISO = re.compile(
    r"(?<![\w/.-])(?P<m>(?P<y>1[5-9]\d\d|20\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d))(?![\w/-]|\.\d)"
)
# "Wednesday, September 27, 2020", "Sept. 27 2020", "January, 11, 2021", "May 12-14, 2021",
# "November 10 (November 9 Moscow time), 2020", and year-less "May 12" / "May 12 to May 14".
_P_MDY = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH}),?\s+(?P<d>{DAY})"
    rf"(?:{SEP}(?:(?P<mon2>{MONTH})\s+)?(?P<d2>{DAY}))?"
    rf"(?:(?:\s*\([^()\n]{{1,60}}\))?,?\s+(?P<y>{YEAR}))?)"
)
# "27 September 2020", "the 27th of September", "12-14 May 2021", "Wednesday, 12 May".
_P_DMY = re.compile(
    rf"(?<![\w,.$€£-])(?P<m>(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<d>{DAY})"
    rf"(?:{SEP}(?P<d2>{DAY}))?(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?)"
)


# "April 24 and 25", "May 3, 4 and 5": a bare day number coordinated with the day before it.
_P_AND_DAY = re.compile(rf"(?<![\w.,$€£-])(?P<m>(?P<d>{DAY})){NOT_COUNT}(?!\s*(?:{MONTH}|[-–/]))")
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)")


def pick_year(
    month: int, day: int, ctx: Ctx, start: int, end: int, weekday: int | None
) -> tuple[int, bool] | None:
    """Year for a year-less day: (year, depends-on-publication) or None if it cannot be had."""
    prev = ctx.prev
    pub = ctx.published
    if prev is not None and ctx.prev_explicit_year and prev.start >= ctx.sentence(start)[0]:
        # "On November 9, 2020, ... starting from November 10": the sentence already set the year,
        # unless the clause points the other way from publication ("… will join on March 12").
        anchor = prev.last or prev.first
        cand = safe_date(anchor.year, month, day)
        if (
            cand is not None
            and abs((cand - anchor).days) <= 183
            and (pub is None or cand >= pub or ctx.tense(start, end) <= 0)
        ):
            return anchor.year, False
    if pub is None:
        return None
    cands = [c for y in (pub.year - 1, pub.year, pub.year + 1) if (c := safe_date(y, month, day))]
    if weekday is not None:
        # "Wednesday, May 12": the weekday pins the year when one candidate agrees with it.
        agreeing = [c for c in cands if c.weekday() == weekday]
        if len(agreeing) == 1:
            return agreeing[0].year, True
    chosen = ctx.choose(cands, start, end)
    return (chosen.year, True) if chosen else None


def _h_iso(m: re.Match[str], ctx: Ctx) -> Value | None:
    d = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (d, None, Precision.DAY, Rule.ABSOLUTE, 0.95, False) if d else None


def _h_day_month(m: re.Match[str], ctx: Ctx) -> Value | None:
    month = month_of(m["mon"])
    month2 = month_of(m["mon2"]) if m.groupdict().get("mon2") else month
    day = day_number(m["d"])
    day2 = day_number(m["d2"]) if m["d2"] else None
    if m["y"]:
        year, relative, rule, conf = int(m["y"]), False, Rule.ABSOLUTE, 0.95
    else:
        picked = pick_year(month, day, ctx, *m.span("m"), weekday_index(m["wd"]))
        if picked is None:
            return None
        year, relative = picked
        rule, conf = Rule.YEARLESS, 0.85
    first = safe_date(year, month, day)
    if first is None:
        return None
    if day2 is None:
        return first, None, Precision.DAY, rule, conf, relative
    last = safe_date(year + (month2 < month), month2, day2)
    if last is None or last <= first or (last - first).days > 62:
        # Not a range after all ("May 12 to 3"): keep the first day alone.
        return first, None, Precision.DAY, rule, conf, relative
    second = m.start("mon2") if m.groupdict().get("mon2") else m.start("d2")
    ends = ((m.start("m"), m.end("d")), (second, m.end("m")))
    return first, last, Precision.DAY, Rule.RANGE_DAYS, conf, relative, ends


def _h_and_day(m: re.Match[str], ctx: Ctx) -> Value | None:
    prev = ctx.prev
    if prev is None or prev.precision is not Precision.DAY or prev.last is not None:
        return None
    gap = _COORDINATION.fullmatch(ctx.text, prev.end, m.start("m"))
    if gap is None or Rule(prev.rule) not in {Rule.ABSOLUTE, Rule.YEARLESS}:
        return None
    day = safe_date(prev.first.year, prev.first.month, day_number(m["d"]))
    if day is None or day <= prev.first:
        return None
    return day, None, Precision.DAY, prev.rule, prev.confidence, prev.relative


ISO = Recognizer(_P_ISO, _h_iso, ("#year",))
MONTH_DAY_YEAR = Recognizer(_P_MDY, _h_day_month, MONTH_ANCHORS, frozenset(WEEKDAYS))
AND_DAY = Recognizer(_P_AND_DAY, _h_and_day, ("#day",))
DAY_MONTH_YEAR = Recognizer(
    _P_DMY, _h_day_month, MONTH_ANCHORS, frozenset({*WEEKDAYS, "the", "#digit"})
)
