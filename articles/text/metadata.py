"""Article metadata: headline, outlet, dateline and publication date.

The publication date is the anchor every relative expression ("on Friday", "last year") is
resolved against, so a wrong date silently shifts a whole chronology. Agency copy often prints
only a month and day ("BAKU, May 14. /TASS/."), and scraped pages may print nothing, so the
date is obtained in decreasing order of trust, and the method is reported with it:

1. the manifest (editor-supplied), confidence 1.0;
2. a full date in the dateline, or on a byline/date line the cleaner removed
   ("Published: 14 May 2021"), confidence 0.9 (0.7 for an "Updated" line);
3. the dateline's month and day with the year inferred: candidate years start at the latest
   year the text mentions (and after the latest full date it mentions, since a report is not
   older than what it reports); "last year"/"last autumn" favour the year after a mentioned
   year; a weekday in the dateline sentence ("said on Friday") should be the dateline day or a
   day or two before it; "Tuesday, February 16" style pairs must agree;
4. without a dated dateline, the latest full date in the text (typically a dated photo caption)
   is a lower bound and past-tense weekday mentions pick the day: the publication date is the
   first day on or after that date by which every past-tense weekday mentioned ("on Monday
   morning", "began on Sunday") has occurred on or after the bound;
5. otherwise ``None`` with source UNKNOWN and a reasoning saying what is missing.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from articles.text.cleaning import (
    MONTH_NAMES,
    MONTH_PATTERN,
    Block,
    BlockKind,
    CleanText,
    Dateline,
    find_dateline,
    is_date_line,
)
from articles.text.scan import finditer_at, lowered, offsets, scan, shortest_prefixes
from articles.text.sentences import split_sentences

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
# "Tuesday, February 16" / "February 16 (Tuesday)": a weekday tied to a yearless date.
_WEEKDAY_DATE = re.compile(
    rf"""\b(?:(?P<w1>{_WEEKDAY_PATTERN}),?\s(?:(?P<m1>{MONTH_PATTERN})\.?\s(?P<d1>\d{{1,2}})
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
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The case-insensitive scans of a whole body go through scan() (articles/text/scan.py): re tries
# a pattern such as _WEEKDAY at every position, str.find finds where its matches can begin far
# faster.
_MONTH_STARTS = shortest_prefixes(MONTH_NAMES)  # "jan", "sep": where a month name can begin
_DIGIT_RUN = re.compile(r"\d+")


def _weekday_dates(text: str) -> list[re.Match[str]]:
    """``_WEEKDAY_DATE.finditer(text)``: its matches begin with a weekday, a month or a number."""
    low = lowered(text)
    if low is None:
        return list(_WEEKDAY_DATE.finditer(text))
    if not any(day in low for day in _WEEKDAYS):
        return []  # every match names a weekday
    starts = set(offsets(low, (*_WEEKDAYS, *_MONTH_STARTS)))
    # A number begins a match only at its first digit (the pattern starts with \b).
    starts.update(m.start() for m in _DIGIT_RUN.finditer(text))
    return finditer_at(_WEEKDAY_DATE, text, sorted(starts))


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


def _mentioned_years(text: str) -> set[int]:
    years = set()
    # _YEAR starts with lookbehinds, so re tries it at every position; a year has no digit before
    # it, so it begins where a _YEAR_DIGITS match does (the quick scan).
    for m in finditer_at(_YEAR, text, [y.start() for y in _YEAR_DIGITS.finditer(text)]):
        if _NOT_A_YEAR_AFTER.match(text, m.end()):
            continue
        if _NOT_A_YEAR_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue
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


@dataclass(frozen=True, slots=True)
class _DateResult:
    published: datetime.date | None
    source: DateSource
    confidence: float
    reasoning: str


def _unknown(reason: str) -> _DateResult:
    return _DateResult(None, DateSource.UNKNOWN, 0.0, reason)


def _from_date_lines(removed: tuple[str, ...]) -> _DateResult | None:
    updated: tuple[datetime.date, str] | None = None
    for line in removed:
        if not is_date_line(line):
            continue
        dates = _full_dates(line)
        if not dates:
            continue
        d, pos = dates[0]
        label = _UPDATED.search(line)
        # "Sept 13, 2022 2:34 PM Updated 2 years ago": the date before "Updated" is the original.
        if label is not None and label.start() < pos:
            updated = updated or (d, line)
            continue
        return _DateResult(
            d, DateSource.TEXT, 0.9, f"Publication date {_fmt(d)} printed on the page ({line!r})."
        )
    if updated:
        d, line = updated
        return _DateResult(
            d,
            DateSource.TEXT,
            0.7,
            f"Only an update date is printed ({line!r}); {_fmt(d)} is used, the story may be "
            "slightly older.",
        )
    return None


def _infer_year(
    month: int,
    day: int,
    body: str,
    first_sentence: str,
    dateline_text: str,
) -> _DateResult:
    label = f"{datetime.date(2000, month, day):%B} {day}"
    years = _mentioned_years(body)
    full = [d for d, pos in _full_dates(body) if not _is_future(body, pos)]
    if not years and not full:
        return _unknown(
            f"The dateline gives {label} ({dateline_text.strip()!r}) but the text mentions no "
            "year, so the year cannot be inferred."
        )
    low = max(years) if years else min(d.year for d in full)
    latest = max(full) if full else None
    if latest is not None:
        while (_make_date(low, month, day) or datetime.date(low, month, 28)) < latest:
            low += 1
    last_hint = next(iter(scan(_LAST_PERIOD, body, ("last",))), None)
    lead_weekdays = [
        m["w"].lower()
        for m in _WEEKDAY.finditer(first_sentence)
        if not _is_future(first_sentence, m.start())
    ]
    pairs = []
    for m in _weekday_dates(body):
        w = (m["w1"] or m["w2"]).lower()
        mon = m["m1"] or m["m2"] or m["m3"] or m["m4"]
        dd = m["d1"] or m["d2"] or m["d3"] or m["d4"]
        pairs.append((_WEEKDAYS.index(w), _month(mon), int(dd)))

    scored: list[tuple[float, int, datetime.date, list[str]]] = []
    for year in range(low, low + 3):
        d = _make_date(year, month, day)
        if d is None:
            continue
        score = -1.0 * (year - low)
        notes: list[str] = []
        if last_hint and (year - 1) in years:
            score += 1.5
            notes.append(f"the text says '{last_hint.group(0)}' and mentions {year - 1}")
        for w in lead_weekdays:
            gap = (d.weekday() - _WEEKDAYS.index(w)) % 7
            score += {0: 2.0, 1: 1.0, 2: 0.5}.get(gap, -1.5)
            if gap == 0:
                notes.append(f"{_fmt(d)} was a {w.capitalize()}, matching 'on {w.capitalize()}'")
        for wd, pm, pd in pairs:
            pdate = _make_date(year, pm, pd)
            if pdate is not None:
                ok = pdate.weekday() == wd
                score += 2.0 if ok else -2.0
                if ok:
                    notes.append(f"{_fmt(pdate)} was a {_WEEKDAYS[wd].capitalize()}")
        scored.append((score, year, d, notes))
    scored.sort(key=lambda s: (-s[0], s[1]))
    best_score, year, best, notes = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 2.0

    if latest is not None:
        notes.insert(0, f"the latest full date it mentions is {_fmt(latest)}")
    elif years:
        notes.insert(0, f"the latest year it mentions is {max(years)}")
    confidence = 0.55
    if any("matching" in n for n in notes):
        confidence += 0.2
    if latest is not None:
        confidence += 0.1
    if margin < 1.0:
        confidence -= 0.15
    reasoning = (
        f"The dateline gives {label} without a year; {year} is inferred because "
        + "; ".join(notes)
        + "."
    )
    return _DateResult(best, DateSource.INFERRED, round(min(confidence, 0.85), 2), reasoning)


def _infer_from_text(body: str) -> _DateResult:
    full = [(d, pos) for d, pos in _full_dates(body) if not _is_future(body, pos)]
    weekdays = sorted(
        {
            m["w"].lower()
            for m in scan(_WEEKDAY, body, _WEEKDAYS)
            if not _is_future(body, m.start()) and not _WEEKDAY_DATE.match(body, m.start())
        },
        key=_WEEKDAYS.index,
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
    latest = max(d for d, _ in full)
    if not weekdays:
        return _unknown(
            f"The latest full date in the text is {_fmt(latest)}, so the article is from that day "
            "or later, but no weekday mention fixes the day."
        )
    wanted = [_WEEKDAYS.index(w) for w in weekdays]
    for offset in range(7):
        candidate = latest + datetime.timedelta(days=offset)
        # Each past-tense weekday resolves to its latest occurrence on or before the candidate.
        if all((candidate.weekday() - w) % 7 <= offset for w in wanted):
            break
    names = ", ".join(f"'{w.capitalize()}'" for w in weekdays)
    confidence = 0.55 if candidate.weekday() in wanted else 0.45
    return _DateResult(
        candidate,
        DateSource.INFERRED,
        confidence,
        f"No dated dateline; the latest full date in the text is {_fmt(latest)} and "
        f"{_fmt(candidate)} ({candidate:%A}) is the first day by which every past-tense weekday "
        f"mentioned ({names}) falls on or after it.",
    )


# --------------------------------------------------------------------------- entry point


def _title_case_place(place: str) -> str:
    return _PLACE_WORD.sub(lambda m: m.group(0).capitalize(), place)


def _parse_manifest_date(value: object) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(
        f"manifest 'published' must be a real calendar date written YYYY-MM-DD, got {value!r}"
    )


def extract_metadata(clean: CleanText, manifest: dict | None = None) -> Metadata:
    """Title, outlet, dateline and publication date of a cleaned article."""
    manifest = manifest or {}
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
    month_day = None
    if dateline is not None and dateline.date_text:
        m = _DATELINE_DATE.match(dateline.date_text)
        if m:
            month = _month(m["m1"] or m["m2"])
            day = int(m["d1"] or m["d2"])
            if m["y"] and (d := _make_date(int(m["y"]), month, day)):
                return _DateResult(
                    d, DateSource.TEXT, 0.95, f"Full date {_fmt(d)} in the dateline."
                )
            if _make_date(2000, month, day) is not None:
                month_day = (month, day)

    if (printed := _from_date_lines(clean.removed)) is not None:
        return printed

    if month_day is not None and dateline_block is not None:
        sentences = split_sentences(body, dateline_block.start, dateline_block.end)
        lead = "\n".join(body[b.start : b.end] for b in clean.blocks if b.kind is BlockKind.TITLE)
        return _infer_year(
            *month_day,
            body,
            f"{lead}\n{sentences[0].text}",
            dateline_text=body[dateline_block.start : dateline_block.start + dateline.end],
        )
    return _infer_from_text(body)
