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


def test_a_short_view_is_presented_in_days_with_its_dates_uncertainty_and_filters(
    live_server, page, ingested, screenshot
):
    # The month with the most events: a few days apart, where TimelineJS would tick hours.
    months = {}
    for event in Event.objects.visible().filter(precision="day"):
        months.setdefault(event.start.strftime("%Y-%m"), []).append(event)
    month, events = max(months.items(), key=lambda item: (len(item[1]), item[0]))
    assert len(events) > 1
    query = urlencode({"date_from": month, "date_to": month})
    page.goto(f"{live_server.url}/present/?{query}")
    page.wait_for_selector(".tl-timenav .tl-timemarker", state="attached")
    page.wait_for_timeout(1500)

    title = page.locator(".tl-slide-titleslide").inner_text()
    assert f"Chronology — From: {month}-01" in title and f"{len(events)} events" in title
    ticks = " ".join(page.locator(".tl-timeaxis .tl-timeaxis-tick-text").all_inner_texts())
    assert ticks.strip() and not any(mark in ticks for mark in (":", "AM", "PM")), ticks
    screenshot(page, "presentation-short-view")
    # Zooming in as far as the page allows still shows days, not hours.
    zoom_in = page.locator(".tl-timenav-container, .tl-menubar").get_by_label("Zoom in").first
    for _ in range(12):
        zoom_in.click(force=True)  # also once it is greyed out at the deepest zoom
        page.wait_for_timeout(150)
    page.wait_for_timeout(800)
    ticks = " ".join(page.locator(".tl-timeaxis .tl-timeaxis-tick-text").all_inner_texts())
    assert not any(mark in ticks for mark in (":", "AM", "PM")), ticks

    # The slide's date carries what the chronology's card says of it.
    inferred = [e for e in events if e.date_inferred or e.date_uncertain]
    if inferred:
        event = inferred[0]
        label = page.locator(f"#event-{event.pk} .tl-headline-date").inner_text()
        assert ("(inferred)" in label) == event.date_inferred
        assert label.startswith("≈") == event.date_uncertain
    assert page.console_errors == []
