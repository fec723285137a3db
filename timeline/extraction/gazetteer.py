"""Find mentions of known actors and places in news text about the Armenia–Azerbaijan conflict.

The gazetteer (``fixtures/gazetteer.json``, or rows from the database passed to
``Gazetteer.from_entries``) lists actors (states, ministries, armed forces, alliances,
people with the offices they held) and places (with coordinates and a parent place).
``Gazetteer.find`` turns an article into a list of ``EntityMention`` objects; it is pure
Python, needs no database and compiles every pattern once, in the constructor.

How text is matched
-------------------
* Aliases are matched case-sensitively on word boundaries, longest first. Hyphens,
  dashes and apostrophes match their typographic variants, so "Nagorno–Karabakh" and
  "Armenian-Azerbaijani border" (one border place, not two demonyms) are found.
* A possessive ("Armenia's", "Baku’s") does not stop a match; the "'s" is left out of
  the span.
* "<Demonym> troops|forces|military|soldiers|army" → "<Country> Armed Forces",
  "<Demonym> foreign ministry" → "<Country> Ministry of Foreign Affairs", border guards,
  interior ministry, security council, parliament, and "<Demonym> side|government|
  authorities" → the state itself (``via="demonym-collective"``). "Armenian and
  Azerbaijani troops" gives one mention per demonym. The same nouns after
  "<Country>'s" or before "of <Country>" give ``via="possessive-body"``. The body is
  looked up from the gazetteer (by name pattern, then by country and kind), so the
  rules follow the data rather than a list of phrases.
* A bare demonym ("Armenian") is not a mention: it qualifies too many things.
* Roles ("Armenia's Foreign Minister", "the Armenian premier", "Kremlin spokesman",
  "President of Tajikistan") resolve to the person holding that office on the date
  ``on``; terms are half-open, [from, to). Without a date, or with no single holder, the
  role is skipped rather than guessed. When a name follows the role ("Armenian Prime
  Minister Nikol Pashinyan") one mention spans both and names the person written.
* Capitals as metonyms: a capital is both a place entry and an alias of its state, so
  "Baku" yields two mentions with the same span, the state actor first and then the
  city (``is_place``). The caller decides by context ("came under Baku's control" is
  the actor, "a rally in Baku" the place). The same holds for country names ("Armenia"
  is the state and the country). An all-capitals dateline ("BAKU, May 14. /TASS/") is
  only ever the place.
* Spans never overlap, apart from those actor/place pairs; when candidates overlap, the
  longest wins, then the earliest.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from articles.text.scan import finditer_at, overlapping_starts

ACTOR_KINDS = frozenset(
    {
        "person",
        "state",
        "ministry",
        "armed_forces",
        "agency",
        "legislature",
        "alliance",
        "organisation",
        "other",
    }
)
PLACE_KINDS = frozenset(
    {"country", "region", "province", "city", "town", "district", "corridor", "border", "other"}
)


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int
    text: str
    name: str
    kind: str
    is_place: bool
    country: str | None
    via: str


@dataclass(frozen=True, slots=True)
class _Office:
    person: str
    title: str
    of: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


# Typographic variants are folded to one spelling for lookups and expanded back into
# character classes in the patterns, so the data only has to list one of them.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014"
_APOSTROPHES = "'\u2019\u02bc"
_FOLD = str.maketrans(
    {**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_APOSTROPHES, "'"), "\u00a0": " "}
)
_CHAR_CLASS = {"-": f"[{_DASHES}]", "'": f"[{_APOSTROPHES}]", " ": "[ \u00a0]"}
_POSS = f"[{_APOSTROPHES}]s"


def _fold(s: str) -> str:
    # Every character _FOLD changes is outside ASCII; translate() is slow even when it
    # changes nothing.
    return s if s.isascii() else s.translate(_FOLD)


def _trie_pattern(strings: Iterable[str]) -> str:
    """One alternation for many literals, factored by prefix.

    A flat ``a|b|c`` of a thousand aliases is tried branch by branch at every position;
    the trie only follows branches sharing the text's next character, and its greedy
    optional groups still prefer the longest alias.
    """
    trie: dict[str, Any] = {}
    for s in {_fold(s) for s in strings if s}:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends_here = "" in node
        branches = [
            _CHAR_CLASS.get(ch, re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        if len(branches) == 1 and not ends_here:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if ends_here else group

    pattern = emit(trie)
    return pattern or "(?!)"


# Nouns that turn "<Demonym>" / "<Country>'s" into a body of that state. The order of
# the alternation does not matter (the noun is matched greedily as a whole); the order
# of the list decides which function a noun belongs to.
_FUNCTIONS: list[tuple[str, str]] = [
    ("defense", r"[Dd]efen[cs]e [Mm]inistry|[Mm]inistry of [Dd]efen[cs]e|MoD|MOD"),
    (
        "foreign",
        r"[Ff]oreign(?: [Aa]ffairs)? [Mm]inistry|[Mm]inistry of [Ff]oreign [Aa]ffairs|MFA"
        r"|[Ff]oreign [Oo]ffice|[Dd]iplomatic (?:[Dd]epartment|[Ss]ervice)|diplomacy",
    ),
    (
        "interior",
        r"(?:[Ii]nterior|[Ii]nternal [Aa]ffairs) [Mm]inistry"
        r"|[Mm]inistry of (?:[Ii]nternal [Aa]ffairs|the [Ii]nterior|[Ii]nterior)",
    ),
    (
        "border",
        r"(?:[Ss]tate )?[Bb]order (?:[Ss]ervice|[Gg]uards?(?: [Ss]ervice)?|[Tt]roops|[Ff]orces)",
    ),
    (
        "armed_forces",
        # "armed forced" is a typo seen in wire copy; it costs nothing to accept.
        r"[Aa]rmed [Ff]orce[sd]|[Mm]ilitary|[Tt]roops|[Ff]orces|[Ss]oldiers|[Ss]ervicem[ae]n"
        r"|[Aa]rmy|[Uu]nits|[Ss]ubdivisions",
    ),
    ("security_council", r"Security Council"),
    ("parliament", r"[Pp]arliament|National Assembly|[Ll]egislature"),
    ("state", r"[Ss]ides?|[Gg]overnment|[Aa]uthorities|[Ll]eadership|[Oo]fficials"),
]
_FUNCTION_RES = [(f, re.compile(p)) for f, p in _FUNCTIONS]
_NOUNS = "|".join(f"(?:{p})" for _, p in _FUNCTIONS)
# Only formal names take the "<Body> of <Country>" shape; "forces of Armenia" is prose.
_OF_NOUNS = (
    r"Ministry of (?:Defen[cs]e|Foreign Affairs|Internal Affairs)|(?:Defen[cs]e|Foreign|Interior) Ministry"
    r"|[Aa]rmed [Ff]orces|(?:State )?Border (?:Service|Guard)|Security Council|National Assembly"
    r"|[Pp]arliament|[Gg]overnment"
)

# Where a state's body is found by name: "{label}" is each of the state's name,
# aliases and demonyms. Failing that, the single actor of the right kind whose
# name matches the keyword in the state's country is used (e.g. "US State Department").
_BODY_TEMPLATES: dict[str, tuple[str, ...]] = {
    "defense": ("{} Ministry of Defense", "{} Defense Ministry"),
    "foreign": ("{} Ministry of Foreign Affairs", "{} Foreign Ministry"),
    "interior": ("{} Ministry of Internal Affairs", "{} Interior Ministry"),
    "border": ("{} State Border Service", "{} Border Service", "{} Border Guard"),
    "armed_forces": ("{} Armed Forces",),
    "security_council": ("Security Council of {}", "{} Security Council"),
    "parliament": ("{} parliament", "{} Parliament", "National Assembly of {}"),
}
_BODY_FALLBACK: dict[str, tuple[frozenset[str], re.Pattern[str]]] = {
    "defense": (frozenset({"ministry"}), re.compile(r"Defen[cs]e")),
    "foreign": (frozenset({"ministry"}), re.compile(r"Foreign|State Department")),
    "interior": (frozenset({"ministry"}), re.compile(r"Internal Affairs|Interior")),
    "border": (frozenset({"agency", "armed_forces"}), re.compile(r"Border")),
    "armed_forces": (frozenset({"armed_forces"}), re.compile(r"Armed Forces")),
    "security_council": (frozenset({"agency"}), re.compile(r"Security Council")),
    "parliament": (frozenset({"legislature"}), re.compile(r".")),
}

# Offices whose holder speaks for the body they hold them in.
_SPEAKER_TITLES = frozenset({"Spokesperson", "Press Secretary"})
# Surface forms of office titles. Titles not listed here match as written, with a
# lower-case first letter too.
_TITLE_SURFACES: dict[str, tuple[str, ...]] = {
    "Prime Minister": ("Prime Minister", "prime minister", "PM", "premier", "Premier"),
    "President": ("President", "president"),
    "Foreign Minister": (
        "Foreign Minister",
        "foreign minister",
        "Minister of Foreign Affairs",
        "Foreign Affairs Minister",
        "top diplomat",
        "chief diplomat",
        "head of diplomacy",
        "FM",
    ),
    "Defense Minister": (
        "Defense Minister",
        "defense minister",
        "Defence Minister",
        "defence minister",
        "Minister of Defense",
        "Minister of Defence",
    ),
    "Secretary of State": ("Secretary of State", "secretary of state"),
    "Spokesperson": (
        "Spokesperson",
        "spokesperson",
        "Spokesman",
        "spokesman",
        "Spokeswoman",
        "spokeswoman",
        "Press Secretary",
        "press secretary",
    ),
    "Human Rights Defender": (
        "Human Rights Defender",
        "human rights defender",
        "Ombudsman",
        "ombudsman",
        "human rights ombudsman",
        "Human Rights Ombudsman",
    ),
    "Ombudsman": ("Ombudsman", "ombudsman", "ombudsperson"),
    "Secretary General": (
        "Secretary General",
        "Secretary-General",
        "secretary general",
        "secretary-general",
    ),
    "Co-Chair": ("Co-Chair", "co-chair", "Co-chair", "co-chairman", "Co-Chairman"),
    "Commander": ("Commander", "commander"),
    "Chief of General Staff": (
        "Chief of General Staff",
        "Chief of the General Staff",
        "chief of general staff",
        "chief of the general staff",
    ),
    "Assistant Secretary of State for European and Eurasian Affairs": (
        "Assistant Secretary of State for European and Eurasian Affairs",
        "Assistant Secretary for European and Eurasian Affairs",
    ),
}

_ACTING = "Acting "


def _title_surfaces(title: str) -> tuple[str, ...]:
    if title in _TITLE_SURFACES and _TITLE_SURFACES[title]:
        return _TITLE_SURFACES[title]
    return (title, title[:1].lower() + title[1:])


def _parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    # Partial dates ("2021-09", "1994") count from the start of the period.
    parts = text.split("-") + ["01", "01"]
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    kind: str
    country: str | None
    is_place: bool

    def mention(self, start: int, end: int, text: str, via: str) -> EntityMention:
        return EntityMention(
            start, end, text[start:end], self.name, self.kind, self.is_place, self.country, via
        )


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    rank: int  # lower wins between candidates with the same span
    entries: list[_Entry]
    via: str


class Gazetteer:
    """Compiled actor and place lists; see the module docstring for the matching rules."""

    def __init__(self, actors: list[dict[str, Any]], places: list[dict[str, Any]]) -> None:
        self.actors = [dict(a) for a in actors]
        self.places = [dict(p) for p in places]
        self._actor = [_Entry(a["name"], a["kind"], a.get("country"), False) for a in self.actors]
        self._place = [_Entry(p["name"], p["kind"], p.get("country"), True) for p in self.places]
        self._actor_by_name = {a.name: a for a in self._actor}

        # Folded alias → entries. An actor and a place may share a string (capitals,
        # country names); two actors may not, and the first one listed keeps it.
        self._alias_actor: dict[str, _Entry] = {}
        self._alias_place: dict[str, _Entry] = {}
        for raw, entry in zip(self.actors, self._actor, strict=True):
            for label in [raw["name"], *(raw.get("aliases") or [])]:
                self._alias_actor.setdefault(_fold(label), entry)
        for raw, entry in zip(self.places, self._place, strict=True):
            for label in [raw["name"], *(raw.get("aliases") or [])]:
                self._alias_place.setdefault(_fold(label), entry)
        self._place_upper = {k.upper(): v for k, v in self._alias_place.items()}

        states = [
            (raw, e) for raw, e in zip(self.actors, self._actor, strict=True) if e.kind == "state"
        ]
        self._state_label: dict[str, _Entry] = {}
        self._demonym: dict[str, _Entry] = {}
        for raw, entry in states:
            for label in [raw["name"], *(raw.get("aliases") or [])]:
                self._state_label.setdefault(_fold(label), entry)
            for dem in raw.get("demonyms") or []:
                self._demonym.setdefault(_fold(dem), entry)
        self._bodies = self._resolve_bodies(states)

        self._offices: dict[tuple[str, str], list[_Office]] = defaultdict(list)
        for raw in self.actors:
            for office in raw.get("offices") or []:
                o = _Office(
                    raw["name"],
                    office["title"],
                    office["of"],
                    _parse_date(office.get("from")),
                    _parse_date(office.get("to")),
                )
                self._offices[(o.of, o.title)].append(o)
        self._title_canon: dict[str, set[str]] = defaultdict(set)
        for _, title in self._offices:
            base = title.removeprefix(_ACTING)
            for surface in _title_surfaces(base):
                self._title_canon[_fold(surface)].add(base)

        self._compile()

    @classmethod
    def from_file(cls, path: str | Path) -> Gazetteer:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return cls(data.get("actors", []), data.get("places", []))

    @classmethod
    def from_entries(cls, actors: list[dict[str, Any]], places: list[dict[str, Any]]) -> Gazetteer:
        return cls(actors, places)

    # ------------------------------------------------------------------ construction

    def _resolve_bodies(
        self, states: list[tuple[dict[str, Any], _Entry]]
    ) -> dict[tuple[str, str], _Entry]:
        bodies: dict[tuple[str, str], _Entry] = {}
        for raw, state in states:
            labels = [raw["name"], *(raw.get("aliases") or []), *(raw.get("demonyms") or [])]
            for function, templates in _BODY_TEMPLATES.items():
                hit = next(
                    (
                        self._alias_actor[key]
                        for label in labels
                        for template in templates
                        if (key := _fold(template.format(label))) in self._alias_actor
                    ),
                    None,
                )
                if hit is None and state.country:
                    kinds, keyword = _BODY_FALLBACK[function]
                    found = [
                        a
                        for a in self._actor
                        if a.country == state.country and a.kind in kinds and keyword.search(a.name)
                    ]
                    hit = found[0] if len(found) == 1 else None
                if hit is not None:
                    bodies[(state.name, function)] = hit
        return bodies

    def _compile(self) -> None:
        b, e = r"(?<!\w)", r"(?!\w)"
        all_labels = list(self._alias_actor) + list(self._alias_place)
        # A lookahead yields the longest alias starting at every word start, so a short
        # alias cannot hide a longer one that begins inside it; overlaps are settled later.
        self._alias_re = re.compile(f"{b}(?=({_trie_pattern(all_labels)}){e})")
        self._dateline_re = re.compile(
            r"^[ \t]*([A-Z][A-Z'\u2019\- ]*[A-Z])(?=,|[ \t]*\(|[ \t]*/|[ \t]+[\u2013\u2014-][ \t])",
            re.MULTILINE,
        )
        dem = _trie_pattern(self._demonym)
        state = _trie_pattern(self._state_label)
        bodies = [
            label
            for label, entry in self._alias_actor.items()
            if entry.kind not in ("person", "state")
        ]
        body = _trie_pattern(bodies)
        entity = _trie_pattern(list(self._state_label) + bodies)
        title = _trie_pattern(self._title_canon)
        self._dem_re = re.compile(f"{b}{dem}{e}")
        # re cannot skip ahead to where a pattern led by (?<!\w) may match: it tries the whole
        # pattern at every position. The first three letters of the labels _led_re starts with,
        # as a pattern of their own, let it skip to the few places worth trying. (The alias scan
        # gains nothing that way: every capital letter is such a place.)
        led_labels = [*self._state_label, *bodies, *self._demonym]
        self._led_start_re = re.compile(_trie_pattern(label[:3] for label in led_labels))
        joiner = r"(?:,[ ]and[ ]|,[ ]|[ ]and[ ]|[ ]or[ ])"
        acting = r"(?:(?P<acting>[Aa]cting)[ ])?"
        # Two scans cover every structural pattern; each scan of an article costs about
        # as much as the alias scan, so they are merged rather than run one per rule.
        # Led by a state: "Armenian and Azerbaijani troops", "Armenia's defense
        # ministry", "Armenian Prime Minister", "Kremlin spokesman".
        self._led_re = re.compile(
            # The body comes first so "Armenian Security Council secretary" is tried as a
            # role before "Armenian Security Council" settles for a collective.
            f"{b}(?:(?P<body>{body})(?:{_POSS})?|(?P<sp>{state}){_POSS}|(?P<dems>{dem}(?:{joiner}{dem})*))"
            f"[ ]{acting}(?:(?P<noun>{_NOUNS})|(?P<title>{title})){e}"
        )
        # Led by the body or office: "Ministry of Defense of Armenia", "President of
        # Tajikistan", "the commander of Russian peacekeeping troops".
        self._of_re = re.compile(
            f"{b}(?:(?P<noun>{_OF_NOUNS})[ ]of[ ](?:the[ ])?"
            f"|(?P<mnoun>Ministry[ ]of[ ](?:Defen[cs]e|Foreign[ ]Affairs|Internal[ ]Affairs))[ ]"
            f"|{acting}(?P<title>{title})[ ](?:of|for)[ ](?:the[ ])?)"
            f"(?P<of>{entity}){e}"
        )

    # ------------------------------------------------------------------ matching

    def find(self, text: str, on: dt.date | None = None) -> list[EntityMention]:
        """Mentions in ``text`` in order; ``on`` is the date that roles are resolved at."""
        cands: list[_Candidate] = []
        person_at: dict[int, _Candidate] = {}
        self._find_aliases(text, cands, person_at)
        self._find_datelines(text, cands)
        self._find_led(text, on, cands, person_at)
        self._find_of(text, on, cands, person_at)
        return self._select(text, cands)

    def _find_aliases(
        self, text: str, cands: list[_Candidate], person_at: dict[int, _Candidate]
    ) -> None:
        for m in self._alias_re.finditer(text):
            start, end = m.span(1)
            key = m.group(1)
            if key not in self._alias_actor and key not in self._alias_place:
                key = _fold(key)
            actor = self._alias_actor.get(key)
            place = self._alias_place.get(key)
            entries = [e for e in (actor, place) if e is not None]
            cand = _Candidate(start, end, 0, entries, "alias")
            cands.append(cand)
            if actor is not None and actor.kind == "person":
                person_at[start] = cand

    def _find_datelines(self, text: str, cands: list[_Candidate]) -> None:
        for m in self._dateline_re.finditer(text):
            place = self._place_upper.get(_fold(m.group(1)))
            if place is not None:
                start, end = m.span(1)
                cands.append(_Candidate(start, end, 0, [place], "alias"))

    @staticmethod
    @functools.cache  # a few dozen nouns ("troops", "Foreign Ministry") recur in every article
    def _function_of(noun: str) -> str | None:
        return next((f for f, rx in _FUNCTION_RES if rx.fullmatch(noun)), None)

    def _body(self, state: _Entry | None, function: str | None) -> _Entry | None:
        if state is None or function is None:
            return None
        if function == "state":
            return state
        return self._bodies.get((state.name, function))

    def _find_led(
        self,
        text: str,
        on: dt.date | None,
        cands: list[_Candidate],
        person_at: dict[int, _Candidate],
    ) -> None:
        for m in finditer_at(self._led_re, text, overlapping_starts(self._led_start_re, text)):
            dems, noun = m.group("dems"), m.group("noun")
            if noun is not None:
                if m.group("acting") or m.group("body"):
                    continue
                function = self._function_of(noun)
                if dems is None:
                    target = self._body(self._state_label.get(_fold(m.group("sp"))), function)
                    if target is not None:
                        cands.append(_Candidate(m.start(), m.end(), 1, [target], "possessive-body"))
                    continue
                found = list(self._dem_re.finditer(text, m.start("dems"), m.end("dems")))
                for i, d in enumerate(found):
                    target = self._body(self._demonym.get(_fold(d.group())), function)
                    if target is None:
                        continue
                    # The last demonym carries the noun; coordinated ones stand alone.
                    end = m.end() if i == len(found) - 1 else d.end()
                    cands.append(_Candidate(d.start(), end, 1, [target], "demonym-collective"))
            elif dems is not None:
                of = self._demonym.get(_fold(dems))  # None for "Armenian and Azerbaijani"
                self._add_role(text, m, of, on, cands, person_at)
            elif m.group("sp") is not None:
                self._add_role(
                    text, m, self._state_label.get(_fold(m.group("sp"))), on, cands, person_at
                )
            else:
                self._add_role(
                    text, m, self._alias_actor.get(_fold(m.group("body"))), on, cands, person_at
                )

    def _find_of(
        self,
        text: str,
        on: dt.date | None,
        cands: list[_Candidate],
        person_at: dict[int, _Candidate],
    ) -> None:
        for m in self._of_re.finditer(text):
            key = _fold(m.group("of"))
            if m.group("title") is not None:
                of = self._state_label.get(key) or self._alias_actor.get(key)
                self._add_role(text, m, of, on, cands, person_at)
                continue
            target = self._body(
                self._state_label.get(key), self._function_of(m.group("noun") or m.group("mnoun"))
            )
            if target is not None:
                cands.append(_Candidate(m.start(), m.end(), 1, [target], "possessive-body"))

    def _add_role(
        self,
        text: str,
        m: re.Match[str],
        of: _Entry | None,
        on: dt.date | None,
        cands: list[_Candidate],
        person_at: dict[int, _Candidate],
    ) -> None:
        if of is None:
            return
        titles = self._title_canon.get(_fold(m.group("title")), set())
        acting = bool(m.group("acting"))
        offices = [
            o
            for t in titles
            for o in self._offices.get((of.name, _ACTING + t), [])
            + self._offices.get((of.name, t), [])
        ]
        if not offices:
            return
        named = self._name_after(text, m.end(), offices, person_at)
        if named is not None:
            person, end = named
            if m.groupdict().get("body") and titles & _SPEAKER_TITLES:
                # "Kremlin spokesman Dmitry Peskov": the body the spokesperson speaks for is
                # named too (a source beside them, events.assign_roles).
                cands.append(_Candidate(m.start(), m.end("body"), 0, [of], "alias"))
                cands.append(_Candidate(m.start("title"), end, 0, [person], "alias"))
                return
            cands.append(_Candidate(m.start(), end, 0, [person], "alias"))
            return
        if on is None:
            return
        holding = [o for o in offices if o.held_on(on)]
        if acting and any(o.title.startswith(_ACTING) for o in holding):
            holding = [o for o in holding if o.title.startswith(_ACTING)]
        holders = {o.person for o in holding}
        if len(holders) == 1:
            person = self._actor_by_name[holders.pop()]
            cands.append(_Candidate(m.start(), m.end(), 1, [person], "role"))

    def _name_after(
        self,
        text: str,
        pos: int,
        offices: list[_Office],
        person_at: dict[int, _Candidate],
    ) -> tuple[_Entry, int] | None:
        """The person named right after a role: "Foreign Minister Jeyhun Bayramov"."""
        for gap in (" ", "\u00a0", ", "):
            if not text.startswith(gap, pos):
                continue
            cand = person_at.get(pos + len(gap))
            if cand is None:
                continue
            person = cand.entries[0]
            # After a comma the name may start a new clause ("Armenia's premier, Aliyev
            # said"), so only join it when the person really held that office.
            if gap == ", " and not any(o.person == person.name for o in offices):
                return None
            return person, cand.end
        return None

    @staticmethod
    def _select(text: str, cands: list[_Candidate]) -> list[EntityMention]:
        best: dict[tuple[int, int], _Candidate] = {}
        for c in cands:
            key = (c.start, c.end)
            if c.entries and (key not in best or c.rank < best[key].rank):
                best[key] = c
        taken = bytearray(len(text))
        chosen: list[_Candidate] = []
        for (start, end), c in sorted(best.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
            if taken.find(1, start, end) != -1:  # any(taken[start:end]), without the copy
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(c)
        chosen.sort(key=lambda c: c.start)
        # A span names at most one actor and one place (a capital, a country).
        return [e.mention(c.start, c.end, text, c.via) for c in chosen for e in c.entries]


# Kept as running text: these lists are read and extended by people, not code.
_TITLE_WORDS = """General Gen Colonel Col Lieutenant Lt Major Maj Captain Capt Sergeant Admiral Marshal
    President Premier Minister Prime Deputy Foreign Defense Defence Ambassador Envoy
    Spokesperson Spokesman Spokeswoman Commander Chairman Chairwoman Secretary Senator
    Congressman Congresswoman Representative Mr Mrs Ms Dr Sir Madam Professor Prof Acting
    Speaker Archbishop Bishop Father Catholicos Sheikh Ayatollah Chancellor Governor Mayor
    Director Head Chief Judge Justice Special Senior Vice First Assistant Adviser Advisor"""
_NOT_NAME_TEXT = """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    The A An This That These Those There Their They Them He She It Its His Her We Our Us You
    I In On At As By For From Of To With Without Into After Before During Since Until While
    When Where Why How What Which Who Whom Whose If But And Or Nor So Yet Also Although Though
    However Meanwhile Moreover Earlier Later Late Early Last Next Both Each Every All Some
    Many Most Several Such According Under Over Between Against Amid Among Despite Following
    Shortly Currently Recently Today Yesterday Tomorrow Tonight Apart Main Photo Source Leave
    Comment Read More Share Related News Live Video Watch Click Subscribe Follow Update
    Ministry Council Organization Organisation Service Services Group Union Republic Agency
    Office Committee Assembly Department Forces Force Army Party University Institute Treaty
    Press Center Centre Bank Company Corporation Fund Foundation Mission Court Commission
    Parliament Government Region Province District Corridor Border Street Square Airport
    Mountain Mount Lake River Sea Security Rights Human Defender National International State
    States United Federation Federal Affairs Secretariat Staff Guard Guards Troops Police
    Prosecutor Church Cathedral Monastery Museum Hospital School Stadium Summit Conference
    Forum Declaration Statement Agreement Article Chapter Constitution Law Act Operation War
    Conflict Ceasefire Peace Caucasus Eurasian European Western Eastern Northern Southern
    North South East West Central Soviet Socialist Autonomous Oblast Region Highway Road
    Bridge Reservoir Village City Town Island Gulf Strait Ocean Day Week Month Year Facebook
    Telegram Twitter Instagram YouTube TikTok Google Reuters Tass TASS Interfax Sputnik
    Armenpress News.am Azertac Trend Tasnim IRNA Anadolu Xinhua Jazeera Al Azatutyun
    Eurasianet Radio Liberty Free Europe Media Times Post Journal Herald Guardian Telegraph
    Associated Agence France-Presse AFP BBC CNN RFE Archive Getty Images Abaca PAP Shutterstock
    Prize Award Cup Championship Games Olympic Christmas Easter Ramadan Novruz Independence
    Victory Memorial Genocide Remembrance"""
_TITLES_BEFORE_NAMES = frozenset(_TITLE_WORDS.split())
_NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())
