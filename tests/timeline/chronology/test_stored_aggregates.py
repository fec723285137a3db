"""The stored aggregates are decoded once per data version and process (facets.Stored).

A page reads them in one query; when the stored version is the one this process decoded last,
the query returns the version alone and the decoded structures are reused. After any write and
refresh the version is new, so nothing stale is ever served.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_event
from timeline.search import Stored
from timeline.signals import invalidate_aggregates


def test_aggregates_are_decoded_once_per_version_and_never_stale(db):
    make_event(actors=["Armenia"])
    assert Stored.refresh()
    first = Stored().decoded()
    assert first is not None
    assert "Armenia" in first.labels["actor"].values()

    with CaptureQueriesContext(connection) as queries:
        again = Stored().decoded()
    assert again is first  # the same version: reused, not decoded again
    assert len(queries) == 1

    make_event(actors=["Russia"])
    invalidate_aggregates()  # what the write's signal does on commit (timeline/signals.py)
    assert Stored().decoded() is None
    assert Stored.refresh()
    fresh = Stored().decoded()
    assert fresh is not first and fresh.version != first.version
    assert {"Armenia", "Russia"} <= set(fresh.labels["actor"].values())
    assert sum(v.count for v in fresh.scalars["type"]) == 2
