"""Dates a news page prints about itself: publication stamps, story-lead dates, dated addresses.

Pages carry their own date as furniture around the story, in a handful of shapes:

* a stamp line near the headline or at the end: "15 June 2023", "13.09.2022",
  "27 May 2021 10:00 (UTC+04:00)", "Published: 17/07/2023 10:02", "Updated July 22, 2022 10:31 AM",
  "By Jane Roe | Oct 8, 2022", "PUBLISHED: 17/07/2023; STORY: ...";
* a date opening the story in place of a dateline: "July 17, 2023 - Russia has ...";
* an address with the date in its path: "/2023/05/20/", "/20220913/", "/wires/20201104-...",
  "-20230415-", "/2022-10-09/", "/stories/202306150007.html".

These readers only parse such strings and say what each date stands for (published, updated or
unlabelled; which of two readings of "05/06/2023" are possible). Which one to believe, and how
much, is decided in ``articles.text.metadata``, which knows where on the page a line stood.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from enum import StrEnum

from articles.text.cleaning import MONTH_NAMES, MONTH_PATTERN, is_date_line

__all__ = [
    "LeadDate",
    "Stamp",
    "StampKind",
    "UrlDate",
    "find_urls",
    "read_lead_date",
    "read_stamp",
    "starts_with_label",
    "url_date",
]


class StampKind(StrEnum):
    PUBLISHED = "published"  # labelled "Published", "Posted", "Date", ...
    UPDATED = "updated"  # labelled "Updated", "Modified", ...: the story may be older
    PLAIN = "plain"  # a date without a label: its place on the page says what it is


@dataclass(frozen=True, slots=True)
class Stamp:
    date: datetime.date
    kind: StampKind
    # The other reading of an all-numeric date such as "05/06/2023" (5 June or May 6), if valid.
    alternative: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class LeadDate:
    """A date opening a story paragraph in place of a dateline ("July 17, 2023 - ...")."""

    month: int
    day: int
    year: int | None
    text: str


@dataclass(frozen=True, slots=True)
class UrlDate:
    """What an address says of its page's date: a day, or only a year (and month)."""

    year: int
    month: int | None
    day: int | None
    text: str  # the part of the address that carries it

    @property
    def date(self) -> datetime.date | None:
        if self.month is None or self.day is None:
            return None
        return datetime.date(self.year, self.month, self.day)


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _plausible_year(year: int) -> bool:
    # Dated web addresses and stamps exist since the mid-1990s; a page is not from the future.
    return 1990 <= year <= datetime.date.today().year + 1


# --------------------------------------------------------------------------- stamp lines

_ORD = r"(?:st|nd|rd|th)?"
# Dates as stamps print them. Numeric forms: "17/07/2023", "13.09.2022", "2022-10-08T10:05",
# "13.09.22"; the first two numbers of a d/m/y form are read both ways when both are valid.
# Before the year: ", " or " " as in prose, and " ," as some sites print it ("09 October ,2022").
_YEAR_SEP = r"(?:,\s?|\s,?\s?)"
_STAMP_DATE = re.compile(
    rf"""(?<![\w/.-])(?:
        (?P<m1>{MONTH_PATTERN})\.?\s(?P<d1>\d{{1,2}}){_ORD}{_YEAR_SEP}(?P<y1>\d{{4}})
      | (?P<d2>\d{{1,2}}){_ORD}\s(?:of\s)?(?P<m2>{MONTH_PATTERN})\.?{_YEAR_SEP}(?P<y2>\d{{4}})
      | (?P<y3>\d{{4}})(?P<s3>[-/.])(?P<m3>\d{{1,2}})(?P=s3)(?P<d3>\d{{1,2}})
      | (?P<a4>\d{{1,2}})(?P<s4>[-/.])(?P<b4>\d{{1,2}})(?P=s4)(?P<y4>\d{{4}}|\d\d)
    )
    # A time glued to the year ("October 8, 20222:34 PM", scraped headers), else no more digits.
    (?:(?=\d{{1,2}}:\d\d)|(?![\d/]|\.\d))""",
    re.IGNORECASE | re.VERBOSE,
)
# Labels that only stamps use; "dated", "released" or "issued" also date letters and reports.
_PUBLISHED_LABEL = re.compile(
    r"""\b(?:(?:first\s|originally\s)?(?:published|posted)|publication\sdate|pub\.?\sdate
    |(?:date|created|filed|issued(?:\son)?)(?=\s?:))""",
    re.IGNORECASE | re.VERBOSE,
)
_UPDATED_LABEL = re.compile(r"\b(?:last\s)?(?:updated?|modified|revised)\b", re.IGNORECASE)
# What may stand between a label and its date: "Published: ", "Updated on Sat, ", "Posted at | ".
# What may stand between a label and its date: "Published: ", "Updated on Sat, ",
# "Updated 3:12 PM GMT+3, ", "Published 6:05 AM EDT, Sat ".
_LABEL_GAP = re.compile(
    r"""(?:[\s:|,.\-–—]|\b(?:on|at|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)
    (?:day)?|(?:wednes|satur)day)\b|\d{1,2}[:.]\d\d(?::\d\d)?|\b[ap]\.?m\b\.?
    |\b(?:gmt|utc|[a-z]{1,3}t)(?:[+-]\d{1,2}(?::?\d\d)?)?\b)*""",
    re.IGNORECASE | re.VERBOSE,
)
_DIGIT = re.compile(r"\d")
# "10:25 AM ET", "6:12 a.m. EDT": a US page, whose numeric dates are month-first.
_US_TIME_ZONE = re.compile(r"\d\s?[aApP]\.?[mM]\.?\s[ECMP][SD]?T(?![\w+-])")
_TIME_TAIL = re.compile(
    r"\d{1,2}[:.]\d\d(?::\d\d)?\s?(?:[ap]\.?m\.?)?(?:\s?[a-z]{2,5}(?:[+-]\d{1,2}(?::?\d\d)?)?)?$",
    re.IGNORECASE,
)
_BYLINE_START = re.compile(r"^\(?(?:by|written\sby|author|text\sby|words\sby)\b", re.IGNORECASE)
# Fields of a meta line: "Jane Roe | 8 Oct 2022", "Name · 13.09.2022", "Name - 8 Oct 2022".
_FIELD_SEPARATOR = re.compile(r"\s?[|•·;]\s?|\s[-–—]\s")


def _read_dates(line: str) -> list[tuple[datetime.date, datetime.date | None, re.Match[str]]]:
    """Each date in the line, with its other reading when its numbers can be read both ways."""
    found = []
    us = _US_TIME_ZONE.search(line) is not None
    for m in _STAMP_DATE.finditer(line):
        alternative = None
        if m["y1"]:
            d = _make_date(int(m["y1"]), MONTH_NAMES[m["m1"].lower()], int(m["d1"]))
        elif m["y2"]:
            d = _make_date(int(m["y2"]), MONTH_NAMES[m["m2"].lower()], int(m["d2"]))
        elif m["y3"]:
            d = _make_date(int(m["y3"]), int(m["m3"]), int(m["d3"]))
        else:
            year = int(m["y4"]) + (2000 if len(m["y4"]) == 2 else 0)
            a, b = int(m["a4"]), int(m["b4"])
            day_first = _make_date(year, b, a)
            month_first = _make_date(year, a, b)
            # Dots are day-first everywhere; slashes and dashes are day-first outside the US,
            # whose pages give their time zone ("10:25 AM ET").
            first, second = (month_first, day_first) if us else (day_first, month_first)
            d = first or second
            if m["s4"] != "." and first is not None and second not in (None, first):
                alternative = second
        if d is not None and _plausible_year(d.year):
            found.append((d, alternative, m))
    return found


def _label(segment: str) -> StampKind:
    """The label that ends ``segment`` (the text between the previous date and this one).

    A label opens a field: it starts the segment or follows a separator or a time of day, as in
    "Published: ...", "Name | Updated ...", "10:02 Updated ..."; "a report published on ..." is
    a sentence.
    """
    best: tuple[int, StampKind] | None = None
    for pattern, kind in (
        (_PUBLISHED_LABEL, StampKind.PUBLISHED),
        (_UPDATED_LABEL, StampKind.UPDATED),
    ):
        for m in pattern.finditer(segment):
            before = segment[: m.start()].rstrip()
            opens_field = not before or before[-1] in "|•·;,:/-–—(" or _TIME_TAIL.search(before)
            if (
                opens_field
                and _LABEL_GAP.fullmatch(segment, m.end())
                and (best is None or m.start() > best[0])
            ):
                best = (m.start(), kind)
    return best[1] if best else StampKind.PLAIN


def starts_with_label(line: str) -> bool:
    """Whether the line opens with a stamp label ("Published: ...", "Updated ...")."""
    line = line.lstrip(" ([|•·-–—")
    return bool(_PUBLISHED_LABEL.match(line) or _UPDATED_LABEL.match(line))


def read_stamp(line: str) -> list[Stamp]:
    """The dates a stamp line gives, each with its label; [] if the line is not a stamp line.

    A stamp line is a date-only line (``is_date_line``), a line where a label introduces a date
    ("PUBLISHED: 17/07/2023; STORY: ..."), a byline with a date, or a short line of fields of
    which one is a date alone ("Jane Roe | 8 Oct 2022"). Sentences that mention dates are not.
    """
    if len(line) > 160 or _DIGIT.search(line) is None:
        return []
    dates = _read_dates(line)
    if not dates:
        return []
    stamps = []
    previous_end = 0
    for d, alternative, m in dates:
        stamps.append(Stamp(d, _label(line[previous_end : m.start()]), alternative))
        previous_end = m.end()
    if any(s.kind is not StampKind.PLAIN for s in stamps) or is_date_line(line):
        return stamps
    if len(line.split()) <= 16 and (
        _BYLINE_START.match(line)
        or any(is_date_line(field) for field in _FIELD_SEPARATOR.split(line) if field)
    ):
        return stamps
    return []


# --------------------------------------------------------------------------- story lead

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# "July 17, 2023 - Russia ...", "17 July 2023 – ...", "Monday, July 17, 2023: ...",
# "July 17 (Reuters) - ..." (a wire dateline without a place).
_LEAD_DATE = re.compile(
    rf"""(?:{_WEEKDAY},?\s)?(?:
        (?P<m1>{MONTH_PATTERN})\.?\s(?P<d1>\d{{1,2}}){_ORD}(?:,?\s(?P<y1>\d{{4}}))?
      | (?P<d2>\d{{1,2}}){_ORD}\s(?P<m2>{MONTH_PATTERN})\.?(?:,?\s(?P<y2>\d{{4}}))?
    )\s?(?:\([^()\n]{{1,30}}\)\s?)?(?:[-–—]{{1,2}}|:)\s(?=[\"“‘'(]?[A-Z0-9])""",
    re.IGNORECASE | re.VERBOSE,
)


_LEAD_STARTS = frozenset(
    name[:3] for name in (*MONTH_NAMES, "mon", "tue", "wed", "thu", "fri", "sat", "sun")
)


def read_lead_date(text: str, pos: int = 0) -> LeadDate | None:
    """The date opening the paragraph at ``pos`` in place of a dateline, if there is one."""
    # Nearly every paragraph fails on its first letters: test those before the whole pattern.
    if not text[pos : pos + 1].isdigit() and text[pos : pos + 3].lower() not in _LEAD_STARTS:
        return None
    m = _LEAD_DATE.match(text, pos)
    if m is None:
        return None
    month = MONTH_NAMES[(m["m1"] or m["m2"]).lower()]
    day = int(m["d1"] or m["d2"])
    year = m["y1"] or m["y2"]
    if _make_date(int(year) if year else 2000, month, day) is None:
        return None
    if year and not _plausible_year(int(year)):
        return None
    return LeadDate(month, day, int(year) if year else None, m.group(0).strip())


# --------------------------------------------------------------------------- addresses

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”‘’()\[\]]+", re.IGNORECASE)
_URL_PATH = re.compile(r"^(?:[a-z]+://)?[^/?#]*(?P<path>.*)$", re.IGNORECASE)
# "/2023/05/20/", "/2023/5/20/", and year-month folders "/2023/05/" that date to the month.
_URL_SLASHED = re.compile(
    r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])(?:/(?P<d>0?[1-9]|[12]\d|3[01]))?(?=[/?#._-]|$)"
)
# "/2022-10-09/", "-2022-10-09-", "_2022_10_09".
_URL_DASHED = re.compile(r"(?<![\w])(?P<y>(?:19|20)\d\d)([-_])(?P<m>\d\d)\2(?P<d>\d\d)(?![\d])")
# A run of digits standing alone between separators: "/20220913/", "20201104-", "-20230415-",
# "202306150007.html", "20221102180359158908.amp".
_URL_DIGITS = re.compile(r"(?<![\w])\d{8,20}(?![\w])")


# YYYYMMDD, then HH, HHMM, HHMMSS, or HHMMSS and milli- or microseconds.
_COMPACT_LENGTHS = frozenset({8, 10, 12, 14, 17, 20})


def _compact_date(digits: str) -> datetime.date | None:
    """YYYYMMDD, optionally followed by a time of day (HH, HHMM, HHMMSS and fractions of it).

    Anything else is an identifier that happens to be long: "13621254", "202304159", a
    sixteen-digit post number.
    """
    if len(digits) not in _COMPACT_LENGTHS:
        return None
    d = _make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    if d is None:
        return None
    rest = digits[8:]
    limits = (24, 60, 60)
    for i, limit in enumerate(limits):
        part = rest[2 * i : 2 * i + 2]
        if len(part) == 2 and int(part) >= limit:
            return None
    return d


def find_urls(text: str) -> list[str]:
    """Web addresses printed in ``text``, trailing punctuation removed."""
    if "http" not in text and "www." not in text:
        return []
    return [m.group(0).rstrip(".,;:!?") for m in _URL.finditer(text)]


def url_date(url: str) -> UrlDate | None:
    """The date an address carries in its path, or None when it has none or contradicts itself.

    Only the path and query are read (hosts do not carry dates), and a run of digits counts only
    when it is a valid date followed by nothing or by a valid time of day, so article numbers are
    not taken for dates.
    """
    path = _URL_PATH.match(url.strip())
    if path is None:
        return None
    path = path["path"]
    found: list[UrlDate] = []
    for m in _URL_SLASHED.finditer(path):
        month = int(m["m"])
        day = int(m["d"]) if m["d"] else None
        if day is None or _make_date(int(m["y"]), month, day) is not None:
            found.append(UrlDate(int(m["y"]), month, day, m.group(0)))
    for m in _URL_DASHED.finditer(path):
        if (d := _make_date(int(m["y"]), int(m["m"]), int(m["d"]))) is not None:
            found.append(UrlDate(d.year, d.month, d.day, m.group(0)))
    for m in _URL_DIGITS.finditer(path):
        if (d := _compact_date(m.group(0))) is not None:
            found.append(UrlDate(d.year, d.month, d.day, m.group(0)))
    found = [u for u in found if _plausible_year(u.year)]
    if not found:
        return None
    days = {u.date for u in found if u.date is not None}
    if len(days) > 1 or len({u.year for u in found}) > 1:
        return None  # two different dates in one address: neither can be trusted
    return next((u for u in found if u.date is not None), found[0])
