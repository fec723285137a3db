import pytest
from django.urls import reverse

from tests.factories import make_article, make_event
from timeline.models import Event
from timeline.views import highlight


def test_article_page_highlights_each_cited_sentence_and_links_its_event(client, db):
    body = "Title line\n\nFirst sentence. Troops crossed on May 12, 2021. Last one.\n\nSecond paragraph."
    article = make_article(body)
    event = make_event(summary="Crossing", article=article, quote="Troops crossed on May 12, 2021.")
    other = make_event(
        summary="Same sentence, second event",
        article=article,
        quote="Troops crossed on May 12, 2021.",
    )
    response = client.get(reverse("article", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    start = body.index("Troops")
    assert (
        f'<mark id="s{start}" class="cited" tabindex="-1">Troops crossed on May 12, 2021.' in html
    )
    assert f'href="/events/{event.pk}/"' in html and f'href="/events/{other.pk}/"' in html
    assert html.count("<mark") == 1
    assert "<p>Second paragraph.</p>" in html


def test_rejected_events_are_not_highlighted(client, db):
    article = make_article("A. B happened on May 1, 2021.")
    make_event(
        summary="Noise",
        article=article,
        quote="B happened on May 1, 2021.",
        status=Event.Status.REJECTED,
    )
    assert "<mark" not in client.get(reverse("article", args=[article.pk])).content.decode()


def test_highlight_keeps_every_character_of_the_body():
    body = "One two.\n\nThree four. Five six.\n\nSeven."

    class C:
        def __init__(self, start, end):
            self.start, self.end = start, end

    paragraphs = highlight(body, [C(body.index("Five"), body.index("Five") + 9)])
    assert "\n\n".join("".join(s.text for s in p) for p in paragraphs) == body
    assert [s.text for s in paragraphs[1] if s.citations] == ["Five six."]


@pytest.mark.parametrize("url", ["/articles/999999/", "/events/999999/"])
def test_unknown_ids_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_event_page_shows_the_sources_open(client, db):
    event = make_event(summary="Crossing", quote="Troops crossed on May 12, 2021.")
    html = client.get(reverse("event", args=[event.pk])).content.decode()
    assert '<details class="sources" open>' in html and "Troops crossed on May 12, 2021." in html
