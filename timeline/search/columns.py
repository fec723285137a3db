"""The columns of the event table that only PostgreSQL has, as query expressions.

Each is added by a migration and kept by the database (a stored generated column, or
triggers); the model does not declare them (SQLite has no tsvector or arrays, and Django would
write to them). Only the read side (this package) names them.
"""

import datetime

from django.db import models
from django.db.models import F

from timeline.models import Event


class _GeneratedColumn(models.Expression):
    """A column of the event table that only PostgreSQL has, added by a migration and kept by
    the database (a stored generated column, or triggers), not declared on the model (SQLite
    has no use for it, and Django would write to it). Resolved against ``search_document``'s
    alias, so it follows the event table into joins and subqueries."""

    column: str

    def field(self):
        raise NotImplementedError

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        from django.db.models.expressions import Col

        document = F("search_document").resolve_expression(query, allow_joins, reuse, summarize)
        field = self.field()
        field.set_attributes_from_name(self.column)
        field.model = Event
        return Col(document.alias, field)


class StoredSearchVector(_GeneratedColumn):
    """``search_vector``: to_tsvector('english', search_document), GIN-indexed (migration 0012)."""

    column = "search_vector"

    def field(self):
        from django.contrib.postgres.search import SearchVectorField

        return SearchVectorField()


class StartMonth(_GeneratedColumn):
    """``start_month``: year·12 + month − 1 of ``start`` (migration 0013), which with ``sample``
    makes event_month_sample_visible_idx: a month's events in sample order."""

    column = "start_month"

    def field(self):
        return models.IntegerField()


class _IdArray(_GeneratedColumn):
    """A bigint[] of related ids kept on the event row by triggers and covered by the sample
    indexes, so that a sample walk reads and tests them without leaving the index."""

    def field(self):
        from django.contrib.postgres.fields import ArrayField

        return ArrayField(models.BigIntegerField())


class ActorIds(_IdArray):
    """``actor_ids``: the sorted ids of the event's actors in any role, kept by triggers on
    timeline_eventactor (migration 0014)."""

    column = "actor_ids"


class PlaceIds(_IdArray):
    """``place_ids``: the sorted ids of the event's places, kept like actor_ids (migration
    0017)."""

    column = "place_ids"


class OutletIds(_IdArray):
    """``outlet_ids``: the sorted ids of the outlets of the articles citing the event, kept by
    triggers on timeline_citation and on an article's change of outlet (migration 0017)."""

    column = "outlet_ids"


class LexemeBits(_GeneratedColumn):
    """``lexeme_bits``: bit b set when the event's search_vector holds the lexeme the vocabulary
    table timeline_lexeme_bit gives bit b (the corpus's most common words), set by a trigger
    and covered by the sample indexes (migration 0018; vocabulary.refresh_lexemes)."""

    column = "lexeme_bits"

    def field(self):
        return models.BigIntegerField()


def month_number(day: datetime.date) -> int:
    """StartMonth's value for a day."""
    return day.year * 12 + day.month - 1
