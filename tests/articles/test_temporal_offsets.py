"""Dates counted back from publication or from the mention before: "ago", "later", "the year"."""

import datetime as dt

import pytest

from articles.text.temporal import Rule, find_dates

WED = dt.date(2023, 3, 22)


def only(text: str, published: dt.date = WED):
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The militia invited the envoy two weeks ago.", "two weeks ago", "2023-03-08"),
        ("Shelling resumed a week or so ago.", "a week or so ago", "2023-03-15"),
        ("The dam was built a decade ago.", "a decade ago", "2013"),
        ("The war began two decades ago.", "two decades ago", "2003"),
    ],
)
def test_ago_in_weeks_and_decades(text, span, value):
    m = only(text)
    assert (m.text, m.value, m.rule) == (span, value, Rule.AGO)


@pytest.mark.parametrize(
    ("text", "value", "rule"),
    [
        # From the mention in the same or the previous sentence.
        (
            "The town fell on May 3, 2021. Two weeks later, the army returned.",
            "2021-05-17",
            Rule.ANAPHORA_LATER,
        ),
        ("The town fell in May 2021. A month later, talks began.", "2021-06", Rule.ANAPHORA_LATER),
        ("The town fell in 2019. Two years later, it was rebuilt.", "2021", Rule.ANAPHORA_LATER),
        ("Exports were 40% in 2021, up from 35% a year earlier.", "2020", Rule.ANAPHORA_LATER),
        # With nothing to count from, "a year earlier" is the year before the report.
        ("Exports rose to 40% from 35% a year earlier.", "2022", Rule.YEAR_EARLIER),
        ("Year-earlier sales were restated.", "2022", Rule.YEAR_EARLIER),
    ],
)
def test_later_and_earlier(text, value, rule):
    m = find_dates(text, WED)[-1]
    assert (m.value, m.rule) == (value, rule)


def test_a_year_after_an_event_is_no_anaphora():
    text = "The town was rebuilt in 2019, a year after the siege ended."
    assert [(m.value, m.rule) for m in find_dates(text, WED)] == [
        ("2019", Rule.YEAR),
        ("2018", Rule.OFFSET_EVENT),
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The firm expects higher sales for the year.", "the year"),
        ("Profit for the current fiscal year will fall.", "the current fiscal year"),
        ("Sales for the full year were flat.", "the full year"),
        ("The deal should close by year-end.", "year-end"),
        ("Reserves must be in place by the end of the year.", "the end of the year"),
        ("Herbicide use was delayed earlier in the year.", "earlier in the year"),
    ],
)
def test_the_year_of_the_report(text, span):
    m = only(text)
    assert (m.text, m.value, m.rule) == (span, "2023", Rule.THE_YEAR)


def test_the_year_is_not_another_year():
    assert find_dates("It was the year before the war. YEAR END: top stories.", WED) == []
    text = "The dam broke in 2019. Later in the year, the town flooded."
    assert [(m.value, m.rule) for m in find_dates(text, WED)] == [
        ("2019", Rule.YEAR),
        ("2019", Rule.ANAPHORA_YEAR),
    ]


def test_a_year_earlier_than_the_day_a_sentence_is_about_keeps_its_day():
    text = "For the quarter ended Sept. 30, profit rose to $133 million from $100 million a year earlier."
    assert [m.value for m in find_dates(text, dt.date(1989, 10, 26))] == [
        "1989-09-30",
        "1988-09-30",
    ]
    # The day something was said is no such day.
    text = "The company said Friday that losses widened, compared with a profit a year earlier."
    assert [m.value for m in find_dates(text, dt.date(1989, 10, 30))] == ["1989-10-27", "1988"]
