"""An editor adds reports from the browser and watches a real worker read them: files and a
local test page's address, django-tasks-db's queue in the test database, its worker loop in a
thread beside the live server (a PostgreSQL test in tests/timeline/ingest/test_adding.py runs it as a
process of its own)."""

import io
import re
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django_tasks_db.management.commands.db_worker import Worker

from articles.models import Article
from tests.browser.helpers import PASSWORD, editors_group, log_in
from timeline.models import Event, SubmittedReport

pytestmark = pytest.mark.browser


@pytest.fixture
def worker():
    """django-tasks-db's worker loop, started by the test when it wants the queue worked."""
    loop = Worker(
        queue_names=["default"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=loop.run, daemon=True)
    yield thread
    loop.running = False
    if thread.is_alive():
        thread.join(timeout=30)


@pytest.fixture
def editor(transactional_db):
    call_command("load_gazetteer", stdout=io.StringIO())
    user = User.objects.create_user("maria", password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    return user


def test_an_editor_adds_files_and_a_page_and_watches_the_worker_read_them(
    live_server, page, editor, server, allowed, worker, screenshot, tmp_path
):
    samples = sorted(settings.SAMPLE_ARTICLES_DIR.glob("*.txt"))[:2]
    broken = tmp_path / "scan.txt"
    broken.write_bytes(b"\xff\xfe\x00\x00" + bytes(range(256)) * 4)

    log_in(page, live_server)
    page.click("text=Add reports")
    page.wait_for_url(live_server.url + "/add/")
    page.set_input_files("#id_files", [str(p) for p in samples] + [str(broken)])
    page.fill("#id_page", f"{server}/article")
    screenshot(page, "add-reports-form")
    page.click("button:has-text('Add')")
    page.wait_for_url(re.compile(r"/add/\d+/$"))
    state = page.locator(".progress-state")
    assert "Waiting for a worker" in state.inner_text()
    assert page.locator("tr.report").count() == 4
    screenshot(page, "add-reports-waiting")

    worker.start()  # the page polls; it follows the worker without a reload
    page.locator(".progress-state[data-state=finished]").wait_for(timeout=120_000)
    rows = page.locator("tr.report")
    outcomes = [rows.nth(i).get_attribute("data-status") for i in range(4)]
    assert outcomes == ["created", "created", "failed", "created"]
    assert "not valid UTF-32-LE" in rows.nth(2).inner_text()
    assert "Done: 4 reports" in state.inner_text() and "1 failed" in state.inner_text()
    assert page.console_errors == []
    screenshot(page, "add-reports-done")

    assert Article.objects.count() == 3 and Event.objects.exists()
    assert SubmittedReport.objects.get(kind="url").article.title == "Blast hits Velmar bridge"
    rows.nth(3).locator("a").click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    assert page.locator("h1").inner_text() == "Blast hits Velmar bridge"


def test_a_bad_form_shows_what_is_wrong_and_keeps_what_was_typed(live_server, page, editor):
    log_in(page, live_server)
    page.goto(live_server.url + "/add/")
    page.fill("#id_title", "A headline without its text")
    page.click("button:has-text('Add')")
    field = page.locator(".field.invalid")
    assert "This describes a pasted text" in field.inner_text()
    assert page.input_value("#id_title") == "A headline without its text"
    assert not SubmittedReport.objects.exists()
