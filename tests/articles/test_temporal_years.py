"""Years: bare, spelled out, fiscal, and months or days of a year named relative to publication."""

import datetime as dt

import pytest

from articles.text.temporal import Rule, find_dates

PUB = dt.date(1998, 2, 19)


def values(text: str, published: dt.date | None = PUB) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in find_dates(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("His unsuccessful 1996 campaign ended badly.", [("1996", "1996")]),
        ("Officers staged a 2021 coup against the council.", [("2021", "2021")]),
        ("Earnings will fall in both 1990 and 1991.", [("1990", "1990"), ("1991", "1991")]),
        ("The post-1959 exodus split families.", [("post-1959", "1959")]),
        ("In fiscal 1989, the firm earned $7 million.", [("fiscal 1989", "1989")]),
        ("Growth should continue into 1999, he said.", [("1999", "1999")]),
        ("The company's 1997 results were restated.", [("1997", "1997")]),
    ],
)
def test_a_bare_number_in_recent_history_is_a_year(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Up to 2000 a month were paid.",
        "The Orion 1980 venture makes parts.",
        "Security Council Resolution 1973 was adopted.",
        "Police counted 1995 votes and 2010 people.",
        "The rebels killed 1990 soldiers, officials said.",
        "A fleet of 2500 trucks waited.",
        "Read more: Top archaeological discoveries 2023 (updated).",
    ],
)
def test_quantities_and_names_are_not_years(text):
    assert values(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In nineteen ninety-one he was convicted.", [("nineteen ninety-one", "1991")]),
        (
            "January nineteen ninety-seven. A bomb exploded.",
            [("January nineteen ninety-seven", "1997-01")],
        ),
        (
            "The approach of the year two thousand worried them.",
            [("the year two thousand", "2000")],
        ),
        ("Two thousand people marched.", []),
    ],
)
def test_years_said_in_words(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("In February last year the talks collapsed.", "February last year", "1997-02"),
        ("Pol Pot was arrested in June last year.", "June last year", "1997-06"),
        ("The vote was held in January this year.", "January this year", "1998-01"),
        ("It approved the move in early October this year.", "early October this year", "1998-10"),
        ("They join in April next year.", "April next year", "1999-04"),
        ("A deal was signed on May 12 last year.", "May 12 last year", "1997-05-12"),
    ],
)
def test_a_month_of_last_this_or_next_year(text, span, value):
    (m,) = find_dates(text, PUB)
    assert (m.text, m.value, m.rule) == (span, value, Rule.IN_RELATIVE_YEAR)
    assert m.relative
