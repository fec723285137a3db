"""Small builders for the few objects a test needs."""

import datetime
import hashlib
import io
import itertools
import os
import subprocess
import sys
from http.server import BaseHTTPRequestHandler

from django.core.management import call_command
from django.db import connection

from articles.models import Article, Outlet
from timeline.extraction import events as extraction_events
from timeline.models import Actor, Citation, Event, EventActor, Place
from timeline.search import plan
from timeline.settings import BASE_DIR

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
    any limit, /odd-length a length that is no number, anything else is 404. ``seen``: the headers of every request."""

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
        elif self.path == "/odd-length":  # a length header that is no number
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "\u00b9")  # a digit to str.isdigit(), not to int()
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


def assert_consistent():
    truth: dict[int, set[int]] = {pk: set() for pk in Event.objects.values_list("id", flat=True)}
    for event_id, actor_id in EventActor.objects.values_list("event_id", "actor_id"):
        truth[event_id].add(actor_id)
    assert stored_ids() == {pk: sorted(ids) for pk, ids in truth.items()}
    for actor in Actor.objects.all():
        expected = {pk for pk, ids in truth.items() if actor.pk in ids}
        assert set(Event.objects.involving(actor).values_list("id", flat=True)) == expected, actor


def stored_column(column: str) -> dict[int, list[int]] | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM timeline_event")
        return {pk: list(ids) for pk, ids in cursor.fetchall()}


def assert_links_consistent():
    places: dict[int, set[int]] = {pk: set() for pk in Event.objects.values_list("id", flat=True)}
    outlets = {pk: set() for pk in places}
    for event_id, place_id in Event.places.through.objects.values_list("event_id", "place_id"):
        places[event_id].add(place_id)
    for event_id, outlet_id in Citation.objects.filter(article__outlet__isnull=False).values_list(
        "event_id", "article__outlet_id"
    ):
        outlets[event_id].add(outlet_id)
    if connection.vendor == "postgresql":
        assert stored_column("place_ids") == {pk: sorted(ids) for pk, ids in places.items()}
        assert stored_column("outlet_ids") == {pk: sorted(ids) for pk, ids in outlets.items()}
    for covered in (False, True, "also"):
        for place in Place.objects.all():
            expected = {pk for pk, ids in places.items() if place.pk in ids}
            found = plan.at(Event.objects.all(), place, covered=covered).values_list(
                "id", flat=True
            )
            assert set(found) == expected, (place, covered)
        for outlet in Outlet.objects.all():
            expected = {pk for pk, ids in outlets.items() if outlet.pk in ids}
            found = plan.cited_by(Event.objects.all(), outlet, covered=covered).values_list(
                "id", flat=True
            )
            assert set(found) == expected, (outlet, covered)


ENDPOINTS = [
    "/",
    "/events.json",
    "/events.csv",
    "/events.acled.csv",
    "/events.timeline.json",
    "/present/",
]


def admin_form_data(page, **changes) -> dict:
    """The POST an admin change form sends as it stands, with ``changes`` applied."""
    form = page.context["adminform"].form
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        elif value is not None:
            data[field.html_name] = value
    data.update(changes)
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        for field in inline.formset.management_form:
            data[f"{prefix}-{field.name}"] = field.value()
        for index, inline_form in enumerate(inline.formset.forms):
            for field in inline_form:
                if field.value() is not None:
                    data[f"{prefix}-{index}-{field.name}"] = field.value()
    return data


CHRONOLOGY = """Chronology of the crisis

YEREVAN, March 2, 2023. /TASS/. On March 1, 2023, Azerbaijani troops shelled positions near Jermuk.

On February 20, 2023, Armenian and Azerbaijani officials held talks in Moscow.

On January 15, 2023, Russian peacekeepers were deployed to the Lachin corridor.

On December 12, 2022, Azerbaijani activists blocked the Lachin corridor.

On December 12, 2022, Armenia appealed to the CSTO over the blockade.

On October 6, 2022, Nikol Pashinyan and Ilham Aliyev met in Prague.

On September 13, 2022, Azerbaijani forces attacked Armenian positions near Jermuk.
"""


RECAP = """Border clashes recalled

BAKU, March 3, 2023. /TASS/. On September 13, 2022, Azerbaijani forces attacked Armenian positions near Jermuk and Goris.
"""


def ingest(folder, *extra: str) -> str:
    out = io.StringIO()
    call_command("ingest", *extra, str(folder), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def event_citing(text: str) -> Event:
    return Event.objects.get(citations__quote__contains=text)


def manage(url, *args, wait=True):
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("PYTEST_CURRENT_TEST", None)
    command = [sys.executable, "manage.py", *args]
    if not wait:
        return subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    result = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def stored_ids() -> dict[int, list[int]]:
    """The actor ids each event holds: the column on PostgreSQL, the link table elsewhere."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, actor_ids FROM timeline_event")
            return {pk: list(ids) for pk, ids in cursor.fetchall()}
    truth: dict[int, list[int]] = {pk: [] for pk in Event.objects.values_list("id", flat=True)}
    for event_id, actor_id in EventActor.objects.values_list("event_id", "actor_id"):
        truth[event_id].append(actor_id)
    return {pk: sorted(set(ids)) for pk, ids in truth.items()}


def revised(monkeypatch):
    """A new extractor: every summary reads differently."""
    original = extraction_events.summarise
    monkeypatch.setattr(
        extraction_events, "summarise", lambda *args, **kw: "Revised: " + original(*args, **kw)
    )
