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
from .vocabulary import DASH, MODIFIERS, NOT_COUNT, NOT_NUMBER_TAIL, YEAR, YEAR_DIGITS, word_before

_P_YEAR_RANGE = re.compile(
    rf"(?<![\w/.$€£-])(?P<m>(?P<y>{YEAR_DIGITS})(?:{DASH}|/)(?P<y2>\d{{4}}|\d{{2}}))"
    + NOT_NUMBER_TAIL
)
_P_YEAR_RANGE_WORDS = re.compile(
    rf"(?P<m>(?P<y>{YEAR})\s+(?i:to|and|until|till|through)\s+(?P<y2>{YEAR}))"
)
_P_DECADE = re.compile(r"(?<![\w-])(?P<m>(?:(?i:early|mid|late)[\s-]+)?(?P<y>1[5-9]\d0|20\d0)s)\b")
_P_YEAR = re.compile(
    rf"(?<![\w/.$€£#-])(?P<m>(?:(?P<mod>(?i:early|late|mid))[\s-]+)?(?P<y>{YEAR}))(?P<post>\))?"
    + NOT_COUNT
)
_YEAR_PREPOSITIONS = {
    "in", "since", "from", "until", "till", "by", "during", "throughout", "before", "after",
    "of", "around", "circa", "for", "the", "its", "end", "summer", "autumn", "fall", "spring",
    "winter", "(",
}  # fmt: skip


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
    pre = "in" if m["mod"] else word_before(ctx.text, m.start("m"))  # "mid-2020" stands alone
    if pre not in _YEAR_PREPOSITIONS or (pre == "(" and not m["post"]):
        return None
    conf = 0.9 if pre not in {"the", "its", "("} else 0.7
    return datetime.date(int(m["y"]), 1, 1), None, Precision.YEAR, Rule.YEAR, conf, False


YEAR_RANGE = Recognizer(_P_YEAR_RANGE, _h_year_range, ("#digit",))
YEAR_RANGE_WORDS = Recognizer(
    _P_YEAR_RANGE_WORDS, _h_year_range_words, ("#digit",), frozenset({"#digit"})
)
DECADE = Recognizer(_P_DECADE, _h_decade, ("#digit",), MODIFIERS)
YEAR_ALONE = Recognizer(_P_YEAR, _h_year, ("#digit",), MODIFIERS)
