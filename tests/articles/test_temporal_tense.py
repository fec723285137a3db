"""Tense and modality decide which way a date without a year (or a week) points, in linear time."""

import datetime as dt
import time

import pytest

from articles.text.temporal import find_dates, sentence_tense_forward

MON = dt.date(2023, 10, 2)  # a Monday
WED = dt.date(2023, 10, 4)
THU = dt.date(2023, 10, 5)
FRI = dt.date(2023, 10, 6)


def value_of(text: str, published: dt.date, span: str) -> str:
    for m in find_dates(text, published):
        if m.text == span:
            return m.value
    raise AssertionError(f"{span!r} not found in {find_dates(text, published)}")


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        # Modality looks forward from the time of speaking, whatever the tense of the report.
        ("The vote was scheduled for December.", THU, "December", "2023-12"),
        (
            "The council said it would hold an emergency meeting on Monday.",
            FRI,
            "Monday",
            "2023-10-09",
        ),
        ("The envoy is due to arrive on Thursday.", MON, "Thursday", "2023-10-05"),
        (
            "The army plans to reopen the road on May 3.",
            dt.date(2023, 4, 20),
            "May 3",
            "2023-05-03",
        ),
        ("Both sides agreed to meet again in March.", dt.date(2023, 11, 8), "March", "2024-03"),
        ("Detainees must be released by Jan. 14.", dt.date(2024, 1, 5), "Jan. 14", "2024-01-14"),
        ("Talks were postponed until Tuesday.", THU, "Tuesday", "2023-10-10"),
        ("The offer was extended to Nov. 16.", dt.date(2023, 10, 30), "Nov. 16", "2023-11-16"),
        # A plan overtaken is in the past.
        ("The truce had been due to expire on Friday.", MON, "Friday", "2023-09-29"),
        # Past tense, and the past as the default of news copy.
        ("Rebels seized the town on November 9.", dt.date(2024, 1, 15), "November 9", "2023-11-09"),
        ("Police said the convoy was attacked Friday.", WED, "Friday", "2023-09-29"),
        ("On Friday, the militia withdrew from the border.", WED, "Friday", "2023-09-29"),
        ("Officials said on Tuesday that talks will resume.", WED, "Tuesday", "2023-10-03"),
        # The words before the date govern it; those after count when none before do.
        ("On Friday, talks will resume in Geneva.", MON, "Friday", "2023-10-06"),
        (
            "The ministry will redeem its preferred shares on Oct. 31.",
            dt.date(2023, 10, 20),
            "Oct. 31",
            "2023-10-31",
        ),
        # Names are not cues: "May" and "Will" here are people.
        ("Will Carter and May Olsen met envoys on Tuesday.", THU, "Tuesday", "2023-10-03"),
    ],
)
def test_tense_and_modality_set_the_direction(text, published, span, value):
    assert value_of(text, published, span) == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # No tense cue at all: the nearest date, unless the past one is about as near.
        ("The ceasefire of November 9 is holding.", dt.date(2024, 1, 15), "2023-11-09"),
        ("The dividend is payable Dec. 15.", dt.date(2023, 10, 26), "2023-12-15"),
        ("The record date is Nov. 9 for all holders.", dt.date(2023, 10, 27), "2023-11-09"),
        ("Its record high of August 6 still stands.", dt.date(2024, 2, 6), "2023-08-06"),
    ],
)
def test_without_tense_the_nearer_date_wins_and_the_past_breaks_ties(text, published, value):
    assert find_dates(text, published)[0].value == value


def test_a_year_stated_earlier_in_the_sentence_does_not_override_the_future():
    text = "Invited in July 2022, the two states will join the alliance on March 12."
    mentions = find_dates(text, dt.date(2023, 2, 27))
    assert [m.value for m in mentions] == ["2022-07", "2023-03-12"]


def test_a_digit_before_a_full_stop_is_no_initial():
    # "Nov. 9." ends the sentence: the next sentence's past tense must not reach back.
    text = "The record date is Nov. 9.\n\nThe company held talks."
    assert find_dates(text, dt.date(2023, 10, 27))[0].value == "2023-11-09"


def test_sentence_tense_forward_reads_modality_and_skips_names():
    assert sentence_tense_forward("The negotiations will continue.")
    assert sentence_tense_forward("A vote is scheduled for next month.")
    assert sentence_tense_forward("The envoy is due to arrive.")
    assert not sentence_tense_forward("The ministry said the talks ended.")
    assert not sentence_tense_forward("Will Carter spoke.")


def _best_time(text: str, published: dt.date, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        find_dates(text, published)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("text", ["On Monday " * 4000, "May 12, " * 4000])
def test_one_huge_sentence_of_dates_is_fast(text):
    # Tense reads a bounded window of words per mention, never the whole sentence.
    start = time.perf_counter()
    mentions = find_dates(text, FRI)
    assert time.perf_counter() - start < 2.0  # generous bound against slow CI
    assert len(mentions) == 4000


def test_time_grows_linearly_with_the_text():
    sentence = (
        "The ministry said on Monday that talks will resume on May 12, "
        "two days after fighting broke out near the border in 2021. "
    )
    small = sentence * (100_000 // len(sentence))
    large = sentence * (1_000_000 // len(sentence))
    ratio = _best_time(large, FRI, runs=2) / _best_time(small, FRI)
    assert ratio < 20  # ten times the text; quadratic work would be about a hundred times


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        # A "would" looks forward from the time of speaking when the sentence states it.
        (
            "The council said on Friday it would meet on Monday.",
            dt.date(2023, 10, 10),
            "Monday",
            "2023-10-09",
        ),
        ("The council said it would meet on Monday.", FRI, "Monday", "2023-10-09"),
        # The future of a past moment: the nearer of the coming and the past month or day.
        (
            "The state was due to hold elections in August.",
            dt.date(2020, 11, 4),
            "August",
            "2020-08",
        ),
        ("Voting was expected on Jan. 20.", dt.date(2024, 1, 3), "Jan. 20", "2024-01-20"),
        # A comma closes the clause: the report's frame after it does not date what it reports.
        (
            "Both sides vowed calm before the truce starts on May 22, the statement said.",
            dt.date(2023, 5, 20),
            "May 22",
            "2023-05-22",
        ),
    ],
)
def test_the_future_of_a_past_moment(text, published, span, value):
    assert value_of(text, published, span) == value


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        # A present "is" settles nothing: the date goes to the calendar, not to "said".
        ("Officials said the deadline is Nov. 9.", dt.date(2023, 10, 27), "Nov. 9", "2023-11-09"),
        # The present progressive of a plan, "can", "effective": forward.
        (
            "The bank said it is calling for redemption on Dec. 7.",
            dt.date(2023, 10, 30),
            "Dec. 7",
            "2023-12-07",
        ),
        ("Delegates can join the summit in April.", dt.date(2023, 12, 5), "April", "2024-04"),
        (
            "The office was created, effective Feb. 1.",
            dt.date(2023, 10, 26),
            "Feb. 1",
            "2024-02-01",
        ),
        # What someone is asked to do comes after the asking.
        (
            "The board asked it to respond by Oct. 31.",
            dt.date(2023, 10, 26),
            "Oct. 31",
            "2023-10-31",
        ),
        # A date as the object of "set" takes no tense from it.
        (
            "The bank has set Nov. 10 as the deadline.",
            dt.date(2023, 11, 2),
            "Nov. 10",
            "2023-11-10",
        ),
        # After a date that opens the sentence, the first verb is its clause's.
        (
            "In September, the firm announced plans to expand.",
            dt.date(2023, 10, 30),
            "September",
            "2023-09",
        ),
        # "unspecified" is an adjective, not a past tense.
        (
            "It would be paid on an unspecified date to holders of record Dec. 21.",
            dt.date(2023, 10, 26),
            "Dec. 21",
            "2023-12-21",
        ),
        # An overtaken plan's date may lie on either side of publication: the nearer one.
        ("The offer had been set to expire Nov. 6.", dt.date(2023, 11, 2), "Nov. 6", "2023-11-06"),
    ],
)
def test_present_tense_plans_and_objects(text, published, span, value):
    assert value_of(text, published, span) == value


def test_a_date_without_cues_follows_a_coming_date_of_its_sentence():
    text = "Two flights will leave on March 30, and a third each Thursday from August 6."
    assert [m.value for m in find_dates(text, dt.date(1998, 2, 13))] == [
        "1998-03-30",
        "1998-08-06",
    ]


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        (
            "The regulator gave the firm until mid-November to reply.",
            dt.date(2023, 10, 30),
            "mid-November",
            "2023-11",
        ),
        (
            "Lenders have extended credit lines to the firm through January.",
            dt.date(2023, 10, 30),
            "January",
            "2024-01",
        ),
        (
            "The sale is part of its program to pay down debt by February.",
            dt.date(2023, 10, 30),
            "February",
            "2024-02",
        ),
        # After the date, "in a bid to" is a purpose, not the time of the date.
        (
            "Officials announced nothing after holding talks over the weekend in a bid to end the standoff.",
            dt.date(2021, 5, 17),
            "over the weekend",
            "2021-05-15/2021-05-16",
        ),
        ("On Friday, talks are expected to resume.", MON, "Friday", "2023-10-06"),
    ],
)
def test_deadlines_and_intentions(text, published, span, value):
    assert value_of(text, published, span) == value


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        ("The group could reach the capital as early as Tuesday.", MON, "Tuesday", "2023-10-03"),
        ("Envoys may leave as soon as Friday.", MON, "Friday", "2023-10-06"),
        ("Neither man could be located Wednesday in his hometown.", THU, "Wednesday", "2023-10-04"),
        # The words of the clause are read; a participle's auxiliary just beyond it still counts.
        (
            "The split, subject to approval, would be paid on a still unspecified date in January "
            "to holders of record Dec. 21.",
            dt.date(1989, 10, 26),
            "Dec. 21",
            "1989-12-21",
        ),
    ],
)
def test_limits_to_come_and_past_ability(text, published, span, value):
    assert value_of(text, published, span) == value


def test_a_day_counted_from_must_still_be_in_view():
    text = (
        "Troops crossed on Wednesday. Talks followed. Nothing changed. Observers left. "
        "Aid, she said, would arrive seven days later."
    )
    assert [m.value for m in find_dates(text, dt.date(2023, 10, 6))] == ["2023-10-04"]


def test_the_present_of_a_scheduled_meeting_looks_forward():
    assert value_of("He and the premier meet separately Monday.", FRI, "Monday") == "2023-10-09"
    assert value_of("He and the premier did not meet on Monday.", FRI, "Monday") == "2023-10-02"


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        # A reported future: the clause after "as soon as" is backshifted.
        ("Funds were likely to buy as soon as trading opened Monday.", WED, "Monday", "2023-10-09"),
        # A plan in a noun phrase of a past sentence: its day may have passed.
        (
            "A service planned for Saturday was canceled.",
            dt.date(2023, 10, 8),
            "Saturday",
            "2023-10-07",
        ),
        ("The vote scheduled for Sunday was postponed.", WED, "Sunday", "2023-10-01"),
    ],
)
def test_reported_futures_and_plans_overtaken(text, published, span, value):
    assert value_of(text, published, span) == value


@pytest.mark.parametrize(
    "text",
    [
        "On May 3 it rained. " + "He left, the day before dawn came. " * 20000,
        "Talks began on May 3. " + "Aid, she said, would come seven days later. " * 20000,
        "In 2019 " + "then troops moved and " * 30000,
    ],
)
def test_looking_back_at_a_far_antecedent_stays_linear(text):
    start = time.perf_counter()
    find_dates(text, FRI)
    assert time.perf_counter() - start < 5.0  # generous; quadratic work would take minutes
