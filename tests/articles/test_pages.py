"""Web pages read for their article and what they say about themselves (articles.text.pages)."""

import pytest

from articles.text.pages import NoArticle, looks_like_html, read_page

PAGE = """<!doctype html><html><head><title>Bridge hit | Velmar Herald</title>
<meta property="og:title" content="Blast hits Velmar bridge">
<meta property="og:site_name" content="Velmar Herald">
<meta property="article:published_time" content="2023-03-05T08:00:00Z">
<meta name="author" content="Ana Petrov">
</head><body><nav>Home | World | Sport | Weather | Contact us</nav><article>
<h1>Blast hits Velmar bridge</h1>
<p>VARNIK - An explosion tore through the Velmar rail bridge on Saturday, killing three people,
officials said.</p>
<p>The regional governor said repair crews would need weeks to restore the line, which carries
most of the grain bound for the port.</p>
<p>Investigators opened an inquiry into the blast, and police said two suspects had been
detained on Sunday morning near the border.</p>
</article><footer>Subscribe to our newsletter. Cookie policy. All rights reserved.</footer>
</body></html>"""


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
