"""What an editor does in a real browser: log in, correct an event, merge two; corrections stand."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.browser.helpers import PASSWORD, SCREENSHOTS, editors_group, log_in
from timeline.extraction import events as extraction_events
from timeline.models import Event

pytestmark = pytest.mark.browser


@pytest.fixture
def editor(ingested):
    user = User.objects.create_user("maria", password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    return user


def test_an_editors_correction_survives_reextraction_with_a_changed_extractor(
    live_server, page, editor, screenshot, monkeypatch
):
    # An event only one report gives, dated by a full date: the editor moves it by a day.
    event = next(
        e
        for e in Event.objects.filter(precision="day", date_confidence__gte=0.9).order_by("id")
        if e.citations.values("article").distinct().count() == 1
    )
    untouched = Event.objects.exclude(pk=event.pk).order_by("id").first()
    new_start = event.start + datetime.timedelta(days=1)

    log_in(page, live_server)
    screenshot(page, "editor-admin-index")
    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    page.fill("#id_start", new_start.isoformat())
    page.fill("#id_summary", "Editor: corrected summary of the report")
    screenshot(page, "editor-event-corrected-before-save")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/timeline/event/(\?.*)?$"))
    assert "was changed successfully" in page.locator("ul.messagelist").inner_text()
    event.refresh_from_db()
    assert {"start", "summary"} <= set(event.edited_fields)

    # The extractor changes (every summary reads differently); the articles are extracted again.
    original = extraction_events.summarise
    monkeypatch.setattr(
        extraction_events, "summarise", lambda *args, **kw: "Revised: " + original(*args, **kw)
    )
    out = io.StringIO()
    call_command(
        "ingest", "--reextract", str(settings.SAMPLE_ARTICLES_DIR), stdout=out, stderr=io.StringIO()
    )
    assert "5 re-extracted" in out.getvalue()
    assert Event.objects.get(pk=untouched.pk).summary.startswith("Revised: ")

    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    assert page.input_value("#id_start") == new_start.isoformat()
    assert page.input_value("#id_summary") == "Editor: corrected summary of the report"
    screenshot(page, "editor-event-after-reextraction")

    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/history/")
    assert "maria" in page.locator("#change-history").inner_text()
    screenshot(page, "editor-event-history")

    page.goto(live_server.url + "/")
    card = page.locator(f"#event-{event.pk}")
    assert card.locator(".summary").inner_text() == "Editor: corrected summary of the report"
    assert card.locator("time.when").get_attribute("datetime") == new_start.isoformat()
    assert page.locator(f"#event-{untouched.pk} .summary").inner_text().startswith("Revised: ")
    screenshot(page, "chronology-after-reextraction")
    card.screenshot(path=str(SCREENSHOTS / "chronology-corrected-event-card.png"))


def test_an_editor_merges_two_events_by_clicking(live_server, page, editor, screenshot):
    first, second = Event.objects.order_by("start", "id")[:2]
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/timeline/event/")
    page.check(f"input[name=_selected_action][value='{first.pk}']")
    page.check(f"input[name=_selected_action][value='{second.pk}']")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.wait_for_selector("text=Merge 2 events into one")
    page.check(f"input[name=survivor][value='{second.pk}']")
    screenshot(page, "editor-merge-confirmation")
    page.click("input[type=submit][value=Merge]")
    page.wait_for_url(re.compile(r"/admin/timeline/event/$"))
    assert "Merged 2 events" in page.locator("ul.messagelist").inner_text()
    screenshot(page, "editor-merged")
    assert not Event.objects.filter(pk=first.pk).exists()
    survivor = Event.objects.get(pk=second.pk)
    assert "merged" in survivor.edited_fields

    response = page.goto(f"{live_server.url}/events/{first.pk}/")
    assert response.ok and page.url.endswith(f"/events/{second.pk}/")
    assert page.console_errors == []


def test_the_needs_attention_page_from_the_admin_index(live_server, page, editor, screenshot):
    log_in(page, live_server)
    page.click("#needs-attention-link a")
    page.wait_for_url(re.compile(r"/needs-attention/$"))
    assert page.locator("h1").inner_text() == "Needs attention"
    assert page.locator("div[id^=attention-] caption").count() == 5
    screenshot(page, "editor-needs-attention")


def test_an_editor_cannot_delete_an_event_and_rejecting_it_lasts(
    live_server, page, editor, screenshot
):
    event = Event.objects.visible().order_by("start", "id").first()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    assert page.locator("a.deletelink").count() == 0  # no Delete button
    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/delete/")
    assert "Reject it instead" in page.locator("ul.messagelist").inner_text()
    page.goto(f"{live_server.url}/admin/timeline/event/")
    actions = page.locator("select[name=action] option").all_inner_texts()
    assert not any("Delete" in a for a in actions), actions
    page.check(f"input[name=_selected_action][value='{event.pk}']")
    page.select_option("select[name=action]", "mark_rejected")
    page.click("button[name=index]")
    page.wait_for_selector("ul.messagelist")
    screenshot(page, "editor-rejects-an-event")
    call_command("ingest", "--reextract", str(settings.SAMPLE_ARTICLES_DIR), stdout=io.StringIO())
    event.refresh_from_db()
    assert event.status == Event.Status.REJECTED
    assert not Event.objects.visible().filter(summary=event.summary, start=event.start).exists()
    page.goto(live_server.url + "/")
    assert event.summary not in page.locator("#results").inner_text()


def test_a_date_the_editor_sets_is_the_editors_and_leaves_the_attention_list(
    live_server, page, editor, screenshot
):
    from timeline.admin import attention_q

    inferred = [
        e
        for e in Event.objects.visible().prefetch_related("citations__article")
        if e.date_inferred and e.precision == "day"
    ]
    event = inferred[0]
    assert Event.objects.filter(attention_q("any"), pk=event.pk).exists()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/timeline/event/needs-attention/")
    listed = page.locator("#content").inner_text()
    page.goto(f"{live_server.url}/admin/timeline/event/{event.pk}/change/")
    new_start = event.start - datetime.timedelta(days=1)
    page.fill("#id_start", new_start.isoformat())
    page.click("input[name=_save]")
    page.wait_for_selector("ul.messagelist")
    event.refresh_from_db()
    assert event.date_confidence == 1.0 and {"start", "date_confidence"} <= set(event.edited_fields)
    assert not Event.objects.filter(attention_q("any"), pk=event.pk).exists()
    # The public card no longer calls the date inferred.
    page.goto(f"{live_server.url}/events/{event.pk}/")
    card = page.locator(f"#event-{event.pk} time.when")
    assert "(inferred)" not in card.inner_text() and "≈" not in card.inner_text()
    screenshot(page, "event-date-set-by-an-editor")
    page.goto(f"{live_server.url}/admin/timeline/event/needs-attention/")
    assert page.locator("#content").inner_text() != listed
    assert f"/admin/timeline/event/{event.pk}/change/" not in page.content()
