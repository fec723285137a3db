"""The vocabulary of common words and the bits each event carries for it (migration 0018,
timeline/search/vocabulary.py).

The bits must say exactly what the event's search vector says, after every kind of write
(ORM saves, bulk inserts, updates of the document, COPY) and after the vocabulary grows; the
mask of a query must be given only when testing the bits is exactly the full-text match. On
SQLite there is no vocabulary: refresh_lexemes does nothing.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import make_event
from timeline.models import Event
from timeline.search import plan
from timeline.search.vocabulary import VOCABULARY_SIZE, refresh_lexemes, vocabulary

DAY = datetime.date(2021, 5, 12)


def mismatches() -> list[tuple[int, int, int]]:
    """Events whose stored bits differ from the bits their search vector gives."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, lexeme_bits, timeline_lexeme_bits(search_vector) FROM timeline_event "
            "WHERE lexeme_bits <> timeline_lexeme_bits(search_vector)"
        )
        return cursor.fetchall()


def bits_of(event: Event) -> set[str]:
    """The vocabulary words an event's stored bits name."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme_bits FROM timeline_event WHERE id = %s", [event.pk])
        (bits,) = cursor.fetchone()
    return {word for bit, word in vocabulary().items() if bits & (1 << bit)}


def mask(text: str) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT timeline_lexeme_mask(websearch_to_tsquery('english', %s))", [text])
        return cursor.fetchone()[0]


@pytest.fixture
def corpus(db):
    for i in range(12):
        city = "Moscow" if i % 2 else "Geneva"
        words = "Ceasefire violated near the border" if i % 3 else f"Talks held in {city}"
        make_event(DAY + datetime.timedelta(days=i), f"{words} ({i})")


@pytest.mark.postgres
def test_the_common_words_get_bits_and_every_event_carries_them(corpus):
    assert vocabulary() == {} and not mismatches()
    added = refresh_lexemes(min_share=0.3)
    # Stemmed, as the search vector holds them; words in fewer than 30% of events left out.
    assert {"ceasefir", "violat", "border"} <= set(added)
    assert "talk" in added and "moscow" not in added  # 4 and 2 of 12 events
    assert set(vocabulary().values()) == set(added)
    assert not mismatches()
    shelling = Event.objects.filter(summary__startswith="Ceasefire").first()
    assert {"ceasefir", "violat", "border"} <= bits_of(shelling)
    assert "talk" not in bits_of(shelling)
    # Once given, bits stay: a second refresh adds only words that became common.
    assert refresh_lexemes(min_share=0.3) == []
    for i in range(12):
        make_event(DAY, f"Moscow talks ({i})")
    assert refresh_lexemes(min_share=0.3) == ["moscow"]
    assert not mismatches()


@pytest.mark.postgres
def test_without_a_vocabulary_every_event_has_no_bits(corpus):
    """The triggers return at once without a vocabulary; with the first words, the events have
    their bits, and events written afterwards get theirs from the triggers."""
    make_event(DAY, "A ceasefire near the border")
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT lexeme_bits FROM timeline_event")
        assert cursor.fetchall() == [(0,)]
    refresh_lexemes(min_share=0.3)
    assert not mismatches()
    make_event(DAY, "Another ceasefire near the border")
    assert {"ceasefir", "border"} <= bits_of(Event.objects.get(summary__startswith="Another"))
    assert not mismatches()


@pytest.mark.postgres
def test_every_kind_of_write_keeps_the_bits(corpus):
    refresh_lexemes(min_share=0.3)
    make_event(DAY, "Border talks")  # save, then the document's update
    Event.objects.bulk_create(
        [Event(start=DAY, last_day=DAY, summary="x", search_document="ceasefire in Moscow")]
    )
    assert not mismatches()
    changed = Event.objects.filter(summary__startswith="Talks").first()
    Event.objects.filter(pk=changed.pk).update(search_document="A ceasefire was violated")
    assert bits_of(changed) == {"ceasefir", "violat"}
    Event.objects.filter(pk=changed.pk).update(search_document="")
    assert bits_of(changed) == set()
    event = Event.objects.get(pk=changed.pk)
    event.summary = "Talks on the border"
    event.save()
    event.refresh_search_document()
    assert bits_of(event) == {"talk", "border"}
    assert not mismatches()


@pytest.mark.postgres
def test_generate_corpus_chooses_a_vocabulary_and_copies_rows_with_their_bits(db):
    call_command("load_gazetteer", verbosity=0)
    call_command("generate_corpus", events=600, seed=5, verbosity=0)
    assert 10 < len(vocabulary()) <= VOCABULARY_SIZE
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM timeline_event WHERE lexeme_bits <> 0")
        assert cursor.fetchone()[0] > 500
    assert not mismatches()


@pytest.mark.postgres
def test_a_mask_is_given_only_for_a_conjunction_of_known_words(corpus):
    refresh_lexemes(min_share=0.3)
    words = {word: 1 << bit for bit, word in vocabulary().items()}
    assert mask("ceasefire") == words["ceasefir"]
    assert mask("Ceasefire BORDER ceasefires") == words["ceasefir"] | words["border"]
    for text in (
        '"ceasefire violated"',  # a phrase: word order matters, the bits cannot tell
        "ceasefire or border",
        "-ceasefire",
        "ceasefire -border",
        "zanzibar",  # not in the vocabulary
        "ceasefire zanzibar",
        "the",  # stop words only: an empty query
        "",
    ):
        assert mask(text) is None, text


@pytest.mark.postgres
def test_the_bits_test_is_exactly_the_full_text_match(corpus):
    refresh_lexemes(min_share=0.3)
    for text in ("ceasefire", "border ceasefire", "talks", "violated talks"):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT array_agg(id ORDER BY id) FILTER (WHERE lexeme_bits & %(m)s = %(m)s), "
                "array_agg(id ORDER BY id) FILTER (WHERE search_vector @@ "
                "websearch_to_tsquery('english', %(q)s)) FROM timeline_event",
                {"m": mask(text), "q": text},
            )
            by_bits, by_vector = cursor.fetchone()
        assert by_bits == by_vector, text
    assert by_bits is None  # no event says both "violated" and "talks"


@pytest.mark.postgres
def test_the_two_parts_of_matching_by_bits_are_the_full_text_match(corpus):
    refresh_lexemes(min_share=0.3)
    events = Event.objects.all()
    for text, has_mask in (
        ("ceasefire", True),
        ("border violated", True),
        ("ceasefire -talks", False),
        ('"border talks"', False),
        ("moscow", False),
        ("zanzibar", False),
    ):
        by_bits = set(plan.matching_by_bits(events, text, bits=True).values_list("id", flat=True))
        by_rows = set(plan.matching_by_bits(events, text, bits=False).values_list("id", flat=True))
        expected = set(events.matching(text).values_list("id", flat=True))
        assert (by_bits if has_mask else by_rows) == expected, text
        assert not (by_rows if has_mask else by_bits), text
    assert set(plan.matching_by_bits(events, "ceasefire", bits=True).values_list("id", flat=True))


def test_other_databases_keep_no_vocabulary(corpus):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL keeps one (the tests above)")
    assert refresh_lexemes() == [] and vocabulary() == {}


def test_the_command_reports_what_it_did(corpus, capsys):
    call_command("refresh_lexemes", min_share=0.3)
    out = capsys.readouterr().out
    if connection.vendor == "postgresql":
        assert "words added (" in out and "ceasefir" in out and f"of {VOCABULARY_SIZE} bits" in out
    else:
        assert "nothing to do" in out
