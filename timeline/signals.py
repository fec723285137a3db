"""Keep precomputed aggregates honest: any write that changes what the facets count drops them.

The drop is scheduled once per transaction, on commit, so an ingest that saves hundreds of rows
deletes the aggregates once. Bulk writers that bypass signals (COPY in generate_corpus) call
invalidate_aggregates() themselves.
"""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.models import Article, Outlet
from timeline.models import Actor, Aggregate, Citation, Event, EventActor, Place


def invalidate_aggregates() -> None:
    Aggregate.objects.all().delete()


def _schedule_drop(**kwargs) -> None:
    if kwargs.get("raw"):
        return
    if not connection.in_atomic_block:
        invalidate_aggregates()
        return
    # Once per transaction: a rollback discards the pending callback with the transaction.
    if not any(func is invalidate_aggregates for _, func, _ in connection.run_on_commit):
        transaction.on_commit(invalidate_aggregates)


for model in (Event, EventActor, Citation, Actor, Place, Article, Outlet):
    post_save.connect(
        _schedule_drop, sender=model, dispatch_uid=f"aggregates-save-{model.__name__}"
    )
    post_delete.connect(
        _schedule_drop, sender=model, dispatch_uid=f"aggregates-delete-{model.__name__}"
    )
m2m_changed.connect(_schedule_drop, sender=Event.places.through, dispatch_uid="aggregates-places")
