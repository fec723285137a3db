"""Ingest article files (or folders of them) into the chronology."""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.pipeline import (
    ExtractionPool,
    IngestResult,
    Prepared,
    ingest_batch,
    internal_error,
    load_gazetteer,
    read,
    redate_undated_articles,
    stored_texts,
)

ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}
DEFAULT_BATCH = 100
# Fewer new files than this are extracted in this process: starting workers would not pay.
POOL_MIN_FILES = 32


@dataclass
class _Chunk:
    paths: list[Path]
    results: list[IngestResult | None]
    items: list[Prepared] = field(default_factory=list)
    where: list[int] = field(default_factory=list)  # index in paths of each item
    extracted: object = None  # waits for the pool's extraction of the new items


class Command(BaseCommand):
    help = (
        "Read article files or folders, extract dated events with citations, and store them. "
        "Idempotent: a text already ingested is skipped (with --reextract, extracted again with "
        "the current extractor, keeping every editor's correction). Files are written in "
        "batches, in order, with the outcome of ingesting them one by one; a bad file is "
        "reported, leaves nothing behind and the batch goes on; the exit status is 1 if any "
        "file failed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="Article files or folders of them.")
        parser.add_argument(
            "--manifest",
            type=Path,
            help='JSON list of {"file", "url", "outlet", "published", "title", "language"}; every field optional.',
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and report, store nothing."
        )
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="Extract texts already ingested again with the current extractor and reconcile "
            "with editors' corrections (timeline.pipeline.reextract_article).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes extracting the next batch while one is written (default: one per "
            "CPU; 0 or 1: extract in this process).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH,
            help=f"Files per batch: one transaction and a fixed number of queries each "
            f"(default {DEFAULT_BATCH}).",
        )

    def handle(
        self,
        *args,
        paths: list[Path],
        manifest: Path | None,
        dry_run: bool,
        reextract: bool = False,
        batch_size: int = DEFAULT_BATCH,
        workers: int = 1,
        **options,
    ) -> None:
        verbosity = options["verbosity"]
        entries = self._read_manifest(manifest) if manifest else {}
        files, missing = self._collect(paths)
        for path in missing:
            self.stderr.write(self.style.ERROR(f"{path}: no such file or folder"))
        listed = {p.name for p in files}
        for name in sorted(set(entries) - listed):
            self.stderr.write(
                self.style.WARNING(f"{manifest}: entry for {name!r} names no file given")
            )

        gazetteer = load_gazetteer()
        totals = {"created": 0, "reextracted": 0, "skipped": 0, "failed": len(missing)}
        events = citations = updated = removed = 0
        size = max(1, batch_size)
        pool = None
        if workers > 1 and len(files) >= POOL_MIN_FILES:
            pool = ExtractionPool(gazetteer, workers)
        # With workers, a short first batch gets the writing going sooner.
        first = max(1, size // 4) if pool is not None else size
        chunks = [files[:first]] + [files[at : at + size] for at in range(first, len(files), size)]
        try:
            upcoming = self._read(chunks[0], entries, pool) if chunks else None
            for number in range(len(chunks)):
                batch = upcoming
                items = batch.extracted() if batch.extracted is not None else batch.items
                if number + 1 < len(chunks):
                    # The workers extract the next batch while this one is written.
                    upcoming = self._read(chunks[number + 1], entries, pool)
                results = self._ingest(batch, items, dry_run, gazetteer, reextract)
                for path, result in zip(batch.paths, results, strict=True):
                    totals[result.status] += 1
                    events += result.events_created
                    citations += result.citations
                    updated += result.events_updated
                    removed += result.events_removed
                    self._report(path, result, verbosity)
        finally:
            if pool is not None:
                pool.close()

        if (totals["created"] or totals["reextracted"]) and not dry_run:
            for article, result in redate_undated_articles(gazetteer):
                events += result.events_created
                citations += result.citations
                self.stdout.write(
                    f"{article.source_file}: dated {article.published} from the corpus, "
                    f"{result.events_created} new events, {result.citations} citations"
                )

        prefix = "dry run: " if dry_run else ""
        again = f"{totals['reextracted']} re-extracted, " if reextract else ""
        summary = (
            f"{prefix}{len(files) + len(missing)} files: {totals['created']} ingested, "
            f"{again}{totals['skipped']} already there, {totals['failed']} failed; "
            f"{events} new events, {citations} citations"
        )
        if reextract:
            summary += f", {updated} events updated, {removed} removed"
        if totals["failed"]:
            self.stderr.write(self.style.ERROR(summary))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(summary))

    def _read(self, paths: list[Path], entries, pool: ExtractionPool | None) -> _Chunk:
        batch = _Chunk(paths, [None] * len(paths))
        for index, path in enumerate(paths):
            try:
                data = path.read_bytes()
            except OSError as exc:
                batch.results[index] = IngestResult(
                    source=path.name, status="failed", message=f"cannot read: {exc.strerror}"
                )
                continue
            batch.items.append(read(data, source_file=path.name, manifest=entries.get(path.name)))
            batch.where.append(index)
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

    def _ingest(self, batch: _Chunk, items, dry_run, gazetteer, reextract) -> list[IngestResult]:
        options = {"gazetteer": gazetteer, "dry_run": dry_run, "reextract": reextract}
        try:
            done = ingest_batch(list(items), **options)
        except Exception:  # a bug must not cost the rest: each file on its own
            done = []
            for item in items:
                try:
                    done.extend(ingest_batch([item], **options))
                except Exception as exc:
                    done.append(
                        IngestResult(
                            source=item.source, status="failed", message=internal_error(exc)
                        )
                    )
        results = list(batch.results)
        for index, result in zip(batch.where, done, strict=True):
            results[index] = result
        return results

    def _report(self, path: Path, result: IngestResult, verbosity: int) -> None:
        if result.status == "failed":
            self.stderr.write(self.style.ERROR(f"{path}: {result.message}"))
            return
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"{path}: {warning}"))
        if verbosity >= 1:
            if result.status == "skipped":
                self.stdout.write(f"{path}: {result.message}")
            elif result.status == "reextracted":
                self.stdout.write(
                    f"{path}: article {result.article_id} re-extracted, "
                    f"{result.events_created} new events, {result.events_updated} updated, "
                    f"{result.events_removed} removed, {result.citations} new citations"
                )
            else:
                self.stdout.write(
                    f"{path}: article {result.article_id or '-'}, {result.events_created} new events, "
                    f"{result.events_merged} merged into existing, {result.citations} citations"
                )

    def _collect(self, paths: list[Path]) -> tuple[list[Path], list[Path]]:
        files: list[Path] = []
        missing: list[Path] = []
        for path in paths:
            if path.is_dir():
                files.extend(
                    sorted(
                        p
                        for p in path.iterdir()
                        if p.is_file()
                        and not p.name.startswith(".")
                        and p.suffix.lower() in ARTICLE_SUFFIXES
                    )
                )
            elif path.exists():
                files.append(path)
            else:
                missing.append(path)
        return files, missing

    def _read_manifest(self, path: Path) -> dict[str, dict]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"{path}: cannot read manifest: {exc.strerror}") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{path}: manifest is not valid JSON: {exc}") from exc
        if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
            raise CommandError(f"{path}: manifest must be a JSON list of objects")
        entries: dict[str, dict] = {}
        for index, entry in enumerate(data):
            name = Path(str(entry.get("file") or "")).name
            if not name:
                raise CommandError(f'{path}: entry {index} has no "file"')
            entries[name] = entry
        return entries
