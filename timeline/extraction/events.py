"""Turn one article's sentences, date mentions and entity mentions into event drafts.

Pure code, no database: the pipeline (timeline/pipeline.py) persists the drafts and merges them
with events other articles already reported. The rules here are deliberately simple and
general: one draft per distinct date value a sentence states; its type from the verbs near the
date; its actors from the gazetteer mentions in the sentence, the speaker of a speech verb being
the source.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from articles.text.temporal import DateMention
from timeline.extraction.gazetteer import EntityMention

# Ordered: the first pattern that matches the clause around the date decides the type.
_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "agreement",
        re.compile(
            r"\b(ceasefire|cease-fire|truce|agreement|signed|joint statement|accord)\b", re.I
        ),
    ),
    (
        "armed_clash",
        re.compile(
            r"\b(clash(es|ed)?|fighting|battles?|shell(ing|ed)|hostilities|war|fire[ds]?|killed|attack(s|ed)?|broke out|erupted|escalation)\b",
            re.I,
        ),
    ),
    (
        "incursion",
        re.compile(
            r"\b(crossed|advanc(ed|ing|es)|incursions?|invaded|moved [\d.,]+ ?(km|kilometers|kilometres)|deep into)\b",
            re.I,
        ),
    ),
    ("withdrawal", re.compile(r"\b(withdr(ew|awn|aw|awal)|pulled (back|out)|retreated)\b", re.I)),
    ("exercise", re.compile(r"\b(exercises?|drills?|manoeuvres|maneuvers)\b", re.I)),
    (
        "appeal",
        re.compile(r"\b(asked|appeal(ed)?|request(ed)?|letters? to|urged|called on)\b", re.I),
    ),
    (
        "talks",
        re.compile(
            r"\b(talks|negotiations?|met|meeting|discuss(ed|ion)|phone call|telephone conversation|spoke|consultations|video format)\b",
            re.I,
        ),
    ),
    ("deployment", re.compile(r"\b(deployed|deployment|dispatched|stationed)\b", re.I)),
]
_SPEECH = re.compile(
    r"\b(said|says|stated|told|reported|claimed|announced|described|wrote|added|noted|stressed|"
    r"countered|denied|alleged|informed|declared)\b",
    re.I,
)
# How close (in characters) a speech verb must be to the date for the date to date the statement.
_SPEECH_WINDOW = 40
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
SUMMARY_MAX = 220


@dataclass(frozen=True, slots=True)
class SentenceInput:
    start: int
    end: int
    text: str
    is_caption: bool = False


@dataclass(slots=True)
class ActorRef:
    name: str
    role: str  # actor | target | source | participant
    kind: str = "other"
    country: str | None = None


@dataclass(slots=True)
class EventDraft:
    date: DateMention
    sentence: SentenceInput
    event_type: str
    summary: str
    actors: list[ActorRef] = field(default_factory=list)
    places: list[str] = field(default_factory=list)

    @property
    def words(self) -> frozenset[str]:
        return content_words(self.sentence.text)


_LOCATIVE = re.compile(
    r"\b(in|at|near|to|from|into|across|outside|around|towards?|via|inside|within|between)\s+(the\s+)?$",
    re.I,
)


def resolve_metonyms(text: str, entities: Sequence[EntityMention]) -> list[EntityMention]:
    """Keep one reading of a name that is both a state and a place ("Baku", "Armenia").

    After a locative preposition ("talks in Moscow", "deployed to Armenia") it is the place;
    otherwise the state acting ("Baku may be trying", "Armenia asked the CSTO").
    """
    kept: list[EntityMention] = []
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
            continue
        as_place = bool(_LOCATIVE.search(text[max(0, group[0].start - 20) : group[0].start]))
        kept.extend(m for m in group if m.is_place == as_place)
    return kept


def content_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text) if w.lower() not in _STOPWORDS)


def classify(sentence: str, date_start: int, date_end: int) -> str:
    """Event type for the happening the date at [date_start, date_end) (sentence-relative) dates."""
    before = sentence[max(0, date_start - _SPEECH_WINDOW) : date_start]
    after = sentence[date_end : date_end + _SPEECH_WINDOW]
    # "X said on Wednesday that …" / "On Wednesday, X said …": the date dates the statement.
    speech_after = _SPEECH.search(after)
    if _SPEECH.search(before[-25:]) or (
        speech_after and not _clause_break(after[: speech_after.start()])
    ):
        return "statement"
    for event_type, pattern in _TYPE_PATTERNS:
        if pattern.search(sentence):
            return event_type
    return "statement" if _SPEECH.search(sentence) else "other"


def _clause_break(text: str) -> bool:
    return any(mark in text for mark in (";", ".", " and ", " after "))


def summarise(text: str, date_start: int | None = None, date_end: int | None = None) -> str:
    """A readable one-line summary built from the sentence: no leading date clause, bounded length.

    When the sentence opens with the date expression ("On November 9, 2020, Putin …"), the
    clause up to the comma after it goes; the date is shown beside the summary anyway.
    """
    text = text.strip()
    if date_start is not None and date_end is not None and date_start <= 12:
        rest = text[date_end:]
        if rest.startswith(","):
            text = rest[1:]
    summary = _LEADING_CLAUSE.sub("", text.strip()).strip(' "“”')
    summary = summary[:1].upper() + summary[1:]
    if len(summary) > SUMMARY_MAX:
        cut = summary.rfind(" ", 0, SUMMARY_MAX - 1)
        summary = summary[: cut if cut > 0 else SUMMARY_MAX - 1].rstrip(",;:") + "…"
    return summary


def assign_roles(
    sentence: SentenceInput, mentions: Sequence[EntityMention], event_type: str
) -> list[ActorRef]:
    """Actors of the sentence with a role: the speaker is the source; the first other actor acts."""
    actors = [m for m in mentions if not m.is_place]
    speech = _SPEECH.search(sentence.text)
    refs: dict[str, ActorRef] = {}
    source_name = None
    if speech:
        speech_at = sentence.start + speech.start()
        before = [m for m in actors if m.end <= speech_at]
        if before:
            source_name = before[-1].name
    acted = False
    for mention in actors:
        if mention.name in refs:
            continue
        if mention.name == source_name:
            role = "source"
        elif not acted:
            role = "actor"
            acted = True
        else:
            role = (
                "target" if event_type in {"incursion", "armed_clash", "appeal"} else "participant"
            )
        refs[mention.name] = ActorRef(mention.name, role, mention.kind, mention.country)
    if event_type == "statement" and source_name and source_name in refs:
        refs[source_name].role = "source"
    return list(refs.values())


def build_drafts(
    sentences: Iterable[SentenceInput],
    dates: Sequence[DateMention],
    entities: Sequence[EntityMention],
) -> list[EventDraft]:
    """One draft per distinct date value stated in each sentence, in reading order."""
    drafts: list[EventDraft] = []
    date_index = 0
    entity_index = 0
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
        if not in_sentence:
            continue
        mentions = []
        j = entity_index
        while j < len(entities) and entities[j].end <= sentence.end:
            mentions.append(entities[j])
            j += 1
        places = list(dict.fromkeys(m.name for m in mentions if m.is_place))
        seen_values: set[str] = set()
        for mention in in_sentence:
            if mention.value in seen_values:
                continue
            seen_values.add(mention.value)
            local_start = mention.start - sentence.start
            local_end = mention.end - sentence.start
            event_type = classify(sentence.text, local_start, local_end)
            drafts.append(
                EventDraft(
                    date=mention,
                    sentence=sentence,
                    event_type=event_type,
                    summary=summarise(sentence.text, local_start, local_end),
                    actors=assign_roles(sentence, mentions, event_type),
                    places=places,
                )
            )
    return drafts


def is_same_happening(
    type_a: str,
    actors_a: set[str],
    words_a: Iterable[str],
    type_b: str,
    actors_b: set[str],
    words_b: Iterable[str],
) -> bool:
    words_a, words_b = set(words_a), set(words_b)
    overlap = len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))
    if type_a == type_b:
        if actors_a and actors_b:
            shared = len(actors_a & actors_b) / min(len(actors_a), len(actors_b))
            return shared >= 0.5 and overlap >= 0.2
        return overlap >= 0.4
    return overlap >= 0.6
