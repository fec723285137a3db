"""Extract articles already in the database again, with the current extractor.

For when the extractor changed and the files are not at hand: the stored text is re-read.
Editors' corrections stand; the rules are in timeline.ingest.reextract_article.
"""

from django.core.management.base import BaseCommand

from articles.models import Article
from timeline.ingest import load_gazetteer, reextract_article


class Command(BaseCommand):
    help = (
        "Re-run extraction over stored articles (all of them, or the ids given) and reconcile "
        "with editors' corrections. Each article is one transaction; exits 1 if any failed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Article ids (default: all).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and report, store nothing."
        )

    def handle(self, *args, ids: list[int], dry_run: bool, **options) -> None:
        articles = Article.objects.order_by("id")
        if ids:
            articles = articles.filter(pk__in=ids)
            for missing in sorted(set(ids) - set(articles.values_list("pk", flat=True))):
                self.stderr.write(self.style.ERROR(f"article {missing}: no such article"))
        failed = len(ids) - articles.count() if ids else 0
        gazetteer = load_gazetteer()
        created = updated = removed = done = 0
        for article in articles.iterator():
            result = reextract_article(article, gazetteer=gazetteer, dry_run=dry_run)
            if result.status == "failed":
                failed += 1
                self.stderr.write(self.style.ERROR(f"article {article.pk}: {result.message}"))
                continue
            done += 1
            created += result.events_created
            updated += result.events_updated
            removed += result.events_removed
            if options["verbosity"] >= 2:
                self.stdout.write(
                    f"article {article.pk}: {result.events_created} new events, "
                    f"{result.events_updated} updated, {result.events_removed} removed"
                )
        prefix = "dry run: " if dry_run else ""
        summary = (
            f"{prefix}{done} articles re-extracted, {failed} failed; {created} new events, "
            f"{updated} updated, {removed} removed"
        )
        if failed:
            self.stderr.write(self.style.ERROR(summary))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(summary))
