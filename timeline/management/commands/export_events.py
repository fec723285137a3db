"""Export the chronology as JSON (the fixed shape) or CSV."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.exports import iter_csv, iter_json
from timeline.search import View


class Command(BaseCommand):
    help = "Write all events not rejected, in date order, as JSON (default) or CSV to a file or stdout."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", type=Path, help="File to write (default: standard output).")

    def handle(self, *args, format: str, output: Path | None, **options) -> None:
        chunks = iter_json(View()) if format == "json" else iter_csv(View())
        if output is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            return
        try:
            with output.open("w", encoding="utf-8", newline="") as handle:
                for chunk in chunks:
                    handle.write(chunk)
        except OSError as exc:
            raise CommandError(f"{output}: cannot write: {exc.strerror}") from exc
        self.stderr.write(self.style.SUCCESS(f"wrote {output}"))
