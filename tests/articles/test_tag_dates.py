"""The tag_dates command: JSON lines in, date mentions out, no database."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def _run(monkeypatch, lines: list[str]) -> tuple[list[dict], str, CommandError | None]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("tag_dates", stdout=out, stderr=err)
    except CommandError as exc:
        error = exc
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue(), error


def test_writes_mentions_per_line(monkeypatch):
    record = {
        "id": "a1",
        "text": "Clashes erupted on September 27, 2020. The ministry said on Wednesday.",
        "published": "2021-05-14",
    }
    rows, err, error = _run(monkeypatch, [json.dumps(record)])
    assert error is None and err == ""
    assert rows == [
        {
            "id": "a1",
            "mentions": [
                {
                    "start": 19,
                    "end": 37,
                    "text": "September 27, 2020",
                    "value": "2020-09-27",
                    "precision": "day",
                },
                {
                    "start": 60,
                    "end": 69,
                    "text": "Wednesday",
                    "value": "2021-05-12",
                    "precision": "day",
                },
            ],
        }
    ]


def test_bad_lines_go_to_stderr_and_fail_at_the_end(monkeypatch):
    good = json.dumps({"id": 2, "text": "In 1992 it escalated.", "published": "2021-02-16"})
    lines = [
        "{not json",
        good,
        json.dumps({"id": 3, "text": "x"}),
        json.dumps({"id": 4, "text": "x", "published": "16/02/2021"}),
    ]
    rows, err, error = _run(monkeypatch, lines)
    assert error is not None and error.returncode == 1
    assert rows == [
        {
            "id": 2,
            "mentions": [
                {"start": 3, "end": 7, "text": "1992", "value": "1992", "precision": "year"}
            ],
        }
    ]
    assert "line 1: invalid JSON" in err
    assert 'line 3: missing "published"' in err
    assert "line 4: invalid" in err


def test_a_range_with_named_ends_is_written_as_its_two_ends(monkeypatch):
    text = "Raids ran between 1994 and 1997 and for a week last month; talks were held May 3-5."
    record = {"id": 5, "text": text, "published": "2021-06-16"}
    rows, err, error = _run(monkeypatch, [json.dumps(record)])
    assert error is None and err == ""
    assert [(m["text"], m["value"]) for m in rows[0]["mentions"]] == [
        ("1994", "1994"),
        ("1997", "1997"),
        ("last month", "2021-05"),
        ("May 3", "2021-05-03"),
        ("5", "2021-05-05"),
    ]
    for m in rows[0]["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]


def test_a_range_the_text_does_not_spell_out_stays_one_mention(monkeypatch):
    record = {"id": 6, "text": "Talks stalled last week.", "published": "2021-05-17"}
    rows, _, _ = _run(monkeypatch, [json.dumps(record)])
    assert [(m["text"], m["value"]) for m in rows[0]["mentions"]] == [
        ("last week", "2021-05-10/2021-05-16")
    ]


def test_runs_without_a_database():
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    record = {"id": 1, "text": "Talks took place on Monday morning.", "published": "2021-05-17"}
    stdin = "\n".join([json.dumps(record)] * 1000) + "\n"
    result = subprocess.run(
        [sys.executable, "manage.py", "tag_dates"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert len(rows) == 1000
    assert json.loads(rows[0])["mentions"][0]["value"] == "2021-05-17"


@pytest.mark.parametrize("published", ["", None, "2021-13-01"])
def test_invalid_published_is_reported(monkeypatch, published):
    rows, err, error = _run(
        monkeypatch, [json.dumps({"id": 9, "text": "x", "published": published})]
    )
    assert rows == [] and error is not None and err.startswith("line 1: ")
