"""The "needs attention" page and filters: what an editor should look at first."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_event
from timeline.models import Actor, Event, EventActor


@pytest.fixture
def editor(db):
    user = User.objects.create_user(
        "editor", password="correct horse battery staple", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def worklist(db):
    inferred = make_article(
        "Troops crossed on Wednesday. Talks began on May 12, 2021.",
        title="Inferred date",
        published_source=Article.DateSource.INFERRED,
        published_confidence=0.5,
    )
    undated = make_article(
        "Troops crossed.",
        title="No date",
        published=None,
        published_source="unknown",
        published_confidence=0.0,
    )
    stated = make_article("Troops crossed on May 12, 2021.", title="Stated date")
    objects = {
        "inferred": inferred,
        "undated": undated,
        "stated_article": stated,
        "vague": make_event(summary="Vague date", date_confidence=0.5, quote="Vague."),
        "sure": make_event(summary="Sure date", date_confidence=0.95, quote="Sure."),
        "contested": make_event(summary="Disputed crossing", contested=True, quote="Denied."),
        "reviewed": make_event(
            summary="Vague but reviewed", date_confidence=0.5, status="reviewed", quote="Seen."
        ),
        "relative": make_event(
            summary="Dated from an inferred date",
            article=inferred,
            quote="Troops crossed on Wednesday.",
        ),
        "stated": make_event(
            summary="Stated in an article of inferred date",
            article=inferred,
            quote="Talks began on May 12, 2021.",
        ),
        "candidate": Actor.objects.create(name="Colonel Unknown", reviewed=False),
        "known": Actor.objects.create(name="Nikol Pashinyan"),
    }
    objects["stated"].citations.update(date_rule="absolute")
    objects["with_candidate"] = make_event(summary="Met an unknown colonel", quote="Met.")
    EventActor.objects.create(event=objects["with_candidate"], actor=objects["candidate"])
    return objects


def test_the_page_lists_each_kind_of_work_and_nothing_settled(client, editor, worklist):
    client.force_login(editor)
    page = client.get(reverse("admin:timeline_event_needs_attention"))
    assert page.status_code == 200
    sections = {
        s["title"].split(" (")[0]: [row for _, row in s["rows"]] for s in page.context["sections"]
    }
    articles, vague, relative, actors, contested = sections.values()
    assert articles == [worklist["undated"], worklist["inferred"]]
    assert vague == [worklist["vague"]]
    assert relative == [worklist["relative"]]
    assert actors == [worklist["candidate"]]
    assert contested == [worklist["contested"]]
    text = page.content.decode()
    assert reverse("admin:timeline_event_change", args=[worklist["vague"].pk]) in text
    assert "?attention=contested" in text and "Sure date" not in text


def test_the_admin_index_links_to_the_page(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:index"))
    assert reverse("admin:timeline_event_needs_attention") in page.content.decode()


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("date", {"vague"}),
        ("contested", {"contested"}),
        ("new_actor", {"with_candidate"}),
        ("article_date", {"relative"}),
        ("any", {"vague", "contested", "with_candidate", "relative"}),
    ],
)
def test_event_changelist_filter(client, editor, worklist, reason, expected):
    client.force_login(editor)
    page = client.get(reverse("admin:timeline_event_changelist"), {"attention": reason})
    assert page.status_code == 200
    shown = set(page.context["cl"].queryset)
    assert shown == {worklist[name] for name in expected}


def test_article_changelist_filter(client, editor, worklist):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_changelist"), {"attention": "date"})
    assert set(page.context["cl"].queryset) == {worklist["inferred"], worklist["undated"]}


def test_an_event_drops_off_once_reviewed(client, editor, worklist):
    client.force_login(editor)
    client.post(
        reverse("admin:timeline_event_changelist"),
        {"action": "mark_reviewed", "_selected_action": [worklist["vague"].pk]},
    )
    page = client.get(reverse("admin:timeline_event_changelist"), {"attention": "date"})
    assert list(page.context["cl"].queryset) == []


def test_people_without_view_permission_are_refused(client, db):
    clerk = User.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)
    response = client.get(reverse("admin:timeline_event_needs_attention"))
    assert response.status_code == 403


def test_an_event_whose_date_an_editor_set_waits_for_nobody_on_its_dates_account(db):
    from timeline.admin import attention_q

    vague = make_event(summary="Vague", date_confidence=0.4, quote="Vague.")
    set_by_editor = make_event(summary="Set", date_confidence=0.4, quote="Set.")
    set_by_editor.edited_fields = ["summary", "start"]
    set_by_editor.save()
    other_edit = make_event(summary="Summary only", date_confidence=0.4, quote="Other.")
    other_edit.edited_fields = ["summary"]
    other_edit.save()
    waiting = set(Event.objects.filter(attention_q("date")))
    assert waiting == {vague, other_edit}
    assert set_by_editor.date_set_by_editor and not other_edit.date_set_by_editor
