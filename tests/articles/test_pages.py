"""Web pages read for their article and what they say about themselves (articles.text.pages)."""

import pytest

from articles.text.pages import NoArticle, looks_like_html, read_page
from tests.factories import PAGE


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><body><p>On May 3, 2021 talks.</p></body></html>",
        "\n  <html lang='en'><head></head><body>Text</body></html>",
        "<div><p>a</p><p>b</p><p>c</p><p>d</p><p>e</p><span>f</span></div>" * 3,
    ],
)
def test_a_page_is_told_from_text(page):
    assert looks_like_html(page)


def test_a_page_gives_its_article_laid_out_as_a_file_and_its_own_metadata():
    page = read_page(PAGE, "https://herald.example/world/bridge")
    lines = page.text.split("\n\n")
    assert lines[:3] == ["Blast hits Velmar bridge", "Published: 5 March 2023", "By Ana Petrov"]
    assert lines[3].startswith("VARNIK - An explosion tore through")
    assert "Subscribe" not in page.text and "Home | World" not in page.text
    assert page.fields == {
        "title": "Blast hits Velmar bridge",
        "outlet": "Velmar Herald",
        "url": "https://herald.example/world/bridge",
    }


def test_a_page_that_does_not_state_its_date_gets_none_guessed():
    undated = PAGE.replace(
        '<meta property="article:published_time" content="2023-03-05T08:00:00Z">', ""
    )
    page = read_page(undated, "https://herald.example/2023/03/05/bridge")
    assert "Published:" not in page.text  # the address's date is the metadata's to weigh


def test_a_page_with_no_article_is_refused():
    with pytest.raises(NoArticle, match="no article text was found"):
        read_page("<!doctype html><html><body><nav>Home | Login</nav></body></html>")
