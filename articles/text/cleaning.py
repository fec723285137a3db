"""Strip web-page boilerplate from a decoded article and label what is left.

Article files are copy-pasted or scraped web pages: besides the story they carry navigation
links, language switchers, size pickers, share/comment widgets, photo credits, duplicated image
captions and lists of other headlines. Everything kept here ends up quoted as evidence, so the
rules err on the side of dropping page furniture, but never drop story sentences on a guess.

The rules are deliberately generic (they must work for outlets never seen in development):

* trivial lines: 1-3 characters (size pickers such as "XS"), symbol-only lines, runs of one or
  two letter tokens ("A A A" font pickers), lines made only of social-network names;
* a line with letters but none in Latin script, in a predominantly Latin-script document
  (language switchers, navigation in the site's own language);
* breadcrumbs ("Home > News > Politics") and anything short before the headline ("All news",
  section names): the headline is the first line of three or more words that is not furniture;
* comment widgets and related-content lists: the widget line is dropped and, once the story has
  started, everything after it too (other headlines would otherwise leak their own dates);
* pure credit lines ("Photo: X/Y", "Main photo source: ...", "Getty Images", "Name / Agency");
* bylines, "Reporting by ..." footers and date-only lines ("Published: 14 May 2021, 10:32"):
  they are not story sentences, but they are kept in ``removed`` because metadata reads them;
* exact consecutive duplicates (image alt text followed by the same caption): one copy is kept;
* repeats of the headline inside the body.

Labels: TITLE, LEDE (standfirst between headline and the dateline paragraph, or an unpunctuated
summary line right after the headline), HEADING (short unpunctuated line inside the story),
CAPTION (duplicated line, line ending in "(Photo by ...)", or line ending in a credit glued on
without a separator, e.g. "...Nagorno-KarabakhReuters Archive"). Glued and slash-separated
credits are cut off the caption (they would corrupt the last word for entity matching) and
reported in ``removed``; parenthesised "(Photo by ...)" credits are kept in the caption text
because they are cleanly separated and harmless.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Block",
    "BlockKind",
    "CleanText",
    "Dateline",
    "MONTH_NAMES",
    "MONTH_PATTERN",
    "clean",
    "find_dateline",
    "is_date_line",
]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


class BlockKind(StrEnum):
    TITLE = "title"
    LEDE = "lede"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int
    kind: BlockKind


@dataclass(frozen=True, slots=True)
class CleanText:
    body: str
    blocks: tuple[Block, ...]
    removed: tuple[str, ...]
    # Where the removed lines stood, since page furniture is believed by its place (a date line
    # under the headline is the publication date, one among related headlines is not): how many
    # blocks precede each removed line, and the index in ``removed`` from which lines come after
    # a comment widget or related-content list ended the story (None when nothing ended it).
    removed_after: tuple[int, ...] = ()
    ended: int | None = None


# --------------------------------------------------------------------------- date vocabulary

MONTH_NAMES: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# Longest names first so "Sept" is not read as "Sep" + "t".
MONTH_PATTERN = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))


# --------------------------------------------------------------------------- datelines


@dataclass(frozen=True, slots=True)
class Dateline:
    """A news-agency dateline prefix at the start of a paragraph."""

    end: int  # offset just past the prefix (and the spaces after it), relative to the match start
    place: str  # as written, e.g. "BAKU"
    date_text: str | None  # e.g. "May 14"
    agency: str | None  # as written, e.g. "TASS", "Tasnim"


_UC_WORD = r"[A-Z][A-Z'’.\-]*[A-Z]"
# "Kyiv", "El-Fasher", "Nagorno-Karabakh"; possessive: a word is never tried shorter.
_TC_WORD = r"[A-Z][a-z'’.]++(?:-[A-Za-z][a-z'’.]*+)*+"
_AGENCY = r"[A-Za-z][\w.&'’ -]{0,28}[\w.]|[A-Za-z]"
_WEEKDAY_NAME = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_NAME = r"[A-Z][\w.&'’-]{1,20}"  # an agency named before a colon: "Trend:"
# Words that open a sentence with a date ("Today, April 23, the ...", "Sunday, April 23 - ")
# in place of a dateline; checked on a match, which is rare, rather than at every line start.
_NOT_A_PLACE = _wordset(
    "today yesterday tonight on since until by from last this next early late as in "
    "monday tuesday wednesday thursday friday saturday sunday"
) | frozenset(MONTH_NAMES)
_DATELINE_DATE = rf"""(?:(?i:{MONTH_PATTERN})\.?\s\d{{1,2}}(?:,\s*\d{{4}})?
                   |\d{{1,2}}\s(?i:{MONTH_PATTERN})\.?(?:,?\s\d{{4}})?)"""
# Wire-copy datelines: "BAKU, May 14. /TASS/.", "KHARTOUM, April 16 (Reuters) -",
# "KYIV, Ukraine (AP) —", "YEREVAN, OCTOBER 10, ARMENPRESS.", "BAKU, Azerbaijan, Jan. 11 Trend:",
# "Moscow [Russia], July 17 (ANI):", "Kyiv, Oct 9 (IANS) Ukraine's ...", "Moscow, April 23: ...",
# "Moscow, April 23 Russian ...", and a place with its date alone on a line above the story.
# A place in title case needs an agency or a date after it: "The Rapid Support Forces (RSF)" and
# "Sunday, April 23" are not datelines.
_DATELINE = re.compile(
    rf"""
    (?P<place>{_UC_WORD}(?:[ /-]{_UC_WORD}){{0,3}}
      |{_TC_WORD}(?:\ {_TC_WORD})?
       (?=\s*[(\[]
         |,\s*(?:{_TC_WORD}(?:\ {_TC_WORD})?,\s*)?(?:(?i:{_WEEKDAY_NAME}),?\s)?
          \d{{0,2}}\s?(?i:{MONTH_PATTERN})\b))
    (?:\s*\[(?P<bracket_country>{_TC_WORD}(?:\ {_TC_WORD})?)\])?
    (?:,\s*(?P<country>{_TC_WORD}(?:\ {_TC_WORD})?)(?=[,\s(]))?
    (?:,?\s*(?:(?i:{_WEEKDAY_NAME}),?\s)?(?P<date>{_DATELINE_DATE}))?
    (?:
        \.?\s*/(?P<slash_agency>{_AGENCY})/\.?
      | \s*\((?P<paren_agency>{_AGENCY})\)\s*(?:[-–—]{{1,2}}|:)
      | (?(date)\s*\((?P<bare_agency>{_AGENCY})\)(?=\s)|(?!))
      | (?(date),\s*(?P<caps_agency>[A-Z][\w-]{{2,}})\.(?=\s)|(?!))
      | (?(date),?\s+(?P<colon_agency>{_NAME}(?:\ {_NAME})?)\s?:(?=\s)|(?!))
      | \s+[-–—]{{1,2}}(?=\s)
      | (?(date)[.:](?=\s)|(?!))
      # "Moscow, April 23 Russian forces ...", or the place and date alone on their line.
      | (?(date)(?=[ \t]+[A-Z]|[ \t]*(?:\n|\Z))|(?!))
    )
    [ \t]*
    """,
    re.VERBOSE,
)
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
# A dateline must be followed by the story, not end the line.
_STORY_START = re.compile(r"[\"“‘'(]?[A-Z0-9]")


def find_dateline(text: str, pos: int = 0) -> Dateline | None:
    """Return the dateline prefix starting exactly at ``pos`` in ``text``, if there is one."""
    m = _DATELINE.match(text, pos)
    if m is None:
        return None
    # The story follows the dateline, unless a dated dateline stands on a line of its own.
    alone = m.end() == len(text) or text[m.end()] == "\n"
    if not (_STORY_START.match(text, m.end()) or (alone and m["date"])):
        return None
    if m["place"].split(None, 1)[0].rstrip(".").lower() in _NOT_A_PLACE:
        return None
    agency = (
        m["slash_agency"]
        or m["paren_agency"]
        or m["bare_agency"]
        or m["caps_agency"]
        or m["colon_agency"]
    )
    # Paren/slash forms without an agency-like token are not datelines ("UPDATE (2)").
    if agency is not None and not _TWO_LETTERS.search(agency) and len(agency) > 1:
        return None
    place = m["place"]
    # A lone all-caps acronym followed by a dash is a heading like "US – Armenia", not a place.
    if agency is None and m["date"] is None and len(place) < 4:
        return None
    return Dateline(
        end=m.end() - pos,
        place=place,
        date_text=m["date"],
        agency=agency.strip() if agency else None,
    )


# --------------------------------------------------------------------------- line rules

_BLANK = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# A run of blanks to collapse to one space, but not a lone space: replacing every space of the text
# by itself was most of the cost of cleaning. The run starts with a blank other than a space, or
# with a space that another blank follows.
_SPACES = re.compile(rf"{_BLANK}(?:(?<! ){_BLANK}*|{_BLANK}+)")
# A text containing none of these has nothing for _SPACES to collapse, and finding that out with
# str.find is far cheaper than a regex pass.
_SPACES_NEEDED = (
    "  ",
    "\t",
    "\u00a0",
    *map(chr, range(0x2000, 0x200B)),
    "\u202f",
    "\u205f",
    "\u3000",
)
_ZERO_WIDTHS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")  # what _ZERO_WIDTH matches
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# Includes the Armenian full stop and the Arabic/Persian question mark.
_TERMINAL = re.compile(r"[.!?…:;։؟。\"”’»)\]]$")
_SENTENCE_END = re.compile(r"[.!?…։؟。][\"”’»)\]]*$")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"\S+")
_ALNUM = re.compile(r"\w")

_SOCIAL = _wordset(
    "facebook twitter x telegram whatsapp vk vkontakte linkedin email e-mail mail print share "
    "reddit viber messenger ok odnoklassniki pinterest instagram youtube tiktok copy link rss "
    "flipboard tumblr threads bluesky mastodon"
)
_NAV_LINES = re.compile(
    r"""^(?:all\ (?:news|stories|articles|topics|sections)|news|latest(?:\ news)?|home(?:page)?
    |menu|search|main|top\ stories|breaking(?:\ news)?|more|back|next|previous|prev|english
    |politics|world|region|regions|society|economy|business|opinion|analysis|culture|sport|sports
    |video|videos|photo|photos|multimedia|podcasts?|live|en|ru|hy|az|fa|ar|tr|de|fr
    |skip\ to\ (?:main\ )?content|toggle\ navigation|accessibility\ links?|back\ to\ top|close
    |sign\ in|log\ ?in|register|subscribe|donate|contact(?:\ us)?|about(?:\ us)?)$""",
    re.IGNORECASE | re.VERBOSE,
)


def _is_navigation(line: str) -> bool:
    """Whether the line is a navigation link's text, or one glued to copies of itself as a
    page's hidden and visible links print ("Skip to main contentSkip to main content")."""
    repeat = (line + line).find(line, 1)  # the length of the shortest unit the line repeats
    return bool(_NAV_LINES.match(line[:repeat] if repeat < len(line) else line))


# Comment widgets and related-content blocks: the story is over once one of these appears.
_TAIL_MARKER = re.compile(
    r"""^(?:leave\ a\ (?:comment|reply)|post\ a?\s?comment|add\ a?\s?comment|\d*\s?comments?
    (?:\s?\(\d+\))?|comments?\ (?:are|is)\ closed|join\ the\ (?:discussion|conversation)
    |be\ the\ first\ to\ comment|your\ email\ address\ will\ not\ be\ published.*
    |you\ must\ be\ logged\ in\ to\ (?:post\ a\ )?comment.*|related(?:\ (?:articles|news|stories
    |posts|content|topics))?|you\ (?:may|might)\ also\ (?:like|be\ interested\ in)
    |more\ (?:stories|news|articles)(?:\ from\ .*|\ on\ this\ topic)?|more\ on\ this\ (?:topic|story)
    |most\ (?:read|popular|viewed|commented)|recommended(?:\ for\ you)?|read\ (?:more|also|next)
    |see\ also|also\ read|latest\ (?:news|stories)|other\ news|editor'?s\ picks?|trending)[.:]?$""",
    re.IGNORECASE | re.VERBOSE,
)
# Widget lines dropped wherever they appear (also mid-story: share bars, ads, newsletter asks).
_WIDGET = re.compile(
    r"""^(?:required\ fields\ are\ marked.*|(?:your\ )?(?:name|email|e-mail|website|comment)\s?\*?
    |save\ my\ name.*|notify\ me\ of\ .*|cancel\ reply|submit|send|reply|print|tweet
    |share(?:\ (?:this|the))?(?:\ (?:article|story|post|page))?(?:\ (?:on|via)\ .*)?:?
    |follow\ us(?:\ on\ .*)?|subscribe\ to\ .*|sign\ up\ (?:for|to)\ .*|get\ our\ .*newsletter.*
    |(?:read|see|watch)\ (?:more|also|next|the\ full\ story)\s?:.*|related\s?:.*|also\ read\s?:.*
    |advertisement|sponsored(?:\ content)?|tags?\s?:.*|topics?\s?:.*|keywords?\s?:.*
    |copyright\b.*|©.*|all\ rights\ reserved.*|click\ here.*|report\ (?:an\ )?(?:error|typo).*
    |(?:font|text)\ size.*|listen(?:\ to\ (?:this\ )?article)?.*\d:\d\d|listen\ to\ (?:this\ )?article
    |download(?:\ (?:pdf|the\ app))?|loading\.*|\d+\ (?:min(?:ute)?s?|mins?)\ read|views?\s?:?\s?\d+
    |\d+\s?views?|print\ (?:this\ )?(?:article|page)|embed|permalink|source\s?:.*|via\s?:.*|our\ standards\b.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_BREADCRUMB_SEP = re.compile(r"\s[|>»›/·•]\s")
# Whole-line credits: "Photo: X / Y", "Main photo source: ...", "Photo credit: ...".
_CREDIT_LINE = re.compile(
    r"""^(?:(?:main|cover|featured|header|top|lead|lead\ image|file)\s)?
    (?:photos?|images?|pictures?|pics?|photograph(?:s|er)?|illustrations?|credits?|videos?)
    (?:\s(?:source|credit|courtesy|by))?\s?[:©]\s?.*$""",
    re.IGNORECASE | re.VERBOSE,
)
_PICTURE_AGENCY = _wordset("""reuters ap afp getty epa pap abaca anadolu aa tass sputnik ria xinhua shutterstock
    photolure photolur alamy pool imago dpa ansa efe ap/ sipa bloomberg armenpress azertac
    apa trend itar-tass interfax kommersant tasnim irna isna mehr wana fars press tv
    ani rfe/rl azatutyun wikimedia wikipedia twitter telegram facebook instagram youtube x
    keystone zuma sopa nurphoto eyevine ddp kyodo yonhap""")
_CREDIT_WORDS = _wordset(
    "archive archives images image photo photos press pool agency handout service via "
    "news media stock"
)
_CREDIT_NAME = r"[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}"
_CREDIT_CHAIN = rf"{_CREDIT_NAME}(?:\s?/\s?{_CREDIT_NAME})*"
# Credit glued to the caption without a separator: "...KarabakhReuters Archive",
# "...(September 2022)Resul Rehimov / Abaca / PAP".
_GLUED_CREDIT = re.compile(rf"(?<=[a-z\u00df-\u00ff)\]])(?P<credit>{_CREDIT_CHAIN})$")
# Credit after a space: "... in Lachin. Resul Rehimov / Abaca / PAP" (needs a slash to be sure).
_SLASH_CREDIT = re.compile(
    r"(?<=\s)(?P<credit>(?:[A-Z][\w.'’-]*\s)?[A-Z][\w.&'’-]*\s?/\s?[A-Z][\w.&'’-]*"
    r"(?:\s[A-Z][\w.&'’-]*){0,2}(?:\s?/\s?[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,2})*)$"
)
_CAPTION_STOP = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z])")
_CREDIT_TAIL = re.compile(
    r"^[A-Z][\w.&'’-]*(?:(?:\s?/\s?|\s(?:via|and|by|for)\s|\s)[A-Z][\w.&'’-]*)*$"
)
_SLASH_ONLY = re.compile(rf"^{_CREDIT_NAME}(?:\s?/\s?{_CREDIT_NAME})+$")
_PAREN_CREDIT = re.compile(
    r"""\((?:(?:file|ap|afp|reuters|epa|getty)\s)?(?:photos?|images?|pictures?|photograph|pictured
    |credit|courtesy|source|via)\b[^()]*\)\s*$|\([A-Z][\w.&' -]*/[^()]+\)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_PREFIX = re.compile(
    r"^(?:image\ caption|photo\ caption|caption|pictured|file\ photo|photo|image)\s?[:,.\-–—]\s",
    re.IGNORECASE | re.VERBOSE,
)
_BYLINE = re.compile(
    r"""^\(?(?:by|written\ by|author|authors|text\ by|words\ by|story\ by
    |(?:additional\ )?reporting\ by|writing\ by|editing\ by|compiled\ by|edited\ by)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_DATE_IN_LINE = re.compile(
    rf"""\b(?:\d{{1,2}}\s(?:{MONTH_PATTERN})\.?(?:,\s?|\s,?\s?)\d{{4}}
    |(?:{MONTH_PATTERN})\.?,?\s\d{{1,2}}(?:,\s?|\s,?\s?)\d{{4}}
    |\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})(?=\d{{1,2}}:\d\d|T\d|\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[A-Za-z])|(?<=[A-Za-z])(?=\d)")
_DATE_LINE_FILLER = re.compile(
    rf"""\b(?:published|posted|updated|last\ updated|created|modified|date|on|at|by|gmt|utc|msk
    |am|pm|a\.m|p\.m|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs
    |fri|sat|sun|today|yesterday|ago|just|now|local|time|first
    |bst|cet|cest|eet|eest|[ecmp][sd]t|ist|et|pt|ct|ast|eat|wat|cat|sast|aest|aedt|jst|kst|hkt|sgt
    |trt|irst|gst|azt|amt|pkt|wib|z
    |(?:second|minute|min|hour|day|week|month|year)s?
    |{MONTH_PATTERN})\b|\d+|[^\w\s]""",
    re.IGNORECASE | re.VERBOSE,
)


def _is_latin_document(text: str) -> bool:
    # Counting only the (rare, in Latin text) other-script letters keeps this one cheap scan;
    # letters are roughly four fifths of the characters of prose.
    other = len(_NON_LATIN_LETTER.findall(text))
    return other * 2 < len(text) * 0.8


def _is_trivial(line: str, latin_doc: bool) -> bool:
    if len(line) - line.count(" ") <= 3 or not _ALNUM.search(line):
        return True
    words = line.split()
    if len(words) <= 4 and all(len(w) <= 2 for w in words):
        return True
    if all(w.lower().strip(".,:|") in _SOCIAL for w in words):
        return True
    return latin_doc and _LETTER.search(line) is not None and _LATIN.search(line) is None


def is_date_line(line: str) -> bool:
    """A line that only carries a date/time, optionally labelled ("Published: 14 May 2021")."""
    if len(line) > 120 or not _DATE_IN_LINE.search(line):
        return False
    # Scraped headers glue fields together: "20222:34 PM GMT+3Updated 2 years ago".
    spaced = _DIGIT_LETTER.sub(" ", line)
    leftover = _DATE_LINE_FILLER.sub(" ", spaced).split()
    return len(leftover) <= 2


def _is_breadcrumb(line: str) -> bool:
    if not any(sep in line for sep in "|>»›/·•"):
        return False  # the cheap answer for nearly every line
    parts = _BREADCRUMB_SEP.split(line)
    return (
        len(parts) >= 3
        and all(1 <= len(p.split()) <= 3 for p in parts)
        and not _SENTENCE_END.search(line)
    )


def _is_pure_credit(line: str) -> bool:
    if _CREDIT_LINE.match(line) and len(line.split()) <= 12:
        # "Photo: Armenian soldiers guard the border near ..." is a caption, not a credit.
        after = line.split(":", 1)[1] if ":" in line else ""
        return len(after.split()) <= 6 or "/" in after
    if _SLASH_ONLY.match(line) and len(line.split()) <= 8:
        return True
    words = line.split(None, 3)  # a fourth word is enough to rule it out: no need to split it all
    return (
        1 <= len(words) <= 3
        and words[0].lower() in _PICTURE_AGENCY
        and words[-1].lower() in _CREDIT_WORDS
    )


def _looks_like_credit(credit: str) -> bool:
    if "/" in credit:
        return True
    words = credit.lower().split()
    return words[0] in _PICTURE_AGENCY or any(w in _CREDIT_WORDS for w in words)


def _split_caption_credit(line: str) -> tuple[str, str] | None:
    """Caption text and its glued or slash-separated credit, if the line ends in one."""
    if _SENTENCE_END.search(line):
        return None
    # "... in this handout picture. Defence Ministry/Handout via REUTERS/File Photo"
    stops = list(_CAPTION_STOP.finditer(line))
    if stops:
        stop = stops[-1]
        tail = line[stop.end() :]
        if _CREDIT_TAIL.match(tail) and _looks_like_credit(tail):
            return line[: stop.end()].rstrip(), tail
    m = _GLUED_CREDIT.search(line)
    if m and _looks_like_credit(m["credit"]):
        return line[: m.start()].rstrip(), m["credit"]
    m = _SLASH_CREDIT.search(line)
    if m and m.start() > 0:
        return line[: m.start()].rstrip(" -–—|,"), m["credit"]
    return None


def _is_heading(line: str) -> bool:
    return (
        len(line) <= 90
        and len(line.split()) <= 10
        and not _TERMINAL.search(line.rstrip("?"))
        and not line.endswith(",")
        and (line[0].isupper() or line[0].isdigit())
    )


_BULLET = re.compile(r"^[•·▪◦●■►‣⁃*]\s*")


def _title_candidate(line: str) -> bool:
    if len(line) > 250 or _BULLET.match(line):
        return False  # a list item is never a headline
    words = line.split()
    if not 3 <= len(words) <= 30:
        return False
    if find_dateline(line) is not None:
        return False
    return not _is_sentence(line)


def _is_sentence(line: str) -> bool:
    """A long line ending in a full stop (inside quotes or brackets too) is a paragraph of the
    story; short headlines occasionally end in one."""
    return len(line.split()) > 15 and _SENTENCE_END.search(line) is not None


@dataclass(slots=True)
class _Unit:
    text: str
    index: int
    kind: BlockKind | None = None
    duplicated: bool = False
    dateline: bool = False


def _paragraph_units(text: str) -> list[list[str]]:
    """Non-blank runs of lines, whitespace-normalised."""
    runs: list[list[str]] = []
    current: list[str] = []
    # Neither pattern matches a line break, so the whole text is done at once.
    if any(ch in text for ch in _ZERO_WIDTHS):
        text = _ZERO_WIDTH.sub("", text)
    if any(blank in text for blank in _SPACES_NEEDED):
        text = _SPACES.sub(" ", text)
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _join_wrapped(run: list[str]) -> list[str]:
    # Hard-wrapped paragraphs: a long unpunctuated line followed by one starting in lower case.
    out: list[str] = []
    for line in run:
        if (
            out
            and len(out[-1]) >= 40
            and not _TERMINAL.search(out[-1])
            and (line[0].islower() or line[0] in ",;")
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def clean(text: str) -> CleanText:
    """Remove page boilerplate from article text and classify the remaining blocks."""
    lines = [line for run in _paragraph_units(text) for line in _join_wrapped(run)]
    latin_doc = _is_latin_document(text)
    # (line index, text): sorted at the end so ``removed`` reads in document order.
    removed: list[tuple[int, str]] = []

    units: list[_Unit] = []
    for index, line in enumerate(lines):
        if units and line == units[-1].text:
            units[-1].duplicated = True
            removed.append((index, line))
            continue
        if (
            _is_trivial(line, latin_doc)
            or _WIDGET.match(line)
            or _is_breadcrumb(line)
            or _is_pure_credit(line)
            or (_BYLINE.match(line) and len(line.split()) <= 14)
            or is_date_line(line)
        ):
            removed.append((index, line))
            continue
        units.append(_Unit(line, index))

    # Title: everything before the first headline-like line is navigation.
    title_idx = next(
        (
            i
            for i, u in enumerate(units)
            if _title_candidate(u.text)
            and not _TAIL_MARKER.match(u.text)
            and not _is_navigation(u.text)
        ),
        None,
    )
    if title_idx is not None and any(
        len(u.text.split()) > 30 or _is_sentence(u.text) or find_dateline(u.text) is not None
        for u in units[:title_idx]
    ):
        # Story text precedes the candidate: there is no headline at all.
        title_idx = None
    if title_idx is not None:
        removed.extend((u.index, u.text) for u in units[:title_idx])
        units[title_idx].kind = BlockKind.TITLE
        units = units[title_idx:]
    title = units[0].text if title_idx is not None else None

    kept: list[_Unit] = []
    story_started = False
    ended_at: int | None = None  # line index of the widget that ended the story
    for pos, unit in enumerate(units):
        line = unit.text
        if unit.kind is BlockKind.TITLE:
            kept.append(unit)
            continue
        if _TAIL_MARKER.match(line):
            if story_started:
                ended_at = unit.index
                removed.extend((u.index, u.text) for u in units[pos:])
                break
            removed.append((unit.index, line))
            continue
        if (not story_started and _is_navigation(line)) or line == title:
            removed.append((unit.index, line))
            continue
        if find_dateline(line) is not None:
            unit.dateline = True
            unit.kind = BlockKind.PARAGRAPH
        elif (split := _split_caption_credit(line)) is not None and split[0]:
            unit.text, credit = split
            removed.append((unit.index, credit))
            unit.kind = BlockKind.CAPTION
        elif unit.duplicated or _PAREN_CREDIT.search(line) or _CAPTION_PREFIX.match(line):
            unit.kind = BlockKind.CAPTION
        elif _is_heading(line):
            unit.kind = BlockKind.HEADING
        else:
            unit.kind = BlockKind.PARAGRAPH
        if unit.kind is BlockKind.PARAGRAPH:
            story_started = True
        kept.append(unit)

    # Short unpunctuated lines after the last paragraph are author names, tags or link lists.
    while kept and kept[-1].kind is BlockKind.HEADING:
        tail = kept.pop()
        removed.append((tail.index, tail.text))

    _mark_lede(kept)

    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for unit in kept:
        assert unit.kind is not None
        if parts:
            offset += 2
        parts.append(unit.text)
        blocks.append(Block(offset, offset + len(unit.text), unit.kind))
        offset += len(unit.text)
    removed.sort(key=lambda item: item[0])  # stable: a caption precedes its own credit
    kept_lines = [unit.index for unit in kept]
    return CleanText(
        body="\n\n".join(parts),
        blocks=tuple(blocks),
        removed=tuple(line for _, line in removed),
        # bisect_right: a credit cut off a caption shares its line and follows it.
        removed_after=tuple(bisect.bisect_right(kept_lines, index) for index, _ in removed),
        ended=(
            None
            if ended_at is None
            else next(i for i, (index, _) in enumerate(removed) if index >= ended_at)
        ),
    )


def _mark_lede(units: list[_Unit]) -> None:
    if not units or units[0].kind is not BlockKind.TITLE:
        return
    story = [i for i, u in enumerate(units) if u.kind is not BlockKind.CAPTION][1:]
    dateline_at = next((k for k, i in enumerate(story[:4]) if units[i].dateline), None)
    if dateline_at:
        # Everything between headline and dateline paragraph is a standfirst.
        for i in story[:dateline_at]:
            if units[i].kind is BlockKind.PARAGRAPH:
                units[i].kind = BlockKind.LEDE
        return
    if dateline_at is None and len(story) >= 2:
        first = units[story[0]]
        # A summary line without final punctuation right under the headline (TASS-style
        # standfirst) is not a sentence of the story.
        if (
            first.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
            and len(first.text.split()) >= 8
            and not _SENTENCE_END.search(first.text)
            and units[story[1]].kind is BlockKind.PARAGRAPH
        ):
            first.kind = BlockKind.LEDE
