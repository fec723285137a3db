"""An editor's save and a re-extraction of the same article at once, on two real PostgreSQL
connections: the edit is never lost."""

import threading
import time

import pytest
from django.db import connections, transaction

from tests.factories import event_citing, revised
from timeline.ingest import reextract_article
from timeline.models import Event

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def corpus(gazetteer, tmp_path):
    from tests.factories import CHRONOLOGY, ingest

    (tmp_path / "chronology.txt").write_text(CHRONOLOGY, encoding="utf-8")
    ingest(tmp_path)
    return tmp_path


def test_an_edit_saved_while_a_reextraction_reads_is_kept(corpus, monkeypatch):
    talks = event_citing("held talks in Moscow")
    article = talks.citations.get().article
    revised(monkeypatch)  # the re-extraction would reword every machine summary
    outcome = {}

    def reextract():
        try:
            outcome["result"] = reextract_article(article)
        finally:
            connections.close_all()

    with transaction.atomic():  # the editor's save, not yet committed
        Event.objects.filter(pk=talks.pk).update(
            summary="Border delimitation talks in Moscow", edited_fields=["summary"]
        )
        worker = threading.Thread(target=reextract)
        worker.start()
        time.sleep(1.5)  # the re-extraction reaches the article's events and waits
        assert worker.is_alive()
    worker.join(60)
    assert outcome["result"].status == "reextracted", outcome["result"].message
    talks.refresh_from_db()
    assert talks.summary == "Border delimitation talks in Moscow"
    assert talks.edited_fields == ["summary"]
    # The events no editor touched took the new reading.
    assert Event.objects.filter(summary__startswith="Revised: ").exists()
