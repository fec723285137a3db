"""Editors' merge and split decisions, and that ingestion never undoes them."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_article, make_event
from timeline.editing import merge_events, split_citation
from timeline.models import Actor, Citation, Event, MergedEvent

DAY = datetime.date(2021, 5, 12)


@pytest.fixture
def editor(db):
    user = User.objects.create_user(
        "editor", password="correct horse battery staple", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_merge_moves_citations_actors_and_places_and_redirects_the_old_url(client, db):
    a = make_event(
        DAY,
        "Troops cross",
        actors=["Azerbaijan Armed Forces"],
        places=["Syunik Province"],
        quote="Troops crossed.",
    )
    b = make_event(
        DAY,
        "Forces advance",
        actors=[("Nikol Pashinyan", "source")],
        places=["Jermuk"],
        quote="Forces advanced.",
        contested=True,
    )
    merge_events(a, [b], "editor")
    a.refresh_from_db()
    assert not Event.objects.filter(pk=b.pk).exists()
    assert sorted(a.citations.values_list("quote", flat=True)) == [
        "Forces advanced.",
        "Troops crossed.",
    ]
    assert {ea.actor.name for ea in a.event_actors.all()} == {
        "Azerbaijan Armed Forces",
        "Nikol Pashinyan",
    }
    assert {p.name for p in a.places.all()} == {"Syunik Province", "Jermuk"}
    assert a.contested and {"merged", "citations"} <= set(a.edited_fields)
    response = client.get(reverse("event", args=[b.pk]))
    assert response.status_code == 301 and response["Location"] == reverse("event", args=[a.pk])


def test_merging_into_an_event_that_already_cites_the_sentence_keeps_one_citation(db):
    article = make_article("Troops crossed on May 12, 2021.")
    a = make_event(DAY, "One", article=article)
    b = make_event(DAY, "Two", article=article)
    merge_events(a, [b])
    assert Citation.objects.count() == 1


def test_a_merged_away_event_is_never_recreated_by_a_later_report(gazetteer, tmp_path):
    first = "Clash\n\nYEREVAN, March 2. /TASS/. On March 1, 2023, Azerbaijani troops shelled positions near Jermuk.\n"
    second = "Talks\n\nBAKU, March 2. /TASS/. On March 1, 2023, Armenian and Azerbaijani officials held talks in Moscow.\n"
    (tmp_path / "a.txt").write_text(first, encoding="utf-8")
    (tmp_path / "b.txt").write_text(second, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    shelling, talks = Event.objects.order_by("id")
    # The editor decides both sentences report one happening.
    merge_events(shelling, [talks], "editor")
    again = tmp_path / "again"
    again.mkdir()
    (again / "c.txt").write_text(second.replace("BAKU", "MOSCOW"), encoding="utf-8")
    call_command("ingest", str(again), stdout=io.StringIO(), stderr=io.StringIO())
    assert Event.objects.count() == 1
    assert Event.objects.get().citations.count() == 3
    assert MergedEvent.objects.get().into_id == shelling.pk


def test_split_moves_a_citation_into_a_new_editor_owned_event(db):
    article = make_article("Troops crossed. Officials met.")
    event = make_event(DAY, "Both", actors=["Armenia"], article=article, quote="Troops crossed.")
    other = Citation.objects.create(
        event=event, article=article, quote="Officials met.", start=16, end=30
    )
    new = split_citation(other, "editor")
    assert new.pk != event.pk and new.start == DAY and new.summary == "Officials met."
    assert list(new.citations.all()) == [other]
    assert (
        "split" in new.edited_fields and "citations" in Event.objects.get(pk=event.pk).edited_fields
    )
    assert [ea.actor.name for ea in new.event_actors.all()] == ["Armenia"]


def test_splitting_the_last_citation_leaves_no_empty_event(db):
    event = make_event(DAY, "Only", quote="Troops crossed.")
    new = split_citation(event.citations.get())
    assert list(Event.objects.all()) == [new]
    assert MergedEvent.objects.get(old_id=event.pk).into == new


def test_admin_merge_action_asks_for_the_survivor_then_merges(client, editor):
    a = make_event(DAY, "First report", quote="Troops crossed.")
    b = make_event(DAY, "Second report", quote="Forces advanced.")
    client.force_login(editor)
    url = reverse("admin:timeline_event_changelist")
    page = client.post(url, {"action": "merge_selected", "_selected_action": [a.pk, b.pk]})
    assert page.status_code == 200 and "Merge 2 events into one" in page.content.decode()
    response = client.post(
        url,
        {
            "action": "merge_selected",
            "_selected_action": [a.pk, b.pk],
            "apply": "1",
            "survivor": str(b.pk),
        },
    )
    assert response.status_code == 302
    assert list(Event.objects.values_list("pk", flat=True)) == [b.pk]
    assert Event.objects.get().citations.count() == 2


def test_admin_split_action(client, editor):
    event = make_event(DAY, "Both", quote="Troops crossed.")
    citation = event.citations.get()
    client.force_login(editor)
    response = client.post(
        reverse("admin:timeline_citation_changelist"),
        {"action": "split_out", "_selected_action": [citation.pk]},
    )
    assert response.status_code == 302
    citation.refresh_from_db()
    assert citation.event_id != event.pk


MERGED_ACTOR_REPORT = (
    "Border clash\n\nJune 4, 2023\n\nFighting flared again in the north.\n\n"
    "On 3 June 2023 the Dune Liberation Front shelled a border post, residents said.\n"
)


def test_merging_actors_moves_their_roles_and_keeps_their_names_as_aliases(
    client, editor, tmp_path
):
    short = make_event(DAY, "Shelling", actors=["DLF"], quote="DLF shelled the post.")
    full = make_event(
        DAY + datetime.timedelta(days=1), "Raid", actors=["Dune Liberation Front"], quote="A raid."
    )
    dlf, front = Actor.objects.get(name="DLF"), Actor.objects.get(name="Dune Liberation Front")
    dlf.reviewed = False  # a proposed name; the reviewed actor stays
    dlf.save()
    client.force_login(editor)
    response = client.post(
        reverse("admin:timeline_actor_changelist"),
        {"action": "merge_selected_actors", "_selected_action": [dlf.pk, front.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not Actor.objects.filter(pk=dlf.pk).exists()
    assert {ea.actor.name for e in (short, full) for ea in e.event_actors.all()} == {
        "Dune Liberation Front"
    }
    assert list(front.aliases.values_list("name", flat=True)) == ["DLF"]
    # A later report naming the merged name resolves to the actor that stayed.
    (tmp_path / "report.txt").write_text(
        MERGED_ACTOR_REPORT.replace("the Dune Liberation Front", "DLF")
    )
    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Actor.objects.filter(name="DLF").exists()
    assert Event.objects.filter(start=datetime.date(2023, 6, 3), actors=front).exists()
