"""Ingest article files (or folders of them) into the chronology."""

import os
from itertools import chain
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.ingest import (
    IngestResult,
    ManifestError,
    collect,
    ingest_files,
    ingest_url,
    load_gazetteer,
    read_manifest,
    redate_undated_articles,
)
from timeline.ingest.pool import DEFAULT_BATCH


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


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
        parser.add_argument(
            "paths",
            nargs="+",
            help="Article files (text or saved web pages), folders of them, or http(s) URLs of "
            "articles (fetched from public addresses only).",
        )
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
            "with editors' corrections (timeline.ingest.reextract_article).",
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
        paths: list[str],
        manifest: Path | None,
        dry_run: bool,
        reextract: bool = False,
        batch_size: int = DEFAULT_BATCH,
        workers: int = 1,
        **options,
    ) -> None:
        verbosity = options["verbosity"]
        try:
            entries = read_manifest(manifest) if manifest else {}
        except ManifestError as exc:
            raise CommandError(str(exc)) from exc
        urls = [p for p in paths if is_url(p)]
        files, missing = collect([Path(p) for p in paths if not is_url(p)])
        for path in missing:
            self.stderr.write(self.style.ERROR(f"{path}: no such file or folder"))
        listed = {p.name for p in files} | set(urls)
        for name in sorted(set(entries) - listed):
            self.stderr.write(
                self.style.WARNING(f"{manifest}: entry for {name!r} names no file given")
            )

        gazetteer = load_gazetteer()
        totals = {"created": 0, "reextracted": 0, "skipped": 0, "failed": len(missing)}
        events = citations = updated = removed = 0
        probes = {}  # what corpus dating needs of the articles left undated, by id
        outcomes = chain(
            ingest_files(
                files,
                entries,
                gazetteer=gazetteer,
                dry_run=dry_run,
                reextract=reextract,
                workers=workers,
                batch_size=batch_size,
            ),
            (
                (url, ingest_url(url, manifest=entries.get(url), dry_run=dry_run,
                                 gazetteer=gazetteer, reextract=reextract))
                for url in urls
            ),
        )  # fmt: skip
        for source, result in outcomes:
            totals[result.status] += 1
            events += result.events_created
            citations += result.citations
            updated += result.events_updated
            removed += result.events_removed
            if result.undated is not None and result.article_id is not None:
                probes[result.article_id] = result.undated
            self._report(source, result, verbosity)

        if (totals["created"] or totals["reextracted"]) and not dry_run:
            for article, result in redate_undated_articles(gazetteer, probes):
                events += result.events_created
                citations += result.citations
                self.stdout.write(
                    f"{article.source_file}: dated {article.published} from the corpus, "
                    f"{result.events_created} new events, {result.citations} citations"
                )

        prefix = "dry run: " if dry_run else ""
        again = f"{totals['reextracted']} re-extracted, " if reextract else ""
        summary = (
            f"{prefix}{len(files) + len(missing) + len(urls)} files: {totals['created']} ingested, "
            f"{again}{totals['skipped']} already there, {totals['failed']} failed; "
            f"{events} new events, {citations} citations"
        )
        if reextract:
            summary += f", {updated} events updated, {removed} removed"
        if totals["failed"]:
            self.stderr.write(self.style.ERROR(summary))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(summary))

    def _report(self, path: Path | str, result: IngestResult, verbosity: int) -> None:
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
