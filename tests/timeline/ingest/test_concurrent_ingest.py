"""Two ingest processes on the same files at once: no duplicates, no errors.

Runs real `manage.py ingest` processes against a fresh database of the suite's own kind: a new
PostgreSQL database when the suite runs on PostgreSQL (the production case), a file when it
runs on SQLite. The unique content hash decides which process stores a text; the other reports
it as already ingested.
"""

import shutil
from pathlib import Path

from tests.conftest import SAMPLES
from tests.factories import manage


def test_two_ingests_of_the_same_files_at_once_store_each_text_once(fresh_database, tmp_path):
    url, scalar = fresh_database
    articles = tmp_path / "articles"
    shutil.copytree(SAMPLES, articles)
    first = manage(url, "ingest", str(articles), wait=False)
    second = manage(url, "ingest", str(articles), wait=False)
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    for process, (out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, out + err
        assert "Traceback" not in err and "failed" not in err.replace("0 failed", "")
    files = len(list(Path(articles).glob("*.txt")))
    assert scalar("SELECT count(*) FROM articles_article") == files
    assert scalar("SELECT count(DISTINCT content_hash) FROM articles_article") == files
    summaries = [
        next(line for line in out.splitlines() if " files: " in line) for out, _ in outputs
    ]
    ingested = sum(int(line.split(" ingested")[0].split()[-1]) for line in summaries)
    assert ingested == files, summaries
    # The events are those of one ingest: no happening was stored twice.
    events = scalar("SELECT count(*) FROM timeline_event")
    duplicates = scalar(
        "SELECT count(*) FROM (SELECT start, precision, summary FROM timeline_event "
        "GROUP BY start, precision, summary HAVING count(*) > 1) AS d"
    )
    assert events > 0 and duplicates == 0


EVENT_ROWS = (
    "SELECT e.start, e.precision, e.summary, count(c.id) FROM timeline_event e "
    "JOIN timeline_citation c ON c.event_id = e.id GROUP BY e.id, e.start, e.precision, e.summary "
    "ORDER BY 1, 2, 3, 4"
)


def test_concurrent_ingests_of_different_files_store_what_one_after_the_other_does(
    new_database, tmp_path
):
    # Two outlets' copies of the same 40 reports: the same sentences, a different trailer, so
    # different texts. Each run must find the events the other is creating.
    from tests.made_articles import make_articles

    first, second = tmp_path / "first", tmp_path / "second"
    make_articles(first, 40)
    second.mkdir()
    for path in first.glob("*.txt"):
        trailer = "\n\nRepublished with permission of the Harbour Desk news service.\n"
        (second / path.name).write_text(path.read_text(encoding="utf-8") + trailer, "utf-8")

    together_url, together = new_database()
    runs = [
        manage(
            together_url, "ingest", "--batch-size", "2", "--workers", "0", str(folder), wait=False
        )
        for folder in (first, second)
    ]
    for process in runs:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, out + err

    apart_url, apart = new_database()
    manage(apart_url, "ingest", str(first))
    manage(apart_url, "ingest", str(second))

    assert together("SELECT count(*) FROM articles_article") == [(80,)]
    assert together(EVENT_ROWS) == apart(EVENT_ROWS)
