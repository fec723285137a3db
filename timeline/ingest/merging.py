"""The one matcher: which event each draft reports, planned in memory for a whole run.

A ``Plan`` reads once what its drafts can merge into: the events and merge tombstones on the
drafts' dates (with their actors and the sentences they quote), the actors, aliases and places the drafts
name, and, for corpus dating, the latest events of the actors undated articles name. It then takes
articles one after another, exactly as ingesting them one by one would: each draft goes to the
first event on its date that reports the same happening (``timeline.extraction.matching``), in id
order, then to the survivor of a tombstone that does, else (once the article's other drafts
have joined theirs, whose reports it is compared with again) to a new event. A draft that tells
the happening of two events of its date that no article tells apart joins them into the first
(``absorb``): outlets word one happening differently, and a third that words it like both shows
they are one. The article's first telling of a happening is its citation (a quote or a recap
of it adds no evidence from this source); actors and places join the event; a denial marks the
disputed event contested. Events created or grown by earlier articles are candidates for later
ones.

Nothing is written here: ``writing.write`` stores a plan with a fixed number of queries (and a
few for each stored event a report joined to another).
Ingestion of new files (``Plan.plan``), corpus dating of undated ones and re-extraction
(``reextraction``, which applies the ownership rules through ``find_or_create`` and ``link``)
all decide through this one matcher.
"""

import bisect
import dataclasses
import datetime
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from articles.models import Article
from articles.text.cleaning import CleanText
from articles.text.metadata import DateSource, Metadata, date_within
from timeline.extraction.actors import spelling
from timeline.extraction.corpus_dating import (
    MIN_MATCHES,
    CorpusDate,
    KnownEvent,
    infer_publication_date,
)
from timeline.extraction.document import Extraction, extract
from timeline.extraction.events import (
    Act,
    ActorRef,
    EventDraft,
    SentenceInput,
    clause_in,
    has_possessive_date,
)
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.matching import (
    GENERIC_TYPES,
    Context,
    Report,
    Signature,
    may_be_same,
    report,
    same_happening,
    signature,
    terms,
)
from timeline.extraction.places import PlaceInfo
from timeline.ingest.extracting import Undated, in_gazetteer
from timeline.ingest.files import IngestResult, Prepared
from timeline.models import (
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    MergedEvent,
    Place,
    Precision,
)

# A publication date the corpus gives: more sure when several of the article's relative dates
# line up with known events than when one does.
CORPUS_DATE_CONFIDENCE = 0.5
CORPUS_DATE_ONE_MATCH_CONFIDENCE = 0.35
KNOWN_EVENTS_LIMIT = 2000
NEW_EVENT_ORDER = 1 << 62  # new events are tried after every stored one, in creation order
EVENT_COLUMNS = (
    "id",
    "start",
    "end",
    "precision",
    "event_type",
    "status",
    "summary",
    "date_confidence",
    "contested",
    "edited_fields",
)

DateKey = tuple[datetime.date, datetime.date | None, str]
_WORDS = re.compile(r"[A-Za-z]+")


@dataclass(eq=False)
class EventState:
    """An event as the plan sees it: stored (pk) or new (pk None until written)."""

    pk: int | None
    order: int
    start: datetime.date
    end: datetime.date | None
    precision: str
    event_type: str
    status: str
    summary: str
    date_confidence: float
    contested: bool
    edited_fields: list
    roles: set[tuple[str, str]] = field(default_factory=set)  # (actor name, role)
    planned: bool = False  # a new event's, from its first draft (stored events keep theirs)
    names: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    # How each citation tells the happening (the rule compares a draft with each), and the
    # article that tells it so (an ArticlePlan, or a stored article's id), in the same order.
    reports: list[Report] = field(default_factory=list)
    told_by: list[object] = field(default_factory=list)
    quotes: list[tuple[object, int, str]] = field(default_factory=list)  # (article, start, quote)
    opened_by: object = None  # the ArticlePlan whose draft made it (new events)
    text_stale: bool = False  # its search text (summary, quotes) must be rebuilt
    indexed: bool = False  # among the candidates of its date
    # Re-extraction: the fields it took from a draft, and whether its actors and places were
    # cleared for the draft to set them again.
    changed: set[str] = field(default_factory=set)
    reset_roles: bool = False
    reset_places: bool = False
    _signature: Signature | None = None
    _known: KnownEvent | None = None  # known()'s, for the signature and start it was made of

    @property
    def key(self) -> DateKey:
        return (self.start, self.end, self.precision)

    def add_role(self, name: str, role: str) -> None:
        self.roles.add((name, role))
        self.names.add(name)
        if role == EventActor.Role.SOURCE:
            self.sources.add(name)
        self._signature = None

    def add_quote(self, article, start: int, quote: str, told: Report | None = None) -> None:
        """A citation of the quote; ``told``: how it tells the happening, when it does."""
        self.quotes.append((article, start, quote))
        if told is not None:
            self.reports.append(told)
            self.told_by.append(article)
        self.text_stale = True
        self._signature = None

    def drop_quote(self, article_id: int, start: int) -> None:
        """A stored citation goes (re-extraction): its quote leaves the search text."""
        self.quotes = [
            q for q in self.quotes if not (_article_id(q[0]) == article_id and q[1] == start)
        ]
        self.text_stale = True

    def retype(self, event_type: str) -> None:
        self.event_type = event_type
        self.reports = [dataclasses.replace(r, event_type=event_type) for r in self.reports]
        self._signature = None

    def vocabulary(self) -> set[str]:
        """The lower-cased words of its quotes (corpus dating looks story words up in them)."""
        return {word.lower() for _, _, quote in self.quotes for word in _WORDS.findall(quote)}

    def wording(self) -> set[str]:
        """The words its reports use."""
        return set().union(*(told.terms for told in self.reports))

    def told_in(self, article: "ArticlePlan") -> Signature | None:
        """What the rule compares of the reports this article gives the event; None for none."""
        stored = article.article.pk if article.article is not None else None
        mine = tuple(
            told
            for told, by in zip(self.reports, self.told_by, strict=True)
            if by is article or (stored is not None and by == stored)
        )
        if not mine:
            return None
        return Signature(mine, frozenset(self.names), frozenset(self.sources))

    def signature(self) -> Signature:
        if self._signature is None:
            self._signature = Signature(
                tuple(self.reports), frozenset(self.names), frozenset(self.sources)
            )
        return self._signature

    @property
    def datable(self) -> bool:
        """Whether corpus dating counts it: a visible event on a single day."""
        return (
            self.status != Event.Status.REJECTED
            and self.precision == Precision.DAY
            and self.end is None
        )

    def known(self) -> KnownEvent:
        """The event as corpus dating compares it (made again once its signature, date or summary
        changes: corpus dating asks for every candidate event of every undated article)."""
        signature, known = self.signature(), self._known
        if (
            known is None
            or known.signature is not signature
            or known.start != self.start
            or known.label is not self.summary
        ):
            known = self._known = KnownEvent(self.start, signature, self.summary)
        return known

    def search_document(self) -> str:
        """What Event.refresh_search_document stores: the summary, then the quotes."""
        quotes = sorted(self.quotes, key=lambda q: (_article_id(q[0]), q[1]))
        return "\n".join([self.summary, *(quote for _, _, quote in quotes)])


def _article_id(article) -> int:
    return article if isinstance(article, int) else article.article.pk


def _citing(article) -> tuple[str, int]:
    """Who cites: a stored article (by id, read from the database or being extracted again) or
    a new one (by its plan)."""
    if isinstance(article, int):
        return ("stored", article)
    if article.article is not None and article.article.pk is not None:
        return ("stored", article.article.pk)
    return ("new", id(article))


def _bridged(state: EventState, other: EventState, article: "ArticlePlan | None") -> bool:
    """Whether a report that tells the happening of both events may join ``other`` to
    ``state``: both are the machine's (extracted, no field an editor owns), and no article
    tells them apart (none cites both, and the report's own article does not cite ``other``).
    Outlets word a happening differently; a third that words it like both shows the two are
    one, as an editor would merge them."""
    for event in (state, other):
        if event.status != Event.Status.EXTRACTED or event.edited_fields:
            return False
    citing = {_citing(quote[0]) for quote in other.quotes}
    if article is not None and _citing(article) in citing:
        return False
    return citing.isdisjoint(_citing(quote[0]) for quote in state.quotes)


@dataclass(eq=False)
class ActorRow:
    name: str
    pk: int | None
    kind: str = Actor.Kind.OTHER
    country: str = ""
    reviewed: bool = True


@dataclass(eq=False)
class PlaceRow:
    """A place as the plan sees it: stored (pk) or new, made from what extraction knew of it."""

    name: str
    pk: int | None
    new: PlaceInfo | None = None


@dataclass(eq=False)
class ArticlePlan:
    """One article's part of a plan: a new article (``article`` None until written) or a stored
    one being extracted again (``stored``: its citations by (event id, offset))."""

    item: Prepared | None
    meta: Metadata
    result: IngestResult
    article: Article | None = None
    cited: set[tuple[int, int]] = field(default_factory=set)  # (id of event state, start)
    linked: set[int] = field(default_factory=set)  # ids of the event states it cites
    # Re-extraction: ids of the states of the events an editor owns, which the article cites
    # already and which take nothing from the machine.
    kept: set[int] = field(default_factory=set)
    stored: dict[tuple[int, int], Citation] = field(default_factory=dict)
    touched: set[int] = field(default_factory=set)  # stored citations made again by this run
    redated: list[tuple[Citation, str, str, str]] = field(default_factory=list)


@dataclass(eq=False)
class CitationPlan:
    state: EventState
    article: ArticlePlan
    sentence: SentenceInput
    date_text: str
    date_rule: str
    stance: str
    act: str = Act.HAPPENING


def _dating_order(state: EventState) -> tuple[int, int]:
    return (-state.start.toordinal(), state.order)


def drafted_places(found: Extraction) -> dict[str, PlaceInfo | None]:
    """The places the drafts name, with what extraction knew of those it found in GeoNames or
    proposed as candidates."""
    return {name: found.places.get(name) for draft in found.drafts for name in draft.places}


def ref_names(found: Extraction) -> set[str]:
    names = {ref.name for draft in found.drafts for ref in draft.actors}
    names.update(dispute.denier.name for dispute in found.disputes)
    return names


def same_for_dating(draft: EventDraft, event: KnownEvent) -> bool:
    """The matcher's rule, as corpus dating asks it: does the draft report the known event?"""
    return same_happening(signature(draft), event.signature, same_day=True)


def may_match(text: str, event: KnownEvent) -> bool:
    return may_be_same(terms(text), event.signature, naming=has_possessive_date(text))


def corpus_dated(meta: Metadata, found: CorpusDate | None) -> Metadata:
    if found is None:
        return meta
    return dataclasses.replace(
        meta,
        published=found.published,
        published_source=DateSource.INFERRED,
        published_confidence=CORPUS_DATE_CONFIDENCE
        if len(found.matches) > 1
        else CORPUS_DATE_ONE_MATCH_CONFIDENCE,
        published_reasoning=found.reasoning,
    )


def corpus_years() -> set[int]:
    """The years in which the stored articles were published."""
    dated = Article.objects.filter(published__isnull=False)
    return {day.year for day in dated.dates("published", "year")}


class Plan:
    def __init__(self, gazetteer_once: Callable[[], Gazetteer]):
        self._gazetteer_once = gazetteer_once
        self._corpus_years: set[int] | None = None
        self.events: dict[int, EventState] = {}  # stored events by id
        self.by_key: dict[DateKey, list[EventState]] = defaultdict(list)
        # Per date, how many of its candidates use each word in their reports (matching.Context).
        self.uses: dict[DateKey, Counter[str]] = defaultdict(Counter)
        self.events_on: Counter[DateKey] = Counter()
        self.loaded_starts: set[datetime.date] = set()
        self.tombstones: dict[DateKey, list[tuple[Signature, int]]] = defaultdict(list)
        self.new_events: list[EventState] = []
        self.known_by_name: dict[
            str, list[int]
        ] = {}  # corpus dating: latest events per actor spelling
        self.known_by_word: dict[str, list[int]] = {}  # and per story word
        # Corpus dating's candidates, latest first: every loaded datable event naming an actor
        # of an undated article, and those this plan made or grew.
        self.dating: list[EventState] = []
        self.in_dating: set[int] = set()
        self.actors: dict[str, ActorRow] = {}  # by Actor.name, stored or new
        self.aliases: dict[str, ActorRow] = {}
        self.by_spelling: dict[str, ActorRow] = {}  # by Actor.spelling, stored or new
        self.spelled: list[tuple[ActorRow, str]] = []  # names resolved by their spelling
        # Acronyms and aliases the plan's articles define ("RSF" -> "Rapid Support Forces"):
        # another article's bare "RSF" is that actor, and the alias is stored for later runs.
        self.learned: dict[str, str] = {}
        self.looked_up: set[str] = set()
        self.resolved: dict[str, ActorRow] = {}
        self.new_actors: list[ActorRow] = []
        self.places: dict[str, PlaceRow | None] = {}  # by Place.name, stored or new
        self.new_places: list[PlaceRow] = []
        self.citations: list[CitationPlan] = []
        self.event_actors: list[tuple[EventState, ActorRow, str]] = []
        self.event_places: list[tuple[EventState, PlaceRow]] = []
        self.place_links: set[tuple[int, str]] = set()
        self.contested: list[EventState] = []  # stored events this plan marks contested
        # Stored events a report joined to another (Plan.absorb), with the event they joined.
        self.absorbed: list[tuple[EventState, EventState]] = []
        self._new_order = itertools.count(NEW_EVENT_ORDER)

    @property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer_once()

    # -- reading, once per plan

    def preload(self, items: list[Prepared]) -> None:
        starts: set[datetime.date] = set()
        names: set[str] = set()
        places: dict[str, PlaceInfo | None] = {}
        undated: set[str] = set()
        story: set[str] = set()
        for item in items:
            found = item.found
            if found is None:
                undated |= item.undated.names
                story |= item.undated.story
                names |= item.undated.names
                found = item.undated.found
            if found is not None:
                self.learn(found)
                starts.update(draft.date.first for draft in found.drafts)
                names |= ref_names(found)
                places.update(drafted_places(found))
        self.load_starts(starts)
        self.load_actors(names)
        self.load_places(places)
        self.load_known(undated, story)

    def prepare(self, found: Extraction) -> None:
        """Read what one extraction's drafts can merge into and name (what preload reads)."""
        self.learn(found)
        self.load_starts({draft.date.first for draft in found.drafts})
        self.load_actors(ref_names(found))
        self.load_places(drafted_places(found))

    def learn(self, found: Extraction) -> None:
        for alias, name in found.aliases.items():
            if len(alias) <= 200:
                self.learned.setdefault(alias, name)

    def new_aliases(self) -> list[tuple[ActorRow, str]]:
        """(actor, alias) for each alias the plan learned whose actor it names, and for each
        other spelling of an actor's name it met."""
        out = []
        for alias, name in self.learned.items():
            row = self.resolved.get(name) or self.actors.get(name)
            if row is not None and alias not in self.aliases and alias != row.name:
                out.append((row, alias))
        out += [(row, name) for row, name in self.spelled if name not in self.aliases]
        return out

    def load_starts(self, starts: set[datetime.date]) -> None:
        """Every event and tombstone on these dates: the merge candidates of drafts dated so."""
        missing = starts - self.loaded_starts
        if not missing:
            return
        self.loaded_starts |= missing
        rows = Event.objects.filter(start__in=missing).order_by("id").values_list(*EVENT_COLUMNS)
        for state in self._states(rows):
            self._index(state)
        tombstones = list(
            MergedEvent.objects.filter(start__in=missing)
            .order_by("id")
            .values_list(
                "start",
                "end",
                "precision",
                "event_type",
                "actor_names",
                "source_names",
                "words",
                "into_id",
            )
        )
        self.load_events({row[-1] for row in tombstones})
        for start, end, precision, event_type, names, sources, words, into in tombstones:
            merged_away = Signature(
                (report(" ".join(words), event_type),), frozenset(names), frozenset(sources)
            )
            self.tombstones[(start, end, precision)].append((merged_away, into))

    def load_events(self, ids: set[int]) -> None:
        """These stored events as states (not made candidates of their dates by this)."""
        missing = ids - self.events.keys()
        if missing:
            self._states(Event.objects.filter(pk__in=missing).values_list(*EVENT_COLUMNS))

    def _states(self, rows) -> list[EventState]:
        states, fresh = [], []
        for row in rows:
            state = self.events.get(row[0])
            if state is None:
                state = EventState(row[0], row[0], *row[1:])
                self.events[state.pk] = state
                fresh.append(state)
            states.append(state)
        if fresh:
            ids = [state.pk for state in fresh]
            for event_id, name, role in EventActor.objects.filter(event_id__in=ids).values_list(
                "event_id", "actor__name", "role"
            ):
                self.events[event_id].add_role(name, role)
            for event_id, article_id, start, quote, date_text, stance, act, caption in (
                Citation.objects.filter(event_id__in=ids)
                .order_by("id")
                .values_list(
                    "event_id",
                    "article_id",
                    "start",
                    "quote",
                    "date_text",
                    "stance",
                    "act",
                    "is_caption",
                )
            ):
                state = self.events[event_id]
                state.quotes.append((article_id, start, quote))
                if stance == Citation.Stance.SUPPORTS:
                    told = clause_in(quote, date_text) or quote
                    state.reports.append(report(told, state.event_type, act, caption))
                    state.told_by.append(article_id)
        return states

    def _index(self, state: EventState) -> None:
        """Make the state a candidate on its date, in id order (new events after stored ones)."""
        if not state.indexed:
            state.indexed = True
            bisect.insort(self.by_key[state.key], state, key=lambda s: s.order)
            self.uses[state.key].update(state.wording())
            self.events_on[state.key] += 1

    def redate(self, state: EventState, start, end, precision: str) -> None:
        """The state takes another date (re-extraction): it becomes a candidate there instead."""
        if state.indexed:
            self.by_key[state.key].remove(state)
            self.uses[state.key].subtract(state.wording())
            self.events_on[state.key] -= 1
            state.indexed = False
        state.start, state.end, state.precision = start, end, precision
        self.load_starts({start})
        self._index(state)

    def clear_roles(self, state: EventState) -> None:
        """The event's actors go (those stored and those planned) for a draft to set them anew."""
        state.roles.clear()
        state.names.clear()
        state.sources.clear()
        state.reset_roles = True
        state._signature = None
        self.event_actors = [link for link in self.event_actors if link[0] is not state]

    def clear_places(self, state: EventState) -> None:
        """The event's places go (those stored and those planned) for a draft to set them anew."""
        state.reset_places = True
        self.event_places = [link for link in self.event_places if link[0] is not state]
        self.place_links = {link for link in self.place_links if link[0] != id(state)}

    def load_actors(self, names: set[str]) -> None:
        missing = names - self.looked_up
        if not missing:
            return
        self.looked_up |= missing
        wanted = missing | {name[:200] for name in missing}
        keys = {spelling(name) for name in missing}
        for pk, name, kind, country, reviewed, key in (
            Actor.objects.filter(Q(name__in=wanted) | Q(spelling__in=keys))
            .order_by("-reviewed", "id")
            .values_list("id", "name", "kind", "country", "reviewed", "spelling")
        ):
            row = self.actors.setdefault(name, ActorRow(name, pk, kind, country, reviewed))
            self.by_spelling.setdefault(key, row)
        for alias, actor_id, actor_name in (
            ActorAlias.objects.filter(name__in=missing)
            .order_by("id")
            .values_list("name", "actor_id", "actor__name")
        ):
            if alias not in self.aliases:
                row = self.actors.setdefault(actor_name, ActorRow(actor_name, actor_id))
                self.aliases[alias] = row

    def load_places(self, names: dict[str, PlaceInfo | None]) -> None:
        """The stored places of these names (drafts name GeoNames' places by the world
        gazetteer's unique name), else of that GeoNames id; one extraction found (GeoNames' or
        a candidate) is made when none is stored, named as the text wrote it when no other
        place has that name. A name with no such knowledge (a conflict gazetteer's place not
        loaded) is left out."""
        missing = names.keys() - self.places.keys()
        if not missing:
            return
        self.places.update(dict.fromkeys(missing))
        for name, pk in Place.objects.filter(name__in=missing).values_list("name", "id"):
            self.places[name] = PlaceRow(name, pk)
        found = {n: names[n] for n in missing if self.places[n] is None and names[n] is not None}
        by_id = {info.geonameid: n for n, info in found.items() if info.geonameid}
        for geonameid, name, pk in Place.objects.filter(geonameid__in=by_id).values_list(
            "geonameid", "name", "id"
        ):
            self.places[by_id[geonameid]] = PlaceRow(name, pk)
        new = {n: info for n, info in found.items() if self.places[n] is None}
        labels = {info.name for n, info in new.items() if info.name != n}
        taken = set(Place.objects.filter(name__in=labels).values_list("name", flat=True))
        taken |= {row.name for row in self.new_places} | self.places.keys()
        for name in sorted(new):
            info = new[name]
            label = info.name if info.name not in taken else name
            taken.add(label)
            row = PlaceRow(label, None, info)
            self.places[name] = row
            self.new_places.append(row)

    def load_known(self, names: set[str], story: set[str] = frozenset()) -> None:
        """For corpus dating: per actor, the latest KNOWN_EVENTS_LIMIT datable events naming it,
        and per story word (corpus_dating.story_words), the latest whose text has it.

        An article's known events are the latest KNOWN_EVENTS_LIMIT of those naming any of its
        actors or story words, so they are all among these lists, whichever article of the plan
        asks.
        """
        self._load_known_by_word(story)
        # Looked up by spelling (Actor.spelling): a report's "Abbakar" finds the events of the
        # stored "Abakar".
        missing = sorted({spelling(name) for name in names} - self.known_by_name.keys())
        if not missing:
            return
        for key in missing:
            self.known_by_name[key] = []
        q = connection.ops.quote_name
        placeholders = ", ".join(["%s"] * len(missing))
        sql = (
            f"SELECT event_id, name FROM ("
            f" SELECT event_id, name, ROW_NUMBER() OVER"
            f" (PARTITION BY name ORDER BY start DESC, event_id) AS row_rank FROM ("
            f"  SELECT DISTINCT ea.{q('event_id')} AS event_id, a.{q('spelling')} AS name,"
            f"  e.{q('start')} AS start"
            f"  FROM {q(EventActor._meta.db_table)} ea"
            f"  JOIN {q(Actor._meta.db_table)} a ON a.{q('id')} = ea.{q('actor_id')}"
            f"  JOIN {q(Event._meta.db_table)} e ON e.{q('id')} = ea.{q('event_id')}"
            f"  WHERE a.{q('spelling')} IN ({placeholders}) AND e.{q('status')} <> %s"
            f"  AND e.{q('precision')} = %s AND e.{q('end')} IS NULL"
            f" ) AS pairs"
            f") AS ranked WHERE row_rank <= %s ORDER BY name, row_rank"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [*missing, Event.Status.REJECTED, Precision.DAY, KNOWN_EVENTS_LIMIT]
            )
            pairs = cursor.fetchall()
        for event_id, name in pairs:
            self.known_by_name[name].append(event_id)
        self.load_events({event_id for event_id, _ in pairs})
        for event_id, _ in pairs:
            self._datable(self.events[event_id])

    def _load_known_by_word(self, words: set[str]) -> None:
        for word in sorted(words - self.known_by_word.keys()):
            ids = list(
                Event.objects.matching(word)
                .exclude(status=Event.Status.REJECTED)
                .filter(precision=Precision.DAY, end__isnull=True)
                .order_by("-start", "id")
                .values_list("id", flat=True)[:KNOWN_EVENTS_LIMIT]
            )
            self.known_by_word[word] = ids
            self.load_events(set(ids))
            for event_id in ids:
                self._datable(self.events[event_id])

    def _datable(self, state: EventState) -> None:
        """Keep the state among corpus dating's candidates, in order (latest, then by id)."""
        if id(state) not in self.in_dating and state.datable:
            self.in_dating.add(id(state))
            bisect.insort(self.dating, state, key=_dating_order)

    # -- corpus dating

    def known_events(
        self, names: frozenset[str], story: frozenset[str] = frozenset()
    ) -> list[KnownEvent]:
        """The latest datable events naming these actors or story words, at most
        KNOWN_EVENTS_LIMIT.

        The latest KNOWN_EVENTS_LIMIT stored ones naming any of these actors are all among the
        lists load_known fetched for them, and every event of ``dating`` naming one is a
        candidate, so the first ones in its order are the latest (for story words, as far as
        the database's text search and a word of a quote agree).
        """
        known: list[KnownEvent] = []
        keys = {spelling(name) for name in names}
        for state in self.dating:
            # The signature holds the state's names by spelling.
            if not keys.isdisjoint(state.signature().actors) or (
                story and not story.isdisjoint(state.vocabulary())
            ):
                known.append(state.known())
                if len(known) == KNOWN_EVENTS_LIMIT:
                    break
        return known

    def date_from_corpus(self, cleaned: CleanText, meta: Metadata, undated: Undated) -> Metadata:
        """The metadata with a publication date inferred from known events, else from a weekday
        tied to a yearless date within the corpus's years (metadata.date_within), else
        unchanged."""
        profile = undated.profile
        if profile.exhaustive or len(profile.mentions) >= MIN_MATCHES:  # else too few to line up
            found = infer_publication_date(
                cleaned.body,
                undated.sentences,
                undated.entities,
                self.known_events(undated.names, undated.story),
                same_for_dating,
                profile=undated.profile,
                may_match=may_match,
            )
            if found is not None:
                return corpus_dated(meta, found)
        return date_within(cleaned, meta, self.corpus_years())

    def corpus_years(self) -> set[int]:
        """``corpus_years()``, read once per plan."""
        if self._corpus_years is None:
            self._corpus_years = corpus_years()
        return self._corpus_years

    # -- matching

    def find_or_create(
        self,
        draft: EventDraft,
        fallback: EventState | None = None,
        before: EventState | None = None,
        article: ArticlePlan | None = None,
    ) -> tuple[EventState, bool]:
        """The event this draft reports: the first on its date reporting the same happening (in
        id order; new events after stored ones), else the first whose reports from the draft's
        own ``article`` tell the same happening, else a merge tombstone's survivor, else
        ``fallback``, else a new one. True when it is new.

        Rejected events are candidates too: a draft that matches one is absorbed by it, so a
        rejected event is never resurrected as a new one; and an editor's merge stands, as its
        tombstone sends the merged-away event's later reports to the survivor. ``before``: the
        event of the happening the draft came after (draft.after), never its own.

        An article that tells one happening in two sentences (a caption and the body, a lead
        and a later paragraph) cites both for one event: compared with the event's reports from
        other outlets, a caption or a later paragraph is often as far from its lead as from
        half of them, but it is as near its own article's telling as any two reports are.
        """
        found = self.find(draft, before, article)
        if found is not None:
            return found, False
        if fallback is not None:
            return fallback, False
        return self.create(draft), True

    def find(
        self,
        draft: EventDraft,
        before: EventState | None = None,
        article: ArticlePlan | None = None,
    ) -> EventState | None:
        """The first event on the draft's date reporting the same happening, else one its
        article's own reports of tell the same happening, else a merge tombstone's survivor
        (see ``find_or_create``); None when there is none."""
        mention = draft.date
        self.load_starts({mention.first})
        key = (mention.first, mention.last, mention.precision.value)
        mine = signature(draft)
        context = Context(self.uses[key], self.events_on[key], frozenset(mine.reports[0].terms))
        candidates = [state for state in self.by_key.get(key, ()) if state is not before]
        for index, state in enumerate(candidates):
            if same_happening(mine, state.signature(), context):
                for other in candidates[index + 1 :]:
                    if _bridged(state, other, article) and same_happening(
                        mine, other.signature(), context
                    ):
                        self.absorb(state, other)
                return state
        if article is not None:
            for state in candidates:
                told = state.told_in(article)
                if told is not None and same_happening(mine, told, context, one_article=True):
                    return state
        for merged_away, into_id in self.tombstones.get(key, ()):
            if same_happening(mine, merged_away, context):
                return self.events[into_id]
        return None

    def create(self, draft: EventDraft) -> EventState:
        """A new event for the draft, a candidate for the drafts that follow."""
        mention = draft.date
        state = EventState(
            pk=None,
            order=next(self._new_order),
            start=mention.first,
            end=mention.last,
            precision=mention.precision.value,
            event_type=draft.event_type,
            status=Event.Status.EXTRACTED,
            summary=draft.summary,
            date_confidence=max(0.0, min(1.0, mention.confidence)),
            contested=False,
            edited_fields=[],
            planned=draft.planned,
        )
        self._index(state)
        self.new_events.append(state)
        if self.known_by_name or self.known_by_word:
            self._datable(state)
        return state

    # -- linking drafts to events

    def link(
        self,
        article: ArticlePlan,
        draft: EventDraft,
        state: EventState,
        counted: str | None,
    ) -> bool:
        """The draft's sentence cites the event, whose actors and places it joins. An article
        that tells one happening in several sentences (a caption and the body, a lead and a
        later paragraph) cites each for the one event. False when the sentence cites it already,
        or when the event is one an editor owns (``ArticlePlan.kept``).

        ``counted``: "created" or "merged", the result's count the article's first telling of
        the happening adds to.
        """
        if (id(state), draft.sentence.start) in article.cited or id(state) in article.kept:
            return False
        if draft.attributive and id(state) in article.linked:
            return False  # "the weekend talks", after the article told of them
        if id(state) not in article.linked:
            article.linked.add(id(state))
            if counted == "created":
                state.opened_by = article
                article.result.events_created += 1
            elif counted == "merged":
                article.result.events_merged += 1
        self.cite(
            state,
            article,
            draft.sentence,
            draft.date.text[:200],
            draft.date.rule[:40],
            Citation.Stance.SUPPORTS,
            draft.act,
        )
        if (
            state.event_type in GENERIC_TYPES
            and draft.event_type not in GENERIC_TYPES
            and (
                state.pk is None
                or (state.status == Event.Status.EXTRACTED and not state.edited_fields)
            )
        ):
            # An event a caption or a statement opened takes the type of the first report that
            # tells what happened: the rule compares later reports with that type. A stored one
            # too (the machine's), so that files ingested one by one or together agree.
            state.retype(draft.event_type)
            if state.pk is not None:
                state.changed.add("event_type")
        self.join(state, draft)
        return True

    def join(
        self,
        state: EventState,
        draft: EventDraft,
        locked: frozenset[str] = frozenset(),
    ) -> None:
        """The draft's actors and places join the event; those it has stay as they are. An
        editor's actor list or places (``locked``) take nothing from the draft, nor does an
        event that other reports tell from a draft whose date only names it ("X met the head of
        the inquiry into Saturday's explosion": X and the inquiry are not the explosion's)."""
        if draft.naming and len(state.reports) > 1:
            return
        if "actors" not in locked:
            for ref in draft.actors:
                actor = self.resolve(ref)
                if actor.name not in state.names:
                    self.add_role(state, actor, ref.role)
        if "places" not in locked:
            for name in draft.places:
                place = self.places.get(name)
                if place is not None and (id(state), name) not in self.place_links:
                    self.place_links.add((id(state), name))
                    self.event_places.append((state, place))

    # -- one report that tells two events' happening

    def absorb(self, into: EventState, other: EventState) -> None:
        """``other`` joins ``into``: a later report tells the happening of both, which their
        own reports worded too differently to meet (see ``_bridged``). Its reports, citations,
        actors and places move to ``into``; a stored one goes at writing, leaving a tombstone
        (its address redirects), and a new one is never written (the article that opened it
        merged into an event instead)."""
        key = other.key
        self.by_key[key].remove(other)
        self.uses[key].subtract(other.wording())
        self.events_on[key] -= 1
        other.indexed = False
        if into.indexed:
            self.uses[key].update(other.wording() - into.wording())
        if id(other) in self.in_dating:
            self.in_dating.discard(id(other))
            self.dating.remove(other)
        if other.pk is None:
            self.new_events.remove(other)
            opener = other.opened_by
            if isinstance(opener, ArticlePlan):
                opener.result.events_created -= 1
                opener.result.events_merged += 1
        else:
            del self.events[other.pk]
            self.absorbed.append((into, other))
            if other in self.contested:
                self.contested.remove(other)
        into.quotes.extend(other.quotes)
        into.reports.extend(other.reports)
        into.told_by.extend(other.told_by)
        into.text_stale = True
        if other.contested and not into.contested:
            into.contested = True
            if into.pk is not None:
                self.contested.append(into)
        for citation in self.citations:
            if citation.state is other:
                citation.state = into
        for article in {id(quote[0]): quote[0] for quote in other.quotes}.values():
            if isinstance(article, ArticlePlan):
                article.cited = {
                    (id(into) if state_id == id(other) else state_id, start)
                    for state_id, start in article.cited
                }
                if id(other) in article.linked:
                    article.linked.discard(id(other))
                    article.linked.add(id(into))
        # Actors: a stored event's stored roles are copied at writing; the plan's are moved.
        links = []
        for link in self.event_actors:
            if link[0] is other:
                if link[1].name not in into.names:
                    link = (into, link[1], link[2])
                    into.add_role(link[1].name, link[2])
                else:
                    continue
            links.append(link)
        self.event_actors = links
        for name, role in sorted(other.roles):
            if name not in into.names:
                into.add_role(name, role)
        places = []
        for link in self.event_places:
            if link[0] is other:
                if (id(into), link[1].name) in self.place_links:
                    continue
                self.place_links.add((id(into), link[1].name))
                link = (into, link[1])
            places.append(link)
        self.event_places = places
        self.place_links = {link for link in self.place_links if link[0] != id(other)}
        into._signature = None
        if self.known_by_name or self.known_by_word:
            self._datable(into)

    def record_disputes(
        self, article: ArticlePlan, found: Extraction, event_of: dict[int, EventState]
    ) -> None:
        """Mark disputed events contested, citing the denial and naming who denies."""
        for dispute in found.disputes:
            state = event_of.get(id(dispute.draft))
            if state is None:
                continue
            if not state.contested and "contested" not in state.edited_fields:
                state.contested = True
                if state.pk is not None:
                    self.contested.append(state)
            if (id(state), dispute.sentence.start) not in article.cited:
                self.cite(state, article, dispute.sentence, "", "", Citation.Stance.DISPUTES)
            if "actors" in state.edited_fields:
                continue
            denier = self.resolve(dispute.denier)
            if (denier.name, EventActor.Role.DENIES) not in state.roles:
                self.add_role(state, denier, EventActor.Role.DENIES)

    def cite(
        self,
        state,
        article: ArticlePlan,
        sentence,
        date_text,
        date_rule,
        stance,
        act=Act.HAPPENING,
    ) -> None:
        """A citation of the sentence for the event; for a stored article, the one it has if
        it cites that sentence for that event already (its date expression read anew)."""
        article.cited.add((id(state), sentence.start))
        stored = article.stored.get((state.pk, sentence.start)) if state.pk else None
        if stored is not None:
            article.touched.add(stored.pk)
            if stance == Citation.Stance.SUPPORTS and (
                stored.date_text,
                stored.date_rule,
                stored.act,
            ) != (date_text, date_rule, act):
                article.redated.append((stored, date_text, date_rule, act))
            return
        article.result.citations += 1
        told = None
        if stance == Citation.Stance.SUPPORTS:
            told = report(
                clause_in(sentence.text, date_text) or sentence.text,
                state.event_type,
                act,
                sentence.is_caption,
            )
            if state.indexed:
                self.uses[state.key].update(told.terms.keys() - state.wording())
        state.add_quote(article, sentence.start, sentence.text, told)
        self.citations.append(
            CitationPlan(state, article, sentence, date_text, date_rule, stance, act)
        )

    def add_role(self, state: EventState, actor: ActorRow, role: str) -> None:
        state.add_role(actor.name, role)
        if self.known_by_name or self.known_by_word:
            self._datable(state)
        self.event_actors.append((state, actor, role))

    def resolve(self, ref: ActorRef) -> ActorRow:
        """The actor of that name, else of that alias, else of that spelling (another
        transliteration, stored as an alias), else a new one."""
        row = self.resolved.get(ref.name)
        if row is not None:
            return row
        self.load_actors({ref.name})
        row = self.actors.get(ref.name) or self.aliases.get(ref.name)
        if row is None and self.learned.get(ref.name, ref.name) != ref.name:
            full = self.learned[ref.name]
            row = self.resolve(ActorRef(full, ref.role, ref.kind, ref.country))
        if row is None:
            row = self.by_spelling.get(spelling(ref.name))
            if row is not None and len(ref.name) <= 200 and ref.name != row.name:
                self.spelled.append((row, ref.name))  # stored as an alias
        if row is None:
            name = ref.name[:200]
            row = self.actors.get(name)
            if row is None:
                known = ref.role != "participant" or ref.kind != "person" or ref.country is not None
                row = ActorRow(
                    name,
                    None,
                    ref.kind if ref.kind in Actor.Kind.values else Actor.Kind.OTHER,
                    ref.country or "",
                    known and in_gazetteer(ref.name),
                )
                self.actors[name] = row
                self.by_spelling.setdefault(spelling(name), row)
                self.new_actors.append(row)
        self.resolved[ref.name] = row
        return row

    # -- a new article

    def plan(self, item: Prepared) -> ArticlePlan:
        """Plan a new file's article: dated from the corpus when its text cannot date it, its
        drafts merged into the events they report."""
        meta, found = item.meta, item.found
        if found is None:
            # An article that states no date in full has no events until it is dated: the end
            # of the run dates it (dating.redate_undated_articles), with all the run's reports.
            if item.undated.findable and item.undated.states_a_date:
                meta = self.date_from_corpus(item.cleaned, meta, item.undated)
            if meta.published is None and item.undated.found is not None:
                found = item.undated.found
            else:
                found = extract(item.cleaned, meta, self.gazetteer)
            self.prepare(found)
        article = ArticlePlan(item, meta, IngestResult(source=item.source, status="created"))
        self.merge(article, found)
        if meta.published is None:
            article.result.warnings.append(
                "publication date unknown: relative dates were not resolved; flagged for an editor"
            )
            article.result.undated = item.undated
        return article

    def merge(self, article: ArticlePlan, found: Extraction) -> None:
        """Every draft of the extraction to the event it reports (new or not), then disputes.

        A draft that reports no known event waits until the article's other drafts have joined
        theirs, and is then compared again: the article's own sentences about a happening are
        among that event's reports by then, so that two sentences telling one happening make
        one event whatever their order (a lead that words it like another outlet, a later
        paragraph that words it like the lead)."""
        event_of: dict[int, EventState] = {}
        waiting = []
        for draft in found.drafts:
            if draft.after is not None and id(draft.after) not in event_of:
                waiting.append(draft)  # its date follows a draft that waits
                continue
            state = self.find(draft, event_of.get(id(draft.after)), article)
            if state is None:
                waiting.append(draft)
                continue
            event_of[id(draft)] = state
            self.link(article, draft, state, "merged")
        for draft in waiting:
            state, created = self.find_or_create(
                draft, before=event_of.get(id(draft.after)), article=article
            )
            event_of[id(draft)] = state
            self.link(article, draft, state, "created" if created else "merged")
        self.record_disputes(article, found, event_of)
