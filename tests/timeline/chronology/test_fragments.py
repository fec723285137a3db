"""The chronology's repeated markup (templates/fragments/, rendered by timeline/fragments.py):
what each card, bar, facet value and select says, and that every value is escaped."""

import datetime
import re

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from articles.text.temporal.rules import Rule
from tests.factories import make_article, make_event
from timeline.filters import ChoiceSelect
from timeline.fragments import CARD_SUMMARY_CHARS, event_card, facet_links, histogram_bars
from timeline.models import Citation, Event
from timeline.search import events_for_cards
from timeline.search.facets import FacetValue, histogram_from_counts
from timeline.views import _histogram_links, facet_value_links


def folded(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", str(html))).strip()


def card_of(event, open_sources=False) -> str:
    return event_card(events_for_cards().get(pk=event.pk), open_sources)


def test_a_card_says_when_what_who_where_and_from_which_sources(db):
    article = make_article("Baku said shells hit Tovuz on May 12, 2021.", outlet="Trend")
    event = make_event(
        datetime.date(2021, 5, 12),
        "Shelling of Tovuz",
        actors=[("Azerbaijan", "source"), ("Armenian forces", "actor")],
        places=["Tovuz"],
        article=article,
        event_type="attack",
        status="reviewed",
    )
    html = card_of(event)
    assert f'<article class="event" id="event-{event.pk}"' in html
    assert '<time class="when" datetime="2021-05-12">12 May 2021</time>' in html
    assert '<span class="type type-attack">attack</span>' in html.lower()
    assert '<span class="badge reviewed">reviewed</span>' in html
    assert '<span class="badge outlets" title="Trend">1 outlet</span>' in html
    assert f'<a href="{event.get_absolute_url()}">Shelling of Tovuz</a>' in html
    assert 'Armenian forces</a> <span class="role">(acted)</span>' in html
    assert 'Azerbaijan</a> <span class="role">(said so)</span>' in html
    assert '<dt>Places</dt><dd><a href="' in html and 'class="place">Tovuz</a></dd>' in html
    assert "<summary>1 source</summary>" in html and '<details class="sources">' in html
    assert "Trend, 14 May 2021" in text_of(html)
    assert card_of(event, open_sources=True).count('<details class="sources" open>') == 1
    assert "contested" not in html and "inferred" not in html and 'title="Approx' not in html


def test_a_card_marks_loose_inferred_contested_and_disputed_dates(db):
    article = make_article(
        "Baku said shells hit Tovuz on Wednesday.", outlet=None, published_source="inferred"
    )
    event = make_event(
        datetime.date(2021, 5, 12),
        "Shelling of Tovuz",
        actors=[("Azerbaijan", "source"), ("Armenia", "denies")],
        article=article,
        contested=True,
        planned=True,
        date_confidence=0.1,
    )
    Citation.objects.filter(event=event).update(date_rule=Rule.WEEKDAY_PAST)
    denial = make_article("Yerevan denied it.", outlet="Armenpress")
    Citation.objects.create(
        event=event, article=denial, quote="Yerevan denied it.", start=0, end=18,
        stance=Citation.Stance.DISPUTES,
    )  # fmt: skip
    html = card_of(event)
    assert (
        'title="Approximate: the text dates it loosely. Inferred: resolved against a publication'
        ' date the text does not state.">≈ 12 May 2021 <span class="inferred">(inferred)</span>'
    ) in html
    assert '<span class="badge contested">contested</span>' in html
    assert '<span class="badge planned">planned</span>' in html
    assert "Contested: claimed by Azerbaijan; denied by Armenia." in text_of(html)
    assert "disputes it Armenpress" in text_of(html) and "Unknown outlet" in html
    assert "(inferred)" in text_of(html).split("Unknown outlet")[1]
    assert "<summary>2 sources</summary>" in html


def test_a_contested_card_without_claimants_names_its_outlets_or_no_one(db):
    reported = make_event(datetime.date(2021, 5, 12), "Reported", contested=True, quote="It hit.")
    unsourced = make_event(datetime.date(2021, 5, 13), "Unsourced", contested=True)
    assert "Contested: reported by TASS." in text_of(card_of(reported))
    assert "Contested: reported by an unnamed source." in text_of(card_of(unsourced))
    assert "<dl" not in card_of(unsourced) and "<summary>0 sources</summary>" in card_of(unsourced)


def test_a_card_dates_at_the_events_precision(db):
    war = make_event(
        datetime.date(1992, 1, 1), "A war", precision="year", end=datetime.date(1994, 1, 1)
    )
    month = make_event(datetime.date(2020, 9, 1), "A month", precision="month")
    assert '<time class="when" datetime="1992/1994">1992–1994</time>' in card_of(war)
    assert '<time class="when" datetime="2020-09">September 2020</time>' in card_of(month)


def test_a_card_shortens_a_long_summary_that_stays_whole(db):
    whole = "The council of the valley districts agreed " + "and agreed again " * 20 + "at last."
    short = "The council met on Friday."
    long_card = card_of(make_event(datetime.date(2021, 5, 12), whole))
    short_card = card_of(make_event(datetime.date(2021, 5, 13), short))
    assert Event.objects.get(start=datetime.date(2021, 5, 12)).summary == whole
    assert whole not in long_card and whole[:100] in long_card and "…</a></h4>" in long_card
    shown = re.search(r'class="summary"><a href="[^"]*">([^<]*)</a>', long_card).group(1)
    assert len(shown) == CARD_SUMMARY_CHARS and shown.endswith("…")
    assert f">{short}</a></h4>" in short_card


@pytest.mark.parametrize("open_sources", [False, True])
def test_a_card_escapes_every_value(db, open_sources):
    event = make_event(
        datetime.date(2021, 5, 12),
        "<img src=x onerror=alert(1)>",
        actors=['"><script>alert(2)</script>'],
        places=["<svg onload=alert(3)>"],
        quote="<iframe src=javascript:alert(4)>",
        article=make_article("<iframe src=javascript:alert(4)>", outlet='Trend & "<Co>"'),
    )
    html = card_of(event, open_sources)
    assert "<img" not in html and "<script" not in html and "<svg" not in html
    assert "<iframe" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Trend &amp; &#34;&lt;Co&gt;&#34;" in html
    assert Event.objects.count() == 1


def test_a_card_reads_only_what_the_chronology_prefetches(db):
    make_event(actors=["Azerbaijan"], places=["Tovuz"], quote="It hit Tovuz.")
    event = events_for_cards().get()
    with CaptureQueriesContext(connection) as queries:
        event_card(event)
    assert len(queries) == 0


@pytest.mark.parametrize("exact", [True, False])
def test_histogram_bars_link_to_their_periods_with_their_counts(exact):
    rows = [{"y": 2021, "m": m, "n": n} for m, n in ((4, 0), (5, 1), (6, 1234))]
    chart = histogram_from_counts(rows)
    query = QueryDict("actor=3&q=%3Cb%3E+%26+%22x%22")
    pairs = list(zip(chart.bars, _histogram_links(query, chart), strict=True))
    html = histogram_bars(chart, pairs, exact)
    assert html.count('class="bar"') == len(chart.bars) == 3
    june = pairs[-1]
    assert f'hx-get="{june[1].replace("&", "&amp;")}"' in html and "<b>" not in html
    about, approx = ("", "") if exact else ("about ", "≈ ")
    assert f'aria-label="{june[0].label}: {about}1,234 events"' in html
    assert f"<title>{pairs[1][0].label}: {approx}1 event</title>" in html
    assert f'<rect x="{june[0].x}" y="{june[0].y}" width="{chart.bar_width}"' in html


@pytest.mark.parametrize("approximate", [True, False])
def test_facet_links_filter_by_their_value_and_clear_the_active_one(approximate):
    values = [
        FacetValue("1", "Armenia", 297359),
        FacetValue("2", 'Army <of> "Defence" & Co', 1),
    ]
    html = facet_links(
        facet_value_links(QueryDict("actor=2&date_from=2021"), "actor", values), approximate
    )
    approx = "≈" if approximate else ""
    assert re.search(rf'>Armenia</a>.*?</span> <span class="n">{approx}297,359</span>', html)
    assert 'href="?actor=1&amp;date_from=2021"' in html  # another value replaces the filter
    assert 'href="?date_from=2021" hx-get="?date_from=2021"' in html  # the active one clears it
    assert (
        'aria-current="true" class="active">Army &lt;of&gt; &#34;Defence&#34; &amp; Co</a>' in html
    )
    # "+": this one too (any of them); "−": leave its events out
    assert 'class="also" href="?actor=2&amp;actor=1&amp;date_from=2021"' in html
    assert 'class="not" href="?actor=2&amp;date_from=2021&amp;not_actor=1"' in html
    assert 'aria-label="Leave out Army &lt;of&gt; &#34;Defence&#34; &amp; Co"' in html


def test_facet_links_combine_values_and_let_a_left_out_one_back_in():
    values = [FacetValue(v, f"Actor {v}", 1) for v in ("1", "2", "3")]
    links = {
        link["value"].value: link
        for link in facet_value_links(
            QueryDict("actor=1&actor=2&not_actor=3&after=x"), "actor", values
        )
    }
    # a chosen value's link drops it and keeps the other; no "+" on a chosen value
    assert links["1"]["url"] == "?actor=2&not_actor=3" and links["1"]["also_url"] is None
    assert links["1"]["not_url"] == "?actor=2&not_actor=3&not_actor=1"
    # a left-out value's link lets it back in, and offers no second "−"
    assert links["3"]["excluded"] and links["3"]["url"] == "?actor=1&actor=2"
    assert links["3"]["not_url"] is None
    # a facet that does not combine has neither
    status = facet_value_links(QueryDict(""), "status", [FacetValue("reviewed", "reviewed", 1)])
    assert status[0]["also_url"] is None and status[0]["not_url"] is None


def test_a_select_writes_what_djangos_select_writes():
    choices = [
        ("", "Any actor"),
        ("7", 'Nikol "Pashinyan" <PM> & co (1,204)'),
        ("12", "Ilham Aliyev's office (88)"),
        ("x'y", "quote in a value"),
    ]
    # The two escape quotes differently (&#34; and &quot;): the same characters either way.
    same_quotes = {"&#34;": "&quot;", "&#39;": "&#x27;"}
    for value in ("", "12", "x'y", "missing", None):
        attrs = {"id": "id_actor", "aria-label": "Actor", "required": True, "disabled": False}
        ours = str(ChoiceSelect(choices=choices).render("actor", value, attrs))
        for theirs, same in same_quotes.items():
            ours = ours.replace(theirs, same)
        django = forms.Select(choices=choices).render("actor", value, attrs)
        assert folded(ours) == folded(django), value
    assert 'value="12" selected' in ChoiceSelect(choices=choices).render("actor", "12")
