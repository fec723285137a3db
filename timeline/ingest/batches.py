"""One batch of read files: skip what is stored, plan the rest together, write it at once.

A batch is planned in memory (``merging.Plan``) and written in one transaction with a fixed
number of queries (``writing.write``), file after file in order, so the result is the one
ingesting the files one by one gives. A file's outcome is its own: one that cannot be read,
decoded, cleaned or extracted is reported and leaves nothing; when writing the batch fails, its
files are written again one by one, so only the culprit fails. The unique content hash arbitrates
between concurrent ingests of the same text; the planning lock (``writing.wait_for_other_ingests``)
between concurrent ingests of different texts, so that one plans only once the other has
written the events both would join.
"""

from django.db import IntegrityError, OperationalError, transaction

from articles.models import Article
from timeline.extraction.gazetteer import Gazetteer
from timeline.ingest.extracting import extract_text, load_gazetteer
from timeline.ingest.fetching import FetchError, fetch
from timeline.ingest.files import IngestResult, Prepared, internal_error, read
from timeline.ingest.merging import Plan
from timeline.ingest.reextraction import reextract_article
from timeline.ingest.writing import wait_for_other_ingests, write

ARTICLE_KEY = "article_content_hash_unique"
MAX_BATCH_RETRIES = 5


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


def ingest_url(
    url: str,
    *,
    manifest: dict | None = None,
    dry_run: bool = False,
    gazetteer: Gazetteer | None = None,
    reextract: bool = False,
) -> IngestResult:
    """Fetch the page at ``url`` (fetching.fetch: public addresses only, bounded) and ingest its
    article as ``ingest_bytes`` does; a page that cannot be fetched or holds no article is a
    failed result saying why."""
    try:
        data, final = fetch(url)
    except FetchError as exc:
        return IngestResult(source=url, status="failed", message=str(exc))
    item = read(data, source_file=final[:255], manifest=manifest, url=final)
    return ingest_batch([item], gazetteer=gazetteer, dry_run=dry_run, reextract=reextract)[0]


def stored_texts(digests: set[str]) -> dict[str, int]:
    """Article id by content hash, for the texts already stored."""
    if not digests:
        return {}
    return dict(Article.objects.filter(content_hash__in=digests).values_list("content_hash", "id"))


def ingest_batch(
    items: list[Prepared],
    *,
    gazetteer: Gazetteer | None = None,
    dry_run: bool = False,
    reextract: bool = False,
) -> list[IngestResult]:
    """Ingest read files as one batch; one result per item, in order.

    The texts already stored are found with one query and skipped (re-extracted with
    ``reextract``); the others are extracted (here, unless ``extract_text`` already ran on them,
    e.g. in an ExtractionPool), then planned and written together in one transaction. A text a
    concurrent ingest stored first is reported as already ingested.
    """
    results: list[IngestResult | None] = [None] * len(items)
    for index, item in enumerate(items):
        if item.error:
            results[index] = IngestResult(source=item.source, status="failed", message=item.error)
    todo = [index for index, result in enumerate(results) if result is None]
    existing = stored_texts({items[index].digest for index in todo})
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
            existing.update(stored_texts({digest}))
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


def _plan_and_write(items: list[Prepared], gazetteer_once) -> list[IngestResult]:
    plan = Plan(gazetteer_once)
    plan.preload(items)
    articles = []
    for position, item in enumerate(items):
        try:
            articles.append(plan.plan(item))
        except Exception as exc:
            raise _PlanFailure(position, exc) from exc
    write(plan, articles)
    return [article.result for article in articles]


def _is_article_conflict(exc: IntegrityError) -> bool:
    return ARTICLE_KEY in str(exc) or "content_hash" in str(exc)


def _is_deadlock(exc: OperationalError) -> bool:
    return "deadlock" in str(exc).lower()


def _write_batch(items: list[Prepared], gazetteer_once, dry_run: bool) -> list[IngestResult]:
    """Plan and write new texts in one transaction; see ingest_batch for the failure rules."""
    results: list[IngestResult | None] = [None] * len(items)
    live = list(range(len(items)))
    retries = 0
    while live:
        try:
            with transaction.atomic():
                wait_for_other_ingests()
                outcomes = _plan_and_write([items[index] for index in live], gazetteer_once)
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
            taken = stored_texts({items[index].digest for index in live})
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
