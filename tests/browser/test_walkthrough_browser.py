"""Defects a walk-through in Chromium found (issue 16), each retried as a person did it."""

import re

import pytest
from django.contrib.auth.models import User

from articles.models import Article
from tests.browser.helpers import PASSWORD, editors_group, log_in
from timeline.models import Actor, Event

pytestmark = pytest.mark.browser


def test_later_opens_the_next_page_at_its_top(live_server, page, ingested, settings):
    settings.CHRONOLOGY_PAGE_SIZE = 8
    page.goto(live_server.url + "/")
    page.locator("a[rel=next]").scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 500
    page.click("a[rel=next]")
    page.wait_for_url(re.compile(r"after="))
    page.wait_for_timeout(300)
    top = page.evaluate("document.querySelector('#results').getBoundingClientRect().top")
    assert abs(top) < 5, top  # the results start at the top of the window


def test_arrow_keys_on_a_select_make_one_request(live_server, page, ingested):
    page.goto(live_server.url + "/")
    requests = []
    page.on("request", lambda r: "/?" in r.url and requests.append(r.url))
    page.focus("#id_type")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.wait_for_function("() => location.search.includes('type=')")
    page.wait_for_timeout(800)
    assert len(requests) == 1, requests
    chosen = page.input_value("#id_type")
    assert page.url.endswith(f"?type={chosen}")
    page.go_back()
    page.wait_for_function("() => location.search === ''")  # one history entry, not three
    page.wait_for_load_state("networkidle")  # the page of that URL, fetched again
    assert page.input_value("#id_type") == ""


def test_back_to_the_chronology_keeps_the_filtered_view(live_server, page, ingested):
    actor = Actor.objects.get(name="Nikol Pashinyan")
    page.goto(live_server.url + "/")
    page.select_option("#id_actor", str(actor.pk))
    page.wait_for_function(f"() => location.search === '?actor={actor.pk}'")
    filtered = page.url
    page.locator("#results article.event h4.summary a").first.click()
    page.wait_for_url(re.compile(r"/events/\d+/"))
    back = page.locator("a[data-back-to-chronology]")
    assert back.get_attribute("href") == filtered
    back.click()
    page.wait_for_url(filtered)
    assert page.input_value("#id_actor") == str(actor.pk)
    # Arriving from elsewhere, it leads to the whole chronology.
    page.goto(live_server.url + "/events/" + str(Event.objects.visible().first().pk) + "/")
    assert page.locator("a[data-back-to-chronology]").get_attribute("href").endswith("/")


def test_a_printout_has_the_events_and_their_quotes_not_the_controls(
    live_server, page, ingested, screenshot
):
    page.goto(live_server.url + "/")
    quote = page.locator("details.sources blockquote").first
    assert not quote.is_visible()  # collapsed on screen
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert quote.is_visible()
    assert not page.locator("#filters").is_visible() and not page.locator(".facets").is_visible()
    assert not page.locator("header.site").is_visible()
    screenshot(page, "chronology-print")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert not quote.is_visible()


def test_an_article_without_a_date_says_so_once(live_server, page, ingested):
    undated = Article.objects.filter(published__isnull=True).first()
    page.goto(f"{live_server.url}/articles/{undated.pk}/")
    published = page.locator("dt:text('Published') + dd").inner_text()
    assert published.startswith("unknown") and "unknown unknown" not in published


def test_a_rejected_events_link_says_what_became_of_it(live_server, page, ingested):
    event = Event.objects.visible().first()
    Event.objects.filter(pk=event.pk).update(status=Event.Status.REJECTED)
    response = page.goto(f"{live_server.url}/events/{event.pk}/")
    assert response.status == 410
    assert "removed from the chronology" in page.locator("h1").inner_text()
    assert page.goto(f"{live_server.url}/events/999999/").status == 404


def test_the_favicon_is_found_from_any_page(live_server, page, ingested):
    response = page.goto(f"{live_server.url}/favicon.ico")
    assert response.status == 200 and "svg" in response.headers["content-type"]


def test_rejections_and_merges_show_in_recent_actions_and_history_keeps_the_csp(
    live_server, page, ingested, screenshot
):

    user = User.objects.create_user("maria", password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    first, second, third = Event.objects.visible().order_by("start", "id")[:3]
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/timeline/event/")
    page.check(f"input[name=_selected_action][value='{first.pk}']")
    page.select_option("select[name=action]", "mark_rejected")
    page.click("button[name=index]")
    page.wait_for_selector("ul.messagelist")
    assert "1 event marked rejected." in page.locator("ul.messagelist").inner_text()
    page.check(f"input[name=_selected_action][value='{second.pk}']")
    page.check(f"input[name=_selected_action][value='{third.pk}']")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.check(f"input[name=survivor][value='{second.pk}']")
    page.click("input[type=submit][value=Merge]")
    page.wait_for_selector("ul.messagelist")
    page.goto(f"{live_server.url}/admin/")
    recent = page.locator("#recent-actions-module").inner_text()
    assert str(first) in recent or first.summary[:20] in recent
    assert str(second)[:20] in recent
    # An editor changes a role through the actors inline: the history page says so, and lists
    # the event merged into this one.
    page.goto(f"{live_server.url}/admin/timeline/event/{second.pk}/change/")
    role = page.locator("select[name='event_actors-0-role']")
    new_role = next(
        value
        for value in role.locator("option").evaluate_all("options => options.map(o => o.value)")
        if value and value != role.input_value()
    )
    role.select_option(new_role)
    page.click("input[name=_save]")
    page.wait_for_selector("ul.messagelist")
    page.goto(f"{live_server.url}/admin/timeline/event/{second.pk}/history/")
    merged = page.locator("#merged-in").inner_text()
    assert str(third.pk) in merged and "maria" in merged
    log = page.locator("#admin-log").inner_text()
    assert "Merged into it" in log and "Role" in log and "maria" in log
    screenshot(page, "admin-event-history")
    assert page.console_errors == []  # no inline style refused by the CSP


def test_every_select_shows_the_counts_of_the_view_it_would_narrow(live_server, page, ingested):
    actor = Actor.objects.get(name="Nikol Pashinyan")
    view = Event.objects.visible().involving(actor)
    page.goto(live_server.url + "/")
    assert re.search(r"\(\d+\)$", page.locator("#id_type option").nth(1).inner_text())
    page.focus("#id_actor")
    page.select_option("#id_actor", str(actor.pk))
    page.wait_for_function(f"() => location.search === '?actor={actor.pk}'")
    page.wait_for_function(
        f"() => document.querySelector('#results .count strong').textContent === '{view.count()}'"
    )
    # Each place offered gives as many events as it says, with the actor chosen.
    for label in page.locator("#id_place option").all_inner_texts()[1:]:
        name, count = re.fullmatch(r"(.*) \(([\d,]+)\)", label).groups()
        assert view.filter(places__name=name).distinct().count() == int(count), label
    type_counts = {
        o.get_attribute("value"): o.inner_text() for o in page.locator("#id_type option").all()
    }
    statements = view.filter(event_type="statement").count()
    assert type_counts["statement"].endswith(f"({statements})")
    assert page.input_value("#id_actor") == str(actor.pk)
    assert page.evaluate("document.activeElement.id") == "id_actor"  # the form stayed in place
    assert page.console_errors == []
