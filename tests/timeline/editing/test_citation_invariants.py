"""A citation always points at its quote in the article, and an event always keeps a source."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import admin_form_data, make_article, make_event
from timeline.models import Citation, Event

BODY = "Baku said troops crossed. Troops crossed again near Jermuk on May 12, 2021."


@pytest.fixture
def editor(db):
    user = User.objects.create_user("ed", password="correct horse battery staple", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def cited(db):
    article = make_article(BODY)
    event = make_event(
        datetime.date(2021, 5, 12),
        "Troops cross",
        article=article,
        quote="Troops crossed again near Jermuk on May 12, 2021.",
    )
    return event, event.citations.get()


def test_offsets_follow_the_quote_whatever_was_typed(cited):
    _, citation = cited
    citation.start, citation.end = 0, 99999999
    citation.full_clean()
    assert BODY[citation.start : citation.end] == citation.quote


def test_a_repeated_quote_takes_the_occurrence_nearest_the_old_offsets(cited):
    _, citation = cited
    citation.quote = "crossed"
    first, second = BODY.index("crossed"), BODY.rindex("crossed")
    citation.start = second - 2
    citation.full_clean()
    assert (citation.start, citation.end) == (second, second + 7)
    citation.start = 0
    citation.full_clean()
    assert (citation.start, citation.end) == (first, first + 7)


def test_a_quote_that_is_not_in_the_article_is_refused(cited):
    _, citation = cited
    citation.quote = "Baku "
    citation.full_clean()  # it is there, so it is fine, and the offsets say where
    assert (citation.start, citation.end) == (0, 5)
    citation.quote = "Troops never crossed."
    with pytest.raises(ValidationError, match="not in the article"):
        citation.full_clean()


def test_moving_an_events_only_citation_away_is_refused(cited):
    event, citation = cited
    other = make_event(datetime.date(2021, 5, 13), "Other", quote="Something else happened.")
    citation.event = other
    with pytest.raises(ValidationError, match="only citation"):
        citation.full_clean()


def test_the_admin_shows_offsets_but_does_not_take_them(client, editor, cited):
    _, citation = cited
    client.force_login(editor)
    url = reverse("admin:timeline_citation_change", args=[citation.pk])
    data = admin_form_data(client.get(url), start="0", end="5", quote="Baku said troops crossed.")
    assert client.post(url, data).status_code == 302
    citation.refresh_from_db()
    assert (citation.start, citation.end) == (0, 25)
    assert BODY[citation.start : citation.end] == citation.quote


def test_an_events_last_citation_cannot_be_deleted(client, editor, cited):
    event, citation = cited
    client.force_login(editor)
    response = client.post(
        reverse("admin:timeline_citation_delete", args=[citation.pk]), {"post": "yes"}, follow=True
    )
    assert "only citation, so it cannot be deleted" in response.content.decode()
    assert Citation.objects.filter(pk=citation.pk).exists()
    # Once the event has another source, the first may go.
    Citation.objects.create(
        event=event, article=citation.article, quote="Baku said troops crossed.", start=0, end=25
    )
    response = client.post(
        reverse("admin:timeline_citation_delete", args=[citation.pk]), {"post": "yes"}
    )
    assert response.status_code == 302 and not Citation.objects.filter(pk=citation.pk).exists()


def test_an_event_cannot_lose_its_last_citation_in_its_own_form(client, editor, cited):
    event, _ = cited
    client.force_login(editor)
    url = reverse("admin:timeline_event_change", args=[event.pk])
    data = admin_form_data(client.get(url))
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "citation" in k)[
        : -len("-TOTAL_FORMS")
    ]
    data[f"{prefix}-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert event.citations.count() == 1


def test_an_event_cannot_be_added_without_a_citation(client, editor):
    client.force_login(editor)
    url = reverse("admin:timeline_event_add")
    data = admin_form_data(
        client.get(url),
        start="2021-05-12",
        summary="A new event",
        precision="day",
        event_type="armed_clash",
    )
    assert client.post(url, data).status_code == 200
    assert not Event.objects.filter(summary="A new event").exists()
