import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_event
from timeline.models import Actor, Event
from timeline.search import Stored

URL = reverse("chronology")


@pytest.fixture
def events(db):
    article = make_article(
        "Armenia said troops crossed the border on May 12, 2021. Talks were held in Moscow."
    )
    crossing = make_event(
        datetime.date(2021, 5, 12),
        "Troops cross the border in Syunik",
        actors=[("Azerbaijan Armed Forces", "actor"), ("Armenia", "target")],
        places=["Syunik Province"],
        article=article,
        quote="Armenia said troops crossed the border on May 12, 2021.",
    )
    talks = make_event(
        datetime.date(2020, 11, 9),
        "Leaders sign a ceasefire statement",
        actors=["Vladimir Putin"],
        places=["Moscow"],
        event_type=Event.Type.AGREEMENT,
        article=article,
        quote="Talks were held in Moscow.",
    )
    old = make_event(datetime.date(1988, 2, 1), "Conflict breaks out", precision="month")
    rejected = make_event(
        datetime.date(2021, 5, 13), "Noise the editor rejected", status=Event.Status.REJECTED
    )
    return {"crossing": crossing, "talks": talks, "old": old, "rejected": rejected}


def test_full_page_lists_events_in_date_order_with_year_and_month_headings(client, events):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<form" in html
    positions = [html.index(events[k].summary) for k in ("old", "talks", "crossing")]
    assert positions == sorted(positions)
    assert '<h2 id="y1988">1988</h2>' in html and "<h3>February</h3>" in html
    assert "February 1988" in html  # month precision shown as a month, no invented day
    assert "12 May 2021" in html


def test_rejected_events_are_hidden(client, events):
    assert events["rejected"].summary not in client.get(URL).content.decode()


def test_citations_show_outlet_and_quote_linking_to_the_sentence(client, events):
    html = client.get(URL).content.decode()
    citation = events["crossing"].citations.get()
    assert "TASS" in html
    assert f'href="/articles/{citation.article_id}/#s{citation.start}"' in html
    assert citation.quote in html


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"q": "ceasefire"}, ["talks"], ["crossing", "old"]),
        ({"q": "held in moscow"}, ["talks"], ["crossing"]),  # matches the quoted sentence, any case
        ({"type": "agreement"}, ["talks"], ["crossing", "old"]),
        ({"date_from": "2021"}, ["crossing"], ["talks", "old"]),
        ({"date_to": "1988-02"}, ["old"], ["talks", "crossing"]),
        (
            {"date_from": "1988-02-15", "date_to": "1988-03"},
            ["old"],
            ["talks"],
        ),  # overlaps the month
    ],
)
def test_filters_narrow_the_results(client, events, params, shown, hidden):
    html = client.get(URL, params).content.decode()
    for key in shown:
        assert events[key].summary in html
    for key in hidden:
        assert events[key].summary not in html


def test_actor_place_and_outlet_filters(client, events):
    actor = Actor.objects.get(name="Vladimir Putin")
    html = client.get(URL, {"actor": actor.pk}).content.decode()
    assert events["talks"].summary in html and events["crossing"].summary not in html
    place = events["crossing"].places.get()
    html = client.get(URL, {"place": place.pk}).content.decode()
    assert events["crossing"].summary in html and events["talks"].summary not in html
    outlet = events["crossing"].citations.get().article.outlet
    html = client.get(URL, {"outlet": outlet.pk}).content.decode()
    assert events["old"].summary not in html and events["talks"].summary in html


def test_htmx_request_gets_only_the_results_fragment(client, events):
    response = client.get(URL, {"q": "ceasefire"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "<form" not in html and "<html" not in html
    assert events["talks"].summary in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, events):
    response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_fragment_matches_the_full_page_results(client, events):
    full = client.get(URL, {"type": "agreement"}).content.decode()
    fragment = client.get(
        URL, {"type": "agreement"}, headers={"HX-Request": "true"}
    ).content.decode()
    # Less the selects' options the fragment also carries, for the form outside it (hx-swap-oob).
    fragment = re.sub(r'<select id="id_\w+" hx-swap-oob="innerHTML">.*?</select>', "", fragment)
    assert "hx-swap-oob" not in full
    assert " ".join(fragment.split()) in " ".join(full.split())


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "yesterday"},
        {"date_from": "2021-02-30"},
        {"date_from": "2022", "date_to": "2021"},
        {"actor": "999999"},
        {"actor": "abc"},
        {"type": "massacre"},
        {"after": "yesterday.1"},
        {"before": "2021-05-12"},
        {"after": "2021-05-12.99999999999999999999999"},
        {"q": "x" * 500},
    ],
)
def test_invalid_filters_are_a_400_with_a_message(client, events, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_a_cursor_past_the_end_shows_an_empty_page_not_an_error(client, events):
    response = client.get(URL, {"after": "2099-01-01.1"})
    assert response.status_code == 200 and "No events match" in response.content.decode()


def test_keyset_pages_walk_the_whole_chronology_and_keep_the_filters(client, db, settings):
    settings.CHRONOLOGY_PAGE_SIZE = 2
    made = [
        make_event(datetime.date(2021, 5, day % 3 + 1), f"Shelling reported {day}")
        for day in range(1, 6)
    ]
    make_event(datetime.date(2021, 5, 1), "Unrelated talks")
    expected = [e.summary for e in sorted(made, key=lambda e: (e.start, e.pk))]
    seen, url, pages = [], URL + "?q=shelling", 0
    while url:
        html = client.get(url).content.decode()
        seen += re.findall(r">(Shelling reported \d)</a></h4>", html)
        assert "Unrelated" not in html and "<strong>5</strong> events" in html
        pages += 1
        link = re.search(r'rel="next" href="\?([^"]+)"', html)
        url = URL + "?" + link.group(1).replace("&amp;", "&") if link else None
        if url:
            assert "q=shelling" in url and "after=" in url
    assert seen == expected and pages == 3
    # And back: the previous link of the last page leads to the page before it.
    last = client.get(
        URL + "?q=shelling&after=" + f"{made[0].start.isoformat()}.0"
    ).content.decode()
    assert 'rel="prev"' in last


def test_query_count_does_not_grow_with_the_page(
    client, db, settings, django_assert_max_num_queries
):
    settings.CHRONOLOGY_PAGE_SIZE = 100
    article = make_article("One. Two. Three.")
    for day in range(1, 29):
        make_event(
            datetime.date(2021, 2, day),
            f"Event {day}",
            actors=["A", ("B", "target")],
            places=["P"],
            article=article,
            quote="One.",
        )
    # After a write there are no stored aggregates: the page reads a sample instead (exact on
    # a chronology this small): the aggregates' lookup, the sample, the names of the actors,
    # places and outlets in it, the events and three prefetches. Whatever the page size; no
    # COUNT(*) (the sample gives it).
    with django_assert_max_num_queries(7):
        assert client.get(URL).status_code == 200
    Stored.refresh()
    with django_assert_max_num_queries(5):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(URL, headers={"HX-Request": "true"}).status_code == 200
    # A filtered view reads every facet's sample in one query: still a fixed number (the
    # actor's validation is one more, and on PostgreSQL a date range reads the page's ids from
    # two indexes before its rows). A text adds none: the actor names it is expanded with
    # (search.with_aliases) come with the stored aggregates.
    actor = Actor.objects.get(name="A")
    many = {"q": "Event", "actor": actor.pk, "type": "other", "date_from": "2021", "place": ""}
    with django_assert_max_num_queries(8):
        assert client.get(URL, many).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(URL, {"q": "Event"}).status_code == 200


def test_page_carries_a_csp_with_no_inline_script(client, events):
    response = client.get(URL)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
    assert "/static/vendor/htmx-2.0.11.min" in response.content.decode()


def test_text_search_is_full_text_search_on_both_databases(client, db):
    from django.db import connection

    make_event(
        datetime.date(2021, 5, 12),
        "Heavy clashes reported near the border",
        quote="Shelling continued.",
    )
    # Quoted sentences are searched too, on both.
    assert "Heavy clashes" in client.get(URL, {"q": "shelling"}).content.decode()
    # Stemming: "clash" finds "clashes"; words in any order; web-search syntax excludes with a
    # minus, quotes a phrase, and takes "or" between alternatives.
    found = {
        q: "Heavy clashes" in client.get(URL, {"q": q}).content.decode()
        for q in ("clash", "border clashes", "clash -border", '"border clashes"',
                  '"clashes reported"', "truce or shelling", "-truce", "-border", "!!!")
    }  # fmt: skip
    assert found == {
        "clash": True,
        "border clashes": True,
        "clash -border": False,
        '"border clashes"': False,
        '"clashes reported"': True,
        "truce or shelling": True,
        "-truce": True,
        "-border": False,
        "!!!": False,
    }
    if connection.vendor == "sqlite":
        sql = str(Event.objects.matching("clash").query)
        assert "timeline_event_fts MATCH" in sql and "LIKE" not in sql
        event = Event.objects.get()  # the index follows edits of the document
        event.summary = "Ceasefire talks near the border"
        event.save()
        event.refresh_search_document()
        assert "Ceasefire talks" in client.get(URL, {"q": "ceasefire"}).content.decode()
        assert "Ceasefire talks" not in client.get(URL, {"q": "clash"}).content.decode()
        event.delete()
        assert not Event.objects.matching("shelling").exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'event_search_vector_gin'"
            )
            (definition,) = cursor.fetchone()
            cursor.execute(
                "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a"
                " ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                " WHERE a.attname = 'search_vector' AND a.attrelid = 'timeline_event'::regclass"
            )
            (generated,) = cursor.fetchone()
        assert "gin (search_vector)" in definition
        assert "to_tsvector('english'" in generated and "search_document" in generated
        # The filter reads the stored column; it never parses the document again per row.
        sql = str(Event.objects.matching("clash").query)
        assert '"timeline_event"."search_vector" @@' in sql and "to_tsvector" not in sql
        # The stored vector follows edits of the document.
        event = Event.objects.get()
        event.summary = "Ceasefire talks near the border"
        event.save()
        event.refresh_search_document()
        assert "Ceasefire talks" in client.get(URL, {"q": "ceasefire"}).content.decode()
        assert "Ceasefire talks" not in client.get(URL, {"q": "clash"}).content.decode()


def test_public_pages_are_compressed_and_carry_no_csrf_token(client, events):
    response = client.get(URL, headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
    import gzip

    html = gzip.decompress(response.content).decode()
    assert "csrfmiddlewaretoken" not in html and "csrftoken" not in response.cookies


def test_a_date_range_pages_through_events_already_going_on_and_those_starting_in_it(
    client, db, settings
):
    """On PostgreSQL a view "from a date" is read as two parts (going on at the date, starting
    after it) merged page by page; the pages must be those of the plain condition."""
    settings.CHRONOLOGY_PAGE_SIZE = 2
    d = datetime.date
    inside = [
        make_event(d(2019, 1, 1), "In: war years", end=d(2022, 1, 1), precision="year"),
        make_event(d(2021, 1, 1), "In: the year 2021", precision="year"),
        make_event(d(2021, 5, 1), "In: May 2021", precision="month"),
        make_event(d(2021, 5, 1), "In: first of May"),
        make_event(d(2021, 6, 3), "In: June"),
        make_event(d(2021, 6, 3), "In: June again"),
        make_event(d(2021, 7, 9), "In: July"),
    ]
    for event in (
        make_event(d(2020, 4, 1), "Out: April 2020", precision="month"),
        make_event(d(2021, 4, 30), "Out: the day before"),
        make_event(d(2018, 1, 1), "Out: earlier years", end=d(2020, 1, 1), precision="year"),
    ):
        assert event.last_day < d(2021, 5, 1)
    expected = [e.summary for e in sorted(inside, key=lambda e: (e.start, e.pk))]

    def walk(url, direction):
        seen = []
        while url:
            html = client.get(url).content.decode()
            page = re.findall(r">((?:In|Out): [^<]+)</a></h4>", html)
            seen = seen + page if direction == "next" else page + seen
            assert "<strong>7</strong> events" in html
            link = re.search(rf'rel="{direction}" href="\?([^"]+)"', html)
            url = URL + "?" + link.group(1).replace("&amp;", "&") if link else None
        return seen, html

    forwards, last = walk(URL + "?date_from=2021-05", "next")
    assert forwards == expected
    # From the last page back to the first.
    prev = re.search(r'rel="prev" href="\?([^"]+)"', last).group(1).replace("&amp;", "&")
    backwards, _ = walk(URL + "?" + prev, "prev")
    assert backwards + expected[-1:] == expected


@pytest.mark.parametrize(
    "url",
    ["/", "/events.json", "/events.csv", "/events.acled.csv", "/events.timeline.json", "/present/"],
)
def test_public_pages_answer_head(client, events, url):
    response = client.head(url)
    assert response.status_code == 200
    assert client.post(url).status_code == 405
