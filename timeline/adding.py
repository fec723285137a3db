"""Reports added from the browser: the editors' "Add reports" page and a submission's progress.

An editor uploads files, pastes a text (with what a manifest entry would say: title, outlet,
address, publication date) or gives a web page's address. The form checks what it can at once
(sizes, counts, addresses) and refuses the whole post with a message naming the field or file;
what it accepts is stored as a ``Submission`` with one ``SubmittedReport`` each, and the task
``timeline.tasks.ingest_submission`` is queued in the same transaction, so a worker never sees
half a submission. The submission's page polls (htmx) while the worker records each report's
outcome: added with its new and merged events, already there, or failed with the reason.
"""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.tasks import TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone

from timeline.ingest.files import MAX_FILE_BYTES
from timeline.models import Submission, SubmittedReport
from timeline.tasks import ingest_submission

MAX_FILES = 50
# All files of one submission together (they wait in the database until the worker reads them).
MAX_SUBMISSION_BYTES = 50 * 1024 * 1024
RECENT = 10
# A task no worker took up in this long suggests none is running: the page says so.
STALLED_SECONDS = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        one = super().clean
        if isinstance(data, (list, tuple)):
            return [one(item, initial) for item in data if item]
        return [one(data, initial)] if data else []


class AddReportsForm(forms.Form):
    files = MultipleFileField(
        required=False,
        label="Article files",
        help_text=f"Article files: text or saved web pages, up to {MAX_FILES} at a time, "
        f"{MAX_FILE_BYTES // 1048576} MiB each.",
    )
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=MAX_FILE_BYTES,
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Or paste a text",
    )
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200)
    url = forms.URLField(
        required=False,
        max_length=2000,
        label="Its address",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    published = forms.DateField(
        required=False,
        label="Published on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty to read it from the text.",
    )
    page = forms.URLField(
        required=False,
        max_length=2000,
        label="Or the address of a web page",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="The server fetches it and reads the article and its metadata.",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                f"{len(files)} files chosen; add at most {MAX_FILES} at a time."
            )
        for upload in files:
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    f"{upload.name}: {upload.size / 1048576:.1f} MiB; articles over "
                    f"{MAX_FILE_BYTES // 1048576} MiB are refused."
                )
        total = sum(upload.size for upload in files)
        if total > MAX_SUBMISSION_BYTES:
            raise forms.ValidationError(
                f"{total / 1048576:.1f} MiB in all; add at most "
                f"{MAX_SUBMISSION_BYTES / 1048576:.0f} MiB at a time."
            )
        return files

    def clean(self):
        data = super().clean()
        has_text = bool((data.get("text") or "").strip())
        about_text = [name for name in ("title", "outlet", "url", "published") if data.get(name)]
        if about_text and not has_text:
            self.add_error(
                about_text[0], "This describes a pasted text: paste the text, or leave it empty."
            )
        elif not (data.get("files") or has_text or data.get("page")) and not self.errors:
            raise forms.ValidationError("Choose files, paste a text or give a web page's address.")
        return data

    def reports(self) -> list[SubmittedReport]:
        """The reports to store, in the order given: files, then the text, then the page."""
        data = self.cleaned_data
        reports = [
            SubmittedReport(
                kind=SubmittedReport.Kind.FILE, source=upload.name, payload=upload.read()
            )
            for upload in data["files"]
        ]
        if (data.get("text") or "").strip():
            fields = {
                name: str(data[name]) for name in ("title", "outlet", "url") if data.get(name)
            }
            if data.get("published"):
                fields["published"] = data["published"].isoformat()
            reports.append(
                SubmittedReport(
                    kind=SubmittedReport.Kind.TEXT,
                    source=data.get("title") or _first_line(data["text"]),
                    payload=data["text"].encode("utf-8"),
                    fields=fields,
                )
            )
        if data.get("page"):
            reports.append(SubmittedReport(kind=SubmittedReport.Kind.URL, source=data["page"]))
        return reports


def _first_line(text: str) -> str:
    """What names a pasted text without a title: its first line, shortened."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= 120 else line[:119] + "…"


@login_required
@permission_required("timeline.add_submission", raise_exception=True)
def add_reports(request: HttpRequest) -> HttpResponse:
    """The form (GET) and a submission of it (POST: stored and queued, then its page)."""
    if request.method == "POST":
        form = AddReportsForm(request.POST, request.FILES)
        if form.is_valid():
            submission = submit(form.reports(), request.user)
            return redirect(submission)
        status = 400
    else:
        form, status = AddReportsForm(), 200
    recent = Submission.objects.prefetch_related(
        Prefetch("reports", queryset=SubmittedReport.objects.defer("payload"))
    )[:RECENT]
    return render(
        request, "timeline/add_reports.html", {"form": form, "recent": recent}, status=status
    )


def submit(reports: list[SubmittedReport], user=None) -> Submission:
    """Store the reports as one submission and queue its ingestion, in one transaction."""
    with transaction.atomic():
        submission = Submission.objects.create(submitted_by=user)
        for position, report in enumerate(reports):
            report.submission, report.position = submission, position
        SubmittedReport.objects.bulk_create(reports)
        submission.task_id = str(ingest_submission.enqueue(submission.pk).id)
        submission.save(update_fields=["task_id"])
    return submission


@login_required
@permission_required("timeline.view_submission", raise_exception=True)
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A submission's reports and what became of each; an htmx request gets the progress part,
    which asks again every second until the worker is done."""
    submission = get_object_or_404(Submission, pk=pk)
    # The page asks for itself every second: the reports' bytes (up to 5 MiB each) stay behind.
    reports = list(submission.reports.select_related("article").defer("payload"))
    context = {
        "submission": submission,
        "reports": reports,
        "task": task_state(submission),
        "totals": {
            "done": sum(report.done for report in reports),
            "created": sum(report.events_created for report in reports),
            "merged": sum(report.events_merged for report in reports),
            "failed": sum(report.status == SubmittedReport.Status.FAILED for report in reports),
        },
    }
    template = "timeline/_submission_progress.html" if request.htmx else "timeline/submission.html"
    return render(request, template, context)


def task_state(submission: Submission) -> dict:
    """Where the submission's task stands: "finished", "waiting" (queued, no worker has taken
    it yet; "stalled" after a while, when no worker may be running), "running", or "failed"
    with the worker's error."""
    if submission.finished_at is not None:
        return {"state": "finished"}
    try:
        result = ingest_submission.get_result(submission.task_id)
    except TaskResultDoesNotExist:
        return {"state": "failed", "error": "its task is no longer in the queue"}
    if result.status == TaskResultStatus.READY:
        waited = (timezone.now() - submission.submitted_at).total_seconds()
        return {"state": "waiting", "stalled": waited > STALLED_SECONDS}
    if result.status == TaskResultStatus.FAILED:
        error = result.errors[-1].traceback.strip().splitlines()[-1] if result.errors else ""
        return {"state": "failed", "error": error}
    if result.status == TaskResultStatus.SUCCESSFUL:
        return {"state": "finished"}
    return {"state": "running"}
