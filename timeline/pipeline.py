"""Ingestion pipeline: article files in, Articles with dated, cited events out.

Plain functions that a management command, a test or the admin can call. Steps: decode →
clean → metadata → sentences → dates → actors/places → event drafts → persist, merging each
draft into an event other articles already reported when it is the same happening.

Files go in batches (``ingest_batch``; ``ingest_bytes`` is a batch of one). The pure part of
each file (``read``, ``extract_text``) needs no database, so it can run in other processes. A
batch is then planned in memory and written in one transaction with a fixed number of queries
(``_Batch``), file after file in order, so the result is the one ingesting them one by one
gives: a later file merges into events an earlier one reported, and corpus dating sees them. A
file that cannot be ingested is reported and leaves nothing behind; if writing a batch fails, its
files are written again one by one so that only the culprit fails.

Idempotency: the article's natural key is the SHA-256 of its decoded text; a second ingest of
the same text is a no-op, and of two concurrent ingests of it, one stores it and the other
reports it as already ingested. Editors' work is safe: an existing event only ever gains
citations, actors and places here; its fields are never rewritten (see Event.edited_fields).

Re-extraction (``reextract_article``, ``ingest --reextract``) runs the current extractor over an
article already in the database and reconciles what it made last time with what an editor did
since; its rules are in the docstring of ``reextract_article``.
"""

import bisect
import contextlib
import dataclasses
import datetime
import functools
import hashlib
import itertools
import json
import multiprocessing
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from articles.models import Article, Outlet
from articles.text.cleaning import CleanText, clean
from articles.text.decoding import DecodeError, decode_bytes
from articles.text.metadata import DateSource, Metadata, extract_metadata
from timeline.extraction.corpus_dating import (
    MIN_MATCHES,
    CorpusDate,
    DateProfile,
    KnownEvent,
    infer_publication_date,
    profile_dates,
)
from timeline.extraction.document import Extraction, extract, extraction_sentences
from timeline.extraction.events import (
    ActorRef,
    EventDraft,
    SentenceInput,
    content_words,
    is_same_happening,
    resolve_metonyms,
)
from timeline.extraction.gazetteer import EntityMention, Gazetteer
from timeline.models import (
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    MergedEvent,
    Place,
    PlaceAlias,
    Precision,
    period_last_day,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
# content_words of a sentence, a summary or a quote: the same ones come back draft after draft
# and, for stored events, batch after batch.
_words = functools.lru_cache(maxsize=1 << 16)(content_words)


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
    extractor (see ``reextract_article``). A batch of one: see ``ingest_batch``.
    """
    item = read(data, source_file=source_file, manifest=manifest)
    return ingest_batch([item], gazetteer=gazetteer, dry_run=dry_run, reextract=reextract)[0]


@dataclass
class Undated:
    """What corpus dating needs of an article whose text gives no year (pure, picklable)."""

    sentences: list[SentenceInput]
    entities: list[EntityMention]
    names: frozenset[str]  # the actors it names; no names, no corpus dating
    profile: DateProfile
    # The extraction should the corpus not date it either (most such texts stay undated).
    found: Extraction | None = None
    proposals: dict[int, list[ActorRef]] = field(default_factory=dict)


@dataclass
class Prepared:
    """One file's pure part, computed without the database, so in any process.

    ``read`` fills in the text and its hash; ``extract_text`` the cleaned text, the metadata and,
    when the text says when it was published, the extraction. An article whose text gives no
    year gets what corpus dating needs instead (``undated``): its batch dates it, then extracts.
    ``error`` says why the file cannot be ingested.
    """

    source: str
    manifest: dict | None = None
    error: str = ""
    text: str = ""
    digest: str = ""
    cleaned: CleanText | None = None
    meta: Metadata | None = None
    found: Extraction | None = None
    proposals: dict[int, list[ActorRef]] = field(default_factory=dict)
    undated: Undated | None = None

    @property
    def extracted(self) -> bool:
        return bool(self.error) or self.found is not None or self.undated is not None


def internal_error(exc: BaseException) -> str:
    return f"internal error ({type(exc).__name__}: {exc})"


def read(data: bytes, *, source_file: str, manifest: dict | None = None) -> Prepared:
    """Decode a file's bytes and hash the text (the article's natural key); no database."""
    item = Prepared(source=source_file, manifest=manifest)
    try:
        if len(data) > MAX_FILE_BYTES:
            raise IngestError(
                f"file is {len(data) / 1048576:.1f} MiB; articles over {MAX_FILE_BYTES // 1048576} MiB are refused"
            )
        item.text = decode_bytes(data)
        item.digest = content_hash(item.text)
    except (DecodeError, IngestError) as exc:
        item.error = str(exc)
    return item


def extract_text(item: Prepared, gazetteer: Gazetteer) -> Prepared:
    """Clean, date (from the text) and extract a read file; no database. Returns the item."""
    if item.extracted:
        return item
    try:
        cleaned = clean(item.text)
        if not cleaned.body.strip():
            raise IngestError("no article text left after removing boilerplate")
        try:
            meta = extract_metadata(cleaned, item.manifest)
        except ValueError as exc:
            raise IngestError(f"manifest entry: {exc}") from exc
        if meta.published is None:
            item.undated = undated_probe(cleaned, meta, gazetteer)
        else:
            item.found, item.proposals = _extraction(cleaned, meta, gazetteer)
        item.cleaned, item.meta = cleaned, meta
    except (DecodeError, IngestError) as exc:
        item.error = str(exc)
    except Exception as exc:  # a bug must cost this file only; nothing was written
        item.error = internal_error(exc)
    return item


def undated_probe(cleaned: CleanText, meta: Metadata, gazetteer: Gazetteer) -> Undated:
    """What corpus dating needs of an article with no publication date, and, when the corpus
    cannot date it (no actors, fewer than two relative dates), its extraction as it stands."""
    sentences = extraction_sentences(cleaned, meta)
    profile = profile_dates(cleaned.body, sentences)
    if profile.exhaustive or len(profile.mentions) >= MIN_MATCHES:
        # The same entities as extract() finds with no publication date.
        entities = resolve_metonyms(cleaned.body, gazetteer.find(cleaned.body, on=None))
        names = frozenset(m.name for m in entities if not m.is_place)
        if names:
            if not profile.exhaustive:
                profile = profile.with_drafts(sentences, entities)
            return Undated(sentences, entities, names, profile)
    found, proposals = _extraction(cleaned, meta, gazetteer)
    names = frozenset(m.name for m in found.entities if not m.is_place)
    return Undated(found.sentences, found.entities, names, profile, found, proposals)


def _extraction(cleaned, meta, gazetteer) -> tuple[Extraction, dict[int, list[ActorRef]]]:
    found = extract(cleaned, meta, gazetteer)
    proposals = _proposed_actors(
        gazetteer, cleaned.body, found.entities, found.sentences, found.drafts
    )
    return found, proposals


class ExtractionPool:
    """``extract_text`` in worker processes, so that extraction (pure, CPU-bound) of the next
    batch runs while the current one is planned and written.

    The workers are forked: they share the gazetteer and the code as the parent has them, and
    never touch the database. Each gets a contiguous share of a batch over a pipe and sends the
    extracted items back; no helper thread competes with the parent for the interpreter. Send a
    batch only when the previous one has been collected. Use as a context manager.
    """

    def __init__(self, gazetteer: Gazetteer, workers: int):
        context = multiprocessing.get_context("fork")
        self._gazetteer = gazetteer
        self._workers = []
        for _ in range(workers):
            ours, theirs = context.Pipe()
            process = context.Process(target=_extraction_worker, args=(theirs, gazetteer))
            process.daemon = True
            process.start()
            theirs.close()
            self._workers.append((process, ours))

    def submit(self, items: list[Prepared]) -> Callable[[], list[Prepared]]:
        """Start extracting; the returned function waits for the extracted items, in order.

        Should a worker fail, the items are extracted in this process instead.
        """
        size = -(-len(items) // len(self._workers))
        shares = [items[first : first + size] for first in range(0, len(items), size)]
        try:
            for (_, conn), share in zip(self._workers, shares, strict=False):
                conn.send(share)
        except OSError:
            return lambda: [extract_text(item, self._gazetteer) for item in items]

        def collect() -> list[Prepared]:
            done: list[Prepared] = []
            try:
                for (_, conn), _share in zip(self._workers, shares, strict=False):
                    done.extend(conn.recv())
            except (EOFError, OSError):
                return [extract_text(item, self._gazetteer) for item in items]
            for sent, back in zip(items, done, strict=True):
                back.text = sent.text
            return done

        return collect

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (a worker still busy is terminated after five seconds)."""
        for _, conn in self._workers:
            with contextlib.suppress(OSError):
                conn.send(None)
            conn.close()
        for process, _ in self._workers:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()


def _extraction_worker(conn, gazetteer: Gazetteer) -> None:
    while True:
        try:
            items = conn.recv()
        except EOFError:
            return
        if items is None:
            return
        done = [extract_text(item, gazetteer) for item in items]
        for item in done:
            item.text = ""  # the parent has it: no need to send it back
        conn.send(done)


def stored_texts(digests: set[str]) -> dict[str, int]:
    """Article id by content hash, for the texts already stored."""
    return _stored(digests)


def ingest_batch(
    items: list[Prepared],
    *,
    gazetteer: Gazetteer | None = None,
    dry_run: bool = False,
    reextract: bool = False,
) -> list[IngestResult]:
    """Ingest read files (``read``) as one batch; one result per item, in order.

    The texts already stored are found with one query and skipped (re-extracted with
    ``reextract``); the others are extracted (here, unless ``extract_text`` already ran on them,
    e.g. in an ExtractionPool), then planned and written together in one transaction with a fixed number of queries
    (``_Batch``). A file's outcome is its own: one that cannot be read, decoded, cleaned or
    extracted is reported and leaves nothing; when writing the batch fails, its files are written
    again one by one, so only the culprit fails. Files are taken in order, so a later one merges
    into the events an earlier one reported and corpus dating sees them, as if ingested one by
    one. A text a concurrent ingest stored first is reported as already ingested.
    """
    results: list[IngestResult | None] = [None] * len(items)
    for index, item in enumerate(items):
        if item.error:
            results[index] = IngestResult(source=item.source, status="failed", message=item.error)
    todo = [index for index, result in enumerate(results) if result is None]
    existing = _stored({items[index].digest for index in todo})
    state = {"gazetteer": gazetteer}

    def gazetteer_once() -> Gazetteer:
        if state["gazetteer"] is None:
            state["gazetteer"] = load_gazetteer()
        return state["gazetteer"]

    run: list[int] = []

    def flush() -> None:
        if not run:
            return
        _ingest_new(items, run, results, gazetteer_once, dry_run)
        run.clear()

    for index in todo:
        digest = items[index].digest
        if any(items[other].digest == digest for other in run):
            # The same text twice in one batch: the first copy is stored before the second looks.
            flush()
            existing.update(_stored({digest}))
        if digest not in existing:
            run.append(index)
            continue
        if reextract:
            flush()  # earlier files first, as one by one
            results[index] = reextract_article(
                Article.objects.get(pk=existing[digest]),
                manifest=items[index].manifest,
                gazetteer=gazetteer_once(),
                dry_run=dry_run,
            )
        else:
            results[index] = IngestResult(
                source=items[index].source,
                status="skipped",
                article_id=existing[digest],
                message=f"already ingested as article {existing[digest]}",
            )
    flush()
    return results


def _stored(digests: set[str]) -> dict[str, int]:
    if not digests:
        return {}
    return dict(Article.objects.filter(content_hash__in=digests).values_list("content_hash", "id"))


def _ingest_new(items, indexes, results, gazetteer_once, dry_run) -> None:
    for index in indexes:
        if not items[index].extracted:
            items[index] = extract_text(items[index], gazetteer_once())
    live = []
    for index in indexes:
        item = items[index]
        if item.error:
            results[index] = IngestResult(source=item.source, status="failed", message=item.error)
        else:
            live.append(index)
    if live:
        outcomes = _write_batch([items[index] for index in live], gazetteer_once, dry_run)
        for index, outcome in zip(live, outcomes, strict=True):
            results[index] = outcome


class _PlanFailure(Exception):
    def __init__(self, position: int, error: BaseException):
        super().__init__(str(error))
        self.position = position
        self.error = error


def _is_article_conflict(exc: IntegrityError) -> bool:
    return ARTICLE_KEY in str(exc) or "content_hash" in str(exc)


def _is_deadlock(exc: OperationalError) -> bool:
    return "deadlock" in str(exc).lower()


MAX_BATCH_RETRIES = 5


def _write_batch(items: list[Prepared], gazetteer_once, dry_run: bool) -> list[IngestResult]:
    """Plan and write new texts in one transaction; see ingest_batch for the failure rules."""
    results: list[IngestResult | None] = [None] * len(items)
    live = list(range(len(items)))
    retries = 0
    while live:
        try:
            with transaction.atomic():
                batch = _Batch(gazetteer_once)
                outcomes = batch.run([items[index] for index in live])
                if dry_run:
                    transaction.set_rollback(True)
                    for outcome in outcomes:
                        outcome.article_id = None
        except _PlanFailure as failure:
            index = live.pop(failure.position)
            results[index] = IngestResult(
                source=items[index].source, status="failed", message=internal_error(failure.error)
            )
            continue
        except IntegrityError as exc:
            # The unique content hash is the arbiter between concurrent ingests of the same text:
            # the loser's insert waits for the winner's commit, fails, and its batch rolls back;
            # it then leaves out what the winner stored and writes the rest again.
            if not _is_article_conflict(exc):
                return _one_by_one(items, live, results, gazetteer_once, dry_run, exc)
            taken = _stored({items[index].digest for index in live})
            if not taken:
                # The winner's transaction was still undecided; ask again.
                retries += 1
                if retries <= MAX_BATCH_RETRIES:
                    continue
                if len(live) > 1:
                    return _one_by_one(items, live, results, gazetteer_once, dry_run, exc)
                taken = {items[live[0]].digest: None}
            for index in [index for index in live if items[index].digest in taken]:
                results[index] = IngestResult(
                    source=items[index].source,
                    status="skipped",
                    message="already ingested (by a concurrent run)",
                )
                live.remove(index)
            continue
        except OperationalError as exc:
            retries += 1
            if _is_deadlock(exc) and retries <= MAX_BATCH_RETRIES:
                continue  # a concurrent ingest updated the same events in another order
            return _one_by_one(items, live, results, gazetteer_once, dry_run, exc)
        except Exception as exc:
            return _one_by_one(items, live, results, gazetteer_once, dry_run, exc)
        for index, outcome in zip(live, outcomes, strict=True):
            results[index] = outcome
        break
    return results


def _one_by_one(items, live, results, gazetteer_once, dry_run, exc) -> list[IngestResult]:
    """Writing the batch failed: each file alone, so that the failure is the culprit's only."""
    if len(live) == 1:
        index = live[0]
        results[index] = IngestResult(
            source=items[index].source, status="failed", message=internal_error(exc)
        )
        return results
    for index in live:
        results[index] = _write_batch([items[index]], gazetteer_once, dry_run)[0]
    return results


CORPUS_DATE_CONFIDENCE = 0.5
# is_same_happening never holds for two wordings sharing less than this share of content words
# (its loosest test); corpus dating uses it to skip events no sentence can match.
SAME_HAPPENING_MIN_OVERLAP = 0.2
KNOWN_EVENTS_LIMIT = 2000


def _same_for_dating(draft: EventDraft, event: KnownEvent) -> bool:
    return is_same_happening(
        draft.event_type,
        {a.name for a in draft.actors},
        _words(draft.sentence.text),
        event.event_type,
        event.actors,
        event.words,
        {a.name for a in draft.actors if a.role == "source"},
        event.sources,
    )


def may_be_same(words: frozenset[str], event: KnownEvent) -> bool:
    """False when no draft with these sentence words can be the same happening as the event."""
    shared = len(words & event.words)
    return shared >= SAME_HAPPENING_MIN_OVERLAP * max(1, min(len(words), len(event.words)))


def date_from_corpus(cleaned: CleanText, meta: Metadata, gazetteer: Gazetteer) -> Metadata:
    """Metadata with an inferred publication date when known events pin one down; unchanged otherwise."""
    undated = undated_probe(cleaned, meta, gazetteer)
    if not undated.names:
        return meta
    batch = _Batch(lambda: gazetteer)
    batch.load_known(undated.names)
    return batch.date_from_corpus(cleaned, meta, undated)


def _corpus_dated(meta: Metadata, found: CorpusDate | None) -> Metadata:
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
    batch = None  # the known events, loaded once until an article gets dated and adds some
    for article in undated:
        gazetteer = gazetteer or load_gazetteer()
        cleaned = clean(article.raw_text)
        meta = extract_metadata(cleaned, None)
        if meta.published is not None:
            continue
        probe = undated_probe(cleaned, meta, gazetteer)
        if not probe.names:
            continue
        if batch is None:
            batch = _Batch(lambda known=gazetteer: known)
        batch.load_known(probe.names)
        meta = batch.date_from_corpus(cleaned, meta, probe)
        if meta.published is None:
            continue
        batch = None
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


# --------------------------------------------------------------------------- one batch of new texts
#
# A batch is planned in memory, file after file, exactly as the per-file code above would have
# done it row by row (merging into an event, citing, adding actors and places, disputes), then
# written with one bulk query per table. What it reads it reads once: the events on the dates
# its drafts state (merge candidates, with their actors and quoted words), the merge tombstones,
# the actors, aliases and places its drafts name, and for corpus dating the latest events of the
# actors its undated articles name. Events created or grown by earlier files of the batch are
# candidates for the later ones.

NEW_EVENT_ORDER = 1 << 62  # new events are tried after every stored one, in creation order
_EVENT_COLUMNS = (
    "id",
    "start",
    "end",
    "precision",
    "event_type",
    "status",
    "summary",
    "date_confidence",
    "contested",
    "edited_fields",
)


@dataclass(eq=False)
class _EventState:
    pk: int | None
    order: int
    start: datetime.date
    end: datetime.date | None
    precision: str
    event_type: str
    status: str
    summary: str
    date_confidence: float
    contested: bool
    edited_fields: list
    roles: set[tuple[str, str]] = field(default_factory=set)  # (actor name, role)
    names: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    quotes: list[tuple[object, int, str]] = field(default_factory=list)  # (article, start, quote)
    cited_here: bool = False  # gained a citation in this batch
    _known: KnownEvent | None = None

    def add_role(self, name: str, role: str) -> None:
        self.roles.add((name, role))
        self.names.add(name)
        if role == EventActor.Role.SOURCE:
            self.sources.add(name)
        self._known = None

    def add_quote(self, article, start: int, quote: str) -> None:
        self.quotes.append((article, start, quote))
        self.words |= _words(quote)
        self.cited_here = True
        self._known = None

    @property
    def datable(self) -> bool:
        """Whether corpus dating counts it: a visible event on a single day."""
        return (
            self.status != Event.Status.REJECTED
            and self.precision == Precision.DAY
            and self.end is None
        )

    def known(self) -> KnownEvent:
        if self._known is None:
            self._known = KnownEvent(
                self.start,
                self.event_type,
                frozenset(self.names),
                frozenset(self.words),
                self.summary,
            )
        return self._known

    def search_document(self) -> str:
        """What Event.refresh_search_document stores: the summary, then the quotes."""
        quotes = sorted(
            self.quotes,
            key=lambda q: (q[0] if isinstance(q[0], int) else q[0].article.pk, q[1]),
        )
        return "\n".join([self.summary, *(quote for _, _, quote in quotes)])


@dataclass(eq=False)
class _ActorRow:
    name: str
    pk: int | None
    kind: str = Actor.Kind.OTHER
    country: str = ""
    reviewed: bool = True


@dataclass(eq=False)
class _ArticlePlan:
    item: Prepared
    meta: Metadata
    result: IngestResult
    cited: set[tuple[int, int]] = field(default_factory=set)  # (id of event state, start)
    article: Article | None = None


@dataclass(eq=False)
class _CitationPlan:
    state: _EventState
    article: _ArticlePlan
    sentence: SentenceInput
    date_text: str
    date_rule: str
    stance: str


def _dating_order(state: _EventState) -> tuple[int, int]:
    return (-state.start.toordinal(), state.order)


def _ref_names(found: Extraction, proposals: dict[int, list[ActorRef]]) -> set[str]:
    names = {ref.name for draft in found.drafts for ref in draft.actors}
    names.update(ref.name for refs in proposals.values() for ref in refs)
    names.update(dispute.denier.name for dispute in found.disputes)
    return names


class _Batch:
    def __init__(self, gazetteer_once: Callable[[], Gazetteer]):
        self._gazetteer_once = gazetteer_once
        self.events: dict[int, _EventState] = {}  # stored events by id
        self.by_key: dict[tuple, list[_EventState]] = defaultdict(list)  # (start, end, precision)
        self.loaded_starts: set[datetime.date] = set()
        self.tombstones: dict[tuple, list[tuple]] = defaultdict(list)
        self.new_events: list[_EventState] = []
        self.known_by_name: dict[str, list[int]] = {}  # corpus dating: latest events per actor
        # Corpus dating's candidates, latest first: every loaded datable event naming an actor
        # of an undated article, and those this batch made or grew.
        self.dating: list[_EventState] = []
        self.in_dating: set[int] = set()
        self.actors: dict[str, _ActorRow] = {}  # by Actor.name, stored or new
        self.aliases: dict[str, _ActorRow] = {}
        self.looked_up: set[str] = set()
        self.resolved: dict[str, _ActorRow] = {}
        self.new_actors: list[_ActorRow] = []
        self.places: dict[str, int | None] = {}
        self.citations: list[_CitationPlan] = []
        self.event_actors: list[tuple[_EventState, _ActorRow, str]] = []
        self.event_places: list[tuple[_EventState, int]] = []
        self.place_links: set[tuple[int, int]] = set()
        self.contested: list[_EventState] = []  # stored events this batch marks contested
        self._new_order = itertools.count(NEW_EVENT_ORDER)

    @property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer_once()

    def run(self, items: list[Prepared]) -> list[IngestResult]:
        self.preload(items)
        plans = []
        for position, item in enumerate(items):
            try:
                plans.append(self.plan(item))
            except Exception as exc:
                raise _PlanFailure(position, exc) from exc
        self.write(plans)
        return [plan.result for plan in plans]

    # -- reading, once per batch

    def preload(self, items: list[Prepared]) -> None:
        starts: set[datetime.date] = set()
        names: set[str] = set()
        places: set[str] = set()
        undated: set[str] = set()
        for item in items:
            found, proposals = item.found, item.proposals
            if found is None:
                undated |= item.undated.names
                names |= item.undated.names
                found, proposals = item.undated.found, item.undated.proposals
            if found is not None:
                starts.update(draft.date.first for draft in found.drafts)
                names |= _ref_names(found, proposals)
                places.update(name for draft in found.drafts for name in draft.places)
        self.load_starts(starts)
        self.load_actors(names)
        self.load_places(places)
        self.load_known(undated)

    def load_starts(self, starts: set[datetime.date]) -> None:
        """Every event and tombstone on these dates: the merge candidates of drafts dated so."""
        missing = starts - self.loaded_starts
        if not missing:
            return
        self.loaded_starts |= missing
        rows = Event.objects.filter(start__in=missing).order_by("id").values_list(*_EVENT_COLUMNS)
        for state in self._states(rows):
            self.by_key[(state.start, state.end, state.precision)].append(state)
        tombstones = list(
            MergedEvent.objects.filter(start__in=missing)
            .order_by("id")
            .values_list(
                "start",
                "end",
                "precision",
                "event_type",
                "actor_names",
                "source_names",
                "words",
                "into_id",
            )
        )
        self._load_ids({row[-1] for row in tombstones})
        for start, end, precision, *rest in tombstones:
            self.tombstones[(start, end, precision)].append(tuple(rest))

    def _load_ids(self, ids: set[int]) -> None:
        missing = ids - self.events.keys()
        if missing:
            self._states(Event.objects.filter(pk__in=missing).values_list(*_EVENT_COLUMNS))

    def _states(self, rows) -> list[_EventState]:
        states, fresh = [], []
        for row in rows:
            state = self.events.get(row[0])
            if state is None:
                state = _EventState(row[0], row[0], *row[1:])
                state.words = set(_words(state.summary))
                self.events[state.pk] = state
                fresh.append(state)
            states.append(state)
        if fresh:
            ids = [state.pk for state in fresh]
            for event_id, name, role in EventActor.objects.filter(event_id__in=ids).values_list(
                "event_id", "actor__name", "role"
            ):
                self.events[event_id].add_role(name, role)
            for event_id, article_id, start, quote in Citation.objects.filter(
                event_id__in=ids
            ).values_list("event_id", "article_id", "start", "quote"):
                state = self.events[event_id]
                state.quotes.append((article_id, start, quote))
                state.words |= _words(quote)
        return states

    def load_actors(self, names: set[str]) -> None:
        missing = names - self.looked_up
        if not missing:
            return
        self.looked_up |= missing
        wanted = missing | {name[:200] for name in missing}
        for pk, name, kind, country, reviewed in Actor.objects.filter(name__in=wanted).values_list(
            "id", "name", "kind", "country", "reviewed"
        ):
            self.actors.setdefault(name, _ActorRow(name, pk, kind, country, reviewed))
        for alias, actor_id, actor_name in (
            ActorAlias.objects.filter(name__in=missing)
            .order_by("id")
            .values_list("name", "actor_id", "actor__name")
        ):
            if alias not in self.aliases:
                row = self.actors.setdefault(actor_name, _ActorRow(actor_name, actor_id))
                self.aliases[alias] = row

    def load_places(self, names: set[str]) -> None:
        missing = names - self.places.keys()
        if not missing:
            return
        self.places.update(dict.fromkeys(missing))
        self.places.update(Place.objects.filter(name__in=missing).values_list("name", "id"))

    def load_known(self, names: set[str]) -> None:
        """For corpus dating: per actor, the latest KNOWN_EVENTS_LIMIT datable events naming it.

        An article's known events are the latest KNOWN_EVENTS_LIMIT of those naming any of its
        actors, so they are all among these lists, whichever article of the batch asks.
        """
        missing = sorted(names - self.known_by_name.keys())
        if not missing:
            return
        for name in missing:
            self.known_by_name[name] = []
        q = connection.ops.quote_name
        placeholders = ", ".join(["%s"] * len(missing))
        sql = (
            f"SELECT event_id, name FROM ("
            f" SELECT event_id, name, ROW_NUMBER() OVER"
            f" (PARTITION BY name ORDER BY start DESC, event_id) AS row_rank FROM ("
            f"  SELECT DISTINCT ea.{q('event_id')} AS event_id, a.{q('name')} AS name,"
            f"  e.{q('start')} AS start"
            f"  FROM {q(EventActor._meta.db_table)} ea"
            f"  JOIN {q(Actor._meta.db_table)} a ON a.{q('id')} = ea.{q('actor_id')}"
            f"  JOIN {q(Event._meta.db_table)} e ON e.{q('id')} = ea.{q('event_id')}"
            f"  WHERE a.{q('name')} IN ({placeholders}) AND e.{q('status')} <> %s"
            f"  AND e.{q('precision')} = %s AND e.{q('end')} IS NULL"
            f" ) AS pairs"
            f") AS ranked WHERE row_rank <= %s ORDER BY name, row_rank"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [*missing, Event.Status.REJECTED, Precision.DAY, KNOWN_EVENTS_LIMIT]
            )
            pairs = cursor.fetchall()
        for event_id, name in pairs:
            self.known_by_name[name].append(event_id)
        self._load_ids({event_id for event_id, _ in pairs})
        for event_id, _ in pairs:
            self._datable(self.events[event_id])

    def _datable(self, state: _EventState) -> None:
        """Keep the state among corpus dating's candidates, in order (latest, then by id)."""
        if id(state) not in self.in_dating and state.datable:
            self.in_dating.add(id(state))
            bisect.insort(self.dating, state, key=_dating_order)

    # -- planning, file after file

    def known_events(self, names: frozenset[str]) -> list[KnownEvent]:
        """What date_from_corpus loaded per article: the latest datable events naming its actors.

        Exact: the latest KNOWN_EVENTS_LIMIT stored ones naming any of these actors are all
        among the lists load_known fetched for them, and every event of ``dating`` naming one
        is a candidate, so the first ones in its order are the latest.
        """
        known: list[KnownEvent] = []
        for state in self.dating:
            if not state.names.isdisjoint(names):
                known.append(state.known())
                if len(known) == KNOWN_EVENTS_LIMIT:
                    break
        return known

    def date_from_corpus(self, cleaned: CleanText, meta: Metadata, undated: Undated) -> Metadata:
        profile = undated.profile
        if not profile.exhaustive and len(profile.mentions) < MIN_MATCHES:
            return meta  # too few relative dates to line up with anything
        found = infer_publication_date(
            cleaned.body,
            undated.sentences,
            undated.entities,
            self.known_events(undated.names),
            _same_for_dating,
            profile=undated.profile,
            may_match=may_be_same,
        )
        return _corpus_dated(meta, found)

    def plan(self, item: Prepared) -> _ArticlePlan:
        meta, found, proposals = item.meta, item.found, item.proposals
        if found is None:
            if item.undated.names:
                meta = self.date_from_corpus(item.cleaned, meta, item.undated)
            if meta.published is None and item.undated.found is not None:
                found, proposals = item.undated.found, item.undated.proposals
            else:
                found, proposals = _extraction(item.cleaned, meta, self.gazetteer)
            self.load_starts({draft.date.first for draft in found.drafts})
            self.load_actors(_ref_names(found, proposals))
            self.load_places({name for draft in found.drafts for name in draft.places})
        result = IngestResult(source=item.source, status="created")
        article = _ArticlePlan(item, meta, result)
        event_of: dict[int, _EventState] = {}
        linked: set[int] = set()
        for draft in found.drafts:
            state, created = self.find_or_create(draft)
            event_of[id(draft)] = state
            if id(state) in linked:
                # The article tells the same happening again (a quote, a recap): its first
                # telling, in reading order, is the citation.
                continue
            linked.add(id(state))
            if created:
                result.events_created += 1
            else:
                result.events_merged += 1
            self.cite(
                state,
                article,
                draft.sentence,
                draft.date.text[:200],
                draft.date.rule[:40],
                Citation.Stance.SUPPORTS,
            )
            for ref in draft.actors + proposals.get(draft.sentence.start, []):
                actor = self.resolve(ref)
                if actor.name not in state.names:
                    self.add_role(state, actor, ref.role)
            for name in draft.places:
                place = self.places.get(name)
                if place is not None and (id(state), place) not in self.place_links:
                    self.place_links.add((id(state), place))
                    self.event_places.append((state, place))
        for dispute in found.disputes:
            state = event_of.get(id(dispute.draft))
            if state is None:
                continue
            if not state.contested and "contested" not in state.edited_fields:
                state.contested = True
                if state.pk is not None:
                    self.contested.append(state)
            if (id(state), dispute.sentence.start) not in article.cited:
                self.cite(state, article, dispute.sentence, "", "", Citation.Stance.DISPUTES)
            if "actors" in state.edited_fields:
                continue
            denier = self.resolve(dispute.denier)
            if (denier.name, EventActor.Role.DENIES) not in state.roles:
                self.add_role(state, denier, EventActor.Role.DENIES)
        if meta.published is None:
            result.warnings.append(
                "publication date unknown: relative dates were not resolved; flagged for an editor"
            )
        return article

    def find_or_create(self, draft: EventDraft) -> tuple[_EventState, bool]:
        """_find_or_create_event, on the batch's candidates (stored, then new, in id order)."""
        mention = draft.date
        self.load_starts({mention.first})
        key = (mention.first, mention.last, mention.precision.value)
        names = {ref.name for ref in draft.actors}
        sources = {ref.name for ref in draft.actors if ref.role == "source"}
        words = _words(draft.sentence.text)
        for state in self.by_key.get(key, ()):
            if is_same_happening(
                draft.event_type,
                names,
                words,
                state.event_type,
                state.names,
                state.words,
                sources,
                state.sources,
            ):
                return state, False
        for event_type, actor_names, source_names, tomb_words, into_id in self.tombstones.get(
            key, ()
        ):
            if is_same_happening(
                draft.event_type,
                names,
                words,
                event_type,
                set(actor_names),
                tomb_words,
                sources,
                set(source_names),
            ):
                return self.events[into_id], False
        state = _EventState(
            pk=None,
            order=next(self._new_order),
            start=mention.first,
            end=mention.last,
            precision=mention.precision.value,
            event_type=draft.event_type,
            status=Event.Status.EXTRACTED,
            summary=draft.summary,
            date_confidence=max(0.0, min(1.0, mention.confidence)),
            contested=False,
            edited_fields=[],
        )
        state.words = set(_words(draft.summary))
        self.by_key[key].append(state)
        self.new_events.append(state)
        if self.known_by_name:
            self._datable(state)
        return state, True

    def cite(self, state, article: _ArticlePlan, sentence, date_text, date_rule, stance) -> None:
        article.cited.add((id(state), sentence.start))
        article.result.citations += 1
        state.add_quote(article, sentence.start, sentence.text)
        self.citations.append(_CitationPlan(state, article, sentence, date_text, date_rule, stance))

    def add_role(self, state: _EventState, actor: _ActorRow, role: str) -> None:
        state.add_role(actor.name, role)
        if self.known_by_name:
            self._datable(state)
        self.event_actors.append((state, actor, role))

    def resolve(self, ref: ActorRef) -> _ActorRow:
        """_actor_for: the actor of that name, else of that alias, else a new one."""
        row = self.resolved.get(ref.name)
        if row is not None:
            return row
        self.load_actors({ref.name})
        row = self.actors.get(ref.name) or self.aliases.get(ref.name)
        if row is None:
            name = ref.name[:200]
            row = self.actors.get(name)
            if row is None:
                known = ref.role != "participant" or ref.kind != "person" or ref.country is not None
                row = _ActorRow(
                    name,
                    None,
                    ref.kind if ref.kind in Actor.Kind.values else Actor.Kind.OTHER,
                    ref.country or "",
                    known and _in_gazetteer(ref.name),
                )
                self.actors[name] = row
                self.new_actors.append(row)
        self.resolved[ref.name] = row
        return row

    # -- writing: a fixed number of queries

    def write(self, plans: list[_ArticlePlan]) -> None:
        if not plans:
            return
        outlets = self._outlets({plan.meta.outlet for plan in plans if plan.meta.outlet})
        for plan in plans:
            meta, item = plan.meta, plan.item
            plan.article = Article(
                outlet_id=outlets[meta.outlet] if meta.outlet else None,
                title=(meta.title or "")[:500],
                dateline_place=meta.dateline_place or "",
                published=meta.published,
                published_source=meta.published_source.value,
                published_confidence=meta.published_confidence,
                published_reasoning=meta.published_reasoning,
                url=(item.manifest or {}).get("url") or "",
                language=meta.language or "en",
                raw_text=item.text,
                body=item.cleaned.body,
                content_hash=item.digest,
                source_file=item.source,
            )
        articles = _insert(Article, [plan.article for plan in plans])
        _history(Article, [article.pk for article in articles])
        for plan in plans:
            plan.result.article_id = plan.article.pk
        self._write_actors()
        self._write_events()
        citations = _insert_rows(
            Citation,
            CITATION_COLUMNS,
            [
                (
                    c.state.pk,
                    c.article.article.pk,
                    c.sentence.text,
                    c.sentence.start,
                    c.sentence.end,
                    c.date_text,
                    c.date_rule,
                    c.sentence.is_caption,
                    c.stance,
                )
                for c in self.citations
            ],
        )
        _history(Citation, citations)
        # A new event's links are new; a stored event's may have been made meanwhile by a
        # concurrent ingest.
        roles = [(s.order >= NEW_EVENT_ORDER, (s.pk, a.pk, r)) for s, a, r in self.event_actors]
        places = [(s.order >= NEW_EVENT_ORDER, (s.pk, p)) for s, p in self.event_places]
        for model, columns, links in (
            (EventActor, ("event_id", "actor_id", "role"), roles),
            (Event.places.through, ("event_id", "place_id"), places),
        ):
            _insert_rows(model, columns, [row for new, row in links if new])
            model.objects.bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for new, row in links if not new],
                ignore_conflicts=True,
            )
        _drop_aggregates_on_commit()

    def _outlets(self, names: set[str]) -> dict[str, int]:
        found = dict(Outlet.objects.filter(name__in=names).values_list("name", "id"))
        for name in sorted(names - found.keys()):
            found[name] = Outlet.objects.get_or_create(name=name)[0].pk
        return found

    def _write_actors(self) -> None:
        if not self.new_actors:
            return
        objs = [
            Actor(name=row.name, kind=row.kind, country=row.country, reviewed=row.reviewed)
            for row in self.new_actors
        ]
        try:
            with transaction.atomic():
                Actor.objects.bulk_create(objs)
        except IntegrityError:
            # Another ingest created some of these names meanwhile: take its rows.
            for row in self.new_actors:
                actor, _ = Actor.objects.get_or_create(
                    name=row.name,
                    defaults={"kind": row.kind, "country": row.country, "reviewed": row.reviewed},
                )
                row.pk = actor.pk
            return
        for row, actor in zip(self.new_actors, objs, strict=True):
            row.pk = actor.pk
        _history(Actor, [row.pk for row in self.new_actors])

    def _write_events(self) -> None:
        objs = []
        for state in self.new_events:
            event = Event(
                start=state.start,
                end=state.end,
                precision=state.precision,
                date_confidence=state.date_confidence,
                summary=state.summary,
                event_type=state.event_type,
                search_document=state.search_document(),
            )
            event.last_day = period_last_day(state.end or state.start, state.precision)
            objs.append(event)
        _insert(Event, objs)
        for state, event in zip(self.new_events, objs, strict=True):
            state.pk = event.pk
        _history(Event, [state.pk for state in self.new_events])
        # Then marked contested, as saving them one by one records it.
        contested = [state.pk for state in self.new_events if state.contested]
        if contested:
            Event.objects.filter(pk__in=contested).update(contested=True, updated_at=timezone.now())
            _history(Event, contested, update=True)
        for state in self.contested:
            event = Event.objects.get(pk=state.pk)
            event.contested = True
            event.save(update_fields=["contested", "last_day", "updated_at"])
        grown = [state for state in self.events.values() if state.cited_here]
        if grown:
            _update_search_documents({state.pk: state.search_document() for state in grown})


def _insert(model, objs: list) -> list:
    """bulk_create; on PostgreSQL by COPY, with the ids drawn from the table's sequence first.

    COPY costs a fraction of the client time an INSERT of the same rows does. Values go through
    each field's pre_save and get_db_prep_save, as in bulk_create, so defaults and auto_now
    fields are what saving would store. No signals, as with bulk_create.
    """
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objs)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ids = _reserve_ids(model, len(objs))
    for pk, obj in zip(ids, objs, strict=True):
        obj.pk = pk
    _copy(
        model,
        tuple(f.column for f in fields),
        (
            (obj.pk, *(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields))
            for obj in objs
        ),
    )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


CITATION_COLUMNS = (
    "event_id",
    "article_id",
    "quote",
    "start",
    "end",
    "date_text",
    "date_rule",
    "is_caption",
    "stance",
)


def _insert_rows(model, columns: tuple[str, ...], rows: list[tuple]) -> list[int]:
    """Rows of ready values for these columns, inserted; their ids, in order.

    By COPY on PostgreSQL with no model instance per row, when these are all the model's
    columns; otherwise (another database, or a column added since) as model instances through
    _insert, so that defaults apply.
    """
    if not rows:
        return []
    fields = {f.column: f for f in model._meta.concrete_fields if not f.primary_key}
    if connection.vendor != "postgresql" or set(fields) != set(columns):
        names = [fields[column].attname for column in columns]
        objs = _insert(model, [model(**dict(zip(names, row, strict=True))) for row in rows])
        return [obj.pk for obj in objs]
    ids = _reserve_ids(model, len(rows))
    _copy(model, columns, ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
    return ids


def _reserve_ids(model, count: int) -> list[int]:
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, columns: tuple[str, ...], rows) -> None:
    """COPY rows (the id first, then these columns) into the model's table (PostgreSQL)."""
    meta = model._meta
    q = connection.ops.quote_name
    names = ", ".join(q(column) for column in [meta.pk.column, *columns])
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {q(meta.db_table)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _update_search_documents(documents: dict[int, str]) -> None:
    """Event.search_document of these events, in one statement."""
    if connection.vendor == "postgresql":
        # bulk_update's CASE WHEN grows with the square of the rows on PostgreSQL.
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {q(Event._meta.db_table)} AS e SET {q('search_document')} = v.document "
                f"FROM unnest(%s::bigint[], %s::text[]) AS v(id, document) "
                f"WHERE e.{q('id')} = v.id",
                [list(documents), list(documents.values())],
            )
        return
    Event.objects.bulk_update(
        [Event(pk=pk, search_document=document) for pk, document in documents.items()],
        ["search_document"],
    )


def _history(model, pks: list[int], update: bool = False) -> None:
    """The change history rows saving these rows one by one writes (a machine write: no user).

    Copied from the stored rows with INSERT … SELECT, so no Python object per row.
    """
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical = model.history.model
    q = connection.ops.quote_name
    columns = [f.column for f in historical.tracked_fields]
    extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    target = ", ".join(q(column) for column in [*columns, *extra])
    source = ", ".join(q(column) for column in columns)
    when = connection.ops.adapt_datetimefield_value(timezone.now())
    size = min(10000, (connection.features.max_query_params or 10000) - 2)
    with connection.cursor() as cursor:
        for first in range(0, len(pks), size):
            chunk = pks[first : first + size]
            cursor.execute(
                f"INSERT INTO {q(historical._meta.db_table)} ({target}) "
                f"SELECT {source}, %s, NULL, %s, NULL FROM {q(model._meta.db_table)} "
                f"WHERE {q(model._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                [when, "~" if update else "+", *chunk],
            )


def _drop_aggregates_on_commit() -> None:
    """What timeline.signals does for every ORM write, which bulk writes bypass."""
    from timeline.signals import invalidate_aggregates

    if not any(func is invalidate_aggregates for _, func, _ in connection.run_on_commit):
        transaction.on_commit(invalidate_aggregates)
