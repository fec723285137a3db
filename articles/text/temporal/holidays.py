"""Named days: "Christmas", "New Year's Eve", "Thanksgiving Day", "Easter", "Orthodox Christmas".

Owns the rule ``holiday``. A holiday with its year ("Christmas 2020") is that day; "last/next/this
Christmas" the one before, after or in the year of publication; a bare one the occurrence its
clause points to, like a day without a year. Only holidays whose date follows from the calendar
alone are known: lunar ones (Ramadan, Eid) and national days that differ by country
("Independence Day", "Victory Day") are left alone rather than guessed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from .context import Ctx, Recognizer
from .mention import Precision, Value
from .rules import Rule
from .vocabulary import RELATIVES, YEAR


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    """The n-th (1-based; -1 for the last) such weekday of a month."""
    if n > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    after = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last = after - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> datetime.date:
    """Western Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _orthodox_easter(year: int) -> datetime.date:
    """Orthodox Easter Sunday: the Julian computus, moved to the Gregorian calendar."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = datetime.date(year, month, day + 1)
    return julian + datetime.timedelta(days=year // 100 - year // 400 - 2)


def _fixed(month: int, day: int) -> Callable[[int], datetime.date]:
    return lambda year: datetime.date(year, month, day)


# Lower-cased name (spaces collapsed, curly apostrophes straightened) -> its day in a year.
_HOLIDAYS: dict[str, Callable[[int], datetime.date]] = {
    "new year's day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "boxing day": _fixed(12, 26),
    "orthodox christmas": _fixed(1, 7),
    "orthodox christmas day": _fixed(1, 7),
    "orthodox christmas eve": _fixed(1, 6),
    "valentine's day": _fixed(2, 14),
    "halloween": _fixed(10, 31),
    "veterans day": _fixed(11, 11),
    "armistice day": _fixed(11, 11),
    "remembrance day": _fixed(11, 11),
    "easter": _easter,
    "easter sunday": _easter,
    "easter monday": lambda y: _easter(y) + datetime.timedelta(days=1),
    "good friday": lambda y: _easter(y) - datetime.timedelta(days=2),
    "palm sunday": lambda y: _easter(y) - datetime.timedelta(days=7),
    "orthodox easter": _orthodox_easter,
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
}
_NAMES = "|".join(
    re.escape(name).replace(r"\ ", r"\s+").replace("'", "['’]")
    for name in sorted(_HOLIDAYS, key=len, reverse=True)
)
# Capitalised, as names are ("christmas" in lower case is a season's word); not "Christmas
# Island", "Easter Island" or "the Good Friday Agreement".
_P_HOLIDAY = re.compile(
    rf"(?<![\w-])(?P<m>(?:(?P<rel>(?i:last|this|next))\s+)?(?P<name>{_NAMES})"
    rf"(?:,?\s+(?P<y>{YEAR}))?)(?![\w-])(?!\s+(?:Island|Agreement|Accords?|Rising|Offensive)\b)",
    re.IGNORECASE,
)


def _h_holiday(m: re.Match[str], ctx: Ctx) -> Value | None:
    name = m["name"]
    if not name[0].isupper():
        return None
    day_of = _HOLIDAYS[" ".join(name.lower().replace("’", "'").split())]
    if m["y"]:
        return day_of(int(m["y"])), None, Precision.DAY, Rule.HOLIDAY, 0.9, False
    pub = ctx.published
    if pub is None:
        return None
    cands = [day_of(y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    rel = (m["rel"] or "").lower()
    if rel == "last":
        day = [c for c in cands if c < pub][-1]
    elif rel == "next":
        day = next(c for c in cands if c > pub)
    elif rel == "this":
        day = cands[1]
    else:
        chosen = ctx.choose(cands, *m.span("m"))
        if chosen is None:
            return None
        day = chosen
    return day, None, Precision.DAY, Rule.HOLIDAY, 0.8, True


# Anchored on a word every name has that is rare in other prose, or on "day", "year", "friday",
# "sunday" and "monday" with the word before it as the head ("Boxing Day", "Orthodox Easter").
HOLIDAY = Recognizer(
    _P_HOLIDAY,
    _h_holiday,
    ("christmas", "easter", "thanksgiving", "halloween", "day", "year", "friday", "sunday",
     "monday"),
    RELATIVES | {"new", "good", "palm", "labor", "memorial", "boxing", "veterans", "armistice",
                 "remembrance", "valentine's", "valentine’s", "martin", "easter", "christmas",
                 "thanksgiving", "orthodox"},
)  # fmt: skip
