"""Write a realistic synthetic corpus straight into the database, for benchmarks and load tests.

    manage.py generate_corpus --events 1000000 [--articles M] [--seed S] [--chunk 50000]

What it writes (ids continue from each table's current maximum, so children reference parents
without a round trip):

- ~20 outlets, ~3,000 actors and ~1,000 places: the gazetteer's rows when load_gazetteer has
  run, plus a fixed set of synthetic ones (the same names whatever the seed, so repeated runs
  reuse them). Actors and places are drawn Zipf-distributed: a few are everywhere, most rare.
- M articles (default N/3), published over 1988–2023 with bursts (the 1992–1994 war, April 2016,
  autumn 2020, May 2021, September 2022, September 2023 and random short bursts). Each body is a
  few KB of dateline and paragraphs built from sentence templates, with a unique SHA-256.
- N events reported by those articles: mostly day precision dated a few days before the article,
  some month/year, a few ranges, a few historical references; a mix of types and statuses, some
  contested (a disputing citation and a "denies" actor). Each has 1–5 citations quoting an
  actual sentence of its article (body[start:end] == quote), 1–4 actors, 0–2 places, and
  ``last_day`` and ``search_document`` computed as Event.save()/refresh_search_document() would.

Articles are generated in publication order, in chunks (--chunk events at a time, one
transaction each), so memory stays bounded. PostgreSQL gets COPY (psycopg 3); other databases
get bulk_create. The history tables (django-simple-history) get no rows: this is bulk data, not
editors' work. Deterministic for a given seed and starting state. Not safe to run while
something else writes to the same tables (ids are allocated here, not by the sequences).
"""

import bisect
import calendar
import datetime
import itertools
import json
import math
import queue
import random
import threading
import time
from dataclasses import dataclass, field

import pgtrigger
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from articles.models import Article, Outlet
from articles.text.temporal import Rule
from timeline.ingest.files import content_hash
from timeline.models import (
    SAMPLE_SPACE,
    Actor,
    Citation,
    Event,
    EventActor,
    Place,
    Precision,
    period_last_day,
)
from timeline.search import Stored
from timeline.search.vocabulary import refresh_lexemes, vocabulary
from timeline.signals import invalidate_aggregates

MAX_EVENTS = 20_000_000
MAX_ARTICLES = 10_000_000
SYNTHETIC_ACTORS = 2_800
SYNTHETIC_PLACES = 920
ACTOR_ZIPF = 1.07
PLACE_ZIPF = 1.0
OUTLET_ZIPF = 0.8

FIRST_DAY = datetime.date(1988, 1, 1).toordinal()
LAST_DAY = datetime.date(2023, 12, 31).toordinal()

# Named as articles.text.metadata names them, so that ingest into the same database reuses them.
OUTLETS = [
    ("TASS", "https://tass.com"),
    ("RFE/RL", "https://www.rferl.org"),
    ("Tasnim", "https://www.tasnimnews.com"),
    ("Reuters", "https://www.reuters.com"),
    ("AP", "https://apnews.com"),
    ("AFP", "https://www.afp.com"),
    ("BBC", "https://www.bbc.com"),
    ("Al Jazeera", "https://www.aljazeera.com"),
    ("Eurasianet", "https://eurasianet.org"),
    ("OC Media", "https://oc-media.org"),
    ("Armenpress", "https://armenpress.am"),
    ("AZERTAC", "https://azertag.az"),
    ("APA", "https://apa.az"),
    ("Trend", "https://www.trend.az"),
    ("News.am", "https://news.am"),
    ("CivilNet", "https://www.civilnet.am"),
    ("JAM News", "https://jam-news.net"),
    ("Interfax", "https://interfax.com"),
    ("Anadolu", "https://www.aa.com.tr"),
    ("Report.az", "https://report.az"),
]
DATELINES = ["Baku", "Yerevan", "Moscow", "Tehran", "Tbilisi", "Stepanakert", "Ankara",
             "Brussels", "Washington", "Paris", "Geneva", "Istanbul"]  # fmt: skip

# (first day, last day, weight): the periods the press wrote most about.
NAMED_BURSTS = [
    ((1988, 2, 20), (1988, 3, 5), 1.0),
    ((1992, 2, 20), (1992, 5, 20), 2.0),
    ((1993, 4, 1), (1993, 10, 31), 2.0),
    ((1994, 5, 5), (1994, 5, 16), 0.5),
    ((2016, 4, 1), (2016, 4, 6), 2.0),
    ((2020, 7, 12), (2020, 7, 18), 1.5),
    ((2020, 9, 27), (2020, 11, 10), 10.0),
    ((2021, 5, 12), (2021, 5, 31), 4.0),
    ((2021, 11, 16), (2021, 11, 18), 1.0),
    ((2022, 9, 12), (2022, 9, 16), 5.0),
    ((2022, 12, 12), (2023, 1, 31), 2.0),
    ((2023, 9, 19), (2023, 10, 1), 5.0),
]
RANDOM_BURSTS = 40
FILLER_POOL = 50_000


def _year_weight(year: int) -> float:
    """Background coverage by year: the first war, the frozen years, the recent crises."""
    if year <= 1994:
        return 1.0
    if year < 2016:
        return 0.4
    if year < 2020:
        return 0.7
    return 1.5


TYPE_WEIGHTS = {
    Event.Type.ARMED_CLASH: 24, Event.Type.STATEMENT: 22, Event.Type.TALKS: 12,
    Event.Type.INCURSION: 7, Event.Type.AGREEMENT: 5, Event.Type.DEPLOYMENT: 6,
    Event.Type.WITHDRAWAL: 4, Event.Type.APPEAL: 5, Event.Type.EXERCISE: 4, Event.Type.OTHER: 11,
}  # fmt: skip
CONTESTED_RATE = {
    Event.Type.ARMED_CLASH: 0.12, Event.Type.INCURSION: 0.15, Event.Type.STATEMENT: 0.2,
}  # fmt: skip

# Headline-style summaries and the sentence clauses articles report them with, per type.
SUMMARIES = {
    "armed_clash": ["{a} and {b} exchange fire near {p}", "Clashes between {a} and {b} near {p}",
                    "{a} shells positions of {b} near {p}"],
    "incursion": ["{a} troops cross into {p}", "{a} advances {n} kilometres near {p}"],
    "withdrawal": ["{a} withdraws units from {p}", "{a} pulls back from positions near {p}"],
    "talks": ["{a} and {b} hold talks in {p}", "{a} meets {b} in {p}"],
    "statement": ["{a} accuses {b} of provocations near {p}",
                  "{a} says {b} violated the ceasefire near {p}"],
    "agreement": ["{a} and {b} agree a ceasefire covering {p}",
                  "{a} and {b} sign a joint statement on {p}"],
    "appeal": ["{a} appeals to {b} over the situation in {p}",
               "{a} asks {b} to send observers to {p}"],
    "exercise": ["{a} holds military exercises near {p}", "{a} begins drills near {p}"],
    "deployment": ["{a} deploys forces to {p}", "{a} sends reinforcements to {p}"],
    "other": ["{a} reports {n} civilians displaced from {p}", "{a} visits {p}"],
}  # fmt: skip
CLAUSES = {
    "armed_clash": ["{a} and {b} exchanged fire near {p}",
                    "{a} shelled positions held by {b} near {p}",
                    "{n} servicemen were wounded in clashes between {a} and {b} near {p}"],
    "incursion": ["units of {a} crossed the border and advanced {n} kilometres towards {p}",
                  "troops of {a} entered territory claimed by {b} near {p}"],
    "withdrawal": ["{a} withdrew its units from positions near {p}",
                   "{a} pulled back {n} armoured vehicles from {p}"],
    "talks": ["{a} and {b} held talks in {p} on border delimitation",
              "{a} met {b} in {p} to discuss the peace process"],
    "statement": ["{a} accused {b} of provocations near {p}",
                  "{a} said {b} had violated the ceasefire near {p} {n} times"],
    "agreement": ["{a} and {b} agreed on a ceasefire covering {p}",
                  "{a} and {b} signed a joint statement on {p}"],
    "appeal": ["{a} appealed to {b} over the situation around {p}",
               "{a} asked {b} to send observers to {p}"],
    "exercise": ["{a} began military exercises involving {n} troops near {p}",
                 "{a} held large-scale drills near {p}"],
    "deployment": ["{a} deployed {n} additional troops to {p}", "{a} sent reinforcements to {p}"],
    "other": ["{a} reported that {n} civilians had been displaced from {p}", "{a} visited {p}"],
}  # fmt: skip
NOUNS = {
    "armed_clash": "an exchange of fire", "incursion": "an incursion", "withdrawal": "a withdrawal",
    "talks": "talks", "statement": "the accusations", "agreement": "an agreement",
    "appeal": "an appeal", "exercise": "exercises", "deployment": "a deployment",
    "other": "the reports",
}  # fmt: skip
DENIALS = ["baseless", "disinformation", "completely false", "a provocation", "fabricated"]
NO_PLACE = ["the border", "the line of contact", "the region", "the frontier"]
NO_SECOND = ["the other side", "border guards", "local forces", "the opposing side"]
ATTRIBUTIONS = ["the defence ministry said", "officials said", "a spokesperson said",
                "local residents told reporters", "the foreign ministry said in a statement",
                "witnesses said", "a military source said"]  # fmt: skip
FILLERS = [
    "The two countries have fought two wars over the Karabakh region since the collapse of the Soviet Union.",
    "{a} has repeatedly called for international observers along the border.",
    "According to {outlet}, at least {n} people have been displaced since {year}.",
    "Residents of {p} said they had heard gunfire throughout the night.",
    "The situation near {p} remains tense, {a} said in a statement.",
    "Talks mediated by {a} have made little progress on the demarcation of the {n}-kilometre border.",
    "{a} did not immediately respond to a request for comment.",
    "Prices of bread and fuel in {p} have risen by {n} percent this year, according to local officials.",
    "A convoy of {n} trucks carrying humanitarian aid reached {p} on {weekday}.",
    "Analysts in {city} said the escalation could derail the negotiations.",
    "The next round of talks is expected to take place in {city} later this month.",
    "Schools in {p} were closed for {n} days as a precaution.",
    "{a} stressed the importance of resolving all disputes through dialogue.",
    "Satellite images published by {outlet} showed new fortifications near {p}.",
    "International monitors have observed the line of contact since {year}.",
    "Some {n} families have returned to {p}, local authorities said.",
    "Mine clearance teams removed {n} explosive devices from farmland near {p}.",
    "The road between {p} and {p2} was reopened to civilian traffic.",
    "{a} thanked {a2} for its support in a phone call.",
    "Journalists were not allowed to visit {p} independently.",
    "Electricity and gas supplies to {p} were cut for {n} hours.",
    "{a} and {a2} exchanged prisoners for the first time since {year}.",
    "Farmers near {p} said they could no longer reach their fields.",
    "The parliament in {city} debated the border commission's report for {n} hours.",
]
HEADLINES = ["Tensions rise near {p}", "{a} warns of escalation", "Talks on {p} stall",
             "Residents of {p} fear new fighting", "{a} and {a2} trade accusations"]  # fmt: skip

ARMENIAN_FIRST = ["Aram", "Armen", "Arsen", "Artur", "Ashot", "Davit", "Gagik", "Gevorg", "Hayk",
                  "Hovhannes", "Karen", "Levon", "Mher", "Narek", "Samvel", "Sargis", "Tigran",
                  "Vahagn", "Vardan", "Zaven", "Anahit", "Ani", "Arpi", "Gayane", "Lilit",
                  "Mariam", "Nairi", "Seda", "Shushan", "Tatevik", "Ruben", "Suren", "Edgar",
                  "Arayik", "Vazgen", "Robert", "Serzh", "Andranik", "Hrant", "Ararat"]  # fmt: skip
ARMENIAN_LAST = ["Petrosyan", "Sargsyan", "Grigoryan", "Hakobyan", "Harutyunyan", "Khachatryan",
                 "Vardanyan", "Karapetyan", "Gasparyan", "Mkrtchyan", "Avetisyan", "Hovhannisyan",
                 "Martirosyan", "Poghosyan", "Ghazaryan", "Stepanyan", "Abrahamyan", "Manukyan",
                 "Simonyan", "Mirzoyan", "Babayan", "Galstyan", "Danielyan", "Melkonyan",
                 "Zakaryan", "Baghdasaryan", "Aslanyan", "Asatryan", "Torosyan", "Yeghiazaryan",
                 "Hambardzumyan", "Movsisyan", "Tonoyan", "Davtyan", "Arakelyan", "Nazaryan",
                 "Sahakyan", "Avagyan", "Kocharyan", "Ohanyan"]  # fmt: skip
AZERBAIJANI_FIRST = ["Elchin", "Elnur", "Farid", "Ilham", "Kamran", "Mammad", "Nijat", "Orkhan",
                     "Rashad", "Rovshan", "Samir", "Tural", "Vugar", "Zaur", "Anar", "Elmar",
                     "Fuad", "Hikmet", "Jeyhun", "Ramiz", "Aysel", "Gunel", "Leyla", "Nigar",
                     "Sevinj", "Shahla", "Ulviyya", "Zarifa", "Aygun", "Narmin", "Hajiyev",
                     "Zakir", "Hasan", "Azer", "Emin", "Polad", "Eldar", "Vasif", "Yusif",
                     "Javid"]  # fmt: skip
AZERBAIJANI_LAST = ["Mammadov", "Aliyev", "Huseynov", "Hasanov", "Guliyev", "Ismayilov",
                    "Abbasov", "Babayev", "Jafarov", "Karimov", "Rzayev", "Suleymanov",
                    "Valiyev", "Musayev", "Najafov", "Orujov", "Gasimov", "Ibrahimov",
                    "Rahimov", "Safarov", "Talibov", "Zeynalov", "Bayramov", "Abdullayev",
                    "Asadov", "Novruzov", "Mehdiyev", "Hajiyev", "Aghayev", "Shukurov",
                    "Salimov", "Sultanov", "Veliyev", "Amirov", "Mustafayev", "Akhundov",
                    "Yusifov", "Garayev", "Nasirov", "Alakbarov"]  # fmt: skip
UNIT_KINDS = ["Army Corps", "Motor Rifle Brigade", "Mountain Rifle Brigade", "Artillery Brigade",
              "Border Detachment", "Special Forces Battalion", "Air Defence Regiment",
              "Engineering Battalion"]  # fmt: skip
PLACE_PREFIXES = ["", "", "", "Verin ", "Nerkin ", "Nor ", "Boyuk ", "Kichik ", "Yukhari ",
                  "Ashagi "]  # fmt: skip
PLACE_ROOTS = ["Shen", "Karm", "Agh", "Tegh", "Khnd", "Vorot", "Jermuk", "Sot", "Kut", "Gor",
               "Ishkh", "Zangil", "Mart", "Kar", "Sar", "Dzor", "Tav", "Berd", "Ijev", "Noyem",
               "Goy", "Dash", "Kend", "Bil", "Qar", "Gul", "Ter", "Lach", "Qub", "Fuz"]  # fmt: skip
PLACE_SUFFIXES = ["avan", "adzor", "ashen", "kert", "ahovit", "ivan", "akar", "li", "lu", "beyli",
                  "kend", "abad", "ly", "ar", "ud"]  # fmt: skip
WEEKDAYS = list(calendar.day_name)
MONTHS = list(calendar.month_name)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def synthetic_actors() -> list[tuple[str, str, str]]:
    """(name, kind, country) of the synthetic actors; the same list whatever the seed."""
    rng = random.Random(1988)
    people = [
        (f"{first} {last}", country)
        for firsts, lasts, country in (
            (ARMENIAN_FIRST, ARMENIAN_LAST, "ARM"),
            (AZERBAIJANI_FIRST, AZERBAIJANI_LAST, "AZE"),
        )
        for first in firsts
        for last in lasts
        if first != last
    ]
    rng.shuffle(people)
    units = [
        (f"{ordinal(n)} {kind} of {state}", code)
        for kind in UNIT_KINDS
        for n in range(1, 16)
        for state, code in (("Armenia", "ARM"), ("Azerbaijan", "AZE"))
    ]
    rng.shuffle(units)
    actors = [(name, Actor.Kind.ARMED_FORCES, code) for name, code in units[:200]]
    actors += [(name, Actor.Kind.PERSON, code) for name, code in people]
    return actors[:SYNTHETIC_ACTORS]


def synthetic_places() -> list[tuple[str, str, float, float]]:
    """(name, country, latitude, longitude) of synthetic villages along the border."""
    rng = random.Random(1994)
    names: dict[str, None] = {}
    while len(names) < SYNTHETIC_PLACES:
        name = rng.choice(PLACE_PREFIXES) + rng.choice(PLACE_ROOTS) + rng.choice(PLACE_SUFFIXES)
        names[name] = None
    return [
        (
            name,
            rng.choice(["ARM", "AZE"]),
            round(rng.uniform(38.9, 41.3), 4),
            round(rng.uniform(44.5, 47.5), 4),
        )
        for name in names
    ]


class Zipf:
    """Draws from a ranked list with probability proportional to 1 / rank**s."""

    def __init__(self, items: list, s: float):
        self.items = items
        self.cum = list(itertools.accumulate(1 / (rank**s) for rank in range(1, len(items) + 1)))

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]

    def distinct(self, rng: random.Random, k: int) -> list:
        k = min(k, len(self.items))
        chosen: dict = {}
        while len(chosen) < k:
            chosen[self.draw(rng)] = None
        return list(chosen)


class DaySampler:
    """Days over 1988–2023: bursts around the crises, random bursts, a background by year."""

    def __init__(self, rng: random.Random):
        self.bursts = [
            (datetime.date(*a).toordinal(), datetime.date(*b).toordinal())
            for a, b, _ in NAMED_BURSTS
        ]
        self.burst_cum = list(itertools.accumulate(w for _, _, w in NAMED_BURSTS))
        self.random_bursts = []
        for _ in range(RANDOM_BURSTS):
            first = rng.randint(FIRST_DAY, LAST_DAY - 20)
            self.random_bursts.append((first, first + rng.randint(2, 15)))
        self.years = list(range(1988, 2024))
        self.year_cum = list(itertools.accumulate(_year_weight(y) for y in self.years))

    def day(self, rng: random.Random) -> int:
        roll = rng.random()
        if roll < 0.4:
            i = bisect.bisect(self.burst_cum, rng.random() * self.burst_cum[-1])
            first, last = self.bursts[i]
        elif roll < 0.5:
            first, last = rng.choice(self.random_bursts)
        else:
            year = self.years[bisect.bisect(self.year_cum, rng.random() * self.year_cum[-1])]
            first = datetime.date(year, 1, 1).toordinal()
            last = datetime.date(year, 12, 31).toordinal()
        return rng.randint(first, last)


@dataclass
class Quote:
    event: int  # index into the chunk's events
    text: str
    date_text: str
    date_rule: str
    stance: str
    start: int = 0


@dataclass
class DraftArticle:
    id: int
    published: datetime.date
    outlet: int  # index into the outlet list
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class DraftEvent:
    id: int
    start: datetime.date
    end: datetime.date | None
    precision: str
    event_type: str
    status: str
    contested: bool
    confidence: float
    summary: str
    actors: list[tuple[int, str]]  # (actor id, role)
    places: list[int]
    names: list[str] = field(default_factory=list)  # actor names, in role order
    slots: dict = field(default_factory=dict)  # the names and numbers its sentences use
    citations: list[tuple[int, int, str]] = field(default_factory=list)  # article, start, quote


@dataclass
class Catalogue:
    """What the events are drawn from: outlets, actors and places with their ids."""

    outlets: list[tuple[int, str, str]]  # id, name, url
    actors: list[tuple[int, str]]
    places: list[tuple[int, str]]
    actor_zipf: Zipf = field(init=False)
    place_zipf: Zipf = field(init=False)
    outlet_zipf: Zipf = field(init=False)

    fillers: list[str] = field(init=False)

    def __post_init__(self):
        self.actor_zipf = Zipf(list(range(len(self.actors))), ACTOR_ZIPF)
        self.place_zipf = Zipf(list(range(len(self.places))), PLACE_ZIPF)
        self.outlet_zipf = Zipf(list(range(len(self.outlets))), OUTLET_ZIPF)
        self.fillers = []

    def make_fillers(self, rng: random.Random, count: int = FILLER_POOL) -> None:
        """Context sentences articles are padded with; a pool, as formatting each is costly."""
        self.fillers = []
        for _ in range(count):
            a, a2 = self.actor_zipf.distinct(rng, 2)
            p, p2 = self.place_zipf.distinct(rng, 2)
            self.fillers.append(
                rng.choice(FILLERS).format(
                    a=self.actors[a][1],
                    a2=self.actors[a2][1],
                    p=self.places[p][1],
                    p2=self.places[p2][1],
                    n=rng.randint(2, 900),
                    year=rng.randint(1988, 1994),
                    weekday=rng.choice(WEEKDAYS),
                    city=rng.choice(DATELINES),
                    outlet=self.outlets[self.outlet_zipf.draw(rng)][1],
                )
            )


def _weighted(rng: random.Random, options: list, weights: list):
    return rng.choices(options, weights=weights)[0]


def _month_start(d: datetime.date) -> datetime.date:
    return d.replace(day=1)


def _add_months(d: datetime.date, months: int) -> datetime.date:
    index = d.year * 12 + d.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _day_text(d: datetime.date) -> str:
    return f"{d.day} {MONTHS[d.month]} {d.year}"


def date_phrase(event: DraftEvent, published: datetime.date, rng: random.Random):
    """(sentence opening, date expression, temporal rule) for an article published on a day."""
    start, end = event.start, event.end
    if event.precision == Precision.DAY:
        if end:
            if (start.year, start.month) == (end.year, end.month):
                text = f"{start.day} and {end.day} {MONTHS[end.month]} {end.year}"
            else:
                text = f"{start.day} {MONTHS[start.month]} and {_day_text(end)}"
            return f"Between {text}", text, Rule.RANGE_DAYS
        ago = (published - start).days
        if ago == 1 and rng.random() < 0.5:
            return "Yesterday", "yesterday", Rule.RELATIVE_DAY
        if 0 < ago < 7 and rng.random() < 0.5:
            weekday = WEEKDAYS[start.weekday()]
            return f"On {weekday}", weekday, Rule.WEEKDAY_PAST
        return f"On {_day_text(start)}", _day_text(start), Rule.ABSOLUTE
    if event.precision == Precision.MONTH:
        if end:
            text = (
                f"{MONTHS[start.month]} to {MONTHS[end.month]} {end.year}"
                if start.year == end.year
                else f"{MONTHS[start.month]} {start.year} to {MONTHS[end.month]} {end.year}"
            )
            return f"From {text}", text, Rule.RANGE_MONTHS
        text = f"{MONTHS[start.month]} {start.year}"
        return f"In {text}", text, Rule.MONTH_YEAR
    if end:
        text = f"{start.year} to {end.year}"
        return f"From {text}", text, Rule.RANGE_YEARS
    return f"In {start.year}", str(start.year), Rule.YEAR


class ChunkGenerator:
    """Builds the rows of one chunk: articles in publication order and the events they report."""

    def __init__(self, catalogue: Catalogue, days: DaySampler, rng: random.Random):
        self.cat = catalogue
        self.days = days
        self.rng = rng
        self.types = list(TYPE_WEIGHTS)
        self.type_weights = list(TYPE_WEIGHTS.values())

    def actor_name(self, index: int) -> str:
        return self.cat.actors[index][1]

    def events(self, articles: list[DraftArticle], ids: range) -> list[DraftEvent]:
        rng = self.rng
        events = []
        for event_id in ids:
            anchor = rng.randrange(len(articles))
            published = articles[anchor].published
            event = self._event(event_id, published)
            events.append(event)
            # Later reports of the same happening come from articles published soon after.
            k = _weighted(rng, [1, 2, 3, 4, 5], [30, 28, 20, 12, 10])
            window = range(anchor + 1, min(len(articles), anchor + 60))
            citing = [anchor, *rng.sample(window, min(k - 1, len(window)))]
            disputing = citing[-1] if event.contested and len(citing) > 1 else None
            for index in citing:
                articles[index].quotes.append(
                    self._quote(event, len(events) - 1, articles[index], index == disputing)
                )
        return events

    def _event(self, event_id: int, published: datetime.date) -> DraftEvent:
        rng = self.rng
        end = None
        if rng.random() < 0.06:
            # A reference to something long before the report: 1992, or February 1988.
            start = published
            for _ in range(5):
                day = datetime.date.fromordinal(self.days.day(rng))
                if day < published:
                    start = day
                    break
            precision = Precision.YEAR if rng.random() < 0.5 else Precision.MONTH
        else:
            ago = _weighted(rng, [0, 1, 2, 3, 5, 7], [25, 40, 15, 8, 7, 5])
            start = max(
                datetime.date.fromordinal(published.toordinal() - ago), datetime.date(1988, 1, 1)
            )
            precision = _weighted(rng, list(Precision), [88, 8, 4])
        if precision == Precision.MONTH:
            start = _month_start(start)
        elif precision == Precision.YEAR:
            start = datetime.date(start.year, 1, 1)
        if rng.random() < 0.03:
            if precision == Precision.DAY:
                end = start + datetime.timedelta(days=rng.randint(1, 6))
            elif precision == Precision.MONTH:
                end = _add_months(start, rng.randint(1, 4))
            else:
                end = datetime.date(start.year + rng.randint(1, 3), 1, 1)

        event_type = _weighted(rng, self.types, self.type_weights)
        contested = rng.random() < CONTESTED_RATE.get(event_type, 0.03)
        n_actors = _weighted(rng, [1, 2, 3, 4], [25, 40, 25, 10])
        if contested:
            n_actors = max(n_actors, 2)
        chosen = self.cat.actor_zipf.distinct(rng, n_actors)
        roles = ["actor", "target", "source", "participant"][: len(chosen)]
        if event_type in ("talks", "agreement"):
            roles = ["participant"] * len(chosen)
        if contested:
            roles[-1] = EventActor.Role.DENIES
        actors = [(self.cat.actors[i][0], role) for i, role in zip(chosen, roles, strict=True)]
        n_places = _weighted(rng, [0, 1, 2], [25, 55, 20])
        places = self.cat.place_zipf.distinct(rng, n_places)

        names = [self.actor_name(i) for i in chosen]
        slots = self._slots(names, places)
        summary = rng.choice(SUMMARIES[event_type]).format(**slots)
        summary = summary[0].upper() + summary[1:]
        status = _weighted(
            rng, [Event.Status.EXTRACTED, Event.Status.REVIEWED, Event.Status.REJECTED], [85, 12, 3]
        )
        confidence = 1.0 if rng.random() < 0.85 else round(rng.uniform(0.5, 0.95), 2)
        return DraftEvent(
            event_id, start, end, precision, event_type, status, contested, confidence, summary,
            actors, [self.cat.places[i][0] for i in places], names, slots,
        )  # fmt: skip

    def _slots(self, names: list[str], places: list[int]) -> dict:
        rng = self.rng
        return {
            "a": names[0],
            "b": names[1] if len(names) > 1 else rng.choice(NO_SECOND),
            "p": self.cat.places[places[0]][1] if places else rng.choice(NO_PLACE),
            "n": rng.randint(2, 60),
        }

    def _quote(self, event: DraftEvent, index: int, article: DraftArticle, disputes: bool) -> Quote:
        rng = self.rng
        opening, date_text, rule = date_phrase(event, article.published, rng)
        slots = event.slots
        if disputes:
            denier = event.names[-1]
            text = (
                f"{denier} denied reports of {NOUNS[event.event_type]} near {slots['p']} "
                f"{opening[0].lower()}{opening[1:]}, calling them {rng.choice(DENIALS)}."
            )
            return Quote(index, text, date_text, rule, Citation.Stance.DISPUTES)
        clause = rng.choice(CLAUSES[event.event_type]).format(**slots)
        source = next((name for name, (_, role) in zip(event.names, event.actors, strict=True)
                       if role == "source"), None)  # fmt: skip
        said = f"{source} said" if source and rng.random() < 0.7 else rng.choice(ATTRIBUTIONS)
        if rng.random() < 0.5:
            text = f"{opening}, {clause}, {said}."
        else:
            text = f"{clause[0].upper()}{clause[1:]} {opening[0].lower()}{opening[1:]}, {said}."
        return Quote(index, text, date_text, rule, Citation.Stance.SUPPORTS)

    def filler(self) -> str:
        return self.rng.choice(self.cat.fillers)

    def body(self, article: DraftArticle) -> tuple[str, str, str]:
        """(title, dateline place, body); sets each quote's start offset in the body."""
        rng = self.rng
        outlet = self.cat.outlets[article.outlet][1]
        place = rng.choice(DATELINES)
        published = article.published
        dateline = f"{place.upper()}, {MONTHS[published.month]} {published.day}. /{outlet}/. "
        # The sentences in reading order: each quote after 0-2 sentences of context.
        items: list = []
        for quote in article.quotes:
            items.extend(self.filler() for _ in range(rng.choice((0, 0, 1, 1, 2))))
            items.append(quote)
        target = rng.randint(1500, 4500)
        length = sum(len(i.text if isinstance(i, Quote) else i) + 1 for i in items)
        while length < target:
            sentence = self.filler()
            items.insert(rng.randint(1, len(items)) if items else 0, sentence)
            length += len(sentence) + 1

        parts = [dateline]
        pos = len(dateline)
        in_paragraph, paragraph_size = 0, rng.randint(1, 4)
        for i, item in enumerate(items):
            if i:
                if in_paragraph >= paragraph_size:
                    parts.append("\n\n")
                    pos += 2
                    in_paragraph, paragraph_size = 0, rng.randint(1, 4)
                else:
                    parts.append(" ")
                    pos += 1
            text = item.text if isinstance(item, Quote) else item
            if isinstance(item, Quote):
                item.start = pos
            parts.append(text)
            pos += len(text)
            in_paragraph += 1
        parts.append(f"\n\n({outlet} story {article.id})")
        body = "".join(parts)
        cat = self.cat
        title = rng.choice(HEADLINES).format(
            a=cat.actors[cat.actor_zipf.draw(rng)][1],
            a2=cat.actors[cat.actor_zipf.draw(rng)][1],
            p=cat.places[cat.place_zipf.draw(rng)][1],
        )
        return title[:500], place, body


# Column order of the rows each writer receives (attnames).
ARTICLE_COLUMNS = ["id", "outlet_id", "title", "dateline_place", "published", "published_source",
                   "published_confidence", "published_reasoning", "url", "language", "raw_text",
                   "body", "content_hash", "source_file", "ingested_at"]  # fmt: skip
EVENT_COLUMNS = ["id", "start", "end", "precision", "last_day", "date_confidence", "summary",
                 "event_type", "status", "contested", "edited_fields", "search_document",
                 "sample", "created_at", "updated_at", "actor_ids", "place_ids",
                 "outlet_ids"]  # fmt: skip
# The event's actor, place and outlet ids, which PostgreSQL's triggers keep: written here so
# that the link tables' insert triggers (ARRAYS_WRITTEN, ignored meanwhile) need not compute
# them and write the events a second time. Other databases keep none (vendor_schema.RelatedIds)
# and drop them.
DATABASE_ONLY = {"actor_ids", "place_ids", "outlet_ids"}
ARRAYS_WRITTEN = (
    "timeline.EventActor:actor_ids_inserted",
    "timeline.EventPlaceLinks:place_ids_inserted",
    "timeline.Citation:outlet_ids_inserted",
)
CITATION_COLUMNS = ["id", "event_id", "article_id", "quote", "start", "end", "date_text",
                    "date_rule", "is_caption", "stance"]  # fmt: skip
EVENT_ACTOR_COLUMNS = ["id", "event_id", "actor_id", "role"]
EVENT_PLACE_COLUMNS = ["id", "event_id", "place_id"]


def write_copy(bundle: list[tuple]) -> None:
    """PostgreSQL: COPY … FROM STDIN through psycopg 3, one transaction per chunk."""
    with transaction.atomic():
        # The rows carry their events' actor, place and outlet ids (DATABASE_ONLY): the link
        # tables' insert triggers need not compute them again (vendor_schema.kept_ids_triggers).
        with pgtrigger.ignore(*ARRAYS_WRITTEN), connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            # pgtrigger.ignore sets its transaction-local setting before each statement that
            # goes through Django's cursor; the COPYs go through psycopg's, so one goes first.
            cursor.execute("SELECT 1")
            for model, columns, rows in bundle:
                _copy_rows(raw, model, columns, rows)
        # The first chunk into a corpus without a vocabulary of common words chooses it; the
        # later chunks' rows get their bits from the trigger as they are copied. (Outside
        # pgtrigger.ignore, whose statement prefix psycopg's executemany does not take.)
        if not vocabulary():
            refresh_lexemes()


def _copy_rows(raw, model, columns: list[str], rows) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    column = {f.attname: f.column for f in model._meta.concrete_fields}
    names = ", ".join(connection.ops.quote_name(column.get(c, c)) for c in columns)
    json_at = [i for i, c in enumerate(columns) if c == "edited_fields"]
    with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            if json_at:  # jsonb in COPY's text format is its JSON text
                row = list(row)
                for i in json_at:
                    row[i] = json.dumps(row[i])
            copy.write_row(row)


def write_bulk(bundle: list[tuple]) -> None:
    """Any other database: bulk_create, one transaction per chunk."""
    with transaction.atomic():
        for model, columns, rows in bundle:
            kept = [i for i, c in enumerate(columns) if c not in DATABASE_ONLY]
            names = [columns[i] for i in kept]
            model.objects.bulk_create(
                [model(**dict(zip(names, (row[i] for i in kept), strict=True))) for row in rows],
                batch_size=2000,
            )


class BackgroundWriter:
    """Writes chunks on a thread with its own connection while the next chunk is generated.

    Generation is Python on one core and COPY is the server on another; overlapping them
    nearly halves the run on a two-core machine. At most one chunk waits in the queue.
    """

    def __init__(self, write):
        self.write = write
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="generate_corpus-writer")
        self.thread.start()

    def _run(self) -> None:
        try:
            while (bundle := self.queue.get()) is not None:
                if self.error is None:
                    try:
                        self.write(bundle)
                    except BaseException as exc:  # handed to the main thread
                        self.error = exc
                self.queue.task_done()
            self.queue.task_done()
        finally:
            connection.close()

    def submit(self, bundle: list[tuple]) -> None:
        self._raise()
        self.queue.put(bundle)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise CommandError(f"writing failed: {self.error}") from self.error


def next_id(model) -> int:
    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


class Command(BaseCommand):
    help = (
        "Write a synthetic corpus (outlets, actors, places, articles, events, citations) into "
        "the database for benchmarks. COPY on PostgreSQL, bulk_create elsewhere; deterministic "
        "for a seed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--events", type=int, required=True, help="Events to create.")
        parser.add_argument(
            "--articles", type=int, help="Articles to create (default: a third of --events)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--chunk",
            type=int,
            default=50_000,
            help="Events per transaction; bounds memory (default 50,000).",
        )

    def handle(self, *args, **options):
        self._generate(*args, **options)
        # COPY and bulk_create send no signals: the stored aggregates must go here, and are
        # counted again at once so the first page does not have to estimate.
        invalidate_aggregates()
        started = time.perf_counter()
        Stored.refresh()
        if options["verbosity"]:
            self.stdout.write(f"aggregates stored ({time.perf_counter() - started:.1f} s)")

    def _generate(self, *args, events: int, articles: int | None, seed: int, chunk: int, **options):
        verbosity = options["verbosity"]
        if events < 1 or events > MAX_EVENTS:
            raise CommandError(f"--events must be between 1 and {MAX_EVENTS:,}; got {events:,}.")
        if articles is None:
            articles = max(1, events // 3)
        if articles < 1 or articles > MAX_ARTICLES or articles > events * 5:
            raise CommandError(
                f"--articles must be between 1 and {min(MAX_ARTICLES, events * 5):,} "
                f"(at most five per event); got {articles:,}."
            )
        if chunk < 1:
            raise CommandError("--chunk must be positive.")

        began = time.perf_counter()
        catalogue = self._catalogue()
        if verbosity:
            self.stdout.write(
                f"catalogue: {len(catalogue.outlets)} outlets, {len(catalogue.actors):,} actors, "
                f"{len(catalogue.places):,} places"
            )
        postgres = connection.vendor == "postgresql"
        write = write_copy if postgres else write_bulk
        # Inside a caller's transaction (a test) another connection would not see its rows.
        background = (
            BackgroundWriter(write) if postgres and not connection.in_atomic_block else None
        )

        rng = random.Random(seed)
        days = DaySampler(rng)
        # Articles in publication order; each chunk reports on its slice of time.
        published = sorted(days.day(rng) for _ in range(articles))
        chunks = min(math.ceil(events / chunk), articles)
        ids = {
            model: next_id(model)
            for model in (Article, Event, Citation, EventActor, Event.places.through)
        }
        counts = dict.fromkeys(
            ("articles", "events", "citations", "event_actors", "event_places"), 0
        )
        catalogue.make_fillers(rng, min(FILLER_POOL, 1000 + 20 * articles))
        try:
            for index in range(chunks):
                a0, a1 = articles * index // chunks, articles * (index + 1) // chunks
                e0, e1 = events * index // chunks, events * (index + 1) // chunks
                chunk_rng = random.Random(seed * 1_000_003 + index)
                bundle = self._build(catalogue, days, chunk_rng, published[a0:a1], e1 - e0, ids)
                if background:
                    background.submit(bundle)
                else:
                    write(bundle)
                for name, (_, _, rows) in zip(counts, bundle, strict=True):
                    counts[name] += len(rows)
                if verbosity:
                    elapsed = time.perf_counter() - began
                    self.stdout.write(
                        f"chunk {index + 1}/{chunks}: {counts['events']:,} events, "
                        f"{counts['articles']:,} articles, {counts['citations']:,} citations "
                        f"generated ({elapsed:.1f} s, {counts['events'] / elapsed:,.0f} events/s)"
                    )
        finally:
            if background:
                background.close()
        loaded = time.perf_counter() - began
        if postgres:
            self._finish_postgres(verbosity)
        elapsed = time.perf_counter() - began
        rows = sum(counts.values())
        summary = ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"generated {summary} in {elapsed:.1f} s (load {loaded:.1f} s, then sequences "
                f"and VACUUM ANALYZE {elapsed - loaded:.1f} s): {rows / elapsed:,.0f} rows/s, "
                f"{counts['events'] / elapsed:,.0f} events/s"
            )
        )

    def _catalogue(self) -> Catalogue:
        """Outlets, actors and places, gazetteer rows first, synthetic ones created as needed."""
        with transaction.atomic():
            Outlet.objects.bulk_create(
                [Outlet(name=name, url=url) for name, url in OUTLETS], ignore_conflicts=True
            )
            Actor.objects.bulk_create(
                [
                    Actor.named(n, kind=k, country=c, reviewed=True)
                    for n, k, c in synthetic_actors()
                ],
                ignore_conflicts=True,
            )
            Place.objects.bulk_create(
                [
                    Place(name=n, kind=Place.Kind.TOWN, country=c, latitude=lat, longitude=lon)
                    for n, c, lat, lon in synthetic_places()
                ],
                ignore_conflicts=True,
            )
        outlet_rank = {name: i for i, (name, _) in enumerate(OUTLETS)}
        outlets = sorted(
            Outlet.objects.filter(name__in=outlet_rank).values_list("id", "name", "url"),
            key=lambda row: outlet_rank[row[1]],
        )
        # Real (gazetteer) names rank first, so Armenia and Aliyev are the frequent ones.
        synthetic = {name: i for i, (name, _, _) in enumerate(synthetic_actors())}
        actors = sorted(
            Actor.objects.values_list("id", "name"),
            key=lambda row: (row[1] in synthetic, synthetic.get(row[1], 0), row[0]),
        )
        # Provinces, towns and border areas are where things happen; whole countries rank last.
        synthetic_place = {name: i for i, (name, *_) in enumerate(synthetic_places())}
        places = [
            (pk, name)
            for pk, name, _ in sorted(
                Place.objects.values_list("id", "name", "kind"),
                key=lambda row: (
                    row[2] == Place.Kind.COUNTRY,
                    row[1] in synthetic_place,
                    synthetic_place.get(row[1], 0),
                    row[0],
                ),
            )
        ]
        return Catalogue(list(outlets), actors, places)

    def _build(self, catalogue, days, rng, published, n_events, ids) -> list[tuple]:
        """The chunk's rows: [(model, columns, rows)], parents before children."""
        gen = ChunkGenerator(catalogue, days, rng)
        drafts = []
        for ordinal_day in published:
            drafts.append(
                DraftArticle(
                    ids[Article],
                    datetime.date.fromordinal(ordinal_day),
                    catalogue.outlet_zipf.draw(rng),
                )
            )
            ids[Article] += 1
        events = gen.events(drafts, range(ids[Event], ids[Event] + n_events))
        ids[Event] += n_events
        now = timezone.now()

        article_rows = []
        citation_rows = []
        outlet_of: dict[int, int] = {}
        for article in drafts:
            title, dateline, body = gen.body(article)
            outlet_id, outlet_name, outlet_url = catalogue.outlets[article.outlet]
            outlet_of[article.id] = outlet_id
            digest = content_hash(body)
            source = rng.choices(
                [Article.DateSource.TEXT, Article.DateSource.MANIFEST, Article.DateSource.INFERRED],
                weights=[85, 10, 5],
            )[0]
            confidence, reasoning = {
                Article.DateSource.TEXT: (0.95, ""),
                Article.DateSource.MANIFEST: (1.0, ""),
                Article.DateSource.INFERRED: (0.6, "dateline month and day; year from the text"),
            }[source]
            article_rows.append(
                (
                    article.id, outlet_id, title, dateline, article.published, source, confidence,
                    reasoning, f"{outlet_url}/news/{article.id}", "en", f"{title}\n\n{body}\n",
                    body, digest, f"synthetic_{article.id:08d}_{digest[:12]}.txt", now,
                )
            )  # fmt: skip
            for quote in article.quotes:
                event = events[quote.event]
                end = quote.start + len(quote.text)
                event.citations.append((article.id, quote.start, quote.text))
                citation_rows.append(
                    (
                        ids[Citation], event.id, article.id, quote.text, quote.start, end,
                        quote.date_text, quote.date_rule, False, quote.stance,
                    )
                )  # fmt: skip
                ids[Citation] += 1

        event_rows, actor_rows, place_rows = [], [], []
        for event in events:
            quotes = [text for _, _, text in sorted(event.citations)]
            event_rows.append(
                (
                    event.id, event.start, event.end, event.precision,
                    period_last_day(event.end or event.start, event.precision),
                    event.confidence, event.summary, event.event_type, event.status,
                    event.contested, [], "\n".join([event.summary, *quotes]),
                    rng.randrange(SAMPLE_SPACE), now, now,
                    sorted({actor_id for actor_id, _ in event.actors}),
                    sorted(set(event.places)),
                    sorted({outlet_of[article_id] for article_id, _, _ in event.citations}),
                )
            )  # fmt: skip
            for actor_id, role in event.actors:
                actor_rows.append((ids[EventActor], event.id, actor_id, role))
                ids[EventActor] += 1
            for place_id in event.places:
                place_rows.append((ids[Event.places.through], event.id, place_id))
                ids[Event.places.through] += 1

        return [
            (Article, ARTICLE_COLUMNS, article_rows),
            (Event, EVENT_COLUMNS, event_rows),
            (Citation, CITATION_COLUMNS, citation_rows),
            (EventActor, EVENT_ACTOR_COLUMNS, actor_rows),
            (Event.places.through, EVENT_PLACE_COLUMNS, place_rows),
        ]

    def _finish_postgres(self, verbosity: int) -> None:
        """Sequences past the ids written here, then a vacuum and fresh planner statistics."""
        models = [Outlet, Actor, Place, Article, Event, Citation, EventActor, Event.places.through]
        # VACUUM also sets the visibility map, so index-only scans work as they would on a
        # database autovacuum has visited; it cannot run inside a caller's transaction.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
            for model in models:
                table = connection.ops.quote_name(model._meta.db_table)
                if verbosity > 1:
                    self.stdout.write(f"{command} {table}")
                cursor.execute(f"{command} {table}")
