"""Events, actors and places: the chronology built from articles.

An Event is a dated happening at an honest precision; Citations tie it to the exact sentence of
each article that reports it. Editors correct events in the admin; the fields they touch are
recorded in ``Event.edited_fields`` so that re-ingestion never overwrites them.
"""

import calendar
import datetime
import functools
import random

import pgtrigger
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import get_script_prefix, reverse
from simple_history.models import HistoricalRecords

from articles.dates import validate_date_in_range
from articles.models import Article
from articles.text.temporal import Rule
from timeline.extraction.actors import spelling
from timeline.extraction.events import Act
from timeline.vendor_schema import (
    EnglishVector,
    GinIndex,
    GistIndex,
    LexemeBits,
    MonthNumber,
    RelatedIds,
    TsQuery,
    kept_ids_triggers,
    lexeme_bits_triggers,
    written_fields,
)

# Date rules whose value is computed from the publication date.
RELATIVE_RULES = frozenset(rule for rule in Rule if rule.on_publication)
UNCERTAIN_BELOW = 0.8


def date_rests_on_inferred(event, reports) -> bool:
    """Event.date_inferred's rule, for any object with ``edited_fields`` (an event, an exported
    row): no editor set the date, and every report supporting it dated it against a publication
    date that was itself inferred. ``reports``: (stance, date_rule, publication date inferred)
    of each citation."""
    if not DATE_FIELDS.isdisjoint(event.edited_fields):
        return False
    supporting = [
        (rule, inferred) for stance, rule, inferred in reports if stance == Citation.Stance.SUPPORTS
    ]
    return bool(supporting) and all(
        rule in RELATIVE_RULES and inferred for rule, inferred in supporting
    )


# Text search configuration; must match the expression of the event_search_gin index.
SEARCH_CONFIG = "english"


class Precision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


@functools.cache
def _url_pattern(name: str, prefix: str) -> str:
    head, _, tail = reverse(name, args=[0]).rpartition("/0/")
    return head.replace("{", "{{").replace("}", "}}") + "/{}/" + tail.replace("{", "{{")


def url_of(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for the one-integer URLs, reversed once: a chronology page links
    a few hundred actors, places and sources, and reverse() costs more than their rendering."""
    return _url_pattern(name, get_script_prefix()).format(int(pk))


SAMPLE_SPACE = 2**31  # Event.sample is uniform in [0, SAMPLE_SPACE)


def random_sample() -> int:
    return random.randrange(SAMPLE_SPACE)


def period_last_day(start: datetime.date, precision: str) -> datetime.date:
    """Last calendar day covered by a date at the given precision (1988-02 -> 1988-02-29)."""
    if precision == Precision.YEAR:
        return datetime.date(start.year, 12, 31)
    if precision == Precision.MONTH:
        return datetime.date(
            start.year, start.month, calendar.monthrange(start.year, start.month)[1]
        )
    return start


def format_at_precision(value: datetime.date | None, precision: str) -> str | None:
    """ISO date cut to its precision: 2021-05-12, 2021-05 or 2021."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return f"{value.year:04d}"
    if precision == Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "person"
        STATE = "state", "state"
        MINISTRY = "ministry", "ministry"
        ARMED_FORCES = "armed_forces", "armed forces"
        AGENCY = "agency", "agency"
        LEGISLATURE = "legislature", "legislature"
        ALLIANCE = "alliance", "alliance"
        ORGANISATION = "organisation", "organisation"
        OTHER = "other", "other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    country = models.CharField(
        max_length=3, blank=True, help_text="ISO 3166 alpha-3 code of the state it belongs to."
    )
    offices = models.JSONField(
        default=list,
        blank=True,
        help_text='Offices held, e.g. [{"title": "Prime Minister", "of": "Armenia", "from": '
        '"2018-05-08", "to": null}]; used to resolve "Armenia\'s Prime Minister" on a date.',
    )
    reviewed = models.BooleanField(
        default=True,
        help_text="Unticked for names the extractor proposed that are not in the gazetteer yet.",
    )
    # The name's spelling key (extraction.actors.spelling): a report's "Khamis Abbakar" is the
    # stored "Khamis Abakar". Set on save and by the ingest's bulk writes (Actor.named).
    spelling = models.CharField(max_length=200, db_index=True, editable=False, default="")

    history = HistoricalRecords(excluded_fields=["spelling"])

    class Meta:
        ordering = ["name"]
        indexes = [
            # Serves the "new actor candidates" list for editors.
            models.Index(fields=["reviewed", "name"], name="actor_reviewed_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.spelling = spelling(self.name)
        if (fields := kwargs.get("update_fields")) is not None and "name" in fields:
            kwargs["update_fields"] = {*fields, "spelling"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return url_of("actor", self.pk)

    @classmethod
    def named(cls, name: str, **fields) -> "Actor":
        """An unsaved actor of that name, its spelling key set (for bulk_create)."""
        return cls(name=name, spelling=spelling(name), **fields)


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(
        max_length=200, help_text="Another spelling, e.g. Pashinian for Pashinyan."
    )

    class Meta:
        verbose_name_plural = "actor aliases"
        constraints = [
            # One spelling once per actor; the matcher loads them all.
            models.UniqueConstraint(fields=["actor", "name"], name="actoralias_actor_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Place(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", "country"
        REGION = "region", "region"
        PROVINCE = "province", "province"
        CITY = "city", "city"
        TOWN = "town", "town"
        DISTRICT = "district", "district"
        CORRIDOR = "corridor", "corridor"
        BORDER = "border", "border"
        OTHER = "other", "other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    country = models.CharField(max_length=3, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    admin1 = models.CharField(
        "first-level region",
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text="ACLED's admin1.",
    )
    geonameid = models.PositiveIntegerField(null=True, blank=True, help_text="GeoNames id.")
    candidate = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Named in a report with a place cue but not in GeoNames: for an editor to "
        "confirm, place or merge.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            # Guards the map and ACLED exports against swapped or out-of-range coordinates.
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_of("place", self.pk)

    @property
    def country_name(self) -> str:
        from timeline.extraction.places import country_name

        return country_name(self.country)


class PlaceAlias(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = "place aliases"
        constraints = [
            # One spelling once per place; load_gazetteer's get_or_create relies on it.
            models.UniqueConstraint(fields=["place", "name"], name="placealias_place_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet):
    """What the events are, in the data's own terms. How a view of them is read fast (which
    index, which parts, which PostgreSQL-only columns) is timeline/search/'s business."""

    def visible(self):
        """What analysts see: everything an editor has not rejected."""
        return self.exclude(status=Event.Status.REJECTED)

    def between(self, first: datetime.date | None = None, last: datetime.date | None = None):
        """Events whose period overlaps [first, last]; either bound may be open."""
        qs = self
        if first is not None:
            qs = qs.filter(last_day__gte=first)
        if last is not None:
            qs = qs.filter(start__lte=last)
        return qs

    def going_on_at(self, day: datetime.date):
        """Events that started before ``day`` and are still going on at it."""
        return self.filter(start__lt=day, last_day__gte=day)

    def involving(self, actor):
        """Events in which ``actor`` holds any role."""
        return self.filter(Exists(EventActor.objects.filter(event=OuterRef("pk"), actor=actor)))

    def at(self, place):
        """Events at ``place``."""
        return self.filter(
            Exists(Event.places.through.objects.filter(event=OuterRef("pk"), place=place))
        )

    def in_country(self, *codes: str, left_out: bool = False):
        """Events at a place of any of the countries ``codes`` (ISO 3166-1, as Place.country
        holds them); ``left_out``: at none."""
        at = Exists(
            Event.places.through.objects.filter(event=OuterRef("pk"), place__country__in=codes)
        )
        return self.filter(~at if left_out else at)

    def cited_by(self, outlet):
        """Events an article of ``outlet`` cites."""
        return self.filter(
            Exists(Citation.objects.filter(event=OuterRef("pk"), article__outlet=outlet))
        )

    def matching(self, text: str):
        """Full-text search over summaries and quoted sentences, in web-search syntax ("quoted
        phrase", -word, or), stemmed: timeline/search/text.py."""
        from timeline.search import text as search_text  # the search package reads the models

        return search_text.matching(self, text)

    def chronological(self):
        return self.order_by("start", "id")


# An event's date is one decision: an editor who set any part of it owns all of it (re-extraction
# leaves it alone; it is no longer "inferred"; its confidence is 1.0, the editor's).
DATE_FIELDS = frozenset({"start", "end", "precision", "date_confidence"})


# Event columns the database computes (generated, or kept by triggers).
DERIVED_COLUMNS = (
    "search_vector", "start_month", "actor_ids", "place_ids", "outlet_ids", "lexeme_bits",
)  # fmt: skip


class EventManager(models.Manager.from_queryset(EventQuerySet)):
    """Events without the columns the database computes: only the read side's SQL reads them
    (a search vector is as long as the text it indexes); an instance loads one when asked."""

    def get_queryset(self):
        return super().get_queryset().defer(*DERIVED_COLUMNS)


# What the facet sample indexes carry besides their keys, so that a walk reads and tests every
# filter from the index alone (timeline/search/facets.py).
_SAMPLE_COVERS = [
    "event_type", "precision", "status", "contested", "actor_ids", "place_ids", "outlet_ids",
    "lexeme_bits",
]  # fmt: skip
_VISIBLE = ~Q(status="rejected")
_LONG = Q(last_day__gt=models.F("start"))


class Event(models.Model):
    class Type(models.TextChoices):
        # Mapped to ACLED's event types in timeline/extraction/taxonomy.py.
        ARMED_CLASH = "armed_clash", "armed clash"
        INCURSION = "incursion", "territorial incursion"
        WITHDRAWAL = "withdrawal", "withdrawal"
        TALKS = "talks", "talks / meeting"
        STATEMENT = "statement", "statement / claim"
        AGREEMENT = "agreement", "agreement / ceasefire"
        APPEAL = "appeal", "appeal to an organisation"
        EXERCISE = "exercise", "military exercise"
        DEPLOYMENT = "deployment", "deployment"
        OTHER = "other", "other"

    class Status(models.TextChoices):
        EXTRACTED = "extracted", "extracted"
        REVIEWED = "reviewed", "reviewed"
        REJECTED = "rejected", "rejected"

    start = models.DateField(
        help_text="First day of the period, at the given precision.",
        validators=[validate_date_in_range],
    )
    end = models.DateField(
        null=True,
        blank=True,
        help_text="Last value of a range (e.g. 1994 in 1992–1994); empty for a single date.",
        validators=[validate_date_in_range],
    )
    precision = models.CharField(max_length=5, choices=Precision, default=Precision.DAY)
    last_day = models.DateField(
        editable=False,
        help_text="Last calendar day the event may cover; derived from end/start and precision.",
    )
    date_confidence = models.FloatField(default=1.0)
    planned = models.BooleanField(
        default=False,
        db_default=False,  # rows written by COPY with their own column list (generate_corpus)
        help_text='Announced for the future when reported ("will meet on Friday"): it may not '
        "have happened.",
    )
    summary = models.TextField()
    event_type = models.CharField(max_length=20, choices=Type, default=Type.OTHER)
    status = models.CharField(max_length=10, choices=Status, default=Status.EXTRACTED)
    contested = models.BooleanField(default=False, help_text="Another actor denies or disputes it.")
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events", blank=True)
    places = models.ManyToManyField(Place, related_name="events", blank=True)
    edited_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields an editor changed; ingestion never overwrites them.",
    )
    search_document = models.TextField(
        blank=True,
        editable=False,
        help_text="Summary and quoted sentences, for full-text search (GIN-indexed on PostgreSQL).",
    )
    sample = models.IntegerField(
        default=random_sample,
        editable=False,
        help_text="A random number fixed at creation: facet counts over large views read the "
        "matching events with the smallest ones, a uniform random sample (timeline/search/facets.py).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What the read side's large-corpus machinery reads (timeline/search/): the database
    # computes them, and only PostgreSQL serves them (timeline/vendor_schema.py).
    search_vector = models.GeneratedField(
        expression=EnglishVector("search_document"),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        serialize=False,
        help_text="The search document's lexemes (PostgreSQL; NULL on SQLite, which searches "
        "its FTS5 table).",
    )
    start_month = models.GeneratedField(
        expression=MonthNumber("start"),
        output_field=models.IntegerField(),
        db_persist=True,
        serialize=False,
        help_text="year·12 + month − 1 of start: the facet sample walks a range month by month.",
    )
    actor_ids = RelatedIds(help_text="The ids of its actors in any role, sorted (triggers).")
    place_ids = RelatedIds(help_text="The ids of its places, sorted (triggers).")
    outlet_ids = RelatedIds(help_text="The ids of the outlets citing it, sorted (triggers).")
    lexeme_bits = LexemeBits(
        help_text="Which of the corpus's most common words its search text holds (a trigger)."
    )

    objects = EventManager()
    # Who changed what and when; the search text, the sample key and the columns the database
    # computes are derived, so they stay out of the history.
    history = HistoricalRecords(excluded_fields=["search_document", "sample", *DERIVED_COLUMNS])

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            # Date invariants every date filter relies on: start <= end <= last_day.
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="event_start_before_end",
            ),
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("start")), name="event_last_day_after_start"
            ),
            # Shown to editors as the date's reliability; the "needs attention" list sorts on it.
            models.CheckConstraint(
                condition=Q(date_confidence__gte=0, date_confidence__lte=1),
                name="event_date_confidence_0_1",
            ),
        ]
        indexes = [
            # Serves the chronology: ORDER BY start, id with a keyset on (start, id).
            models.Index(fields=["start", "id"], name="event_start_id_idx"),
            # Serves the date-range filter (last_day >= from) together with start <= to.
            models.Index(fields=["last_day", "start"], name="event_last_day_start_idx"),
            # Serves the event-type and status filters and facets.
            models.Index(fields=["event_type", "start"], name="event_type_start_idx"),
            models.Index(fields=["status", "start"], name="event_status_start_idx"),
            # The facet sample: the visible events in `sample` order, LIMIT k, with the columns
            # the scalar facets, the histogram and the filters read, so that PostgreSQL walks
            # it without visiting the table (SQLite ignores INCLUDE). Migration 0018 made these
            # three as they are.
            models.Index(
                fields=["sample"],
                include=["id", "start", "last_day", *_SAMPLE_COVERS],
                condition=_VISIBLE,
                name="event_sample_visible_idx",
            ),
            # A date range's sample, month by month (facets._date_range_sample).
            models.Index(
                fields=["start_month", "sample"],
                include=["id", "start", "last_day", *_SAMPLE_COVERS],
                condition=_VISIBLE,
                name="event_month_sample_visible_idx",
            ),
            # The events lasting more than a day that began before a range (facets._month_walks).
            models.Index(
                fields=["sample"],
                include=["id", "start", "last_day", *_SAMPLE_COVERS],
                condition=_LONG & _VISIBLE,
                name="event_long_sample_visible_idx",
            ),
            # The events going on at a day that began within a year of it, in page order
            # (search.plan.going_on_parts; 0019).
            models.Index(
                fields=["start", "id"],
                include=["last_day", "sample", *_SAMPLE_COVERS],
                condition=_LONG,
                name="event_long_start_idx",
            ),
            # Those that began longer ago: their periods (0019; PostgreSQL).
            GistIndex(
                models.Func(
                    "start",
                    "last_day",
                    models.Value("[]"),
                    function="daterange",
                    output_field=models.TextField(),
                ),
                include=["id", "start", "last_day", "sample", *_SAMPLE_COVERS],
                condition=Q(
                    last_day__gt=models.ExpressionWrapper(
                        models.F("start") + 366, output_field=models.DateField()
                    )
                ),
                name="event_very_long_period_gist",
            ),  # fmt: skip
            # Text search (EventQuerySet.matching; 0012; PostgreSQL).
            GinIndex(fields=["search_vector"], name="event_search_vector_gin"),
        ]
        # Event.lexeme_bits from the vocabulary (PostgreSQL).
        triggers = lexeme_bits_triggers()

    def __str__(self) -> str:
        return f"{self.date_label}: {self.summary[:60]}"

    def save(self, *args, **kwargs):
        self.last_day = period_last_day(self.end or self.start, self.precision)
        if kwargs.get("update_fields") is None and not self._state.adding and self.pk:
            # An update never writes what the database keeps (its triggers may have changed
            # it since this instance was read): every other column, as a plain save would.
            kwargs["update_fields"] = [f.name for f in written_fields(Event)]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return url_of("event", self.pk)

    def refresh_search_document(self) -> None:
        """Rebuild the text full-text search reads: the summary and every quoted sentence."""
        quotes = self.citations.order_by("article_id", "start").values_list("quote", flat=True)
        self.search_document = "\n".join([self.summary, *quotes])
        Event.objects.filter(pk=self.pk).update(search_document=self.search_document)

    @property
    def start_iso(self) -> str:
        return format_at_precision(self.start, self.precision)

    @property
    def end_iso(self) -> str | None:
        return format_at_precision(self.end, self.precision)

    # The chronology prefetches roles, places and citations into plain lists (Prefetch with
    # to_attr, search.events_for_cards): Django's prefetch into the related managers builds a
    # QuerySet per event and relation, a third of a page's Python time. These read the lists
    # when present and the relations otherwise.

    def role_list(self) -> list:
        """The event's EventActor rows (with their actors, when prefetched)."""
        found = getattr(self, "prefetched_roles", None)
        return found if found is not None else list(self.event_actors.all())

    def place_list(self) -> list:
        found = getattr(self, "prefetched_places", None)
        return found if found is not None else list(self.places.all())

    def citation_list(self) -> list:
        """The citations in (article, offset) order (with their articles, when prefetched)."""
        found = getattr(self, "prefetched_citations", None)
        return found if found is not None else list(self.citations.all())

    @property
    def outlets(self) -> list[str]:
        """Distinct outlets reporting the event (uses prefetched citations and articles)."""
        names = {c.article.outlet.name for c in self.citation_list() if c.article.outlet_id}
        return sorted(names)

    def _names_with(self, *roles: str) -> list[str]:
        return list(dict.fromkeys(ea.actor.name for ea in self.role_list() if ea.role in roles))

    @property
    def date_uncertain(self) -> bool:
        """Shown as "≈": the rule that dated it is a weak one (a season, a week, a bare year)."""
        return self.date_confidence < UNCERTAIN_BELOW

    @property
    def date_set_by_editor(self) -> bool:
        """An editor set the date (any part of it: the date is one decision)."""
        return not DATE_FIELDS.isdisjoint(self.edited_fields)

    @property
    def date_inferred(self) -> bool:
        """The date rests on publication dates that were themselves inferred, in every report,
        and no editor has set it.

        Uses prefetched citations and articles; only rules that read the publication date count.
        """
        return date_rests_on_inferred(
            self,
            (
                (c.stance, c.date_rule, c.article.published_is_inferred)
                for c in self.citation_list()
            ),
        )

    @property
    def claimants(self) -> list[str]:
        """Who says it happened: the named sources (uses prefetched event_actors)."""
        return self._names_with(EventActor.Role.SOURCE)

    @property
    def deniers(self) -> list[str]:
        return self._names_with(EventActor.Role.DENIES)

    @property
    def month_heading(self) -> str:
        """The month heading the chronology files this event under; year-precision events have none."""
        return "" if self.precision == Precision.YEAR else self.start.strftime("%B")

    @property
    def date_label(self) -> str:
        return date_label(self.start, self.end, self.precision)

    @property
    def type_label(self) -> str:
        """get_event_type_display() without its flattening of the choices on every call (a card
        shows it; a page shows 50 cards)."""
        return _TYPE_LABELS.get(self.event_type, self.event_type)

    def mark_edited(self, *fields: str) -> None:
        """Record that an editor set these fields (or made a merge, a split): re-extraction
        leaves them as the editor left them (ingest.reextraction.ownership). Not saved."""
        self.edited_fields = sorted(set(self.edited_fields) | set(fields))


def date_label(start: datetime.date, end: datetime.date | None, precision: str) -> str:
    """Human date at its precision: 12 May 2021, May 2021, 2021, 1992–1994."""

    def one(value: datetime.date) -> str:
        if precision == Precision.YEAR:
            return str(value.year)
        if precision == Precision.MONTH:
            return value.strftime("%B %Y")
        return f"{value.day} {value.strftime('%B %Y')}"

    if end and end != start:
        if precision == Precision.DAY and (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {end.strftime('%B %Y')}"
        return f"{one(start)}–{one(end)}"
    return one(start)


class EventActor(models.Model):
    class Role(models.TextChoices):
        ACTOR = "actor", "acted"
        TARGET = "target", "acted upon"
        SOURCE = "source", "said so"
        PARTICIPANT = "participant", "took part"
        DENIES = "denies", "denies it"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_actors")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="event_roles")
    role = models.CharField(max_length=12, choices=Role, default=Role.PARTICIPANT)

    class Meta:
        constraints = [
            # An actor holds a role in an event once; merges and re-runs use get_or_create on it.
            models.UniqueConstraint(
                fields=["event", "actor", "role"], name="eventactor_unique_role"
            ),
        ]
        indexes = [
            # Serves the actor filter: events involving actor X (EXISTS on actor_id, event_id).
            models.Index(fields=["actor", "event"], name="eventactor_actor_event_idx"),
        ]
        # Event.actor_ids follows every change (PostgreSQL).
        triggers = kept_ids_triggers("actor_ids", "actor_ids", "timeline_sync_actor_ids")

    def __str__(self) -> str:
        return f"{self.actor} ({self.label})"

    @property
    def label(self) -> str:
        """The role as a card says it ("acted", "said so"): get_role_display(), cheaper."""
        return _ROLE_LABELS.get(self.role, self.role)


_TYPE_LABELS = dict(Event.Type.choices)
_ROLE_LABELS = dict(EventActor.Role.choices)


def nearest_occurrence(body: str, quote: str, near: int) -> int:
    """Offset of the occurrence of quote in body nearest to ``near`` (the first of equals); -1
    if there is none. Where a citation stands once its quote is edited or its article cleaned
    again."""
    best, at = -1, body.find(quote)
    while at >= 0:
        if best < 0 or abs(at - near) < abs(best - near):
            best = at
        at = body.find(quote, at + 1)
    return best


class Citation(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", "reports it"
        DISPUTES = "disputes", "disputes it"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="citations")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations")
    quote = models.TextField(
        help_text="The sentence exactly as it stands in the article's cleaned body."
    )
    start = models.PositiveIntegerField(
        help_text="Offset of the sentence in the article's cleaned body."
    )
    end = models.PositiveIntegerField()
    date_text = models.CharField(
        max_length=200, blank=True, help_text="The date expression that dates the event."
    )
    date_rule = models.CharField(max_length=40, blank=True)
    is_caption = models.BooleanField(default=False)
    stance = models.CharField(
        max_length=10,
        choices=Stance,
        default=Stance.SUPPORTS,
        help_text="Whether the sentence reports the event or denies/disputes it.",
    )
    act = models.CharField(
        max_length=10,
        choices=[(act.value, act.value) for act in Act],
        default=Act.HAPPENING,
        db_default=Act.HAPPENING,
        help_text="What the sentence's date dates: the happening, a statement telling it, a "
        "statement as such, or a reaction (an accusation, a denial, a call). Ingestion compares "
        "new reports with it (timeline/extraction/matching.py).",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            # Offsets must delimit a non-empty span of the article body the page highlights.
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="citation_start_before_end"
            ),
            # One citation of a sentence per event: re-runs and merges never duplicate it.
            models.UniqueConstraint(
                fields=["event", "article", "start"], name="citation_event_article_start_unique"
            ),
        ]
        indexes = [
            # Serves the article page: its cited sentences in reading order.
            models.Index(fields=["article", "start"], name="citation_article_start_idx"),
        ]
        # Event.outlet_ids follows every change of the citations (PostgreSQL).
        triggers = kept_ids_triggers("outlet_ids", "outlet_ids", "timeline_sync_outlet_ids")

    def __str__(self) -> str:
        return self.quote[:80]

    def get_absolute_url(self) -> str:
        return f"{url_of('article', self.article_id)}#s{self.start}"

    def clean(self) -> None:
        """The offsets are derived, never typed: they point at the quote in the article's body
        (the occurrence nearest the old offsets). A citation does not leave an event it is the
        last of: an event is never left without a source."""
        if self.article_id is not None and self.quote:
            self.locate()
        if self.pk is not None and self.event_id is not None:
            was = Citation.objects.filter(pk=self.pk).values_list("event_id", flat=True).first()
            if was is not None and was != self.event_id and self.is_last_of(was):
                raise ValidationError(
                    {"event": "This is its event's only citation: the event would have no source."}
                )

    def locate(self) -> None:
        """Set start and end to where the quote stands in the article's body."""
        at = nearest_occurrence(self.article.body, self.quote, self.start or 0)
        if at < 0:
            raise ValidationError(
                {"quote": "This text is not in the article: quote a sentence of it exactly."}
            )
        self.start, self.end = at, at + len(self.quote)

    def is_last_of(self, event_id: int | None = None) -> bool:
        """Whether it is the only citation of its event (or of ``event_id``)."""
        event_id = event_id if event_id is not None else self.event_id
        return not Citation.objects.filter(event_id=event_id).exclude(pk=self.pk).exists()


class MergedEvent(models.Model):
    """A tombstone left when an editor merges an event into another, or when ingestion joins a
    stored event to another because a later report tells the happening of both (``merged_by``
    "ingest", timeline.ingest.merging.Plan.absorb).

    It keeps the merged-away event's date and signature so that ingestion sends later reports of
    that happening to the survivor instead of re-creating the duplicate, and so that the old URL
    redirects to the survivor.
    """

    old_id = models.BigIntegerField(help_text="Id of the event that was merged away.")
    into = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="absorbed")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    precision = models.CharField(max_length=5, choices=Precision)
    event_type = models.CharField(max_length=20, choices=Event.Type)
    actor_names = models.JSONField(default=list)
    source_names = models.JSONField(default=list)
    words = models.JSONField(default=list)
    merged_by = models.CharField(max_length=150, blank=True)
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # An id is merged away once; serves the redirect from an old event URL.
            models.UniqueConstraint(fields=["old_id"], name="mergedevent_old_id_unique"),
        ]
        indexes = [
            # Serves ingestion's lookup of tombstones with a draft's date.
            models.Index(fields=["start", "precision"], name="mergedevent_start_prec_idx"),
        ]

    def __str__(self) -> str:
        return f"event {self.old_id} → {self.into_id}"

    @property
    def period(self) -> str:
        """The merged-away event's date at its precision: "1992–1994", "2021-05-12"."""
        start = format_at_precision(self.start, self.precision)
        end = format_at_precision(self.end, self.precision)
        return f"{start}–{end}" if end and end != start else start


class Aggregate(models.Model):
    """A precomputed aggregate of the whole chronology (facet counts, the histogram's months).

    The unfiltered view's facets group millions of rows; they are computed once and kept here
    until any write to events, their actors, places or citations deletes them (timeline/signals.py
    on every ORM write, explicit calls from bulk writers such as generate_corpus). So they are
    never stale: the next request after a change recomputes them.
    """

    key = models.CharField(max_length=100)
    payload = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # One row per aggregate; served by a lookup per chronology request.
            models.UniqueConstraint(fields=["key"], name="aggregate_key_unique"),
        ]

    def __str__(self) -> str:
        return self.key


class EventPlaceLinks(Event.places.through):
    """The triggers on Event.places' link table, which keep Event.place_ids (a proxy: an
    auto-created through table has no Meta of its own; django-pgtrigger's way)."""

    class Meta:
        proxy = True
        default_permissions = ()
        triggers = kept_ids_triggers("place_ids", "place_ids", "timeline_sync_place_ids")


class ArticleOutlets(Article):
    """The trigger on the articles' table that gives the events an article cites their outlets
    again when an update changes its outlet (a proxy in this app: keeping the timeline's rows
    is the timeline's concern, and articles/ knows nothing of it)."""

    class Meta:
        proxy = True
        default_permissions = ()
        triggers = [
            pgtrigger.Trigger(
                name="outlet_ids_article_updated",
                level=pgtrigger.Statement,
                when=pgtrigger.After,
                operation=pgtrigger.Update,
                referencing=pgtrigger.Referencing(old="old_rows", new="new_rows"),
                func="PERFORM timeline_sync_outlet_ids(ARRAY("
                "SELECT DISTINCT c.event_id FROM timeline_citation c "
                "JOIN new_rows n ON n.id = c.article_id JOIN old_rows o ON o.id = n.id "
                "WHERE o.outlet_id IS DISTINCT FROM n.outlet_id)); RETURN NULL;",
            )
        ]


class LexemeBit(models.Model):
    """A bit of Event.lexeme_bits: one of the corpus's most common lexemes (PostgreSQL; chosen
    by search.vocabulary.refresh_lexemes, never reassigned). A trigger sets an event's bit when
    its search vector holds ``query``, the lexeme as a tsquery (migration 0018)."""

    bit = models.SmallIntegerField(primary_key=True)
    lexeme = models.TextField()
    query = TsQuery()

    class Meta:
        db_table = "timeline_lexeme_bit"
        constraints = [
            # 63 bits: the sign bit of a bigint stays clear.
            models.CheckConstraint(
                condition=Q(bit__gte=0, bit__lte=62), name="timeline_lexeme_bit_bit_check"
            ),
            models.UniqueConstraint(fields=["lexeme"], name="timeline_lexeme_bit_lexeme_key"),
        ]

    def __str__(self) -> str:
        return f"{self.bit}: {self.lexeme}"


class Submission(models.Model):
    """Reports an editor added from the browser in one go (files, a pasted text or a page's
    address), ingested in the background by the task ``timeline.tasks.ingest_submission``.
    Its page follows each report's outcome as the worker records it."""

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The task's id in the task backend, to tell "waiting for a worker" from "failed".
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"Submission {self.pk} ({self.submitted_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("submission", args=[self.pk])


class SubmittedReport(models.Model):
    """One report of a submission and what became of it."""

    class Kind(models.TextChoices):
        FILE = "file", "file"
        TEXT = "text", "pasted text"
        URL = "url", "web page"

    class Status(models.TextChoices):
        WAITING = "waiting", "waiting"
        RUNNING = "running", "being read"
        CREATED = "created", "added"
        SKIPPED = "skipped", "already there"
        FAILED = "failed", "failed"

    DONE = (Status.CREATED, Status.SKIPPED, Status.FAILED)

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reports")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    source = models.CharField(max_length=2000, help_text="File name, title or address.")
    # The file's bytes or the pasted text until the worker has read them; emptied then (the
    # article keeps the text).
    payload = models.BinaryField(blank=True, default=b"", editable=False)
    # For a pasted text: what a manifest entry would say (title, outlet, url, published).
    fields = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING)
    message = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL)
    events_created = models.PositiveIntegerField(default=0)
    events_merged = models.PositiveIntegerField(default=0)
    citations = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["submission", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "position"], name="submitted_report_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.source[:80]

    @property
    def done(self) -> bool:
        return self.status in self.DONE
