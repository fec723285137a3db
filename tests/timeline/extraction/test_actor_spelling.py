"""One actor under the spellings transliteration gives its name (extraction.actors.spelling)."""

import io

import pytest
from django.core.management import call_command

from timeline.extraction.actors import spelling
from timeline.extraction.events import ActorRef
from timeline.ingest.merging import Plan
from timeline.models import Actor, ActorAlias


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Khamis Abbakar", "Khamis Abakar"),  # doubled letters
        ("al-Burhan", "Al Burhan"),  # hyphen and case
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),  # accents
        ("Mohammed Hamdan", "Mohamed Hamdan"),
        ("Ma’arib", "Ma'arib"),
    ],
)
def test_transliterations_share_a_spelling(one, other):
    assert spelling(one) == spelling(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Abiy Ahmed", "Abiy Mohammed"),
        ("Mohamed Hamdan Daglo", "Mohamed Hamdan Dagalo"),  # left to aliases
        ("US", "UN"),
    ],
)
def test_other_names_keep_their_own(one, other):
    assert spelling(one) != spelling(other)


def test_an_actor_saved_or_renamed_keeps_its_spelling(db):
    actor = Actor.objects.create(name="Yevgeny Prigozhin")
    assert Actor.objects.get(pk=actor.pk).spelling == "yevgeny prigozhin"
    actor.name = "Yevgueni Prigojine"
    actor.save(update_fields=["name"])
    assert Actor.objects.get(pk=actor.pk).spelling == "yevgueni prigojine"
    assert Actor.named("Al-Abbas").spelling == "al abas"


def test_a_report_spelling_a_stored_name_otherwise_names_that_actor(db):
    stored = Actor.objects.create(name="Khamis Abakar", kind=Actor.Kind.PERSON)
    plan = Plan(lambda: None)
    row = plan.resolve(ActorRef("Khamis Abbakar", "target", "person", None))
    assert (row.name, row.pk) == ("Khamis Abakar", stored.pk)
    assert plan.new_actors == []
    assert plan.new_aliases() == [(row, "Khamis Abbakar")]


def test_two_outlets_spelling_one_name_differently_give_one_actor(gazetteer, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Governor killed\n\n"
        "Regional governor Tarek Ossmane was shot dead in Velmar on March 2, 2023, his office said.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Governor's death\n\n"
        "Regional governor Tarek Osmane was shot dead by gunmen in Velmar on March 2, 2023, "
        "officials said.\n",
        encoding="utf-8",
    )
    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert list(Actor.objects.filter(spelling="tarek osmane").values_list("name", flat=True)) == [
        "Tarek Ossmane"
    ]
    assert ActorAlias.objects.filter(name="Tarek Osmane", actor__name="Tarek Ossmane").exists()
