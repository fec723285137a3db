"""Years, spans of years and decades: "in 2020", "1992-1994", "from 1992 to 1994", "the 1990s".

Owns the rules ``year`` and ``range-years``. Four-digit numbers are everywhere in news copy
(counts, money, identifiers), so a bare one counts as a year only in a year's company.
"""

from __future__ import annotations

import datetime
import re

from .context import Ctx, Recognizer
from .mention import Precision, Value
from .rules import Rule
from .vocabulary import (
    DASH,
    MODIFIERS,
    NOT_COUNT,
    NOT_NUMBER_TAIL,
    SPELLED_YEAR,
    YEAR,
    YEAR_DIGITS,
    word_before,
    year_value,
)

_P_YEAR_RANGE = re.compile(
    rf"(?<![\w/.$€£-])(?P<m>(?P<y>{YEAR_DIGITS})(?:{DASH}|/)(?P<y2>\d{{4}}|\d{{2}}))"
    + NOT_NUMBER_TAIL
)
_P_YEAR_RANGE_WORDS = re.compile(
    rf"(?P<m>(?P<y>{YEAR})\s+(?i:to|and|until|till|through)\s+(?P<y2>{YEAR}))"
)
_P_DECADE = re.compile(r"(?<![\w-])(?P<m>(?:(?i:early|mid|late)[\s-]+)?(?P<y>1[5-9]\d0|20\d0)s)\b")
_P_YEAR = re.compile(
    rf"(?<![\w/.$€£#-])(?P<m>(?:(?P<mod>(?i:early|late|mid))[\s-]+|(?P<pp>(?i:pre|post))-|"
    rf"(?P<fiscal>(?i:fiscal)(?:\s+(?i:year))?\s+))?(?P<y>{YEAR}))(?P<post>\))?{NOT_COUNT}"
)
# "nineteen ninety-six", "the year two thousand".
_P_SPELLED_YEAR = re.compile(
    rf"(?<![\w-])(?P<m>(?P<the>(?i:the\s+year)\s+)?(?P<y>{SPELLED_YEAR})){NOT_COUNT}"
)
_YEAR_PREPOSITIONS = {
    "in", "since", "from", "until", "till", "by", "during", "throughout", "before", "after",
    "of", "around", "circa", "for", "the", "its", "end", "summer", "autumn", "fall", "spring",
    "winter", "(",
}  # fmt: skip
# Words after which a four-digit number is a quantity or an identifier, not a year.
_NOT_YEAR_AFTER = frozenset(
    {"than", "about", "some", "nearly", "almost", "approximately", "roughly", "over", "under",
     "least", "most", "just", "only", "no", "number", "nos", "resolution", "flight", "route",
     "room", "page", "pages", "article", "chapter", "section", "model", "code", "box", "suite",
     "unit", "battalion", "brigade", "regiment", "division", "squadron", "highway", "road",
     "street", "avenue", "apartment", "platform", "gate", "bus", "train", "line", "pp", "vol",
     "volume", "issue", "edition", "version", "killed", "kill", "wounded", "injured",
     "displaced", "evacuated", "arrested", "detained", "deployed", "rs", "usd", "eur", "gbp",
     "rub", "up", "minus", "plus", "times", "x"}
)  # fmt: skip
_UP_TO = re.compile(r"\b(?i:up\s+to)\s+$")
_BARE_YEAR_AFTER = frozenset(
    {"and", "or", "both", "to", "into", "through", "till", "year", "nor", "either", "neither"}
)
_WORD_AFTER = re.compile(r"(?:'s)?\s+[A-Za-z]")
_AFTER_NAME = re.compile(r"[a-z,]\s+[A-Z][a-z]+\s+$")


def _h_year_range_words(m: re.Match[str], ctx: Ctx) -> Value | None:
    if word_before(ctx.text, m.start("m")) not in {"from", "between"}:
        return None
    return _h_year_range(m, ctx)


def _h_year_range(m: re.Match[str], ctx: Ctx) -> Value | None:
    y1 = int(m["y"])
    y2s = m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if not y1 < y2 <= y1 + 100:
        return None
    first, last = datetime.date(y1, 1, 1), datetime.date(y2, 1, 1)
    ends = (m.span("y"), m.span("y2"))
    return first, last, Precision.YEAR, Rule.RANGE_YEARS, 0.9, False, ends


def _h_decade(m: re.Match[str], ctx: Ctx) -> Value | None:
    if word_before(ctx.text, m.start("m")) != "the":
        return None
    y = int(m["y"])
    first, last = datetime.date(y, 1, 1), datetime.date(y + 9, 1, 1)
    return first, last, Precision.YEAR, Rule.RANGE_YEARS, 0.7, False


def _h_year(m: re.Match[str], ctx: Ctx) -> Value | None:
    year = int(m["y"])
    if m["mod"] or m["pp"] or m["fiscal"]:
        # "mid-2020", "post-1959" and "fiscal 1989" stand alone.
        return datetime.date(year, 1, 1), None, Precision.YEAR, Rule.YEAR, 0.9, False
    pre = word_before(ctx.text, m.start("m"))
    if pre == "(":
        if not m["post"]:
            return None
        return datetime.date(year, 1, 1), None, Precision.YEAR, Rule.YEAR, 0.7, False
    if pre in _YEAR_PREPOSITIONS:
        conf = 0.9 if pre not in {"the", "its"} else 0.7
        return datetime.date(year, 1, 1), None, Precision.YEAR, Rule.YEAR, conf, False
    # A bare number in the span of recent history reads as a year ("his 1996 campaign", "a
    # 2021 coup", "in both 1990 and 1991") unless a count or an identifier is more likely.
    latest = ctx.published.year + 30 if ctx.published else 2099
    if pre in _NOT_YEAR_AFTER or not 1900 <= year <= latest:
        return None
    before = ctx.text[max(0, m.start() - 16) : m.start()]
    if _UP_TO.search(before) or _AFTER_NAME.search(before):
        return None  # "up to 2000", "Orion 1980", "Vision 2030": a quantity or part of a name
    # Prose puts a lone year after a preposition or a conjunction ("into 1990", "both 1990 and
    # 1991") or before the noun it dates ("a 2021 coup"); a year after a noun and before a
    # bracket or a full stop ("discoveries 2023 (…)") is a title's.
    if pre not in _BARE_YEAR_AFTER and not _WORD_AFTER.match(ctx.text, m.end("m")):
        return None
    return datetime.date(year, 1, 1), None, Precision.YEAR, Rule.YEAR, 0.7, False


def _h_spelled_year(m: re.Match[str], ctx: Ctx) -> Value | None:
    year = year_value(m["y"])
    words = m["y"].lower()
    if (words.startswith("two") or words.endswith("hundred")) and not (
        m["the"] or word_before(ctx.text, m.start("m")) in _YEAR_PREPOSITIONS - {"the", "its"}
    ):
        return None  # "two thousand" is a number unless a year is clearly meant
    return datetime.date(year, 1, 1), None, Precision.YEAR, Rule.YEAR, 0.8, False


YEAR_RANGE = Recognizer(_P_YEAR_RANGE, _h_year_range, ("#year",))
YEAR_RANGE_WORDS = Recognizer(
    _P_YEAR_RANGE_WORDS, _h_year_range_words, ("#year",), frozenset({"#digit"})
)
DECADE = Recognizer(_P_DECADE, _h_decade, ("#year",), MODIFIERS)
YEAR_ALONE = Recognizer(_P_YEAR, _h_year, ("#year",), MODIFIERS | {"pre", "post", "fiscal", "year"})
SPELLED = Recognizer(
    _P_SPELLED_YEAR,
    _h_spelled_year,
    ("nineteen", "twenty", "thousand"),
    frozenset({"two", "the", "year"}),
)
