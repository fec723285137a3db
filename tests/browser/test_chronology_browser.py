"""What an analyst does in a real browser: filter, read the sources, open the article."""

import itertools
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from timeline.models import Actor, Event

pytestmark = pytest.mark.browser


def test_filter_by_actor_then_open_the_cited_article(live_server, page, ingested, screenshot):
    actor = (
        Actor.objects.filter(name="Nikol Pashinyan").first()
        or Actor.objects.filter(event_roles__isnull=False).order_by("name").first()
    )
    expected = Event.objects.visible().involving(actor).count()
    assert expected > 0

    page.goto(live_server.url + "/")
    assert page.locator("article.event").count() == min(Event.objects.visible().count(), 50)
    assert page.locator("section.year h2").count() >= 2

    with page.expect_response(
        lambda r: "actor=" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.select_option("#id_actor", str(actor.pk))
    page.wait_for_function("() => location.search.includes('actor=')")
    assert (
        urlsplit(page.url).query == f"actor={actor.pk}"
    )  # empty fields stay out of the shared URL
    cards = page.locator("article.event")
    assert cards.count() == expected
    for index in range(cards.count()):
        assert actor.name in cards.nth(index).inner_text()
    assert page.locator("#results .count strong").inner_text() == str(expected)
    screenshot(page, "chronology-filtered-by-actor")

    first = cards.first
    first.locator("details.sources summary").click()
    quote = first.locator("blockquote a").first
    quote_text = quote.inner_text()
    quote.click()
    page.wait_for_url(re.compile(r"/articles/\d+/#s\d+$"))
    marked = page.locator("mark.cited:target")
    assert marked.count() == 1 and quote_text in marked.inner_text()
    screenshot(page, "article-with-cited-sentence")
    assert page.console_errors == []


def test_the_same_url_without_javascript_gives_the_same_results(
    live_server, browser, ingested, screenshot
):
    event_type = (
        Event.objects.visible().values_list("event_type", flat=True).order_by("event_type").first()
    )
    expected = Event.objects.visible().filter(event_type=event_type).count()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.select_option("#id_type", event_type)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"type=" + event_type))
    assert page.locator("article.event").count() == expected
    screenshot(page, "chronology-no-javascript")
    context.close()


def test_bad_filter_shows_a_message_not_a_crash(live_server, page, ingested):
    response = page.goto(live_server.url + "/?date_from=someday")
    assert response.status == 400
    assert "2021-05-12" in page.locator("[role=alert]").inner_text()


def test_filter_by_actor_then_text_and_back_restores_the_view(
    live_server, page, ingested, screenshot
):
    actor = Actor.objects.get(name="Nikol Pashinyan")
    by_actor = Event.objects.visible().involving(actor)
    word = "ceasefire"
    both = by_actor.matching(word).count()
    assert 0 < both < by_actor.count()

    page.goto(live_server.url + "/")
    page.select_option("#id_actor", str(actor.pk))
    page.wait_for_function(f"() => location.search === '?actor={actor.pk}'")
    page.wait_for_function(
        f"() => document.querySelector('#results .count strong').textContent === '{by_actor.count()}'"
    )
    page.fill("#id_q", word)
    page.wait_for_function(f"() => location.search.includes('q={word}')")
    page.wait_for_function(
        f"() => document.querySelector('#results .count strong').textContent === '{both}'"
    )
    assert parse_qs(urlsplit(page.url).query) == {"actor": [str(actor.pk)], "q": [word]}
    screenshot(page, "chronology-actor-and-text")

    page.go_back()
    page.wait_for_function(f"() => location.search === '?actor={actor.pk}'")
    page.wait_for_function(
        f"() => document.querySelector('#results .count strong').textContent === '{by_actor.count()}'"
    )
    assert page.locator("article.event").count() == by_actor.count()
    page.go_forward()
    page.wait_for_function(
        f"() => document.querySelector('#results .count strong').textContent === '{both}'"
    )
    assert page.console_errors == []


def test_clicking_a_histogram_bar_zooms_to_its_period(live_server, page, ingested, screenshot):
    page.goto(live_server.url + "/")
    bars = page.locator("figure.histogram a.bar")
    assert bars.count() > 1
    # The busiest bar: its label says how many events it holds.
    labels = [bars.nth(i).get_attribute("aria-label") for i in range(bars.count())]
    index = max(
        range(len(labels)), key=lambda i: int(re.search(r": (\d+) event", labels[i]).group(1))
    )
    expected = int(re.search(r": (\d+) event", labels[index]).group(1))
    period = labels[index].split(":")[0]
    bars.nth(index).click()
    page.wait_for_function("() => location.search.includes('date_from=')")
    page.wait_for_function(
        f"() => document.querySelector('#results .count strong').textContent === '{expected}'"
    )
    assert page.locator("article.event").count() == expected
    assert (
        page.locator("#id_date_from").input_value()
        == urlsplit(page.url).query.split("date_from=")[1].split("&")[0]
    )
    screenshot(page, "chronology-histogram-zoomed")
    assert (
        period in page.locator("figure.histogram").inner_text()
        or page.locator("figure.histogram a.bar").count() >= 1
    )
    assert page.console_errors == []


def test_back_and_forward_keep_the_filter_form_in_step_with_the_results(
    live_server, page, ingested, screenshot
):
    actor = Actor.objects.get(name="Nikol Pashinyan")
    page.goto(live_server.url + "/")
    page.select_option("#id_actor", str(actor.pk))
    page.wait_for_function(f"() => location.search === '?actor={actor.pk}'")
    page.select_option("#id_type", "statement")
    page.wait_for_function("() => location.search.includes('type=statement')")
    page.fill("#id_q", "border")
    page.wait_for_function("() => location.search.includes('q=border')")

    page.go_back()  # actor and type: the text box is empty again
    page.wait_for_function("() => !location.search.includes('q=')")
    page.wait_for_function("() => document.querySelector('#id_q').value === ''")
    assert page.input_value("#id_type") == "statement"
    page.go_back()  # the actor alone
    page.wait_for_function(f"() => location.search === '?actor={actor.pk}'")
    page.wait_for_function("() => document.querySelector('#id_type').value === ''")
    assert page.input_value("#id_actor") == str(actor.pk)
    screenshot(page, "chronology-after-back")
    # The next change keeps the filters the page shows.
    outlet = page.locator("#id_outlet option").nth(1).get_attribute("value")
    page.select_option("#id_outlet", outlet)
    page.wait_for_function("() => location.search.includes('outlet=')")
    assert parse_qs(urlsplit(page.url).query) == {"actor": [str(actor.pk)], "outlet": [outlet]}
    assert page.console_errors == []


def test_an_invalid_filter_under_htmx_shows_its_message(live_server, page, ingested):
    page.goto(live_server.url + "/")
    before = page.locator("article.event").count()
    assert before > 0
    page.fill("#id_date_from", "May 2021")
    page.click("button[type=submit]")
    alert = page.locator("#results [role=alert]")
    alert.wait_for()
    assert "Use a date like 2021, 2021-05 or 2021-05-12" in alert.inner_text()
    assert page.locator("article.event").count() == 0  # no longer the old view's events
    # Corrected, the view comes back.
    page.fill("#id_date_from", "2021-05")
    page.click("button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('article.event').length > 0")
    assert page.locator("#results [role=alert]").count() == 0


def test_the_histogram_zooms_from_months_to_days_and_its_labels_fit_on_a_phone(
    live_server, page, ingested, screenshot
):
    # Zoom into the busiest month: its bar opens a chart of its days, whose bars zoom to a day.
    page.goto(live_server.url + "/?date_from=2021&date_to=2021")
    bars = page.locator("figure.histogram a.bar")
    labels = [bars.nth(i).get_attribute("aria-label") for i in range(bars.count())]
    counts = [int(re.search(r": (\d+) event", label).group(1)) for label in labels]
    bars.nth(counts.index(max(counts))).click()
    page.wait_for_function("() => /date_to=2021-\\d\\d(&|$)/.test(location.search)")
    page.wait_for_function(
        "() => document.querySelector('#histogram-title').textContent.startsWith('Events per day')"
    )
    days = page.locator("figure.histogram a.bar")
    day_labels = [days.nth(i).get_attribute("aria-label") for i in range(days.count())]
    assert all(re.match(r"\d+ \w+ 2021: ", label) for label in day_labels), day_labels
    screenshot(page, "chronology-histogram-days")

    # Every label of the axis lies inside the chart, none over another: on a desktop and on a
    # phone, where every other one is left out.
    for width in (1200, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(200)
        figure = page.locator("figure.histogram").bounding_box()
        boxes = [
            box
            for text in page.locator("figure.histogram svg.ticks text").all()
            if text.is_visible() and (box := text.bounding_box())
        ]
        assert len(boxes) >= 2
        assert all(
            figure["x"] <= b["x"] and b["x"] + b["width"] <= figure["x"] + figure["width"]
            for b in boxes
        ), (width, boxes, figure)
        assert all(a["x"] + a["width"] <= b["x"] for a, b in itertools.pairwise(boxes)), boxes
        # Type as tall as it is wide: the labels are not squashed with the bars.
        assert all(b["height"] >= 10 for b in boxes)
    screenshot(page, "chronology-histogram-phone")
    assert page.console_errors == []


def test_on_a_phone_the_events_come_first_and_the_headers_stay_readable(
    live_server, browser, ingested, screenshot
):
    phone = browser.new_context(viewport={"width": 375, "height": 667})
    page = phone.new_page()
    page.goto(live_server.url + "/")
    # The first event starts on the first screen: the selects give way to the facets, which
    # follow the events a link away.
    assert page.locator("article.event").first.bounding_box()["y"] < 667
    assert not page.locator("#id_actor").is_visible() and page.locator("#id_q").is_visible()
    page.locator("a.to-facets").click()
    page.wait_for_function("() => location.hash === '#facets'")
    facets = page.locator("#facets").bounding_box()
    assert (
        facets["y"] < 667 and facets["y"] > page.locator("article.event").last.bounding_box()["y"]
    )
    screenshot(page, "chronology-phone-facets")
    phone.close()


def test_the_month_header_stays_in_view_below_the_year_header(live_server, page, ingested):
    page.goto(live_server.url + "/")
    months = page.locator(".year h3")
    assert months.count() > 2
    months.nth(1).scroll_into_view_if_needed()
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(300)
    years = page.locator(".year > h2")
    boxes = [years.nth(i).bounding_box() for i in range(years.count())]
    year = next(box for box in boxes if box and abs(box["y"]) < 1)  # the one stuck at the top
    stuck = [
        box
        for i in range(months.count())
        if (box := months.nth(i).bounding_box())
        and abs(box["y"] - (year["y"] + year["height"])) < 4
    ]
    assert stuck, "no month header sits right under the year header"


def test_narrow_by_a_country_from_its_facet(live_server, page, ingested, screenshot):
    from timeline.search import View, count

    page.goto(live_server.url + "/")
    countries = page.locator("section.facet", has=page.locator("h2", has_text="Country"))
    first = countries.locator("li a").first
    name = first.inner_text()
    with page.expect_response(lambda r: "country=" in r.url):
        first.click()
    page.wait_for_function("() => location.search.includes('country=')")
    code = parse_qs(urlsplit(page.url).query)["country"][0]
    expected = count(View(country=code))
    assert expected > 0
    assert page.locator("#results .count strong").inner_text() == str(expected)
    assert page.locator(".chip", has_text=f"Country: {name}").count() == 1
    assert page.locator("#id_country").input_value() == code  # the select follows
    screenshot(page, "chronology-filtered-by-country")
    assert page.console_errors == []


def test_combine_two_actors_and_leave_a_type_out_from_the_facets(
    live_server, page, ingested, screenshot
):
    from timeline.search import View, count

    page.goto(live_server.url + "/")
    actors = page.locator("section.facet", has=page.locator("h2", has_text="Actor"))
    with page.expect_response(lambda r: "actor=" in r.url):
        actors.locator("li .value > a:first-child").first.click()
    page.wait_for_function("() => location.search.includes('actor=')")
    # "+" on another actor: either of the two
    other = actors.locator("li", has=page.locator("a.also")).first
    with page.expect_response(lambda r: r.url.count("actor=") == 2):
        other.locator("a.also").click()
    page.wait_for_function("() => location.search.split('actor=').length === 3")
    chosen = [Actor.objects.get(pk=pk) for pk in parse_qs(urlsplit(page.url).query)["actor"]]
    assert page.locator(".chip", has_text=f"Actor: {chosen[0].name} or {chosen[1].name}").count()
    assert page.locator("#id_actor").is_disabled()
    # "−" on the first event type: its events left out
    types = page.locator("section.facet", has=page.locator("h2", has_text="Event type"))
    with page.expect_response(lambda r: "not_type=" in r.url):
        types.locator("li a.not").first.click()
    page.wait_for_function("() => location.search.includes('not_type=')")
    left_out = parse_qs(urlsplit(page.url).query)["not_type"]
    expected = count(View(actor=tuple(chosen), not_type=tuple(left_out)))
    assert page.locator("#results .count strong").inner_text() == str(expected)
    assert page.locator("section.facet li.excluded").count() == 1
    screenshot(page, "chronology-two-actors-one-type-left-out")
    # Another select keeps the combination; Back restores the view before it.
    with page.expect_response(lambda r: "precision=day" in r.url):
        page.select_option("#id_precision", "day")
    page.wait_for_function("() => location.search.includes('precision=day')")
    query = parse_qs(urlsplit(page.url).query)
    assert sorted(query["actor"]) == sorted(str(a.pk) for a in chosen)
    assert query["not_type"] == left_out
    page.go_back()
    page.wait_for_function("() => !location.search.includes('precision=')")
    assert page.locator("#results .count strong").inner_text() == str(expected)
    assert page.console_errors == []
