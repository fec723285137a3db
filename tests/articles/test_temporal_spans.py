"""Spans that reach up to publication: this week, the past week, overnight; and seasons."""

import datetime as dt

import pytest

from articles.text.temporal import Rule, find_dates

THU = dt.date(2023, 6, 8)  # a Thursday


def only(text: str, published: dt.date = THU):
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "rule"),
    [
        (
            "Talks resumed this week in Geneva.",
            "this week",
            "2023-06-05/2023-06-08",
            Rule.RELATIVE_WEEK,
        ),
        ("Talks will resume this week.", "this week", "2023-06-08/2023-06-11", Rule.RELATIVE_WEEK),
        (
            "Envoys met earlier in the week.",
            "earlier in the week",
            "2023-06-05/2023-06-07",
            Rule.RELATIVE_WEEK,
        ),
        (
            "Prices rose over the past week.",
            "over the past week",
            "2023-06-01/2023-06-08",
            Rule.RELATIVE_WEEK,
        ),
        (
            "Drones struck the city overnight, officials said.",
            "overnight",
            "2023-06-07/2023-06-08",
            Rule.OVERNIGHT,
        ),
        ("Overnight, shelling hit the port.", "Overnight", "2023-06-07/2023-06-08", Rule.OVERNIGHT),
        ("A curfew will apply overnight.", "overnight", "2023-06-08/2023-06-09", Rule.OVERNIGHT),
        (
            "The dam was blown up overnight from Monday to Tuesday.",
            "overnight from Monday to Tuesday",
            "2023-06-05/2023-06-06",
            Rule.OVERNIGHT,
        ),
    ],
)
def test_spans_up_to_publication(text, span, value, rule):
    m = only(text)
    assert (m.text, m.value, m.rule) == (span, value, rule)


@pytest.mark.parametrize(
    "text", ["Overnight losses in New York weighed.", "An overnight curfew is in force."]
)
def test_overnight_as_an_adjective_dates_nothing(text):
    assert find_dates(text, THU) == []


MARCH = dt.date(2023, 3, 8)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Fighting raged in the summer.", "summer", "2022-06/2022-08"),
        ("During winter, shelling eased.", "winter", "2022-12/2023-02"),
        ("Talks will resume in the spring.", "spring", "2023-03/2023-05"),
        ("In the fall, talks stalled.", "fall", "2022-09/2022-11"),
        ("Protests began last summer.", "last summer", "2022-06/2022-08"),
        ("Troops froze this winter.", "this winter", "2022-12/2023-02"),
        ("Elections are due this summer.", "this summer", "2023-06/2023-08"),
        ("It was signed in summer 2021.", "summer 2021", "2021-06/2021-08"),
    ],
)
def test_seasons(text, span, value):
    m = only(text, MARCH)
    assert (m.text, m.value, m.rule, str(m.precision)) == (span, value, Rule.SEASON, "month")


@pytest.mark.parametrize(
    "text",
    [
        "After the fall of Kabul, aid stopped.",
        "The fall in prices hurt exporters.",
        "Prices fall in spring.",
        "The Arab Spring spread.",
        "Hot springs opened.",
    ],
)
def test_seasons_words_that_are_not_seasons(text):
    assert find_dates(text, MARCH) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A time of day with its day is one expression, dated by the day.
        (
            "He was seized at 10 p.m. Wednesday, police said.",
            dt.date(1998, 2, 13),
            [("10 p.m. Wednesday", "1998-02-11")],
        ),
        # A time dated by the day stated before it in its sentence, or named just after it.
        (
            "On Monday the truce began at 9:45 pm.",
            dt.date(2023, 5, 24),
            [("Monday", "2023-05-22"), ("9:45 pm", "2023-05-22")],
        ),
        (
            "He was to appear at midday, according to a statement today.",
            dt.date(1999, 10, 8),
            [("midday", "1999-10-08"), ("today", "1999-10-08")],
        ),
        (
            "“He will leave at 4 in the morning (4 a.m. EDT Thursday),” he said.",
            dt.date(2000, 4, 5),
            [("4 in the morning", "2000-04-06"), ("4 a.m. EDT Thursday", "2000-04-06")],
        ),
        # With no day in its sentence a time says nothing.
        ("The truce starts at 9:45 pm Khartoum time.", dt.date(2023, 5, 20), []),
        # A date right after it dates it, not the day stated earlier (a dateline's).
        (
            "KALDEN, May 20 - The truce starts at 9:45 pm (1945 GMT) on May 22, envoys said.",
            dt.date(2023, 5, 20),
            [("May 20", "2023-05-20"), ("May 22", "2023-05-22")],
        ),
        ("Markets close at 5 p.m. EST Nov. 9.", dt.date(1989, 11, 8), [("Nov. 9", "1989-11-09")]),
        # "the day before last Tuesday": the weekday, one day off.
        (
            "The day before last Tuesday's hearing, he visited.",
            dt.date(2000, 2, 24),
            [("The day before last Tuesday", "2000-02-21")],
        ),
    ],
)
def test_times_of_day_and_day_offsets(text, published, expected):
    assert [(m.text, m.value) for m in find_dates(text, published)] == expected
