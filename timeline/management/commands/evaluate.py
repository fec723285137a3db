"""Score the events in the database against a gold file (matching rules: timeline/evaluation.py)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.evaluation import evaluate


class Command(BaseCommand):
    help = (
        "Score the current database against gold annotations (schema of shared/eval/seeds-gold.json): "
        "gold events found, dated right (the headline figure), citation precision, cross-article merges."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("gold", type=Path, help="Gold annotations JSON.")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the summary as JSON only."
        )

    def handle(self, *args, gold: Path, as_json: bool, **options) -> None:
        try:
            data = _load(gold)
        except (OSError, ValueError) as exc:
            raise CommandError(f"{gold}: {exc}") from exc
        report = evaluate(data)
        summary = report.summary()
        if as_json:
            self.stdout.write(json.dumps(summary, indent=2))
            return
        write = self.stdout.write
        for file in report.missing_articles:
            write(self.style.WARNING(f"not ingested: {file}"))
        write("Publication dates (gold / ours / how):")
        for file, gold_date, ours, source in report.published:
            mark = "ok " if gold_date == ours else "-- "
            write(f"  {mark}{file}: {gold_date} / {ours} / {source}")
        write("Gold events:")
        for result in report.results:
            g = result.gold
            when = g["start"] + (f"/{g['end']}" if g.get("end") else "")
            if result.dated:
                mark = "dated"
            elif result.found:
                got = sorted(
                    {
                        c.event.start_iso + (f"/{c.event.end_iso}" if c.event.end else "")
                        for c in result.citations
                    }
                )
                mark = f"found, dated {','.join(got)}"
            else:
                mark = "MISSED"
            write(f"  [{mark}] {result.file[:3]} {when} ({g['precision']}): {g['anchor']}")
        write("Happenings told more than once:")
        for group, merged in report.groups:
            g = group[0].gold
            write(
                f"  {'merged' if merged else 'SPLIT '} {g['start']} {g['summary'][:60]} ({len(group)} reports)"
            )
        for a, b in report.conflated:
            write(
                f"  CONFLATED {a.file[:3]} {a.gold['anchor']!r} + {b.file[:3]} {b.gold['anchor']!r}"
            )
        write(
            f"found {summary['found']}/{summary['gold_events']} ({summary['found_recall']:.2f})  "
            f"dated {summary['dated']}/{summary['gold_events']} ({summary['dated_recall']:.2f})  "
            f"citation precision {summary['citations_correct']}/{summary['citations']} ({summary['citation_precision']:.2f})  "
            f"merged {summary['cross_article_merged']}/{summary['cross_article_groups']}  "
            f"merge pairs joined {summary['merge_pairs_joined']}/{summary['merge_pairs']} "
            f"(precision {summary['merge_pair_precision']:.2f})  "
            f"conflated pairs {summary['conflated_pairs']}  "
            f"publication dates {summary['published_correct']}/{summary['published_total']}"
        )


def _load(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise ValueError('expected {"articles": [...]}')
    return data
