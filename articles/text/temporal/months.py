"""Months without a day: "February 1988", "May-June 2021", "in September", "last March".

Owns the rules ``month-year``, ``range-months``, ``yearless-month`` and ``in-relative-year`` ("June
last year", "May 12 this year": that month or day of the year named relative to publication). A
month name alone is a date only after a preposition or a modifier, which tells "in May" from
Theresa May and the verb.
"""

from __future__ import annotations

import datetime
import re

from .calendar_math import safe_date
from .context import Ctx, Recognizer
from .mention import Precision, Value
from .rules import Rule
from .tense import LATER
from .vocabulary import (
    DAY,
    MODIFIERS,
    MONTH,
    MONTH_ANCHORS,
    MONTH_FULL,
    RELATIVES,
    SEP,
    SPELLED_YEAR,
    YEAR,
    day_number,
    month_of,
    word_before,
    year_value,
)

# "February 1988", "mid-May 2021", "May-June 2021", "September of 2022".
_P_MY = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?i:early|mid|late)[\s-]+)?(?P<mon>{MONTH})"
    rf"(?:{SEP}(?P<mon2>{MONTH}))?,?\s+(?:of\s+)?(?P<y>{YEAR}|{SPELLED_YEAR}))"
)
# A month with neither day nor year is only a month after a preposition or a modifier: that is
# what separates "in May" from Theresa May and the modal verb.
_P_MONTH = re.compile(
    rf"(?P<m>(?:(?P<rel>(?i:last|this|next))\s+)?(?P<mod>(?i:early|mid|late)[\s-]+)?"
    rf"(?P<mon>{MONTH_FULL}))(?!\s*\d)(?![\w-])"
)
# "June last year", "early October this year", "May 12 next year".
_P_IN_RELATIVE_YEAR = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?i:early|mid|late)[\s-]+)?(?P<mon>{MONTH})(?:\s+(?P<d>{DAY}))?,?"
    rf"\s+(?P<rel>(?i:last|this|next))\s+year)(?![\w-])"
)
# "the March accession", "a June agreement": a month before the noun it dates.
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "that", "this"})
_NOUN_AFTER = re.compile(r"\s+[a-z]{3,}")
_MONTH_PREPOSITIONS = {
    "in", "on", "since", "from", "until", "till", "by", "during", "through", "throughout",
    "before", "after", "of", "for", "between", "and", "to",
}  # fmt: skip


def _pick_month_year(month: int, ctx: Ctx, start: int, end: int, rel: str | None) -> int | None:
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
        cand = datetime.date(anchor.year, month, 1)
        if abs((cand - anchor.replace(day=1)).days) <= 183 and (
            pub is None or cand >= pub.replace(day=1) or ctx.tense(start, end) <= 0
        ):
            return anchor.year
    if pub is None:
        return None
    if rel == "last":
        return pub.year if month < pub.month else pub.year - 1
    if rel == "next":
        return pub.year if month > pub.month else pub.year + 1
    if rel == "this":
        return pub.year
    tense = ctx.tense(start, end)
    ahead = (month - pub.month) % 12  # months to the coming one; the past one is 12 - ahead back
    if tense == LATER:
        # Forward from a time of speaking already past: the nearer month, the past one on a tie.
        return pub.year + (month < pub.month) if 0 < ahead < 6 else pub.year - (month > pub.month)
    if tense > 0:
        return pub.year if month >= pub.month else pub.year + 1
    if tense == 0 and ahead > 0 and 3 * ahead < 12 - ahead:
        # No tense either way: the coming month when it is much nearer than the past one.
        return pub.year if month > pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _h_month_year(m: re.Match[str], ctx: Ctx) -> Value | None:
    year = year_value(m["y"])
    month = month_of(m["mon"])
    first = datetime.date(year, month, 1)
    if m["mon2"]:
        month2 = month_of(m["mon2"])
        if month2 != month:
            # "December-January 2021" runs across the new year, ending in the named one.
            if month2 < month:
                first = datetime.date(year - 1, month, 1)
            last = datetime.date(year, month2, 1)
            ends = ((m.start("m"), m.end("mon")), (m.start("mon2"), m.end("m")))
            return first, last, Precision.MONTH, Rule.RANGE_MONTHS, 0.9, False, ends
    return first, None, Precision.MONTH, Rule.MONTH_YEAR, 0.9, False


def _h_month(m: re.Match[str], ctx: Ctx) -> Value | None:
    rel = m["rel"].lower() if m["rel"] else None
    pre = word_before(ctx.text, m.start("m"))
    attributive = (
        pre in _DETERMINERS
        and m["mon"].lower() != "may"  # "the May government"
        and _NOUN_AFTER.match(ctx.text, m.end("m")) is not None
    )
    if not (rel or m["mod"] or pre in _MONTH_PREPOSITIONS or attributive):
        return None
    month = month_of(m["mon"])
    year = _pick_month_year(month, ctx, *m.span("m"), rel)
    if year is None:
        return None
    return datetime.date(year, month, 1), None, Precision.MONTH, Rule.YEARLESS_MONTH, 0.8, True


def _h_in_relative_year(m: re.Match[str], ctx: Ctx) -> Value | None:
    pub = ctx.published
    if pub is None:
        return None
    year = pub.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    month = month_of(m["mon"])
    if m["d"]:
        day = safe_date(year, month, day_number(m["d"]))
        if day is None:
            return None
        return day, None, Precision.DAY, Rule.IN_RELATIVE_YEAR, 0.85, True
    first = datetime.date(year, month, 1)
    return first, None, Precision.MONTH, Rule.IN_RELATIVE_YEAR, 0.85, True


MONTH_YEAR = Recognizer(_P_MY, _h_month_year, MONTH_ANCHORS, MODIFIERS)
IN_RELATIVE_YEAR = Recognizer(_P_IN_RELATIVE_YEAR, _h_in_relative_year, MONTH_ANCHORS, MODIFIERS)
MONTH_ALONE = Recognizer(_P_MONTH, _h_month, MONTH_ANCHORS, RELATIVES | MODIFIERS)
