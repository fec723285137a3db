"""The demo data set: one command fills an empty database, and it matches what ingest produces."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from tests.conftest import SAMPLES
from timeline.models import Citation, Event


def snapshot():
    events = sorted(
        (e.start_iso, e.end_iso or "", e.precision, e.event_type, e.summary)
        for e in Event.objects.all()
    )
    citations = sorted(
        Citation.objects.values_list("article__source_file", "start", "end", "quote")
    )
    return events, citations


def test_loaddata_demo_fills_an_empty_database_with_a_browsable_chronology(client, db):
    assert Event.objects.count() == 0
    call_command("loaddata", "demo", stdout=io.StringIO())
    assert Article.objects.count() == len(list(SAMPLES.glob("*.txt")))
    # Every sample article backs at least one event, and every citation quotes its article exactly.
    for article in Article.objects.all():
        assert article.citations.exists(), article.source_file
        for citation in article.citations.all():
            assert article.body[citation.start : citation.end] == citation.quote
    response = client.get(reverse("chronology"))
    assert response.status_code == 200
    assert response.content.decode().count('class="event"') == min(
        Event.objects.visible().count(), 50
    )


@pytest.mark.django_db
def test_demo_fixture_is_what_the_current_extractor_produces():
    """Fails when the extractor changed and fixtures/demo.json was not rebuilt (make demo-fixture)."""
    call_command("loaddata", "demo", stdout=io.StringIO())
    demo = snapshot()
    Article.objects.all().delete()
    Event.objects.all().delete()
    call_command("ingest", str(SAMPLES), stdout=io.StringIO(), stderr=io.StringIO())
    assert snapshot() == demo
