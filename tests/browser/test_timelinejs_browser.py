"""The presentation page: the chronology's current view as a TimelineJS slideshow in Chromium."""

from urllib.parse import urlencode

import pytest
from django.db.models import Count

from timeline.models import Event

pytestmark = pytest.mark.browser


def test_presentation_shows_the_chronology_view_in_timelinejs(
    live_server, page, ingested, screenshot
):
    # The event type with the most events, so that the filter matters and several slides show.
    busiest = (
        Event.objects.visible()
        .values("event_type")
        .annotate(n=Count("id"))
        .order_by("-n", "event_type")
        .first()
    )
    query = urlencode({"type": busiest["event_type"]})
    assert 1 < busiest["n"] < Event.objects.visible().count()

    page.goto(f"{live_server.url}/?{query}")
    shown = int(page.locator("#results .count strong").first.inner_text())
    assert shown == busiest["n"]

    external = []
    page.on(
        "request",
        lambda r: not r.url.startswith(live_server.url) and external.append(r.url),
    )
    response = page.goto(f"{live_server.url}/present/?{query}")
    # The page runs under the project's CSP; a violation would be a console error below.
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe" not in policy
    page.wait_for_selector(".tl-timeline .tl-storyslider .tl-slide", state="attached")
    page.wait_for_selector(".tl-timenav .tl-timemarker", state="attached")
    page.wait_for_timeout(1500)  # let TimelineJS finish its opening animation

    assert page.locator(".tl-timenav .tl-timemarker").count() == shown
    # One slide per event plus the title slide.
    assert page.locator(".tl-storyslider .tl-slide").count() == shown + 1
    title = page.locator(".tl-slide-titleslide")
    assert f"{shown} event" in title.inner_text()
    screenshot(page, "presentation-title")

    page.locator(".tl-slidenav-next").first.click()
    page.wait_for_timeout(1200)
    first = (
        Event.objects.visible().filter(event_type=busiest["event_type"]).order_by("start", "id")[0]
    )
    slide = page.locator(f"#event-{first.pk}")
    assert first.date_label in slide.inner_text()
    assert slide.locator("ul q a").count() == first.citations.count()
    assert "Sources: " in slide.locator(".tl-credit").inner_text()
    screenshot(page, "presentation-first-event")

    assert external == []
    assert page.console_errors == []
