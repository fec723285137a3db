"""Staff requests that used to fail with a 500: NUL bytes in admin filters, searches and the
autocomplete; an id that is no id on a history page."""

import pytest
from django.contrib.auth.models import User

from tests.factories import make_event


@pytest.fixture
def staff_client(client, db):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    make_event()
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/timeline/event/?status__exact=%00",
        "/admin/timeline/event/?q=%00",
        "/admin/timeline/actor/?q=a%00b",
        "/admin/articles/article/?q=%00",
        "/admin/autocomplete/?app_label=timeline&model_name=event&field_name=actors&term=%00",
        "/?q=%00",
    ],
)
def test_a_nul_byte_anywhere_in_a_request_is_a_400(staff_client, url):
    response = staff_client.get(url)
    assert response.status_code == 400
    assert "NUL bytes" in response.content.decode()


def test_a_nul_byte_in_a_form_field_is_a_400(staff_client):
    response = staff_client.post("/admin/timeline/event/add/", {"summary": "a\x00b"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "model", ["timeline/event", "timeline/actor", "timeline/citation", "articles/article"]
)
def test_a_history_page_for_an_id_that_is_no_id_is_a_404(staff_client, model):
    assert staff_client.get(f"/admin/{model}/abc/history/").status_code == 404


def test_a_history_page_still_opens(staff_client):
    from timeline.models import Event

    event = Event.objects.get()
    assert staff_client.get(f"/admin/timeline/event/{event.pk}/history/").status_code == 200
