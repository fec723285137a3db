"""Actor and place pages: keyset pages and sampled totals, so a busy actor costs no full count."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import make_event
from timeline.models import SAMPLE_SPACE, Actor, Place


@pytest.fixture
def busy(db, settings):
    settings.CHRONOLOGY_PAGE_SIZE = 50
    settings.FACET_SAMPLE_SIZE = 1000
    for i in range(120):
        make_event(
            datetime.date(2001, 1, 1) + datetime.timedelta(days=i),
            f"Event {i:03}",
            actors=[("Army", "target" if i % 3 == 0 else "actor")],
            places=["Jermuk"],
        )


def summaries(html: str) -> list[str]:
    return re.findall(r"Event \d{3}", html)


@pytest.mark.parametrize("kind", ["actor", "place"])
def test_pages_follow_cursors_forward_and_back(client, busy, kind):
    url = reverse(kind, args=[(Actor if kind == "actor" else Place).objects.get().pk])
    first = client.get(url).content.decode()
    assert "<strong>120</strong> events" in first and "(estimate)" not in first
    assert summaries(first) == [f"Event {i:03}" for i in range(50)]
    after = re.search(r'href="\?after=([^"]+)"', first).group(1)
    second = client.get(url, {"after": after}).content.decode()
    assert summaries(second) == [f"Event {i:03}" for i in range(50, 100)]
    after = re.search(r'href="\?after=([^"]+)"', second).group(1)
    third = client.get(url, {"after": after}).content.decode()
    assert summaries(third) == [f"Event {i:03}" for i in range(100, 120)]
    assert 'rel="next"' not in third
    before = re.search(r'href="\?before=([^"]+)"', third).group(1)
    assert summaries(client.get(url, {"before": before}).content.decode()) == summaries(second)


def test_roles_are_counted_exactly_on_a_small_actor(client, busy):
    html = client.get(reverse("actor", args=[Actor.objects.get().pk])).content.decode()
    assert "acted in 80 events" in html and "acted upon in 40 events" in html


def test_a_busy_actor_is_estimated_from_the_sample(client, db, settings):
    settings.FACET_SAMPLE_SIZE = 40
    step = SAMPLE_SPACE // 4000  # 60 events keyed as if they were the first 60 of 4,000
    for i in range(60):
        make_event(
            datetime.date(2001, 1, 1),
            f"Event {i:03}",
            sample=i * step,
            actors=[("Army", "target" if i % 2 else "actor")],
        )
    html = client.get(reverse("actor", args=[Actor.objects.get().pk])).content.decode()
    assert "<strong>≈ 4,000</strong> events" in html and "(estimate)" in html
    # The 40 sampled events: 20 of each role, each standing for 100.
    assert "acted in ≈ 2,000 events" in html and "acted upon in ≈ 2,000 events" in html
    # Estimates read to three significant figures, as the total does.


@pytest.mark.parametrize("cursor", ["yesterday", "2021-02-30.1", "2021-01-01.-5", "1" * 40])
def test_a_bad_cursor_is_a_400_that_says_so(client, busy, cursor):
    for kind, model in (("actor", Actor), ("place", Place)):
        response = client.get(reverse(kind, args=[model.objects.get().pk]), {"after": cursor})
        assert response.status_code == 400
        assert "This page cannot be shown: after: Not a page cursor" in response.content.decode()


def test_estimated_roles_read_to_three_significant_figures(client, db, settings):
    settings.FACET_SAMPLE_SIZE = 40
    step = SAMPLE_SPACE // 4321  # the first 60 of about 4,321
    for i in range(60):
        make_event(
            datetime.date(2001, 1, 1),
            f"Event {i:03}",
            sample=i * step,
            actors=[("Army", "target" if i % 3 == 0 else "actor")],
        )
    html = client.get(reverse("actor", args=[Actor.objects.get().pk])).content.decode()
    assert "<strong>≈ 4,320</strong> events" in html
    # Of the 40 sampled, 14 acted upon and 26 acted: 14·4321/40 = 1,512 and 2,809.
    assert "acted in ≈ 2,810 events" in html and "acted upon in ≈ 1,510 events" in html
