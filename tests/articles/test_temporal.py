"""Unit tests of date finding and resolution (pure Python, no database)."""

import datetime as dt

import pytest

from articles.text.temporal import DateMention, Precision, Rule, find_dates, sentence_tense_forward

FRI = dt.date(2021, 5, 14)  # a Friday
MON = dt.date(2021, 5, 17)  # a Monday
SUN = dt.date(2021, 5, 16)  # a Sunday


def only(text: str, published: dt.date | None) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


def check(text: str, published: dt.date | None, span: str, value: str, precision: str) -> None:
    m = only(text, published)
    assert (m.text, m.value, str(m.precision)) == (span, value, precision)
    assert (m.start, m.end) == (text.index(span), text.index(span) + len(span))
    assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "span", "value", "precision"),
    [
        (
            "Fighting erupted on September 27, 2020, in the region.",
            "September 27, 2020",
            "2020-09-27",
            "day",
        ),
        ("Fighting erupted on 27 September 2020.", "27 September 2020", "2020-09-27", "day"),
        ("Fighting erupted on Sept. 27, 2020.", "Sept. 27, 2020", "2020-09-27", "day"),
        ("The report is dated 2020-09-27 here.", "2020-09-27", "2020-09-27", "day"),
        (
            "The agreements of January, 11, 2021, were discussed.",
            "January, 11, 2021",
            "2021-01-11",
            "day",
        ),
        (
            "Agreements of November 10 (November 9 Moscow time), 2020 hold.",
            "November 10 (November 9 Moscow time), 2020",
            "2020-11-10",
            "day",
        ),
        (
            "On Wednesday, May 12, 2021, troops advanced.",
            "Wednesday, May 12, 2021",
            "2021-05-12",
            "day",
        ),
        (
            "The conflict broke out in February 1988 after a vote.",
            "February 1988",
            "1988-02",
            "month",
        ),
        ("Soldiers in Lachin (September 2022) patrol.", "September 2022", "2022-09", "month"),
        ("The last escalation took place in 2020; many died.", "2020", "2020", "year"),
        ("In 1992-1994, tensions boiled over.", "1992-1994", "1992/1994", "year"),
        ("The bloodiest clashes took place in 1988–1994.", "1988–1994", "1988/1994", "year"),
        ("It lasted from 1992 to 1994 in all.", "1992 to 1994", "1992/1994", "year"),
        ("The drills ran on May 12-14, 2021.", "May 12-14, 2021", "2021-05-12/2021-05-14", "day"),
        ("Growth slowed in mid-2020, officials said.", "mid-2020", "2020", "year"),
        ("It was signed in the summer of 2020.", "summer of 2020", "2020-06/2020-08", "month"),
        ("Tensions mounted in the 1990s.", "1990s", "1990/1999", "year"),
    ],
)
def test_absolute_dates_need_no_publication_date(text, span, value, precision):
    check(text, None, span, value, precision)
    check(text, FRI, span, value, precision)


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        # Year-less dates take the latest year on or before publication in past context.
        (
            "Clashes erupted on September 27, with intense battles.",
            dt.date(2021, 2, 16),
            "September 27",
            "2020-09-27",
        ),
        (
            "On November 9, the leaders signed a statement.",
            dt.date(2021, 2, 16),
            "November 9",
            "2020-11-09",
        ),
        ("On February 16, a meeting was held.", dt.date(2021, 2, 16), "February 16", "2021-02-16"),
        ("Some soldiers have withdrawn since May 14.", MON, "May 14", "2021-05-14"),
        ("Troops advanced early on May 12.", MON, "May 12", "2021-05-12"),
        # ...and the next occurrence when the sentence looks forward.
        ("The summit will take place on May 20.", MON, "May 20", "2021-05-20"),
        ("The summit will take place on May 10.", MON, "May 10", "2022-05-10"),
        ("Talks were held on 12 May in Moscow.", MON, "12 May", "2021-05-12"),
    ],
)
def test_yearless_dates(text, published, span, value):
    m = only(text, published)
    assert (m.text, m.value, m.precision) == (span, value, Precision.DAY)
    assert m.start == text.index(span) and m.relative
    assert m.rule == "yearless" and m.confidence == pytest.approx(0.85)


def test_yearless_date_takes_the_year_set_earlier_in_the_sentence():
    text = "On November 9, 2020, they signed a ceasefire starting from November 10."
    first, second = find_dates(text, dt.date(2022, 9, 13))
    assert (first.value, second.value) == ("2020-11-09", "2020-11-10")
    assert not second.relative


def test_yearless_day_range_and_from_to():
    first, second = find_dates("Drills ran May 12-14 and from May 10 to May 11.", MON)
    assert (first.text, first.value, first.rule) == (
        "May 12-14",
        "2021-05-12/2021-05-14",
        "range-days",
    )
    assert (second.text, second.value) == ("May 10 to May 11", "2021-05-10/2021-05-11")


@pytest.mark.parametrize(
    ("text", "published", "span", "value", "rule"),
    [
        (
            "The defense ministry said Wednesday the troops had moved.",
            FRI,
            "Wednesday",
            "2021-05-12",
            "weekday-past",
        ),
        (
            "The ministry said on Thursday the forces were moving.",
            FRI,
            "Thursday",
            "2021-05-13",
            "weekday-past",
        ),
        # The publication weekday itself is the publication day, not a week earlier.
        ("Bayramov said on Friday during a call.", FRI, "Friday", "2021-05-14", "weekday-past"),
        (
            "A meeting was held on Monday morning.",
            MON,
            "Monday morning",
            "2021-05-17",
            "weekday-past",
        ),
        (
            "Ministers spoke Tuesday morning.",
            dt.date(2022, 9, 13),
            "Tuesday morning",
            "2022-09-13",
            "weekday-past",
        ),
        ("Exercises began on Sunday.", MON, "Sunday", "2021-05-16", "weekday-past"),
        (
            "The negotiations will continue on Wednesday.",
            MON,
            "Wednesday",
            "2021-05-19",
            "weekday-future",
        ),
        (
            "“The negotiations will continue on Wednesday,” he said.",
            MON,
            "Wednesday",
            "2021-05-19",
            "weekday-future",
        ),
        ("A vote is scheduled for Thursday.", MON, "Thursday", "2021-05-20", "weekday-future"),
        ("Talks are expected to resume on Friday.", MON, "Friday", "2021-05-21", "weekday-future"),
        ("They will hold talks next Monday.", MON, "next Monday", "2021-05-24", "weekday-future"),
        (
            "The parliament will hold a session on Monday.",
            MON,
            "Monday",
            "2021-05-17",
            "weekday-future",
        ),
        ("He arrived last Monday.", MON, "last Monday", "2021-05-10", "weekday-past"),
    ],
)
def test_weekdays(text, published, span, value, rule):
    m = only(text, published)
    assert (m.text, m.value, m.rule) == (span, value, rule)
    assert m.start == text.index(span) and m.relative
    assert m.confidence == pytest.approx(0.85 if rule == "weekday-past" else 0.75)


def test_weekday_is_skipped_without_publication_date():
    assert find_dates("The ministry said on Wednesday it had no comment.", None) == []


@pytest.mark.parametrize(
    ("text", "published", "span", "value", "precision"),
    [
        ("The minister arrived today.", MON, "today", "2021-05-17", "day"),
        ("Yesterday the border was calm.", MON, "Yesterday", "2021-05-16", "day"),
        ("Troops deployed after last year's war.", MON, "last year", "2020", "year"),
        ("Growth has slowed this year.", MON, "this year", "2021", "year"),
        ("Prices rose last month.", MON, "last month", "2021-04", "month"),
        ("Prices rose earlier this month.", MON, "earlier this month", "2021-05", "month"),
        ("Armenia asked for help last week.", MON, "last week", "2021-05-10/2021-05-16", "day"),
        (
            "Late last week Armenia asked for help.",
            MON,
            "Late last week",
            "2021-05-13/2021-05-16",
            "day",
        ),
        (
            "Officials held more talks over the weekend.",
            MON,
            "over the weekend",
            "2021-05-15/2021-05-16",
            "day",
        ),
        (
            "Officials held talks at the weekend.",
            MON,
            "at the weekend",
            "2021-05-15/2021-05-16",
            "day",
        ),
        ("Officials held talks this weekend.", SUN, "this weekend", "2021-05-15/2021-05-16", "day"),
        ("Hostilities ended last autumn.", FRI, "last autumn", "2020-09/2020-11", "month"),
        ("Hostilities ended last fall.", FRI, "last fall", "2020-09/2020-11", "month"),
        ("Protests began last spring.", FRI, "last spring", "2020-03/2020-05", "month"),
        ("Protests began last summer.", FRI, "last summer", "2020-06/2020-08", "month"),
        ("Snow closed roads last winter.", FRI, "last winter", "2020-12/2021-02", "month"),
        ("The deal was signed two days ago.", MON, "two days ago", "2021-05-15", "day"),
        ("Fighting resumed in September.", MON, "September", "2020-09", "month"),
        ("Fighting has continued since May.", MON, "May", "2021-05", "month"),
    ],
)
def test_relative_phrases(text, published, span, value, precision):
    m = only(text, published)
    assert (m.text, m.value, str(m.precision)) == (span, value, precision)
    assert m.start == text.index(span) and m.relative


def test_last_week_outside_a_duration_only():
    assert find_dates("Prices have risen over the last year.", MON) == []


@pytest.mark.parametrize(
    ("text", "span", "value", "rule"),
    [
        (
            "The ministry said on Wednesday troops moved. Later that day, the premier spoke.",
            "Later that day",
            "2021-05-12",
            "anaphora-same-day",
        ),
        (
            "On Wednesday, troops moved. Later in the evening that day, the premier spoke.",
            "Later in the evening that day",
            "2021-05-12",
            "anaphora-same-day",
        ),
        (
            "On Wednesday, troops moved. The same day, the premier spoke.",
            "The same day",
            "2021-05-12",
            "anaphora-same-day",
        ),
        (
            "On Wednesday, troops moved. The next day, they withdrew.",
            "The next day",
            "2021-05-13",
            "anaphora-next-day",
        ),
        (
            "On Wednesday, troops moved. The following day, they withdrew.",
            "The following day",
            "2021-05-13",
            "anaphora-next-day",
        ),
    ],
)
def test_anaphora_follows_the_previous_mention(text, span, value, rule):
    first, second = find_dates(text, FRI)
    assert first.value == "2021-05-12"
    assert (second.text, second.value, second.rule) == (span, value, rule)
    assert second.start == text.index(span)
    assert second.relative and second.confidence == pytest.approx(0.8)


def test_later_on_weekday_is_a_plain_weekday():
    text = "On Friday, letters were sent. Later on Friday, a spokesman told TASS."
    assert [m.value for m in find_dates(text, SUN)] == ["2021-05-14", "2021-05-14"]


def test_anaphora_without_antecedent_is_skipped():
    assert find_dates("Later that day, the premier spoke.", FRI) == []
    assert find_dates("In 2020 the war ended. That day was cold.", FRI)[-1].value == "2020"


def test_anaphora_after_absolute_date_is_not_relative():
    first, second = find_dates("Talks began on May 12, 2021. The next day they stalled.", FRI)
    assert second.value == "2021-05-13" and not second.relative


@pytest.mark.parametrize(
    "text",
    [
        "We believe Baku may be trying to provoke a clash.",
        "Now the second round begins.",
        "Troops moved 3.5 kilometers deep; 2,000 troops and 6,000 people were there.",
        "Turnout was 2020 votes, up 45%, and $2020 was paid to 2021 soldiers.",
        "It came six months after a ceasefire, after six weeks of fighting.",
        "Officials were dispatched within hours; they have fought for decades.",
        "Armenia invoked Article 2 of the treaty; the 3rd battalion moved.",
        "See document ISO-2020, file 2020/21/EU and order #2021.",
        "Theresa May spoke. They may march in formation.",
    ],
)
def test_rejects_non_dates(text):
    assert find_dates(text, MON) == []


def test_capitalised_today_mid_sentence_is_a_name():
    assert find_dates("According to Armenia Today, troops withdrew.", MON) == []


LATE = dt.date(2021, 5, 21)  # a Friday; that Wednesday is 19 May


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A report two days late: its lead tells of Wednesday, and so did the quoted mediator.
        (
            "Both delegations signed a truce on Wednesday in Dastra.\n\n"
            '"This is a first step. The truce we signed today must hold," the mediator said.',
            "2021-05-19",
        ),
        # "yesterday" in that quotation is the day before the statement.
        (
            "Both delegations signed a truce on Wednesday in Dastra.\n\n"
            '"The talks broke down yesterday and resumed at dawn," the mediator said.',
            "2021-05-18",
        ),
        # The statement dated before the quotation in its sentence.
        (
            "Fighting eased in Dastra this week.\n\n"
            'The mediator said on Tuesday: "We expect a truce today."',
            "2021-05-18",
        ),
        # The quotation's own attribution dates it, after the quote: left at publication.
        (
            "Both delegations signed a truce on Wednesday in Dastra.\n\n"
            '"We are in Dastra today," the envoy said on Friday.',
            "2021-05-21",
        ),
        # A lead of the publication day: as publication.
        (
            "Envoys met on Friday and on Wednesday in Dastra.\n\n"
            '"Talks resumed today," an envoy said.',
            "2021-05-21",
        ),
        # A closing straight quote is no opening one, however far the paragraph runs.
        (
            "Both delegations signed a truce on Wednesday in Dastra.\n\n"
            + 'The envoy warned that "'
            + "the truce is fragile and " * 30
            + 'must hold." Officials said today that the truce held.',
            "2021-05-21",
        ),
        # The narrator's own "today" is the publication day.
        (
            "Both delegations signed a truce on Wednesday in Dastra.\n\n"
            "The mediator flew home today.",
            "2021-05-21",
        ),
    ],
)
def test_today_in_a_quotation_is_the_day_of_the_statement(text, value):
    days = [m for m in find_dates(text, LATE) if m.text in ("today", "yesterday")]
    assert [m.value for m in days] == [value]


def test_nothing_is_invented_below_the_stated_precision():
    m = only("The war broke out in February 1988.", FRI)
    assert (m.first, m.last, m.precision, m.value) == (
        dt.date(1988, 2, 1),
        None,
        Precision.MONTH,
        "1988-02",
    )


def test_value_formats():
    m = DateMention(
        0,
        4,
        "1992",
        dt.date(1992, 1, 1),
        dt.date(1994, 1, 1),
        Precision.YEAR,
        "range-years",
        0.9,
        False,
    )
    assert m.value == "1992/1994"
    m = DateMention(
        0, 4, "x", dt.date(2021, 5, 15), dt.date(2021, 5, 16), Precision.DAY, "weekend", 0.7, True
    )
    assert m.value == "2021-05-15/2021-05-16"
    assert str(Precision.MONTH) == "month"


def test_mentions_are_in_reading_order_and_confidences_documented():
    text = (
        "On September 27, 2020, war began. On Wednesday talks resumed, and last week it was calm."
    )
    mentions = find_dates(text, FRI)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert [m.rule for m in mentions] == ["absolute", "weekday-past", "relative-week"]
    assert [m.confidence for m in mentions] == [0.95, 0.85, 0.7]


def test_sentence_tense_forward():
    assert sentence_tense_forward("The negotiations will continue.")
    assert sentence_tense_forward("A vote is scheduled for next month.")
    assert not sentence_tense_forward("The ministry said the talks ended.")


def test_speed_of_a_typical_article():
    import time

    text = (
        "BAKU, May 14. /TASS/. The minister said on Friday that talks were held. "
        "Armenia's defense ministry said on Wednesday the forces had tried to carry out works. "
        "Later that day, the premier said troops had crossed the border and moved 3.5 kilometers. "
        "The conflict broke out in February 1988. Clashes erupted on September 27, 2020. "
    ) * 8  # about 3 KB
    find_dates(text, FRI)
    start = time.perf_counter()
    for _ in range(20):
        find_dates(text, FRI)
    assert (time.perf_counter() - start) / 20 < 0.01  # generous bound against slow CI


def test_then_takes_the_year_just_stated_but_not_a_day_or_a_period():
    text = (
        "The last escalation took place in 2020. A deal followed. Moscow then deployed troops. "
        "On May 3, 2021, talks began; officials then left. Since then nothing changed."
    )
    found = [(m.text, m.value, m.rule) for m in find_dates(text, dt.date(2022, 9, 13))]
    assert ("then", "2020", "anaphora-then") in found
    assert [f for f in found if f[0] == "then"] == [("then", "2020", "anaphora-then")]


def test_then_needs_a_recent_antecedent():
    text = "It began in 1994. One. Two. Three. Four. The army then moved."
    assert [m.rule for m in find_dates(text, dt.date(2022, 1, 1))] == ["year"]


def test_months_after_an_event_dates_the_event_from_the_clause_time():
    text = "The premier claimed late last week that a clash may come six months after a ceasefire stopped the war."
    mentions = find_dates(text, dt.date(2021, 5, 17))
    offset = mentions[-1]
    assert (offset.text, offset.value, offset.precision, offset.rule) == (
        "six months after",
        "2020-11",
        "month",
        "offset-event",
    )
    assert offset.relative


def test_years_before_and_days_after_events():
    text = "In 1994, two years before the accord was signed, fighting ended."
    assert [m.value for m in find_dates(text, dt.date(2000, 1, 1))] == ["1994", "1996"]
    text = "On May 12, 2021, three days after the vote, troops moved."
    assert [m.value for m in find_dates(text, dt.date(2021, 6, 1))] == ["2021-05-12", "2021-05-09"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # About a week before a Wednesday of early November: late October, as a month.
        (
            "Both sides signed a truce on Wednesday, a week after formal talks began in Dastra.",
            "2021-10",
        ),
        (
            "Both sides signed a truce on Wednesday, just over a week after formal talks mediated by "
            "the League began.",
            "2021-10",
        ),
        # The sentence goes on from the day of the sentence before.
        (
            "Both sides signed a truce on Wednesday. Just over a week after formal talks began in "
            "Dastra, the sides had agreed.",
            "2021-10",
        ),
        # Two weeks after a Wednesday of early November, give or take: November.
        ("Both sides met on Wednesday, two weeks before the truce took effect.", "2021-11"),
        # A week or so before 9 November may be October or November: no month.
        ("Both sides met on November 9, a week after formal talks began.", None),
        # Days, named by a clause ("two days after he left"), from the sentence's own date.
        ("On Wednesday, two days after envoys left Dastra, fighting resumed.", "2021-11-01"),
        # Days after a name and what it did.
        (
            "On Wednesday, two days after President Ana Voss resigned, fighting resumed.",
            "2021-11-01",
        ),
        ("On Wednesday, a week after Dastra's vote, fighting resumed.", "2021-10"),
        # A span of time, not a time.
        (
            "The bank must wait at least 30 days before closing the purchase, it said on Wednesday.",
            None,
        ),
    ],
)
def test_weeks_and_clauses_after_an_offset_name_a_happening(text, value):
    # (A date stated after the offset in its sentence is not read: "A week after talks began,
    # both sides signed on Wednesday" dates nothing.)
    published = dt.date(2021, 11, 5)  # a Friday; that Wednesday is 3 November
    offsets = [m for m in find_dates(text, published) if m.rule == "offset-event"]
    assert [m.value for m in offsets] == ([value] if value else [])


@pytest.mark.parametrize("came", ["came", "comes"])
def test_what_the_story_came_after_is_counted_from_the_day_of_its_lead(came):
    text = (
        "Rebels shelled the port of Dastra on Wednesday, officials said.\n\n"
        "Nobody was hurt. The harbour master blamed the rebels, who denied it.\n\n"
        f"The shelling {came} a day after President Ana Voss turned 70."
    )
    published = dt.date(2021, 11, 5)  # a Friday
    assert [(m.value, m.rule) for m in find_dates(text, published)] == [
        ("2021-11-03", Rule.WEEKDAY_PAST),
        ("2021-11-02", Rule.OFFSET_EVENT),
    ]
    # Anything else with no date of its own is not counted from a day sentences back.
    other = text.replace(f"The shelling {came}", "It happened")
    assert [m.rule for m in find_dates(other, published)] == [Rule.WEEKDAY_PAST]


def test_two_days_after_a_named_day_is_counted_from_the_date_before():
    text = "Troops crossed on May 12, 2021. Two days after Monday's vote, talks began."
    assert [m.value for m in find_dates(text, None)][:2] == ["2021-05-12", "2021-05-14"]


def test_two_days_after_with_nothing_named_is_counted_from_the_date_before():
    text = "Troops crossed on May 12, 2021. Two days after, talks began."
    assert [m.value for m in find_dates(text, None)] == ["2021-05-12", "2021-05-14"]


def test_an_offset_needs_a_date_in_its_own_sentence():
    text = "It was quiet in 2020. Six months after the war the region is calm."
    assert [m.value for m in find_dates(text, dt.date(2021, 5, 1))] == ["2020"]


def test_anaphora_of_an_absolute_date_need_no_publication_date():
    text = "Fighting broke out on September 27, 2020. The next day, shelling hit the town. In 1994 a truce held; troops then left."
    assert [(m.value, m.relative) for m in find_dates(text, None)] == [
        ("2020-09-27", False),
        ("2020-09-28", False),
        ("1994", False),
        ("1994", False),
    ]


def test_a_name_with_a_dotted_capital_i_does_not_shift_the_dates_after_it():
    # "İ" lowers to two characters; the offsets found in the lowered text must still fit.
    published = dt.date(2021, 5, 14)
    plain = find_dates("Ilham Aliyev said on May 12, 2021 that troops moved.", published)
    dotted = find_dates("İlham Aliyev said on May 12, 2021 that troops moved.", published)
    assert (
        [(m.text, m.start, m.first) for m in dotted]
        == [(m.text, m.start, m.first) for m in plain]
        == [("May 12, 2021", 21, dt.date(2021, 5, 12))]
    )


def test_a_range_keeps_the_spans_of_the_ends_it_names():
    text = "Raids ran between 1994 and 1997, and from May 10 to May 12, 2021."
    years, days = find_dates(text, MON)
    assert [text[a:b] for a, b in years.endpoints] == ["1994", "1997"]
    assert [text[a:b] for a, b in days.endpoints] == ["May 10", "May 12, 2021"]
    assert days.end_values == ("2021-05-10", "2021-05-12")
    assert find_dates("Talks stalled last week.", MON)[0].endpoints is None


def test_each_or_every_weekday_recurs_and_is_no_date():
    assert find_dates("Flights leave each Thursday and every Monday.", MON) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "Today" opening a quotation is still the day of publication.
        ("“Today, we have a suspect,” the agent said.", ["2021-05-17"]),
        ("“The boy today is a symbol,” he said.", ["2021-05-17"]),
        # The day as the subject of "is", judged by a speaker: no happening's time. The
        # narrator's count of days is a date.
        ("“Today is a sad day for the country,” he said.", []),
        ("``Today is a sad day,'' he said.", []),
        ("In the capital, today is the eighth day of the strike.", ["2021-05-17"]),
        # Titles and "nowadays" are no dates.
        ('The minister told ABC\'s "This Week" that talks will go on.', []),
        ("The case of the boy is for today's youth a lesson.", []),
        ("He wants the leaders of tomorrow on the board.", []),
    ],
)
def test_today_and_this_week_as_titles_or_in_general(text, values):
    assert [m.value for m in find_dates(text, MON)] == values


def test_then_of_a_sequence_is_no_anaphora():
    text = (
        "In 1993 the army took the town. Then came the refugees. "
        "In 1994 they dug it up, then reburying it."
    )
    assert [m.rule for m in find_dates(text, MON)] == ["year", "year"]


def test_the_day_before_an_event_is_no_anaphora():
    # In apposition to a day it names that day again.
    text = "He was last seen on May 3, the day before police issued a warrant."
    assert [m.value for m in find_dates(text, MON)] == ["2021-05-03", "2021-05-03"]
    text = "He was last seen the day before police issued a warrant."
    assert find_dates(text, MON) == []
    text = "Police issued a warrant on May 3. He had been seen the day before."
    assert [m.value for m in find_dates(text, MON)] == ["2021-05-03", "2021-05-02"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "The March accession will make them members.",
            dt.date(1999, 2, 10),
            [("March", "1999-03")],
        ),
        (
            "It acted under a June agreement with investors.",
            dt.date(1989, 10, 27),
            [("June", "1989-06")],
        ),
        ("Critics of the May government protested.", dt.date(2018, 10, 1), []),
        (
            "A ceremony will be held on April 24 and 25.",
            dt.date(1999, 2, 10),
            [("April 24", "1999-04-24"), ("25", "1999-04-25")],
        ),
        (
            "The stock would be redeemed in five years.",
            dt.date(1989, 11, 2),
            [("in five years", "1994")],
        ),
        (
            "They fought in two years of war and may, in a year or two, rest.",
            dt.date(1989, 11, 2),
            [],
        ),
        (
            "Ministers argued. That 1978 resolution calls for withdrawal.",
            dt.date(1998, 3, 1),
            [("1978", "1978")],
        ),
        (
            "Sales in the current fiscal year that ends in June will rise.",
            dt.date(1989, 11, 2),
            [("the current fiscal year", "1989"), ("June", "1990-06")],
        ),
    ],
)
def test_attributive_months_coordinated_days_and_more(text, published, expected):
    assert [(m.text, m.value) for m in find_dates(text, published)] == expected


def test_the_previous_weekday_counts_from_the_day_being_told():
    text = (
        "Shares closed lower Friday in London. Trading was thin. "
        "The index was down 4.5% from the previous Friday."
    )
    assert [m.value for m in find_dates(text, dt.date(1989, 10, 30))] == [
        "1989-10-27",
        "1989-10-20",
    ]


def test_later_in_the_day_is_the_day_just_stated():
    text = "The president left Washington on Friday. He arrived in Philadelphia later in the day."
    assert [m.value for m in find_dates(text, dt.date(1998, 2, 14))] == ["1998-02-13", "1998-02-13"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # The next day after a weekday, across a sentence boundary.
        ("Troops crossed on Wednesday. The next day, talks began.", ["2021-05-12", "2021-05-13"]),
        (
            "Troops crossed on Wednesday. The following day they withdrew.",
            ["2021-05-12", "2021-05-13"],
        ),
        ("Troops crossed on Wednesday. Two days later, talks began.", ["2021-05-12", "2021-05-14"]),
        ("On May 3, 2021, troops crossed; two days later they left.", ["2021-05-03", "2021-05-05"]),
    ],
)
def test_anaphora_after_weekdays_and_across_sentences(text, values):
    assert [m.value for m in find_dates(text, FRI)] == values


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # "since X" dates the state at X, and X lies in the past.
        ("The sides have been at war since April 15.", dt.date(2023, 6, 15), "2023-04-15"),
        ("Prices have risen since November.", dt.date(2024, 1, 10), "2023-11"),
        ("The region has been at war since 2020.", dt.date(2022, 11, 2), "2020"),
        ("Shops have stayed shut since Monday.", dt.date(2023, 6, 15), "2023-06-12"),
    ],
)
def test_since_reaches_back(text, published, value):
    assert find_dates(text, published)[0].value == value
