"""A server process serves the chronology's first page once before any visitor (startup.warm_up)."""

import datetime

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponseServerError

from tests.factories import make_event
from timeline.models import Event
from timeline.startup import warm_up


@pytest.mark.django_db(transaction=True)
def test_warm_up_serves_the_first_page():
    make_event(datetime.date(2021, 5, 12), "Troops crossed the border", quote="Troops crossed.")
    caches["pages"].clear()
    took = warm_up()
    assert took is not None and took > 0
    # Its request ended as any does (the connection closed or back in the pool); the next query
    # opens one again.
    assert Event.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failure", ["raises", "answers 500"])
def test_warm_up_never_stops_the_server_when_it_cannot_serve(monkeypatch, failure):
    def get_response(self, request):
        if failure == "raises":
            raise RuntimeError("database gone")
        return HttpResponseServerError()

    monkeypatch.setattr(WSGIHandler, "get_response", get_response)
    assert warm_up() is None
