"""Script and HTML payloads planted in the data render inert in real Chromium."""

import datetime

import pytest

from tests.factories import make_article, make_event
from timeline.models import Actor, Place

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__xss = (window.__xss || 0) + 1</script>",
    '<img src=x onerror="window.__xss = (window.__xss || 0) + 1">',
    '"><svg onload="window.__xss = (window.__xss || 0) + 1">',
    "javascript:window.__xss=1",
]


@pytest.fixture
def planted(transactional_db):
    evil = " ".join(PAYLOADS)
    body = f"Title {evil}\n\nTroops crossed {evil} on May 12, 2021."
    article = make_article(body, title=f"Headline {evil}", url="https://example.org/a")
    quote = f"Troops crossed {evil} on May 12, 2021."
    event = make_event(
        datetime.date(2021, 5, 12),
        f"Summary {evil}",
        # Names are varchar(200): one payload each.
        actors=[f"Actor {PAYLOADS[0]}", f"Ally {PAYLOADS[1]}"],
        places=[f"Place {PAYLOADS[2]}"],
        article=article,
        quote=quote,
        contested=True,
    )
    return {
        "event": event,
        "article": article,
        "actor": Actor.objects.get(name__startswith="Ally"),
        "place": Place.objects.get(),
    }


def test_planted_payloads_never_run(live_server, page, planted, screenshot):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    urls = [
        "/",
        "/?q=Troops",
        planted["event"].get_absolute_url(),
        planted["article"].get_absolute_url(),
        planted["actor"].get_absolute_url(),
        planted["place"].get_absolute_url(),
        "/present/",
    ]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None, url
        # The payload is visible as text, not turned into elements.
        assert page.locator("main img[src='x'], main svg[onload]").count() == 0, url
    page.goto(live_server.url + "/")
    page.locator("details.sources summary").first.click()
    screenshot(page, "xss-payloads-inert")
    assert "<script>window.__xss" in page.locator("main").inner_text()
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
