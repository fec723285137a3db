"""The text box: web-search syntax on both databases, and actor names found under any spelling."""

import datetime

from tests.factories import make_event
from timeline.models import Actor, ActorAlias, Event
from timeline.search import Stored
from timeline.search import text as search


def test_web_search_syntax_becomes_fts5_alternatives_and_exclusions():
    assert search.fts5_query("crisis border") == ('("crisis" AND "border")', None)
    assert search.fts5_query('"border crisis" -Russia') == (
        '("border crisis") NOT ("Russia")',
        None,
    )
    assert search.fts5_query("truce or ceasefire talks") == (
        '("truce") OR ("ceasefire" AND "talks")',
        None,
    )
    assert search.fts5_query("-Russia -Iran") == (None, '("Russia" OR "Iran")')
    # FTS5's own syntax is text here: quotes, stars, colons and parentheses cannot break it.
    assert search.fts5_query('NEAR(a b) col:x* "a') == (
        '("NEAR a" AND "b" AND "col x" AND "a")',
        None,
    )
    assert search.fts5_query("!!! ---") == (None, None)


def test_an_actor_name_or_alias_in_the_text_finds_its_other_names(db, django_assert_num_queries):
    actor = Actor.objects.create(name="Nikol Pashinyan")
    ActorAlias.objects.create(actor=actor, name="Pashinian")
    with django_assert_num_queries(1):
        expanded = search.with_aliases("Pashinian border")
    assert expanded == ('Pashinian border or "Nikol Pashinyan" border')
    # The longest name wins; a phrase, an exclusion and a text naming no actor stay as typed.
    assert search.with_aliases("nikol pashinyan") == '"nikol pashinyan" or Pashinian'
    assert search.with_aliases('"Pashinian said"') == '"Pashinian said"'
    assert search.with_aliases("talks -Pashinian") == "talks -Pashinian"
    assert search.with_aliases("ceasefire talks") == "ceasefire talks"


def test_with_every_actors_names_at_hand_a_text_costs_no_query(db, django_assert_num_queries):
    actor = Actor.objects.create(name="Nikol Pashinyan")
    ActorAlias.objects.create(actor=actor, name="Pashinian")
    Actor.objects.create(name="Ilham Aliyev")
    assert Stored.refresh()
    known = Stored().names()  # the stored aggregates keep them, read once per data version
    assert known == {
        "nikol pashinyan": {"Nikol Pashinyan", "Pashinian"},
        "pashinian": {"Nikol Pashinyan", "Pashinian"},
        "ilham aliyev": {"Ilham Aliyev"},
    }
    with django_assert_num_queries(0):
        assert search.with_aliases("Pashinian border", known) == (
            'Pashinian border or "Nikol Pashinyan" border'
        )
        assert search.with_aliases("nikol pashinyan", known) == '"nikol pashinyan" or Pashinian'
        assert search.with_aliases("ceasefire talks", known) == "ceasefire talks"


def test_the_chronology_finds_an_event_under_another_spelling_of_its_actor(client, db):
    actor = Actor.objects.create(name="Nikol Pashinyan")
    ActorAlias.objects.create(actor=actor, name="Pashinian")
    make_event(datetime.date(2021, 5, 12), "Pashinian wrote to the CSTO")
    make_event(datetime.date(2021, 5, 13), "Nikol Pashinyan met the envoy")
    make_event(datetime.date(2021, 5, 14), "Aliyev spoke")
    for q in ("Pashinian", "PASHINIAN", "nikol pashinyan"):
        page = client.get("/", {"q": q}).content.decode()
        assert "wrote to the CSTO" in page and "met the envoy" in page, q
        assert "Aliyev spoke" not in page
    assert Event.objects.matching(search.with_aliases("Pashinian envoy")).count() == 1
