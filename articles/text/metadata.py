"""Article metadata: headline, outlet, dateline and publication date.

The publication date is the anchor every relative expression ("on Friday", "last year") is
resolved against, so a wrong date silently shifts a whole chronology. Agency copy often prints
only a month and day ("BAKU, May 14. /TASS/."), and scraped pages may print nothing, so the
date is obtained in decreasing order of trust, and the method is reported with it. A date the
page does not state in full is INFERRED and stays below 0.8: a wrong date must never look sure.

1. the manifest's ``published`` (editor-supplied), confidence 1.0;
2. a full date the page states about itself (source TEXT): in the dateline (0.95); opening the
   story ("July 17, 2023 - Russia has ...", 0.9, 0.75 for a paragraph further down; never when
   several paragraphs open with dates, which is a list of events); on a stamp line
   (``articles.text.stamps``): labelled "Published"/"Posted" anywhere but after a widget ended
   the story (0.9), unlabelled between the headline and the story's first lines (0.9), further
   down (0.75), above the headline (0.7); an "Updated" stamp is used only without any other
   (0.7; 0.8 when the address gives the same day, and an address giving an earlier day is
   taken instead). Another stated date, the address, the dateline's day or a later date
   reported in the text that disagree cap the confidence at 0.6 and are named in the reasoning;
   a second place on the page that agrees raises it to 0.9. A numeric "04/03/2018" is read
   day-first (month-first on a page giving a US time zone); another date of the page or the
   address settles it, the lead's weekday or a reading older than what the text reports only
   leans (0.75), and a reading nothing settles stays at 0.6;
3. a date in the page's address (the manifest's ``url``, or the one dated address the text
   prints outside "Read more" lines): "/2023/05/20/", "/20220913/", "20201104-", "-20230415-",
   "/2022-10-09/"; 0.7, 0.75 when the dateline or the lead's weekday agrees, 0.45 when the text
   contradicts it; a dateline a day off keeps its day and takes the address's year;
4. a month and day without a year, from the dateline, the story's opening date, or "yesterday
   (December 7)": the year comes from a year-only address, else from the text. Candidate years
   start at the latest year it mentions in the past tense (and after the latest full date, since
   a report is not older than what it reports); "last year"/"last autumn" favour the year after
   a mentioned year; a weekday in the headline or lead sentence ("said on Friday") should be the
   day or a day or two before it, other past-tense weekdays weigh less; a weekday tied to a
   yearless date ("Tuesday (19 September)") or named as today ("today (Tuesday)") excludes every
   year it contradicts;
5. without any of these, the latest full date in the text in the past tense (typically a dated
   photo caption, but not a file, archive or satellite picture's) is a lower bound, and the
   publication day is the first on or after it from which all the past-tense weekdays mentioned
   ("on Monday morning", "began on Sunday") lie closest (or the weekday the text calls today);
   0.4 or 0.5. Only a date news pages print for the news day bounds it: a caption, a line the
   date ends (an embedded post), a date tied to its weekday; prose gives the year mostly for
   earlier events ("the war began on February 24, 2022");
6. otherwise ``None`` with source UNKNOWN and a reasoning saying what is missing. Ingestion
   may then date it from the corpus (timeline/ingest/dating.py): by the events its relative
   dates line up with, or, for a weekday tied to a yearless date ("on Saturday (May 20)"), in
   the one year around the corpus's own that fits (``date_within``, 0.35 at most).

Our rules read English month names and the numeric forms stamps print. A dateline or stamp line
in another language ("МОСКВА, 5 марта. /ТАСС/.", "Publié le 5 mars 2024", "2024年3月5日") or a
year-first "2024/03/05" line is read by dateparser, with the same trust as ours; it is called
only on the few such lines, since it costs about a millisecond a call.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import functools
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from articles.dates import date_range_problem
from articles.text.cleaning import (
    MONTH_NAMES,
    MONTH_PATTERN,
    Block,
    BlockKind,
    CleanText,
    Dateline,
    find_dateline,
)
from articles.text.scan import finditer_at, scan, shortest_prefixes
from articles.text.sentences import split_sentences
from articles.text.stamps import (
    LeadDate,
    Stamp,
    StampKind,
    UrlDate,
    find_urls,
    read_lead_date,
    read_stamp,
    starts_with_label,
    url_date,
)

__all__ = ["DateSource", "Metadata", "extract_metadata"]


class DateSource(StrEnum):
    MANIFEST = "manifest"
    TEXT = "text"
    INFERRED = "inferred"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    outlet: str | None
    dateline_place: str | None
    dateline_span: tuple[int, int] | None
    published: datetime.date | None
    published_source: DateSource
    published_confidence: float
    published_reasoning: str
    language: str


# --------------------------------------------------------------------------- outlets

# Spellings seen in datelines, bylines and self-references -> canonical short name.
_OUTLETS: dict[str, str] = {
    "tass": "TASS",
    "itar-tass": "TASS",
    "tasnim": "Tasnim",
    "tasnim news agency": "Tasnim",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "armenpress": "Armenpress",
    "rfe/rl": "RFE/RL",
    "radio free europe/radio liberty": "RFE/RL",
    "azatutyun": "RFE/RL",
    "al jazeera": "Al Jazeera",
    "oc media": "OC Media",
    "xinhua": "Xinhua",
    "trend": "Trend",
    "apa": "APA",
    "azertac": "AZERTAC",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "sputnik": "Sputnik",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "irna": "IRNA",
    "mehr": "Mehr",
    "press tv": "Press TV",
    "news.am": "News.am",
    "civilnet": "CivilNet",
    "eurasianet": "Eurasianet",
    "jam-news": "JAM News",
    "jamnews": "JAM News",
    "bbc": "BBC",
    "cnn": "CNN",
}
_URL_OUTLETS: dict[str, str] = {
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "tasnimnews.com": "Tasnim",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "armenpress.am": "Armenpress",
    "rferl.org": "RFE/RL",
    "azatutyun.am": "RFE/RL",
    "aljazeera.com": "Al Jazeera",
    "oc-media.org": "OC Media",
    "xinhuanet.com": "Xinhua",
    "trend.az": "Trend",
    "apa.az": "APA",
    "azertag.az": "AZERTAC",
    "aa.com.tr": "Anadolu",
    "news.am": "News.am",
    "civilnet.am": "CivilNet",
    "eurasianet.org": "Eurasianet",
    "jam-news.net": "JAM News",
    "presstv.ir": "Press TV",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
}
_OUTLET_WORDS = [name for name in sorted(_OUTLETS, key=len, reverse=True) if len(name) > 2]
_OUTLET_NAMES = "|".join(re.escape(name) for name in _OUTLET_WORDS)


# Outlet names that are also ordinary words or section names ("Trend", "Mehr" = "more").
_COMMON_WORD_OUTLETS = frozenset({"trend", "mehr", "apa", "ap"})
_OUTLET_MENTION = re.compile(rf"\b(?P<outlet>{_OUTLET_NAMES})\b", re.IGNORECASE)
# Context around a mention, checked only where an outlet name occurs (one scan of the body).
# An outlet naming itself: "told RFE/RL's Armenian Service", "Al Jazeera has learned".
_SELF_BEFORE = re.compile(
    r"\b(?:in an interview with|speaking to|interviewed by|contacted by)\s$", re.IGNORECASE
)
_SELF_AFTER = re.compile(
    r"^(?:['’]s\s[A-Z][\w-]*(?:\s[A-Z][\w-]*)?\sService\b"
    r"|\s(?:has learned|correspondent|reporter|contacted)\b)",
    re.IGNORECASE,
)
# "told X" alone is weak: agencies quote each other ("... told TASS" in a Tasnim story).
_TOLD_BEFORE = re.compile(r"\btold\s(?:the\s)?$", re.IGNORECASE)
# Third-party attribution marks an outlet as a source, not as the publisher.
_CITED_BEFORE = re.compile(
    r"\b(?:according to|quoted by|cited by|citing|reported by|via)\s(?:the\s)?$", re.IGNORECASE
)
_CITED_AFTER = re.compile(
    r"^\s(?:news\s)?(?:agency|reported|reports|quoted|cited|said|news agency)\b", re.IGNORECASE
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)", re.IGNORECASE)
_PLACE_WORD = re.compile(r"[A-Za-z][^\s/-]*")
_URL_HOST = re.compile(r"^(?:[a-z]+://)?(?:www\.)?([^/:?#]+)", re.IGNORECASE)


def _canonical_outlet(name: str) -> str:
    return _OUTLETS.get(name.strip().lower(), name.strip())


def _outlet_from_url(url: str) -> str | None:
    m = _URL_HOST.match(url.strip())
    if not m:
        return None
    host = m.group(1).lower()
    for domain, outlet in _URL_OUTLETS.items():
        if host == domain or host.endswith("." + domain):
            return outlet
    return None


def _outlet_from_text(body: str, removed: tuple[str, ...]) -> str | None:
    for line in removed:
        if _COPYRIGHT.search(line) and (m := _OUTLET_MENTION.search(line)):
            return _canonical_outlet(m["outlet"])
        # The site's masthead left over from the page header, e.g. a line "OC Media".
        if line.lower() in _OUTLETS and line.lower() not in _COMMON_WORD_OUTLETS:
            return _OUTLETS[line.lower()]
    cited: set[str] = set()
    score: Counter[str] = Counter()
    for m in scan(_OUTLET_MENTION, body, _OUTLET_WORDS):
        name = _canonical_outlet(m["outlet"])
        before = body[max(0, m.start() - 30) : m.start()]
        after = body[m.end() : m.end() + 40]
        if _CITED_BEFORE.search(before) or _CITED_AFTER.match(after):
            cited.add(name)
        elif _SELF_BEFORE.search(before) or _SELF_AFTER.match(after):
            score[name] += 2
        elif _TOLD_BEFORE.search(before):
            score[name] += 1
    ranked = [(n, s) for n, s in score.most_common() if n not in cited and s >= 2]
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


# --------------------------------------------------------------------------- dates

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_PATTERN = "|".join(_WEEKDAYS)
_ORD = r"(?:st|nd|rd|th)?"
_FULL_DATE = re.compile(
    rf"""\b(?:(?P<m1>{MONTH_PATTERN})\.?,?\s(?P<d1>\d{{1,2}}){_ORD},?\s(?P<y1>(?:19|20)\d\d)
    |(?P<d2>\d{{1,2}}){_ORD}\s(?:of\s)?(?P<m2>{MONTH_PATTERN})\.?,?\s(?P<y2>(?:19|20)\d\d)
    |(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)
    |(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>(?:19|20)\d\d))(?=\d{{1,2}}:\d\d|\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_MONTH_YEAR = re.compile(
    rf"\b(?P<m>{MONTH_PATTERN})\.?,?\s(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE | re.VERBOSE
)
# Not "2,020" or "$2020"; a comma after the year ("November 9, 2020, ...") is fine.
_YEAR = re.compile(r"(?<![\d.$€£/])(?<!\d,)(?P<y>(?:19|20)\d\d)(?!\d|,\d)")
# Numbers that look like years but count things ("1500 troops") or are targets ("by 2030").
_NOT_A_YEAR_AFTER = re.compile(
    r"\s?(?:people|troops|soldiers|men|km|kilometers|kilometres|meters|metres|units|tons|hectares"
    r"|dollars|euros|manats|drams|rubles|residents|refugees|servicemen)\b",
    re.IGNORECASE,
)
_NOT_A_YEAR_BEFORE = re.compile(r"\b(?:by|until|till|before)\s$", re.IGNORECASE)
_LAST_PERIOD = re.compile(
    r"\blast\s(?P<what>year|autumn|fall|summer|spring|winter)\b(?:['’]s)?", re.IGNORECASE
)
_WEEKDAY = re.compile(rf"\b(?P<w>{_WEEKDAY_PATTERN})\b", re.IGNORECASE)
# "Tuesday, February 16", "Tuesday (19 September)", "February 16 (Tuesday)": a weekday tied to a
# yearless date.
_WEEKDAY_DATE = re.compile(
    rf"""\b(?:(?P<w1>{_WEEKDAY_PATTERN}),?\s\(?(?:(?P<m1>{MONTH_PATTERN})\.?\s(?P<d1>\d{{1,2}})
    |(?P<d2>\d{{1,2}})\s(?P<m2>{MONTH_PATTERN}))
    |(?:(?P<m3>{MONTH_PATTERN})\.?\s(?P<d3>\d{{1,2}})|(?P<d4>\d{{1,2}})\s(?P<m4>{MONTH_PATTERN}))
    ,?\s\(?(?P<w2>{_WEEKDAY_PATTERN})\b)(?!,?\s(?:19|20)\d\d)""",
    re.IGNORECASE | re.VERBOSE,
)
_DATELINE_DATE = re.compile(
    rf"(?:(?P<m1>{MONTH_PATTERN})\.?\s(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s(?P<m2>{MONTH_PATTERN}))"
    r"\.?(?:,?\s(?P<y>\d{4}))?",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"""\b(?:will|shall|would|to\ be\ held|expected|scheduled|planned|plans?\ to|due\ to|set\ to
    |next|upcoming|coming|until)\b|['’]ll\b""",
    re.IGNORECASE | re.VERBOSE,
)
_CLAUSE_BREAK = re.compile(r"[.!?;]\s|\n")
# "yesterday (December 7)", "today (Tuesday)": the text naming the day it appeared.
_SELF_DAY = re.compile(
    rf"""\b(?P<rel>today|yesterday)\s?\((?:(?P<w>{_WEEKDAY_PATTERN}),?\s?)?
    (?:(?P<m1>{MONTH_PATTERN})\.?\s(?P<d1>\d{{1,2}})
      |(?P<d2>\d{{1,2}})\s(?P<m2>{MONTH_PATTERN}))?\)""",
    re.IGNORECASE | re.VERBOSE,
)
# Pictures not taken on the news day: a caption date on one is a loose lower bound only.
_ARCHIVAL = re.compile(
    r"\bfile\s(?:photo|picture|image)s?\b|\(file\)|\barchives?\b"
    r"|\bsatellite\s(?:image|imagery|photo|picture)s?\b",
    re.IGNORECASE,
)
# A picture credit ending a caption the cleaner kept as a paragraph: "... — AFP",
# "(Marwan Ali/AP)", "(Photo by Name)".
_CREDIT_END = re.compile(
    r"""(?:[.)]\s?[—–]\s?(?:[A-Z][\w.&/-]*\s?){1,3}
    |\((?:[^()]*/[^()]*|[^()]*\b(?:photo|picture|credit|courtesy)\b[^()]*)\))\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{_WEEKDAY_PATTERN}),?\s\(?\Z", re.IGNORECASE)
# Lines pointing at other stories: their addresses carry those stories' dates.
_LINK_CONTEXT = re.compile(
    r"\b(?:read|see|watch)\s(?:more|also|next)\b|\brelated\b|\balso\sread\b", re.IGNORECASE
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The case-insensitive scans of a whole body go through scan() (articles/text/scan.py): re tries
# a pattern such as _WEEKDAY at every position, str.find finds where its matches can begin far
# faster.
_MONTH_STARTS = shortest_prefixes(MONTH_NAMES)  # "jan", "sep": where a month name can begin


# The body is read for weekdays and dates by several steps in a row: each scan is done once.
@functools.lru_cache(maxsize=1)
def _weekday_mentions(body: str) -> tuple[re.Match[str], ...]:
    return tuple(scan(_WEEKDAY, body, _WEEKDAYS))


def _weekday_dates(body: str) -> list[re.Match[str]]:
    """``_WEEKDAY_DATE.finditer(body)``, tried only around the weekdays the body names."""
    found: list[re.Match[str]] = []
    for w in _weekday_mentions(body):
        # A pair reaches at most 24 characters before its weekday ("September 16, (Tuesday")
        # and 36 after its start ("Wednesday, (September 16" and a year that would rule it out).
        for m in _WEEKDAY_DATE.finditer(body, max(0, w.start() - 24), w.end() + 36):
            if (not found or m.start() >= found[-1].end()) and m.start() <= w.start() <= m.end():
                found.append(m)
    return found


def _month(name: str) -> int:
    return MONTH_NAMES[name.lower().rstrip(".")]


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _full_dates(text: str) -> list[tuple[datetime.date, int]]:
    found = []
    seen: set[int] = set()
    # Only scan small windows around year-like numbers: the month-name alternation is the
    # slowest regex of the pipeline and years are rare.
    for y in _YEAR_DIGITS.finditer(text):
        for m in _FULL_DATE.finditer(text, max(0, y.start() - 24), y.end() + 8):
            if m.start() in seen:
                continue
            seen.add(m.start())
            if m["y1"]:
                d = _make_date(int(m["y1"]), _month(m["m1"]), int(m["d1"]))
            elif m["y2"]:
                d = _make_date(int(m["y2"]), _month(m["m2"]), int(m["d2"]))
            elif m["y3"]:
                d = _make_date(int(m["y3"]), int(m["m3"]), int(m["d3"]))
            else:
                d = _make_date(int(m["y4"]), int(m["m4"]), int(m["d4"]))
            if d is not None:
                found.append((d, m.start()))
    found.sort(key=lambda item: item[1])
    return found


@functools.lru_cache(maxsize=1)
def _past_full_dates(body: str) -> tuple[tuple[datetime.date, int], ...]:
    """Full dates the body states, with their offsets, except those in a future-tense clause."""
    return tuple((d, pos) for d, pos in _full_dates(body) if not _is_future(body, pos))


def _mentioned_years(text: str) -> set[int]:
    years = set()
    # _YEAR starts with lookbehinds, so re tries it at every position; a year has no digit before
    # it, so it begins where a _YEAR_DIGITS match does (the quick scan).
    for m in finditer_at(_YEAR, text, [y.start() for y in _YEAR_DIGITS.finditer(text)]):
        if _NOT_A_YEAR_AFTER.match(text, m.end()):
            continue
        if _NOT_A_YEAR_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        if _is_future(text, m.start()):
            continue  # "elections will be held in 2024" says nothing of when the text appeared
        years.add(int(m["y"]))
    return years


def _is_future(text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` puts what follows in the future."""
    window = text[max(0, pos - 80) : pos]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    return _FUTURE.search(window) is not None


def _fmt(d: datetime.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _days(a: datetime.date, b: datetime.date) -> int:
    return abs((a - b).days)


@dataclass(frozen=True, slots=True)
class _DateResult:
    published: datetime.date | None
    source: DateSource
    confidence: float
    reasoning: str


def _unknown(reason: str) -> _DateResult:
    return _DateResult(None, DateSource.UNKNOWN, 0.0, reason)


# From 0.8 on a date counts as sure, and a wrong date must never look sure: anything short of
# the page stating the date (a year or a day only inferred, an address) stays at or below
# _INFERRED_CAP, and a stated date that other evidence contradicts at or below _CONFLICTED_CAP.
_SURE = 0.8
_INFERRED_CAP = 0.75
_CONFLICTED_CAP = 0.6


@dataclass(frozen=True, slots=True)
class _Stated:
    """A full date the page prints about itself, and how far it is believed on its own."""

    date: datetime.date
    confidence: float
    what: str  # where it was read, for the reasoning
    updated: bool = False
    alternative: datetime.date | None = None  # the other reading of "05/06/2023"


_STORY = (BlockKind.PARAGRAPH, BlockKind.LEDE)
_DIGIT = re.compile(r"\d")


def _stamps(clean: CleanText) -> list[_Stated]:
    """Dates on stamp lines: removed date and byline lines, short headings or ledes, and short
    paragraphs that open with a label.

    A stamp is believed by its label and its place: "Published"/"Posted" anywhere, an unlabelled
    date between the headline and the story's first lines, less above the headline (a site
    header may print the day the page was saved) or further down (a live blog's or a list's
    date), not at all after a widget ended the story (related headlines). "Updated" is a date the
    story may be older than.
    """
    blocks = clean.blocks
    paragraphs_before = [0]  # story paragraphs among the first k blocks
    for b in blocks:
        paragraphs_before.append(paragraphs_before[-1] + (b.kind in _STORY))
    has_title = bool(blocks) and blocks[0].kind is BlockKind.TITLE
    end = clean.ended if clean.ended is not None else len(clean.removed)
    placed = len(clean.removed_after) == len(clean.removed)
    # (line, place, where, whether our rules read it: else only another language's date is)
    lines = [
        (line, clean.removed_after[i] if placed else None, "on a line removed from the page", True)
        for i, line in enumerate(clean.removed[:end])
    ]
    for k, b in enumerate(blocks):
        if b.end - b.start > 160 or b.kind in (BlockKind.TITLE, BlockKind.CAPTION):
            continue
        line = clean.body[b.start : b.end]
        # A story paragraph is a stamp only when a label opens it ("Published: ..."): "the
        # report, published on May 2, ..." is a sentence.
        if _DIGIT.search(line) and (b.kind is not BlockKind.PARAGRAPH or starts_with_label(line)):
            lines.append((line, k, "on a line of the page", True))
        elif len(line) <= 100 and _DIGIT.search(line):
            # "Опубликовано 5 марта 2024": our labels are English.
            lines.append((line, k, "on a line of the page", False))

    found = []
    for line, after, where, ours in lines:
        stamps = read_stamp(line) if ours else []
        if not stamps and (other := _other_stamp(line)) is not None:
            stamps = [Stamp(other[0], StampKind.UPDATED if other[1] else StampKind.PLAIN)]
            where += ", read by dateparser"
        for stamp in stamps:
            if stamp.kind is StampKind.UPDATED:
                confidence = 0.7
            elif stamp.kind is StampKind.PUBLISHED:
                confidence = 0.9
            elif after is None:
                confidence = 0.75
            elif has_title and after == 0:
                confidence = 0.7  # a site header may print the day the page was saved
            else:
                confidence = 0.9 if paragraphs_before[after] <= 1 else 0.75
            found.append(
                _Stated(
                    stamp.date,
                    confidence,
                    f"{'an update stamp' if stamp.kind is StampKind.UPDATED else 'the stamp'} "
                    f"{line!r} {where}",
                    updated=stamp.kind is StampKind.UPDATED,
                    alternative=stamp.alternative,
                )
            )
    return found


def _lead_date(clean: CleanText) -> tuple[LeadDate, Block, bool] | None:
    """The date opening a story paragraph ("July 17, 2023 - ..."), and whether it opens the story.

    When several paragraphs open with a date the text is a list of events, not a dated report.
    """
    found = None
    story_seen = 0
    previous: Block | None = None
    for b in clean.blocks:
        if b.kind in _STORY:
            if (lead := read_lead_date(clean.body, b.start)) is not None:
                if found is not None:
                    return None
                opens = story_seen < 4 or (
                    previous is not None and previous.kind is not BlockKind.PARAGRAPH
                )
                found = (lead, b, opens)
            story_seen += 1
        previous = b
    return found


def _url_evidence(clean: CleanText, manifest: dict) -> tuple[UrlDate, str] | None:
    """The date in the page's address: the manifest's, or the one dated address the text prints.

    Addresses on lines that point at other stories ("Read more: ...") are skipped, and two
    addresses with different dates cancel out: which of them is this page's cannot be told.
    """
    if manifest.get("url") and (u := url_date(str(manifest["url"]))) is not None:
        return u, f"the manifest's address carries {u.text!r}"
    end = clean.ended if clean.ended is not None else len(clean.removed)
    lines = [line for line in clean.removed[:end] if "http" in line or "www." in line]
    if "http" in clean.body or "www." in clean.body:
        lines.extend(clean.body[b.start : b.end] for b in clean.blocks)
    found: tuple[str, UrlDate] | None = None
    seen: set[str] = set()
    for line in lines:
        urls = find_urls(line)
        if not urls or _LINK_CONTEXT.search(line):
            continue
        for url in urls:
            if url in seen:
                continue
            seen.add(url)
            if (u := url_date(url)) is None:
                continue
            if found is None:
                found = (url, u)
            elif (found[1].year, found[1].month, found[1].day) != (u.year, u.month, u.day):
                return None
    if found is None:
        return None
    return found[1], f"the address {found[0]} printed in the text carries {found[1].text!r}"


def _self_day(body: str) -> tuple[tuple[int, int, str, int] | None, int | None]:
    """What "today (...)"/"yesterday (...)" say of the day the text appeared: its month and day
    (with the offset of the mention), its weekday, or both."""
    month_day = weekday = None
    for m in scan(_SELF_DAY, body, ("today", "yesterday")):
        shift = 1 if m["rel"].lower() == "yesterday" else 0
        if m["w"] and weekday is None:
            weekday = (_WEEKDAYS.index(m["w"].lower()) + shift) % 7
        if (m["m1"] or m["m2"]) and month_day is None:
            # 2001 has no February 29: "yesterday (February 28)" is then March 1, as most years.
            d = _make_date(2001, _month(m["m1"] or m["m2"]), int(m["d1"] or m["d2"]))
            if d is not None:
                d += datetime.timedelta(days=shift)
                month_day = (d.month, d.day, f"{m.group(0)!r}", m.start())
    return month_day, weekday


def _lead_weekdays(text: str) -> list[str]:
    return [m["w"].lower() for m in _WEEKDAY.finditer(text) if not _is_future(text, m.start())]


def _past_weekdays(body: str) -> list[str]:
    """Weekdays the text mentions in the past tense, outside "Tuesday (19 September)" pairs."""
    return sorted(
        {
            m["w"].lower()
            for m in _weekday_mentions(body)
            if not _is_future(body, m.start()) and not _WEEKDAY_DATE.match(body, m.start())
        },
        key=_WEEKDAYS.index,
    )


def _weekday_pairs(body: str) -> list[tuple[int, int, int, str]]:
    """(weekday, month, day, text) of each "Tuesday (19 September)" in the text."""
    pairs = []
    for m in _weekday_dates(body):
        w = (m["w1"] or m["w2"]).lower()
        mon = m["m1"] or m["m2"] or m["m3"] or m["m4"]
        dd = m["d1"] or m["d2"] or m["d3"] or m["d4"]
        if _make_date(2000, _month(mon), int(dd)) is not None:
            pairs.append((_WEEKDAYS.index(w), _month(mon), int(dd), m.group(0)))
    return pairs


def _pair_date(year: int, month: int, day: int, near: datetime.date) -> datetime.date | None:
    """The date of a yearless "(weekday) month day" mentioned in a text of ``near``'s day: in the
    same year, unless that puts it more than two months after (then it was last year) or ten
    months before (then it is next year)."""
    d = _make_date(year, month, day)
    if d is None:
        return None
    if (d - near).days > 60:
        return _make_date(year - 1, month, day)
    if (near - d).days > 300:
        return _make_date(year + 1, month, day)
    return d


def _infer_year(
    month: int,
    day: int,
    what: str,
    body: str,
    lead_text: str,
    url: UrlDate | None,
    pub_weekday: int | None,
) -> _DateResult:
    """The year of a publication day known by its month and day only."""
    label = f"{datetime.date(2000, month, day):%B} {day}"
    if url is not None:
        year = url.year
        if url.month is not None and abs(url.month - month) > 6:
            year += 1 if url.month > month else -1  # a December address, a January dateline
        if (d := _make_date(year, month, day)) is not None:
            return _DateResult(
                d,
                DateSource.INFERRED,
                0.7,
                f"{what} gives {label} without a year; the year {year} comes from an address: "
                f"{url.text!r}.",
            )
    years = _mentioned_years(body)
    full = [d for d, _ in _past_full_dates(body)]
    if not years and not full:
        return _unknown(
            f"{what} gives {label} but the text mentions no year, so the year cannot be inferred."
        )
    low = max(years) if years else min(d.year for d in full)
    latest = max(full) if full else None
    if latest is not None:
        while (_make_date(low, month, day) or datetime.date(low, month, 28)) < latest:
            low += 1
    last_hint = next(iter(scan(_LAST_PERIOD, body, ("last",))), None)
    lead_weekdays = _lead_weekdays(lead_text)
    body_weekdays = [w for w in _past_weekdays(body) if w not in lead_weekdays]
    pairs = _weekday_pairs(body)

    scored: list[tuple[float, int, datetime.date, list[str], bool, list[str]]] = []
    for year in range(low, low + 3):
        d = _make_date(year, month, day)
        if d is None:
            continue
        score = -1.0 * (year - low)  # a text is seldom much younger than the years it names
        notes: list[str] = []
        against: list[str] = []
        sure = False  # a weekday tied to this very day agrees
        if last_hint and (year - 1) in years:
            score += 1.5
            notes.append(f"the text says '{last_hint.group(0)}' and mentions {year - 1}")
        for w in lead_weekdays:
            # The day a report names first is its dateline day, or a day or two before it.
            gap = (d.weekday() - _WEEKDAYS.index(w)) % 7
            score += {0: 2.0, 1: 1.0, 2: 0.5}.get(gap, -1.5)
            if gap == 0:
                sure = True
                notes.append(f"{_fmt(d)} was a {w.capitalize()}, matching 'on {w.capitalize()}'")
        for w in body_weekdays:
            gap = (d.weekday() - _WEEKDAYS.index(w)) % 7
            score += {0: 1.0, 1: 0.5, 2: 0.25}.get(gap, -0.5)
            if gap == 0:
                notes.append(f"{_fmt(d)} was a {w.capitalize()}, a day the text names")
        if pub_weekday is not None:
            if d.weekday() == pub_weekday:
                score += 2.0
                sure = True
                notes.append(f"{_fmt(d)} was a {d:%A}, the day the text calls today")
            else:
                against.append(f"the text's 'today' is a {_WEEKDAYS[pub_weekday].capitalize()}")
        for wd, pm, pd, text in pairs:
            pdate = _pair_date(year, pm, pd, d)
            if pdate is None:
                continue
            if pdate.weekday() == wd:
                score += 2.0
                sure = True
                notes.append(f"{_fmt(pdate)} was a {_WEEKDAYS[wd].capitalize()} ({text!r})")
            else:
                against.append(f"{_fmt(pdate)} was not a {_WEEKDAYS[wd].capitalize()} ({text!r})")
        scored.append((score, year, d, notes, sure, against))

    # A weekday tied to a date excludes every year in which that date fell on another day.
    allowed = [s for s in scored if not s[5]]
    conflict = not allowed
    if conflict:
        allowed = scored
    allowed.sort(key=lambda s: (-s[0], s[1]))
    best_score, year, best, notes, sure, against = allowed[0]
    margin = best_score - allowed[1][0] if len(allowed) > 1 else 2.0

    if latest is not None:
        notes.insert(0, f"the latest full date it mentions is {_fmt(latest)}")
    elif years:
        notes.insert(0, f"the latest year it mentions is {max(years)}")
    excluded = sorted(s[1] for s in scored if s[5])
    if excluded and not conflict:
        notes.append(f"{', '.join(map(str, excluded))} excluded by the weekdays it names")
    confidence = 0.45
    if latest is not None and (best - latest).days <= 366:
        confidence += 0.1
    if last_hint and (year - 1) in years:
        confidence += 0.1
    if sure:
        confidence += 0.15
    if margin < 1.0:
        confidence -= 0.15
    reasoning = (
        f"{what} gives {label} without a year; {year} is inferred because " + "; ".join(notes) + "."
    )
    if conflict:
        confidence = min(confidence, 0.4)
        reasoning += f" The text contradicts every candidate year: {'; '.join(against)}."
    return _DateResult(
        best, DateSource.INFERRED, round(max(0.3, min(confidence, _INFERRED_CAP)), 2), reasoning
    )


def _block_at(blocks: tuple[Block, ...], pos: int) -> Block | None:
    i = bisect.bisect_right([b.start for b in blocks], pos) - 1
    return blocks[i] if i >= 0 and pos < blocks[i].end else None


def _news_day_date(body: str, block: Block | None, pos: int) -> bool:
    """Whether the full date at ``pos`` is one news pages print for the news day.

    Prose gives the year mostly for earlier events ("the war began on February 24, 2022"); a
    caption ("... on April 15, 2023. (Name/AP)", "... — AFP"), a line a date ends (an embedded
    post's "— Name (@handle) June 7, 2023") or a date tied to its weekday ("on Wednesday (June
    14, 2023)") is the day of the news or close to it.
    """
    if block is None:
        return False
    if block.kind is BlockKind.CAPTION or _WEEKDAY_BEFORE.search(body, max(0, pos - 14), pos):
        return True
    text = body[block.start : block.end]
    if _CREDIT_END.search(text):
        return True
    m = _FULL_DATE.match(body, pos)
    return (
        m is not None
        and not body[m.end() : block.end].strip(' .,;)"”’')
        and len(text.split()) <= 30
    )


def _infer_from_text(
    clean: CleanText, pub_weekday: int | None, period: range | None = None
) -> _DateResult:
    """A publication day from the latest date the text states and the weekdays it has lived.

    The latest full date in the past tense (typically a dated photo caption) is a lower bound.
    Weekdays mentioned in the past tense ("on Saturday", "late on Wednesday") happened in the
    week before the text appeared; the day chosen is the first on or after the bound from which
    all of them lie closest, and a weekday the text calls today ("today (Tuesday)") must be it.
    A weekday tied to a month and day ("on Saturday (May 20)") is such a date in the one year
    that puts that day on that weekday: from the latest year the text mentions, or within
    ``period`` (the years of the corpus it joins, see ``date_within``).
    """
    body = clean.body
    full = list(_past_full_dates(body))
    weekdays = _past_weekdays(body)
    anchor_note = ""
    years = _mentioned_years(body) if period is None else set()
    if not full and (pairs := _weekday_pairs(body)) and (years or period):
        # "on Saturday (May 20)": the weekday picks the year among those allowed.
        allowed = range(max(years), max(years) + 3) if years else period
        for wd, pm, pd, text in pairs:
            fits = [
                d for y in allowed if (d := _make_date(y, pm, pd)) is not None and d.weekday() == wd
            ]
            pos = body.find(text)
            if len(fits) == 1 and not _is_future(body, pos):
                full.append((fits[0], pos))
                anchor_note = (
                    f" ({text!r}, in {fits[0].year}, the only year from {max(years)}, the latest "
                    "the text mentions, that puts that day on that weekday)"
                    if years
                    else f" ({text!r}, in {fits[0].year}, the only year from {allowed.start} to "
                    f"{allowed.stop - 1}, around the other reports', that puts that day on that "
                    "weekday)"
                )
    if not full:
        months = [m.group(0) for m in scan(_MONTH_YEAR, body, _MONTH_STARTS)]
        if months:
            return _unknown(
                f"No dateline date and no full date in the text; the most precise dates are "
                f"month-level ({', '.join(dict.fromkeys(months))}), which "
                + (
                    f"weekday mentions ({', '.join(w.capitalize() for w in weekdays)}) cannot "
                    "narrow to a day."
                    if weekdays
                    else "cannot be narrowed to a day."
                )
            )
        return _unknown(
            "Neither the dateline nor the text gives a full date"
            + (
                f"; the weekdays mentioned ({', '.join(w.capitalize() for w in weekdays)}) "
                "cannot be placed without one."
                if weekdays
                else "."
            )
        )
    latest, latest_pos = max(full)
    block = _block_at(clean.blocks, latest_pos)
    if block is not None and _ARCHIVAL.search(body, block.start, block.end):
        return _unknown(
            f"The latest full date in the text, {_fmt(latest)}, dates a file, archive or "
            "satellite picture: the article is from that day or later, but it says nothing of "
            "how much later."
        )
    if not anchor_note and not _news_day_date(body, block, latest_pos):
        return _unknown(
            f"The latest full date in the text, {_fmt(latest)}, is in the story, not on a "
            "picture, a post or a weekday: news copy gives the year for earlier events, so the "
            "article is from that day or later, but it says nothing of how much later."
        )
    if not weekdays and pub_weekday is None and period is not None and anchor_note:
        # Its news day ("said on Saturday (May 20)") is all the text has: the report is of that
        # day or the next, and the day itself dates its "on Monday" and "last week" as well.
        return _DateResult(
            latest,
            DateSource.INFERRED,
            0.3,
            f"No dated dateline; the latest full date in the text is {_fmt(latest)}{anchor_note}, "
            "the news day it reports, taken as its own: no later weekday is mentioned.",
        )
    if not weekdays and pub_weekday is None:
        return _unknown(
            f"The latest full date in the text is {_fmt(latest)}, so the article is from that day "
            "or later, but no weekday mention fixes the day."
        )
    wanted = [_WEEKDAYS.index(w) for w in weekdays]
    if pub_weekday is not None:
        candidate = latest + datetime.timedelta(days=(pub_weekday - latest.weekday()) % 7)
        why = f"the first {candidate:%A}, the day the text calls today"
    else:
        # Each past-tense weekday is its latest occurrence on or before the candidate day.
        candidate = min(
            (latest + datetime.timedelta(days=offset) for offset in range(7)),
            key=lambda c: (max((c.weekday() - w) % 7 for w in wanted), c),
        )
        names = ", ".join(f"'{w.capitalize()}'" for w in weekdays)
        why = f"the first day from which every past-tense weekday mentioned ({names}) lies closest"
    confidence = 0.5 if candidate.weekday() in wanted or pub_weekday is not None else 0.4
    return _DateResult(
        candidate,
        DateSource.INFERRED,
        confidence,
        f"No dated dateline; the latest full date in the text is {_fmt(latest)}{anchor_note} and "
        f"{_fmt(candidate)} ({candidate:%A}) is {why}.",
    )


# --------------------------------------------------------------------------- other languages

# Dates our rules do not read, in the shapes dateparser is asked about: a day, a month word that
# is not English and a year ("5 марта 2024", "5. März 2024", "5 de marzo de 2024", "5 مارس 2024"),
# a CJK "2024年3月5日" and a year-first "2024/03/05". \d also matches Arabic-Indic digits.
_OTHER_DATE = re.compile(
    r"""(?<![\w./-])(?:
        (?P<dmy>\d{1,2}\.?\s(?:de\s)?(?P<word>[^\W\d_]{3,12})\.?,?\s(?:de\s)?\d{4})
      | (?P<cjk>\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日)
      | (?P<ymd>\d{4}(?P<sep>[./])\d{1,2}(?P=sep)\d{1,2})
    )(?![\w/]|[.-]\d)""",
    re.VERBOSE,
)
# A wire dateline in another language: "МОСКВА, 5 марта. /ТАСС/.", "KHARTOUM, 5 mars 2024 (AFP)
# -", "الخرطوم، 16 أبريل (رويترز) -", the year often left out as in English copy.
_OTHER_DATELINE = re.compile(
    r"""(?P<place>[^\W\d_]{2,}(?:[ -][^\W\d_]{2,}){0,2})\s?(?P<comma>[,،])\s
    (?P<date>\d{1,2}\.?\s(?:de\s)?(?P<word>[^\W\d_]{3,12})(?:,?\s(?:de\s)?\d{4}(?:\sг(?=\.))?)?
      |(?:\d{4}\s?年\s?)?\d{1,2}\s?月\s?\d{1,2}\s?日)
    \s?(?:[./(:]|[-–—]\s)""",
    re.VERBOSE,
)
_FOUR_DIGITS = re.compile(r"\d{4}")
_TIME = re.compile(r"\d{1,2}[:h.]\d\d(?::\d\d)?", re.IGNORECASE)
# "Обновлено", "mis à jour", "aktualisiert", "actualizado", "atualizado", "aggiornato", "تحديث".
_OTHER_UPDATED = re.compile(
    r"обновлен|оновлен|mis\sà\sjour|aktualisiert|actualizad|atualizad|aggiornat|تحديث|更新",
    re.IGNORECASE,
)
_LATIN_LANGUAGES = ["en", "fr", "de", "es", "pt", "it"]
_SCRIPT_LANGUAGES = (
    (0x0400, 0x04FF, ["ru", "uk"]),
    (0x0600, 0x06FF, ["ar", "fa"]),
    (0x3040, 0x9FFF, ["zh", "ja"]),
)
_DATEPARSER_SETTINGS = {
    # A day and a month are required; a year dateparser would fill in is checked against the
    # text below, so a yearless date stays yearless.
    "REQUIRE_PARTS": ["day", "month"],
    "PREFER_DATES_FROM": "past",
    "PARSERS": ["absolute-time"],  # no "3 days ago", no Unix timestamps
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _languages(text: str) -> list[str]:
    """The languages a date may be written in, told cheaply by its script."""
    for ch in text:
        if ch.isalpha() and ord(ch) >= 0x0400:
            for low, high, languages in _SCRIPT_LANGUAGES:
                if low <= ord(ch) <= high:
                    return languages
    return _LATIN_LANGUAGES


def _dateparser_date(text: str) -> tuple[int | None, int, int] | None:
    """(year, month, day) of the date ``text`` states, year None when it states none."""
    import dateparser  # noqa: PLC0415  (about 60 ms to import, and most texts never need it)

    settings = _DATEPARSER_SETTINGS
    if (m := _OTHER_DATE.fullmatch(text)) and m["ymd"]:
        settings = {**settings, "DATE_ORDER": "YMD"}
    try:
        parsed = dateparser.parse(text, languages=_languages(text), settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    years = {int(y) for y in _FOUR_DIGITS.findall(text)}
    if parsed.year not in years:
        return (None, parsed.month, parsed.day)  # dateparser's guess, not the text's
    if not 1990 <= parsed.year <= datetime.date.today().year + 1:
        return None
    return (parsed.year, parsed.month, parsed.day)


def _english_month(word: str | None, date: str) -> bool:
    """Whether a date is one our rules read: an English month after a day without a dot
    ("12 April 2023", not the German "12. April 2023")."""
    return word is not None and word.lower() in MONTH_NAMES and "." not in date[:3]


def _other_dateline(body: str, block: Block) -> tuple[tuple[int | None, int, int], str] | None:
    """The date of a dateline in another language opening ``block``, and the dateline."""
    m = _OTHER_DATELINE.match(body, block.start, min(block.end, block.start + 80))
    if m is None or _english_month(m["word"], m["date"]):
        return None
    place = m["place"]
    # Wire copy prints the place in capitals; Arabic has no capitals but its own comma.
    if not (place.isupper() or m["comma"] == "،"):
        return None
    found = _dateparser_date(m["date"])
    return (found, m.group(0).strip()) if found else None


def _other_stamp(line: str) -> tuple[datetime.date, bool] | None:
    """The date of a stamp line our rules do not read, and whether it is an update stamp.

    The line must be the date and little else: a label, a time of day, short words ("le", "г.").
    """
    if len(line) > 100 or (m := _OTHER_DATE.search(line)) is None:
        return None
    if _english_month(m["word"], m.group(0)):
        return None  # an English date our rules chose not to take as a stamp
    rest = _TIME.sub(" ", line[: m.start()] + " " + line[m.end() :])
    if sum(len(w.strip(".,:;|()-–—")) > 3 for w in rest.split()) > 2:
        return None
    found = _dateparser_date(m.group(0))
    if found is None or found[0] is None:
        return None
    d = _make_date(*found)
    return (d, _OTHER_UPDATED.search(line) is not None) if d else None


# --------------------------------------------------------------------------- entry point


def _title_case_place(place: str) -> str:
    return _PLACE_WORD.sub(lambda m: m.group(0).capitalize(), place)


def _parse_manifest_date(value: object) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            day = datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            if problem := date_range_problem(day):
                raise ValueError(f"manifest 'published': {problem}")
            return day
    raise ValueError(
        f"manifest 'published' must be a real calendar date written YYYY-MM-DD, got {value!r}"
    )


# What a manifest entry's text fields may hold: their longest length (the article's columns).
_MANIFEST_TEXT = {"title": 500, "outlet": 120, "url": 1000, "language": 12}


def check_manifest_entry(manifest: dict) -> None:
    """Raise ValueError saying which field of a manifest entry is wrong and how: each text field
    must be text of a sane length, and ``url`` an http(s) address (a "javascript:" link would
    be stored and shown as a link)."""
    for name, longest in _MANIFEST_TEXT.items():
        value = manifest.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise ValueError(
                f"manifest {name!r} must be text, got {type(value).__name__} {value!r:.80}"
            )
        if len(value) > longest:
            raise ValueError(f"manifest {name!r} is {len(value):,} characters; at most {longest}")
    url = manifest.get("url")
    if url:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise ValueError(
                f"manifest 'url' must be an http:// or https:// address, got {url!r:.80}"
            )


def extract_metadata(clean: CleanText, manifest: dict | None = None) -> Metadata:
    """Title, outlet, dateline and publication date of a cleaned article. A manifest entry with
    a wrong field raises ValueError (``check_manifest_entry``)."""
    manifest = manifest or {}
    check_manifest_entry(manifest)
    body = clean.body
    blocks = clean.blocks

    title = manifest.get("title") or next(
        (body[b.start : b.end] for b in blocks if b.kind is BlockKind.TITLE), None
    )

    dateline = None
    dateline_span = None
    dateline_block = None
    story = [b for b in blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LEDE)]
    for b in story[:4]:
        if (found := find_dateline(body, b.start)) is not None:
            dateline, dateline_block = found, b
            dateline_span = (b.start, b.start + found.end)
            break

    outlet = None
    if manifest.get("outlet"):
        outlet = _canonical_outlet(str(manifest["outlet"]))
    elif manifest.get("url"):
        outlet = _outlet_from_url(str(manifest["url"]))
    if outlet is None and dateline is not None and dateline.agency:
        outlet = _canonical_outlet(dateline.agency)
    if outlet is None:
        outlet = _outlet_from_text(body, clean.removed)

    date = _publication_date(clean, manifest, dateline, dateline_block)
    return Metadata(
        title=title,
        outlet=outlet,
        dateline_place=_title_case_place(dateline.place) if dateline else None,
        dateline_span=dateline_span,
        published=date.published,
        published_source=date.source,
        published_confidence=date.confidence,
        published_reasoning=date.reasoning,
        language=str(manifest.get("language") or "en"),
    )


def _publication_date(
    clean: CleanText,
    manifest: dict,
    dateline: Dateline | None,
    dateline_block: Block | None,
) -> _DateResult:
    if manifest.get("published"):
        d = _parse_manifest_date(manifest["published"])
        return _DateResult(
            d, DateSource.MANIFEST, 1.0, f"Publication date {_fmt(d)} from the manifest."
        )

    body = clean.body
    stated: list[_Stated] = []
    month_day: tuple[int, int, str] | None = None
    lead_block = dateline_block
    if dateline_block is not None and dateline_block.start + dateline.end >= dateline_block.end:
        # A dateline on its own line: the report's first sentence is in the next paragraph.
        lead_block = next(
            (b for b in clean.blocks if b.start > dateline_block.start and b.kind in _STORY),
            None,
        )
    if dateline is not None and dateline.date_text and dateline_block is not None:
        text = body[dateline_block.start : dateline_block.start + dateline.end].strip()
        m = _DATELINE_DATE.match(dateline.date_text)
        if m:
            month = _month(m["m1"] or m["m2"])
            day = int(m["d1"] or m["d2"])
            if m["y"] and (d := _make_date(int(m["y"]), month, day)):
                stated.append(_Stated(d, 0.95, f"the dateline {text!r}"))
            elif _make_date(2000, month, day) is not None:
                month_day = (month, day, f"The dateline {text!r}")
    if dateline is None or not dateline.date_text:
        for b in [b for b in clean.blocks if b.kind in _STORY][:4]:
            if (other := _other_dateline(body, b)) is not None:
                (year, month, day), text = other
                if year is not None and (d := _make_date(year, month, day)):
                    stated.append(_Stated(d, 0.95, f"the dateline {text!r}, read by dateparser"))
                elif _make_date(2000, month, day) is not None:
                    month_day = (month, day, f"The dateline {text!r}, read by dateparser,")
                lead_block = b
                break
    if (lead := _lead_date(clean)) is not None:
        found, block, opens = lead
        if found.year is not None:
            d = datetime.date(found.year, found.month, found.day)
            stated.append(
                _Stated(d, 0.9 if opens else 0.75, f"the date opening the story {found.text!r}")
            )
        elif month_day is None:
            month_day = (found.month, found.day, f"The date opening the story {found.text!r}")
            lead_block = block
    stated.extend(_stamps(clean))
    url = _url_evidence(clean, manifest)
    self_month_day, pub_weekday = _self_day(body)
    if month_day is None and self_month_day is not None:
        month, day, text, pos = self_month_day
        month_day = (month, day, f"The text's {text}")
        lead_block = _block_at(clean.blocks, pos)

    if stated:
        weekdays = set()
        if any(st.alternative for st in stated):
            weekdays = {_WEEKDAYS.index(w) for w in _lead_weekdays(_lead_text(clean, lead_block))}
        return _from_stated(stated, url, month_day, body, weekdays)
    if url is not None and url[0].date is not None:
        return _from_url(url, month_day, body, _lead_text(clean, lead_block))
    if month_day is not None:
        return _infer_year(
            *month_day,
            body,
            _lead_text(clean, lead_block),
            url[0] if url else None,
            pub_weekday,
        )
    return _infer_from_text(clean, pub_weekday)


# A date read by ``date_within`` rests on the corpus's period, not on the text: it is a guess.
PERIOD_CONFIDENCE = 0.35


def date_within(clean: CleanText, meta: Metadata, years: Collection[int]) -> Metadata:
    """``meta`` with a publication date when its text gives no year but ties a weekday to a
    month and day ("on Saturday (May 20)"): the year is the one, from a year before ``years``
    (those of the corpus the text joins: a chronology follows one conflict's period) to a year
    after, that puts that day on that weekday, when exactly one does. The date is then read as
    ``_infer_from_text`` reads one, with PERIOD_CONFIDENCE at most. Unchanged otherwise."""
    if meta.published is not None or not years:
        return meta
    period = range(min(years) - 1, max(years) + 2)
    result = _infer_from_text(clean, _self_day(clean.body)[1], period)
    if result.published is None:
        return meta
    return dataclasses.replace(
        meta,
        published=result.published,
        published_source=DateSource.INFERRED,
        published_confidence=min(result.confidence, PERIOD_CONFIDENCE),
        published_reasoning=f"No year in the text. {result.reasoning}",
    )


def _lead_text(clean: CleanText, block: Block | None) -> str:
    """The headline and the first sentence of the dateline paragraph (else of the first story
    paragraph): where a report names its day."""
    titles = "\n".join(
        clean.body[b.start : b.end] for b in clean.blocks if b.kind is BlockKind.TITLE
    )
    if block is None:
        block = next((b for b in clean.blocks if b.kind is BlockKind.PARAGRAPH), None)
    if block is None:
        return titles
    # The first sentence is all that is needed: a paragraph may be the whole of a long text.
    sentences = split_sentences(clean.body, block.start, min(block.end, block.start + 1000))
    return f"{titles}\n{sentences[0].text}" if sentences else titles


def _latest_past_date(body: str) -> datetime.date | None:
    past = _past_full_dates(body)
    return max(past)[0] if past else None


def _pick_reading(
    stamp: _Stated,
    support: list[datetime.date],
    weekdays: set[int],
    latest: datetime.date | None,
) -> tuple[datetime.date, float, str]:
    """The reading of an all-numeric "04/03/2018" the rest of the page backs, the confidence it
    leaves, and what doubt remains.

    Another date of the page or the address (within a day) settles it. Weaker: being the weekday
    the report opens with (a report may open with the day before), or the other reading being
    older than what the text reports. Otherwise the first reading stands, unsure.
    """
    readings = [stamp.date, stamp.alternative]
    slack = datetime.timedelta(days=1)
    dated = [d for d in readings if d and any(_days(d, x) <= 1 for x in support)]
    if len(dated) == 1:
        return dated[0], 1.0, ""
    possible = [d for d in readings if d and (latest is None or latest <= d + slack)] or readings
    named = [d for d in possible if d and d.weekday() in weekdays]
    if len(possible) == 1 or len(named) == 1:
        chosen = possible[0] if len(possible) == 1 else named[0]
        other = readings[1] if chosen == readings[0] else readings[0]
        why = "older than what the text reports" if len(possible) == 1 else "another weekday"
        return chosen, _INFERRED_CAP, f"its numbers could also be read as {_fmt(other)}, {why}"
    return stamp.date, _CONFLICTED_CAP, f"its numbers can also be read as {_fmt(readings[1])}"


def _from_stated(
    stated: list[_Stated],
    url: tuple[UrlDate, str] | None,
    month_day: tuple[int, int, str] | None,
    body: str,
    lead_weekdays: set[int],
) -> _DateResult:
    """The best date the page states about itself, checked against the rest of the evidence."""
    primary = [s for s in stated if not s.updated]
    updated = [s for s in stated if s.updated]
    url_day = url[0].date if url else None
    if not primary:
        return _from_update(min(updated, key=lambda s: s.date), url, body)
    best = max(primary, key=lambda s: s.confidence)  # the first of the most trusted
    date, confidence = best.date, best.confidence
    notes: list[str] = []
    doubts: list[str] = []
    against: list[str] = []
    others = [s for s in primary if s is not best]
    latest = _latest_past_date(body)
    if best.alternative is not None:
        support = [s.date for s in others if s.alternative is None]
        date, cap, doubt = _pick_reading(
            best, [*support, *([url_day] if url_day else [])], lead_weekdays, latest
        )
        confidence = min(confidence, cap)
        if doubt and cap <= _CONFLICTED_CAP:
            against.append(doubt)
        elif doubt:
            doubts.append(doubt)
    for s in others:
        if _days(s.date, date) <= 1 or (s.alternative and _days(s.alternative, date) <= 1):
            notes.append(f"{s.what} agrees")
        else:
            against.append(f"{s.what} gives {_fmt(s.date)}")
    for s in updated:
        if s.date < date - datetime.timedelta(days=1):
            against.append(f"{s.what} is earlier ({_fmt(s.date)})")
    if url_day is not None:
        if _days(url_day, date) <= 1:
            notes.append(f"{url[1]}, which agrees")
        else:
            against.append(f"{url[1]} ({_fmt(url_day)})")
    if month_day is not None and (month_day[0], month_day[1]) != (date.month, date.day):
        near = _make_date(date.year, month_day[0], month_day[1])
        if near is None or _days(near, date) > 1:
            against.append(f"{month_day[2][0].lower()}{month_day[2][1:]} gives another day")
    if latest is not None and latest > date + datetime.timedelta(days=1):
        against.append(f"the text reports {_fmt(latest)}, later than that")
    if against:
        confidence = min(confidence, _CONFLICTED_CAP)
    elif notes and not doubts and confidence < 0.9:
        confidence = 0.9  # two independent places on the page say the same
    reasoning = f"Publication date {_fmt(date)} from {best.what}"
    if notes or doubts:
        reasoning += "; " + "; ".join(notes + doubts)
    if against:
        reasoning += ". Conflicting evidence lowers the confidence: " + "; ".join(against)
    return _DateResult(date, DateSource.TEXT, round(confidence, 2), reasoning + ".")


def _from_update(update: _Stated, url: tuple[UrlDate, str] | None, body: str) -> _DateResult:
    """Only an "Updated" stamp: the story is from that day or somewhat before."""
    url_day = url[0].date if url else None
    if url_day is not None and url_day < update.date - datetime.timedelta(days=1):
        return _DateResult(
            url_day,
            DateSource.INFERRED,
            0.7,
            f"Only an update date is printed ({update.what}, {_fmt(update.date)}); {url[1]}, "
            f"and {_fmt(url_day)} is taken as the day the story first appeared.",
        )
    confidence = update.confidence
    reasoning = (
        f"Only an update date is printed ({update.what}); {_fmt(update.date)} is used, the story "
        "may be slightly older"
    )
    if url_day is not None and _days(url_day, update.date) <= 1:
        confidence = _SURE
        reasoning += f"; {url[1]}, which agrees"
    elif url_day is not None:
        confidence = 0.5
        reasoning += f"; {url[1]}, a later day ({_fmt(url_day)})"
    latest = _latest_past_date(body)
    if latest is not None and latest > update.date + datetime.timedelta(days=1):
        confidence = min(confidence, 0.5)
        reasoning += f"; the text reports {_fmt(latest)}, later than that"
    return _DateResult(update.date, DateSource.TEXT, confidence, reasoning + ".")


def _from_url(
    url: tuple[UrlDate, str],
    month_day: tuple[int, int, str] | None,
    body: str,
    lead_text: str,
) -> _DateResult:
    """A date carried by the page's address: the publication day, or within a day or so of it."""
    u, where = url
    date = u.date
    assert date is not None
    confidence = 0.7
    notes: list[str] = []
    against: list[str] = []
    if month_day is not None:
        month, day, what = month_day
        near = min(
            (
                d
                for y in (date.year - 1, date.year, date.year + 1)
                if (d := _make_date(y, month, day))
            ),
            key=lambda d: _days(d, date),
        )
        if near == date:
            notes.append(f"{what[0].lower()}{what[1:]} gives the same day")
            confidence = _INFERRED_CAP
        elif _days(near, date) <= 1:
            # The text states the day; the address, written a few hours apart, gives the year.
            notes.append(f"{what[0].lower()}{what[1:]} gives {_fmt(near)}, which is used")
            date = near
        else:
            against.append(f"{what[0].lower()}{what[1:]} gives another day")
    weekdays = _lead_weekdays(lead_text)
    if date.weekday() in {_WEEKDAYS.index(w) for w in weekdays} and not against:
        notes.append(f"{_fmt(date)} was a {date:%A}, the day the report opens with")
        confidence = _INFERRED_CAP
    latest = _latest_past_date(body)
    if latest is not None and latest > date + datetime.timedelta(days=1):
        against.append(f"the text reports {_fmt(latest)}, later than that")
    if against:
        confidence = 0.45
    reasoning = f"No date printed on the page; {where}, taken as the publication day {_fmt(date)}"
    if notes:
        reasoning += "; " + "; ".join(notes)
    if against:
        reasoning += ". Conflicting evidence lowers the confidence: " + "; ".join(against)
    return _DateResult(date, DateSource.INFERRED, confidence, reasoning + ".")
