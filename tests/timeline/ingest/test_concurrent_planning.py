"""Two ingests planning at once on two PostgreSQL connections: the second plans only once the
first has written, so it joins the events the first created instead of creating them again."""

import threading
import time

import pytest
from django.db import connections

from timeline.ingest import batches, ingest_bytes
from timeline.models import Citation, Event

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

REPORT = (
    "Shelling near the border\n\n"
    "YEREVAN, March 3, 2023. Azerbaijani troops shelled positions near Jermuk on Wednesday, "
    "the defence ministry said.\n"
)


def test_a_second_ingest_waits_for_the_first_to_write_and_joins_its_events(gazetteer, monkeypatch):
    slow = threading.Event()
    write = batches.write

    def planned_then_slow(plan, articles):
        if threading.current_thread().name == "first":
            slow.set()  # planned, not yet written: hold the transaction open a while
            time.sleep(2)
        return write(plan, articles)

    monkeypatch.setattr(batches, "write", planned_then_slow)
    results = {}

    def ingest(name, text):
        try:
            results[name] = ingest_bytes(text.encode(), source_file=f"{name}.txt")
        finally:
            connections.close_all()

    first = threading.Thread(target=ingest, args=("first", REPORT), name="first")
    second = threading.Thread(
        target=ingest,
        args=("second", REPORT + "\nRepublished by the Harbour Desk news service.\n"),
        name="second",
    )
    first.start()
    assert slow.wait(30)
    second.start()
    first.join(60)
    second.join(60)
    assert results["first"].status == results["second"].status == "created"
    assert results["first"].events_created == 1 and results["second"].events_created == 0
    event = Event.objects.get()
    assert Citation.objects.filter(event=event).count() == 2
