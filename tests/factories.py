"""Small builders for the few objects a test needs."""

import datetime
import hashlib
import io
import itertools
from http.server import BaseHTTPRequestHandler

from django.core.management import call_command

from articles.models import Article, Outlet
from tests.articles.test_pages import PAGE
from timeline.models import Actor, Citation, Event, EventActor, Place

_counter = itertools.count(1)


def make_article(
    body: str = "Something happened on May 12, 2021.", outlet: str | None = "TASS", **fields
) -> Article:
    n = next(_counter)
    defaults = {
        "title": f"Article {n}",
        "published": datetime.date(2021, 5, 14),
        "published_source": Article.DateSource.TEXT,
        "published_confidence": 0.9,
        "raw_text": body,
        "body": body,
        "content_hash": hashlib.sha256(f"{body}{n}".encode()).hexdigest(),
        "source_file": f"article_{n}.txt",
        "outlet": Outlet.objects.get_or_create(name=outlet)[0] if outlet else None,
    }
    defaults.update(fields)
    return Article.objects.create(**defaults)


def make_event(
    start=datetime.date(2021, 5, 12),
    summary="Troops crossed the border",
    *,
    actors=(),
    places=(),
    article: Article | None = None,
    quote: str | None = None,
    **fields,
) -> Event:
    event = Event(start=start, summary=summary, **fields)
    event.save()
    for item in actors:
        name, role = item if isinstance(item, tuple) else (item, "actor")
        actor, _ = Actor.objects.get_or_create(name=name)
        EventActor.objects.create(event=event, actor=actor, role=role)
    for name in places:
        place, _ = Place.objects.get_or_create(name=name)
        event.places.add(place)
    if article is not None or quote is not None:
        article = article or make_article(body=quote or summary)
        quote = quote or article.body
        start_at = article.body.index(quote)
        Citation.objects.create(
            event=event, article=article, quote=quote, start=start_at, end=start_at + len(quote)
        )
    event.refresh_search_document()
    return event


def run_ingest(*args, **options) -> tuple[int, str, str]:
    """``manage.py ingest`` in this process: its exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err, **options)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def table_counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count() for m in (Article, Outlet, Event, Citation, EventActor, Actor)
    }


class WebPages(BaseHTTPRequestHandler):
    """The web for tests (the ``server`` fixture): /article is a news page, /moved redirects to
    it, /loop to itself, /inside to a private address, /endless sends no length and more than
    any limit, anything else is 404. ``seen``: the headers of every request."""

    seen: list = []

    def do_GET(self):
        WebPages.seen.append(dict(self.headers))
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
