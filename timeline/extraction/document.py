"""One article's extraction, start to finish, without the database.

``extract`` is what ingestion persists and what bench/extraction.py times: sentences of the
blocks that can state events, date mentions resolved against the publication date, the actors
and places named (``find_entities``), and the event drafts built from them.

An event is placed where its sentence says; a sentence that names no place is placed as a coder
filling ACLED's location would (``place_drafts``): politics a month or more before publication
in its actors' one country; talks and agreements where the article's talks were held, else in
the country it names most; anything else where the article is. A clash whose sentence names
nobody is between the article's warring sides (``name_warring_sides``).
"""

import bisect
import dataclasses
import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from articles.text.cleaning import BlockKind, CleanText
from articles.text.metadata import Metadata
from articles.text.sentences import split_sentences
from articles.text.temporal import DateMention, find_dates
from timeline.extraction.actors import find_actors, load_patterns, region_of
from timeline.extraction.events import (
    ActorRef,
    Dispute,
    EventDraft,
    SentenceInput,
    build_drafts,
    find_disputes,
    resolve_metonyms,
)
from timeline.extraction.gazetteer import EntityMention, Gazetteer
from timeline.extraction.places import COUNTRY, REGION, PlaceInfo, country_name, fold, world

# Blocks whose sentences can state events. Titles, ledes and sub-headings repeat the story.
EXTRACTABLE_BLOCKS = {BlockKind.PARAGRAPH, BlockKind.CAPTION}


@dataclass(frozen=True, slots=True)
class Extraction:
    sentences: list[SentenceInput]
    dates: list[DateMention]
    entities: list[EntityMention]
    drafts: list[EventDraft]
    disputes: list[Dispute]
    # What is known of the places found in GeoNames or proposed as candidates, by name.
    places: dict[str, PlaceInfo] = field(default_factory=dict)
    # Other names the text gives its actors: "Rapid Support Forces (RSF)", "known as Hemedti".
    aliases: dict[str, str] = field(default_factory=dict)


# A file may hold at most this many date expressions. Each dated sentence costs about 100 µs to
# read (type, act, roles: events.build_drafts); a megabyte of news has a few thousand at most,
# while one of short dated sentences ("Troops attacked X on Monday." × 28,000) would take
# seconds (bench/adversarial.py).
MAX_DATES = 5000


class TooManyDates(ValueError):
    """A text with more date expressions than MAX_DATES: refused, with the count."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"refused: the text has {count:,} date expressions, more than the {MAX_DATES:,} one "
            "file may hold; split it into its reports"
        )


def check_date_count(count: int) -> None:
    """Raises TooManyDates when a text has more than MAX_DATES date expressions."""
    if count > MAX_DATES:
        raise TooManyDates(count)


def extract(cleaned: CleanText, meta: Metadata, gazetteer: Gazetteer) -> Extraction:
    """Raises TooManyDates for a text with more than MAX_DATES date expressions."""
    dates = find_dates(cleaned.body, meta.published)
    check_date_count(len(dates))
    sentences = _dated_lead(extraction_sentences(cleaned, meta), dates, meta, cleaned.body)
    entities, aliases = named(cleaned.body, meta, gazetteer)
    drafts = build_drafts(sentences, dates, entities)
    place_drafts(drafts, entities, sentences, meta.dateline_place, meta.published)
    name_warring_sides(drafts, entities)
    places = found_places(entities)
    for draft in drafts:  # a background happening's country the text names only as an actor
        for name in draft.places:
            if name not in places and (info := world().info(name)) is not None:
                places[name] = info
    return Extraction(
        sentences,
        dates,
        entities,
        drafts,
        find_disputes(sentences, entities, drafts),
        places=places,
        aliases=aliases,
    )


def load_recognisers() -> None:
    """Load what finding actors and places reads once per process (the world's places, the
    states and their demonyms, the compiled patterns): before worker processes are forked, so
    that they share it, and before a benchmark starts its clock."""
    world()
    load_patterns()


def find_entities(body: str, meta: Metadata, gazetteer: Gazetteer) -> list[EntityMention]:
    """The actors and places the text names, one reading per span (see ``named``)."""
    return named(body, meta, gazetteer)[0]


def named(
    body: str, meta: Metadata, gazetteer: Gazetteer
) -> tuple[list[EntityMention], dict[str, str]]:
    """The actors and places the text names, one reading per span: the conflict gazetteer's
    first (roles on the publication date), then the actors any text shows (states, bodies,
    organisations, people), then the world's places, read in the countries of those actors.
    And the other names the text gives those actors: "Rapid Support Forces (RSF)", "known as
    Hemedti" (alias -> full name)."""
    known = gazetteer.find(body, on=meta.published)
    actors = find_actors(body, known)
    if meta.dateline_span is not None:
        # "Moscow [Russia], July 17 (ANI):": the agency a dateline credits reported the story.
        start, end = meta.dateline_span
        known = [m for m in known if m.is_place or not start <= m.start < end]
        actors = [m for m in actors if m.is_place or not start <= m.start < end]
    aliases = {m.text: m.name for m in actors if m.via in ("acronym", "alias") and m.text != m.name}
    known += actors
    countries = [m.country for m in known if m.country]
    places = world().find(body, known, countries)
    if places:
        # "the Niger River", "Lake Chad": a country's name inside a longer place's is no state.
        spans = [(p.start, p.end) for p in places]
        known = [
            m
            for m in known
            if m.is_place
            or m.kind != "state"
            or not any(a <= m.start and m.end <= b and b - a > m.end - m.start for a, b in spans)
        ]
    entities = sorted([*known, *places], key=lambda m: (m.start, m.end, m.is_place))
    return resolve_metonyms(body, entities), aliases


# An armed force the article names this often is one of its warring sides.
_SIDE_MENTIONS = 2
# A truce agreed, or told of ("vowed not to seek any advantage before the truce takes effect").
_TRUCE_TYPES = frozenset({"agreement", "statement"})
# A photo of what fighting leaves: "Smoke rises over the capital on April 15".
_AFTERMATH = re.compile(
    r"\b(?:smoke|fires?|flames|blaze|burning|explosions?|blasts?|rubble|debris|shelling)\b", re.I
)
# Forces sent to keep a peace are no side of the war.
_PEACEKEEPING = re.compile(r"peace-?keep|observers|monitors", re.I)
# An agreement between the warring sides, whoever signed it.
_TRUCE = re.compile(r"\b(?:cease-?fire|truce|armistice|cessation\s+of\s+hostilities)\b", re.I)


def name_warring_sides(drafts: list[EventDraft], entities: list[EntityMention]) -> None:
    """Give the article's two warring sides to each clash or truce whose sentence names neither
    ("The clashes erupted on Saturday morning", "the two generals have been at war since April
    15", "the truce goes into effect at 9:45 pm"), as a coder of ACLED's actors would: the two
    armed forces it names most, each at least twice, else the two states it names most, each at
    least twice. With fewer, who fought stays unsaid."""
    wanting = [d for d in drafts if _between_sides(d)]
    if not wanting:
        return
    for kind in ("armed_forces", "state"):
        sides = [
            m
            for m in entities
            if not m.is_place and m.kind == kind and not _PEACEKEEPING.search(m.name)
        ]
        named = [
            name for name, n in Counter(m.name for m in sides).most_common(2) if n >= _SIDE_MENTIONS
        ]
        if len(named) == 2:
            break
    else:
        return
    first = {name: next(m for m in sides if m.name == name) for name in named}
    for draft in wanting:
        present = {a.name for a in draft.actors}
        draft.actors += [
            ActorRef(name, "participant", first[name].kind, first[name].country, True)
            for name in named
            if name not in present
        ]


def _between_sides(draft: EventDraft) -> bool:
    """A clash, a truce or a photo caption of what fighting leaves, whose sentence names neither
    an armed force nor two states ("clashes between Azerbaijan and Armenia" names its sides).
    An army its chief stands for is one side, not both ("army chief Burhan and his former
    deputy have been at war")."""
    if any(a.kind == "armed_forces" and not a.by_office for a in draft.actors):
        return False
    if len({a.name for a in draft.actors if a.kind == "state"}) >= 2:
        return False
    text = draft.sentence.text
    return (
        draft.event_type == "armed_clash"
        or (draft.event_type in _TRUCE_TYPES and _TRUCE.search(text) is not None)
        or (draft.sentence.is_caption and not draft.actors and _AFTERMATH.search(text) is not None)
    )


# Words of a sentence that tells where talks were held: "talks began in Pretoria", "a news
# conference in Jeddah", "signed in Istanbul".
_MEETING = re.compile(
    r"\b(?:talks|negotiations?|meetings?|met|summit|conference|ceremony|signed|signing|"
    r"mediated|hosted)\b",
    re.I,
)


# "at war since", "since fighting began on": a state of things going on from its date.
_ONGOING_SINCE = re.compile(r"\bsince\s+(?:\w+\s+){0,3}(?:on\s+|in\s+)?$", re.I)
# Happenings on the ground, which take place where the fighting is, not in a country at large.
_ON_THE_GROUND = frozenset({"armed_clash", "incursion", "withdrawal", "deployment", "exercise"})
# A happening this long before publication is the story's background, not its news.
BACKGROUND_DAYS = 30


def place_drafts(
    drafts: list[EventDraft],
    entities: list[EntityMention],
    sentences: list[SentenceInput],
    dateline_place: str | None,
    published: datetime.date | None = None,
) -> None:
    """Give a place to each draft whose sentence names none: background (a happening a month
    or more before publication: "came to power in 2018", "at war since April 15") in the one
    country of the actors it names (in the region, when a region's own body acts in it); a
    talk or an agreement where the article's talks were held (``venue_place``), else the
    country it names most; anything else where the article is (``focus_place``)."""
    if all(d.places for d in drafts):
        return
    if published is not None:
        for draft in drafts:
            if (
                not draft.places
                and (draft.event_type not in _ON_THE_GROUND or _ongoing_since(draft))
                and (published - draft.date.first).days >= BACKGROUND_DAYS
            ):
                named = [a for a in draft.actors if a.country and not a.inferred]
                theirs = {a.country for a in named}
                if len(theirs) == 1:
                    # A region's own body acting ("Tigrayan leaders held regional elections"):
                    # in that region, when it is the one region the actors name.
                    regions = {region_of(a.name) for a in named} - {None}
                    region = world().info(regions.pop()) if len(regions) == 1 else None
                    country = world().info(country_name(theirs.pop()))
                    if region is not None and region.kind == REGION:
                        draft.places = [region.name]
                    elif country is not None:
                        draft.places = [country.name]
    focus = focus_place(entities, dateline_place)
    countries = Counter(m.name for m in entities if m.is_place and m.kind == COUNTRY)
    venue = venue_place(entities, sentences) or (
        countries.most_common(1)[0][0] if countries else None
    )
    for draft in drafts:
        if not draft.places:
            where = venue if draft.event_type in ("agreement", "talks") else focus
            where = where or focus
            if where is not None:
                draft.places = [where]


def _ongoing_since(draft: EventDraft) -> bool:
    """The date starts a state of things still going on ("at war since April 15", "since
    fighting began on April 15"): the war at large, not a clash somewhere."""
    before = draft.sentence.text[: draft.date.start - draft.sentence.start]
    return _ONGOING_SINCE.search(before[-40:]) is not None


def venue_place(entities: list[EntityMention], sentences: list[SentenceInput]) -> str | None:
    """The place other than a country named most in sentences about talks, a meeting or a
    signing (the first of equals)."""
    places = [m for m in entities if m.is_place and m.kind != COUNTRY]
    if not places:
        return None
    places.sort(key=lambda m: m.start)
    starts = [m.start for m in places]
    counts: Counter[str] = Counter()
    for sentence in sentences:  # each sentence's places by bisection: linear in the text
        first = bisect.bisect_left(starts, sentence.start)
        last = bisect.bisect_left(starts, sentence.end, first)
        if first < last and _MEETING.search(sentence.text):
            counts.update(m.name for m in places[first:last])
    return counts.most_common(1)[0][0] if counts else None


def focus_place(entities: list[EntityMention], dateline_place: str | None) -> str | None:
    """Where the article is: the place other than a country it names most, else the country it
    names most; among equals, its dateline's place, else the first named. (A dateline alone says
    where the reporter was: "KHARKIV, Ukraine" heads reports on Crimea.)"""
    places = [m for m in entities if m.is_place]
    if not places:
        return None
    local = Counter(m.name for m in places if m.kind != COUNTRY)
    counts = local or Counter(m.name for m in places)
    top = max(counts.values())
    tied = [name for name, n in counts.items() if n == top]  # in reading order
    if len(tied) > 1 and dateline_place:
        key = fold(dateline_place)
        dateline = next((m.name for m in places if fold(m.text) == key), None)
        if dateline in tied:
            return dateline
    return tied[0]


def found_places(entities: list[EntityMention]) -> dict[str, PlaceInfo]:
    """What the world gazetteer knows of the places found in it, and the candidates, by the
    drafts' names for them. Each is named (``PlaceInfo.name``) as the text first wrote it
    ("El Geneina", where GeoNames says "Al-Junaynah"), for a new Place row to take."""
    known = world()
    out: dict[str, PlaceInfo] = {}
    for m in entities:
        if m.is_place and m.name not in out:
            if m.via == "geonames":
                info = known.info(m.name)
                if info is not None:
                    label = m.text.title() if m.text.isupper() else m.text
                    other = known.info(label)  # a label is never another place's name
                    if info.kind == REGION or (other and other.geonameid != info.geonameid):
                        label = info.name
                    out[m.name] = dataclasses.replace(info, name=label)
            elif m.via == "candidate":
                out[m.name] = PlaceInfo(m.name, "other", candidate=True)
    return out


def extraction_sentences(cleaned: CleanText, meta: Metadata) -> list[SentenceInput]:
    """Sentences of the blocks that can state events, with the dateline prefix cut off."""
    sentences = []
    dateline_end = meta.dateline_span[1] if meta.dateline_span else None
    for block in cleaned.blocks:
        if block.kind not in EXTRACTABLE_BLOCKS:
            continue
        for sentence in split_sentences(cleaned.body, block.start, block.end):
            start = sentence.start
            if dateline_end is not None and start < dateline_end < sentence.end:
                start = dateline_end
                while start < sentence.end and cleaned.body[start].isspace():
                    start += 1
            if start >= sentence.end:
                continue
            sentences.append(
                SentenceInput(
                    start=start,
                    end=sentence.end,
                    text=cleaned.body[start : sentence.end],
                    is_caption=block.kind == BlockKind.CAPTION,
                )
            )
    return sentences


def _dated_lead(
    sentences: list[SentenceInput], dates: list[DateMention], meta: Metadata, body: str
) -> list[SentenceInput]:
    """The lead keeps its dateline when the dateline dates it and the lead states no date of its
    own: in "KHARTOUM, April 16 (Reuters) - The army said it had retaken the airport" the army
    spoke on April 16. Its summary starts past the dateline (SentenceInput.told_from)."""
    if meta.dateline_span is None or not sentences:
        return sentences
    start, end = meta.dateline_span
    if not any(start <= m.start and m.end <= end for m in dates):
        return sentences
    index = next((i for i, s in enumerate(sentences) if s.start >= end), None)
    if index is None:
        return sentences
    lead = sentences[index]
    if "\n" in body[start : lead.start] or any(
        lead.start <= m.start and m.end <= lead.end for m in dates
    ):
        return sentences
    with_dateline = SentenceInput(
        start, lead.end, body[start : lead.end], lead.is_caption, told_from=lead.start - start
    )
    return [*sentences[:index], with_dateline, *sentences[index + 1 :]]
