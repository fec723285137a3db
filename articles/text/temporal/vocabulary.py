"""The words of English dates and the regex pieces the recognisers are built from.

Month and weekday names, number words, day and year shapes. Everything here is a plain table or a
regex fragment compiled into the recognisers' patterns at import time.
"""

from __future__ import annotations

import re

MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
FULL_MONTHS = list(MONTH_NUMBERS)[:12]
ABBR_MONTHS = list(MONTH_NUMBERS)[12:]
# Month anchors for the scanner are three-letter prefixes: "Sept." and "September" share one.
MONTH_ANCHORS = tuple(n[:3] for n in FULL_MONTHS)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def cased(words: list[str]) -> str:
    # Month and weekday names count only capitalised (or in capitals, as in datelines): lower-case
    # "may" is the modal verb and "march" the noun.
    alts = sorted(
        {w.capitalize() for w in words} | {w.upper() for w in words}, key=len, reverse=True
    )
    return "(?:" + "|".join(alts) + ")"


# Abbreviations need a following dot or a digit, or "Mar"/"Dec" would catch names.
MONTH = rf"(?:{cased(FULL_MONTHS)}|{cased(ABBR_MONTHS)}\.?)(?![A-Za-z])"
MONTH_FULL = rf"{cased(FULL_MONTHS)}(?![A-Za-z])"
WEEKDAY = rf"{cased(WEEKDAYS)}(?![\w-])"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.,:]\d|\s*%)"
# A year is a plausible calendar year that is not part of a number, an identifier or a decade.
YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)"
NOT_NUMBER_TAIL = r"(?![\w%/–—-]|[.,]\d)"
YEAR = YEAR_DIGITS + NOT_NUMBER_TAIL
DASH = r"\s*[-–—]\s*"
RANGE_WORD = r"\s+(?:to|through|until|till)\s+"
SEP = rf"(?:{DASH}|{RANGE_WORD})"
COUNT_NOUNS = (
    r"troops|soldiers|servicemen|people|persons|civilians|men|women|children|residents|refugees|"
    r"fighters|casualties|deaths|km|kilometers|kilometres|miles|meters|metres|dollars|euros|"
    r"manats|drams|rubles|roubles|tons|tonnes|units|vehicles|tanks|houses|homes|times|votes|"
    r"hectares|square"
)
NOT_COUNT = rf"(?!\s+(?:{COUNT_NOUNS})\b)"
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
NUM = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
# Years said in words, as in broadcast transcripts: "nineteen ninety-six", "two thousand and one".
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_VALUES = {
    w: i
    for words in (_UNITS, _TEENS)
    for i, w in enumerate(words.split("|"), start=1 if words == _UNITS else 10)
} | {w: 10 * i for i, w in enumerate(_TENS.split("|"), start=2)}
SPELLED_YEAR = (
    rf"(?i:(?:seventeen|eighteen|nineteen|twenty)[\s-]+(?:(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|"
    rf"{_TEENS}|oh[\s-]+(?:{_UNITS})|hundred)|two[\s-]+thousand(?:(?:\s+and)?[\s-]+"
    rf"(?:(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?|{_TEENS}|{_UNITS}))?)(?![\w-])"
)
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
MODIFIERS = frozenset({"early", "mid", "late"})
RELATIVES = frozenset({"last", "this", "next"})

_WORD_BEFORE = re.compile(r"(?:([A-Za-z]+)[\s-]+|(\())$")


def word_before(text: str, pos: int) -> str:
    """The lower-cased word (or opening bracket) right before pos, "" if none."""
    m = _WORD_BEFORE.search(text, max(0, pos - 24), pos)
    if m is None:
        return ""
    return (m.group(1) or m.group(2)).lower()


def day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def month_of(name: str) -> int:
    return MONTH_NUMBERS[name.rstrip(".").lower()]


def weekday_index(name: str | None) -> int | None:
    return WEEKDAYS.index(name.lower()) if name else None


def year_value(text: str) -> int:
    """The year written in digits ("1996") or in words ("nineteen ninety-six")."""
    if text.isdigit():
        return int(text)
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in {"and", "oh"}]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_WORD_VALUES[w] for w in words[2:])
    century = _WORD_VALUES[words[0]] * 100
    if words[1] == "hundred":
        return century
    return century + sum(_WORD_VALUES[w] for w in words[1:])


def number(word: str) -> int:
    word = word.lower()
    return NUMBER_WORDS[word] if word in NUMBER_WORDS else int(word)
