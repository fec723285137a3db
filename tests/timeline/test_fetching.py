"""Ingesting URLs: the page fetched from public addresses only, within bounds, and read for its
article (timeline/ingest/fetching.py, articles/text/pages.py). A local HTTP server stands in
for the web; the tests allow its host explicitly, as a newsroom would its intranet."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.articles.test_pages import PAGE
from timeline.ingest import fetching
from timeline.ingest.fetching import FetchError, fetch
from timeline.models import Event


class Handler(BaseHTTPRequestHandler):
    seen: list = []

    def do_GET(self):
        Handler.seen.append(dict(self.headers))
        if self.path == "/article":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path == "/inside":
            self.send_response(302)
            self.send_header("Location", "http://10.1.2.3/secret")
            self.end_headers()
        elif self.path == "/endless":  # no length, more than the limit
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x" * 5000)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allowed(settings):
    settings.INGEST_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]


def test_a_page_is_fetched_with_our_user_agent_and_its_redirects_followed(
    server, allowed, settings
):
    Handler.seen.clear()
    body, final = fetch(f"{server}/moved")
    assert final == f"{server}/article" and b"Velmar" in body
    assert Handler.seen[-1]["User-Agent"] == settings.INGEST_USER_AGENT


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
