"""Ingest article files (or folders of them) into the chronology."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.pipeline import IngestResult, ingest_bytes, load_gazetteer, redate_undated_articles

ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}


class Command(BaseCommand):
    help = (
        "Read article files or folders, extract dated events with citations, and store them. "
        "Idempotent: a text already ingested is skipped (with --reextract, extracted again with "
        "the current extractor, keeping every editor's correction). Each file is one "
        "transaction; a bad file is reported and the batch goes on; the exit status is 1 if any "
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

    def handle(
        self,
        *args,
        paths: list[Path],
        manifest: Path | None,
        dry_run: bool,
        reextract: bool = False,
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
        for path in files:
            result = self._ingest(path, entries.get(path.name), dry_run, gazetteer, reextract)
            totals[result.status] += 1
            events += result.events_created
            citations += result.citations
            updated += result.events_updated
            removed += result.events_removed
            self._report(path, result, verbosity)

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

    def _ingest(self, path: Path, entry, dry_run, gazetteer, reextract) -> IngestResult:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return IngestResult(
                source=path.name, status="failed", message=f"cannot read: {exc.strerror}"
            )
        try:
            return ingest_bytes(
                data,
                source_file=path.name,
                manifest=entry,
                dry_run=dry_run,
                gazetteer=gazetteer,
                reextract=reextract,
            )
        except (
            Exception
        ) as exc:  # a bug must not cost the rest of the batch; its transaction rolled back
            return IngestResult(
                source=path.name,
                status="failed",
                message=f"internal error ({type(exc).__name__}: {exc})",
            )

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
