"""Find actors (states, their bodies, organisations, people) in any news text, without a list.

The conflict gazetteer only knows the actors someone typed in. ``find_actors`` finds the
rest from the shape of the text and from ``countries`` (the world's states, built from
data). It returns ``EntityMention`` objects (``is_place=False``) that no mention the
caller already has (``known``) covers; they are in text order and do not overlap. When
two readings compete for the same words the longer wins, then the surer rule (title,
state body, state, organisation, acronym, bare name), then the earlier.

Rules, each named by the ``via`` it gives
-----------------------------------------
* ``state``: a country's name or alias as a word ("Sudan said", "Russia's", "the US").
  The name is the country's short name. A state may coincide exactly with a known place
  mention of the same words; the caller keeps one reading. A country name right after
  a capitalised word that is not a function word is the tail of another name ("New
  Jersey") and is skipped.
* ``state-body``: "<Demonym> <body>", "<Country>'s <body>" and "<body> of <Country>"
  (not "<Country> <body>"),
  where the body is a generic noun: army, military, armed forces, troops, soldiers,
  forces → "<Demonym> Armed Forces" (armed_forces); defence, foreign and interior
  ministry (either word order) → "<Country> Ministry of Defence | of Foreign Affairs
  | of Interior" (ministry); parliament → "<Country> Parliament" (legislature);
  government, authorities → "<Demonym> Government" (kind state, ``via="state"``), as ACLED
  tells a government from its armed forces.
* ``organisation``: a run of capitalised words (inner "of", "for", "and", "the", "de";
  "People's", "Doctors'", "Anti-Terrorism", acronyms like "UN") that ends in an
  organisation head noun (Forces, Front, Committee, Programme, Cross, …), optionally
  followed by "of|for|on (the) <Capitalised words>" ("Ministry of Defence", "Office for
  the Coordination of Humanitarian Affairs"). At least two words. Leading determiners,
  numbers, quantity and calendar words and a leading possessive state ("Sudan's") are
  not part of it. "and the" always separates two names, "and" after a state, demonym
  or head noun too; "of"/"for" join leftwards only after a head noun ("Committee of
  the Red Cross", but not "Fighters of the … Forces"). The head
  noun decides the kind (Forces, Army, Brigade … → armed_forces; Ministry → ministry;
  Parliament, Assembly → legislature; Agency, Service, Bureau, Office → agency;
  otherwise organisation). A run that starts with a demonym belongs to that state.
  Title Case headline lines (short lines, mostly capitalised, not ending in a full
  stop) are skipped: they capitalise ordinary words.
* ``acronym``: "<Organisation> (ABC)" makes ABC stand for the organisation in the whole
  text (if its first letter matches). Any other 2–6 character capitals-and-digits token
  ("NATO", "M23") is an organisation named by itself, armed_forces when "fighters",
  "militia", "rebels", "troops" or "soldiers" follow. Not actors: tokens on lines that
  are mostly capitals (headlines, datelines), a line-initial token before a comma
  (dateline), tokens next to a number (units, times) or a slash (photo credits), Roman
  numerals, a country's name or capital in capitals, and a short list of common
  non-actor abbreviations (time zones, units, "CEO", "TV").
* ``title``: a title (President, Gen., Lt. Gen., spokesman, army chief, …), optionally
  preceded by a demonym or "<Country>'s" and a body word ("Sudanese army chief
  General …"), then a name: capitalised words with particles (al-, bin, de, van …).
  The name is written without the title; the country is the demonym's. Name words that
  are calendar words, head nouns, titles or countries end the name. Modifiers
  ("Interior", "Finance", "Deputy") only count before a title word ("Interior
  Minister"), so "Finance Bill" is no title. A title with only a surname ("Mr Odinga")
  after the full name is that person (``short``).
* ``name``: two to four capitalised words with no title that look like a person's name,
  conservatively: not on a headline line, no word that is a
  calendar, function, title, organisation or place word ("House", "Valley"), a country
  or demonym, no word the text also writes in lower case; not a place GeoNames names,
  not a byline ("By Jane Doe", "Reporting by …", a name alone on a line) or photo
  credit ("Jane Doe/Newswire"); not made of common English words (wordfreq zipf ≥ 3.5
  each, the last ≥ 4.5: "Privacy Policy" — at the price of "John Smith").
* ``regional``: a first-level region (GeoNames) or its demonym before forces, fighters,
  militia, government, authorities or leaders, or after "forces from": "Tigrayan forces",
  "the Tigray regional government", "forces from Tigray" → "<Region> regional forces"
  (armed_forces) or "<Region> regional government".
* ``alias``: "X, known as Y", "X (also known as Y)", "better|commonly known as" make Y
  another name of X; Y and its later mentions name X.
* ``short``: after a person is named in full, a later last word ("Burhan"), last word
  with its particle ("al-Burhan"), last two words or given name ("Abiy", four letters or
  more) name that person. "the army",
  "the military", "the armed forces", "government forces|troops" name the last state
  armed forces mentioned; "the rebels", "the paramilitary|paramilitaries", "the
  militia", "the group" the last armed group with no state; "the ministry" the last
  ministry; "the government" the last state; "the committee|agency|organisation" the
  last organisation with that head noun ("the regular army", "the main military" too).
  Mentions in ``known`` count as antecedents. With none before it, "the army" is the armed
  forces of the state the text names most, and "the paramilitaries" the one armed group
  with no state the text names, if it names one; otherwise nothing is emitted. "The warring
  sides", "both sides", "the two parties" name the two armed actors the text names most
  (states, when it names fewer than two armed ones): one mention each, on the same words.

Everything is compiled once (``_lexicon``); a call runs a handful of regex scans and
loops only over their matches.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from articles.text.scan import lines
from articles.text.sentences import after_glued_stop
from timeline.extraction.countries import Country, _zipf, countries
from timeline.extraction.gazetteer import (
    _APOSTROPHES,
    _DASHES,
    _NOT_NAME_WORDS,
    _TITLES_BEFORE_NAMES,
    EntityMention,
    _fold,
    _trie_pattern,
)
from timeline.extraction.places import fold, world

# ---------------------------------------------------------------------------- spelling

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_DOUBLED_LETTER = re.compile(r"([a-z])\1+")


@functools.lru_cache(maxsize=1 << 14)
def spelling(name: str) -> str:
    """The key under which the spellings of one name meet (Actor.spelling).

    Transliterations of one name differ most in accents, case, hyphens, apostrophes and doubled
    letters: "Khamis Abbakar" and "Khamis Abakar", "al-Burhan" and "Al Burhan", "Mohammed" and
    "Mohamed" are one name each. Other differences ("Dagalo", "Daglo") are left to aliases.
    """
    key = _NOT_LETTERS.sub(" ", fold(name)).strip()
    return _DOUBLED_LETTER.sub(r"\1", key)[:200]


# ---------------------------------------------------------------------------- vocabulary


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Generic English only: these say what kind of word something is, never which actor.

_CALENDAR = _words(
    """January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday Today Yesterday Tomorrow"""
)
_LEADING_NOISE = (
    _words(
        """The A An This That These Those Its Their His Her Our In On At By For From Of
        To With After Before During Since Until While When Where As But And Or If Then
        Meanwhile However Also Both Each Every All Some Many Several Most Few Other
        Dozens Hundreds Thousands Millions One Two Three Four Five Six Seven Eight Nine
        Ten Eleven Twelve Twenty Thirty Fifty Hundred Thousand Under Over Between Against
        Amid Among Despite Following According Last Next Earlier Later"""
    )
    | _CALENDAR
)

_ARMED_HEADS = _words(
    """Forces Force Army Militia Militias Brigade Brigades Battalion Battalions Guard Guards
    Corps Regiment Division Command Front"""
)
_HEADS: dict[str, str] = {
    **dict.fromkeys(_ARMED_HEADS, "armed_forces"),
    "Ministry": "ministry",
    **dict.fromkeys(_words("Parliament Assembly Congress Senate"), "legislature"),
    **dict.fromkeys(_words("Agency Service Services Bureau Office"), "agency"),
    **dict.fromkeys(
        _words(
            """Movement Party Committee Council Programme Program Organisation
        Organization Union Commission Fund Group Coalition Alliance Mission Court Cross
        Crescent Network Authority Police Government Federation Association Institute
        Centre Center Doctors Department Nations Watch Foundation Society Observatory
        Secretariat"""
        ),
        "organisation",
    ),
    # The media, often who a report's words come from: "Al Hadath TV", "Sky News", "the Kyiv
    # Independent's" excepted (no head noun), "Associated Press", "The Moscow Times".
    **dict.fromkeys(
        _words("TV Television Radio Broadcasting News Press Times Herald Tribune Gazette Journal"),
        "organisation",
    ),
}

# Body nouns after "<Demonym>" / "<Country>'s" or before "of <Country>": pattern,
# name template ({c} country name, {d} demonym or country name), kind.
_BODIES: list[tuple[str, str, str]] = [
    (
        r"[Dd]efen[cs]e [Mm]inistry|[Mm]inistry of [Dd]efen[cs]e",
        "{c} Ministry of Defence",
        "ministry",
    ),
    (
        r"[Ff]oreign (?:[Aa]ffairs )?[Mm]inistry|[Mm]inistry of [Ff]oreign [Aa]ffairs",
        "{c} Ministry of Foreign Affairs",
        "ministry",
    ),
    (
        r"(?:[Ii]nterior|[Ii]nternal [Aa]ffairs) [Mm]inistry"
        r"|[Mm]inistry of (?:the )?[Ii]nterior|[Mm]inistry of [Ii]nternal [Aa]ffairs",
        "{c} Ministry of Interior",
        "ministry",
    ),
    (
        r"[Aa]rmed [Ff]orces|[Aa]rmy|[Mm]ilitary|[Tt]roops|[Ss]oldiers|[Ff]orces",
        "{d} Armed Forces",
        "armed_forces",
    ),
    (r"[Pp]arliament", "{c} Parliament", "legislature"),
    (r"[Gg]overnment|[Aa]uthorities", "{d} Government", "state"),
]
_BODY_RES = [(re.compile(p), name, kind) for p, name, kind in _BODIES]
_BODY_ALT = "|".join(f"(?:{p})" for p, _, _ in _BODIES)

# Titles before a name. Written capitalised ("President", "Gen.") or in lower case
# ("spokesman", "army chief"); each list becomes one prefix trie.
_CAP_TITLE_HEADS = _words(
    """President Premier Minister General Gen. Colonel Col. Major Maj. Captain Capt.
    Commander Governor Mayor Ambassador Envoy Chancellor King Queen Prince Princess Emir
    Sheikh Pope Senator Sen. Speaker Chairman Chairwoman Dr Dr. Mr Mr. Mrs Mrs. Ms Ms.
    Spokesman Spokeswoman Spokesperson Admiral Marshal Sergeant Sgt. Lieutenant Lt.
    Secretary Secretary-General Chief Leader"""
)
# Words that only make a title together with a head: "Interior Minister", not "Finance Bill".
_CAP_TITLE_MODIFIERS = _words(
    """Brig. Brigadier Deputy Vice Foreign Defence Defense Interior Finance Prime Special
    Field Supreme Cabinet Lt Maj Acting Army Military"""
)
_CAP_TITLES = _CAP_TITLE_HEADS | _CAP_TITLE_MODIFIERS
# Words that make a capitalised run a place or a thing rather than a person.
_PLACE_WORDS = _words(
    """House Hotel Palace Hall Building Tower Plaza Park Station Port Camp Market Road
    Avenue Valley Hill Hills Bay Beach Stadium Airport Airbase Base Bridge Dam Gate Prison
    Hospital Clinic Mosque Church School College University Bill Act Law Plan Accord
    Agreement Treaty Talks Summit Conference Declaration Initiative Project Operation
    Island Islands River Lake Desert Mountains Mount Coast Province State Region County
    Peninsula Sea Strait Straits Gulf Canal Plateau Basin Delta Corridor"""
)
_LOW_TITLES = _words(
    """president minister spokesman spokeswoman spokesperson leader chief commander envoy
    ambassador general governor mayor premier"""
)
# Words between a demonym and the title: "Sudanese army chief", "Kenya's foreign minister".
_TITLE_BODY_WORDS = _words(
    "army military police rebel militia paramilitary opposition government intelligence "
    "foreign defence defense interior prime deputy"
)
# Prefix tries rather than flat alternations: they are tried after every capitalised word.
_PARTICLE = _trie_pattern(
    _words("al el Al El bin ibn bint abu Abu de van von da dos del der la le")
)
_AP = f"[{_APOSTROPHES}]"
_DA = f"[{_DASHES}]"
_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ\u0100-\u017f"
# One capitalised name word, with an Arabic article ("al-Burhan") or inner hyphen or
# apostrophe ("Jean-Pierre", "O'Neill"); a possessive "'s" is never part of it.
_ARTICLE = rf"{_trie_pattern(_words('al el ad ar as ash at az'))}{_DA}"
_NW_CORE = rf"[{_UP}][{_LO}]+(?:{_DA}[{_UP}{_LO}][{_LO}]+|{_AP}(?!s\b)[{_UP}{_LO}][{_LO}]+)*"
_NW = rf"(?:{_ARTICLE})?{_NW_CORE}"
_NAME = rf"{_NW}(?: (?:{_PARTICLE} )*{_NW}){{0,4}}"
# Organisation words: capitalised words (possessives and "Doctors'" allowed) or acronyms.
_OW = (
    rf"[{_UP}](?:[A-Z0-9]{{1,5}}(?![{_LO}])"
    rf"|[{_LO}]*(?:{_DA}[{_UP}{_LO}][{_LO}]*)*(?:{_AP}s|s{_AP})?)"
)
# "and" joins words inside a name ("Justice and Equality Movement"); "and the" joins two.
_CONN = r"(?:of|for|and(?! the )|the|de|du|des|al)"

_NON_ACTOR_ABBREVIATIONS = _words(
    """GMT UTC EST EDT CET CEST EAT WAT CAT PST PDT BST IST AM PM KM KG MW GW KW MPH
    CEO CFO TV ID PDF HTML URL GDP DNA COVID AIDS HIV OK FAQ PS NB AD BC SUV"""
)
# A run of words all this common in English, the last very common, is not a name.
_NAME_ZIPF = 3.5
_COMMON_ZIPF = 4.5
_ROMAN = re.compile(r"[IVXLC]+")
_AFTER_ACRONYM_ARMED = re.compile(r" (?:fighters|militia|militiamen|rebels|troops|soldiers)\b")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    state: dict[str, Country]
    demonym: dict[str, Country]
    upper_places: frozenset[str]
    label_re: re.Pattern[str]
    of_body_re: re.Pattern[str]
    not_name: frozenset[str]


@functools.cache
def _lexicon() -> _Lexicon:
    state: dict[str, Country] = {}
    demonym: dict[str, Country] = {}
    upper: set[str] = set()
    for c in countries():
        for label in (c.name, *c.aliases):
            state.setdefault(_fold(label), c)
        for dem in c.demonyms:
            demonym.setdefault(_fold(dem), c)
        upper.update(w.upper() for w in (c.name, c.capital) if w)
    states = _trie_pattern(state)
    not_name = (
        _NOT_NAME_WORDS
        | _CAP_TITLES
        | _PLACE_WORDS
        | _TITLES_BEFORE_NAMES
        | _CALENDAR
        | frozenset(_HEADS)
        | frozenset(w for label in state for w in label.split(" "))
        | frozenset(w for dem in demonym for w in dem.split(" "))
    )
    return _Lexicon(
        state=state,
        demonym=demonym,
        upper_places=frozenset(upper),
        # Names and demonyms in one trie, so the text is scanned once for both.
        label_re=re.compile(
            rf"(?P<label>{_trie_pattern([*state, *demonym])})(?![\w\-]|\.\w)"
            rf"(?:(?P<poss>{_AP}s)? (?P<body>{_BODY_ALT})(?![\w-]))?"
        ),
        of_body_re=re.compile(rf" of (?:the )?(?P<cn>{states})(?![\w-])"),
        not_name=not_name,
    )


# Organisations are found from their head noun: re skips to the few head nouns, the
# words before it are walked right to left, the "of …" tail is one match.
# A head noun ends the word, or is possessive: "the Port Authority's", "the Defence Forces'".
_HEAD_RE = re.compile(_trie_pattern(_HEADS) + r"(?![\w-])(?!['’](?!s\b)\w)")
_OW_RE = re.compile(_OW)
# "Committee on Foreign Relations", but not "Police on Monday".
_NOT_CALENDAR = "(?!(?:" + "|".join(sorted(_CALENDAR, key=len, reverse=True)) + r")\b)"
_ORG_TAIL_RE = re.compile(
    rf" (?:of|for|on)(?: the)? {_NOT_CALENDAR}{_OW}(?: (?:{_CONN} )*{_NOT_CALENDAR}{_OW})*"
)
_MAX_ORG_WORDS = 12
_NONSPACE_RE = re.compile(r"\S+")
_ACR_DEF_RE = re.compile(r" \((?P<acr>[A-Z][A-Za-z0-9]{1,6})\)")
_SPELL_WORD_RE = re.compile(r"[^\W\d_][\w'\u2019-]*")
_ACR_RE = re.compile(r"[A-Z](?<![\w.'’-][A-Z])[A-Z0-9]{1,5}(?![\w'’.-]|\.\w)")
_NAME_RUN_RE = re.compile(rf"{_NW_CORE}(?: (?:{_PARTICLE} )*{_NW})+")
_NAME_WORD_RE = re.compile(_NW)
_BODY_BEFORE_RE = re.compile(rf"(?<![\w-])(?:{_BODY_ALT})\Z")
_TITLE_WORD = _trie_pattern(_CAP_TITLES | _LOW_TITLES | {"of State", "of Defence", "of Defense"})
_TITLE_TAIL = rf"(?P<more>(?: {_TITLE_WORD}){{0,3}}),? (?P<name>{_NAME})"
_TITLE_ENDS = _CAP_TITLE_HEADS | _LOW_TITLES | {"of State", "of Defence", "of Defense"}
# The capitalised list starts with a capital, the other with a space: re then skips
# straight to where a title can begin.
_CAP_TITLE_RE = re.compile(f"(?P<first>{_trie_pattern(_CAP_TITLES)}){_TITLE_TAIL}")
_LOW_TITLE_RE = re.compile(f" (?P<first>{_trie_pattern(_LOW_TITLES)}){_TITLE_TAIL}")
_KNOWN_AS_RE = re.compile(
    rf"(?:,| \()? ?(?:also |better |commonly |widely |popularly )?known as "
    rf"[\"“‘']?(?P<alias>{_NW}(?: {_NW})?)"
)
# The nouns a short form ends in, found first (re skips to their letters), then the words
# before one: "the", "government", a capitalised word ("Sudan's"), "regular"/"main"/"national".
_SHORT_NOUN_RE = re.compile(
    r"(?<![\w-])(?:armed forces|army|military|rebels|paramilitary|paramilitaries|militia|group"
    r"|ministry|government|committee|agency|organisation|organization|forces|troops|insurgents"
    r"|militants|party)(?![\w-])"
)
_SHORT_PREFIX_RE = re.compile(
    r"(?:\b(?:the|The|government|Government)|(?<![\w'\u2019-])[A-Z][a-z]+(?:'s|\u2019s)?"
    r"|\b(?:region|country|province|state)(?:'s|\u2019s)) "
    r"(?:regular |main |national |ruling |governing )?\Z"
)
# "the ruling party", "the region's governing party": the one party or front the text names.
_PARTY_HEADS = frozenset({"party", "front", "movement"})
# Plural nouns that name a group with no word before them: "rebels in the north agreed".
_BARE_PLURALS = frozenset({"rebels", "paramilitaries", "insurgents", "militants"})
_LINE_RE = re.compile(r"[^\n]+")
_CREDIT_RE = re.compile(
    r"(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Ww]ritten|[Cc]ompiled|[Pp]hoto\w*) by"
)
_OF_TITLES = ("of State", "of Defence", "of Defense")
_PARTICLE_RE = re.compile(_PARTICLE)


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    rank: int  # lower wins between equally long candidates
    name: str
    kind: str
    country: str | None
    via: str

    def mention(self, text: str) -> EntityMention:
        return EntityMention(
            self.start,
            self.end,
            text[self.start : self.end],
            self.name,
            self.kind,
            False,
            self.country,
            self.via,
        )


@functools.cache
def _body(noun: str) -> tuple[str, str] | None:
    return next(((name, kind) for rx, name, kind in _BODY_RES if rx.fullmatch(noun)), None)


def _body_cand(start: int, end: int, country: Country, noun: str) -> _Cand | None:
    found = _body(noun)
    if found is None:
        return None
    template, kind = found
    name = template.format(c=country.name, d=(country.demonyms or (country.name,))[0])
    via = "state" if kind == "state" else "state-body"
    return _Cand(start, end, 1, name, kind, country.code, via)


def _headline_mask(text: str) -> bytearray:
    """1 for characters on Title Case or all-capitals lines (headlines, datelines).

    A short line most of whose longer words are capitalised is a headline, unless it ends
    like a sentence (with a full stop) in mixed case."""
    mask = bytearray(len(text))
    for line in _LINE_RE.finditer(text):
        s = line.group()
        if len(s) > 200 or (s.rstrip().endswith((".", '."', ".”")) and not s.isupper()):
            continue  # paragraphs and sentences, not headlines
        words = [w for w in s.split() if len(w) > 3 and w[0].isalpha()]
        if len(words) < 3:
            continue
        caps = sum(w[0].isupper() for w in words)
        if caps / len(words) >= 0.75:
            mask[line.start() : line.end()] = b"\x01" * (line.end() - line.start())
    return mask


class _Finder:
    def __init__(self, text: str, known: Sequence[EntityMention]) -> None:
        self.text = text
        self.lex = _lexicon()
        self.known_actor = bytearray(len(text))
        self.known_place = bytearray(len(text))
        self.place_spans: set[tuple[int, int]] = set()
        self.known = [m for m in known if not m.is_place]
        self.any_known = bool(known)
        for m in known:
            mask = self.known_place if m.is_place else self.known_actor
            mask[m.start : m.end] = b"\x01" * (m.end - m.start)
            if m.is_place:
                self.place_spans.add((m.start, m.end))
        self.headline = _headline_mask(text)
        self.cands: list[_Cand] = []
        self.acronyms: dict[str, tuple[_Cand, int]] = {}

    # -------------------------------------------------------------------- helpers

    def free(self, start: int, end: int, state: bool = False) -> bool:
        if not self.any_known:
            return True
        if self.known_actor.find(1, start, end) != -1:
            return False
        if self.known_place.find(1, start, end) == -1:
            return True
        return state and (start, end) in self.place_spans

    def add(self, cand: _Cand | None) -> None:
        if cand is not None and self.free(cand.start, cand.end, cand.via == "state"):
            self.cands.append(cand)

    def word_start(self, start: int) -> bool:
        text = self.text
        return (
            start == 0
            or not (text[start - 1].isalnum() or text[start - 1] in "'’.-_")
            or after_glued_stop(text, start)
        )

    def written_in_lower_case(self, word: str) -> bool:
        low, text = word.lower(), self.text
        i = text.find(low)
        while i != -1:
            after = text[i + len(low) : i + len(low) + 1]
            if self.word_start(i) and not (after.isalnum() or after in "-_"):
                return True
            i = text.find(low, i + 1)
        return False

    def prev_word(self, start: int) -> str:
        if start < 2 or self.text[start - 1] != " ":
            return ""
        text = self.text
        return text[_word_start(text, start - 1) : start - 1]

    # -------------------------------------------------------------------- full mentions

    def regional_bodies(self) -> None:
        """ "Tigrayan forces", "the Tigray regional government", "forces from Tigray": a
        first-level region's (GeoNames) armed forces or government, "<Region> regional forces"
        and "<Region> regional government"."""
        text = self.text
        if not any(noun in text for noun in _REGIONAL_NOUNS):
            return
        regions = world()
        done = 0
        # Anchored on the noun, which is rare, and not on every capitalised word.
        for noun_match in _REGIONAL_NOUN_RE.finditer(text):
            noun, at = noun_match.group(), noun_match.start()
            if at < done:
                continue
            before = _REGION_BEFORE_RE.search(text, max(0, at - 60), at)
            if before is not None:
                start, end, word = before.start(), noun_match.end(), before.group("region")
            elif noun in ("forces", "fighters"):
                after = _REGION_AFTER_RE.match(text, noun_match.end())
                if after is None:
                    continue
                regional = text[max(0, at - 9) : at] == "regional "
                start = at - 9 if regional and _word_boundary(text, at - 9) else at
                end, word = after.end(), after.group("after")
            else:
                continue
            found = _region_named(regions, word)
            if found is None:
                continue
            done = end
            written, region = found
            armed = noun not in ("government", "authorities", "administration", "leaders")
            name = f"{written}{_REGIONAL_FORCES if armed else _REGIONAL_GOVERNMENT}"
            kind = "armed_forces" if armed else "other"
            self.add(_Cand(start, end, 2, name, kind, region.country, "regional"))

    def states(self) -> None:
        lex = self.lex
        for m in lex.label_re.finditer(self.text):
            start = m.start()
            if not self.word_start(start):
                continue
            label = _fold(m.group("label"))
            state = lex.state.get(label)
            body = m.group("body")
            if body is not None and (state is None) == (m.group("poss") is None):
                # "Sudanese army", "Sudan's army"; not "Sudan army" or "Sudanese's".
                self.add(_body_cand(start, m.end(), state or lex.demonym[label], body))
            if state is None:
                continue  # a bare demonym qualifies too many things to be an actor
            prev = self.prev_word(start)
            if prev and prev[0].isupper() and prev[-1].isalpha() and prev not in _LEADING_NOISE:
                continue  # "New Jersey", "Mount Lebanon": the tail of another name
            end = m.end("label")
            self.add(_Cand(start, end, 2, state.name, "state", state.code, "state"))
        for m in lex.of_body_re.finditer(self.text):
            body = _BODY_BEFORE_RE.search(self.text, max(0, m.start() - 40), m.start())
            if body is not None:
                country = lex.state[_fold(m.group("cn"))]
                self.add(_body_cand(body.start(), m.end(), country, body.group()))

    def organisations(self) -> None:
        text = self.text
        done = 0
        for m in _HEAD_RE.finditer(text):
            hs = m.start()
            if hs < done or self.headline[hs] or not self.word_start(hs):
                continue
            start = self._org_left(hs)
            tail = _ORG_TAIL_RE.match(text, m.end())
            end = tail.end() if tail else m.end()
            done = end
            if start < hs or tail:
                self._org(start, end)

    def _org_left(self, pos: int) -> int:
        """Where the capitalised words (and inner connectors) before ``pos`` begin."""
        text = self.text
        start, right = pos, ""
        for _ in range(_MAX_ORG_WORDS):
            if pos < 2 or text[pos - 1] != " ":
                break
            ws = _word_start(text, pos - 1)
            word = text[ws : pos - 1]
            if word in _CONN_WORDS:
                if word == "and" and right == "the":
                    break  # "X and the Y" joins two names
            elif _OW_RE.fullmatch(word):
                if right in ("of", "for") and _strip_poss(word) not in _HEADS:
                    break  # "Fighters of the X Forces"; but "Committee of the Red Cross"
                start = ws
            else:
                break
            pos, right = ws, word
        return start

    def _org(self, start: int, end: int) -> None:
        text = self.text
        words = list(_NONSPACE_RE.finditer(text, start, end))
        # "Sudan and Rapid Support Forces": what precedes an "and" that follows a state,
        # demonym or head noun is another name.
        for j in range(len(words) - 2, 0, -1) if " and " in text[start:end] else ():
            before = _strip_poss(words[j - 1].group())
            if words[j].group() == "and" and (
                before in _HEADS or _fold(before) in self.lex.state or before in self.lex.demonym
            ):
                words = words[j + 1 :]
                break
        i = 0
        while i < len(words):
            w = words[i].group()
            noise = w in _LEADING_NOISE or w in _CONN_WORDS
            if not noise and not (w.endswith(("'s", "’s")) and _fold(w[:-2]) in self.lex.state):
                break
            i += 1
        words = words[i:]
        if len(words) < 2:
            return
        s, e = words[0].start(), words[-1].end()
        if text[e - 2 : e] in ("'s", "’s"):
            e -= 2
        name = text[s:e]
        head = _org_head(name)
        if head is None:
            return
        first = name.split(" ")[0]
        country = self.lex.demonym.get(_fold(first))
        cand = _Cand(s, e, 3, name, _HEADS[head], country.code if country else None, "organisation")
        self.add(cand)
        d = _ACR_DEF_RE.match(text, e)
        if d and d.group("acr")[0] == name[0] and d.group("acr") not in self.lex.state:
            self.acronyms.setdefault(d.group("acr"), (cand, d.start("acr")))

    def spelled_acronyms(self) -> None:
        """ "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)": capitalised words before an acronym
        in brackets whose initials spell it name an organisation the acronym stands for, when
        no head noun made it one."""
        text = self.text
        for d in _ACR_DEF_RE.finditer(text):
            acr = d.group("acr")
            if acr in self.acronyms or acr in self.lex.state or not acr.isupper():
                continue
            words = list(_SPELL_WORD_RE.finditer(text, max(0, d.start() - 120), d.start()))
            # Walk back over the words whose initials spell the acronym, last letter first.
            i, k = len(words) - 1, len(acr) - 1
            while i >= 0 and k >= 0:
                w = words[i].group()
                parts = [p for p in w.split("-") if p]
                initials = [p[0].upper() for p in parts if p[0].isupper() or len(parts) > 1]
                if i + 1 < len(words) and text[words[i].end() : words[i + 1].start()] != " ":
                    break
                if not initials or initials[-1] != acr[k]:
                    break
                k -= 1
                if len(initials) > 1 and k >= 0 and initials[-2] == acr[k]:
                    k -= 1  # "al-Islam" stands for one letter; "Jama'at" for one too
                i -= 1
            if k >= 0 or len(words) - 1 - i < 2:
                continue
            start, end = words[i + 1].start(), words[-1].end()
            if not text[start].isupper():
                continue
            name = text[start:end]
            kind = _HEADS.get(words[-1].group()) or (
                "armed_forces" if _AFTER_ACRONYM_ARMED.match(text, d.end()) else "organisation"
            )
            cand = _Cand(start, end, 3, name, kind, None, "organisation")
            self.add(cand)
            self.acronyms.setdefault(acr, (cand, d.start("acr")))

    def acronym_tokens(self) -> None:
        text = self.text
        for m in _ACR_RE.finditer(text):
            acr, start, end = m.group(), m.start(), m.end()
            if acr in self.lex.state:
                continue  # "US", "UK": the state rule has it
            if acr in self.acronyms:
                cand, def_at = self.acronyms[acr]
                if start != def_at:
                    self.add(_Cand(start, end, 4, cand.name, cand.kind, cand.country, "acronym"))
                continue
            if not self._plain_acronym(acr, start, end):
                continue
            armed = _AFTER_ACRONYM_ARMED.match(text, end)
            kind = "armed_forces" if armed else "organisation"
            self.add(_Cand(start, end, 4, acr, kind, None, "acronym"))

    def _plain_acronym(self, acr: str, start: int, end: int) -> bool:
        text = self.text
        if (
            acr in _NON_ACTOR_ABBREVIATIONS
            or acr in self.lex.upper_places
            or _ROMAN.fullmatch(acr)
            or sum(c.isalpha() for c in acr) < 2
            and not acr[1:].isdigit()
        ):
            return False
        before = text[max(0, start - 2) : start]
        after = text[end : end + 2]
        if "/" in before[-1:] + after[:1] or _in_credit(text, start):
            return False  # a credit: "(Jane Doe/NWS)", "(Photo by JANE DOE / NWS)"
        if before[-1:].isdigit() or before.strip()[-1:].isdigit() or after.strip()[:1].isdigit():
            return False  # "10 GMT", "5 KM"
        if lines(text).first_on_line(start) and after[:1] in (",", " -", "/"):
            return False  # dateline
        return not self.headline[start]

    def people(self) -> None:
        lex, text = self.lex, self.text
        for m in [*_titled_names(_CAP_TITLE_RE, text), *_titled_names(_LOW_TITLE_RE, text)]:
            if not self.word_start(m.start() + (text[m.start()] == " ")):
                continue
            name_start = m.start("name")
            words = list(_NAME_WORD_RE.finditer(text, name_start, m.end("name")))
            keep = []
            for w in words:
                if _PARTICLE_RE.fullmatch(w.group()):
                    continue
                if _strip_poss(w.group()) in lex.not_name:
                    break
                keep.append(w)
            if not keep:
                continue
            end = keep[-1].end()
            name = text[name_start:end]
            start, country = self._title_country(m.start() + (text[m.start()] == " "))
            self.add(_Cand(start, end, 0, name, "person", country, "title"))
        self._untitled_names()

    def _title_country(self, start: int) -> tuple[int, str | None]:
        """A demonym or "<Country>('s)" before a title, maybe with a body word between:
        "Sudanese army chief", "Kenya's President", "US Secretary of State"."""
        prev = self.prev_word(start)
        at = start - len(prev) - 1
        if prev in _TITLE_BODY_WORDS:
            prev = self.prev_word(at)
            at -= len(prev) + 1
        if not prev:
            return start, None
        key = _fold(_strip_poss(prev))
        country = self.lex.demonym.get(key) or self.lex.state.get(key)
        return (at, country.code) if country else (start, None)

    def _untitled_names(self) -> None:
        text, lex = self.text, self.lex
        # A run that overlaps a name found by a surer rule would lose to it (or holds one
        # of its words, which disqualifies it), so it is not examined.
        claimed = bytearray(len(text))
        for c in self.cands:
            claimed[c.start : c.end] = b"\x01" * (c.end - c.start)
        for m in _NAME_RUN_RE.finditer(text):
            start = m.start()
            if (
                self.headline[start]
                or claimed.find(1, start, m.end()) != -1
                or not self.word_start(start)
            ):
                continue
            words = m.group().split(" ")
            lead = 0  # an index, not repeated slicing: a run can be thousands of words long
            while lead < len(words) and words[lead] in lex.not_name:
                start += len(words[lead]) + 1
                lead += 1
            words = words[lead:]
            caps = [w for w in words if w[0].isupper()]
            if not 2 <= len(caps) <= 4:
                continue
            if any(w in lex.not_name for w in caps):
                continue
            if any(self.written_in_lower_case(w) for w in caps):
                continue
            end = m.end()
            if (
                fold(text[start:end]) in world().keys
                or "/" in text[start - 1 : start] + text[end : end + 1]
                or _in_credit(text, start)
            ):
                continue  # a city, or a photo credit ("Jane Doe/Newswire")
            if _zipf(caps[-1]) >= _COMMON_ZIPF and all(_zipf(w) >= _NAME_ZIPF for w in caps):
                continue  # "Privacy Policy": ordinary words, capitalised

            if _byline(text, start) or _alone_on_line(text, start, end):
                continue
            self.add(_Cand(start, end, 5, text[start:end], "person", None, "name"))

    # -------------------------------------------------------------------- selection

    def select(self, cands: list[_Cand], taken: bytearray) -> list[_Cand]:
        chosen = []
        for c in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
            if taken.find(1, c.start, c.end) != -1:
                continue
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
        return chosen

    # -------------------------------------------------------------------- short forms

    def keyed_short_forms(self, chosen: list[_Cand], taken: bytearray) -> list[_Cand]:
        """Later surnames and aliases of people named in full."""
        text = self.text
        keys: dict[str, tuple[int, _Cand]] = {}
        extra: list[_Cand] = []
        for c in chosen:
            if c.kind != "person" or " " not in c.name:
                continue
            name_words = c.name.split(" ")
            last = name_words[-1]
            bare = re.sub(rf"^(?:al|el|Al|El|ad|ar|as|ash|at|az){_DA}", "", last)
            forms = {last, bare, bare[:1].upper() + bare[1:]}
            # Some are called by their given name ("Abiy" after "Abiy Ahmed").
            if len(name_words[0]) >= 4:
                forms.add(name_words[0])
            if len(name_words) >= 3:
                forms.add(" ".join(name_words[-2:]))
            for form in forms:
                if len(form) >= 3 and form not in self.lex.not_name:
                    keys.setdefault(form, (c.end, c))
            a = _KNOWN_AS_RE.match(text, c.end)
            if a is not None:
                alias = a.group("alias")
                s, e = a.span("alias")
                if taken.find(1, s, e) == -1 and self.free(s, e):
                    taken[s:e] = b"\x01" * (e - s)
                    extra.append(_Cand(s, e, 0, c.name, c.kind, c.country, "alias"))
                keys.setdefault(alias, (s, c))
        # A bare name ("Black Hawk") or a title with a surname only ("Mr Odinga") that is the
        # surname or alias of someone named before is that person.
        for c in chosen:
            hit = keys.get(c.name) if c.via in ("name", "title") else None
            if hit is not None and hit[0] <= c.start and hit[1] is not c:
                person = hit[1]
                c.via = "short" if c.name in person.name else "alias"
                c.name, c.kind, c.country = person.name, person.kind, person.country
        # Each form is looked for in the rest of the text: the forms of the people named first,
        # _MAX_SHORT_FORMS of them (a report names a few dozen), so a text of thousands of
        # names is read in linear time.
        if len(keys) > _MAX_SHORT_FORMS:
            keys = dict(sorted(keys.items(), key=lambda kv: kv[1][0])[:_MAX_SHORT_FORMS])
        # Longest first, so that "Hamdan Daglo" is taken before "Daglo".
        for key in sorted(keys, key=len, reverse=True):
            after, c = keys[key]
            via = "short" if key in c.name else "alias"
            i = text.find(key, after)
            while i != -1:
                e = i + len(key)
                nxt = text[e : e + 1]
                if (
                    self.word_start(i)
                    and not (nxt.isalnum() or nxt in "-_")
                    and taken.find(1, i, e) == -1
                    and self.free(i, e)
                ):
                    taken[i:e] = b"\x01" * (e - i)
                    extra.append(_Cand(i, e, 0, c.name, c.kind, c.country, via))
                i = text.find(key, e)
        return extra

    def noun_short_forms(self, chosen: list[_Cand], taken: bytearray) -> list[_Cand]:
        """ "the army", "the rebels", "the ministry" → the latest fitting actor before."""
        text = self.text
        matches = []
        for m in _SHORT_NOUN_RE.finditer(text):
            window = text[max(0, m.start() - 40) : m.start()]
            prefix = _SHORT_PREFIX_RE.search(window)
            noun = m.group()
            if prefix is None and noun not in _BARE_PLURALS:
                continue
            governed = prefix is not None and prefix.group().startswith(("G", "g"))
            if noun in ("forces", "troops") and not governed:
                continue
            # "government forces" is one name; in "the army", "Sudan's paramilitaries" the
            # noun alone is (a state named before it stays the state).
            start = m.start() - len(window) + prefix.start() if governed else m.start()
            matches.append((start, m.end(), noun))
        if not matches and not any(noun in text for noun in _SIDE_NOUNS):
            return []
        antecedents = sorted(
            [(c.start, c.name, c.kind, c.country) for c in chosen]
            + [(k.start, k.name, k.kind, k.country) for k in self.known]
        )
        last: dict[str, tuple[str, str, str | None]] = {}
        # With no antecedent before it, "the army" is the army of the state the text names
        # most, and "the paramilitaries" the one armed group with no state it names.
        fallback: dict[str, tuple[str, str, str | None]] = {}
        states = Counter(country for _, _, kind, country in antecedents if kind == "state")
        if states:
            state = _by_code().get(states.most_common(1)[0][0])
            if state is not None and state.demonyms:
                fallback["state_forces"] = (
                    f"{state.demonyms[0]} Armed Forces",
                    "armed_forces",
                    state.code,
                )
        groups = {(n, k, c) for _, n, k, c in antecedents if k == "armed_forces" and not c}
        if len(groups) == 1:
            fallback["group_forces"] = next(iter(groups))
        parties = {
            (n, k, c) for _, n, k, c in antecedents if (_org_head(n) or "").lower() in _PARTY_HEADS
        }
        if len(parties) == 1:
            fallback["party"] = next(iter(parties))
        i = 0
        out: list[_Cand] = []
        for s, e, noun in matches:
            while i < len(antecedents) and antecedents[i][0] < s:
                _, name, kind, country = antecedents[i]
                entry = (name, kind, country)
                if kind == "armed_forces":
                    last["state_forces" if country else "group_forces"] = entry
                elif kind == "ministry":
                    last["ministry"] = entry
                elif kind == "state":
                    last["state"] = entry
                head = _org_head(name)
                if head is not None:
                    last[head.lower().replace("organization", "organisation")] = entry
                    if head.lower() in _PARTY_HEADS:
                        last["party"] = entry
                i += 1
            role = _SHORT_ROLE.get(noun, noun)
            entry = last.get(role) or fallback.get(role)
            if entry is None:
                continue
            if taken.find(1, s, e) != -1 or not self.free(s, e):
                continue
            taken[s:e] = b"\x01" * (e - s)
            out.append(_Cand(s, e, 0, entry[0], entry[1], entry[2], "short"))
        out += self.both_sides(antecedents, taken)
        return out

    def both_sides(self, antecedents, taken: bytearray) -> list[_Cand]:
        """ "The warring sides", "both sides", "the two parties": the two armed actors the text
        names most (states when it names fewer than two armed ones)."""
        text = self.text
        if not any(noun in text for noun in _SIDE_NOUNS):
            return []  # cheaper than the pattern's scan, and the usual case
        matches = _side_spans(text)
        if not matches:
            return []
        armed = Counter((n, k, c) for _, n, k, c in antecedents if k == "armed_forces")
        if len(armed) < 2:
            armed += Counter((n, k, c) for _, n, k, c in antecedents if k == "state")
        if len(armed) < 2:
            return []
        sides = [entry for entry, _ in armed.most_common(2)]
        out = []
        for s, e in matches:
            if taken.find(1, s, e) != -1 or not self.free(s, e):
                continue
            taken[s:e] = b"\x01" * (e - s)
            out += [_Cand(s, e, 0, n, k, c, "short") for n, k, c in sides]
        return out


_REGIONAL_NOUNS = ("forces", "government", "authorities", "administration", "leaders",
                   "fighters", "militia")  # fmt: skip
_REGIONAL_NOUN_RE = re.compile(rf"\b(?:{'|'.join(_REGIONAL_NOUNS)})\b")
_REGIONAL_FORCES = " regional forces"
_REGIONAL_GOVERNMENT = " regional government"


def region_of(name: str) -> str | None:
    """The region a regional body is named for ("Tigray regional government": "Tigray"), as
    regional_bodies names it; None for any other actor."""
    for suffix in (_REGIONAL_FORCES, _REGIONAL_GOVERNMENT):
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return None


# "Tigrayan forces", "the Amhara regional government": the region's word before the noun.
_REGION_BEFORE_RE = re.compile(
    r"(?<![\w'\u2019-])(?P<region>[A-Z][a-z]+(?:-[A-Z][a-z]+)?) (?:regional |special )?\Z"
)
# "forces from Tigray", "fighters from the northern Amhara": the region's word after the noun.
_REGION_AFTER_RE = re.compile(
    r" from (?:the )?(?:northern |southern |eastern |western |central )?"
    r"(?P<after>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
)


def _word_boundary(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


def _region_named(regions, word: str):
    """The first-level region a word names, as itself or its demonym ("Tigrayan" → Tigray),
    with the name as the text writes it: the only region of that name, not a country's."""
    for key in (
        word,
        word[:-2] if word.endswith("an") else "",
        word[:-1] if word.endswith(("n", "i")) else "",
    ):
        if not key:
            continue
        ids = regions.keys.get(fold(key))
        if ids is None:
            continue
        found = [regions.places[i] for i in ids]
        areas = [p for p in found if p.kind == "region"]
        if len(areas) == 1 and not any(p.kind == "country" for p in found):
            return key, areas[0]
    return None


_SIDE_NOUNS = ("sides", "parties", "factions", "generals", "camps")
_SIDE_NOUN_RE = re.compile(rf"\b(?:{'|'.join(_SIDE_NOUNS)})\b")
_SIDE_BEFORE_RE = re.compile(
    r"\b(?:(?:[Tt]he |[Bb]oth )?(?:warring|rival|two|opposing) |(?P<both>[Bb]oth ))\Z"
)


def _side_spans(text: str) -> list[tuple[int, int]]:
    """ "the warring sides", "both parties", "the two generals" (not "both generals"): found
    from the noun, which is rarer than the words before it."""
    spans = []
    for noun in _SIDE_NOUN_RE.finditer(text):
        before = _SIDE_BEFORE_RE.search(text, max(0, noun.start() - 30), noun.start())
        if before is not None and not (before.group("both") and noun.group() == "generals"):
            spans.append((before.start(), noun.end()))
    return spans


_CONN_WORDS = frozenset(("of", "for", "and", "the", "de", "du", "des", "on", "al"))
_SHORT_ROLE = {
    "army": "state_forces",
    "military": "state_forces",
    "armed forces": "state_forces",
    "forces": "state_forces",
    "troops": "state_forces",
    "rebels": "group_forces",
    "paramilitary": "group_forces",
    "paramilitaries": "group_forces",
    "insurgents": "group_forces",
    "militants": "group_forces",
    "militia": "group_forces",
    "group": "group_forces",
    "ministry": "ministry",
    "government": "state",
    "organization": "organisation",
}


@functools.cache
def _by_code() -> dict[str, Country]:
    return {c.code: c for c in countries()}


def _strip_poss(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word.rstrip("'’")


@functools.lru_cache(maxsize=4096)
def _org_head(name: str) -> str | None:
    """The head noun of an organisation name: the last one among its words."""
    head = None
    for w in name.split(" "):
        w = _strip_poss(w)
        if w in _HEADS:
            head = w
        elif w in ("of", "for") and head is not None:
            break
    return head


def _titled_names(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches whose title ends in a head word; after a miss the search goes on from the
    next character, so "Interior Cabinet Secretary X" still finds "Secretary X"."""
    out = []
    m = pattern.search(text)
    while m is not None:
        more = m.group("more")
        title_end = more.rsplit(" ", 1)[-1] if more else m.group("first")
        if title_end in _TITLE_ENDS or more.endswith(_OF_TITLES):
            out.append(m)
            m = pattern.search(text, m.end())
        else:
            m = pattern.search(text, m.start() + 1)
    return out


def _in_credit(text: str, start: int) -> bool:
    """Inside a parenthesised photo credit: "(Photo by Jane Doe / NWS)", "(Jane Doe/NWS)"."""
    opening = text.rfind("(", max(0, start - 40), start)
    if opening == -1 or ")" in text[opening:start]:
        return False
    closing = text.find(")", start, start + 60)
    inside = text[opening + 1 : closing] if closing != -1 else ""
    return "/" in inside or inside.startswith(("Photo", "photo", "Credit"))


def _byline(text: str, start: int) -> bool:
    prefix = text[max(lines(text).start(start), start - 80) : start]
    return prefix.strip() in ("By", "by") or (
        prefix.endswith("by ") and _CREDIT_RE.search(prefix) is not None
    )


def _alone_on_line(text: str, start: int, end: int) -> bool:
    line_start, line_end = lines(text).start(start), lines(text).end(end)
    if (start - line_start) + (line_end - end) > 80:
        return False  # not read further: a long line is no heading
    return len(text[line_start:line_end].strip(" \t.,|-–—:")) <= end - start


_MAX_SHORT_FORMS = 256

# A word longer than this is no word: looking back for its start stops there.
_LONGEST_WORD = 100


def _word_start(text: str, end: int) -> int:
    """Where the word that ends at ``end`` starts: after the space or line break before it."""
    low = max(0, end - _LONGEST_WORD)
    return max(text.rfind(" ", low, end), text.rfind("\n", low, end), low - 1) + 1


def load_patterns() -> None:
    """Build what find_actors reads (the states, their demonyms, the compiled patterns) now,
    rather than on the first text."""
    _lexicon()


# The offices whose holders act for their state, as ACLED codes a head of state's, a head of
# government's or a foreign or defence minister's act as the government's: the title just before
# the name ("Azerbaijani President Ilham Aliyev", "Kenya's foreign minister Amina Odhiambo").
# Not a former holder ("former Nigerian President …"): they act for nobody.
_STATE_OFFICE_RE = re.compile(
    r"\b(?:(?:[Vv]ice[ -])?[Pp]resident|(?:[Dd]eputy )?[Pp]rime [Mm]inister|[Pp]remier"
    r"|[Cc]hancellor|King|Queen|Emir|Sultan|(?:[Ff]oreign|[Dd]efen[cs]e) [Mm]inister"
    r"|[Mm]inister (?:of|for) (?:[Ff]oreign [Aa]ffairs|[Dd]efen[cs]e))[\s,]*$"
)
_FORMER_RE = re.compile(r"\b(?:former|ex-?|late|then)\s*(?:\S+\s+){0,2}$", re.I)


def state_acted_for(mention: EntityMention, before: str) -> EntityMention | None:
    """The state a person acts for when their office is a state's (_STATE_OFFICE_RE), named by
    the title ``before`` the name or in the mention itself ("Russian President Vladimir
    Putin"), as a state mention over the same span; None otherwise."""
    if mention.kind != "person" or mention.country is None:
        return None
    title = mention.text[: -len(mention.name)] if mention.text.endswith(mention.name) else ""
    words = f"{before[-60:]}{title}".rstrip() + " "
    office = _STATE_OFFICE_RE.search(words)
    if office is None or _FORMER_RE.search(words, 0, office.start()):
        return None
    state = _by_code().get(mention.country)
    if state is None:
        return None
    return dataclasses.replace(mention, name=state.name, kind="state", via="office")


# The offices whose holders act for their state's armed forces, as ACLED codes an army chief's
# act as the military's: "Sudanese army chief Abdel Fattah al-Burhan", "Chief of General Staff".
_FORCES_OFFICE_RE = re.compile(
    r"\b(?:(?:[Aa]rmy|[Mm]ilitary|[Aa]rmed [Ff]orces) (?:[Cc]hief|[Cc]ommander|[Hh]ead)"
    r"|[Cc]hief of (?:the )?(?:[Aa]rmy|[Gg]eneral|[Dd]efen[cs]e) [Ss]taff"
    r"|[Cc]ommander[- ]in[- ][Cc]hief)[\s,]*$"
)


def body_acted_for(mention: EntityMention, before: str) -> EntityMention | None:
    """The state (state_acted_for) or the state's armed forces (an army chief's,
    _FORCES_OFFICE_RE) a person acts for, as a mention over the same span; None otherwise."""
    state = state_acted_for(mention, before)
    if state is not None or mention.kind != "person" or mention.country is None:
        return state
    title = mention.text[: -len(mention.name)] if mention.text.endswith(mention.name) else ""
    words = f"{before[-60:]}{title}".rstrip() + " "
    office = _FORCES_OFFICE_RE.search(words)
    country = _by_code().get(mention.country)
    if office is None or country is None or _FORMER_RE.search(words, 0, office.start()):
        return None
    demonym = (country.demonyms or (country.name,))[0]
    return dataclasses.replace(
        mention, name=f"{demonym} Armed Forces", kind="armed_forces", via="office"
    )


def find_actors(text: str, known: Sequence[EntityMention]) -> list[EntityMention]:
    """Actor mentions (is_place=False) in `text` that no mention in `known` covers, in text
    order, non-overlapping among themselves. A state mention may coincide exactly (same start
    and end) with a known place mention of the country (the caller keeps one reading by
    context)."""
    if not text:
        return []
    f = _Finder(text, known)
    f.states()
    f.regional_bodies()
    f.organisations()
    f.spelled_acronyms()
    f.acronym_tokens()
    f.people()
    taken = bytearray(len(text))
    chosen = f.select(f.cands, taken)
    chosen += f.keyed_short_forms(chosen, taken)
    chosen += f.noun_short_forms(chosen, taken)
    chosen.sort(key=lambda c: c.start)
    return [c.mention(text) for c in chosen]
