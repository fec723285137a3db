"""Keyboard use, labelled controls, the live region and a phone-width screen, in Chromium."""

import re

import pytest

from timeline.models import Event

pytestmark = pytest.mark.browser


def test_every_control_is_labelled_and_results_are_a_live_region(live_server, page, ingested):
    page.goto(live_server.url + "/")
    for control in page.locator("#filters select, #filters input").all():
        control_id = control.get_attribute("id")
        assert page.locator(f"label[for='{control_id}']").count() == 1, control_id
    assert page.locator("#results[aria-live='polite']").count() == 1
    assert page.locator("figure.histogram svg title").count() >= 1


def test_the_explorer_works_from_the_keyboard(live_server, page, ingested):
    page.goto(live_server.url + "/")
    # Tab to the first facet link and follow it with Enter.
    first_facet = page.locator(".facets a").first
    label = first_facet.inner_text()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(
            "document.activeElement && document.activeElement.closest('.facets') !== null"
        ):
            break
    else:
        pytest.fail("the facets cannot be reached with Tab")
    assert page.evaluate("document.activeElement.textContent") == label
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.length > 1")
    page.wait_for_selector(".facets a[aria-current='true']")
    # Expand an event's sources with the keyboard.
    summary = page.locator("details.sources summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.sources").first.get_attribute("open") is not None
    assert page.console_errors == []


def test_readable_on_a_phone_width_screen(live_server, browser, ingested, screenshot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + "/")
    # Nothing wider than the screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("article.event").count() == min(Event.objects.visible().count(), 50)
    font = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('h4.summary')).fontSize)"
    )
    assert font >= 14
    screenshot(page, "chronology-phone")
    page.goto(live_server.url + page.locator("blockquote a").first.get_attribute("href"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert re.search(r"/articles/\d+/", page.url)
    context.close()
