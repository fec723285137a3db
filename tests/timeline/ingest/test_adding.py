"""Reports added from the browser (timeline/adding.py) and ingested by the background task
(timeline/tasks.py) on the real task backend: django-tasks-db's queue in the test database, run
by its `db_worker` command (in this process; a PostgreSQL test runs it as its own process)."""

import os
import subprocess
import sys
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from tests.conftest import SAMPLES
from timeline.ingest.files import MAX_FILE_BYTES
from timeline.models import Event, Submission, SubmittedReport
from timeline.settings import BASE_DIR

TEXT = """Flooding closes Velmar port

VELMAR, March 9, 2023 - Floodwater closed the port of Velmar on Wednesday, the harbour
authority said, after the river burst its banks north of the city overnight.

Dockworkers were sent home on Wednesday and ships waited offshore.
"""


def run_worker() -> None:
    """django-tasks-db's worker: every queued task, then exit. Its connection housekeeping
    (close_old_connections, which on PostgreSQL closes the connection the test's transaction
    holds) is left out; a PostgreSQL test below runs the worker as a process of its own."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command(
            "db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
        )


@pytest.fixture
def editor(db, gazetteer):
    user = User.objects.create_user("lena", password="pw-for-tests-only", is_staff=True)
    group = Group.objects.get(name="Editors")  # as the data migrations made it
    user.groups.add(group)
    return user


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def sample(name: str) -> SimpleUploadedFile:
    path = sorted(SAMPLES.glob("*.txt"))[int(name)]
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def test_editors_may_add_reports_and_others_may_not(client, editor, db):
    url = reverse("add_reports")
    response = client.get(url)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    reader = User.objects.create_user("reader", password="pw-for-tests-only", is_staff=True)
    client.force_login(reader)
    assert client.get(url).status_code == 403
    assert client.post(url, {"page": "https://example.org/a"}).status_code == 403
    assert not Submission.objects.exists()
    client.force_login(editor)
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="files"' in page.content and b"multiple" in page.content
    assert b'name="text"' in page.content and b'name="page"' in page.content
    assert (
        Permission.objects.get(codename="add_submission") in editor.groups.get().permissions.all()
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, None, "Choose files, paste a text or give a web page&#x27;s address."),
        ({"title": "A title"}, "title", "This describes a pasted text"),
        ({"page": "ftp://example.org/a"}, "page", "Enter a valid URL."),
        ({"page": "not an address"}, "page", "Enter a valid URL."),
        ({"text": "Some text", "published": "2023-02-30"}, "published", "Enter a valid date."),
    ],
)
def test_a_bad_form_is_refused_whole_with_a_message_where_it_is_wrong(
    as_editor, data, field, message
):
    response = as_editor.post(reverse("add_reports"), data)
    assert response.status_code == 400
    assert message.encode() in response.content
    if field:
        assert response.context["form"].errors[field]
    assert not Submission.objects.exists() and not DBTaskResult.objects.exists()


def test_a_file_over_the_limit_is_refused_by_name_and_nothing_is_stored(as_editor):
    big = SimpleUploadedFile("huge.txt", b"x" * (MAX_FILE_BYTES + 1))
    response = as_editor.post(reverse("add_reports"), {"files": [sample("0"), big]})
    assert response.status_code == 400
    assert b"huge.txt: 5.0 MiB; articles over 5 MiB are refused." in response.content
    assert not Submission.objects.exists() and not DBTaskResult.objects.exists()


def test_files_over_the_limit_together_are_refused(as_editor, monkeypatch):
    monkeypatch.setattr("timeline.adding.MAX_SUBMISSION_BYTES", 3 * 1024 * 1024)
    parts = [SimpleUploadedFile(f"part{i}.txt", b"y" * (1024 * 1024)) for i in range(4)]
    response = as_editor.post(reverse("add_reports"), {"files": parts})
    assert response.status_code == 400
    assert b"4.0 MiB in all; add at most 3 MiB at a time." in response.content
    assert not Submission.objects.exists()


def test_files_and_a_pasted_text_are_queued_then_ingested_by_the_worker(as_editor, editor):
    broken = SimpleUploadedFile("broken.txt", b"\xff\xfe\x00\x00" + bytes(range(256)) * 4)
    response = as_editor.post(
        reverse("add_reports"),
        {
            "files": [sample("0"), sample("1"), broken],
            "text": TEXT,
            "title": "Port closed",
            "outlet": "Velmar Herald",
            "published": "2023-03-09",
        },
    )
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == submission.get_absolute_url()
    assert submission.submitted_by == editor
    reports = list(submission.reports.all())
    assert [(r.kind, r.source, r.status) for r in reports] == [
        ("file", sorted(SAMPLES.glob("*.txt"))[0].name, "waiting"),
        ("file", sorted(SAMPLES.glob("*.txt"))[1].name, "waiting"),
        ("file", "broken.txt", "waiting"),
        ("text", "Port closed", "waiting"),
    ]
    assert reports[3].fields == {
        "title": "Port closed",
        "outlet": "Velmar Herald",
        "published": "2023-03-09",
    }
    task = DBTaskResult.objects.get()
    assert str(task.id) == submission.task_id and task.status == "READY"
    waiting = as_editor.get(submission.get_absolute_url())
    assert b"Waiting for a worker" in waiting.content
    assert not Article.objects.exists()  # nothing is read in the request

    run_worker()

    reports = list(submission.reports.all())
    assert [r.status for r in reports] == ["created", "created", "failed", "created"]
    assert reports[2].message.startswith("not valid UTF-32-LE despite its byte-order mark")
    assert reports[2].article is None and reports[2].payload  # kept: it was not read
    assert all(r.article and not r.payload for r in reports if r.status == "created")
    assert sum(r.events_created for r in reports) == Event.objects.count() > 0
    pasted = reports[3].article
    assert pasted.title == "Port closed" and pasted.outlet.name == "Velmar Herald"
    assert str(pasted.published) == "2023-03-09" and pasted.published_source == "manifest"
    assert Event.objects.filter(citations__article=pasted, start="2023-03-08").exists()
    submission.refresh_from_db()
    assert submission.finished_at is not None
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"

    done = as_editor.get(submission.get_absolute_url())
    text = done.content.decode()
    assert "Done: 4 reports" in text and "1 failed" in text
    assert f'href="{pasted.get_absolute_url()}"' in text
    assert 'data-status="failed"' in text and reports[2].message in text


def test_the_same_text_again_is_reported_as_already_there(as_editor):
    as_editor.post(reverse("add_reports"), {"files": [sample("2")]})
    run_worker()
    as_editor.post(reverse("add_reports"), {"files": [sample("2")]})
    run_worker()
    first, again = Submission.objects.order_by("id")
    assert first.reports.get().status == "created"
    report = again.reports.get()
    assert report.status == "skipped" and report.message.startswith("already ingested")
    assert Article.objects.count() == 1


def test_a_web_page_is_fetched_by_the_worker_and_a_missing_one_fails_with_the_reason(
    as_editor, server, allowed
):
    as_editor.post(reverse("add_reports"), {"page": f"{server}/article"})
    as_editor.post(reverse("add_reports"), {"page": f"{server}/gone"})
    run_worker()
    found, missing = (s.reports.get() for s in Submission.objects.order_by("id"))
    assert found.status == "created" and found.article.title == "Blast hits Velmar bridge"
    assert found.article.url == f"{server}/article"
    assert missing.status == "failed" and "404" in missing.message


def test_a_private_address_is_refused_by_the_worker(as_editor):
    as_editor.post(reverse("add_reports"), {"page": "http://127.0.0.1:9/secret"})
    run_worker()
    report = SubmittedReport.objects.get()
    assert report.status == "failed" and "not a public address" in report.message


def test_progress_polls_while_waiting_and_stops_when_done(as_editor):
    as_editor.post(reverse("add_reports"), {"files": [sample("3")]})
    submission = Submission.objects.get()
    fragment = as_editor.get(submission.get_absolute_url(), headers={"HX-Request": "true"})
    assert fragment.content.lstrip().startswith(b"{%") is False
    assert b'hx-trigger="every 1s"' in fragment.content and b"<html" not in fragment.content
    run_worker()
    fragment = as_editor.get(submission.get_absolute_url(), headers={"HX-Request": "true"})
    assert b"hx-trigger" not in fragment.content and b"Done: 1 report," in fragment.content


def test_a_task_no_worker_takes_up_says_so_and_a_failed_one_says_why(as_editor):
    as_editor.post(reverse("add_reports"), {"files": [sample("4")]})
    submission = Submission.objects.get()
    Submission.objects.update(submitted_at=submission.submitted_at.replace(year=2020))
    assert b"Is one running" in as_editor.get(submission.get_absolute_url()).content
    try:
        raise RuntimeError("worker out of memory")
    except RuntimeError as exc:
        DBTaskResult.objects.get().set_failed(exc)
    page = as_editor.get(submission.get_absolute_url()).content.decode()
    assert "The worker failed: RuntimeError: worker out of memory" in page
    assert "hx-trigger" not in page


def test_a_report_left_running_by_a_dead_worker_is_read_when_the_task_runs_again(as_editor):
    as_editor.post(reverse("add_reports"), {"files": [sample("0"), sample("1")]})
    first, second = SubmittedReport.objects.all()
    SubmittedReport.objects.filter(pk=first.pk).update(status="created")  # done before it died
    SubmittedReport.objects.filter(pk=second.pk).update(status="running")
    run_worker()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.article is None  # not read again
    assert second.status == "created" and second.article is not None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_takes_submissions_from_the_shared_queue(client, gazetteer):
    """`manage.py db_worker` as its own process, on the same database, as in production."""
    editor = User.objects.create_user("ola", password="pw-for-tests-only", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="add_submission"))
    client.force_login(editor)
    client.post(reverse("add_reports"), {"files": [sample("0")]})
    client.post(reverse("add_reports"), {"text": TEXT, "published": "2023-03-09"})
    server = urlsplit(os.environ["DATABASE_URL"])
    url = urlunsplit(server._replace(path="/" + connection.settings_dict["NAME"]))
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("PYTEST_CURRENT_TEST", None)
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--interval", "0",
         "--no-startup-delay", "--no-reload"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert worker.returncode == 0, worker.stdout + worker.stderr
    statuses = list(SubmittedReport.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["created", "created"]
    assert Submission.objects.filter(finished_at__isnull=True).count() == 0
    assert Event.objects.exists()
