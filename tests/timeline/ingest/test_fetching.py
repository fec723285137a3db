"""Ingesting URLs: the page fetched from public addresses only, within bounds, and read for its
article (timeline/ingest/fetching.py, articles/text/pages.py). A local HTTP server stands in
for the web (the ``server`` fixture, tests/conftest.py); the tests allow its host explicitly
(``allowed``), as a newsroom would its intranet."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.factories import PAGE, WebPages
from timeline.ingest import fetching
from timeline.ingest.fetching import FetchError, fetch
from timeline.models import Event


def test_a_page_is_fetched_with_our_user_agent_and_its_redirects_followed(
    server, allowed, settings
):
    WebPages.seen.clear()
    body, final = fetch(f"{server}/moved")
    assert final == f"{server}/article" and b"Velmar" in body
    assert WebPages.seen[-1]["User-Agent"] == settings.INGEST_USER_AGENT


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("{server}/article", "not a public address"),  # loopback, not allowed here
        ("http://localhost:9/x", "not a public address"),
        ("http://10.1.2.3/x", "not a public address"),
        ("http://169.254.169.254/latest/meta-data/", "not a public address"),
        ("http://[::1]:9/x", "not a public address"),
        ("ftp://example.org/x", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
    ],
)
def test_private_and_loopback_addresses_and_other_schemes_are_refused(server, url, error):
    with pytest.raises(FetchError, match=error):
        fetch(url.format(server=server))


def test_a_redirect_is_checked_like_the_first_address(server, allowed):
    with pytest.raises(FetchError, match="10.1.2.3: refused"):
        fetch(f"{server}/inside")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(f"{server}/loop")
    with pytest.raises(FetchError, match="answered 404"):
        fetch(f"{server}/gone")


def test_a_page_over_the_size_limit_is_refused(server, allowed, monkeypatch):
    monkeypatch.setattr(fetching, "MAX_FILE_BYTES", 500)
    with pytest.raises(FetchError, match="over 500 bytes"):
        fetch(f"{server}/endless")
    with pytest.raises(FetchError, match="at most 500"):
        fetch(f"{server}/article")  # its Content-Length says so before the body is read


def test_a_length_header_that_is_no_number_is_ignored(server, allowed):
    body, _ = fetch(f"{server}/odd-length")
    assert b"Velmar" in body


def test_ingest_takes_urls_and_saved_pages_as_it_takes_text_files(
    server, allowed, gazetteer, tmp_path
):
    out, err = io.StringIO(), io.StringIO()
    (tmp_path / "saved.html").write_text(PAGE.replace("Velmar", "Kostrel"), encoding="utf-8")
    call_command("ingest", f"{server}/moved", str(tmp_path / "saved.html"), stdout=out, stderr=err)
    fetched = Article.objects.get(source_file=f"{server}/article")
    assert (fetched.title, fetched.outlet.name, fetched.url) == (
        "Blast hits Velmar bridge",
        "Velmar Herald",
        f"{server}/article",
    )
    assert str(fetched.published) == "2023-03-05" and fetched.published_source == "text"
    assert "Subscribe" not in fetched.body
    saved = Article.objects.get(source_file="saved.html")
    assert saved.outlet.name == "Kostrel Herald" and saved.title == "Blast hits Kostrel bridge"
    blast = Event.objects.get(citations__article=fetched, start="2023-03-04")
    assert "tore through the Velmar rail bridge" in blast.citations.get(article=fetched).quote
    assert "2 files: 2 ingested" in out.getvalue()


def test_a_url_that_cannot_be_fetched_fails_alone(server, gazetteer, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    (tmp_path / "a.txt").write_text(
        "Talks\n\nVARNIK, March 6, 2023 - Envoys met in Varnik on Monday.\n", encoding="utf-8"
    )
    with pytest.raises(SystemExit):
        call_command("ingest", f"{server}/article", str(tmp_path / "a.txt"), stdout=out, stderr=err)
    assert f"{server}/article: 127.0.0.1: refused" in err.getvalue()
    assert Article.objects.filter(source_file="a.txt").exists()
    assert "2 files: 1 ingested, 0 already there, 1 failed" in err.getvalue()
