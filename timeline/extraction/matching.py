"""The one rule for "these two reports describe the same happening".

Pure code, no database. Ingestion asks it whether a draft reports an event already stored or
planned (timeline/ingest/merging.py), and whether it reports a happening an editor merged away
(a tombstone); corpus dating asks it whether a draft of an undated article lines up with a known
event (timeline/extraction/corpus_dating.py). The callers have already chosen candidates on the
draft's date; this module compares what the reports say.

An event is the set of its reports (one per citation), and a draft is the same happening as the
event when it is as its lead (its first report that is not a photo caption) or as half of them.
Two reports are compared on:

- what their dates date (``events.Act``): a reaction (an accusation, a denial, a call) or a
  statement as such is never the happening it is about, and two of them by different speakers
  are two; a statement that tells a happening ("X said on Monday that Y agreed") is a report of
  that happening;
- their wording: the content words they share, each weighted by its rarity in English
  (wordfreq's Zipf frequency), over the wording of the shorter. Outlets word a happening
  differently, but name the same rare things: "the Kakhovka dam", "the presidential palace",
  "Khamis Abakar". Inflections, nouns made of verbs, demonyms, doubled letters in
  transliterations and the few words news uses for one happening fold together
  ("killed"/"killing", "agreement"/"agreed", "Ethiopia"/"Ethiopian", "Abbakar"/"Abakar",
  "truce"/"ceasefire"), and a time of day counts as a rare word ("9:45 pm" and "21:45");
- their types: the same type, or a statement or an unclassified report beside any type, needs
  less shared wording than two different types.

A draft whose date is possessive ("Saturday's explosion and fire on the bridge") is compared by
those few words, and by how much of them a report of the same type holds (``contained``).
"""

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from timeline.extraction import countries
from timeline.extraction.actors import spelling
from timeline.extraction.events import Act, EventDraft

# How much wording two reports must share (Dice over weights, see ``similarity``).
SAME_TYPE_SIMILARITY = 0.26
OTHER_TYPE_SIMILARITY = 0.45
SPEECH_SIMILARITY = 0.35
# A possessive date names its happening in a few words ("Saturday's explosion and fire on the
# bridge"): a report of the same type that holds this share of their weight tells it.
NAMED_SIMILARITY = 0.6
# Less when they share who acted (two actors at least, half of the fewer) in the same type, or
# who spoke.
KNOWN_PARTIES_SIMILARITY = 0.15
# And at least this many content words: one shared name ("Khartoum") is the story, not the
# happening.
MIN_SHARED = 2
# A photo caption names the place of a scene and little else ("Smoke rises over Khartoum,
# Sudan"): it must share more with a report than the story's place and country.
MIN_SHARED_CAPTION = 3
# Wording weighs at least this much, so that a caption of three words does not match anything
# that shares two of them.
MIN_WEIGHT = 6.0
# Rarity: 6.5 minus the Zipf frequency (7.7 for "the", 5 for "army", 3 for "Khartoum", 0 for a
# word wordfreq does not know), capped.
_RARITY_BASE = 6.5
_RARITY_CAP = 4.0
# The story's own vocabulary: among the events of one date (the candidates a draft is compared
# with, and the draft), a word the reports of more than this share of them use ("Sudan",
# "paramilitary", "dam") tells one happening from another of that story no better than "said"
# does, so it weighs this much less. It takes a few events to tell, and more than two of five:
# two outlets' tellings of one accusation share its words with the happening it is about.
CONTEXT_SHARE = 0.45
CONTEXT_MIN_EVENTS = 4
CONTEXT_DISCOUNT = 0.3
GENERIC_TYPES = frozenset({"statement", "other"})

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that say nothing about which happening: function words, time words (the date is
# compared already), and the vocabulary of reporting itself.
_NOT_CONTENT = _wordset(
    """a about above across after again against ago all along also am amid among an and any are
    around as at be because been before being below between both but by can could despite did
    do does during each early earlier either few following for from further had has have having
    he her here hers him his how however i if in including into is it its itself just late later
    least less many may me might more most much must my near neither no nor not now of off on
    once one only or other our out over own per same several she should since so some still
    such than that the their them then there these they this those through to too toward
    towards two under until up upon us very via was we were what when where which while who
    whom whose why will with within without would yet you your
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec today tonight yesterday tomorrow morning afternoon evening night overnight week
    weekend month year day days hours hour time weeks months years
    said say says saying told tell tells reported report reports according statement statements
    stated announced added noted news agency reporters quoted spokesman spokeswoman
    spokesperson journalists"""
)
# Irregular past forms of verbs news tells happenings with, folded to their base form as the
# regular ones are by _SUFFIX ("blown up" and "blowing up", "struck" and "strikes").
_IRREGULAR = {
    form: base
    for base, forms in {
        "blow": "blew blown", "break": "broke broken", "begin": "began begun",
        "bring": "brought", "build": "built", "catch": "caught", "choose": "chose chosen",
        "drive": "drove driven", "fall": "fell fallen", "fight": "fought", "flee": "fled",
        "fly": "flew flown", "freeze": "froze frozen", "give": "gave given", "hold": "held",
        "lead": "led", "leave": "left", "lose": "lost", "meet": "met", "ride": "rode ridden",
        "rise": "rose risen", "seek": "sought", "sell": "sold", "send": "sent",
        "shake": "shook shaken", "shoot": "shot", "sink": "sank sunk", "speak": "spoke spoken",
        "spend": "spent", "steal": "stole stolen", "strike": "struck stricken",
        "swear": "swore sworn", "take": "took taken", "tear": "tore torn", "throw": "threw thrown",
        "wake": "woke woken", "win": "won", "withdraw": "withdrew withdrawn",
        "write": "wrote written", "overrun": "overran", "undertake": "undertook undertaken",
    }.items()
    for form in forms.split()
}  # fmt: skip
# Words outlets use for one happening, each group folded to one key as inflections are ("a
# truce"/"the ceasefire", "a blast"/"an explosion", "killed"/"dead", "halted"/"expired"): general
# news English, the same in every conflict. Each group's first word's key stands for the rest.
_SYNONYMS = """ceasefire truce armistice cessation
    explosion blast detonation
    killed dead died death deaths slain
    wounded injured injuries
    captured seized seizes seize seizing
    halted halts halt suspended suspend suspends suspending ceased terminated terminate expired expire
    agreement deal pact accord"""
_POSSESSIVE = re.compile(r"['’]s?$")
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")
# A noun made of a verb folds with it ("agreement" with "agreed", "deployment" with "deploying"),
# when as much of a word is left.
_NOUN_OF_VERB = re.compile(r"(?<=[a-z]{4})ments?$")
_DOUBLED = re.compile(r"(.)\1+")
KEY_LENGTH = 5


@functools.lru_cache(maxsize=1 << 16)
def _key_and_weight(word: str) -> tuple[str, float] | None:
    """The folded key of a lower-case word and its rarity weight; None for no content word.
    A country's name and its demonyms are one key ("Turkey", "Turkish", "Turks")."""
    word = _POSSESSIVE.sub("", word)
    if len(word) < 3 or word in _NOT_CONTENT:
        return None
    weight = min(_RARITY_CAP, max(0.0, _RARITY_BASE - zipf_frequency(word, "en")))
    if weight <= 0:
        return None
    name = word.capitalize()
    country = countries.by_name(name) or (
        countries.by_name(name[:-1]) if name.endswith("s") else None  # "Russians"
    )
    if country is not None:
        return "@" + country.code, weight
    key = _fold(word)
    return _SYNONYM_KEY.get(key, key), weight


def _fold(word: str) -> str:
    if word in _IRREGULAR:  # as its -ing form would fold: "blown" as "blowing", "fled" as "fleeing"
        stem = _IRREGULAR[word].removesuffix("e")
    else:
        word = _NOUN_OF_VERB.sub("", word)
        stem = _SUFFIX.sub("", word) if len(word) > 5 else word
    return _DOUBLED.sub(r"\1", stem)[:KEY_LENGTH]


_SYNONYM_KEY = {
    _fold(word): _fold(group.split()[0])
    for group in _SYNONYMS.splitlines()
    for word in group.split()
}
# A time of day ("9:45 pm", "at 0600 GMT" aside): outlets that give the hour of a happening
# give the same one, and a time is as rare as a name.
_CLOCK = re.compile(
    r"(?<![\d.:])(?:([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(?:\s*([ap])\.?m\b)?"  # 21:45, 9:45 pm
    r"|(1[0-2]|0?[1-9])(?:\.([0-5]\d))?\s*([ap])\.?m\b)",  # 9.45pm, 5 p.m.
    re.I,
)


class Wording(dict):
    """Folded content words and their weights, with their total weight."""

    __slots__ = ("keyset", "total")

    def __init__(self, weights):
        super().__init__(weights)
        self.total = sum(self.values())
        self.keyset = frozenset(self)


@functools.lru_cache(maxsize=1 << 14)
def terms(text: str) -> Wording:
    """The content words of a text, folded, with their weights (the rarest spelling's)."""
    found: dict[str, float] = {}
    for clock in _CLOCK.finditer(text):
        hour, minute, half = clock.group(1, 2, 3) if clock[1] else clock.group(4, 5, 6)
        if half:
            hour = int(hour) % 12 + (12 if half.lower() == "p" else 0)
        found[f"{int(hour):02d}:{minute or '00'}"] = _RARITY_CAP
    for token in _TOKEN.findall(text):
        pair = _key_and_weight(token.lower())
        if pair is not None:
            key, weight = pair
            if weight > found.get(key, 0.0):
                found[key] = weight
    return Wording(found)


@dataclass(frozen=True, slots=True)
class Context:
    """How many of the events of one date use each word in their reports (see CONTEXT_SHARE);
    ``also``: the words of the draft, counted as one more. One use is not counted: that of one
    of the two reports compared, so that the words a draft shares with one event alone (the
    evidence that they tell one happening) are not the story's."""

    uses: Mapping[str, int]
    events: int
    also: frozenset[str] = frozenset()

    def weigh(self, wording: Wording) -> Wording:
        events = self.events + bool(self.also)
        if events < CONTEXT_MIN_EVENTS:
            return wording
        limit = CONTEXT_SHARE * events
        uses, also = self.uses, self.also
        return Wording(
            {
                key: weight * CONTEXT_DISCOUNT
                if uses.get(key, 0) + (key in also) - 1 > limit
                else weight
                for key, weight in wording.items()
            }
        )


def contained(a: Wording, b: Wording) -> float:
    """The share of a's weight that b's words hold too; 0 when they share fewer than MIN_SHARED
    words. A few words that name a happening are all in a report that tells it."""
    keys = a.keyset & b.keyset
    if len(keys) < MIN_SHARED:
        return 0.0
    return sum(a[key] for key in keys) / max(MIN_WEIGHT / 2, a.total)


def similarity(a: Wording, b: Wording) -> float:
    """Dice over weights: twice the weight two wordings share over their total weight; 0 when
    they share fewer than MIN_SHARED words."""
    keys = a.keyset & b.keyset
    if len(keys) < MIN_SHARED:
        return 0.0
    shared = sum(min(a[key], b[key]) for key in keys)
    return 2 * shared / (max(MIN_WEIGHT, a.total) + max(MIN_WEIGHT, b.total))


@dataclass(frozen=True, slots=True)
class Report:
    """One sentence telling of a happening: its type, what its date dates, its wording, and
    whether it is a photo caption (which shows a scene of the happening more than it tells it)."""

    event_type: str
    act: str
    terms: Wording = field(hash=False, compare=False)
    caption: bool = False
    # Only the words a possessive date names ("Saturday's explosion on the bridge"): see
    # NAMED_SIMILARITY.
    naming: bool = False


@dataclass(frozen=True, slots=True)
class Signature:
    """What the rule compares of a draft (one report) or an event (one per citation)."""

    reports: tuple[Report, ...]
    actors: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()  # who said it, for statements
    doers: frozenset[str] = field(init=False, compare=False)  # the actors who did not say it
    # The words of all its reports: a report sharing fewer than MIN_SHARED with them is none of
    # its happening, told by one set intersection (corpus dating asks thousands of times).
    words: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Who is compared by spelling, so that transliterations meet ("Khamis Abbakar" and
        # "Khamis Abakar" said it).
        object.__setattr__(self, "actors", frozenset(map(spelling, self.actors)))
        object.__setattr__(self, "sources", frozenset(map(spelling, self.sources)))
        object.__setattr__(self, "doers", self.actors - self.sources)
        object.__setattr__(
            self, "words", frozenset().union(*(told.terms.keyset for told in self.reports))
        )


# A photo credit closing a caption: "(Photo by Jane Doe / AFP)", "(Jane Doe/AP)".
_CREDIT = re.compile(
    r"\s*\((?:(?:photo|picture|image|credit)[^()]*|[^()]{0,60}/[^()]{0,60})\)[\s.]*$", re.I
)


def report(
    text: str,
    event_type: str,
    act: str = Act.HAPPENING,
    caption: bool = False,
    naming: bool = False,
) -> Report:
    if caption:
        text = _CREDIT.sub("", text)  # who took the photo says nothing of what it shows
    return Report(event_type, act, terms(text), caption, naming)


def signature(draft: EventDraft) -> Signature:
    if draft.signature is None:
        draft.signature = Signature(
            (
                report(
                    draft.telling,
                    draft.event_type,
                    draft.act,
                    draft.sentence.is_caption,
                    bool(draft.naming),
                ),
            ),
            frozenset(a.name for a in draft.actors if not a.inferred),
            frozenset(a.name for a in draft.actors if a.role == "source"),
        )
    return draft.signature


_SPEECH_ACTS = frozenset({Act.SPEECH, Act.REACTION})


def same_happening(
    a: Signature,
    b: Signature,
    context: Context | None = None,
    one_article: bool = False,
    same_day: bool = False,
) -> bool:
    """Whether two reports of the same date describe one happening (see the module docstring).

    ``a`` is one report (a draft); ``b`` may hold several (an event): ``a`` must be as its lead,
    the first report that is not a photo caption (usually the one that made it), or as half of
    them at least, so that the event does not drift from one happening to the next through a
    chain of reports each like the one before.
    ``context``: the word uses among the reports of that date, when the caller knows them.
    ``one_article``: ``b`` holds the reports of ``a``'s own article, where a photo caption and
    a report that share who took part show and tell one happening whatever their types.
    ``same_day``: corpus dating asks only whether the draft tells of what the event's date
    dates, so a statement or an accusation of that day and a telling of what it was about
    ("Ukraine on Tuesday accused Russia of blowing up the dam", "the dam was blown up early
    Tuesday") are compared by their wording, as two happenings.
    """
    x = a.reports[0]
    if len(x.terms.keyset & b.words) < MIN_SHARED:
        return False  # similarity 0 with every report, whatever the context (the usual case)
    speakers_differ = bool(a.sources and b.sources and a.sources.isdisjoint(b.sources))
    same_speaker = bool(a.sources & b.sources)
    shared = len(a.doers & b.doers)
    same_doers = shared >= 2 and 2 * shared >= min(len(a.doers), len(b.doers))
    x_terms = None
    alike = 0
    lead = next((index for index, y in enumerate(b.reports) if not y.caption), 0)
    for index, y in enumerate(b.reports):
        least = MIN_SHARED_CAPTION if x.caption or y.caption else MIN_SHARED
        if len(x.terms.keyset & y.terms.keyset) < least:
            continue  # similarity 0, whatever the context; or a caption's place and country
        if x.naming:
            need = _needed_named(x, y)
            measure = contained
        else:
            need = _needed(x, y, speakers_differ, same_speaker, same_day)
            measure = similarity
            alike_types = x.event_type == y.event_type or (one_article and (x.caption or y.caption))
            if (
                need is not None
                and (same_speaker or (same_doers and alike_types))
                and (x.act in _SPEECH_ACTS) == (y.act in _SPEECH_ACTS)
            ):
                need = min(need, KNOWN_PARTIES_SIMILARITY)
        if need is None:
            continue
        # The words a date names are the happening's name, story words or not.
        weigh = context.weigh if context and not x.naming else None
        if x_terms is None:
            x_terms = weigh(x.terms) if weigh else x.terms
        y_terms = weigh(y.terms) if weigh else y.terms
        if measure(x_terms, y_terms) >= need:
            if index == lead:
                return True
            alike += 1
    return 2 * alike >= len(b.reports) > 0


def _needed_named(a: Report, b: Report) -> float | None:
    """How much of what a possessive date names another report must hold to tell it: the same
    type of happening (or a report of no particular type), not a statement about it."""
    if b.act in _SPEECH_ACTS:
        return None
    if a.event_type == b.event_type or {a.event_type, b.event_type} & GENERIC_TYPES:
        return NAMED_SIMILARITY
    return None


def _needed(
    a: Report,
    b: Report,
    speakers_differ: bool,
    same_speaker: bool = False,
    same_day: bool = False,
) -> float | None:
    """The similarity two reports need to tell one happening; None when they cannot."""
    if not same_day and (a.act in _SPEECH_ACTS or b.act in _SPEECH_ACTS):
        # A statement as such or a reaction is never the happening it is about, nor a report of
        # it; another telling of it is the same speaker's, in much the same words: as a
        # statement or reaction, or as a report whose speaker is the same ("X called for an
        # intervention on Monday", "X told a TV channel on Monday that an intervention was
        # needed").
        if speakers_differ:
            return None
        if a.act in _SPEECH_ACTS and b.act in _SPEECH_ACTS:
            return SPEECH_SIMILARITY
        if same_speaker and Act.REPORT in (a.act, b.act):
            return SPEECH_SIMILARITY
        return None
    if a.event_type == b.event_type or {a.event_type, b.event_type} & GENERIC_TYPES:
        return SAME_TYPE_SIMILARITY
    return OTHER_TYPE_SIMILARITY


def may_be_same(text_terms: Wording, b: Signature, naming: bool = False) -> bool:
    """False when no report with this wording can be the same happening as b, in any context
    (a cheap bound: the context only lowers weights, and the least threshold is the bar).
    ``naming``: the text may hold a possessive date, whose few words (any of the text's) are
    compared by how much of them a report holds."""
    least = min(SAME_TYPE_SIMILARITY, OTHER_TYPE_SIMILARITY, SPEECH_SIMILARITY)
    keys = text_terms.keyset
    return any(
        _bound(text_terms, y.terms) >= least
        or (naming and len(keys & y.terms.keyset) >= MIN_SHARED)
        for y in b.reports
    )


def _bound(a: Wording, b: Wording) -> float:
    """At least ``similarity`` of a and b under any context: their shared weight undiscounted
    over their total with every other word discounted."""
    keys = a.keyset & b.keyset
    if len(keys) < MIN_SHARED:
        return 0.0
    shared = sum(min(a[key], b[key]) for key in keys)
    totals = 0.0
    for wording in (a, b):
        mine = sum(wording[key] for key in keys)
        totals += max(MIN_WEIGHT, mine + CONTEXT_DISCOUNT * (wording.total - mine))
    return 2 * shared / totals
