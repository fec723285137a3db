"""Property-based fuzzing of every GET endpoint's query string: never a 5xx.

Garbage dates, huge numbers, unknown ids, SQL and HTML metacharacters, NUL bytes and repeated
parameters. Invalid filters must be a 400 that says what is wrong, in the page.
"""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ENDPOINTS, make_article, make_event
from timeline.search import FILTER_NAMES

PARAMS = [
    *FILTER_NAMES,
    "page",
    "after",
    "before",
    "format",
    "x",
]
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "99999999999999999999999",
    "2021-02-30",
    "0000",
    "9999-12",
    "2021-13",
    "' OR 1=1 --",
    '"; DROP TABLE timeline_event; --',
    "<script>alert(1)</script>",
    "%00",
    "\x00",
    "../../etc/passwd",
    "☃" * 50,
    "a" * 5000,
    "NaN",
    "null",
    "[]",
    "{}",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str))
queries = st.lists(st.tuples(st.sampled_from(PARAMS), values), max_size=6)


@pytest.fixture
def data(db):
    article = make_article("Troops crossed on May 12, 2021.")
    event = make_event(
        datetime.date(2021, 5, 12),
        "Troops cross",
        actors=["Army"],
        places=["Jermuk"],
        article=article,
    )
    return {
        "event": event.pk,
        "article": article.pk,
        "actor": event.actors.get().pk,
        "place": event.places.get().pk,
    }


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries)
def test_no_query_string_makes_a_server_error(client, data, endpoint, query):
    response = client.get(endpoint, query)  # a list of pairs keeps repeated parameters
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    assert response.status_code < 500, (endpoint, query)
    if response.status_code == 400:
        body = response.content.decode() if not response.streaming else ""
        assert (
            "invalid" in body.lower()
            or "cannot be applied" in body.lower()
            or "use a date" in body.lower()
        )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pk=st.one_of(
        st.integers(min_value=0, max_value=2**62), st.sampled_from(["abc", "1.5", "-1", "9" * 30])
    )
)
def test_detail_pages_answer_404_for_unknown_ids(client, data, pk):
    for prefix in ("events", "articles", "actors", "places"):
        response = client.get(f"/{prefix}/{pk}/")
        assert response.status_code in (200, 301, 404), (prefix, pk)


def test_unknown_url_is_404_not_500(client, db):
    assert client.get("/events/1/extra").status_code == 404


@pytest.mark.parametrize("kind", ["actor", "place"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries)
def test_actor_and_place_pages_refuse_bad_cursors_with_a_400(client, data, kind, query):
    response = client.get(f"/{kind}s/{data[kind]}/", query)
    assert response.status_code in (200, 400), query
    if response.status_code == 400:
        body = response.content.decode()
        assert "cannot be shown" in body or "NUL bytes" in body  # the latter: the middleware
