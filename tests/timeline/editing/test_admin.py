import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from tests.factories import make_article, make_event
from timeline.models import Event


@pytest.fixture
def editor(db):
    user = User.objects.create_user(
        "editor", password="correct horse battery staple", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_editors_group_can_edit_content_but_not_users(editor):
    assert editor.has_perm("timeline.change_event") and editor.has_perm("timeline.delete_event")
    assert editor.has_perm("timeline.change_actor") and editor.has_perm("articles.change_article")
    assert not editor.has_perm("auth.change_user") and not editor.has_perm("auth.add_user")
    assert not editor.has_perm("auth.change_group") and not editor.has_perm(
        "articles.delete_article"
    )


@pytest.mark.parametrize("name", ["event", "actor", "place"])
def test_admin_changelists_open_for_editors(client, editor, name):
    make_event(actors=["Nikol Pashinyan"], places=["Syunik Province"], quote="Troops crossed.")
    client.force_login(editor)
    assert client.get(reverse(f"admin:timeline_{name}_changelist")).status_code == 200
    assert (
        client.get(
            reverse("admin:timeline_event_changelist"),
            {"q": "crossed", "status__exact": "extracted"},
        ).status_code
        == 200
    )


def test_article_and_outlet_admin_open(client, editor):
    article = make_article()
    client.force_login(editor)
    assert (
        client.get(reverse("admin:articles_article_change", args=[article.pk])).status_code == 200
    )
    assert client.get(reverse("admin:articles_outlet_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_an_editors_change_is_recorded_as_editor_owned(client, editor):
    event = make_event(datetime.date(2021, 5, 12), "Machine summary", quote="Troops crossed.")
    client.force_login(editor)
    url = reverse("admin:timeline_event_change", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: form[name].value() or ""
        for name in ("start", "end", "precision", "event_type", "status", "date_confidence")
    }
    data.update(summary="Editor's summary", start="2021-05-13", places=[])
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        for field in inline.formset.management_form:
            data[f"{prefix}-{field.name}"] = field.value()
        for index, inline_form in enumerate(inline.formset.forms):
            for field in inline_form:
                value = field.value()
                if value is not None:
                    data[f"{prefix}-{index}-{field.name}"] = value
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.summary == "Editor's summary" and event.start == datetime.date(2021, 5, 13)
    assert {"summary", "start"} <= set(event.edited_fields)


def test_bulk_reject_hides_the_event(client, editor):
    event = make_event(summary="Noise", quote="Troops crossed.")
    client.force_login(editor)
    response = client.post(
        reverse("admin:timeline_event_changelist"),
        {"action": "mark_rejected", "_selected_action": [event.pk]},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.REJECTED and "status" in event.edited_fields
    assert "Noise" not in client.get("/").content.decode()


@pytest.fixture
def viewer(db):
    from django.contrib.auth.models import Permission

    user = User.objects.create_user(
        "viewer", password="correct horse battery staple", is_staff=True
    )
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_event", "view_actor"]))
    return user


@pytest.mark.parametrize(
    "model, action",
    [("event", "mark_reviewed"), ("event", "mark_rejected"), ("actor", "mark_reviewed")],
)
def test_a_viewer_cannot_run_write_actions(client, viewer, model, action):
    from timeline.models import Actor

    event = make_event(actors=["Nikol Pashinyan"], quote="Troops crossed.")
    actor = Actor.objects.get(name="Nikol Pashinyan")
    Actor.objects.filter(pk=actor.pk).update(reviewed=False)
    target = event if model == "event" else actor
    client.force_login(viewer)
    url = reverse(f"admin:timeline_{model}_changelist")
    page = client.get(url)
    assert page.status_code == 200 and f'value="{action}"' not in page.content.decode()
    client.post(url, {"action": action, "_selected_action": [target.pk]})
    event.refresh_from_db()
    actor.refresh_from_db()
    assert event.status == Event.Status.EXTRACTED and not actor.reviewed


def test_action_messages_count_in_english(client, editor):
    event = make_event(quote="Troops crossed.")
    client.force_login(editor)
    response = client.post(
        reverse("admin:timeline_event_changelist"),
        {"action": "mark_rejected", "_selected_action": [event.pk]},
        follow=True,
    )
    assert "1 event marked rejected." in response.content.decode()
