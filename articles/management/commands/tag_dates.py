"""Tag the date expressions of articles given as JSON lines on stdin (evaluation interface).

Input, one object a line: ``{"id", "text", "published": "YYYY-MM-DD"}``.
Output, one object a line: ``{"id", "mentions": [{"start", "end", "text", "value", "precision"}]}``.
A range whose two ends the text names ("between 1994 and 1997") is written as its two ends, as
TimeML marks them; other ranges ("last week") as one mention with a ``first/last`` value.
A bad line is reported on stderr as ``line N: reason`` and skipped; the command then exits non-zero.
No database is touched, so it runs wherever the code does.
"""

import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from articles.text.temporal import find_dates


class Command(BaseCommand):
    help = "Read JSON lines {id, text, published} on stdin and write the date mentions of each."

    # System checks would import models and may reach for the database; this command needs neither.
    requires_system_checks = []
    requires_migrations_checks = False

    def handle(self, *args, **options) -> None:
        failed = 0
        # sys.stdin is looked up here, not at import, so callers (and tests) can swap it.
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                record = _parse(line)
            except ValueError as exc:
                failed += 1
                self.stderr.write(f"line {number}: {exc}")
                continue
            text, published = record["text"], record["published"]
            mentions = []
            for m in find_dates(text, published):
                precision = str(m.precision)
                if m.endpoints is not None and m.end_values is not None:
                    # TimeML marks the two named ends of a range as two expressions.
                    for (start, end), value in zip(m.endpoints, m.end_values, strict=True):
                        mentions.append(_row(start, end, text[start:end], value, precision))
                else:
                    mentions.append(_row(m.start, m.end, m.text, m.value, precision))
            self.stdout.write(
                json.dumps({"id": record["id"], "mentions": mentions}, ensure_ascii=False)
            )
        if failed:
            raise CommandError(f"{failed} line(s) could not be tagged", returncode=1)


def _row(start: int, end: int, text: str, value: str, precision: str) -> dict:
    return {"start": start, "end": end, "text": text, "value": value, "precision": precision}


def _parse(line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError('missing or non-string "text"')
    raw = record.get("published")
    if not isinstance(raw, str):
        raise ValueError('missing "published"')
    try:
        published = datetime.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f'invalid "published" {raw!r}, expected YYYY-MM-DD') from None
    return {"id": record.get("id"), "text": text, "published": published}
