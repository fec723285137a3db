"""A corpus of broken inputs: each gets a clear message with its path, the batch goes on,
nothing half-written stays behind, and the exit status says whether anything failed."""

import io
import json
import os
import re
import time
import tracemalloc

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wordfreq import top_n_list

from articles.models import Article, Outlet
from timeline.models import Actor, Citation, Event, EventActor

GOOD = "Fresh clashes\n\nYEREVAN, May 14. /TASS/. Azerbaijani troops shelled positions near Jermuk on May 12, 2021, the ministry said.\n"


def counts():
    return {
        m.__name__: m.objects.count() for m in (Article, Outlet, Event, Citation, EventActor, Actor)
    }


def ingest(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path):
    files = {
        "empty.txt": b"",
        "blank.txt": b"   \n\n\t  \n",
        "binary.txt": bytes(range(256)) * 40,
        "latin1.txt": "Caf\xe9 talks in Bak\xfc on May 3, 2021.".encode("latin-1"),
        "truncated.txt": GOOD.encode("utf-8")[:-3] + "é".encode()[:1],
        "html.txt": b"<!DOCTYPE html><html><head><title>x</title></head><body><p>On May 3, 2021 talks.</p></body></html>",
        "huge.txt": (GOOD * 60000).encode("utf-8")[: 10 * 1024 * 1024],
        "hyphens.txt": b"a-a-" * 25000,
        "numbers.txt": b"12 " * 30000,
        "titled-numbers.txt": b"Casualty figures\n\nKHARTOUM, May 3 - " + b"12 40 7.5 " * 3000,
        "repeated.txt": b"Shelling report\n\n" + b"On Monday the army shelled the town. " * 3000,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "utf16.txt").write_bytes(GOOD.replace("Jermuk", "Goris").encode("utf-16"))
    (tmp_path / "crlf.txt").write_bytes(
        GOOD.replace("Jermuk", "Kapan").replace("\n", "\r\n").encode("utf-8")
    )
    (tmp_path / "nodates.txt").write_text(
        "A quiet note\n\nNothing happened anywhere, officials said.\n", encoding="utf-8"
    )
    return tmp_path


EXPECTED_ERRORS = {
    "empty.txt": "empty",
    "blank.txt": "empty",
    "binary.txt": "binary",
    "latin1.txt": "not valid UTF-8",
    "truncated.txt": "not valid UTF-8",
    "html.txt": "web page in which no article text was found",
    "huge.txt": "MiB",
    "hyphens.txt": "no words",
    "numbers.txt": "no words",
    "titled-numbers.txt": "hardly words",
    "repeated.txt": "repeats itself",
}


def test_each_broken_file_is_reported_with_its_path_and_the_rest_is_ingested(gazetteer, corpus):
    code, out, err = ingest(corpus)
    assert code == 1
    for name, reason in EXPECTED_ERRORS.items():
        line = next(
            (line for line in err.splitlines() if line.startswith(str(corpus / name) + ":")), None
        )
        assert line is not None, f"no message for {name}:\n{err}"
        assert reason in line, line
    ingested = set(Article.objects.values_list("source_file", flat=True))
    assert ingested == {"utf16.txt", "crlf.txt", "nodates.txt"}
    assert "14 files: 3 ingested, 0 already there, 11 failed" in err
    crlf = Article.objects.get(source_file="crlf.txt")
    assert "\r" not in crlf.body and Citation.objects.filter(article=crlf).exists()
    assert Article.objects.get(source_file="utf16.txt").citations.exists()
    assert not Article.objects.get(source_file="nodates.txt").citations.exists()


def test_a_pipe_is_reported_not_opened(gazetteer, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    started = time.perf_counter()
    code, out, err = ingest(tmp_path)
    assert time.perf_counter() - started < 30
    assert code == 1
    assert f"{tmp_path / 'pipe.txt'}: not a regular file" in err
    assert set(Article.objects.values_list("source_file", flat=True)) == {"good.txt"}


def test_a_sparse_giant_is_refused_before_a_byte_is_read(gazetteer, tmp_path):
    with open(tmp_path / "sparse.txt", "wb") as f:
        f.truncate(3 * 1024**3)  # 3 GiB of nothing on disk; reading it would take 3 GiB
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    tracemalloc.start()
    try:
        code, out, err = ingest("--workers", "0", tmp_path)  # read in this process
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 256 * 1024**2, f"{peak / 1024**2:.0f} MiB allocated"  # not 3 GiB
    assert code == 1
    assert f"{tmp_path / 'sparse.txt'}: file is 3072.0 MiB" in err
    assert set(Article.objects.values_list("source_file", flat=True)) == {"good.txt"}


@pytest.mark.parametrize("header", ["KALDEN, March 4, 2023 (Reuters) - ", "KALDEN (Reuters) - "])
def test_a_file_with_more_dates_than_reports_hold_is_refused(
    gazetteer, tmp_path, monkeypatch, header
):
    """Dated or not, a text of short dated sentences past the limit is refused with its count
    before any event is drafted; the rest of the batch goes on."""
    monkeypatch.setattr("timeline.extraction.document.MAX_DATES", 40)
    words = [w for w in top_n_list("en", 2000) if w.isalpha()][200:]
    varied = " ".join(f"Troops {words[2 * i]} the {words[2 * i + 1]} on Monday." for i in range(60))
    (tmp_path / "dates.txt").write_text(f"Raids\n\n{header}{varied}\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    code, out, err = ingest(tmp_path)
    assert code == 1
    assert re.search(rf"{tmp_path / 'dates.txt'}: refused: the text has 6\d date expressions", err)
    assert "more than the 40 one file may hold" in err
    assert set(Article.objects.values_list("source_file", flat=True)) == {"good.txt"}


def test_failed_files_leave_no_rows(gazetteer, corpus):
    for name in ("utf16.txt", "crlf.txt", "nodates.txt"):
        (corpus / name).unlink()
    before = counts()
    code, _, _ = ingest(corpus)
    assert code == 1
    assert counts() == before


def test_a_malformed_manifest_stops_before_anything_is_written(gazetteer, corpus):
    manifest = corpus / "manifest.json"
    manifest.write_text('[{"file": "crlf.txt", "published": ')
    before = counts()
    with pytest.raises(CommandError, match=r"manifest\.json: manifest is not valid JSON"):
        call_command("ingest", str(corpus), "--manifest", str(manifest))
    assert counts() == before


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"not": "a list"}, "must be a JSON list of objects"),
        ([{"url": "https://example.org"}], 'entry 0 has no "file"'),
    ],
)
def test_manifest_shape_errors(gazetteer, corpus, entries, message):
    manifest = corpus / "manifest.json"
    manifest.write_text(json.dumps(entries))
    with pytest.raises(CommandError, match=message):
        call_command("ingest", str(corpus / "crlf.txt"), "--manifest", str(manifest))


def test_manifest_naming_missing_files_and_impossible_dates(gazetteer, corpus):
    manifest = corpus / "manifest.json"
    manifest.write_text(
        json.dumps(
            [
                {"file": "ghost.txt", "published": "2021-05-14"},
                {"file": "crlf.txt", "published": "2021-13-45"},
                {"file": "utf16.txt", "published": "2021-05-15", "outlet": "Example Wire"},
            ]
        )
    )
    code, _, err = ingest(corpus / "crlf.txt", corpus / "utf16.txt", "--manifest", manifest)
    assert code == 1
    assert "ghost.txt" in err
    assert f"{corpus / 'crlf.txt'}: " in err and "2021-13-45" in err
    assert list(Article.objects.values_list("source_file", flat=True)) == ["utf16.txt"]
    assert Article.objects.get().outlet.name == "Example Wire"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"url": "javascript:alert(1)"}, "must be an http:// or https:// address"),
        ({"url": ["https://a.example", "https://b.example"]}, "'url' must be text, got list"),
        ({"title": {"en": "Talks"}}, "'title' must be text, got dict"),
        ({"outlet": 42}, "'outlet' must be text, got int"),
        ({"title": "x" * 501}, "'title' is 501 characters; at most 500"),
    ],
)
def test_each_wrong_manifest_field_fails_its_file_with_a_message(gazetteer, corpus, entry, message):
    manifest = corpus / "manifest.json"
    manifest.write_text(
        json.dumps(
            [{"file": "crlf.txt", **entry}, {"file": "utf16.txt", "url": "https://ok.example/a"}]
        )
    )
    code, _, err = ingest(corpus / "crlf.txt", corpus / "utf16.txt", "--manifest", manifest)
    assert code == 1
    line = next(line for line in err.splitlines() if line.startswith(f"{corpus / 'crlf.txt'}: "))
    assert message in line and "internal error" not in line
    article = Article.objects.get()
    assert article.source_file == "utf16.txt" and article.url == "https://ok.example/a"
