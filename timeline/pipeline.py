"""Ingestion pipeline: one article file in, an Article with dated, cited events out.

A plain function (``ingest_bytes``) that a management command, a test or the admin can call.
Steps: decode → clean → metadata → sentences → dates → actors/places → event drafts →
persist, merging each draft into an event other articles already reported when it is the same
happening. Each file runs in one transaction: a failure leaves nothing behind.

Idempotency: the article's natural key is the SHA-256 of its decoded text; a second ingest of
the same text is a no-op. Editors' work is safe: an existing event only ever gains citations,
actors and places here; its fields are never rewritten (see Event.edited_fields).

Re-extraction (``reextract_article``, ``ingest --reextract``) runs the current extractor over an
article already in the database and reconciles what it made last time with what an editor did
since; its rules are in the docstring of ``reextract_article``.
"""

import dataclasses
import hashlib
import json
from collections import defaultdict
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


ARTICLE_KEY = "article_content_hash_unique"


class IngestError(Exception):
    """A file that cannot be ingested; the message says why."""


@dataclass
class IngestResult:
    source: str
    status: str  # created | reextracted | skipped | failed
    message: str = ""
    article_id: int | None = None
    events_created: int = 0
    events_merged: int = 0
    citations: int = 0
    events_updated: int = 0  # re-extraction: events that took the current extractor's reading
    events_removed: int = 0  # re-extraction: machine events no sentence reports any more
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
    reextract: bool = False,
) -> IngestResult:
    """Ingest one article file's bytes. Never raises for bad input: the result says what went wrong.

    A text already ingested is skipped, or with ``reextract`` extracted again with the current
    extractor (see ``reextract_article``).
    """
    result = IngestResult(source=source_file, status="failed")
    try:
        if len(data) > MAX_FILE_BYTES:
            raise IngestError(
                f"file is {len(data) / 1048576:.1f} MiB; articles over {MAX_FILE_BYTES // 1048576} MiB are refused"
            )
        text = decode_bytes(data)
        digest = content_hash(text)
        existing = Article.objects.filter(content_hash=digest).values_list("id", flat=True).first()
        if existing is not None and reextract:
            return reextract_article(
                Article.objects.get(pk=existing),
                manifest=manifest,
                gazetteer=gazetteer,
                dry_run=dry_run,
            )
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
    except IntegrityError as exc:
        # The unique content hash is the arbiter between concurrent ingests of the same text:
        # the loser's insert waits for the winner's commit, fails, and its transaction rolls back.
        if ARTICLE_KEY not in str(exc) and "content_hash" not in str(exc):
            raise
        result.status = "skipped"
        result.article_id = None
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


# Markers in Event.edited_fields for a decision about the event as a whole, not one field: its
# citations were curated (merge, split, inline edit) or its status was set (reviewed, rejected).
WHOLE_EVENT_EDITS = frozenset({"citations", "merged", "split", "status"})
# An event's date is one decision: an editor who fixed any part of it owns all of it.
DATE_FIELDS = frozenset({"start", "end", "precision", "date_confidence"})
MACHINE, LOCKED, FROZEN = "machine", "locked", "frozen"


def ownership(event: Event) -> str:
    """Who owns an event, as re-extraction sees it.

    machine: no editor touched it; the extractor may rebuild it.
    locked:  an editor changed some fields; those stand, the others may follow the extractor.
    frozen:  reviewed or rejected, merged, split or its citations edited: it stays as it is.
    """
    if event.status != Event.Status.EXTRACTED or WHOLE_EVENT_EDITS & set(event.edited_fields):
        return FROZEN
    return LOCKED if event.edited_fields else MACHINE


def reextract_article(
    article: Article,
    *,
    manifest: dict | None = None,
    gazetteer: Gazetteer | None = None,
    dry_run: bool = False,
) -> IngestResult:
    """Extract an article already in the database again, with the current extractor.

    Reconciliation, one transaction per article:

    - Each new draft is paired with the citation this article made for it last time: the same
      sentence and date expression, else the same place among the sentence's dates.
    - Citations of *machine* events (no editor touched them) are removed and rebuilt from the
      drafts; an event this article alone reported is reused for its sentence's draft and takes
      the new date, summary, type, actors and places, unless the draft now matches an event
      already there (another report, a merge tombstone), which it joins as in ingestion.
    - *Frozen* events (reviewed, rejected, merged, split, citations edited) keep their
      citations and every field; their sentences' drafts are absorbed by them, so a rejected
      event is never resurrected and a merge or split stands.
    - *Locked* events (some fields edited) keep their citations; when this article alone reports
      them, the fields not in Event.edited_fields follow the draft (the date as a whole).
    - Machine events left without citations are deleted, with the unreviewed actor candidates
      nothing refers to any more.
    - An editor's or a manifest's publication date stands; otherwise the date is derived again
      (text, then the stored date, then the corpus). Other article metadata is not touched.
    """
    result = IngestResult(source=article.source_file, status="reextracted", article_id=article.pk)
    gazetteer = gazetteer or load_gazetteer()
    cleaned = clean(article.raw_text)
    meta = _reextraction_metadata(article, cleaned, manifest, gazetteer)
    try:
        with transaction.atomic():
            _reconcile(article, cleaned, meta, gazetteer, result)
            if dry_run:
                transaction.set_rollback(True)
    except IngestError as exc:
        result.status = "failed"
        result.message = str(exc)
        return result
    if meta.published is None:
        result.warnings.append(
            "publication date unknown: relative dates were not resolved; flagged for an editor"
        )
    return result


def _reextraction_metadata(article, cleaned, manifest, gazetteer) -> Metadata:
    meta = extract_metadata(cleaned, manifest)
    if article.published is not None and (
        article.published_source == Article.DateSource.MANIFEST or meta.published is None
    ):
        # An editor's or a manifest's date is a fact from outside the text; and a date found
        # earlier (from the corpus) is better than none.
        return dataclasses.replace(
            meta,
            published=article.published,
            published_source=DateSource(article.published_source),
            published_confidence=article.published_confidence,
            published_reasoning=article.published_reasoning,
        )
    if meta.published is None:
        meta = date_from_corpus(cleaned, meta, gazetteer)
    return meta


def _reconcile(article, cleaned, meta, gazetteer, result) -> None:
    found = extract(cleaned, meta, gazetteer)
    citations = list(article.citations.select_related("event").order_by("start", "id"))
    events = {c.event_id: c.event for c in citations}
    owner = {pk: ownership(event) for pk, event in events.items()}
    shared = set(
        Citation.objects.filter(event_id__in=events)
        .exclude(article=article)
        .values_list("event_id", flat=True)
    )
    # Events this article alone reports may follow the new extraction, date and all; a shared
    # event whose first report is this article follows its wording (summary, type).
    alone = {pk for pk in events if pk not in shared and owner[pk] != FROZEN}
    first_report: dict[int, int] = {}
    for event_id, article_id in (
        Citation.objects.filter(event_id__in=shared)
        .order_by("id")
        .values_list("event_id", "article_id")
    ):
        first_report.setdefault(event_id, article_id)
    leads = {pk for pk, article_id in first_report.items() if article_id == article.pk}
    candidates = set(
        EventActor.objects.filter(event_id__in=events, actor__reviewed=False).values_list(
            "actor_id", flat=True
        )
    )

    machine = [c for c in citations if owner[c.event_id] == MACHINE]
    if cleaned.body != article.body:
        # Cleaning changed: the machine's offsets mean nothing now; editors' citations move.
        Citation.objects.filter(pk__in=[c.pk for c in machine]).delete()
        citations = [c for c in citations if owner[c.event_id] != MACHINE]
        machine = []
    _update_article(article, cleaned, meta, citations)
    previous = _pair(found.drafts, [c for c in citations if c.stance == Citation.Stance.SUPPORTS])

    kept = {pk for pk, who in owner.items() if who != MACHINE}
    linker = _Linker(article, gazetteer, cleaned.body, found, result, cited=kept)
    disputed = {id(d.draft) for d in found.disputes}
    followed: set[int] = set()
    for draft in found.drafts:
        old = previous.get(id(draft))
        who = owner[old.event_id] if old is not None else None
        if who == FROZEN:
            continue  # an editor decided what this sentence reports; the draft is absorbed
        if who == LOCKED:
            event = events[old.event_id]
            if event.pk in alone and event.pk not in followed:
                followed.add(event.pk)
                result.events_updated += _follow(event, draft, id(draft) in disputed)
                linker.add_actors_and_places(
                    draft, event, fresh=True, locked=frozenset(event.edited_fields)
                )
            elif event.pk in leads and event.pk not in followed:
                followed.add(event.pk)
                result.events_updated += _follow(event, draft, wording_only=True)
            Citation.objects.filter(pk=old.pk).update(
                date_text=draft.date.text[:200], date_rule=draft.date.rule[:40]
            )
            linker.event_of[id(draft)] = event
            continue
        reuse = events[old.event_id] if who == MACHINE and old.event_id in alone else None
        if reuse is not None and reuse.pk in followed:
            reuse = None
        event, created = _find_or_create_event(draft, fallback=reuse)
        fresh = created
        if owner.get(event.pk) == MACHINE and event.pk not in followed:
            if event.pk in alone:
                followed.add(event.pk)
                result.events_updated += _follow(event, draft, id(draft) in disputed)
                fresh = True
            elif event.pk in leads:
                followed.add(event.pk)
                result.events_updated += _follow(event, draft, wording_only=True)
        linker.link(draft, event, fresh, new=created)
    linker.finish()

    # The machine's citations the current extractor did not make again go, then the machine
    # events nothing cites any more.
    Citation.objects.filter(pk__in=[c.pk for c in machine if c.pk not in linker.touched]).delete()
    for pk, who in owner.items():
        if who == MACHINE and not Citation.objects.filter(event_id=pk).exists():
            events[pk].delete()
            result.events_removed += 1
    Actor.objects.filter(pk__in=candidates, reviewed=False, event_roles__isnull=True).delete()


def _update_article(article, cleaned, meta, kept: list[Citation]) -> None:
    """New publication date and body; the citations that stay move with their sentences."""
    if cleaned.body != article.body:
        for citation in kept:
            at = _nearest(cleaned.body, citation.quote, citation.start)
            if at < 0:
                raise IngestError(
                    f"the cleaned text changed and no longer contains the sentence an editor's "
                    f"event {citation.event_id} cites ({citation.quote[:60]!r})"
                )
            citation.end = at + (citation.end - citation.start)
            citation.start = at
            citation.save(update_fields=["start", "end"])
    values = {
        "body": cleaned.body,
        "published": meta.published,
        "published_source": DateSource(meta.published_source).value,
        "published_confidence": meta.published_confidence,
        "published_reasoning": meta.published_reasoning,
    }
    changed = [name for name, value in values.items() if getattr(article, name) != value]
    for name in changed:
        setattr(article, name, values[name])
    if changed:
        article.save(update_fields=changed)


def _nearest(body: str, quote: str, near: int) -> int:
    """Offset of the occurrence of quote in body nearest to ``near``; -1 if there is none."""
    best, at = -1, body.find(quote)
    while at >= 0:
        if best < 0 or abs(at - near) < abs(best - near):
            best = at
        at = body.find(quote, at + 1)
    return best


def _pair(drafts, citations) -> dict[int, Citation]:
    """The citation each draft made last time: same sentence, same date text, else same rank."""
    by_start: dict[int, list[Citation]] = defaultdict(list)
    for citation in citations:
        by_start[citation.start].append(citation)
    drafts_at: dict[int, list[EventDraft]] = defaultdict(list)
    for draft in drafts:
        drafts_at[draft.sentence.start].append(draft)
    pairs: dict[int, Citation] = {}
    for start, here in drafts_at.items():
        olds = sorted(
            by_start.get(start, []),
            key=lambda c: (c.quote.find(c.date_text) if c.date_text else -1, c.pk),
        )
        unpaired = []
        for draft in here:
            same = next((c for c in olds if c.date_text == draft.date.text[:200]), None)
            if same is None:
                unpaired.append(draft)
            else:
                pairs[id(draft)] = same
                olds.remove(same)
        for draft, citation in zip(unpaired, olds, strict=False):
            pairs[id(draft)] = citation
    return pairs


def _follow(
    event: Event, draft: EventDraft, contested: bool = False, wording_only: bool = False
) -> int:
    """The event takes the draft's reading, except the fields an editor changed. 1 if it changed.

    Its actors and places are cleared (unless an editor's) for the draft to set them again.
    ``wording_only``: an event other reports share takes the summary and type, nothing else.
    """
    locked = set(event.edited_fields)
    if wording_only:
        locked |= DATE_FIELDS | {"contested", "actors", "places"}
    mention = draft.date
    values = {"summary": draft.summary, "event_type": draft.event_type, "contested": contested}
    if not locked & DATE_FIELDS:
        values.update(
            start=mention.first,
            end=mention.last,
            precision=mention.precision.value,
            date_confidence=max(0.0, min(1.0, mention.confidence)),
        )
    changed = False
    for name, value in values.items():
        if name not in locked and getattr(event, name) != value:
            setattr(event, name, value)
            changed = True
    if changed:
        event.save()
    if "actors" not in locked:
        EventActor.objects.filter(event=event).delete()
    if "places" not in locked:
        event.places.clear()
    return int(changed)


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
    linker = _Linker(article, gazetteer, cleaned.body, found, result)
    for draft in found.drafts:
        event, created = _find_or_create_event(draft)
        linker.link(draft, event, created)
    linker.finish()


class _Linker:
    """Ties drafts to events: citations, actors and places, disputes, the search text."""

    def __init__(self, article, gazetteer, body, found, result, cited=()):
        self.article = article
        self.found = found
        self.result = result
        self.proposals = _proposed_actors(
            gazetteer, body, found.entities, found.sentences, found.drafts
        )
        self.actor_cache: dict[str, Actor] = {}
        self.place_cache: dict[str, Place] = {}
        self.cited: set[int] = set(cited)
        self.event_of: dict[int, Event] = {}
        self.touched: set[int] = set()  # citations made or confirmed by this run

    def link(self, draft, event: Event, fresh: bool, new: bool | None = None) -> None:
        """Cite the draft's sentence for the event; a fresh event takes all the draft's actors.

        ``new`` says whether to count the event as created (default: when it is fresh).
        """
        self.event_of[id(draft)] = event
        if event.pk in self.cited:
            # The article tells the same happening again (a quote, a recap): its first telling,
            # in reading order, is the citation; repeats add no evidence from this source.
            return
        self.cited.add(event.pk)
        if fresh if new is None else new:
            self.result.events_created += 1
        elif not fresh:
            self.result.events_merged += 1
        citation, citation_created = Citation.objects.get_or_create(
            event=event,
            article=self.article,
            start=draft.sentence.start,
            defaults={
                "end": draft.sentence.end,
                "quote": draft.sentence.text,
                "date_text": draft.date.text[:200],
                "date_rule": draft.date.rule[:40],
                "is_caption": draft.sentence.is_caption,
            },
        )
        if (citation.date_text, citation.date_rule) != (
            draft.date.text[:200],
            draft.date.rule[:40],
        ):
            # Re-extraction: the same sentence, dated by another expression or rule now.
            citation.date_text, citation.date_rule = draft.date.text[:200], draft.date.rule[:40]
            citation.save(update_fields=["date_text", "date_rule"])
        self.touched.add(citation.pk)
        self.result.citations += int(citation_created)
        self.add_actors_and_places(draft, event, fresh)

    def add_actors_and_places(
        self, draft, event: Event, fresh: bool, locked: frozenset[str] = frozenset()
    ) -> None:
        # An event another report created keeps the roles it has; new actors join it. An
        # editor's actor list or places (``locked``) take nothing from the draft.
        refs = draft.actors + self.proposals.get(draft.sentence.start, [])
        present = set() if fresh else set(event.event_actors.values_list("actor_id", flat=True))
        for ref in refs if "actors" not in locked else ():
            actor = self.actor_cache.get(ref.name) or _actor_for(ref)
            self.actor_cache[ref.name] = actor
            if actor.pk not in present:
                EventActor.objects.get_or_create(event=event, actor=actor, role=ref.role)
                present.add(actor.pk)
        for name in draft.places if "places" not in locked else ():
            place = self.place_cache.get(name) or Place.objects.filter(name=name).first()
            if place is not None:
                self.place_cache[name] = place
                event.places.add(place)

    def finish(self) -> None:
        self.record_disputes()
        for event in {e.pk: e for e in self.event_of.values()}.values():
            event.refresh_search_document()

    def record_disputes(self) -> None:
        """Mark disputed events contested, citing the denial and naming who denies."""
        for dispute in self.found.disputes:
            event = self.event_of.get(id(dispute.draft))
            if event is None:
                continue
            if not event.contested and "contested" not in event.edited_fields:
                event.contested = True
                event.save(update_fields=["contested", "last_day", "updated_at"])
            citation, created = Citation.objects.get_or_create(
                event=event,
                article=self.article,
                start=dispute.sentence.start,
                defaults={
                    "end": dispute.sentence.end,
                    "quote": dispute.sentence.text,
                    "stance": Citation.Stance.DISPUTES,
                    "is_caption": dispute.sentence.is_caption,
                },
            )
            self.touched.add(citation.pk)
            self.result.citations += int(created)
            if "actors" in event.edited_fields:
                continue
            name = dispute.denier.name
            denier = self.actor_cache.get(name) or _actor_for(dispute.denier)
            self.actor_cache[name] = denier
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
        # get_or_create: another ingest process may create the same new name at the same time.
        actor, _ = Actor.objects.get_or_create(
            name=ref.name[:200],
            defaults={
                "kind": ref.kind if ref.kind in Actor.Kind.values else Actor.Kind.OTHER,
                "country": ref.country or "",
                "reviewed": known and _in_gazetteer(ref.name),
            },
        )
    return actor


def _in_gazetteer(name: str) -> bool:
    return name in _gazetteer_actor_names(gazetteer_path())


@cache
def _gazetteer_actor_names(path: Path) -> frozenset[str]:
    return frozenset(entry["name"] for entry in _file_gazetteer_data(path)["actors"])


def _find_or_create_event(draft: EventDraft, fallback: Event | None = None) -> tuple[Event, bool]:
    """The event this draft reports, if one exists already; ``fallback`` or a new one otherwise.

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
    if fallback is not None:
        return fallback, False
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
