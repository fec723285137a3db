"""The names of the resolution rules (``DateMention.rule``) and what callers need to know of them.

Each rule is produced by one module of this package (named in brackets):

- ``absolute`` [days]: a day with its own year ("September 27, 2020", "27 Sept. 2020",
  "2020-09-27").
- ``month-year`` [months] / ``year`` [years]: "February 1988", "in 2020"; bare four-digit numbers
  count as years only after a preposition or article ("in 2020", "the 2020 war"), in brackets, or
  as "mid-2020", so counts ("2,000 troops") and identifiers ("ISO-2020", "2020/21/EU") are left
  alone.
- ``range-years`` [years] / ``range-months`` [months] / ``range-days`` [days]: "1992-1994",
  "May-June 2021", "May 12-14", "from May 12 to May 14"; "the 1990s" is 1990/1999.
- ``yearless`` [days] / ``yearless-month`` [months]: "on May 12", "in September" take the year of
  an explicitly dated mention earlier in the same sentence when that is within half a year, else
  the year that fits the tense: past (the news default) gives the latest date on or before
  publication (one day of slack for datelines in other time zones), future the first on or after
  it, and with no tense cue at all a date up to a week ahead is taken as upcoming.
- ``in-relative-year`` [months]: a month or day of the year named relative to publication: "June
  last year", "early October this year", "May 12 next year".
- ``holiday`` [holidays]: "Christmas", "New Year's Eve", "Thanksgiving Day", "Easter", "Orthodox
  Christmas": that day of the stated year, or of the year "last/next/this" or the clause's tense
  points to (as for ``yearless``).
- ``weekday-past`` / ``weekday-future`` [relative]: the latest such weekday on or before
  publication (the same weekday is the publication day itself), or the first on or after it when
  the words around it look forward ("will continue on Wednesday", "is scheduled for", "expected
  to"); "next Friday" is strictly after, "last Friday" strictly before.
- ``day-offset`` [relative]: "the day before last Tuesday", "the day after Friday": the weekday
  resolved as above, one day off.
- ``time-of-day`` [relative]: a clock time or part of the day ("at 10:35 a.m.", "at midday", "4
  in the morning"), the day stated earlier in its sentence or named just after it ("10:35 a.m.
  (0735 GMT) Friday"); with neither, none.
- ``relative-day`` ("today", "yesterday", "tomorrow", "last night"), ``relative-year`` ("last
  year", "this year"), ``relative-month`` ("last month", "earlier this month"), ``relative-week``
  (a day-precision range: "last week" is Monday..Sunday of the previous week, "early last week"
  Monday..Wednesday and "late last week" Thursday..Sunday, because wire copy uses "late last week"
  for Thursday and Friday events reported over the weekend; "this week" and "earlier in the week"
  run from Monday up to publication, "over the past week" over the seven days before it),
  ``weekend`` (the Saturday..Sunday the tense points to), ``overnight`` (the night before
  publication as a range of two days, or the next night in a forward clause; "overnight from
  Monday to Tuesday" those two days), ``season`` (a month-precision range: spring Mar-May, summer Jun-Aug,
  autumn/fall Sep-Nov, winter Dec-Feb, "winter 2020" being the one that starts in December 2020;
  "last autumn" is the latest autumn that ended before the publication month; "in the summer"
  with no cue the latest that has begun by publication, in a forward clause the coming one), ``ago`` ("two days
  ago", "a year ago", "a decade ago"; "two weeks ago" is the day two weeks back) [relative].
- ``from-now`` [relative]: "in five years" or "in two weeks" in a clause that looks forward, "in
  two weeks' time", "ten days from now": counted forward from publication.
- ``anaphora-same-day`` / ``anaphora-next-day`` / ``anaphora-previous-day`` /
  ``anaphora-days-later`` / ``anaphora-year`` / ``anaphora-month`` [anaphora]: "later that day",
  "the next day", "two days later", "that year", resolved from the previous resolved mention
  (skipped if there is none, or if it is too coarse: "that day" after "in 2020" is dropped).
  "Later on Friday" is a plain weekday; "later in the day" and "Oct. 12, the day before the
  plunge" (an apposition) are the day just stated.
- ``anaphora-then`` [anaphora]: "Moscow then deployed …" takes the year or month stated within the
  last two sentences (never a day: "then" after a day usually means "after that"); "since/until/by
  then" and "and then" are not anaphora.
- ``anaphora-later`` [anaphora]: "two weeks later" (a day), "a month earlier" (a month), "a year
  later", "a decade earlier" (a year), counted from the mention in the same or the previous
  sentence.
- ``anaphora-weekday`` [anaphora]: "the previous Friday", "the following Monday": the such weekday
  before or after the day last stated (within five sentences).
- ``year-earlier`` [anaphora]: the year before publication for "a year earlier" with no
  antecedent and for the adjectives "year-earlier"/"year-ago" ("year-earlier results"). It dates a
  comparison, seldom a happening: callers building events may leave it out.
- ``the-year`` [relative]: the publication year for "the year", "the current (fiscal) year", "the
  full year", "year-end"; "earlier in the year" takes the year of a recent mention first (as
  ``anaphora-year``). Financial copy's reporting year, seldom a happening's date: callers building
  events may leave it out.
- ``offset-event`` [anaphora]: "six months after a ceasefire stopped the war" dates the happening
  after "after" N days/months/years before the date of its own sentence (at day/month/year
  precision); "N years before the accord" the other way. Weeks are skipped.

Confidence: explicit full dates 0.95, month-year and preposition years 0.9, ranges of explicit
years 0.9, yearless dates and past weekdays 0.85, today/yesterday 0.9, relative years 0.85,
relative months 0.8, anaphora 0.8, future weekdays 0.75, "N ago" 0.75, bare years 0.7, weeks,
weekends, seasons and "then" 0.7, offsets 0.6.
"""

from __future__ import annotations

from enum import StrEnum


class Rule(StrEnum):
    ABSOLUTE = "absolute"
    MONTH_YEAR = "month-year"
    YEAR = "year"
    RANGE_YEARS = "range-years"
    RANGE_MONTHS = "range-months"
    RANGE_DAYS = "range-days"
    YEARLESS = "yearless"
    YEARLESS_MONTH = "yearless-month"
    IN_RELATIVE_YEAR = "in-relative-year"
    HOLIDAY = "holiday"
    WEEKDAY_PAST = "weekday-past"
    WEEKDAY_FUTURE = "weekday-future"
    DAY_OFFSET = "day-offset"
    TIME_OF_DAY = "time-of-day"
    RELATIVE_DAY = "relative-day"
    RELATIVE_WEEK = "relative-week"
    RELATIVE_MONTH = "relative-month"
    RELATIVE_YEAR = "relative-year"
    WEEKEND = "weekend"
    OVERNIGHT = "overnight"
    SEASON = "season"
    AGO = "ago"
    FROM_NOW = "from-now"
    ANAPHORA_SAME_DAY = "anaphora-same-day"
    ANAPHORA_NEXT_DAY = "anaphora-next-day"
    ANAPHORA_PREVIOUS_DAY = "anaphora-previous-day"
    ANAPHORA_DAYS_LATER = "anaphora-days-later"
    ANAPHORA_LATER = "anaphora-later"
    ANAPHORA_WEEKDAY = "anaphora-weekday"
    ANAPHORA_YEAR = "anaphora-year"
    ANAPHORA_MONTH = "anaphora-month"
    ANAPHORA_THEN = "anaphora-then"
    OFFSET_EVENT = "offset-event"
    YEAR_EARLIER = "year-earlier"
    THE_YEAR = "the-year"

    @property
    def stated(self) -> bool:
        """The sentence states the whole value itself: no publication date, no antecedent.

        Rules that may or may not lean on the publication date ("May 12-14" and "May 12-14,
        2021" are both range-days; "summer 2020" and "last summer" both seasons) are not counted.
        """
        return self in _STATED

    @property
    def on_publication(self) -> bool:
        """The value is (as a rule) computed from the publication date."""
        return self in _ON_PUBLICATION

    @property
    def shifts_by_day(self) -> bool:
        """The value moves day for day with the publication date when it is a single day.

        Publishing a week later moves "on Friday", "yesterday", "last week" or "two days ago" by
        a week; "May 12" or "last month" move with the year or month instead.
        """
        return self in _SHIFTS_BY_DAY

    @property
    def day_anaphora(self) -> bool:
        """The value is a day counted from the previous mention's day ("the next day")."""
        return self in _DAY_ANAPHORA


_STATED = frozenset(
    {Rule.ABSOLUTE, Rule.MONTH_YEAR, Rule.YEAR, Rule.RANGE_YEARS, Rule.RANGE_MONTHS}
)
_SHIFTS_BY_DAY = frozenset(
    {
        Rule.WEEKDAY_PAST,
        Rule.WEEKDAY_FUTURE,
        Rule.DAY_OFFSET,
        Rule.TIME_OF_DAY,
        Rule.RELATIVE_DAY,
        Rule.RELATIVE_WEEK,
        Rule.WEEKEND,
        Rule.OVERNIGHT,
        Rule.AGO,
        Rule.FROM_NOW,
    }
)
_ON_PUBLICATION = _SHIFTS_BY_DAY | {
    Rule.YEARLESS,
    Rule.YEARLESS_MONTH,
    Rule.IN_RELATIVE_YEAR,
    Rule.HOLIDAY,
    Rule.RELATIVE_MONTH,
    Rule.RELATIVE_YEAR,
    Rule.SEASON,
    Rule.YEAR_EARLIER,
    Rule.THE_YEAR,
}
_DAY_ANAPHORA = frozenset(
    {
        Rule.ANAPHORA_SAME_DAY,
        Rule.ANAPHORA_NEXT_DAY,
        Rule.ANAPHORA_PREVIOUS_DAY,
        Rule.ANAPHORA_DAYS_LATER,
        Rule.ANAPHORA_WEEKDAY,
        Rule.OFFSET_EVENT,
    }
)
