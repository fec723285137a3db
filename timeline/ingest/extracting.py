"""The pure part of one file: clean it, date it from its text, extract its event drafts.

No database, so it runs in the ingest process or in the workers of ``pool.ExtractionPool``.
``load_gazetteer`` is the one read: the gazetteer file plus the aliases editors added, once per
run, before the workers start.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from articles.text.cleaning import CleanText, clean
from articles.text.decoding import DecodeError
from articles.text.metadata import Metadata, extract_metadata
from articles.text.prose import prose_problem
from articles.text.temporal import find_dates
from timeline.extraction.corpus_dating import (
    MAX_CHARS,
    MIN_MATCHES,
    DateProfile,
    profile_dates,
    story_words,
)
from timeline.extraction.document import (
    Extraction,
    TooManyDates,
    check_date_count,
    extract,
    extraction_sentences,
    find_entities,
)
from timeline.extraction.events import SentenceInput
from timeline.extraction.gazetteer import EntityMention, Gazetteer
from timeline.ingest.files import IngestError, Prepared, internal_error
from timeline.models import Actor, PlaceAlias


def gazetteer_path() -> Path:
    return Path(
        getattr(settings, "GAZETTEER_PATH", settings.BASE_DIR / "fixtures" / "gazetteer.json")
    )


@cache
def _file_gazetteer_data(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def load_gazetteer() -> Gazetteer:
    """The matcher: the gazetteer file plus every alias editors added in the admin."""
    data = _file_gazetteer_data(gazetteer_path())
    actors = [dict(entry, aliases=list(entry.get("aliases", []))) for entry in data["actors"]]
    places = [dict(entry, aliases=list(entry.get("aliases", []))) for entry in data["places"]]
    by_name = {entry["name"]: entry for entry in actors}
    for actor in Actor.objects.filter(reviewed=True).prefetch_related("aliases"):
        entry = by_name.get(actor.name)
        if entry is None:
            entry = {
                "name": actor.name,
                "kind": actor.kind,
                "country": actor.country or None,
                "aliases": [],
            }
            actors.append(entry)
            by_name[actor.name] = entry
        if actor.offices and not entry.get("offices"):
            entry["offices"] = actor.offices
        entry["aliases"].extend(
            a.name for a in actor.aliases.all() if a.name not in entry["aliases"]
        )
    place_by_name = {entry["name"]: entry for entry in places}
    for alias in PlaceAlias.objects.select_related("place"):
        entry = place_by_name.get(alias.place.name)
        if entry is not None and alias.name not in entry["aliases"]:
            entry["aliases"].append(alias.name)
    return Gazetteer.from_entries(actors, places)


def in_gazetteer(name: str) -> bool:
    """Whether the gazetteer file names this actor (a new actor of that name is reviewed)."""
    return name in _gazetteer_actor_names(gazetteer_path())


@cache
def _gazetteer_actor_names(path: Path) -> frozenset[str]:
    return frozenset(entry["name"] for entry in _file_gazetteer_data(path)["actors"])


@dataclass
class Undated:
    """What corpus dating needs of an article whose text gives no year (pure, picklable)."""

    sentences: list[SentenceInput]
    entities: list[EntityMention]
    names: frozenset[str]  # the actors it names
    profile: DateProfile
    # The extraction should the corpus not date it either (most such texts stay undated).
    found: Extraction | None = None
    story: frozenset[str] = frozenset()  # its rarest names (corpus_dating.story_words)
    # Whether it states a full date anywhere, and so may have events with no publication date.
    states_a_date: bool = True

    @property
    def findable(self) -> bool:
        """Whether known events can be looked up for it: by its actors, or its story's names."""
        return bool(self.names or self.story)

    @property
    def could_be_dated(self) -> bool:
        """Whether reports yet to come could date it: it has known events to look up and
        relative dates to line up with them."""
        return self.findable and (
            self.profile.exhaustive or len(self.profile.mentions) >= MIN_MATCHES
        )


def extract_text(item: Prepared, gazetteer: Gazetteer) -> Prepared:
    """Clean, date (from the text) and extract a read file; no database. Returns the item."""
    if item.extracted:
        return item
    try:
        cleaned = clean(item.text)
        if not cleaned.body.strip():
            raise IngestError("no article text left after removing boilerplate")
        if problem := prose_problem(cleaned.body):
            raise IngestError(f"refused: {problem}")
        try:
            meta = extract_metadata(cleaned, item.manifest)
        except ValueError as exc:
            raise IngestError(f"manifest entry: {exc}") from exc
        try:
            if meta.published is None:
                item.undated = undated_probe(cleaned, meta, gazetteer)
            else:
                item.found = extract(cleaned, meta, gazetteer)
        except TooManyDates as exc:
            raise IngestError(str(exc)) from exc
        item.cleaned, item.meta = cleaned, meta
    except (DecodeError, IngestError) as exc:
        item.error = str(exc)
    except Exception as exc:  # a bug must cost this file only; nothing was written
        item.error = internal_error(exc)
    return item


def undated_probe(cleaned: CleanText, meta: Metadata, gazetteer: Gazetteer) -> Undated:
    """What corpus dating needs of an article with no publication date, and, when the corpus
    cannot date it (nothing to look events up by, no relative dates), its extraction as it
    stands."""
    if len(cleaned.body) > MAX_CHARS:  # too long to search for a date: nothing to look up
        found = extract(cleaned, meta, gazetteer)
        return Undated(found.sentences, found.entities, frozenset(), DateProfile(()), found)
    sentences = extraction_sentences(cleaned, meta)
    profile = profile_dates(cleaned.body, sentences)
    check_date_count(len(profile.mentions))
    if profile.exhaustive or len(profile.mentions) >= MIN_MATCHES:
        # The same entities as extract() finds with no publication date.
        entities = find_entities(cleaned.body, meta, gazetteer)
        names = frozenset(m.name for m in entities if not m.is_place)
        # Its story's names only when it names no actor the gazetteer knows: they find known
        # events for a conflict the gazetteer does not cover, and cost a query each.
        story = frozenset() if names else story_words(sentences, profile)
        if names or story:
            if not profile.exhaustive:
                profile = profile.with_drafts(sentences, entities)
            stated = bool(find_dates(cleaned.body, None))
            return Undated(sentences, entities, names, profile, story=story, states_a_date=stated)
    found = extract(cleaned, meta, gazetteer)
    names = frozenset(m.name for m in found.entities if not m.is_place)
    return Undated(found.sentences, found.entities, names, profile, found)
