"""Reading the dates a page prints about itself: stamp lines, story-lead dates, addresses."""

import datetime

import pytest

from articles.text.stamps import StampKind, read_lead_date, read_stamp, url_date

D = datetime.date


@pytest.mark.parametrize(
    ("line", "date", "kind"),
    [
        ("9 March 2019", D(2019, 3, 9), StampKind.PLAIN),
        ("21.11.2020", D(2020, 11, 21), StampKind.PLAIN),
        ("3 April 2018 16:20 (UTC+03:00)", D(2018, 4, 3), StampKind.PLAIN),
        ("2019-06-30T07:45:00Z", D(2019, 6, 30), StampKind.PLAIN),
        ("Posted: Thu, Feb 7, 2019", D(2019, 2, 7), StampKind.PUBLISHED),
        ("PUBLISHED: 23/11/2020; TEXT: Desk; PHOTOS: Agency", D(2020, 11, 23), StampKind.PUBLISHED),
        ("Date: 2018/04/03", D(2018, 4, 3), StampKind.PUBLISHED),
        ("Last updated March 9, 2019 4:15 PM", D(2019, 3, 9), StampKind.UPDATED),
        ("By Lena Marsh | Feb 7, 2019", D(2019, 2, 7), StampKind.PLAIN),
        ("Tomas Berg · 21.11.2020", D(2020, 11, 21), StampKind.PLAIN),
        # Scraped headers glue the time to the year.
        ("February 7, 20199:12 AM GMT+2", D(2019, 2, 7), StampKind.PLAIN),
        ("Posted: 07 February ,2019: 09:12 AM", D(2019, 2, 7), StampKind.PUBLISHED),
        # A time of day and a time zone between the label and the date.
        ("Updated 9:12 AM GMT+2, February 7, 2019", D(2019, 2, 7), StampKind.UPDATED),
        ("Issued on: 21/11/2020 - 13:52", D(2020, 11, 21), StampKind.PUBLISHED),
        ("Desk Online / Last updated: Feb 7, 2019, 14:05 IST", D(2019, 2, 7), StampKind.UPDATED),
    ],
)
def test_stamp_lines(line, date, kind):
    stamps = read_stamp(line)
    assert [(s.date, s.kind) for s in stamps] == [(date, kind)]


def test_date_before_an_update_note_is_unlabelled():
    # "Updated 3 hours ago" labels nothing: the date before it is the original one.
    assert [(s.date, s.kind) for s in read_stamp("Feb 7, 2019 9:12 AM Updated 3 hours ago")] == [
        (D(2019, 2, 7), StampKind.PLAIN)
    ]


def test_published_and_updated_on_one_line():
    stamps = read_stamp("Published 9 March 2019, 10:02 | Updated 10 March 2019")
    assert [(s.date, s.kind) for s in stamps] == [
        (D(2019, 3, 9), StampKind.PUBLISHED),
        (D(2019, 3, 10), StampKind.UPDATED),
    ]


def test_numeric_date_read_both_ways_when_both_are_valid():
    (stamp,) = read_stamp("04/03/2018")
    assert (stamp.date, stamp.alternative) == (D(2018, 3, 4), D(2018, 4, 3))
    (stamp,) = read_stamp("04/23/2018")  # only month-first is valid
    assert (stamp.date, stamp.alternative) == (D(2018, 4, 23), None)
    (stamp,) = read_stamp("04.03.2018")  # dotted dates are day-first
    assert (stamp.date, stamp.alternative) == (D(2018, 3, 4), None)


def test_numeric_date_on_a_page_with_a_us_time_zone_is_month_first():
    (stamp,) = read_stamp("by Lena Marsh - 04/03/18 10:25 AM ET")
    assert (stamp.date, stamp.alternative) == (D(2018, 4, 3), D(2018, 3, 4))
    (stamp,) = read_stamp("04/03/2018 10:25 PM CET")
    assert stamp.date == D(2018, 3, 4)


@pytest.mark.parametrize(
    "line",
    [
        "The talks that began on 9 March 2019 in Geneva ended without a deal.",
        "A report published on 9 March 2019 by the monitors found violations on both sides",
        # "dated" dates letters and reports, not pages
        "Letter dated 9 March 2019 from the mission to the council",
        "Smoke rises over the port | the harbour was shelled on 9 March 2019 by artillery",
    ],
)
def test_sentences_are_not_stamps(line):
    assert read_stamp(line) == []


@pytest.mark.parametrize(
    ("text", "month", "day", "year"),
    [
        ("February 7, 2019 - Officials said", 2, 7, 2019),
        ("7 February 2019 – Officials said", 2, 7, 2019),
        ("Thursday, February 7, 2019: Officials said", 2, 7, 2019),
        ("Feb. 7 (Reuters) - Officials said", 2, 7, None),
    ],
)
def test_story_lead_dates(text, month, day, year):
    lead = read_lead_date(text)
    assert lead is not None
    assert (lead.month, lead.day, lead.year) == (month, day, year)


@pytest.mark.parametrize(
    "text",
    [
        "February 7, 2019 was a quiet day",
        "Officials said on February 7 - a Thursday",
        "February 30 - X",
    ],
)
def test_not_story_lead_dates(text):
    assert read_lead_date(text) is None


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://news.example.org/world/2019/03/09/talks-resume/", D(2019, 3, 9)),
        ("https://news.example.org/world/2019/3/9/talks-resume", D(2019, 3, 9)),
        ("https://example.net/20190309/talks-resume.html", D(2019, 3, 9)),
        ("https://example.net/en/dispatches/20190309-talks-resume", D(2019, 3, 9)),
        ("https://example.net/news/talks-resume-20190309-abcdefgh-story.html", D(2019, 3, 9)),
        ("https://example.net/news/2019-03-09/talks-resume", D(2019, 3, 9)),
        ("https://example.net/items/201903090042.html", D(2019, 3, 9)),  # YYYYMMDD + HHMM
        ("https://example.net/a/slug/20190309154512123456.amp.html", D(2019, 3, 9)),
        ("www.example.net/2019/03/09/talks", D(2019, 3, 9)),
    ],
)
def test_dated_addresses(url, date):
    found = url_date(url)
    assert found is not None and found.date == date


@pytest.mark.parametrize(
    "url",
    [
        "https://example.net/world/article/13621254",  # an article number, not a date
        "https://example.net/news/201903091",  # nine digits: no date and time of day
        "https://example.net/items/201903099999.html",  # "9999" is not a time of day
        "https://social.example/posts/2019030912345678",  # a post number, not a timestamp
        "https://example.net/news/article_09bb3f1a-0489-11ee-93db-2343d571e982.html",
        "https://example.net/latest/482255-talks-resume",
        "https://20190309.example.net/talks",  # a host is not a path
        "https://example.net/2019/03/09/a/2020/04/01/b",  # two dates: neither is trusted
        "https://example.net/news/20990309/far-future",
    ],
)
def test_addresses_without_a_usable_date(url):
    assert url_date(url) is None or url_date(url).date is None


def test_year_and_month_folders_date_to_the_month():
    found = url_date("https://example.net/2019/03/talks-resume/")
    assert (found.year, found.month, found.day, found.date) == (2019, 3, None, None)
