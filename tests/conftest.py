"""Shared fixtures: the gazetteer in the database and the sample articles ingested for real."""

import io
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

SAMPLES = Path(settings.SAMPLE_ARTICLES_DIR)


@pytest.fixture(scope="session", autouse=True)
def _collected_static():
    """Hashed static files must exist and be current ({% static %} reads the manifest)."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    sources = [p for d in settings.STATICFILES_DIRS for p in Path(d).rglob("*") if p.is_file()]
    if not manifest.exists() or max(p.stat().st_mtime for p in sources) > manifest.stat().st_mtime:
        call_command("collectstatic", interactive=False, verbosity=0)


def pytest_collection_modifyitems(config, items):
    """A test marked ``postgres`` is skipped on another database: the report says skipped."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason=f"needs PostgreSQL (this run: {connection.vendor})")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _aggregates_refresh_off(settings):
    """No page stores the aggregates behind a test's back (a background thread would write them
    on another connection, outside the test's transaction); tests of the refresh turn it on."""
    settings.AGGREGATES_REFRESH = "off"


@pytest.fixture
def gazetteer(db):
    call_command("load_gazetteer", stdout=io.StringIO())


@pytest.fixture
def samples(gazetteer):
    """The five sample articles ingested through the real pipeline."""
    call_command("ingest", str(SAMPLES), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def server():
    """A local HTTP server standing in for the web (tests.factories.WebPages): its address."""
    from tests.factories import WebPages  # models: not before Django is set up

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), WebPages)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allowed(settings):
    """The local server's host exempt from the refusal of loopback addresses, as a newsroom's
    intranet would be (settings.INGEST_FETCH_ALLOWED_HOSTS)."""
    settings.INGEST_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
