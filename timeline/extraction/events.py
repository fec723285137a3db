"""Turn one article's sentences, date mentions and entity mentions into event drafts.

Pure code, no database: ingestion (timeline/ingest/) persists the drafts and merges them with
events other articles already reported (timeline/extraction/matching.py decides which). The rules here are deliberately simple and
general: one draft per distinct date value a sentence states; its type from the verbs near the
date, those of the happening rather than of its attribution; its actors from the gazetteer
mentions in the sentence, around the happening's verb, the speaker of a speech verb being the
source; whether it is planned rather than done.
"""

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from articles.text.scan import finditer_at, lowered, match_starts, scan, shortest_prefixes
from articles.text.temporal import DateMention, Rule
from timeline.extraction.actors import body_acted_for
from timeline.extraction.gazetteer import EntityMention

# Keywords per type, as verbs (the happening itself: "signed", "crossed") and nouns ("ceasefire",
# "talks"). The keyword nearest the date expression decides its type; verbs weigh more than nouns,
# and a noun that only complements another ("implementation of agreements") weighs least.
# Order breaks ties.
_TYPE_KEYWORDS: list[tuple[str, str, str]] = [
    (
        "agreement",
        r"signed|agreed|concluded",
        r"ceasefire|cease-fire|truce|agreements?|joint statement|accords?|deal",
    ),
    (
        "armed_clash",
        r"clashed|shelled|attacked|killed|fired|broke out|erupted|fought|exploded|bombed|"
        r"opened fire|stormed|ambushed|raided|abducted|kidnapped|torched|looted|set fire|"
        r"set ablaze|burned down|captured|recaptured|retook|overran|launched (?:[\w-]+ ){0,2}(?:strikes?|airstrikes?|attacks?|"
        r"offensive|assault|missiles?|rockets?|drones?)",
        r"clash(?:es)?|fighting|battles?|hostilities|war|shelling|escalation|attacks?|military action|"
        r"air ?strikes?|airstrikes?|drone strikes?|missile strikes?|bombardment|explosions?|"
        r"blasts?|bombings?",
    ),
    (
        "incursion",
        r"crossed|advanced|invaded|entered|moved [\d.,]+ ?(?:km|kilometers|kilometres)",
        r"incursions?|deep into|across the border",
    ),
    (
        "withdrawal",
        r"withdr(?:ew|awn|awing|aws)|pull(?:ed|ing|s)? (?:back|out)|retreat(?:ed|ing|s)",
        r"withdrawal",
    ),
    ("exercise", r"", r"exercises?|drills?|manoeuvres|maneuvers"),
    (
        "appeal",
        r"asked|appealed|requested|urged|called on|called for|sent letters?",
        r"appeal|request|letters? to",
    ),
    (
        "talks",
        r"met|discussed|spoke|negotiated|held talks|talks to",
        r"talks|negotiations?|meeting|phone call|telephone conversation|consultations|video format",
    ),
    ("deployment", r"deployed|dispatched|stationed", r"deployment|peacekeepers"),
]
_TYPE_PATTERNS: list[tuple[str, re.Pattern[str] | None, re.Pattern[str]]] = [
    (
        name,
        re.compile(rf"\b(?:{verbs})\b", re.I) if verbs else None,
        re.compile(rf"\b(?:{nouns})\b", re.I),
    )
    for name, verbs, nouns in _TYPE_KEYWORDS
]
# re has no fast skip for a case-insensitive alternation, so scanning each sentence with the
# fifteen patterns above, once per date, was most of the cost of the drafts. Instead their union is
# tried only where the letters a keyword starts with occur (str.find, see articles/text/scan.py),
# and each pattern only where the union matches.
_ANY_KEYWORD = re.compile(
    r"\b(?:"
    + "|".join(
        rf"(?:{words})\b" for _, verbs, nouns in _TYPE_KEYWORDS for words in (verbs, nouns) if words
    )
    + ")",
    re.I,
)


def _leading_letters(alternation: str) -> list[str]:
    """The letters each branch of a keyword alternation starts with ("agreements?|deal" gives
    "agreement" and "deal")."""
    branches = [""]
    depth, in_class, escaped = 0, False, False
    for ch in alternation:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            branches.append("")
            continue
        branches[-1] += ch
    leading = []
    for branch in branches:
        letters = re.match("[A-Za-z]*", branch).group()  # type: ignore[union-attr]
        if branch[len(letters) : len(letters) + 1] in ("?", "*", "{"):
            letters = letters[:-1]  # the last letter is optional
        assert letters, f"keyword {branch!r} must start with a letter"
        leading.append(letters.lower())
    return leading


_KEYWORD_LETTERS = shortest_prefixes(
    {
        letters
        for _, verbs, nouns in _TYPE_KEYWORDS
        for words in (verbs, nouns)
        if words
        for letters in _leading_letters(words)
    }
)
# Any verb of a happening: a statement whose reported clause holds one tells that happening.
_HAPPENING_VERB = re.compile(
    r"\b(?:" + "|".join(f"(?:{verbs})" for _, verbs, _ in _TYPE_KEYWORDS if verbs) + r")\b", re.I
)
_VERB_LETTERS = shortest_prefixes(
    {letters for _, verbs, _ in _TYPE_KEYWORDS if verbs for letters in _leading_letters(verbs)}
)


# A sentence with several dates is read once per date: its verbs are found once.
@functools.lru_cache(maxsize=16)
def _happening_verbs(sentence: str) -> list[re.Match[str]]:
    return scan(_HAPPENING_VERB, sentence, _VERB_LETTERS)


@functools.lru_cache(maxsize=16)
def _speeches(sentence: str) -> list[re.Match[str]]:
    return scan(_SPEECH, sentence, _SPEECH_VERBS) + scan(_REACTION, sentence, _REACTION_STARTS)


_VERB_BONUS = 30
_COMPLEMENT_PENALTY = 100
_COMPLEMENT = re.compile(r"\bof\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?$", re.I)
# A date naming a document or accord ("the agreements of November 10") refers to an earlier
# happening; the sentence reports something else, so it is not cited for that date.
_REFERENCE = re.compile(
    r"\b(?:agreements?|statements?|declarations?|accords?|treat(?:y|ies)|decisions?|resolutions?|"
    r"decrees?|documents?|memorand(?:um|a|ums)|protocols?|deals?|letters?)\s+(?:of|dated)\s+$",
    re.I,
)
# What a photo caption shows happening: its date is the happening's.
_SCENE = re.compile(
    r"\b(?:smoke|fires?|flames|blaze|burning|burnt|burned|explosions?|blasts?|flood(?:ed|ing|s)?|"
    r"ceremony|funeral|protest(?:s|ers)?|rally|rubble|debris|destroyed|damaged|ruins|wounded|"
    r"injured|evacuat(?:e|ed|ing|ion)|rescuers?)\b",
    re.I,
)
_COORDINATION = re.compile(r"^[\s,()]*(?:and|or|as well as)?\s*$", re.I)
_SPEECH_VERBS = (
    "said", "says", "stated", "told", "reported", "claimed", "announced", "described", "wrote",
    "added", "noted", "stressed", "countered", "denied", "alleged", "informed", "declared",
)  # fmt: skip
# Searched with scan(_SPEECH, text, _SPEECH_VERBS): see articles/text/scan.py.
_SPEECH = re.compile(rf"\b({'|'.join(_SPEECH_VERBS)})\b", re.I)
# Verbs of a reaction to something: an accusation, a denial, a condemnation, a call. What they
# date is the reaction itself, a happening of its own, never the thing reacted to.
_REACTION_VERBS = tuple(
    f"{stem}{ending}"
    for stem, endings in (
        ("accus", ("ed", "es", "e", "ing")),
        ("blam", ("ed", "es", "e", "ing")),
        ("condemn", ("ed", "s", "", "ing")),
        ("denounc", ("ed", "es", "e", "ing")),
        ("den", ("ied", "ies", "y", "ying")),
        ("reject", ("ed", "s", "", "ing")),
        ("criticis", ("ed", "es", "e", "ing")),
        ("criticiz", ("ed", "es", "e", "ing")),
        ("welcom", ("ed", "es", "e", "ing")),
        ("prais", ("ed", "es", "e", "ing")),
        ("hail", ("ed", "s", "", "ing")),
        ("urg", ("ed", "es", "e", "ing")),
        ("demand", ("ed", "s", "", "ing")),
        ("warn", ("ed", "s", "", "ing")),
        ("threaten", ("ed", "s", "", "ing")),
        ("vow", ("ed", "s", "", "ing")),
        ("pledg", ("ed", "es", "e", "ing")),
        # Not a bare "call on": "in a phone call on Sunday" is no call to act.
        ("call", ("ed on", "s on", "ing on", "ed for", "s for", " for", "ing for")),
    )
    for ending in endings
)
_REACTION = re.compile(rf"\b({'|'.join(_REACTION_VERBS)})\b", re.I)
_REACTION_STARTS = shortest_prefixes({verb.split()[0] for verb in _REACTION_VERBS})
# A reaction verb up to this far before the date, in the same clause, governs it ("did not deny
# or confirm the governor's killing on Wednesday").
_REACTION_BEFORE = 60
# "Wednesday's deal", "Saturday’s explosion": the date names the thing, not the sentence's verb.
_POSSESSIVE_DATE = re.compile(r"['’]s\b")
# How close (in characters) a speech verb must be to the date for the date to date the statement.
# A speech verb this close before the date ("said on Wednesday") or after it across no more than a
# subject noun phrase ("On Wednesday, Armenia's Acting Prime Minister Nikol Pashinyan said") makes
# the date the statement's.
_SPEECH_BEFORE = 25
# Or further before it, across a named addressee and a time word: "told Al Hadath TV earlier on
# Wednesday", "told The Associated Press late on Monday".
_TOLD_NAMED = re.compile(
    r"\b(?:told|informed)\s+(?:[A-Z][\w'’.-]*\s+){1,5}"
    r"(?:(?:earlier|later|late|early)\s+)?(?:on|in|at)?\s*$"
)
_TOLD_BEFORE = 70
_SPEECH_AFTER = 90
# A short introductory clause ("On Wednesday, ", "Later that day, ") that ends with a comma.
_LEADING_CLAUSE = re.compile(
    r"^(?:on|in|since|late|early|later|earlier|last)\b[^,]{0,30},\s+", re.I
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "that",
        "this",
        "was",
        "were",
        "had",
        "has",
        "have",
        "is",
        "are",
        "be",
        "been",
        "said",
        "says",
        "its",
        "it",
        "their",
        "his",
        "her",
        "as",
        "after",
        "before",
        "over",
        "into",
        "than",
        "then",
        "also",
        "which",
        "who",
        "would",
        "will",
    ]
)


@dataclass(frozen=True, slots=True)
class SentenceInput:
    start: int
    end: int
    text: str
    is_caption: bool = False
    # Where the sentence's own words begin: past the dateline a lead keeps when the dateline
    # dates it (document._dated_lead), which the summary leaves out.
    told_from: int = 0


@dataclass(slots=True)
class ActorRef:
    name: str
    role: str  # actor | target | source | participant
    kind: str = "other"
    country: str | None = None
    # Not named by the sentence but taken from the article (document.name_warring_sides): no
    # evidence that two reports tell one happening.
    inferred: bool = False
    # Named by the office of a person the sentence names (actors.body_acted_for).
    by_office: bool = False


@dataclass(slots=True)
class EventDraft:
    date: DateMention
    sentence: SentenceInput
    event_type: str
    summary: str
    actors: list[ActorRef] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    act: str = "happening"  # Act
    # The date names a happening ("Saturday's explosion", "the weekend talks"): a second telling
    # of one the article dates elsewhere adds nothing.
    attributive: bool = False
    # matching.signature's, kept: corpus dating compares one draft with thousands of events.
    signature: object = field(default=None, repr=False, compare=False)
    # The earlier draft whose happening dates this one ("Hours after the explosion"): this one
    # came after it, so it is another happening.
    after: "EventDraft | None" = field(default=None, repr=False, compare=False)
    # The date is of something to come, as the sentence tells it ("will meet on Friday"): see
    # is_planned.
    planned: bool = False
    # A possessive date names its happening: the words that name it ("Saturday's explosion and
    # fire on the bridge", in a sentence that tells of an inquiry into it), else "": see named.
    naming: str = ""
    # The date sits in a clause of time ("vowed not to attack before the truce takes effect on
    # Monday"): the clause, which tells the happening the date dates; see dated_clause.
    clause: str = ""

    @property
    def words(self) -> frozenset[str]:
        return content_words(self.sentence.text)

    @property
    def telling(self) -> str:
        """The words that tell its happening: those that name it, else the clause of time it
        is dated in, else its sentence."""
        return self.naming or self.clause or self.sentence.text


# What a possessive date names runs to the end of its clause, at most this many characters.
_NAMING_CHARS = 60
_NAMED_END = re.compile(
    r"[,;:.!?()\u2014\u2013\"\u201c\u201d]|\s(?:but|which|that|who|as|after|before|when|while|"
    r"would|will|was|were|is|are|has|had|have|and said|said|says|told)\s"
)


def has_possessive_date(sentence: str) -> bool:
    """Whether a date of the sentence may be possessive (see named): a cheap test, never False
    when one is."""
    return "'s" in sentence or "\u2019s" in sentence


def named(sentence: str, date_end: int) -> str:
    """The words a possessive date names ("Saturday's explosion on the bridge"), or ""."""
    if not _POSSESSIVE_DATE.match(sentence, date_end):
        return ""
    end = _NAMED_END.search(sentence, date_end + 2, date_end + 2 + _NAMING_CHARS)
    return sentence[date_end : end.start() if end else date_end + 2 + _NAMING_CHARS]


# A clause of time opens with its conjunction ("before the truce takes effect on Monday") and
# ends at the next punctuation.
_CLAUSE_OPEN = re.compile(
    r"[,;()\u2014\u2013\"\u201c\u201d]|(?<!\d):|\b(?:before|after|until|till|when|while|once|where)\s",
    re.I,
)
_CLAUSE_CLOSE = re.compile(r"[,;!?()\u2014\u2013\"\u201c\u201d]|[:.](?!\d)")


def dated_clause(sentence: str, date_start: int, date_end: int) -> str:
    """The clause of time the date at [date_start, date_end) sits in, from its conjunction to the
    next punctuation ("before the truce goes into effect at 9:45 pm on May 22"), or "" when the
    date belongs to the sentence's main clause. The date dates what that clause tells, not what
    the rest of the sentence does ("both sides vowed not to seek any advantage before …")."""
    span = _clause_span(sentence, date_start, date_end)
    return sentence[span[0] : span[1]] if span else ""


def _clause_span(sentence: str, date_start: int, date_end: int) -> tuple[int, int] | None:
    opening = None
    for opening in _CLAUSE_OPEN.finditer(sentence, 0, date_start):  # noqa: B007 (the last)
        pass
    if opening is None or not opening.group().strip().isalpha():
        return None
    close = _CLAUSE_CLOSE.search(sentence, date_end)
    return opening.start(), close.start() if close else len(sentence)


# A clause whose happening cannot stand alone: its subject is a pronoun, or it has none ("after
# holding talks").
_NO_SUBJECT = re.compile(
    r"(?:he|she|it|they|we|i|you|this|that|these|those|there|[a-z]+ing)\b(?!['’])", re.I
)


def _clause_summary(sentence: str, span: tuple[int, int]) -> str:
    """The happening a clause of time tells, as a summary that stands alone ("before the truce
    takes effect on Monday": "The truce takes effect on Monday"; "after last year's war":
    "Last year's war"), or "" when it cannot stand alone."""
    _, _, told = sentence[span[0] : span[1]].partition(" ")  # past its conjunction
    told = told.strip()
    if not told or _NO_SUBJECT.match(told):
        return ""
    return summarise(told)


# Where the happening an offset names ends: the end of its clause, brackets aside ("talks
# mediated by the African Union (AU) began in Pretoria, delegates signed").
_OFFSET_HAPPENING_END = re.compile(r"[,;!?\u2014\u2013\"\u201c\u201d]|[:.](?!\d)")


def _offset_happening(sentence: str, date_end: int) -> tuple[int, int]:
    """The span of the happening an "offset-event" date names, right after it."""
    close = _OFFSET_HAPPENING_END.search(sentence, date_end)
    return date_end, close.start() if close else len(sentence)


# "the 2021 coup", "a 2021 coup that derailed …", "Russia's 2022 invasion": a date between a
# determiner and a noun modifies the noun, and names that happening, whose phrase runs to the
# end of its clause or to a verb of the sentence's.
_DETERMINER_BEFORE = re.compile(r"(?:\b(?i:the|an?)|\b[A-Z][\w-]*['’]s)\s+$")
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]+)\b")
_TIME_FRAME_BEFORE = re.compile(r"\b(?:in|during|throughout|at|on|by)\s+$", re.I)
_NAMED_PHRASE_END = re.compile(
    r"[,;!?()\u2014\u2013\"\u201c\u201d]|[:.](?!\d)|"
    r"\s(?:has|have|had|is|are|was|were|will|would|could|can|may|might|must|said|says)\b"
)


def _named_happening(sentence: str, date_start: int, date_end: int) -> tuple[int, int] | None:
    """The span of the happening a date that modifies a noun names, or None."""
    noun = _NOUN_AFTER.match(sentence, date_end)
    if noun is None or noun[1] in _FUNCTION_WORDS | _STOPWORDS:
        return None
    if sentence[date_start : date_start + 4].lower() == "the ":
        start = date_start
    elif determiner := _DETERMINER_BEFORE.search(sentence, max(0, date_start - 30), date_start):
        start = determiner.start()
    else:
        return None
    if _TIME_FRAME_BEFORE.search(sentence, max(0, start - 12), start):
        return None  # "In the 2020 war, troops retook the town": the sentence's time too
    close = _NAMED_PHRASE_END.search(sentence, noun.end())
    return start, close.start() if close else len(sentence)


def clause_in(quote: str, date_text: str) -> str:
    """dated_clause for a stored citation: its date expression's first place in its quote."""
    at = quote.find(date_text) if date_text else -1
    return dated_clause(quote, at, at + len(date_text)) if at >= 0 else ""


_LOCATIVE = re.compile(
    r"\b(in|at|near|to|from|into|across|outside|around|towards?|via|inside|within|between)\s+(the\s+)?"
    # "cities in western Sudan", "in the country's north-east" aside
    r"(?:(?:north|south)?-?(?:east|west)?ern\s+|central\s+)?$",
    re.I,
)
# The words a text matching _LOCATIVE ends with, but for the blanks after them.
_LOCATIVE_ENDINGS = (
    "in", "at", "near", "to", "from", "into", "across", "outside", "around", "toward", "towards",
    "via", "inside", "within", "between", "the", "northern", "southern", "eastern", "western",
    "central",
)  # fmt: skip


def _after_locative(text: str) -> bool:
    # Most names follow no preposition: a look at the last word is cheaper than a regex search.
    low = lowered(text)
    if low is not None and not low.rstrip().endswith(_LOCATIVE_ENDINGS):
        return False
    return _LOCATIVE.search(text) is not None


def resolve_metonyms(text: str, entities: Sequence[EntityMention]) -> list[EntityMention]:
    """Keep one reading of a name that is both a state and a place ("Baku", "Armenia").

    After a locative preposition ("talks in Moscow", "deployed to Armenia") or in apposition to
    a place ("Omdurman, Sudan") it is the place; otherwise the state acting ("Baku may be
    trying", "Armenia asked the CSTO").
    """
    kept: list[EntityMention] = []
    place_end = -1  # where the last place kept ends
    index = 0
    while index < len(entities):
        group = [entities[index]]
        while index + len(group) < len(entities) and (
            entities[index + len(group)].start,
            entities[index + len(group)].end,
        ) == (group[0].start, group[0].end):
            group.append(entities[index + len(group)])
        index += len(group)
        if len(group) == 1 or len({m.is_place for m in group}) == 1:
            kept.extend(group)
            if group[0].is_place:
                place_end = group[0].end
            continue
        start = group[0].start
        as_place = text[place_end:start] == ", " or _after_locative(
            text[max(0, start - 30) : start]
        )
        kept.extend(m for m in group if m.is_place == as_place)
        if as_place:
            place_end = group[0].end
    return kept


def content_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text) if w.lower() not in _STOPWORDS)


def classify(
    sentence: str,
    date_start: int,
    date_end: int,
    rule: str = "",
    other_dates: Sequence[tuple[int, int]] = (),
    within: tuple[int, int] | None = None,
) -> str:
    """Event type for the happening the date at [date_start, date_end) (sentence-relative) dates.

    The type comes from the happening, not from its attribution: "troops crossed the border on
    Monday, the ministry said" and "the ministry said on Monday that troops crossed" are
    incursions the ministry reports. A date is a statement's only when what it dates is the saying
    itself: its reported clause holds no verb of a happening ("said on Monday that talks would go
    on"), or dates its happening apart (``other_dates``: the sentence's date expressions with
    another value, as in act_of).

    ``within``: the span of the happening the date names, when it names one (an offset's, "six
    months after a ceasefire …"; a date that modifies a noun, "the 2021 coup"): only keywords
    there count.
    """
    # Every position at which one of the patterns matches; they may overlap ("held talks", "talks").
    starts = match_starts(_ANY_KEYWORD, sentence, _KEYWORD_LETTERS)
    if _POSSESSIVE_DATE.match(sentence, date_end):
        # "Saturday's explosion", "Wednesday's deal": the date names the happening, whatever
        # the sentence tells of it ("Putin met X, who presented findings on Saturday's blast").
        named = _named_type(sentence, date_end, starts)
        if named is not None:
            return named
    speech_governs = within is None and _speech_governs(sentence, date_start, date_end)
    if speech_governs and (other_dates or not _happening_verbs(sentence)):
        return "statement"
    found = list(_keywords(sentence, starts))
    if speech_governs:
        # "X, in a briefing on the talks, said on Monday that the sides agreed": what the
        # statement tells is after its verb; what comes before is who spoke, and where.
        speech = scan(_SPEECH, sentence[:date_end], _SPEECH_VERBS)
        told = [k for k in found if speech and k[0].start() >= speech[-1].end()]
        found = told or found
    best: tuple[int, int, str] | None = None
    for m, priority, event_type, is_verb in found:
        if within is not None and not within[0] <= m.start() < within[1]:
            continue
        if m.end() <= date_start:
            score = date_start - m.end()
        elif m.start() >= date_end:
            score = m.start() - date_end
        else:
            score = 0
        if is_verb:
            score -= _VERB_BONUS
        elif _COMPLEMENT.search(sentence, 0, m.start()):
            score += _COMPLEMENT_PENALTY
        if best is None or (score, priority) < best[:2]:
            best = (score, priority, event_type)
    if best is not None:
        return best[2]
    told = sentence if within is None else sentence[within[0] : within[1]]
    return "statement" if scan(_SPEECH, told, _SPEECH_VERBS) else "other"


# How far after a possessive date the noun it names may start: "Saturday's deadly explosion".
_NAMED_WITHIN = 24


def _named_type(sentence: str, date_end: int, starts: list[int]) -> str | None:
    """The type of the happening a possessive date names: the first type keyword after it."""
    near = [i for i in starts if date_end <= i <= date_end + _NAMED_WITHIN]
    hits = [
        (m.start(), priority, event_type)
        for m, priority, event_type, _ in _keywords(sentence, near)
    ]
    return min(hits)[2] if hits else None


def _keywords(sentence: str, starts: list[int]):
    """(match, priority, type, whether a verb) of every type keyword that starts at one of
    ``starts`` (offsets where _ANY_KEYWORD matches), type by type in _TYPE_PATTERNS order."""
    for priority, (event_type, verbs, nouns) in enumerate(_TYPE_PATTERNS):
        for pattern, is_verb in ((verbs, True), (nouns, False)):
            if pattern is not None:
                for m in finditer_at(pattern, sentence, starts):
                    yield m, priority, event_type, is_verb


def _speech_governs(sentence: str, date_start: int, date_end: int) -> bool:
    """Whether the date dates a statement: "X said on Wednesday that …", "On Wednesday, X said …".

    A speech verb after the date needs its subject in between, and no other clause: in "on April
    15, amid reported clashes" nobody reports anything.
    """
    before = sentence[max(0, date_start - _SPEECH_BEFORE) : date_start]
    if scan(_SPEECH, before, _SPEECH_VERBS) or _TOLD_NAMED.search(
        sentence, max(0, date_start - _TOLD_BEFORE), date_start
    ):
        return True
    after = sentence[date_end : date_end + _SPEECH_AFTER]
    speech = next(iter(scan(_SPEECH, after, _SPEECH_VERBS)), None)
    if speech is None:
        return False
    between = after[: speech.start()]
    return not _clause_break(between) and _has_subject(between)


def _has_subject(text: str) -> bool:
    """Whether the text between a date and the verb after it leaves the verb a subject: none at
    all ("Ukraine on Tuesday accused", the subject came first), or a word that can head a noun
    phrase ("On Tuesday, the ministry said"), not only prepositions ("on Tuesday, amid reported
    clashes")."""
    words = _WORD.findall(text)
    return not words or any(
        word[0].isupper() or (len(word) > 2 and word.lower() not in _FUNCTION_WORDS)
        for word in words
    )


# Prepositions and other words that cannot be the subject of a verb.
_FUNCTION_WORDS = frozenset(
    str.split(
        "amid among about above across after against along around before behind below beneath "
        "beside between beyond despite during except following from inside into near onto "
        "outside over past since than through throughout toward towards under until upon via "
        "with within without and but the"
    )
)


_CLAUSE_BREAK = re.compile(
    r"[;.:]\s|[“”\"]| (?:and|but|after|before|while|when|where|which|who|that|as|because|since)\s"
    r"|\b(?:is|are|was|were|has|have|had|did|does|do|will|would|may|might|could)\b|\b[a-z]+ed\b(?! by)",
)


def _clause_break(text: str) -> bool:
    """Whether text (between a date and a speech verb) holds more than a subject noun phrase.

    A finite verb or a clause word means the date belongs to another clause: "in 2020, troops
    crossed and officials said" dates the crossing, not the saying.
    """
    return bool(_CLAUSE_BREAK.search(text))


# A pronoun that opens a summary, and the verbs after "It" that make it no one ("It was raining").
_LEADING_PRONOUN = re.compile(r"^(he|she|it|they)\b(?!['’])", re.I)
_DUMMY_IT = re.compile(
    r"\s+(?:is|was|remains|remained|seems|seemed|appears|appeared|has been|had been)\b", re.I
)
# A connective that ties the sentence to the one before: the summary stands alone without it.
_LEADING_CONNECTIVE = re.compile(
    r"^(?:and|but|however|meanwhile|moreover|furthermore|also|separately)\b,?\s+(?=\S)", re.I
)


# What follows a date that opens a sentence and is not part of its clause: "On May 9, 2021, …",
# "July 17, 2023 - …", "Monday: …".
_AFTER_OPENING_DATE = re.compile(r"\s*(?:,|:|\s[-\u2013\u2014])\s*")


def summarise(
    text: str,
    date_start: int | None = None,
    date_end: int | None = None,
    antecedent: ActorRef | None = None,
) -> str:
    """A readable one-line summary built from the sentence, whole: one clause that stands alone.

    When the sentence opens with the date expression ("On November 9, 2020, Putin …", "July 17,
    2023 - Russia …"), the clause up to the comma (colon, dash) after it goes; the date is shown
    beside the summary anyway. So does a connective to the sentence before ("But", "Meanwhile,"). A leading "He", "She", "It" or
    "They" becomes the ``antecedent`` (the actor of the sentence before, when the caller knows it)
    if it can stand for it: a person for "He" and "She", anything else for "It" and "They".
    Quote marks left unpaired by the trimming are paired again. The summary is never cut: a view
    that needs it short shortens it for display.
    """
    if date_start is not None and date_end is not None and date_start <= 12:
        rest = _AFTER_OPENING_DATE.match(text, date_end)
        if rest is not None:
            text = text[rest.end() :]
    text = _LEADING_CONNECTIVE.sub("", text.strip())
    summary = _LEADING_CLAUSE.sub("", text).strip(' "“”')
    pronoun = _LEADING_PRONOUN.match(summary)
    if pronoun and antecedent is not None and _may_stand_for(pronoun[1], summary, antecedent):
        summary = antecedent.name + summary[pronoun.end() :]
    summary = _pair_quotes(summary)
    return summary[:1].upper() + summary[1:]


def _may_stand_for(pronoun: str, summary: str, antecedent: ActorRef) -> bool:
    pronoun = pronoun.lower()
    if pronoun == "it" and _DUMMY_IT.match(summary, 2):
        return False  # "It was unclear whether …"
    return (antecedent.kind == "person") == (pronoun in ("he", "she"))


def _pair_quotes(text: str) -> str:
    """The text with an opening quote mark added for a closing one it lacks, and a closing one
    for an opening one left open: curly quotes by count, straight ones by where they stand."""
    unopened, opened = 0, 0
    for ch in text:
        if ch == "“":
            opened += 1
        elif ch == "”":
            if opened:
                opened -= 1
            else:
                unopened += 1
    text = "“" * unopened + text + "”" * opened
    is_open, lacks_opening = False, False
    for index, ch in enumerate(text):
        if ch != '"':
            continue
        if is_open:
            is_open = False
        elif index == 0 or text[index - 1].isspace() or text[index - 1] in "([—–“":
            is_open = True
        else:
            lacks_opening = True
    return ('"' if lacks_opening else "") + text + ('"' if is_open else "")


# What makes a happening one to come: a modal or future verb, a plan, a schedule. "would have"
# is left out: what would have happened did not.
_PLANNED = re.compile(
    r"\b(?:will|shall|would(?!\s+have\b)|going to|plan(?:s|ned|ning)? to|intends? to|"
    r"(?:is|are|was|were)\s+(?:due|set|expected|scheduled|slated)\b|scheduled (?:for|to)|"
    r"to be held)\b|['’]ll\b",
    re.I,
)
# Between a future marker and its date: another clause, whose verb the date may be of.
_PLAN_BREAK = re.compile(
    r"[;:!?“”\"]|[.,]\s|\b(?:and|but|after|before|while|when|because|since|which|who|that|"
    r"although|though|said|says|told)\b",
    re.I,
)
_PLAN_BEFORE = 60
_PLAN_AFTER = 60


def is_planned(sentence: str, date_start: int, date_end: int) -> bool:
    """Whether the date at [date_start, date_end) (sentence-relative) dates something to come.

    A future or modal marker in the date's clause makes it so: before the date with nothing but
    the verb and its object between ("would hold talks on Tuesday", "plans to visit next week",
    "is scheduled for 12 May"), or after a leading date and the subject ("On Friday, the
    ministers will meet").
    """
    before = sentence[max(0, date_start - _PLAN_BEFORE) : date_start]
    markers = list(_PLANNED.finditer(before))
    if markers and not _PLAN_BREAK.search(before, markers[-1].end()):
        return True
    after = sentence[date_end : date_end + _PLAN_AFTER]
    marker = _PLANNED.search(after)
    if marker is None:
        return False
    between = after[: marker.start()]
    return not _PLAN_BREAK.search(between.removeprefix(",")) and _has_subject(between)


class Act(StrEnum):
    """What a date dates in its sentence, as far as telling one happening from another goes."""

    HAPPENING = "happening"  # something that happened or was done ("troops crossed on Monday")
    REPORT = "report"  # a statement that tells a happening ("X said on Monday that Y agreed")
    SPEECH = "speech"  # a statement as such: what it tells is dated apart in the sentence
    REACTION = "reaction"  # an accusation, denial, condemnation or call: its own happening


def act_of(
    sentence: str, date_start: int, date_end: int, other_dates: Sequence[tuple[int, int]] = ()
) -> Act:
    """What the date at [date_start, date_end) (sentence-relative) dates; see Act.

    ``other_dates``: the sentence's other date expressions with another value. A statement whose
    sentence dates what it tells apart ("said on Tuesday that Russians blew up the dam overnight
    from Monday to Tuesday") is the statement only.
    """
    if _POSSESSIVE_DATE.match(sentence, date_end):
        return Act.HAPPENING
    before = sentence[max(0, date_start - _REACTION_BEFORE) : date_start]
    reactions = scan(_REACTION, before, _REACTION_STARTS)
    if reactions and not _clause_break(before[reactions[-1].end() :]):
        return Act.REACTION
    after = sentence[date_end : date_end + _SPEECH_AFTER]
    reaction_after = next(iter(scan(_REACTION, after, _REACTION_STARTS)), None)
    if (
        reaction_after
        and not _clause_break(after[: reaction_after.start()])
        and _has_subject(after[: reaction_after.start()])
    ):
        return Act.REACTION
    if not _speech_governs(sentence, date_start, date_end):
        return Act.HAPPENING
    return Act.SPEECH if other_dates else Act.REPORT


def _act_in_clause(
    sentence: str,
    date_start: int,
    date_end: int,
    other_dates: Sequence[tuple[int, int]],
    span: tuple[int, int] | None,
) -> Act:
    """act_of, within the date's clause of time (``span``, _clause_span) when it has one: the
    statement around the clause is not what the date dates ("both sides vowed restraint before
    the truce takes effect on Monday, the mediators said": the truce's taking effect)."""
    if span is None:
        return act_of(sentence, date_start, date_end, other_dates)
    first, last = span
    inside = [(a - first, b - first) for a, b in other_dates if first <= a and b <= last]
    return act_of(sentence[first:last], date_start - first, date_end - first, inside)


_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_WORD_AFTER = re.compile(r"\s+([a-z]+)")


def _attributive(sentence: str, date_start: int, date_end: int) -> bool:
    """Whether the date names a happening: a possessive ("Saturday's explosion") or a modifier
    between "the" and a noun ("the weekend talks")."""
    if _POSSESSIVE_DATE.match(sentence, date_end):
        return True
    if not (
        sentence[date_start : date_start + 4].lower() == "the "
        or _THE_BEFORE.search(sentence, max(0, date_start - 5), date_start)
    ):
        return False
    after = _WORD_AFTER.match(sentence, date_end)
    return after is not None and after.group(1) not in _FUNCTION_WORDS | _STOPWORDS


# "was attacked", "had been shelled", "were killed": the subject is what the happening was done to.
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
_AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
# "The army said it launched …": the speaker tells what it did itself.
_SELF_SUBJECT = re.compile(
    r"^\s*(?:on\s+[^,;.]{0,25}?\s+)?(?:that\s+)?(?:it|they|we|(?:its|their)\s+(?:own\s+)?"
    r"(?:forces|troops|units|soldiers))\s+(?:\w+\s+){0,2}$",
    re.I,
)
_TARGET_TYPES = frozenset({"incursion", "armed_clash", "appeal"})


def assign_roles(
    sentence: SentenceInput,
    mentions: Sequence[EntityMention],
    event_type: str,
    date_at: int | None = None,
    offices: dict[str, EntityMention] | None = None,
) -> list[ActorRef]:
    """Actors of the sentence with a role: who did it (actor), to whom (target), who said so
    (source); others took part (participant).

    A person whose office is a state's ("Armenian Prime Minister Nikol Pashinyan") or its
    army's ("Sudanese army chief Abdel Fattah al-Burhan") acts for it: the state or its armed
    forces take the same role beside them (actors.body_acted_for). ``offices``: the bodies of
    the office holders the article named before, by name, so that a later "Pashinyan said" is
    the state's too; the sentence's own add to it.

    The speaker is the actor named last before the speech verb nearest the date ("the ministry
    said on Wednesday", "On Friday, the press service of the Foreign Ministry reported that …").
    It is the source, unless it tells what it did itself ("the army said it launched …"): then
    it is the actor (an event stores one role per actor, and who acted says more). Around the verb of the happening nearest the date, the first
    actor named before it acts and those after it are its targets ("X shelled Y"); in the passive
    the one after "by" acts and the subject is the target ("Y was attacked by X"). Without such a
    verb, the first actor named acts.
    """
    text = sentence.text
    actors = [m for m in mentions if not m.is_place]
    at = (date_at - sentence.start) if date_at is not None else 0
    speeches = _speeches(text)
    source_name = None
    body_name = None  # the body the speaker speaks for, a source too
    speech = None
    # Who said so, of every speech verb ("…, Russia said it would …, CNN reported"), also
    # after it when it follows the quotation ('"The town is calm," said Jane Doe').
    speakers = set()
    for spoken in speeches:
        before = [m for m in actors if m.end - sentence.start <= spoken.start()]
        if before and _speaks(text[before[-1].end - sentence.start : spoken.start()]):
            speakers.add(before[-1].name)
        elif _QUOTED_BEFORE.search(text, max(0, spoken.start() - 4), spoken.start()):
            after = next((m for m in actors if m.start - sentence.start >= spoken.end()), None)
            if after is not None and _THE_ONLY.fullmatch(
                text[spoken.end() : after.start - sentence.start]
            ):
                speakers.add(after.name)
    if speeches:
        speech = min(speeches, key=lambda m: abs(m.start() - at))
        before = [m for m in actors if m.end - sentence.start <= speech.start()]
        if before and _speaks(text[before[-1].end - sentence.start : speech.start()]):
            source_name = before[-1].name
            if len(before) > 1 and _speaks_for(text, before[-2], before[-1], sentence.start):
                body_name = before[-2].name  # "UNICEF spokeswoman Ana Lopes said"
    verbs = _happening_verbs(text)
    if speech is not None:
        # The speech's own subject is not the happening's: its verb is one the speech reports.
        verbs = [v for v in verbs if v.start() > speech.start()] or verbs
    verb = min(verbs, key=lambda v: _distance(v, at)) if verbs else None
    passive = verb is not None and bool(_PASSIVE_BEFORE.search(text, 0, verb.start()))
    self_told = (
        source_name is not None
        and speech is not None
        and verb is not None
        and verb.start() > speech.end()
        and bool(_SELF_SUBJECT.match(text[speech.end() : verb.start()]))
    )
    refs: dict[tuple[str, str], ActorRef] = {}

    offices = {} if offices is None else offices
    for mention in actors:
        if mention.kind != "person" or mention.country is None:
            continue
        at = mention.start - sentence.start
        body = body_acted_for(mention, text[max(0, at - 60) : max(0, at)])
        if body is not None:
            offices[mention.name] = body

    def add(mention: EntityMention, role: str) -> None:
        refs.setdefault(
            (mention.name, role), ActorRef(mention.name, role, mention.kind, mention.country)
        )
        body = offices.get(mention.name) if mention.kind == "person" else None
        if body is not None and body.name not in named:
            named.add(body.name)
            refs.setdefault(
                (body.name, role),
                ActorRef(body.name, role, body.kind, body.country, by_office=True),
            )

    acted = self_told
    other = "target" if event_type in _TARGET_TYPES else "participant"
    named: set[str] = set()
    for mention in actors:
        if mention.name in named:
            continue
        named.add(mention.name)
        if mention.name in (source_name, body_name):
            # One role per actor is stored: who did it, when the speaker tells of itself.
            add(mention, "actor" if self_told else "source")
            continue
        if mention.name in speakers:
            add(mention, "source")
            continue
        at_mention = mention.start - sentence.start
        if _ADDRESSEE.search(text, max(0, at_mention - 30), at_mention):
            add(mention, "participant")  # who was told: "told Reuters", "speaking to Al Hadath TV"
            continue
        if verb is not None and passive:
            after_by = at_mention >= verb.end() and _AGENT_BEFORE.search(
                text, verb.end(), at_mention
            )
            role = "actor" if after_by and not acted else other
        elif verb is not None and at_mention < verb.start():
            role = "participant" if acted else "actor"
        else:
            # After the verb ("X shelled Y"), or no verb at all: the first named acts only when
            # nobody named before does ("fighting broke out between X and Y").
            role = other if acted else "actor"
        acted = acted or role == "actor"
        add(mention, role)
    return list(refs.values())


# A spokesperson's title right after the body they speak for: "UNICEF spokeswoman", "the
# ministry's chief spokesman", "Kremlin press secretary".
_SPOKESPERSON = re.compile(
    r"(?:['’]s)?\s+(?:(?:chief|deputy|senior|official)\s+)?(?:spokes(?:man|woman|person)|press\s+secretary)\b",
    re.I,
)


def _speaks_for(text: str, body: EntityMention, speaker: EntityMention, offset: int) -> bool:
    """Whether ``speaker`` is the spokesperson of ``body``, named right before their title."""
    if body.kind == "person" or speaker.kind != "person":
        return False
    title = _SPOKESPERSON.match(text, body.end - offset)
    return title is not None and title.end() <= speaker.end - offset


# Who a speaker speaks to is no actor of what is said.
_ADDRESSEE = re.compile(
    r"\b(?:told|tells?|telling|speaking\s+to|spoke\s+to|said\s+to|interview\s+with)\s+(?:the\s+)?$",
    re.I,
)


# What ends a quotation before its speech verb ('…," said'), and may stand between the verb and
# its speaker after it ("said the ministry").
_QUOTED_BEFORE = re.compile(r"[,!?]?[\"”’']\s*$")
_THE_ONLY = re.compile(r"\s*(?:the\s+)?", re.I)


def _speaks(between: str) -> bool:
    """Whether the actor before these words is the subject of the speech verb after them: not
    when another subject stands between ("JNIM fighters burned a market, residents said"), or a
    clause ("forces that control it and alerted residents, warning"), while an apposition may
    ("Obasanjo, the envoy, said")."""
    if "," in between:
        last = between.rfind(",")
        # Set off by commas right after the actor, an apposition; else no clause of its own may
        # stand between ("X control and alerted residents, warning").
        return not between[last + 1 :].strip() and (
            between.lstrip().startswith(",") or not _clause_break(between[:last])
        )
    return len(between.split()) <= 4


def _distance(match: re.Match[str], at: int) -> int:
    return abs(match.start() - at)


def build_drafts(
    sentences: Iterable[SentenceInput],
    dates: Sequence[DateMention],
    entities: Sequence[EntityMention],
) -> list[EventDraft]:
    """One draft per distinct date value stated in each sentence, in reading order."""
    drafts: list[EventDraft] = []
    date_index = 0
    entity_index = 0
    # Who a leading "He" or "They" may stand for: the actor of the nearest sentence before that
    # names one.
    previous_actor: ActorRef | None = None
    offices: dict[str, EntityMention] = {}  # see assign_roles
    for sentence in sentences:
        while date_index < len(dates) and dates[date_index].start < sentence.start:
            date_index += 1
        while entity_index < len(entities) and entities[entity_index].start < sentence.start:
            entity_index += 1
        in_sentence = []
        i = date_index
        while i < len(dates) and dates[i].end <= sentence.end:
            in_sentence.append(dates[i])
            i += 1
        mentions = []
        j = entity_index
        while j < len(entities) and entities[j].end <= sentence.end:
            mentions.append(entities[j])
            j += 1
        before_actor, previous_actor = previous_actor, _first_actor(mentions) or previous_actor
        antecedent = None
        if not in_sentence:
            found = _event_anaphora(sentence, drafts)
            if found is None:
                continue
            mention, antecedent = found
            in_sentence = [mention]
        places = _places_named(mentions)
        seen_values: set[str] = set()
        previous_end, previous_was_reference = 0, False
        for mention in in_sentence:
            local_start = mention.start - sentence.start
            local_end = mention.end - sentence.start
            is_reference = _is_reference(sentence.text, local_start) or (
                previous_was_reference
                and bool(_COORDINATION.match(sentence.text[previous_end:local_start]))
            )
            previous_end, previous_was_reference = local_end, is_reference
            if is_reference or mention.value in seen_values or _vague(mention):
                continue
            seen_values.add(mention.value)
            others = [
                (m.start - sentence.start, m.end - sentence.start)
                for m in in_sentence
                if m.value != mention.value
                and not _SINCE.search(sentence.text, 0, m.start - sentence.start)
            ]
            if mention.rule == "offset-event":
                happening = _offset_happening(sentence.text, local_end)
            else:
                happening = _named_happening(sentence.text, local_start, local_end)
            event_type = classify(
                sentence.text, local_start, local_end, mention.rule, others, happening
            )
            if sentence.is_caption and event_type == "other" and not _SCENE.search(sentence.text):
                # A dated photo of a place or of people is evidence of a date, not a happening;
                # one of smoke, a fire, a flood or a ceremony shows one.
                continue
            if event_type == "other" and _says_little(sentence.text, local_start, local_end):
                continue  # "— Jane Doe (@jdoe) June 7, 2023": a date, and nothing said of it
            clause = happening or _clause_span(sentence.text, local_start, local_end)
            act = _act_in_clause(sentence.text, local_start, local_end, others, clause)
            if act == Act.REACTION and event_type != "appeal":
                # "accused Russia on Monday of using the grain deal as a weapon": a claim of its
                # own, whatever it is about; a call ("urged", "called for") is an appeal.
                event_type = "statement"
            actors = assign_roles(sentence, mentions, event_type, mention.start, offices)
            if happening is not None:
                # "a week after formal talks began in Pretoria, the sides signed", "opponents of
                # the 2021 coup": the date dates the happening it names, all it tells.
                summary = summarise(sentence.text[happening[0] : happening[1]])
            else:
                # A date in a clause of time dates what the clause tells ("…, where talks began
                # on 25 October"), and so does the summary.
                told = sentence.told_from
                summary = (clause and _clause_summary(sentence.text, clause)) or summarise(
                    sentence.text[told:],
                    local_start - told if local_start >= told else None,
                    local_end - told if local_start >= told else None,
                    before_actor,
                )
            previous_actor = next((a for a in actors if a.role == "actor"), previous_actor)
            drafts.append(
                EventDraft(
                    date=mention,
                    sentence=sentence,
                    event_type=event_type,
                    summary=summary,
                    actors=actors,
                    places=places,
                    act=act,
                    attributive=_attributive(sentence.text, local_start, local_end),
                    after=antecedent,
                    planned=is_planned(sentence.text, local_start, local_end),
                    naming=named(sentence.text, local_end),
                    clause=sentence.text[clause[0] : clause[1]] if clause else "",
                )
            )
    return drafts


# "at war since 2020": how long a state of things has lasted, not when what a statement tells
# happened ("the two sides, at war since 2020, have agreed to end hostilities, the envoy said
# today" tells an agreement of today).
_SINCE = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?\s*)?$", re.I)


def _places_named(mentions: Sequence[EntityMention]) -> list[str]:
    """The places a sentence names as places, in reading order: not a country that is part of
    an actor's name ("Ethiopia's government", "the Kherson Regional Military Administration"),
    which says whose the actor is, not where the happening took place."""
    actors = [(m.start, m.end) for m in mentions if not m.is_place]
    return list(
        dict.fromkeys(
            m.name
            for m in mentions
            if m.is_place
            and not any(
                start <= m.start and m.end <= end and end - start > m.end - m.start
                for start, end in actors
            )
        )
    )


def _first_actor(mentions: Sequence[EntityMention]) -> ActorRef | None:
    for m in mentions:
        if not m.is_place:
            return ActorRef(m.name, "actor", m.kind, m.country)
    return None


# "Hours after the explosion, …", "Following the Kremlin announcement, …": a sentence that dates
# what it tells by a happening the article told before. The phrase runs to the first comma, or
# its first words when there is none ("Shortly after the council meeting Pashinyan wrote").
EVENT_ANAPHORA_RULE = Rule.ANAPHORA_EVENT
_EVENT_AFTER = re.compile(
    r"^(?:(?:hours|minutes|moments|shortly|soon|immediately|just|right)\s+)?"
    r"(?:after|following)\s+(?:the|this|that)\s+(?P<np>[^,;:.]{3,80})",
    re.I,
)
_NP_WORDS = 5
_ANAPHORA_CONFIDENCE = 0.6


def _event_anaphora(
    sentence: SentenceInput, earlier: Sequence[EventDraft]
) -> tuple[DateMention, EventDraft] | None:
    """The date of the happening a sentence dates itself by ("Hours after the explosion"), and
    the draft that told it: of the earlier drafts of the article dating a day, the latest that
    shares most words with the phrase."""
    m = _EVENT_AFTER.match(sentence.text)
    if m is None or not earlier:
        return None
    np_words = content_words(" ".join(m["np"].split()[:_NP_WORDS]))
    if not np_words:
        return None
    stems = {word[:5] for word in np_words}
    best: tuple[int, int, EventDraft] | None = None
    for index, draft in enumerate(earlier):
        mention = draft.date
        if mention.precision != "day" or mention.last is not None:
            continue
        shared = len(stems & {word[:5] for word in draft.words})
        if shared and (best is None or (shared, index) > best[:2]):
            best = (shared, index, draft)
    if best is None:
        return None
    ante = best[2].date
    start = sentence.start
    end = sentence.start + m.end("np")
    phrase = sentence.text[: m.end("np")]
    mention = dataclasses.replace(
        ante,
        start=start,
        end=end,
        text=phrase,
        rule=EVENT_ANAPHORA_RULE,
        confidence=min(ante.confidence, _ANAPHORA_CONFIDENCE),
    )
    return mention, best[2]


# Spans too loose to date a happening at: "over the summer", "in the early 2000s".
_VAGUE_DECADE = re.compile(r"\b(?:early|mid|late)[\s-]+\d{3}0s\b", re.I)
MIN_COMMON_WORDS = 2
_HANDLE = re.compile(r"@\w+|https?://\S+")


def _vague(mention: DateMention) -> bool:
    return mention.rule == Rule.SEASON or bool(_VAGUE_DECADE.search(mention.text))


def _says_little(sentence: str, date_start: int, date_end: int) -> bool:
    """Whether the sentence, its date aside, is names only: fewer than MIN_COMMON_WORDS content
    words in lower case (a verb or a noun saying what happened), handles and links left out."""
    rest = _HANDLE.sub(" ", sentence[:date_start] + " " + sentence[date_end:])
    common = [word for word in content_words(rest) if word in rest]  # not capitalised
    return len(common) < MIN_COMMON_WORDS


def _is_reference(sentence: str, date_start: int) -> bool:
    """Whether the date at date_start names a document ("the agreements of November 10")."""
    # _REFERENCE is searched for in all the sentence before the date; most dates fail the cheap
    # test of the word right before them.
    if not sentence[:date_start].rstrip()[-5:].lower().endswith(("of", "dated")):
        return False
    return _REFERENCE.search(sentence, 0, date_start) is not None


# A denial or dispute of a claim. "Denied" always is one ("denied sending troops", "denied those
# claims"), but for what one is denied ("denied access"). Rejecting, dismissing or disputing is
# one when what is rejected is a claim ("dismissed the reports as false", "a claim rejected by
# the military"), not a proposal or a request. Calling something baseless or false disputes it
# when it is a claim too: "called the request baseless" does not deny that it was made.
_CLAIM = (
    r"(?:claims?|reports?|allegations?|accusations?|assertions?|charges|statements?|"
    r"rumou?rs|stories|story|information|news|footage|videos?)"
)
_DENIAL = re.compile(
    r"\b(?:den(?:ied|ies|y|ying)\b(?!\s+(?:\w+\s+)?(?:access|entry|permission|visas?|passage))|"
    r"refut(?:ed|es|e|ing)\b|fabricat\w+|disinformation|false claims?|fake news|"
    rf"(?:reject|dismiss|disput)\w*\s+(?:(?:the|a|an|all|any|such|its|their|his|her|"
    rf"these|those|this|that|[\w-]+['’]s?)\s+)?(?:[\w-]+['’]?s?\s+)?{_CLAIM}\b|"
    rf"\b{_CLAIM}\s+(?:(?:was|were|has been|have been|had been|is|are)\s+)?"
    r"(?:\w+ly\s+)?(?:rejected|dismissed|disputed|denied)\b)",
    re.I,
)
# An evaluation that disputes only a claim, and the claim it must follow in its clause.
_FALSE = re.compile(r"\b(?:baseless|groundless|unfounded|untrue|not true|false|fake|lies)\b", re.I)
_CLAIM_WORD = re.compile(rf"\b{_CLAIM}\b", re.I)
_FALSE_REACH = 60
_CLAUSE_END = re.compile(r"[;:.]\s")
_BY_AGENT = re.compile(r"\s+by\s+(?:the\s+)?$", re.I)
MIN_DISPUTE_SCORE = 2


def _denial_cue(text: str) -> re.Match[str] | None:
    """Where the sentence denies or disputes a claim, if it does."""
    cue = _DENIAL.search(text)
    if cue is not None:
        return cue
    for false in _FALSE.finditer(text):
        before = text[max(0, false.start() - _FALSE_REACH) : false.start()]
        claims = list(_CLAIM_WORD.finditer(before))
        if claims and not _CLAUSE_END.search(before, claims[-1].end()):
            return false
    return None


@dataclass(slots=True)
class Dispute:
    sentence: SentenceInput
    denier: ActorRef
    draft: EventDraft


def find_disputes(
    sentences: Iterable[SentenceInput],
    entities: Sequence[EntityMention],
    drafts: Sequence[EventDraft],
) -> list[Dispute]:
    """Sentences in which one side denies or disputes a claim another side made in the same article.

    The denier is the sentence's subject: the first actor named before the denial word ("the
    ministry dismissed the reports as false"), or the one after "by" in the passive ("a claim
    rejected by the military"). The disputed claim is the draft that shares most with the
    denial: its content words, plus two for its type's keywords ("sending troops across the
    border" → incursion), plus two for the latest claim before the denial when the denial names
    a claim ("denied those claims"). A claim whose speaker is on the denier's side is skipped:
    one side does not dispute its own statement (though it may well deny what its own forces are
    said to have done).
    """
    disputes = []
    for sentence in sentences:
        cue = _denial_cue(sentence.text)
        if cue is None:
            continue
        actors = [
            m
            for m in entities
            if sentence.start <= m.start and m.end <= sentence.end and not m.is_place
        ]
        if not actors:
            continue
        cue_at = sentence.start + cue.start()
        cue_end = sentence.start + cue.end()
        agents = [
            m
            for m in actors
            if m.start >= cue_end
            and _BY_AGENT.search(sentence.text, cue.end(), m.start - sentence.start)
        ]
        before = [m for m in actors if m.end <= cue_at]
        denier = agents[0] if agents else before[0] if before else actors[0]
        denier_country = denier.country or denier.name
        words = content_words(sentence.text)
        # "those claims", "a claim rejected by": the denial answers the claim told before it.
        points_back = _CLAIM_WORD.search(sentence.text) is not None
        latest_claim = None
        if points_back:
            latest_claim = next(
                (
                    d
                    for d in reversed(drafts)
                    if d.sentence.start < sentence.start
                    and any(a.role == "source" for a in d.actors)
                ),
                None,
            )
        best: tuple[int, int, EventDraft] | None = None
        for index, draft in enumerate(drafts):
            if draft.sentence.start == sentence.start:
                continue
            if any(
                a.role == "source" and (a.country or a.name) == denier_country for a in draft.actors
            ):
                continue  # a side does not dispute its own statement
            score = len(words & draft.words) + 2 * _type_mentioned(draft.event_type, sentence.text)
            if draft is latest_claim:
                score += MIN_DISPUTE_SCORE
            if score >= MIN_DISPUTE_SCORE and (best is None or score > best[0]):
                best = (score, index, draft)
        if best is not None:
            ref = ActorRef(denier.name, "denies", denier.kind, denier.country)
            disputes.append(Dispute(sentence, ref, best[2]))
    return disputes


def _type_mentioned(event_type: str, text: str) -> bool:
    for name, verbs, nouns in _TYPE_PATTERNS:
        if name == event_type:
            return bool((verbs and verbs.search(text)) or nouns.search(text))
    return False
