"""The Python event card (timeline/cards.py) writes what the Django template it replaced wrote.

tests/timeline/chronology/reference/event_card.html is that template, kept as the reference: every card
is rendered both ways and compared with runs of whitespace folded (the template's indentation
around its tags is not part of the markup).
"""

import datetime
import functools
import re
from pathlib import Path

import pytest
from django.template import Context, Engine

from tests.factories import make_article, make_event
from timeline.cards import CARD_SUMMARY_CHARS, event_card
from timeline.models import Citation, Event, EventActor
from timeline.views import chronology_queryset


def folded(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


@functools.lru_cache
def reference_of(name: str):
    """The template code a function of timeline/cards.py replaced (tests/timeline/chronology/reference).

    The card has since come to shorten the summary, which is stored whole, for display: the
    reference does the same with the template filter.
    """
    code = (Path(__file__).parent / "reference" / f"{name}.html").read_text()
    code = code.replace(
        "{{ event.summary }}", f"{{{{ event.summary|truncatechars:{CARD_SUMMARY_CHARS} }}}}"
    )
    return Engine(
        libraries={"humanize": "django.contrib.humanize.templatetags.humanize"}
    ).from_string(code)


def reference(event, open_sources=False) -> str:
    return reference_of("event_card").render(
        Context({"event": event, "open_sources": open_sources})
    )


def assert_same_cards():
    events = list(chronology_queryset().order_by("start", "id"))
    assert events
    for event in events:
        for open_sources in (False, True):
            assert folded(event_card(event, open_sources)) == folded(
                reference(event, open_sources)
            ), event.pk


def test_the_sample_articles_cards_are_the_templates(samples):
    assert_same_cards()


def test_every_branch_of_the_card_is_the_templates(db):
    article = make_article(
        "Baku said <b>shells</b> & mortars hit Tovuz on May 12, 2021.",
        outlet="Trend & <Co>",
        published_source="inferred",
    )
    contested = make_event(
        datetime.date(2021, 5, 12),
        'Shelling of "Tovuz" <script>alert(1)</script>',
        actors=[("Azerbaijan", "source"), ("Armenia", "denies"), ("Army & Co", "target")],
        places=["Tovuz", "Jermuk <x>"],
        article=article,
        quote=article.body,
        contested=True,
        status="reviewed",
        date_confidence=0.1,
    )
    Citation.objects.filter(event=contested).update(date_rule="weekday")
    disputed = make_article("Yerevan denied it.", outlet=None, published=None)
    Citation.objects.create(
        event=contested, article=disputed, quote="Yerevan denied it.", start=0, end=18,
        stance=Citation.Stance.DISPUTES,
    )  # fmt: skip
    make_event(datetime.date(1992, 1, 1), "A war", precision="year", end=datetime.date(1994, 1, 1))
    unsourced = make_event(datetime.date(2020, 9, 1), "Reported only", contested=True)
    EventActor.objects.filter(event=unsourced).delete()
    make_event(datetime.date(2020, 9, 27), "Month", precision="month", quote="A quote.")
    assert_same_cards()


def test_a_card_shortens_a_long_summary_that_stays_whole(db):
    whole = "The council of the valley districts agreed " + "and agreed again " * 20 + "at last."
    short = "The council met on Friday."
    make_event(datetime.date(2021, 5, 12), whole)
    make_event(datetime.date(2021, 5, 13), short)
    long_card, short_card = (event_card(e) for e in chronology_queryset().order_by("start"))
    assert Event.objects.get(start=datetime.date(2021, 5, 12)).summary == whole
    assert whole not in long_card and whole[:100] in long_card and "…</a></h4>" in long_card
    assert f">{short}</a></h4>" in short_card
    assert_same_cards()


@pytest.mark.parametrize("open_sources", [False, True])
def test_a_card_escapes_every_value(db, open_sources):
    make_event(
        datetime.date(2021, 5, 12),
        "<img src=x onerror=alert(1)>",
        actors=['"><script>alert(2)</script>'],
        places=["<svg onload=alert(3)>"],
        quote="<iframe src=javascript:alert(4)>",
    )
    html = event_card(chronology_queryset().get(), open_sources)
    assert "<img" not in html and "<script" not in html and "<svg" not in html
    assert "<iframe" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert Event.objects.count() == 1


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("span", [(2020, 9, 2021, 5), (1988, 1, 2023, 12)])
def test_histogram_bars_are_the_templates(exact, span):
    from django.http import QueryDict

    from timeline.cards import histogram_bars
    from timeline.facets import histogram_of
    from timeline.views import _histogram_links

    y0, m0, y1, m1 = span
    rows = [
        {"y": y, "m": m, "n": (y * 7 + m * 13) % 1500}
        for y in range(y0, y1 + 1)
        for m in range(1, 13)
        if (y0, m0) <= (y, m) <= (y1, m1)
    ]
    chart = histogram_of(rows)
    query = QueryDict("actor=3&q=%3Cb%3E+%26+%22x%22")
    pairs = list(zip(chart.bars, _histogram_links(query, chart), strict=True))
    expected = reference_of("histogram_bars").render(
        Context({"histogram": chart, "histogram_bars": pairs, "counts": {"total_exact": exact}})
    )
    assert folded(histogram_bars(chart, pairs, exact)) == folded(expected)


@pytest.mark.parametrize("approximate", [True, False])
def test_facet_links_are_the_templates(approximate):
    from django.http import QueryDict

    from timeline.cards import facet_links
    from timeline.facets import FacetValue
    from timeline.views import facet_links as links_of

    values = [
        FacetValue("1", "Armenia", 297359),
        FacetValue("2", 'Army <of> "Defence" & Co', 1),
        FacetValue("3", "Baku", 1000),
    ]
    links = links_of(QueryDict("actor=2&date_from=2021"), "actor", values)
    expected = reference_of("facet_links").render(
        Context({"links": links, "approximate": approximate})
    )
    assert folded(facet_links(links, approximate)) == folded(expected)
