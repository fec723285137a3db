"""Publication dates: every date the page states is read exactly, the rest inferred honestly.

The texts are invented: places, outlets, people and dates are made up for each rule.
"""

import datetime
import time

import pytest

from articles.text.cleaning import clean
from articles.text.metadata import DateSource, date_within, extract_metadata

D = datetime.date
HEADLINE = "Bridge over the river reopens after repairs"
STORY = (
    "Officials reopened the bridge to traffic, the regional ministry said.\n\n"
    "The bridge carries the only road to the port and had been closed for repairs."
)


def meta(text, manifest=None):
    return extract_metadata(clean(text), manifest)


def assert_inferred(m):
    # Nothing short of the page stating the full date may look sure.
    assert m.published_source is DateSource.INFERRED
    assert m.published_confidence < 0.8


# ------------------------------------------------------------------ datelines


@pytest.mark.parametrize(
    ("dateline", "outlet"),
    [
        ("GANJA, Azerbaijan, Feb. 3 Trend:", "Trend"),
        ("GYUMRI, FEBRUARY 3, ARMENPRESS.", "Armenpress"),
        ("KASSALA, Feb 3 (Reuters) -", "Reuters"),
        ("LVIV, Feb. 3 (Xinhua) --", "Xinhua"),
        ("Odesa, February 3 (Interfax) -", "Interfax"),
        ("Odesa, February 3:", None),
        ("Kassala [Sudan], February 3 (ANI):", "ANI"),
        ("Mykolaiv, Feb 3 (IANS)", "IANS"),
        ("MEKELLE, Ethiopia, Wednesday, Feb. 3 (AP) —", "AP"),
        ("BAKU, February 3. /TASS/.", "TASS"),
    ],
)
def test_yearless_dateline_styles_give_the_day_and_the_text_the_year(dateline, outlet):
    # February 3 was a Wednesday in 2021 (a Thursday in 2022, a Friday in 2023).
    text = (
        f"{HEADLINE}\n\n{dateline} Officials reopened the bridge on Wednesday, the ministry "
        "said.\n\nThe bridge had been closed since December 14, 2020."
    )
    m = meta(text)
    assert m.published == D(2021, 2, 3)
    assert m.outlet == outlet
    assert_inferred(m)
    assert dateline.split()[0].strip(",") in m.published_reasoning
    assert "Wednesday" in m.published_reasoning


def test_dateline_alone_on_its_line_above_the_story():
    text = (
        f"{HEADLINE}\n\nMYKOLAIV, February 3\n\nOfficials reopened the bridge on Wednesday, the "
        "ministry said.\n\nThe bridge had been closed since December 14, 2020."
    )
    m = meta(text)
    assert (m.dateline_place, m.published) == ("Mykolaiv", D(2021, 2, 3))
    assert "Wednesday" in m.published_reasoning


def test_dateline_with_the_year_is_stated():
    m = meta(f"{HEADLINE}\n\nDnipro, 8 October 2021 (Ukrinform) - {STORY}")
    assert (m.published, m.published_source) == (D(2021, 10, 8), DateSource.TEXT)
    assert m.published_confidence >= 0.9


def test_dateline_without_a_date_leaves_the_day_to_other_evidence():
    m = meta(f"{HEADLINE}\n\nKHERSON, Ukraine (AP) — {STORY}")
    assert (m.dateline_place, m.outlet) == ("Kherson", "AP")
    assert m.published is None
    assert m.published_source is DateSource.UNKNOWN


# ------------------------------------------------------------------ stamps


@pytest.mark.parametrize(
    ("stamp", "date"),
    [
        ("9 March 2019", D(2019, 3, 9)),  # a lone date line under the headline
        ("21.11.2020", D(2020, 11, 21)),
        ("3 April 2018 16:20 (UTC+03:00)", D(2018, 4, 3)),
        ("Posted on Thu, Feb 7, 2019 at 9:12 AM", D(2019, 2, 7)),
        ("PUBLISHED: 23/11/2020", D(2020, 11, 23)),
        ("2019-06-30T07:45:00Z", D(2019, 6, 30)),
        ("By Lena Marsh | Feb 7, 2019", D(2019, 2, 7)),
    ],
)
def test_publication_stamps_under_the_headline_are_read_exactly(stamp, date):
    m = meta(f"{HEADLINE}\n\n{stamp}\n\n{STORY}")
    assert (m.published, m.published_source) == (date, DateSource.TEXT)
    assert m.published_confidence == pytest.approx(0.9)


def test_labelled_stamp_at_the_end_of_the_story():
    m = meta(f"{HEADLINE}\n\n{STORY}\n\nPUBLISHED: 23/11/2020; TEXT: Desk; PHOTOS: Agency")
    assert (m.published, m.published_source) == (D(2020, 11, 23), DateSource.TEXT)


def test_update_stamp_alone_is_used_with_less_confidence():
    m = meta(f"{HEADLINE}\n\nUpdated March 9, 2019 4:15 PM\n\n{STORY}")
    assert (m.published, m.published_source) == (D(2019, 3, 9), DateSource.TEXT)
    assert m.published_confidence == pytest.approx(0.7)
    assert "update" in m.published_reasoning


def test_published_stamp_wins_over_update_stamp():
    m = meta(f"{HEADLINE}\n\nPublished 9 March 2019, 10:02 | Updated 11 March 2019\n\n{STORY}")
    assert m.published == D(2019, 3, 9)
    assert m.published_confidence == pytest.approx(0.9)


def test_date_line_above_the_headline_is_believed_less():
    # A site header may print the day the page was saved.
    m = meta(f"Saturday, 9 March 2019\n\n{HEADLINE}\n\n{STORY}")
    assert m.published == D(2019, 3, 9)
    assert m.published_confidence < 0.8


def test_dates_after_the_story_ended_are_other_stories():
    text = f"{HEADLINE}\n\n{STORY}\n\nRelated\n\nFerry service resumes on the river\n\n2 March 2019"
    m = meta(text)
    assert m.published is None


def test_date_opening_the_story_is_stated():
    m = meta(f"{HEADLINE}\n\nFebruary 7, 2019 - {STORY}")
    assert (m.published, m.published_source) == (D(2019, 2, 7), DateSource.TEXT)
    assert m.published_confidence >= 0.8


def test_paragraphs_opening_with_dates_are_a_list_not_a_publication_date():
    text = (
        "Key dates of the bridge repairs\n\n"
        "February 7, 2019 - Engineers close the bridge after cracks are found.\n\n"
        "June 3, 2019 - The ministry signs the repair contract.\n\n"
        "March 9, 2020 - The bridge reopens to traffic."
    )
    m = meta(text)
    assert m.published_source is not DateSource.TEXT
    assert m.published is None or m.published_confidence < 0.8


def test_numeric_stamp_read_the_way_the_address_agrees_with():
    m = meta(f"{HEADLINE}\n\n04/03/2018\n\n{STORY}", {"url": "https://example.net/2018/04/03/x"})
    assert m.published == D(2018, 4, 3)


def test_numeric_stamp_read_the_way_the_lead_weekday_agrees_with():
    # April 3, 2018 was a Tuesday, March 4, 2018 a Sunday; a weekday is weaker than a date.
    m = meta(f"{HEADLINE}\n\n04/03/2018\n\nOfficials reopened the bridge on Tuesday.")
    assert m.published == D(2018, 4, 3)
    assert 0.6 < m.published_confidence < 0.8


def test_numeric_stamp_not_read_as_a_day_before_what_the_text_reports():
    text = f"{HEADLINE}\n\n04/03/2018\n\nThe bridge was closed on March 20, 2018, officials said."
    m = meta(text)
    assert m.published == D(2018, 4, 3)
    assert m.published_confidence < 0.8


def test_numeric_stamp_read_both_ways_is_not_sure():
    m = meta(f"{HEADLINE}\n\n04/03/2018\n\n{STORY}")
    assert m.published == D(2018, 3, 4)  # day first, as outside the US
    assert m.published_confidence <= 0.6
    assert "April 3, 2018" in m.published_reasoning


# ------------------------------------------------------------------ addresses


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example.org/world/2019/03/09/bridge-reopens/",
        "https://example.net/20190309/bridge-reopens.html",
        "https://example.net/en/dispatches/20190309-bridge-reopens",
        "https://example.net/news/bridge-reopens-20190309-abcdefgh-story.html",
        "https://example.net/news/2019-03-09/bridge-reopens",
    ],
)
def test_manifest_address_dates_an_article_without_a_manifest_date(url):
    m = meta(f"{HEADLINE}\n\n{STORY}", {"url": url})
    assert m.published == D(2019, 3, 9)
    assert_inferred(m)
    assert "address" in m.published_reasoning


def test_manifest_date_wins_over_the_address():
    m = meta(
        f"{HEADLINE}\n\n{STORY}",
        {"url": "https://example.net/2019/03/09/x", "published": "2019-03-10"},
    )
    assert (m.published, m.published_source) == (D(2019, 3, 10), DateSource.MANIFEST)


def test_address_printed_in_the_text():
    m = meta(f"{HEADLINE}\n\n{STORY}\n\nSource: https://example.net/news/20190309-bridge-reopens")
    assert m.published == D(2019, 3, 9)
    assert_inferred(m)


def test_address_of_another_story_is_not_this_one():
    m = meta(f"{HEADLINE}\n\n{STORY}\n\nRead more: https://example.net/2019/01/05/ferry-service")
    assert m.published is None


def test_addresses_with_different_dates_cancel_out():
    text = (
        f"{HEADLINE}\n\n{STORY}\n\nhttps://example.net/2019/03/09/bridge\n\n"
        "https://example.net/2019/04/11/port"
    )
    assert meta(text).published is None


def test_article_number_is_not_a_date():
    m = meta(f"{HEADLINE}\n\n{STORY}", {"url": "https://example.net/world/article/20190309"})
    assert m.published == D(2019, 3, 9)  # a valid date standing alone is read as one...
    m = meta(f"{HEADLINE}\n\n{STORY}", {"url": "https://example.net/world/article/13621254"})
    assert m.published is None  # ...a number that is no date is not


def test_dateline_and_address_on_the_same_day_agree():
    m = meta(
        f"{HEADLINE}\n\nKASSALA, March 9 (Reuters) - {STORY}",
        {"url": "https://example.net/2019/03/09/bridge"},
    )
    assert m.published == D(2019, 3, 9)
    assert_inferred(m)
    assert "same day" in m.published_reasoning


def test_dateline_gives_the_day_and_the_address_the_year():
    # The address was written the evening before, in another time zone.
    m = meta(
        f"{HEADLINE}\n\nKASSALA, March 10 (Reuters) - {STORY}",
        {"url": "https://example.net/2019/03/09/bridge"},
    )
    assert m.published == D(2019, 3, 10)
    assert_inferred(m)


def test_year_from_an_address_that_gives_only_the_month():
    m = meta(
        f"{HEADLINE}\n\nKASSALA, March 10 (Reuters) - {STORY}",
        {"url": "https://example.net/2019/03/bridge"},
    )
    assert m.published == D(2019, 3, 10)
    assert_inferred(m)


# ------------------------------------------------------------------ inferring the year


def test_weekday_tied_to_a_date_fixes_the_year_and_excludes_the_others():
    # September 19 was a Sunday in 2021, a Monday in 2022, a Tuesday in 2023.
    text = (
        f"{HEADLINE}\n\nKASSALA, September 20 (Reuters) - The ministry said the bridge "
        "reopened on Tuesday (19 September) after repairs that began in 2021."
    )
    m = meta(text)
    assert m.published == D(2023, 9, 20)
    assert_inferred(m)
    assert "2021, 2022 excluded" in m.published_reasoning


def test_weekdays_that_contradict_every_candidate_year_lower_confidence():
    # September 19 fell on a Wednesday in none of 2021-2023.
    text = (
        f"{HEADLINE}\n\nKASSALA, September 20 (Reuters) - The ministry said the bridge "
        "reopened on Wednesday (19 September) after repairs that began in 2021."
    )
    m = meta(text)
    assert m.published_confidence <= 0.4
    assert "contradicts" in m.published_reasoning


def test_yesterday_with_a_date_gives_the_day():
    # December 7, 2021 was a Tuesday, so the text is from Wednesday December 8.
    text = (
        "Council backs reconstruction plan\n\n"
        "The city council approved the plan yesterday (December 7), the mayor said on "
        "Wednesday.\n\nThe plan was first drafted in 2020."
    )
    m = meta(text)
    assert m.published == D(2021, 12, 8)
    assert_inferred(m)
    assert "yesterday (December 7)" in m.published_reasoning


def test_latest_year_mentioned_is_the_candidate_without_other_evidence():
    text = f"{HEADLINE}\n\nKASSALA, March 10 (Reuters) - {STORY}\n\nRepairs began in 2018."
    m = meta(text)
    assert m.published == D(2018, 3, 10)
    assert_inferred(m)
    assert m.published_confidence <= 0.5


def test_future_years_are_not_the_year_of_the_text():
    text = (
        f"{HEADLINE}\n\nKASSALA, March 10 (Reuters) - {STORY}\n\nRepairs began in 2018. "
        "A second bridge will be built in 2025."
    )
    assert meta(text).published == D(2018, 3, 10)


# ------------------------------------------------------------------ no date stated


def test_dated_caption_and_past_weekdays_give_a_low_confidence_day():
    # Saturday April 13, 2019 caption; "on Sunday" and "on Monday" happened since.
    text = (
        f"{HEADLINE}\n\n"
        "Trucks cross the bridge in Kassala, April 13, 2019. (Photo by the regional ministry)\n\n"
        "Traffic resumed on Sunday, and the ministry said on Monday the port was open again."
    )
    m = meta(text)
    assert m.published == D(2019, 4, 15)
    assert_inferred(m)
    assert m.published_confidence <= 0.55


def test_weekdays_before_the_latest_date_do_not_push_the_day_past_it():
    # Thursday June 6, 2019 is the latest date; "overnight from Monday to Tuesday" was before it.
    text = (
        f"{HEADLINE}\n\n"
        "Water levels fell on Thursday, the governor said.\n\n"
        "The dam was damaged overnight from Monday to Tuesday, officials said on Tuesday.\n\n"
        "— Regional Governor (@governor) June 6, 2019"
    )
    assert meta(text).published == D(2019, 6, 6)


def test_caption_kept_as_a_paragraph_with_its_credit_bounds_the_day():
    text = (
        f"{HEADLINE}\n\n"
        "Trucks cross the bridge in Kassala on April 13, 2019, after repairs. — AFP\n\n"
        "Traffic resumed on Saturday, the ministry said."
    )
    assert meta(text).published == D(2019, 4, 13)


def test_date_of_an_earlier_event_in_the_story_is_no_close_bound():
    # News copy gives the year for earlier events: the text may be from any later Saturday.
    text = (
        f"{HEADLINE}\n\n"
        "The bridge, damaged in fighting that began on February 3, 2019, reopened on Saturday, "
        "the ministry said, after months of repairs paid for by the regional government."
    )
    m = meta(text)
    assert m.published is None
    assert "February 3, 2019" in m.published_reasoning


def test_today_with_a_weekday_gives_the_day_of_the_week():
    text = (
        f"{HEADLINE}\n\n"
        "Trucks cross the bridge in Kassala, April 13, 2019. (Photo by the regional ministry)\n\n"
        "The ministry said today (Wednesday) that the port was open again."
    )
    m = meta(text)
    assert m.published == D(2019, 4, 17)
    assert_inferred(m)


def test_file_picture_date_is_no_bound_on_the_day():
    text = (
        f"{HEADLINE}\n\n"
        "A satellite image shows the bridge on May 2, 2019.\n\n"
        "Officials said on Tuesday that the bridge had reopened."
    )
    m = meta(text)
    assert m.published is None
    assert "satellite" in m.published_reasoning


def test_nothing_to_go_on_says_what_is_missing():
    m = meta(f"{HEADLINE}\n\nOfficials said on Tuesday that the bridge had reopened.")
    assert m.published is None
    assert m.published_source is DateSource.UNKNOWN
    assert m.published_confidence == 0
    assert "full date" in m.published_reasoning and "Tuesday" in m.published_reasoning


def test_weekday_and_date_without_any_year_is_unknown():
    m = meta(f"{HEADLINE}\n\nMediators said on Saturday (May 20) that the truce would hold.")
    assert m.published is None


def test_the_corpus_period_gives_a_weekday_tied_date_its_year_as_a_guess():
    text = clean(f"{HEADLINE}\n\nMediators said on Saturday (May 20) that the truce would hold.")
    m = date_within(text, extract_metadata(text), {2022, 2023})
    assert m.published == D(2023, 5, 20)  # the only year of 2021-2024 with a Saturday May 20
    assert_inferred(m)
    assert m.published_confidence <= 0.35 and "2021 to 2024" in m.published_reasoning
    # A period in which two years fit says nothing; nor does a text without such a pair.
    assert date_within(text, extract_metadata(text), {2015, 2023}).published is None
    plain = clean(f"{HEADLINE}\n\nMediators said on Saturday that the truce would hold.")
    assert date_within(plain, extract_metadata(plain), {2023}).published is None
    # A later weekday the text has lived fixes the day after it, as for a mentioned year.
    later = clean(
        f"{HEADLINE}\n\nMediators said on Saturday (May 20) that the truce would hold. "
        "Shelling resumed on Monday."
    )
    assert date_within(later, extract_metadata(later), {2023}).published == D(2023, 5, 22)


# ------------------------------------------------------------------ conflicting evidence


def test_stamp_and_address_that_disagree_lower_confidence():
    m = meta(f"{HEADLINE}\n\n9 March 2019\n\n{STORY}", {"url": "https://example.net/2019/04/02/x"})
    assert m.published == D(2019, 3, 9)
    assert m.published_source is DateSource.TEXT
    assert m.published_confidence <= 0.6
    assert "Conflicting" in m.published_reasoning


def test_two_stamps_that_disagree_lower_confidence():
    m = meta(f"{HEADLINE}\n\n9 March 2019\n\n{STORY}\n\nPublished: 2 April 2019")
    assert m.published_confidence <= 0.6
    assert "Conflicting" in m.published_reasoning


def test_stamp_older_than_what_the_text_reports_lowers_confidence():
    m = meta(f"{HEADLINE}\n\n9 March 2019\n\nThe bridge reopened on April 2, 2019, officials said.")
    assert m.published_confidence <= 0.6


def test_stamp_and_address_that_agree_raise_confidence():
    m = meta(
        f"Saturday, 9 March 2019\n\n{HEADLINE}\n\n{STORY}",
        {"url": "https://example.net/2019/03/09/x"},
    )
    assert m.published == D(2019, 3, 9)
    assert m.published_confidence >= 0.8


# ------------------------------------------------------------------ cost


def test_a_long_undated_text_is_read_in_linear_time():
    text = HEADLINE + "\n\n" + " ".join(["The troops said on Monday it was calm in 2019."] * 60000)
    started = time.perf_counter()
    m = meta(text)
    assert time.perf_counter() - started < 5  # about 3 MB; a quadratic scan would take minutes
    assert m.published is None
