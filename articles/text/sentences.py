"""Split cleaned article text into sentences with exact character offsets.

Sentences are the unit of citation: every event in a chronology quotes one, so a bad split either
cuts a claim in half or glues an unrelated one to it. This is a rule-based splitter tuned for
news prose (no NLTK/spaCy: it must handle hundreds of articles per second per core):

* a boundary is ``.``/``!``/``?`` plus any closing quotes/brackets, then whitespace, then
  something that can open a sentence (capital, digit, opening quote or bracket, dash);
  a line break always ends a sentence (blocks are separate paragraphs);
* no split after titles and common abbreviations (Mr., Gen., St., No., Art., ...), month
  abbreviations before a number ("Sept. 13"), single-letter initials ("J. Smith"), or dotted
  acronyms such as "U.S." unless the next word is a typical sentence opener ("The", "He", ...);
* ellipses ("...", "…", "<…>", "[...]") never split: in news copy they mark omissions inside
  quotations;
* a dateline prefix ("BAKU, May 14. /TASS/. ") at the start of a paragraph stays part of the
  first sentence; callers that want the bare sentence skip ``Metadata.dateline_span``;
* a full stop glued to the next sentence ("a television station.Abakar had told") splits;
* semicolons do not split;
* a sentence longer than ``MAX_SENTENCE_CHARS`` (text with no sentence punctuation: a table, a
  list, a scrape gone wrong) is cut at its last clause break (``;``, ``,``, a dash) before the
  limit, else at its last space, so no quotation, and no per-sentence step, grows with the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.text.cleaning import find_dateline

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "split_sentences"]

# The longest sentence in a few thousand news sentences runs to about 1,100 characters.
MAX_SENTENCE_CHARS = 2000


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


# The terminal punctuation, any closers, and the whitespace that must follow it.
_BOUNDARY = re.compile(r"(?P<punct>[.!?։؟。]+)(?P<close>[\"'”’»)\]]*)(?P<space>[ \t]+)")
_OPENER = re.compile(r"[\"'“‘«(\[A-Z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0530-\u058f–—-]")
_LINE_BREAK = re.compile(r"\n+")
# Scraped pages lose the space after a full stop ("to a television station.Abakar had told"):
# a lower-case word of three letters or more, a dot, then a capitalised word is a boundary.
# Initials, acronyms ("U.S.A"), abbreviations ("St.Petersburg") and domains ("example.com")
# do not match.
_GLUED = re.compile(r"(?<=[a-z]{3})\.(?=[\"“‘]?[A-Z][a-z])")
_TOKEN_BEFORE = re.compile(r"(\S+)$")


def after_glued_stop(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence right after a full stop that lost its space (see
    _GLUED): a word there starts a word, for the readers of names too."""
    return start > 0 and text[start - 1] == "." and _GLUED.match(text, start - 1) is not None


_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([\w’'-]+)")

# Abbreviations that essentially never end a sentence.
_ABBREV = _wordset("""mr mrs ms messrs dr prof gen lt col maj capt cpt sgt cpl pvt adm brig cmdr gov sen rep
    rev hon amb pres st mt ft no nos art arts para vol fig cf approx dept univ jr sr vs v
    e.g i.e et al ca c p pp ltd inc corp co""")
# Abbreviations that may end a sentence, so split only when a sentence opener follows.
_AMBIGUOUS = _wordset("etc al inc corp ltd co jr sr")
_MONTH_ABBREV = _wordset("jan feb mar apr jun jul aug sep sept oct nov dec")
# "U.S", "U.N", "e.g" as they appear before the final dot.
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")
_PAREN_GROUP = re.compile(r"\(([^()\n]*)\)")
# Words that start sentences but rarely follow "U.S."/"etc." inside one.
_OPENERS = _wordset("""the a an he she it they we i you this that these those there his her its their our
    in on at but and however meanwhile also according after before since when while if as
    earlier later both some many most one two three several""")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]``, with offsets relative to the whole of ``text``."""
    if end is None:
        end = len(text)
    sentences: list[Sentence] = []
    pos = start
    # Cleaned blocks are single lines: skip the scan for line breaks when there are none.
    if text.find("\n", start, end) != -1:
        for m in _LINE_BREAK.finditer(text, start, end):
            _split_line(text, pos, m.start(), sentences)
            pos = m.end()
    _split_line(text, pos, end, sentences)
    return sentences


def _split_line(text: str, start: int, end: int, out: list[Sentence]) -> None:
    line_start = start
    dateline = find_dateline(text, _skip_space(text, start, end))
    protect_until = (_skip_space(text, start, end) + dateline.end) if dateline else start
    cuts = [
        (m.start("space"), m.end())
        for m in _BOUNDARY.finditer(text, start, end)
        if m.start("space") > protect_until and _is_boundary(text, m, end)
    ]
    if text.find(".", start, end) != -1:
        cuts += [
            (m.end(), m.end()) for m in _GLUED.finditer(text, start, end) if m.end() > protect_until
        ]
        cuts.sort()
    for cut, next_start in cuts:
        _emit(text, line_start, cut, out)
        line_start = next_start
    _emit(text, line_start, end, out)


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = after = _long_sentence_cut(text, start, start + MAX_SENTENCE_CHARS)
        while cut > start and text[cut - 1].isspace():
            cut -= 1
        out.append(Sentence(start, cut, text[start:cut]))
        start = _skip_space(text, after, end)
    if start < end:
        out.append(Sentence(start, end, text[start:end]))


_CLAUSE_BREAK = re.compile(r"[;,–—](?=\s)|\s-(?=\s)")


def _long_sentence_cut(text: str, start: int, limit: int) -> int:
    """Where to end an over-long sentence that starts at ``start``: after its last clause break
    in the second half before ``limit``, else at its last space, else at ``limit``."""
    half = start + (limit - start) // 2
    breaks = list(_CLAUSE_BREAK.finditer(text, half, limit))
    if breaks:
        return breaks[-1].end()
    space = text.rfind(" ", half, limit)
    return space if space != -1 else limit


def _is_boundary(text: str, m: re.Match[str], end: int) -> bool:
    after = m.end()
    if after >= end or not _OPENER.match(text, after):
        return False
    punct = m["punct"]
    if punct.startswith("..") or text.startswith(("<…>", "[…]", "(…)", "…"), after):
        return False
    if text[after] in "<[(" and text.startswith(("...", "…"), after + 1):
        return False
    if text[after] == "(":
        # A trailing "(Photo by ...)" or "(Reporting by ...)" belongs to the sentence before;
        # only a bracketed sentence of its own starts a new one.
        group = _PAREN_GROUP.match(text, after)
        if group is None or not group.group(1).rstrip().endswith((".", "!", "?")):
            return False
    if punct != ".":
        return True
    # A bounded window: searching from 0 would make long paragraphs quadratic.
    before = _TOKEN_BEFORE.search(text, max(0, m.start() - 40), m.start())
    if before is None:
        return True
    token = before.group(1).lstrip("\"'“‘«([")
    lower = token.lower().rstrip(".")
    next_word = _NEXT_WORD.match(text, after)
    next_text = next_word.group(1) if next_word else ""
    if lower in _MONTH_ABBREV and not token[:1].isdigit():
        # "Sept. 13" continues; "in Sept. The ..." does not.
        return not next_text[:1].isdigit()
    if lower in _AMBIGUOUS or _DOTTED_ACRONYM.search(token):
        return next_text.lower() in _OPENERS
    if lower in _ABBREV:
        return False
    # Single capital initial, as in "Antony J. Blinken".
    return not (len(token) == 1 and token.isupper())
