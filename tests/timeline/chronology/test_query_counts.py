"""Every page's SQL query count is bounded, whatever the amount of data on it."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import make_article, make_event
from timeline.models import Actor, Place


def build(n):
    article = make_article(" ".join(f"Sentence {i} on May {i % 28 + 1}, 2021." for i in range(n)))
    for i in range(n):
        quote = f"Sentence {i} on May {i % 28 + 1}, 2021."
        make_event(
            datetime.date(2021, 5, i % 28 + 1),
            f"Event {i}",
            actors=["Army", ("Ministry", "source")],
            places=["Jermuk"],
            article=article,
            quote=quote,
        )
    return article


@pytest.mark.parametrize("n", [3, 30])
def test_pages_issue_a_fixed_number_of_queries(client, db, n, django_assert_max_num_queries):
    article = build(n)
    event = article.citations.first().event
    pages = {
        reverse("chronology"): 7,  # no stored aggregates: a sample and the names in it
        reverse("event", args=[event.pk]): 4,
        reverse("article", args=[article.pk]): 2,
        reverse("actor", args=[Actor.objects.get(name="Army").pk]): 8,
        reverse("place", args=[Place.objects.get(name="Jermuk").pk]): 8,
    }
    for url, ceiling in pages.items():
        with django_assert_max_num_queries(ceiling):
            assert client.get(url).status_code == 200, url
