"""Files to results, batch after batch, with extraction in worker processes.

``ingest_files`` is what the ingest command runs: it reads the files in batches, has a pool of
worker processes extract the next batch (pure, CPU-bound) while the current one is planned and
written, and yields each file's result in order. A bug that escapes a batch costs only the files
it breaks: the batch is ingested again file by file.
"""

import contextlib
import multiprocessing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from timeline.extraction.document import load_recognisers
from timeline.extraction.gazetteer import Gazetteer
from timeline.ingest.batches import ingest_batch, stored_texts
from timeline.ingest.extracting import extract_text
from timeline.ingest.files import IngestResult, Prepared, internal_error, read_file

DEFAULT_BATCH = 100
# Fewer new files than this are extracted in this process: starting workers would not pay.
POOL_MIN_FILES = 32


class ExtractionPool:
    """``extract_text`` in worker processes, so that extraction of the next batch runs while the
    current one is planned and written.

    The workers are forked: they share the gazetteer and the code as the parent has them, and
    never touch the database. Each gets a contiguous share of a batch over a pipe and sends the
    extracted items back; no helper thread competes with the parent for the interpreter. Send a
    batch only when the previous one has been collected. Use as a context manager.
    """

    def __init__(self, gazetteer: Gazetteer, workers: int):
        load_recognisers()  # once here, shared with the forked workers
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


@dataclass
class _Batch:
    paths: list[Path]
    items: list[Prepared] = field(default_factory=list)
    extracted: Callable[[], list[Prepared]] | None = None  # the pool's extraction of the items


def ingest_files(
    files: list[Path],
    manifest: dict[str, dict],
    *,
    gazetteer: Gazetteer,
    dry_run: bool = False,
    reextract: bool = False,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH,
) -> Iterator[tuple[Path, IngestResult]]:
    """Each file's result, in order: ingested, re-extracted, skipped or failed with a reason.

    ``manifest``: entries by file name (files.read_manifest). With ``workers`` > 1 and enough
    files, extraction runs in that many processes, a batch ahead of the writing.
    """
    size = max(1, batch_size)
    pool = None
    if workers > 1 and len(files) >= POOL_MIN_FILES:
        pool = ExtractionPool(gazetteer, workers)
    # With workers, a short first batch gets the writing going sooner.
    first = max(1, size // 4) if pool is not None else size
    chunks = [files[:first]] + [files[at : at + size] for at in range(first, len(files), size)]
    options = {"gazetteer": gazetteer, "dry_run": dry_run, "reextract": reextract}
    try:
        upcoming = _read(chunks[0], manifest, pool) if files else None
        for number in range(len(chunks) if files else 0):
            batch = upcoming
            items = batch.extracted() if batch.extracted is not None else batch.items
            if number + 1 < len(chunks):
                # The workers extract the next batch while this one is written.
                upcoming = _read(chunks[number + 1], manifest, pool)
            yield from zip(batch.paths, _ingest(items, options), strict=True)
    finally:
        if pool is not None:
            pool.close()


def _read(paths: list[Path], manifest: dict[str, dict], pool: ExtractionPool | None) -> _Batch:
    batch = _Batch(paths, [read_file(path, manifest.get(path.name)) for path in paths])
    if pool is not None:
        readable = [item for item in batch.items if not item.error]
        stored = stored_texts({item.digest for item in readable})
        new = [item for item in readable if item.digest not in stored]
        if len(new) > 1:
            submitted = pool.submit(new)
            sent = {id(item) for item in new}

            def extracted() -> list[Prepared]:
                done = iter(submitted())
                return [next(done) if id(item) in sent else item for item in batch.items]

            batch.extracted = extracted
    return batch


def _ingest(items: list[Prepared], options: dict) -> list[IngestResult]:
    try:
        return ingest_batch(list(items), **options)
    except Exception:  # a bug must not cost the rest: each file on its own
        done = []
        for item in items:
            try:
                done.extend(ingest_batch([item], **options))
            except Exception as exc:
                done.append(
                    IngestResult(source=item.source, status="failed", message=internal_error(exc))
                )
        return done
