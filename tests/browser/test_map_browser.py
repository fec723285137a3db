"""The map page in Chromium: the view's places, a click that narrows it, a list for the keyboard."""

import re

import pytest

from timeline.models import Event, Place

pytestmark = pytest.mark.browser


def test_the_map_shows_the_views_places_and_a_click_narrows_the_view(
    live_server, page, ingested, screenshot
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="map", exact=True).click()
    page.wait_for_url(re.compile(r"/map/"))
    markers = page.locator(".map a.marker")
    assert markers.count() >= 2
    assert page.locator(".map path.country").count() > 5
    # A marker whose middle no other covers (in a cluster the smaller are drawn over the larger).
    uncovered = page.evaluate(
        """() => [...document.querySelectorAll('.map a.marker')].map((marker) => {
            const box = marker.querySelector('circle').getBoundingClientRect();
            const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return top && top.closest('a.marker') === marker ? marker.dataset.place : null;
        }).filter(Boolean)"""
    )
    place = Place.objects.get(pk=uncovered[0])
    label = page.locator(f".map a.marker[data-place='{place.pk}']").get_attribute("aria-label")
    name, count = re.fullmatch(r"(.+): (\d+) events?", label).groups()
    assert name == place.name
    assert Event.objects.visible().filter(places=place).count() == int(count)
    screenshot(page, "map")

    # The keyboard's way: the list beside the map; focusing a place lights up its marker.
    item = page.locator(f".map-places a[data-place='{place.pk}']")
    item.focus()
    assert "highlight" in page.locator(f".map a.marker[data-place='{place.pk}']").get_attribute(
        "class"
    )

    page.locator(f".map a.marker[data-place='{place.pk}'] circle").click()
    page.wait_for_url(re.compile(rf"[?&]place={place.pk}\b"))
    assert page.locator(".count strong").inner_text() == count
    assert page.locator(f".map a.marker.active[data-place='{place.pk}']").count() == 1
    # The URL is the view: the chronology shows the same events.
    page.get_by_role("link", name="Back to the chronology").click()
    page.wait_for_url(re.compile(rf"/\?place={place.pk}$"))
    assert page.locator("#results .count strong").inner_text() == count

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/map/")
    box = page.locator(".map svg").first.bounding_box()
    assert box["width"] <= 375 and box["height"] > 150
    screenshot(page, "map-phone")
    assert page.console_errors == []
