"""/events.timeline.json: the chronology's current view in TimelineJS3's JSON format."""

import datetime
import json

import pytest
from django.urls import reverse

from articles.models import Outlet
from tests.factories import make_article, make_event
from timeline.models import Actor, Citation, Event, Place

URL = reverse("events_timelinejs")


def get_document(client, params=None) -> dict:
    response = client.get(URL, params or {})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.streaming
    return json.loads(b"".join(response.streaming_content))


def slides_by_headline(document) -> dict:
    return {slide["text"]["headline"]: slide for slide in document["events"]}


@pytest.fixture
def events(db):
    tass = make_article(
        "Clashes erupted on May 12, 2021. Fighting went on over the weekend of 14-15 May.",
        published=datetime.date(2021, 5, 16),
    )
    rferl = make_article("Clashes erupted on the border on May 12.", outlet="RFE/RL")
    day = make_event(
        datetime.date(2021, 5, 12),
        "Clashes erupt",
        event_type=Event.Type.ARMED_CLASH,
        actors=[("Azerbaijan Armed Forces", "actor"), ("Armenia", "target")],
        places=["Syunik Province"],
        article=tass,
        quote="Clashes erupted on May 12, 2021.",
    )
    make_event_citation(day, rferl, "Clashes erupted on the border on May 12.")
    weekend = make_event(
        datetime.date(2021, 5, 14),
        "Fighting over the weekend",
        end=datetime.date(2021, 5, 15),
        event_type=Event.Type.ARMED_CLASH,
        article=tass,
        quote="Fighting went on over the weekend of 14-15 May.",
    )
    month = make_event(datetime.date(1988, 2, 1), "Conflict breaks out", precision="month")
    month_range = make_event(
        datetime.date(2020, 9, 1),
        "Autumn war",
        precision="month",
        end=datetime.date(2020, 11, 1),
    )
    year_range = make_event(
        datetime.date(1992, 1, 1),
        "Large-scale war",
        precision="year",
        end=datetime.date(1994, 1, 1),
    )
    rejected = make_event(
        datetime.date(2021, 5, 13), "Noise the editor rejected", status=Event.Status.REJECTED
    )
    return {
        "day": day,
        "weekend": weekend,
        "month": month,
        "month_range": month_range,
        "year_range": year_range,
        "rejected": rejected,
    }


def make_event_citation(event, article, quote):
    start = article.body.index(quote)
    Citation.objects.create(
        event=event, article=article, quote=quote, start=start, end=start + len(quote)
    )


def test_document_has_a_title_slide_and_one_slide_per_visible_event_in_date_order(client, events):
    document = get_document(client)
    assert set(document) == {"title", "events"}
    assert [slide["unique_id"] for slide in document["events"]] == [
        f"event-{events[k].pk}" for k in ("month", "year_range", "month_range", "day", "weekend")
    ]
    assert events["rejected"].summary not in json.dumps(document)
    title = document["title"]["text"]
    assert title["headline"] == "Chronology — all events"
    assert "5 events" in title["text"]


def test_dates_are_given_at_the_event_precision_and_ranges_get_an_end_date(client, events):
    slides = slides_by_headline(get_document(client))
    day = slides["Clashes erupt"]
    assert day["start_date"] == {"year": "2021", "month": "5", "day": "12"}
    assert "end_date" not in day and day["display_date"] == "12 May 2021"

    weekend = slides["Fighting over the weekend"]
    assert weekend["start_date"] == {"year": "2021", "month": "5", "day": "14"}
    assert weekend["end_date"] == {"year": "2021", "month": "5", "day": "15"}
    assert weekend["display_date"] == "14–15 May 2021"

    month = slides["Conflict breaks out"]
    assert month["start_date"] == {"year": "1988", "month": "2"} and "end_date" not in month
    assert month["display_date"] == "February 1988"

    autumn = slides["Autumn war"]
    assert autumn["start_date"] == {"year": "2020", "month": "9"}
    assert autumn["end_date"] == {"year": "2020", "month": "11"}
    assert autumn["display_date"] == "September 2020–November 2020"

    war = slides["Large-scale war"]
    assert (war["start_date"], war["end_date"]) == ({"year": "1992"}, {"year": "1994"})
    assert war["display_date"] == "1992–1994"


def test_slide_lists_quotes_with_outlet_date_and_link_to_the_sentence_and_actors(client, events):
    slide = slides_by_headline(get_document(client))["Clashes erupt"]
    assert slide["group"] == "armed clash"
    text = slide["text"]["text"]
    tass_citation, rferl_citation = events["day"].citations.order_by("article_id")
    assert tass_citation.get_absolute_url().startswith("/articles/")
    assert f'href="http://testserver{tass_citation.get_absolute_url()}"' in text
    assert f'href="http://testserver{rferl_citation.get_absolute_url()}"' in text
    assert "Clashes erupted on May 12, 2021." in text
    assert "TASS, 16 May 2021" in text and "RFE/RL, 14 May 2021" in text
    assert "Azerbaijan Armed Forces (acted)" in text and "Armenia (acted upon)" in text
    assert "Syunik Province" in text
    assert text.endswith('<p class="tl-credit">Sources: RFE/RL, TASS</p>')
    assert "tl-credit" not in slides_by_headline(get_document(client))["Autumn war"]["text"]["text"]


def test_source_text_is_escaped_because_timelinejs_renders_html(client, db):
    article = make_article('Officials said <script>alert("x")</script> & more on May 12, 2021.')
    make_event(
        datetime.date(2021, 5, 12),
        "<script>alert(1)</script> & <b>bold</b>",
        actors=[("<img src=x onerror=alert(2)>", "actor")],
        article=article,
        quote=article.body,
    )
    slide = get_document(client)["events"][0]
    headline, text = slide["text"]["headline"], slide["text"]["text"]
    assert headline == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in text
    assert "&lt;img src=x onerror=alert(2)&gt; (acted)" in text


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"type": "armed_clash"},
        {"date_from": "2020", "date_to": "2021-05-13"},
        {"date_to": "1995"},
        {"q": "war"},
        {"actor": "ACTOR"},
        {"place": "PLACE"},
        {"outlet": "OUTLET"},
    ],
)
def test_export_has_exactly_the_events_the_chronology_shows_for_the_same_query(
    client, events, params
):
    ids = {
        "ACTOR": Actor.objects.get(name="Armenia").pk,
        "PLACE": Place.objects.get(name="Syunik Province").pk,
        "OUTLET": Outlet.objects.get(name="RFE/RL").pk,
    }
    params = {key: ids.get(value, value) for key, value in params.items()}
    chronology = client.get(reverse("chronology"), params)
    assert chronology.status_code == 200
    page = chronology.context["page"]
    assert len(page) == page.total  # one page holds the whole view here
    shown = [event.pk for event in page.object_list]
    document = get_document(client, params)
    assert [slide["unique_id"] for slide in document["events"]] == [f"event-{pk}" for pk in shown]
    assert f"{len(shown)} event" in document["title"]["text"]["text"]


def test_title_names_the_filters_in_force(client, events):
    document = get_document(client, {"type": "armed_clash", "date_from": "2021"})
    title = document["title"]["text"]
    assert title["text"] == "<p>2 events, 12 May 2021 to 14–15 May 2021.</p>"
    assert title["headline"] == "Chronology — Event type: armed clash; From: 2021-01-01"


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "soon"},
        {"date_from": "2022", "date_to": "2021"},
        {"actor": "999999"},
        {"type": "picnic"},
    ],
)
def test_bad_filters_are_a_plain_400_not_a_500(client, events, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("Invalid filter:")


def test_export_streams_in_bounded_queries(client, events, django_assert_max_num_queries):
    for n in range(30):
        make_event(datetime.date(2021, 6, 1 + n % 28), f"Extra event {n}", actors=["Armenia"])
    with django_assert_max_num_queries(12):
        document = get_document(client)
    assert len(document["events"]) == 35


def test_presentation_page_points_timelinejs_at_the_export_of_the_same_query(client, events):
    response = client.get(reverse("presentation"), {"type": "armed_clash", "page": "2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-src="{URL}?type=armed_clash"' in html  # the chronology's page is dropped
    assert "<strong>2</strong> events" in html and "Event type: armed clash" in html
    assert "vendor/timelinejs-3.9.11/js/timeline" in html and "js/presentation" in html
    # The CSP allows no inline script: every <script> has a src.
    assert html.count("<script") == html.count("<script src=")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_presentation_page_with_nothing_to_show_or_bad_filters_starts_no_timeline(client, events):
    empty = client.get(reverse("presentation"), {"q": "no such words anywhere"})
    assert empty.status_code == 200
    assert "No events match" in empty.content.decode()
    assert 'id="presentation"' not in empty.content.decode()
    bad = client.get(reverse("presentation"), {"date_from": "soon"})
    assert bad.status_code == 400
    assert "date_from" in bad.content.decode() and 'id="presentation"' not in bad.content.decode()
