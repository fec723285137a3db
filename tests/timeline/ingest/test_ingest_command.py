import datetime
import json
import shutil

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.conftest import SAMPLES
from tests.factories import run_ingest, table_counts
from timeline.models import Event

STORY = (
    "Fresh fighting on the border\n\n"
    "YEREVAN, March 3. /TASS/. Armenia's defense ministry said on Wednesday that Azerbaijani troops "
    "had shelled positions near Jermuk. Talks were held in Moscow on February 20, 2023.\n"
)


def test_ingesting_the_samples_creates_articles_events_and_citations(samples):
    assert Article.objects.count() == len(list(SAMPLES.glob("*.txt")))
    assert Event.objects.count() > 0
    for article in Article.objects.all():
        for citation in article.citations.all():
            assert article.body[citation.start : citation.end] == citation.quote


def test_ingest_twice_adds_nothing(gazetteer, tmp_path):
    code, out, _ = run_ingest(SAMPLES)
    assert code == 0
    before = table_counts()
    code, out, _ = run_ingest(SAMPLES)
    assert code == 0
    assert table_counts() == before
    assert "0 ingested, 5 already there" in out


def test_bad_files_are_reported_and_the_batch_goes_on(gazetteer, tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "c_latin1.txt").write_bytes(
        "Caf\xe9 talks in Bak\xfc on May 3, 2021.".encode("latin-1")
    )
    (tmp_path / "d_good.txt").write_text(STORY, encoding="utf-8")
    code, out, err = run_ingest(tmp_path, tmp_path / "missing.txt")
    assert code == 1
    assert f"{tmp_path / 'a_empty.txt'}: " in err and "empty" in err
    assert f"{tmp_path / 'b_binary.txt'}: " in err and "binary" in err
    assert f"{tmp_path / 'c_latin1.txt'}: " in err and "UTF-8" in err
    assert "missing.txt: no such file" in err
    assert "5 files: 1 ingested, 0 already there, 4 failed" in err
    assert list(Article.objects.values_list("source_file", flat=True)) == ["d_good.txt"]


def test_a_failing_file_leaves_no_rows(gazetteer, tmp_path, monkeypatch):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    before = table_counts()

    def explode(*args, **kwargs):
        raise RuntimeError("extractor crashed half-way")

    from timeline.ingest import writing

    # Writing the citations fails after the article and its events were inserted.
    monkeypatch.setattr(writing, "insert_rows", explode)
    code, _, err = run_ingest(tmp_path)
    assert code == 1
    assert "story.txt: internal error (RuntimeError: extractor crashed half-way)" in err
    assert table_counts() == before


def test_manifest_sets_metadata_and_warns_about_unknown_files(gazetteer, tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps(
            [
                {
                    "file": "story.txt",
                    "url": "https://example.org/story",
                    "outlet": "Example Wire",
                    "published": "2023-03-03",
                    "title": "Manifest title",
                    "language": "en",
                },
                {"file": "nowhere.txt"},
            ]
        )
    )
    code, out, err = run_ingest(tmp_path / "story.txt", "--manifest", manifest)
    assert code == 0, err
    article = Article.objects.get()
    assert article.url == "https://example.org/story"
    assert article.outlet.name == "Example Wire"
    assert str(article.published) == "2023-03-03" and article.published_source == "manifest"
    assert article.title == "Manifest title"
    assert "nowhere.txt" in err


def test_manifest_with_an_impossible_date_fails_that_file(gazetteer, tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps([{"file": "story.txt", "published": "2021-02-30"}]))
    code, _, err = run_ingest(tmp_path, "--manifest", manifest)
    assert code == 1
    assert "story.txt" in err and "2021-02-30" in err
    assert Article.objects.count() == 0


def test_malformed_manifest_is_a_clear_error(gazetteer, tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text("[{not json")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="manifest is not valid JSON"):
        call_command("ingest", str(tmp_path), "--manifest", str(manifest))


def test_dry_run_stores_nothing(gazetteer, tmp_path):
    shutil.copy(next(SAMPLES.glob("*.txt")), tmp_path / "one.txt")
    before = table_counts()
    code, out, _ = run_ingest(tmp_path, "--dry-run")
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("dry run: 1 files: 1 ingested")
    assert table_counts() == before


def test_the_same_happening_in_two_articles_is_one_event_with_two_citations(gazetteer, tmp_path):
    (tmp_path / "one.txt").write_text(
        "Leaders sign\n\nMOSCOW, November 12. /TASS/. On November 9, 2020, Russian President Vladimir Putin "
        "and Azerbaijani President Ilham Aliyev signed a joint statement on a ceasefire.\n",
        encoding="utf-8",
    )
    (tmp_path / "two.txt").write_text(
        "Ceasefire deal\n\nTEHRAN (Tasnim) – Vladimir Putin and Ilham Aliyev signed a joint statement on "
        "a complete ceasefire on November 9, 2020, the Kremlin said.\n",
        encoding="utf-8",
    )
    code, _, err = run_ingest(tmp_path)
    assert code == 0, err
    events = Event.objects.filter(start="2020-11-09")
    assert events.count() == 1
    assert events.get().citations.values("article").distinct().count() == 2


def test_a_denied_claim_is_contested_with_both_citations(gazetteer, tmp_path, client):
    (tmp_path / "standoff.txt").write_text(
        "Border standoff\n\n"
        "YEREVAN, May 14. /TASS/. On Wednesday, Armenian Prime Minister Nikol Pashinyan said Azerbaijani "
        "troops had crossed the border near Jermuk on May 12, 2021.\n\n"
        "Azerbaijan has denied sending troops across the border.\n",
        encoding="utf-8",
    )
    code, _, err = run_ingest(tmp_path)
    assert code == 0, err
    event = Event.objects.get(contested=True)
    stances = dict(event.citations.values_list("stance", "quote"))
    assert stances["disputes"] == "Azerbaijan has denied sending troops across the border."
    assert "Pashinyan" in stances["supports"]
    assert event.event_actors.filter(role="denies", actor__name="Azerbaijan").exists()
    html = client.get("/").content.decode()
    # The Prime Minister speaks for his state (events.assign_roles).
    assert "claimed by Nikol Pashinyan, Armenia; denied by Azerbaijan" in html


def test_a_text_without_a_year_takes_one_from_the_corpus_period_as_a_guess(gazetteer, tmp_path):
    """A weekday tied to a yearless date fixes the year among the corpus's own (the only year
    around them that puts that day on that weekday): a low-confidence date an editor checks."""
    (tmp_path / "a-dated.txt").write_text(
        "Port reopens\n\nMarch 3, 2023 - Dockworkers in Velmar returned to work on Friday after "
        "a week-long strike, the port authority said.\n",
        encoding="utf-8",
    )
    (tmp_path / "b-undated.txt").write_text(
        "Truce agreed\n\nMediators said on Saturday (May 20) that the two sides had agreed a "
        "truce near Velmar. The truce will take effect on Monday evening.\n",
        encoding="utf-8",
    )
    code, out, err = run_ingest(tmp_path)
    assert code == 0, err
    undated = Article.objects.get(source_file="b-undated.txt")
    assert undated.published == datetime.date(2023, 5, 20)
    assert undated.published_source == "inferred" and undated.published_confidence <= 0.35
    assert Event.objects.filter(citations__article=undated, start="2023-05-22").exists()
    assert "b-undated.txt: dated 2023-05-20 from the corpus" in out
