"""Holidays whose day follows from the calendar: fixed days, nth weekdays, Easter."""

import datetime as dt

import pytest

from articles.text.temporal import Rule, find_dates


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        (
            "The boy was found at sea on Thanksgiving Day.",
            dt.date(2000, 1, 7),
            "Thanksgiving Day",
            "1999-11-25",
        ),
        (
            "He was rescued last Thanksgiving.",
            dt.date(2000, 2, 10),
            "last Thanksgiving",
            "1999-11-25",
        ),
        (
            "Shelling continued on Christmas Eve.",
            dt.date(2022, 12, 27),
            "Christmas Eve",
            "2022-12-24",
        ),
        (
            "A truce will hold over Orthodox Christmas.",
            dt.date(2023, 1, 5),
            "Orthodox Christmas",
            "2023-01-07",
        ),
        ("Pilgrims gathered on Easter Sunday.", dt.date(2024, 4, 2), "Easter Sunday", "2024-03-31"),
        ("Orthodox Easter fell quietly.", dt.date(2023, 4, 20), "Orthodox Easter", "2023-04-16"),
        (
            "Parades are planned for Memorial Day.",
            dt.date(2023, 5, 20),
            "Memorial Day",
            "2023-05-29",
        ),
        (
            "Celebrations on New Year's Eve were muted.",
            dt.date(2023, 1, 2),
            "New Year's Eve",
            "2022-12-31",
        ),
        (
            "It happened on Christmas Day, 2019.",
            dt.date(2023, 1, 2),
            "Christmas Day, 2019",
            "2019-12-25",
        ),
    ],
)
def test_holidays(text, published, span, value):
    (m,) = find_dates(text, published)
    assert (m.text, m.value, m.rule) == (span, value, Rule.HOLIDAY)


@pytest.mark.parametrize(
    "text",
    [
        "The ship sailed to Christmas Island.",
        "The Good Friday Agreement ended the Troubles.",
        "Shops sold christmas lights and easter eggs.",
    ],
)
def test_names_that_are_not_holidays(text):
    assert find_dates(text, dt.date(2023, 5, 1)) == []
