"""Writing a plan: one bulk query per table, the change history, search text, aggregates.

New rows go in by COPY on PostgreSQL (ids drawn from the sequences first) and by bulk_create
elsewhere; the change history a row-by-row save would record is copied from the stored rows; the
search text of every event whose citations changed is rebuilt in one statement; the stored
aggregates are dropped once, when the transaction commits. Stored events a re-extraction
rewords or redates are saved one by one with the fields that changed, so their history says
what moved.
"""

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.models import Article, Outlet
from timeline.extraction.events import content_words
from timeline.ingest.merging import NEW_EVENT_ORDER, ArticlePlan, Plan
from timeline.models import (
    Actor,
    ActorAlias,
    Citation,
    Event,
    EventActor,
    MergedEvent,
    Place,
    period_last_day,
)
from timeline.vendor_schema import written_fields

# Who merged an event a report joined to another (MergedEvent.merged_by): not an editor.
ABSORBED_BY = "ingest"
CITATION_COLUMNS = (
    "event_id",
    "article_id",
    "quote",
    "start",
    "end",
    "date_text",
    "date_rule",
    "is_caption",
    "stance",
    "act",
)


# Planning reads the stored events a batch may join and writing adds to them: two ingests doing
# both at once would each create the event the other is creating. Every transaction that plans
# and writes takes this lock first. SQLite lets one writer in at a time already (its
# transactions begin IMMEDIATE, see settings).
_PLANNING_LOCK = 7_405_042  # any fixed number: the key of a PostgreSQL advisory lock


def wait_for_other_ingests() -> None:
    """Take the planning lock, waiting while another transaction holds it; it is held until
    the current transaction ends. Call it first in the transaction that plans and writes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PLANNING_LOCK])


def write(plan: Plan, articles: list[ArticlePlan]) -> None:
    """Store what the plan decided for these articles (new ones and stored ones)."""
    new = [a for a in articles if a.article is None]
    if new:
        outlets = _outlets({a.meta.outlet for a in new if a.meta.outlet})
        for a in new:
            meta, item = a.meta, a.item
            a.article = Article(
                outlet_id=outlets[meta.outlet] if meta.outlet else None,
                title=(meta.title or "")[:500],
                dateline_place=meta.dateline_place or "",
                published=meta.published,
                published_source=meta.published_source.value,
                published_confidence=meta.published_confidence,
                published_reasoning=meta.published_reasoning,
                url=(item.manifest or {}).get("url") or "",
                language=meta.language or "en",
                raw_text=item.text,
                body=item.cleaned.body,
                content_hash=item.digest,
                source_file=item.source,
            )
        stored = insert(Article, [a.article for a in new])
        history(Article, [article.pk for article in stored])
    for a in articles:
        a.result.article_id = a.article.pk
    _write_actors(plan)
    ActorAlias.objects.bulk_create(
        [ActorAlias(actor_id=row.pk, name=alias) for row, alias in plan.new_aliases()],
        ignore_conflicts=True,
    )
    _write_places(plan)
    _write_changed_events(plan)
    _write_events(plan)
    for a in articles:
        for citation, date_text, date_rule, act in a.redated:
            citation.date_text, citation.date_rule, citation.act = date_text, date_rule, act
            citation.save(update_fields=["date_text", "date_rule", "act"])
    citations = insert_rows(
        Citation,
        CITATION_COLUMNS,
        [
            (
                c.state.pk,
                c.article.article.pk,
                c.sentence.text,
                c.sentence.start,
                c.sentence.end,
                c.date_text,
                c.date_rule,
                c.sentence.is_caption,
                c.stance,
                c.act,
            )
            for c in plan.citations
        ],
    )
    history(Citation, citations)
    # A new event's links are new; a stored event's may have been made meanwhile by a
    # concurrent ingest, or by the run that extracted this article before.
    roles = [(s.order >= NEW_EVENT_ORDER, (s.pk, a.pk, r)) for s, a, r in plan.event_actors]
    places = [(s.order >= NEW_EVENT_ORDER, (s.pk, p.pk)) for s, p in plan.event_places]
    for model, columns, links in (
        (EventActor, ("event_id", "actor_id", "role"), roles),
        (Event.places.through, ("event_id", "place_id"), places),
    ):
        insert_rows(model, columns, [row for new_link, row in links if new_link])
        model.objects.bulk_create(
            [
                model(**dict(zip(columns, row, strict=True)))
                for new_link, row in links
                if not new_link
            ],
            ignore_conflicts=True,
        )
    _write_absorbed(plan)  # after the links the plan made, which it may add to
    drop_aggregates_on_commit()


def _outlets(names: set[str]) -> dict[str, int]:
    found = dict(Outlet.objects.filter(name__in=names).values_list("name", "id"))
    for name in sorted(names - found.keys()):
        found[name] = Outlet.objects.get_or_create(name=name)[0].pk
    return found


def _write_actors(plan: Plan) -> None:
    if not plan.new_actors:
        return
    objs = [
        Actor.named(row.name, kind=row.kind, country=row.country, reviewed=row.reviewed)
        for row in plan.new_actors
    ]
    try:
        with transaction.atomic():
            Actor.objects.bulk_create(objs)
    except IntegrityError:
        # Another ingest created some of these names meanwhile: take its rows.
        for row in plan.new_actors:
            actor, _ = Actor.objects.get_or_create(
                name=row.name,
                defaults={"kind": row.kind, "country": row.country, "reviewed": row.reviewed},
            )
            row.pk = actor.pk
        return
    for row, actor in zip(plan.new_actors, objs, strict=True):
        row.pk = actor.pk
    history(Actor, [row.pk for row in plan.new_actors])


def _write_places(plan: Plan) -> None:
    """New places: from GeoNames, or candidates for an editor. Another ingest may have made
    some meanwhile: theirs are taken."""
    if not plan.new_places:
        return
    objs = [
        Place(
            name=row.name[:200],
            kind=row.new.kind if row.new.kind in Place.Kind.values else Place.Kind.OTHER,
            country=row.new.country,
            admin1=row.new.admin1[:200],
            latitude=row.new.latitude,
            longitude=row.new.longitude,
            geonameid=row.new.geonameid,
            candidate=row.new.candidate,
        )
        for row in plan.new_places
    ]
    try:
        with transaction.atomic():
            Place.objects.bulk_create(objs)
    except IntegrityError:
        for row, obj in zip(plan.new_places, objs, strict=True):
            row.pk = Place.objects.get_or_create(
                name=row.name,
                defaults={f: getattr(obj, f) for f in PLACE_FIELDS},
            )[0].pk
        return
    for row, obj in zip(plan.new_places, objs, strict=True):
        row.pk = obj.pk


PLACE_FIELDS = ("kind", "country", "admin1", "latitude", "longitude", "geonameid", "candidate")


def _write_changed_events(plan: Plan) -> None:
    """Stored events that took a draft's reading: the changed fields, their actors and places
    cleared where the draft sets them again (re-extraction)."""
    for state in plan.events.values():
        if state.changed:
            event = Event.objects.get(pk=state.pk)
            for name in state.changed:
                setattr(event, name, getattr(state, name))
            event.save(update_fields=[*sorted(state.changed), "last_day", "updated_at"])
    cleared = [s.pk for s in plan.events.values() if s.reset_roles]
    if cleared:
        EventActor.objects.filter(event_id__in=cleared).delete()
    cleared = [s.pk for s in plan.events.values() if s.reset_places]
    if cleared:
        Event.places.through.objects.filter(event_id__in=cleared).delete()


def _write_events(plan: Plan) -> None:
    objs = []
    for state in plan.new_events:
        event = Event(
            start=state.start,
            end=state.end,
            precision=state.precision,
            date_confidence=state.date_confidence,
            planned=state.planned,
            summary=state.summary,
            event_type=state.event_type,
            search_document=state.search_document(),
        )
        event.last_day = period_last_day(state.end or state.start, state.precision)
        objs.append(event)
    insert(Event, objs)
    for state, event in zip(plan.new_events, objs, strict=True):
        state.pk = event.pk
    history(Event, [state.pk for state in plan.new_events])
    # Then marked contested, as saving them one by one records it.
    contested = [state.pk for state in plan.new_events if state.contested]
    if contested:
        Event.objects.filter(pk__in=contested).update(contested=True, updated_at=timezone.now())
        history(Event, contested, update=True)
    for state in plan.contested:
        event = Event.objects.get(pk=state.pk)
        event.contested = True
        event.save(update_fields=["contested", "last_day", "updated_at"])
    stale = [s for s in plan.events.values() if s.text_stale or "summary" in s.changed]
    if stale:
        update_search_documents({state.pk: state.search_document() for state in stale})


def _write_absorbed(plan: Plan) -> None:
    """Stored events a report joined to another (merging.Plan.absorb): their citations, actors
    and places move to it, they go, and a tombstone sends their address and later reports of
    them there, as an editor's merge does."""
    if not plan.absorbed:
        return
    through = Event.places.through
    for into, other in plan.absorbed:
        moved = list(Citation.objects.filter(event_id=other.pk).values_list("pk", flat=True))
        Citation.objects.filter(pk__in=moved).update(event_id=into.pk)
        history(Citation, moved, update=True)
        # An actor it names keeps the role it has in the event joined, as a draft's does.
        EventActor.objects.bulk_create(
            [
                EventActor(event_id=into.pk, actor_id=actor_id, role=role)
                for actor_id, role in EventActor.objects.filter(event_id=other.pk)
                .exclude(
                    actor_id__in=EventActor.objects.filter(event_id=into.pk).values("actor_id")
                )
                .values_list("actor_id", "role")
            ],
            ignore_conflicts=True,
        )
        through.objects.bulk_create(
            [
                through(event_id=into.pk, place_id=place_id)
                for place_id in through.objects.filter(event_id=other.pk).values_list(
                    "place_id", flat=True
                )
            ],
            ignore_conflicts=True,
        )
        MergedEvent.objects.filter(into_id=other.pk).update(into_id=into.pk)
        MergedEvent.objects.create(
            old_id=other.pk,
            into_id=into.pk,
            start=other.start,
            end=other.end,
            precision=other.precision,
            event_type=other.event_type,
            actor_names=sorted(other.names),
            source_names=sorted(other.sources),
            words=sorted(
                set(content_words(other.summary)).union(
                    *(content_words(quote) for _, _, quote in other.quotes)
                )
            ),
            merged_by=ABSORBED_BY,
        )
    Event.objects.filter(pk__in=[other.pk for _, other in plan.absorbed]).delete()


def insert(model, objs: list) -> list:
    """bulk_create; on PostgreSQL by COPY, with the ids drawn from the table's sequence first.

    COPY costs a fraction of the client time an INSERT of the same rows does. Values go through
    each field's pre_save and get_db_prep_save, as in bulk_create, so defaults and auto_now
    fields are what saving would store. No signals, as with bulk_create.
    """
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objs)
    fields = written_fields(model)  # the database fills the rest (its defaults, triggers)
    ids = _reserve_ids(model, len(objs))
    for pk, obj in zip(ids, objs, strict=True):
        obj.pk = pk
    _copy(
        model,
        tuple(f.column for f in fields),
        (
            (obj.pk, *(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields))
            for obj in objs
        ),
    )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs


def insert_rows(model, columns: tuple[str, ...], rows: list[tuple]) -> list[int]:
    """Rows of ready values for these columns, inserted; their ids, in order.

    By COPY on PostgreSQL with no model instance per row, when these are all the model's
    columns; otherwise (another database, or a column added since) as model instances through
    insert, so that defaults apply.
    """
    if not rows:
        return []
    fields = {f.column: f for f in written_fields(model)}
    if connection.vendor != "postgresql" or set(fields) != set(columns):
        names = [fields[column].attname for column in columns]
        objs = insert(model, [model(**dict(zip(names, row, strict=True))) for row in rows])
        return [obj.pk for obj in objs]
    ids = _reserve_ids(model, len(rows))
    _copy(model, columns, ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
    return ids


def _reserve_ids(model, count: int) -> list[int]:
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, columns: tuple[str, ...], rows) -> None:
    """COPY rows (the id first, then these columns) into the model's table (PostgreSQL)."""
    meta = model._meta
    q = connection.ops.quote_name
    names = ", ".join(q(column) for column in [meta.pk.column, *columns])
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {q(meta.db_table)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def update_search_documents(documents: dict[int, str]) -> None:
    """Event.search_document of these events, in one statement."""
    if connection.vendor == "postgresql":
        # bulk_update's CASE WHEN grows with the square of the rows on PostgreSQL.
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {q(Event._meta.db_table)} AS e SET {q('search_document')} = v.document "
                f"FROM unnest(%s::bigint[], %s::text[]) AS v(id, document) "
                f"WHERE e.{q('id')} = v.id",
                [list(documents), list(documents.values())],
            )
        return
    Event.objects.bulk_update(
        [Event(pk=pk, search_document=document) for pk, document in documents.items()],
        ["search_document"],
    )


def history(model, pks: list[int], update: bool = False) -> None:
    """The change history rows saving these rows one by one writes (a machine write: no user).

    Copied from the stored rows with INSERT … SELECT, so no Python object per row.
    """
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical = model.history.model
    q = connection.ops.quote_name
    columns = [f.column for f in historical.tracked_fields]
    extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    target = ", ".join(q(column) for column in [*columns, *extra])
    source = ", ".join(q(column) for column in columns)
    when = connection.ops.adapt_datetimefield_value(timezone.now())
    size = min(10000, (connection.features.max_query_params or 10000) - 2)
    with connection.cursor() as cursor:
        for first in range(0, len(pks), size):
            chunk = pks[first : first + size]
            cursor.execute(
                f"INSERT INTO {q(historical._meta.db_table)} ({target}) "
                f"SELECT {source}, %s, NULL, %s, NULL FROM {q(model._meta.db_table)} "
                f"WHERE {q(model._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                [when, "~" if update else "+", *chunk],
            )


def drop_aggregates_on_commit() -> None:
    """What timeline.signals does for every ORM write, which bulk writes bypass."""
    from timeline.signals import invalidate_aggregates

    if not any(func is invalidate_aggregates for _, func, _ in connection.run_on_commit):
        transaction.on_commit(invalidate_aggregates)
