"""Background tasks, run by a worker of Django's tasks framework (settings.TASKS: django-tasks-db
keeps the queue in the application's database; `manage.py db_worker` runs it, `make run` starts
one).

``ingest_submission`` ingests the reports an editor added from the browser (timeline/adding.py),
one after the other, through the same functions as the ingest command, and records each one's
outcome on its ``SubmittedReport`` as it goes, so the submission's page can show progress. A
report's outcome is its own: one that fails says why and leaves nothing behind (as in the
command), and the others go on.
"""

import logging

from django.tasks import task
from django.utils import timezone

from timeline.ingest import (
    IngestResult,
    ingest_bytes,
    ingest_url,
    load_gazetteer,
    redate_undated_articles,
)
from timeline.ingest.files import internal_error
from timeline.models import Submission, SubmittedReport

logger = logging.getLogger(__name__)

Status = SubmittedReport.Status


@task
def ingest_submission(submission_id: int) -> dict[str, int]:
    """Ingest a submission's waiting reports in order; the counts of each outcome.

    A report already done is left as it is, so a task run again (a worker stopped mid-way)
    takes up where the last run stopped; one left "being read" by a worker that died is read
    again (its article is stored whole or not at all, so that is safe).
    """
    submission = Submission.objects.get(pk=submission_id)
    gazetteer = load_gazetteer()
    reports = list(submission.reports.exclude(status__in=SubmittedReport.DONE))
    probes = {}  # what corpus dating needs of the articles left undated, by id
    by_article: dict[int, SubmittedReport] = {}
    for report in reports:
        report.status = Status.RUNNING
        report.save(update_fields=["status"])
        result = _ingest(report, gazetteer)
        _record(report, result)
        if result.article_id is not None:
            by_article[result.article_id] = report
            if result.undated is not None:
                probes[result.article_id] = result.undated
    if any(report.status == Status.CREATED for report in reports):
        # As the command does after a run: articles whose text gives no year may now line up
        # with the events that arrived.
        for article, result in redate_undated_articles(gazetteer, probes):
            report = by_article.get(article.pk)
            if report is not None:
                report.events_created += result.events_created
                report.citations += result.citations
                report.message = f"dated {article.published} from the other reports"
                report.save(update_fields=["events_created", "citations", "message"])
    submission.finished_at = timezone.now()
    submission.save(update_fields=["finished_at"])
    counts = {status: 0 for status in SubmittedReport.DONE}
    for report in reports:
        counts[report.status] += 1
    return counts


def _ingest(report: SubmittedReport, gazetteer) -> IngestResult:
    try:
        if report.kind == SubmittedReport.Kind.URL:
            return ingest_url(report.source, gazetteer=gazetteer)
        return ingest_bytes(
            bytes(report.payload),
            source_file=report.source[:255],
            manifest=report.fields or None,
            gazetteer=gazetteer,
        )
    except Exception as exc:  # a bug, not bad input: the report says so, the others go on
        logger.exception("ingesting submitted report %s failed", report.pk)
        return IngestResult(source=report.source, status="failed", message=internal_error(exc))


def _record(report: SubmittedReport, result: IngestResult) -> None:
    report.status = result.status if result.status in SubmittedReport.DONE else Status.CREATED
    report.message = "; ".join([result.message, *result.warnings]).strip("; ")
    report.article_id = result.article_id
    report.events_created = result.events_created
    report.events_merged = result.events_merged
    report.citations = result.citations
    if report.status != Status.FAILED:
        report.payload = b""  # the article keeps the text
    report.save()
