"""History and access: who changed what and when, and who may see the chronology and the admin."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import Article
from tests.factories import admin_form_data, make_article, make_event
from timeline.models import Actor, Event


@pytest.fixture
def editor(db):
    user = User.objects.create_user("maria", password="correct horse battery staple", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_an_editors_admin_change_shows_in_the_history_with_the_user(client, editor):
    event = make_event(datetime.date(2021, 5, 12), "Machine summary", quote="Troops crossed.")
    client.force_login(editor)
    url = reverse("admin:timeline_event_change", args=[event.pk])
    response = client.post(url, admin_form_data(client.get(url), summary="Editor's summary"))
    assert response.status_code == 302
    latest = event.history.latest()
    assert latest.history_user == editor and latest.summary == "Editor's summary"
    assert latest.prev_record.summary == "Machine summary"
    assert latest.prev_record.history_user is None  # the machine's write
    page = client.get(reverse("admin:timeline_event_history", args=[event.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "maria" in text and "Editor&#x27;s summary" in text


def test_article_and_actor_history_pages_open_for_editors(client, editor):
    article = make_article()
    actor = Actor.objects.create(name="Nikol Pashinyan")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, admin_form_data(client.get(url), title="Corrected title"))
    assert Article.history.filter(title="Corrected title", history_user=editor).exists()
    for name, obj in [("articles_article", article), ("timeline_actor", actor)]:
        page = client.get(reverse(f"admin:{name}_history", args=[obj.pk]))
        assert page.status_code == 200


def test_history_of_bulk_actions_and_merges_records_the_editor(client, editor):
    a = make_event(summary="One", quote="Troops crossed.")
    b = make_event(summary="Two", quote="Forces advanced.")
    client.force_login(editor)
    url = reverse("admin:timeline_event_changelist")
    client.post(url, {"action": "mark_reviewed", "_selected_action": [a.pk]})
    assert a.history.latest().history_user == editor
    client.post(
        url,
        {
            "action": "merge_selected",
            "_selected_action": [a.pk, b.pk],
            "apply": "1",
            "survivor": str(a.pk),
        },
    )
    deleted = Event.history.filter(id=b.pk, history_type="-").get()
    assert deleted.history_user == editor


def test_ingestion_writes_one_history_row_per_event_write_not_more(samples):
    events = Event.objects.count()
    assert events > 10
    # Created once, at most saved once more (marked contested); never per other event.
    assert Event.history.count() <= events + Event.objects.filter(contested=True).count()
    assert not Event.history.exclude(history_user=None).exists()


def test_editors_may_read_the_history_models(editor):
    for permission in [
        "timeline.view_historicalevent",
        "timeline.view_historicalactor",
        "timeline.view_historicalcitation",
        "articles.view_historicalarticle",
    ]:
        assert editor.has_perm(permission), permission
    assert not editor.has_perm("timeline.change_historicalevent")
    assert not editor.has_perm("auth.view_user")


@pytest.mark.parametrize("path", ["/", "/events.json"])
def test_with_login_required_anonymous_visitors_are_sent_to_the_login(client, db, settings, path):
    settings.CHRONOLOGY_LOGIN_REQUIRED = True
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={path}"


def test_with_login_required_a_logged_in_reader_gets_the_chronology(client, db, settings):
    settings.CHRONOLOGY_LOGIN_REQUIRED = True
    make_event(summary="Troops crossed the border", quote="Troops crossed.")
    reader = User.objects.create_user("reader", password="correct horse battery staple")
    client.force_login(reader)
    response = client.get("/")
    assert response.status_code == 200 and "Troops crossed the border" in response.content.decode()


def test_without_login_required_the_chronology_is_public(client, db, settings):
    settings.CHRONOLOGY_LOGIN_REQUIRED = False
    assert client.get("/").status_code == 200
