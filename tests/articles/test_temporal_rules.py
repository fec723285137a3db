"""The rule names of the date tagger: one registry that the timeline app reads."""

import datetime as dt

from articles.text.temporal import Rule, find_dates


def test_every_rule_the_tagger_emits_is_registered():
    text = (
        "On September 27, 2020, war began. In February 1988 and in 1994 it flared; 1992-1994 "
        "and May-June 2021 too. On May 12 and in September talks ran, and on Wednesday, "
        "yesterday, last week, last month and last year. Over the weekend, last autumn and two "
        "days ago. The next day, later that day, the day before, three days later, that year, "
        "that month. In 2019 the army then moved, six months after a truce was signed."
    )
    for mention in find_dates(text, dt.date(2021, 5, 14)):
        assert Rule(mention.rule) == mention.rule


def test_stated_rules_need_no_publication_date():
    for rule in Rule:
        if rule.stated:
            assert not rule.on_publication and not rule.day_anaphora


def test_rules_moving_day_for_day_rest_on_the_publication_date():
    assert {r for r in Rule if r.shifts_by_day} <= {r for r in Rule if r.on_publication}
    assert Rule.WEEKDAY_PAST.shifts_by_day and not Rule.YEARLESS.shifts_by_day
    assert Rule.ANAPHORA_NEXT_DAY.day_anaphora and not Rule.ANAPHORA_YEAR.day_anaphora


def test_rule_names_are_plain_strings_for_the_database():
    assert Rule.WEEKDAY_PAST == "weekday-past" and isinstance(Rule.YEAR, str)
