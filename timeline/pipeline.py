"""Ingestion pipeline: one article file in, an Article with dated, cited events out.

A plain function (``ingest_bytes``) that a management command, a test or the admin can call.
Steps: decode → clean → metadata → sentences → dates → actors/places → event drafts →
persist, merging each draft into an event other articles already reported when it is the same
happening. Each file runs in one transaction: a failure leaves nothing behind.

Idempotency: the article's natural key is the SHA-256 of its decoded text; a second ingest of
the same text is a no-op. Editors' work is safe: an existing event only ever gains citations,
actors and places here; its fields are never rewritten (see Event.edited_fields).
"""

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch

from articles.models import Article, Outlet
from articles.text.cleaning import CleanText, clean
from articles.text.decoding import DecodeError, decode_bytes
from articles.text.metadata import DateSource, Metadata, extract_metadata
from timeline.extraction.corpus_dating import KnownEvent, infer_publication_date
from timeline.extraction.document import extract, extraction_sentences
from timeline.extraction.events import (
    EventDraft,
    content_words,
    is_same_happening,
    resolve_metonyms,
)
from timeline.extraction.gazetteer import Gazetteer
from timeline.models import (
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    MergedEvent,
    Place,
    PlaceAlias,
)

MAX_FILE_BYTES = 5 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot be ingested; the message says why."""


@dataclass
class IngestResult:
    source: str
    status: str  # created | skipped | failed
    message: str = ""
    article_id: int | None = None
    events_created: int = 0
    events_merged: int = 0
    citations: int = 0
    warnings: list[str] = field(default_factory=list)


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


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest_bytes(
    data: bytes,
    *,
    source_file: str,
    manifest: dict | None = None,
    dry_run: bool = False,
    gazetteer: Gazetteer | None = None,
) -> IngestResult:
    """Ingest one article file's bytes. Never raises for bad input: the result says what went wrong."""
    result = IngestResult(source=source_file, status="failed")
    try:
        if len(data) > MAX_FILE_BYTES:
            raise IngestError(
                f"file is {len(data) / 1048576:.1f} MiB; articles over {MAX_FILE_BYTES // 1048576} MiB are refused"
            )
        text = decode_bytes(data)
        digest = content_hash(text)
        existing = Article.objects.filter(content_hash=digest).values_list("id", flat=True).first()
        if existing is not None:
            result.status = "skipped"
            result.article_id = existing
            result.message = f"already ingested as article {existing}"
            return result
        cleaned = clean(text)
        if not cleaned.body.strip():
            raise IngestError("no article text left after removing boilerplate")
        try:
            meta = extract_metadata(cleaned, manifest)
        except ValueError as exc:
            raise IngestError(f"manifest entry: {exc}") from exc
        gazetteer = gazetteer or load_gazetteer()
        if meta.published is None:
            meta = date_from_corpus(cleaned, meta, gazetteer)
        with transaction.atomic():
            article = _save_article(text, digest, cleaned, meta, source_file, manifest)
            result.article_id = article.pk
            _extract_events(article, cleaned, meta, gazetteer, result)
            if dry_run:
                transaction.set_rollback(True)
                result.article_id = None
        result.status = "created"
        if meta.published is None:
            result.warnings.append(
                "publication date unknown: relative dates were not resolved; flagged for an editor"
            )
    except DecodeError as exc:
        result.message = str(exc)
    except IngestError as exc:
        result.message = str(exc)
    except IntegrityError:
        # Another process ingested the same text between our check and our insert.
        result.status = "skipped"
        result.message = "already ingested (by a concurrent run)"
    return result


CORPUS_DATE_CONFIDENCE = 0.5


def date_from_corpus(cleaned: CleanText, meta: Metadata, gazetteer: Gazetteer) -> Metadata:
    """Metadata with an inferred publication date when known events pin one down; unchanged otherwise."""
    sentences = extraction_sentences(cleaned, meta)
    entities = resolve_metonyms(cleaned.body, gazetteer.find(cleaned.body, on=None))
    names = {m.name for m in entities if not m.is_place}
    if not names:
        return meta
    candidates = (
        Event.objects.visible()
        .filter(precision="day", end__isnull=True, event_actors__actor__name__in=names)
        .distinct()
        .order_by("-start", "id")
        .prefetch_related(
            Prefetch("event_actors", queryset=EventActor.objects.select_related("actor")),
            "citations",
        )[:2000]
    )
    known = [
        KnownEvent(
            e.start,
            e.event_type,
            frozenset(a.name for a in e.actors.all()),
            _event_words(e),
            e.summary,
        )
        for e in candidates
    ]
    found = infer_publication_date(
        cleaned.body,
        sentences,
        entities,
        known,
        lambda draft, event: is_same_happening(
            draft.event_type,
            {a.name for a in draft.actors},
            draft.words,
            event.event_type,
            set(event.actors),
            event.words,
            {a.name for a in draft.actors if a.role == "source"},
            event.sources,
        ),
    )
    if found is None:
        return meta
    return dataclasses.replace(
        meta,
        published=found.published,
        published_source=DateSource.INFERRED,
        published_confidence=CORPUS_DATE_CONFIDENCE,
        published_reasoning=found.reasoning,
    )


def redate_undated_articles(
    gazetteer: Gazetteer | None = None,
) -> list[tuple[Article, IngestResult]]:
    """Give undated, event-less articles another chance once more of the corpus is in.

    An article ingested before the reports it can be dated against stays undated; after a batch,
    its relative dates may line up with the events that arrived later.
    """
    done = []
    undated = Article.objects.filter(published__isnull=True, citations__isnull=True).order_by("id")
    for article in undated:
        gazetteer = gazetteer or load_gazetteer()
        cleaned = clean(article.raw_text)
        meta = extract_metadata(cleaned, None)
        if meta.published is not None:
            continue
        meta = date_from_corpus(cleaned, meta, gazetteer)
        if meta.published is None:
            continue
        result = IngestResult(source=article.source_file, status="created", article_id=article.pk)
        with transaction.atomic():
            article.published = meta.published
            article.published_source = meta.published_source.value
            article.published_confidence = meta.published_confidence
            article.published_reasoning = meta.published_reasoning
            article.save(
                update_fields=[
                    "published",
                    "published_source",
                    "published_confidence",
                    "published_reasoning",
                ]
            )
            _extract_events(article, cleaned, meta, gazetteer, result)
        done.append((article, result))
    return done


def _save_article(text, digest, cleaned, meta, source_file, manifest) -> Article:
    outlet = None
    if meta.outlet:
        outlet, _ = Outlet.objects.get_or_create(name=meta.outlet)
    return Article.objects.create(
        outlet=outlet,
        title=(meta.title or "")[:500],
        dateline_place=meta.dateline_place or "",
        published=meta.published,
        published_source=meta.published_source.value,
        published_confidence=meta.published_confidence,
        published_reasoning=meta.published_reasoning,
        url=(manifest or {}).get("url") or "",
        language=meta.language or "en",
        raw_text=text,
        body=cleaned.body,
        content_hash=digest,
        source_file=source_file,
    )


def _extract_events(article, cleaned, meta, gazetteer, result) -> None:
    found = extract(cleaned, meta, gazetteer)
    drafts = found.drafts
    proposals = _proposed_actors(gazetteer, cleaned.body, found.entities, found.sentences, drafts)
    actor_cache: dict[str, Actor] = {}
    place_cache: dict[str, Place] = {}
    cited: set[int] = set()
    event_of: dict[int, Event] = {}
    for draft in drafts:
        event, created = _find_or_create_event(draft)
        event_of[id(draft)] = event
        if event.pk in cited:
            # The article tells the same happening again (a quote, a recap): its first telling,
            # in reading order, is the citation; repeats add no evidence from this source.
            continue
        cited.add(event.pk)
        if created:
            result.events_created += 1
        else:
            result.events_merged += 1
        _, citation_created = Citation.objects.get_or_create(
            event=event,
            article=article,
            start=draft.sentence.start,
            defaults={
                "end": draft.sentence.end,
                "quote": draft.sentence.text,
                "date_text": draft.date.text[:200],
                "date_rule": draft.date.rule[:40],
                "is_caption": draft.sentence.is_caption,
            },
        )
        result.citations += int(citation_created)
        # An event another report created keeps the roles it has; new actors join it.
        present = set() if created else set(event.event_actors.values_list("actor_id", flat=True))
        for ref in draft.actors + proposals.get(draft.sentence.start, []):
            actor = actor_cache.get(ref.name) or _actor_for(ref)
            actor_cache[ref.name] = actor
            if actor.pk not in present:
                EventActor.objects.get_or_create(event=event, actor=actor, role=ref.role)
                present.add(actor.pk)
        for name in draft.places:
            place = place_cache.get(name) or Place.objects.filter(name=name).first()
            if place is not None:
                place_cache[name] = place
                event.places.add(place)
    _record_disputes(article, found.disputes, event_of, actor_cache, result)
    for event in {e.pk: e for e in event_of.values()}.values():
        event.refresh_search_document()


def _record_disputes(article, disputes, event_of, actor_cache, result) -> None:
    """Mark disputed events contested, citing the denial and naming who denies."""
    for dispute in disputes:
        event = event_of.get(id(dispute.draft))
        if event is None:
            continue
        if not event.contested and "contested" not in event.edited_fields:
            event.contested = True
            event.save(update_fields=["contested", "last_day", "updated_at"])
        _, created = Citation.objects.get_or_create(
            event=event,
            article=article,
            start=dispute.sentence.start,
            defaults={
                "end": dispute.sentence.end,
                "quote": dispute.sentence.text,
                "stance": Citation.Stance.DISPUTES,
                "is_caption": dispute.sentence.is_caption,
            },
        )
        result.citations += int(created)
        denier = actor_cache.get(dispute.denier.name) or _actor_for(dispute.denier)
        actor_cache[dispute.denier.name] = denier
        EventActor.objects.get_or_create(event=event, actor=denier, role=EventActor.Role.DENIES)


def _proposed_actors(gazetteer, body, entities, sentences, drafts):
    """Names the gazetteer does not know, per sentence start, proposed as unreviewed actors."""
    from timeline.extraction.events import ActorRef

    cited = {d.sentence.start: d.sentence for d in drafts}
    proposals: dict[int, list[ActorRef]] = {}
    for start, end, name in gazetteer.propose_unknown(body, entities):
        for sentence_start, sentence in cited.items():
            if sentence_start <= start and end <= sentence.end:
                proposals.setdefault(sentence_start, []).append(
                    ActorRef(name, "participant", "person")
                )
    return proposals


def _actor_for(ref) -> Actor:
    actor = Actor.objects.filter(name=ref.name).first()
    if actor is None:
        alias = ActorAlias.objects.filter(name=ref.name).select_related("actor").first()
        if alias is not None:
            return alias.actor
        known = ref.role != "participant" or ref.kind != "person" or ref.country is not None
        actor = Actor.objects.create(
            name=ref.name[:200],
            kind=ref.kind if ref.kind in Actor.Kind.values else Actor.Kind.OTHER,
            country=ref.country or "",
            reviewed=known and _in_gazetteer(ref.name),
        )
    return actor


def _in_gazetteer(name: str) -> bool:
    data = _file_gazetteer_data(gazetteer_path())
    return any(entry["name"] == name for entry in data["actors"])


def _find_or_create_event(draft: EventDraft) -> tuple[Event, bool]:
    """The event this draft reports, if one exists already; a new one otherwise.

    Same happening = same date at the same precision, and either the same type with shared
    actors, or much the same wording. Candidates are taken in id order, so re-runs pick the same
    survivor. Rejected events are candidates too: a draft that matches one is absorbed by it, so
    a rejected event is never resurrected as a new one.
    """
    mention = draft.date
    candidates = Event.objects.filter(
        start=mention.first, end=mention.last, precision=mention.precision.value
    ).order_by("id")
    names = {ref.name for ref in draft.actors}
    sources = {ref.name for ref in draft.actors if ref.role == "source"}
    words = draft.words
    for candidate in candidates.prefetch_related(
        Prefetch("event_actors", queryset=EventActor.objects.select_related("actor")), "citations"
    ):
        roles = list(candidate.event_actors.all())
        if is_same_happening(
            draft.event_type,
            names,
            words,
            candidate.event_type,
            {ea.actor.name for ea in roles},
            _event_words(candidate),
            sources,
            {ea.actor.name for ea in roles if ea.role == EventActor.Role.SOURCE},
        ):
            return candidate, False
    # An editor merged a duplicate away: its later reports join the survivor, never re-create it.
    for tombstone in MergedEvent.objects.filter(
        start=mention.first, end=mention.last, precision=mention.precision.value
    ).select_related("into"):
        if is_same_happening(
            draft.event_type,
            names,
            words,
            tombstone.event_type,
            set(tombstone.actor_names),
            tombstone.words,
            sources,
            set(tombstone.source_names),
        ):
            return tombstone.into, False
    event = Event(
        start=mention.first,
        end=mention.last,
        precision=mention.precision.value,
        date_confidence=max(0.0, min(1.0, mention.confidence)),
        summary=draft.summary,
        event_type=draft.event_type,
    )
    event.save()
    return event, True


def _event_words(event: Event) -> frozenset[str]:
    words: set[str] = set(content_words(event.summary))
    for citation in event.citations.all():
        words |= content_words(citation.quote)
    return frozenset(words)
