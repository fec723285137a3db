"""generate_corpus: a synthetic corpus that holds together (quotes, dates, skew) and is repeatable."""

import io
import re
import statistics
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, Outlet
from timeline.ingest.files import content_hash
from timeline.models import Actor, Citation, Event, EventActor, Place, Precision, period_last_day

EVENTS, ARTICLES, SEED = 2000, 300, 42


def generate(seed: int = SEED) -> str:
    out = io.StringIO()
    call_command("generate_corpus", events=EVENTS, articles=ARTICLES, seed=seed, stdout=out)
    return out.getvalue()


@pytest.fixture
def corpus(gazetteer):
    return generate()


def snapshot() -> list:
    """Everything generated, ids included, timestamps left out."""
    return [
        list(
            Event.objects.order_by("id").values_list(
                "id", "start", "end", "precision", "last_day", "summary", "event_type",
                "status", "contested", "date_confidence", "search_document",
            )
        ),
        list(
            Article.objects.order_by("id").values_list(
                "id", "outlet__name", "title", "published", "body", "content_hash", "source_file"
            )
        ),
        list(Citation.objects.order_by("id").values_list("event_id", "article_id", "start", "end")),
        list(EventActor.objects.order_by("id").values_list("event_id", "actor__name", "role")),
        list(Event.places.through.objects.order_by("id").values_list("event_id", "place__name")),
    ]  # fmt: skip


def test_writes_the_requested_rows_and_a_catalogue_around_the_gazetteer(corpus):
    assert Event.objects.count() == EVENTS
    assert Article.objects.count() == ARTICLES
    assert Outlet.objects.count() >= 20
    assert Actor.objects.count() >= 3000
    assert Place.objects.count() >= 1000
    # The gazetteer's rows are reused, not duplicated.
    assert Actor.objects.filter(name="Nikol Pashinyan").count() == 1
    assert "2,000 events" in corpus

    per_event = Counter(Citation.objects.values_list("event_id", flat=True))
    assert len(per_event) == EVENTS
    assert set(per_event.values()) <= set(range(1, 6))
    actors = Counter(EventActor.objects.values_list("event_id", flat=True))
    assert len(actors) == EVENTS and set(actors.values()) <= set(range(1, 5))
    places = Counter(Event.places.through.objects.values_list("event_id", flat=True))
    assert set(places.values()) <= {1, 2} and len(places) < EVENTS


def test_every_citation_quotes_its_article_at_its_offsets(corpus):
    bodies = dict(Article.objects.values_list("id", "body"))
    for quote, article_id, start, end in Citation.objects.values_list(
        "quote", "article_id", "start", "end"
    ):
        assert bodies[article_id][start:end] == quote
    for body, digest in Article.objects.values_list("body", "content_hash"):
        assert content_hash(body) == digest  # what ingesting the same text would key it by
        assert len(body) > 1000 and "\n\n" in body
    assert Article.objects.values("content_hash").distinct().count() == ARTICLES


def test_last_day_and_search_document_are_what_save_would_compute(corpus):
    samples = []
    for precision in Precision:
        samples += list(Event.objects.filter(precision=precision, end__isnull=True)[:50])
        samples += list(Event.objects.filter(precision=precision, end__isnull=False)[:10])
    assert {(e.precision, e.end is None) for e in samples} >= {
        (p, single) for p in ("day", "month") for single in (True, False)
    } | {("year", True)}
    for event in samples:
        assert event.last_day == period_last_day(event.end or event.start, event.precision)
        if event.precision != Precision.DAY:
            assert event.start.day == 1
        quotes = event.citations.order_by("article_id", "start").values_list("quote", flat=True)
        assert event.search_document == "\n".join([event.summary, *quotes])


def test_dates_span_the_conflict_with_bursts(corpus):
    years = Counter(Event.objects.values_list("start__year", flat=True))
    assert min(years) <= 1990 and max(years) >= 2022
    autumn_2020 = Event.objects.filter(start__range=("2020-09-27", "2020-11-10")).count()
    # 45 days of the 2020 war hold far more than 45 days' share of 36 years.
    assert autumn_2020 > 10 * EVENTS * 45 / (36 * 365)


def test_actors_and_places_are_zipf_skewed(corpus):
    per_actor = Counter(EventActor.objects.values_list("actor_id", flat=True))
    counts = [per_actor.get(pk, 0) for pk in Actor.objects.values_list("id", flat=True)]
    assert max(counts) > 20 * max(1, statistics.median(counts))
    per_place = Counter(Event.places.through.objects.values_list("place_id", flat=True))
    counts = [per_place.get(pk, 0) for pk in Place.objects.values_list("id", flat=True)]
    assert max(counts) > 20 * max(1, statistics.median(counts))


def test_contested_events_have_a_denier_and_a_disputing_citation(corpus):
    contested = Event.objects.filter(contested=True)
    assert contested.exists()
    for event in contested[:20]:
        assert event.event_actors.filter(role=EventActor.Role.DENIES).exists()
    assert Citation.objects.filter(stance=Citation.Stance.DISPUTES).exists()


def test_the_same_seed_gives_the_same_data(gazetteer):
    generate()
    first = snapshot()
    Event.objects.all().delete()
    Article.objects.all().delete()
    generate()
    assert snapshot() == first
    Event.objects.all().delete()
    Article.objects.all().delete()
    generate(seed=SEED + 1)
    assert snapshot()[0] != first[0]


def test_the_chronology_serves_it_and_finds_an_event_by_a_word_of_its_summary(corpus, client):
    assert client.get(reverse("chronology")).status_code == 200

    visible = Event.objects.visible()
    for event in visible.order_by("id")[:200]:
        words = [w for w in re.findall(r"[A-Za-z]{6,}", event.summary) if w[0].isupper()]
        hits = [w for w in words if visible.matching(w).count() <= settings.CHRONOLOGY_PAGE_SIZE]
        if hits:
            word = hits[0]
            break
    else:
        pytest.fail("no event has a rare enough word")

    response = client.get(reverse("chronology"), {"q": word})
    assert response.status_code == 200
    assert f'href="{event.get_absolute_url()}"' in response.content.decode()
    absent = visible.exclude(search_document__icontains=word).order_by("start", "id").first()
    assert f'id="event-{absent.pk}"' not in response.content.decode()


@pytest.mark.parametrize(
    "options",
    [{"events": -1}, {"events": 0}, {"events": 10**9}, {"events": 10, "articles": 0},
     {"events": 10, "articles": 1000}],
)  # fmt: skip
def test_refuses_negative_or_absurd_sizes(db, options):
    with pytest.raises(CommandError):
        call_command("generate_corpus", stdout=io.StringIO(), **options)
    assert not Event.objects.exists()


def test_the_id_arrays_it_writes_are_what_the_triggers_would_keep(corpus):
    # generate_corpus writes each event's actor, place and outlet ids itself and tells the
    # link tables' insert triggers to skip them (PostgreSQL); they must match the links.
    from tests.factories import assert_consistent, assert_links_consistent

    assert_consistent()
    assert_links_consistent()
