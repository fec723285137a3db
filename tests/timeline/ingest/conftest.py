"""Fixtures of the ingest tests: fresh databases of the suite's own kind for real `manage.py`
processes (test_concurrent_ingest, test_ingest_batch)."""

import os
import sqlite3
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.factories import manage


@pytest.fixture
def new_database(tmp_path):
    """Makes migrated databases with the gazetteer, of the same vendor the suite runs on: each
    call gives (url, rows), rows(sql) being the rows a query returns; dropped afterwards."""
    made = []

    def make():
        if connection.vendor == "postgresql":
            import psycopg

            server = urlsplit(os.environ["DATABASE_URL"])
            name = f"timeline_concurrency_{uuid.uuid4().hex[:8]}"
            admin_url = urlunsplit(server._replace(path="/postgres", query=""))
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            made.append((admin_url, name))
            url = urlunsplit(server._replace(path="/" + name, query="pool=0"))
            direct = urlunsplit(server._replace(path="/" + name, query=""))
            rows = lambda sql: _pg_rows(direct, sql)  # noqa: E731
        else:
            path = tmp_path / f"concurrency{len(made)}.sqlite3"
            made.append(None)
            url = f"sqlite:///{path}"
            rows = lambda sql: sqlite3.connect(path).execute(sql).fetchall()  # noqa: E731
        manage(url, "migrate", "--noinput", "-v0")
        manage(url, "load_gazetteer")
        return url, rows

    yield make
    for entry in made:
        if entry is not None:
            import psycopg

            admin_url, name = entry
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def fresh_database(new_database):
    url, rows = new_database()
    return url, lambda sql: rows(sql)[0][0]


def _pg_rows(url, sql):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()
