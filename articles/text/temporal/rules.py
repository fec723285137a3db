"""The names of the resolution rules (``DateMention.rule``) and what callers need to know of them.

Each rule is produced by one module of this package (named in brackets). Where a rule depends on
the direction of its clause (past, coming, or the coming of a past moment), the module ``tense``
reads it.

Stated in full:

- ``absolute`` [days]: a day with its own year ("September 27, 2020", "27 Sept. 2020",
  "2020-09-27"); "April 24 and 25" gives the 25th the rule of the 24th.
- ``month-year`` [months]: "February 1988", "January nineteen ninety-seven".
- ``year`` [years]: "in 2020", "fiscal 1989", "post-1959", "nineteen ninety-six". A bare
  four-digit number is a year after a preposition or article, in brackets, with a modifier
  ("mid-2020"), after a conjunction ("both 1990 and 1991"), or before the noun it dates ("a 2021
  coup", "his 1996 campaign") when it lies between 1900 and thirty years after publication; never
  as a count ("2,000 troops", "killed 1990"), an identifier ("Resolution 1973", "ISO-2020"), part
  of a name ("Orion 1980") or a title ("discoveries 2023 (…)").
- ``range-years`` [years] / ``range-months`` [months] / ``range-days`` [days]: "1992-1994",
  "between 1994 and 1997", "May-June 2021", "May 12-14", "from May 12 to May 14"; "the 1990s" is
  1990/1999. ``DateMention.endpoints`` keeps the spans of the two ends the text names.

Counted from the publication date:

- ``yearless`` [days] / ``yearless-month`` [months]: "on May 12", "in September", "the March
  accession" take the year of a date stated earlier in the sentence when that is within half a year
  and the clause does not point the other way; else the occurrence the clause points to: past (the
  news default) the latest on or before publication (a day of slack for datelines in other time
  zones), coming the first on or after it, the future of a past moment ("would", "was due to")
  forward from the day stated before it or else the nearer one; with no cue at all the past one
  unless the coming one is three times nearer, as news copy gives no year for dates close by.
- ``in-relative-year`` [months]: a month or day of the year named relative to publication: "June
  last year", "early October this year", "May 12 next year".
- ``holiday`` [holidays]: "Christmas", "New Year's Eve", "Thanksgiving Day", "Easter", "Orthodox
  Christmas": that day of the stated year, of the year "last/next/this" points to, or the
  occurrence its clause points to (as for ``yearless``).
- ``weekday-past`` / ``weekday-future`` [relative]: the latest such weekday on or before
  publication (the same weekday is the publication day itself), or the first on or after it when
  the clause looks forward ("will continue on Wednesday", "is scheduled for", "expected to"), or
  the first after the day of speaking ("said on Friday it would meet on Monday"); "next Friday" is
  strictly after, "last Friday" strictly before; "each Thursday" and "Good Friday" are none.
- ``day-offset`` [relative]: "the day before last Tuesday", "the day after Friday".
- ``time-of-day`` [relative]: a clock time or part of the day ("at 10:35 a.m.", "at midday", "4
  in the morning") on the day stated earlier in its sentence or named just after it; with neither,
  none. "10 p.m. Wednesday" is one expression with the weekday's rule.
- ``relative-day`` ("today", "yesterday", "tomorrow", "last night"; not titles such as "Armenia
  Today", not "today's youth", not a speaker's "Today is a sad day"). Inside a quotation they count
  from the day of the statement: the day its sentence states before the quotation, else (when
  nothing after the quotation dates it) the day the text's lead first tells of, in the week up
  to publication. ``relative-year`` ("last
  year", "this year"), ``relative-month`` ("last month", "earlier this month") [relative].
- ``relative-week`` [relative]: a day-precision range: "last week" is Monday..Sunday of the
  previous week, "early last week" Monday..Wednesday and "late last week" Thursday..Sunday (wire
  copy uses "late last week" for Thursday and Friday events reported over the weekend); "this
  week" and "earlier in the week" run from Monday up to publication (on from it in a forward
  clause), "over the past week" over the seven days before it.
- ``weekend`` [relative]: the Saturday..Sunday the tense points to.
- ``overnight`` [relative]: the night before publication as a range of two days (the next night in
  a forward clause); "overnight from Monday to Tuesday" those two days. Not the adjective
  ("overnight losses").
- ``season`` [relative]: a month-precision range: spring Mar-May, summer Jun-Aug, autumn/fall
  Sep-Nov, winter Dec-Feb; "winter 2020" starts in December 2020; "last autumn" is the latest
  autumn that ended before the publication month; "this winter" the one under way, else in a past
  clause the one just over, otherwise the coming one; "in the summer" the latest that has begun
  by publication, in a forward clause the coming one. Not "the fall of Kabul" or "the Arab Spring".
- ``ago`` [relative]: "two days ago", "a year ago", "a decade ago"; "two weeks ago" is the day
  two weeks back.
- ``from-now`` [relative]: "in five years" in a clause that looks forward, "in two weeks' time",
  "ten days from now".
- ``the-year`` [relative]: the publication year for "the year", "the current (fiscal) year", "the
  full year", "year-end" (financial copy's reporting year, seldom a happening's date: callers
  building events may leave it out).

Counted from the mention before:

- ``anaphora-same-day`` / ``anaphora-next-day`` / ``anaphora-previous-day`` /
  ``anaphora-days-later`` / ``anaphora-year`` / ``anaphora-month`` [anaphora]: "later that day",
  "later in the day", "the next day", "two days later", "that year", "later in the year", from the
  previous resolved mention within the last two sentences (skipped if there is none, or if it is
  too coarse: "that day" after "in 2020" is dropped). "Oct. 12, the day before the plunge" (an
  apposition) is the day just stated; "the day before police issued a warrant" dates another
  happening and is none. "Later on Friday" is a plain weekday.
- ``anaphora-later`` [anaphora]: "two weeks later" (a day), "a month earlier" (a month), "a year
  later", "a decade earlier" (a year), counted from the mention in the same or the previous
  sentence; "a year earlier" than the day a sentence is about ("the quarter ended Sept. 30") is
  that day a year before.
- ``anaphora-weekday`` [anaphora]: "the previous Friday", "the following Monday": such a weekday
  before or after the day last stated (within five sentences).
- ``anaphora-then`` [anaphora]: "Moscow then deployed …" takes the year or month stated within the
  last two sentences (never a day: "then" after a day usually means "after that"); "since/until/by
  then", "and then", a sentence-opening "Then" and "then reburying" (a sequence) are not anaphora.
- ``offset-event`` [anaphora]: "six months after a ceasefire stopped the war" dates the happening
  after "after" (an article or a possessive, two lower-case words: "a week after formal talks
  began", "two days after envoys left", or a name and a lower-case word: "a day after President
  Jane Doe resigned", not a month's or a weekday's) N days/months/years before the date stated
  earlier in its own sentence (at day/month/year precision), or, for weeks, months and years, in
  the sentence before it; "N years before the accord" the other way. With no date in its
  sentence, "The bombing came a day after X" counts from the day the text's lead tells of. N
  weeks from a day is the month, when the three days either side of it lie in one; "at
  least"/"within"/"for" N days before is a span, not a time.
- ``anaphora-event`` [timeline.extraction.events, which has the drafts it needs]: "Hours after
  the explosion, …", "Following the Kremlin announcement, …": the day of the latest earlier
  happening of the article that shares most words with the phrase.
- ``year-earlier`` [anaphora]: the year before publication for "a year earlier" with no
  antecedent and for the adjectives "year-earlier"/"year-ago" ("year-earlier results"). It dates a
  comparison, seldom a happening: callers building events may leave it out.

A dateline's date is found like any other. Confidence: explicit full dates 0.95; month-year,
preposition years, explicit ranges and holidays with a year 0.9; today/yesterday 0.9; yearless
days, past weekdays, days and months of a relative year and relative years 0.85; yearless months,
relative months, holidays, spelled-out years and day anaphora 0.8; future weekdays, "N days ago",
day offsets, times of day and "the previous Friday" 0.75; bare years, decades, weeks, weekends,
seasons named with a year or "last/this/next", overnight, "then", "later in the year" and "N
weeks/months/years later" 0.7; "N weeks/decades ago", "from now", year-earlier, offsets and seasons
without a year 0.6; the-year 0.5.
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
    ANAPHORA_EVENT = "anaphora-event"
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
