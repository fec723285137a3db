"""Editors' structural decisions: merging duplicate events, splitting a citation out, merging
duplicate actors.

Plain functions, called by the admin and by tests. The event decisions mark the events they
touch as editor-owned (Event.edited_fields), and a merge leaves a MergedEvent tombstone, so
ingestion never undoes either decision. An actor merge leaves the merged names as aliases of
the actor that stays, which ingestion resolves to it from then on.
"""

from collections.abc import Iterable

from django.db import transaction

from timeline.extraction.events import content_words, summarise
from timeline.models import Actor, ActorAlias, Citation, Event, EventActor, MergedEvent


@transaction.atomic
def merge_events(survivor: Event, others: Iterable[Event], editor: str = "") -> Event:
    """Fold ``others`` into ``survivor``: citations, actors and places move; the others go."""
    for other in others:
        if other.pk == survivor.pk:
            continue
        roles = list(other.event_actors.select_related("actor"))
        words = set(content_words(other.summary))
        for citation in other.citations.all():
            words |= content_words(citation.quote)
        MergedEvent.objects.create(
            old_id=other.pk,
            into=survivor,
            start=other.start,
            end=other.end,
            precision=other.precision,
            event_type=other.event_type,
            actor_names=sorted({ea.actor.name for ea in roles}),
            source_names=sorted(
                {ea.actor.name for ea in roles if ea.role == EventActor.Role.SOURCE}
            ),
            words=sorted(words),
            merged_by=editor,
        )
        MergedEvent.objects.filter(into=other).update(into=survivor)
        for citation in other.citations.all():
            if Citation.objects.filter(
                event=survivor, article=citation.article_id, start=citation.start
            ).exists():
                citation.delete()
            else:
                citation.event = survivor
                citation.save(update_fields=["event"])
        for role in roles:
            EventActor.objects.get_or_create(event=survivor, actor=role.actor, role=role.role)
        survivor.places.add(*other.places.all())
        survivor.contested = survivor.contested or other.contested
        Event.objects.filter(
            pk=other.pk
        ).delete()  # leaves the caller's instance (and its pk) intact
    survivor.mark_edited("citations", "actors", "merged")
    survivor.save()
    survivor.refresh_search_document()
    return survivor


@transaction.atomic
def split_citation(citation: Citation, editor: str = "") -> Event:
    """Move one citation out of its event into a new event of its own, dated like the old one."""
    original = citation.event
    new = Event(
        start=original.start,
        end=original.end,
        precision=original.precision,
        date_confidence=original.date_confidence,
        summary=summarise(citation.quote),
        event_type=original.event_type,
        edited_fields=["split"],
    )
    new.save()
    for role in original.event_actors.all():
        EventActor.objects.create(event=new, actor_id=role.actor_id, role=role.role)
    new.places.set(original.places.all())
    citation.event = new
    citation.save(update_fields=["event"])
    original.mark_edited("citations")
    original.save()
    original.refresh_search_document()
    new.refresh_search_document()
    if not original.citations.exists():
        merge_events(new, [original], editor)
    return new


@transaction.atomic
def merge_actors(survivor: Actor, others: Iterable[Actor]) -> Actor:
    """Fold ``others`` into ``survivor``: their roles in events and their aliases move, their
    names become aliases of the survivor (so that later reports naming them resolve to it), and
    they go."""
    for other in others:
        if other.pk == survivor.pk:
            continue
        for role in other.event_roles.all():
            EventActor.objects.get_or_create(event_id=role.event_id, actor=survivor, role=role.role)
            role.delete()
        names = [other.name, *other.aliases.values_list("name", flat=True)]
        for name in dict.fromkeys(names):
            if name != survivor.name:
                ActorAlias.objects.get_or_create(actor=survivor, name=name)
        other.delete()
    return survivor
