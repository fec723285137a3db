"""Batched ingestion: the outcome of ingesting files one by one, with few queries per batch.

A batch is planned in memory (timeline.ingest.merging.Plan) and written with one query per
table (timeline.ingest.writing). These tests hold it to the per-file semantics: a bad or failing
file leaves nothing and costs nobody else, the same happening in two files of one batch is one
event, what a batch writes is what ingesting the files one at a time writes, and the number of
queries does not grow with the batch.
"""

import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Outlet
from tests.conftest import SAMPLES
from tests.factories import manage, run_ingest, table_counts
from tests.made_articles import make_articles
from timeline.extraction.events import content_words
from timeline.ingest import merging, pool, writing
from timeline.models import Actor, Aggregate, Citation, Event, MergedEvent

STORY = (
    "Fresh fighting on the border\n\n"
    "YEREVAN, March 3. /TASS/. Armenia's defense ministry said on Wednesday that Azerbaijani troops "
    "had shelled positions near Jermuk. Talks were held in Moscow on February 20, 2023.\n"
)
SIGNING = (
    "Leaders sign\n\nMOSCOW, November 12. /TASS/. On November 9, 2020, Russian President Vladimir "
    "Putin and Azerbaijani President Ilham Aliyev signed a joint statement on a ceasefire.\n"
)
SIGNING_AGAIN = (
    "Ceasefire deal\n\nTEHRAN (Tasnim) – Vladimir Putin and Ilham Aliyev signed a joint statement "
    "on a complete ceasefire on November 9, 2020, the Kremlin said.\n"
)
DENIAL = (
    "Border standoff\n\n"
    "YEREVAN, May 14. /TASS/. On Wednesday, Armenian Prime Minister Nikol Pashinyan said Azerbaijani "
    "troops had crossed the border near Jermuk on May 12, 2021.\n\n"
    "Azerbaijan has denied sending troops across the border.\n"
)


def snapshot():
    """Everything ingestion writes, without the ids."""
    events = sorted(
        (
            e.start,
            str(e.end),
            e.precision,
            e.last_day,
            e.date_confidence,
            e.event_type,
            e.status,
            e.summary,
            e.contested,
            e.search_document,
            tuple(sorted((ea.actor.name, ea.role) for ea in e.event_actors.all())),
            tuple(sorted(p.name for p in e.places.all())),
            tuple(
                sorted(
                    (
                        c.article.source_file,
                        c.start,
                        c.end,
                        c.quote,
                        c.date_text,
                        c.date_rule,
                        c.is_caption,
                        c.stance,
                    )
                    for c in e.citations.all()
                )
            ),
        )
        for e in Event.objects.prefetch_related(
            "event_actors__actor", "places", "citations__article"
        )
    )
    articles = sorted(
        (
            a.source_file,
            a.content_hash,
            a.title,
            a.dateline_place,
            str(a.published),
            a.published_source,
            a.published_confidence,
            a.published_reasoning,
            a.url,
            a.language,
            a.body,
            a.outlet.name if a.outlet else None,
        )
        for a in Article.objects.select_related("outlet")
    )
    actors = sorted(Actor.objects.values_list("name", "kind", "country", "reviewed"))
    return events, articles, actors


def wipe():
    Event.objects.all().delete()
    Article.objects.all().delete()
    Outlet.objects.all().delete()
    Actor.objects.filter(reviewed=False).delete()


@pytest.fixture
def corpus(gazetteer, tmp_path):
    """The samples, 30 re-dated and re-worded variants of them, and a few stories of our own."""
    folder = tmp_path / "corpus"
    make_articles(folder, 60, seed=7)
    for sample in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(sample, folder / f"sample_{sample.name}")
    for name, text in {"x_signing.txt": SIGNING, "y_again.txt": SIGNING_AGAIN}.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "z_denial.txt").write_text(DENIAL, encoding="utf-8")
    return folder


def test_batch_size_and_workers_do_not_change_the_result(corpus, monkeypatch):
    code, _, err = run_ingest(corpus, batch_size=1, workers=1)
    assert code == 0, err
    one_at_a_time = snapshot()
    assert Event.objects.filter(contested=True).exists()  # the corpus exercises disputes
    assert Citation.objects.values("event").distinct().count() < Citation.objects.count()
    assert Article.objects.filter(published_source="inferred").exists()  # and corpus dating
    wipe()
    code, _, err = run_ingest(corpus, batch_size=9, workers=1)
    assert code == 0, err
    assert snapshot() == one_at_a_time
    wipe()
    monkeypatch.setattr(pool, "POOL_MIN_FILES", 2)
    code, _, err = run_ingest(corpus, batch_size=16, workers=2)
    assert code == 0, err
    assert snapshot() == one_at_a_time


def test_the_same_happening_in_two_files_of_one_batch_is_one_event_with_two_citations(
    gazetteer, tmp_path
):
    (tmp_path / "one.txt").write_text(SIGNING, encoding="utf-8")
    (tmp_path / "two.txt").write_text(SIGNING_AGAIN, encoding="utf-8")
    code, out, err = run_ingest(tmp_path, batch_size=10)
    assert code == 0, err
    event = Event.objects.get(start="2020-11-09")
    assert sorted(event.citations.values_list("article__source_file", flat=True)) == [
        "one.txt",
        "two.txt",
    ]
    assert "two.txt: article" in out and "1 merged into existing" in out
    # Both reports' wording is searchable.
    assert "Kremlin said" in event.search_document and "Russian President" in event.search_document


def test_a_bad_file_in_the_middle_of_a_batch_leaves_no_rows_and_the_others_are_stored(
    gazetteer, tmp_path
):
    (tmp_path / "a_one.txt").write_text(SIGNING, encoding="utf-8")
    (tmp_path / "b_latin1.txt").write_bytes("Caf\xe9 talks on May 3, 2021.".encode("latin-1"))
    (tmp_path / "c_empty.txt").write_bytes(b"")
    (tmp_path / "d_two.txt").write_text(SIGNING_AGAIN, encoding="utf-8")
    code, _, err = run_ingest(tmp_path, batch_size=10)
    assert code == 1
    assert f"{tmp_path / 'b_latin1.txt'}: " in err and "UTF-8" in err
    assert f"{tmp_path / 'c_empty.txt'}: " in err and "empty" in err
    assert "4 files: 2 ingested, 0 already there, 2 failed" in err
    assert sorted(Article.objects.values_list("source_file", flat=True)) == [
        "a_one.txt",
        "d_two.txt",
    ]
    assert Event.objects.get(start="2020-11-09").citations.count() == 2


def test_a_file_failing_while_its_batch_is_planned_costs_only_that_file(
    gazetteer, tmp_path, monkeypatch
):
    (tmp_path / "a_one.txt").write_text(SIGNING, encoding="utf-8")
    (tmp_path / "b_story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "c_two.txt").write_text(SIGNING_AGAIN, encoding="utf-8")
    plan = merging.Plan.plan

    def explode_on_b(self, item):
        if item.source == "b_story.txt":
            raise RuntimeError("extractor crashed half-way")
        return plan(self, item)

    monkeypatch.setattr(merging.Plan, "plan", explode_on_b)
    code, _, err = run_ingest(tmp_path, batch_size=10)
    assert code == 1
    assert "b_story.txt: internal error (RuntimeError: extractor crashed half-way)" in err
    assert sorted(Article.objects.values_list("source_file", flat=True)) == [
        "a_one.txt",
        "c_two.txt",
    ]
    assert not Citation.objects.filter(quote__contains="Jermuk").exists()
    assert Event.objects.get(start="2020-11-09").citations.count() == 2


def test_a_batch_failing_while_it_is_written_is_written_again_file_by_file(
    gazetteer, tmp_path, monkeypatch
):
    (tmp_path / "a_one.txt").write_text(SIGNING, encoding="utf-8")
    (tmp_path / "b_story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "c_two.txt").write_text(SIGNING_AGAIN, encoding="utf-8")
    insert = writing.insert_rows
    quote = writing.CITATION_COLUMNS.index("quote")

    def explode_with_b(model, columns, rows):
        if model is Citation and any("Jermuk" in row[quote] for row in rows):
            raise RuntimeError("database went away half-way")
        return insert(model, columns, rows)

    monkeypatch.setattr(writing, "insert_rows", explode_with_b)
    code, out, err = run_ingest(tmp_path, batch_size=10)
    assert code == 1
    assert "b_story.txt: internal error (RuntimeError: database went away half-way)" in err
    assert "3 files: 2 ingested, 0 already there, 1 failed" in err
    assert sorted(Article.objects.values_list("source_file", flat=True)) == [
        "a_one.txt",
        "c_two.txt",
    ]
    assert not Event.objects.filter(summary__contains="Jermuk").exists()


def test_a_failing_file_alone_leaves_no_rows(gazetteer, tmp_path, monkeypatch):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    before = table_counts()

    insert = writing.insert_rows

    def explode(model, columns, rows):
        if model is Citation:
            raise RuntimeError("extractor crashed half-way")
        return insert(model, columns, rows)

    monkeypatch.setattr(writing, "insert_rows", explode)
    code, _, err = run_ingest(tmp_path)
    assert code == 1
    assert "story.txt: internal error (RuntimeError: extractor crashed half-way)" in err
    assert table_counts() == before


def test_the_same_text_twice_in_a_batch_is_stored_once(gazetteer, tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    code, out, err = run_ingest(tmp_path, batch_size=10)
    assert code == 0, err
    article = Article.objects.get()
    assert f"b.txt: already ingested as article {article.pk}" in out


def test_dry_run_of_a_batch_stores_nothing_and_reports_what_it_would_do(gazetteer, tmp_path):
    (tmp_path / "one.txt").write_text(SIGNING, encoding="utf-8")
    (tmp_path / "two.txt").write_text(SIGNING_AGAIN, encoding="utf-8")
    before = table_counts()
    code, out, _ = run_ingest(tmp_path, "--dry-run", batch_size=10)
    assert code == 0
    assert table_counts() == before
    assert "one.txt: article -, 1 new events" in out
    assert "two.txt: article -, 0 new events, 1 merged into existing" in out
    assert out.strip().splitlines()[-1].startswith("dry run: 2 files: 2 ingested")


def test_a_tombstone_and_a_rejected_event_absorb_the_drafts_of_a_batch(gazetteer, tmp_path):
    (tmp_path / "one.txt").write_text(SIGNING, encoding="utf-8")
    run_ingest(tmp_path)
    signing = Event.objects.get(start="2020-11-09")
    signing.status = Event.Status.REJECTED
    signing.edited_fields = ["status"]
    signing.save()
    survivor = Event.objects.create(
        start="2021-05-12", summary="Officials of both sides met", event_type="talks"
    )
    MergedEvent.objects.create(
        old_id=999999,
        into=survivor,
        start="2021-05-12",
        precision="day",
        event_type="incursion",
        actor_names=["Nikol Pashinyan", "Azerbaijan"],
        words=sorted(content_words(DENIAL.splitlines()[2])),
    )
    (tmp_path / "two.txt").write_text(SIGNING_AGAIN, encoding="utf-8")
    (tmp_path / "three.txt").write_text(DENIAL, encoding="utf-8")
    code, _, err = run_ingest(tmp_path, batch_size=10)
    assert code == 0, err
    assert list(Event.objects.filter(start="2020-11-09")) == [signing]
    assert signing.citations.count() == 2
    assert (
        Event.objects.get(pk=survivor.pk)
        .citations.filter(article__source_file="three.txt")
        .exists()
    )


def test_history_records_each_machine_write(gazetteer, tmp_path):
    (tmp_path / "denial.txt").write_text(DENIAL, encoding="utf-8")
    run_ingest(tmp_path)
    article = Article.objects.get()
    assert article.history.get().history_type == "+"
    assert article.history.get().history_user is None
    for citation in Citation.objects.all():
        assert citation.history.get().history_type == "+"
    contested = Event.objects.get(contested=True)
    created, marked = contested.history.order_by("history_id")
    assert (created.history_type, created.contested) == ("+", False)
    assert (marked.history_type, marked.contested) == ("~", True)
    for event in Event.objects.filter(contested=False):
        assert event.history.get().history_type == "+"


@pytest.mark.django_db(transaction=True)
def test_a_batch_drops_the_stored_aggregates_when_it_commits(gazetteer, tmp_path):
    Aggregate.objects.create(key="facets", payload={})
    (tmp_path / "one.txt").write_text(SIGNING, encoding="utf-8")
    run_ingest(tmp_path, "--dry-run")
    assert Aggregate.objects.exists()  # nothing was written
    run_ingest(tmp_path)
    assert not Aggregate.objects.exists()


def dated_stories(folder, count):
    """Distinct dated stories on distinct days, naming known and unknown actors and places."""
    folder.mkdir()
    for day in range(1, count + 1):
        (folder / f"story_{day:02d}.txt").write_text(
            f"Clashes on the border\n\nYEREVAN, May {day + 1}. /TASS/. On May {day}, 2021, "
            f"Azerbaijani troops shelled positions near Jermuk, Armenian Prime Minister Nikol "
            f"Pashinyan said. Colonel Artur Vard{'abcdefghijklmnopqrstuvwxyz'[day]}anyan told "
            f"reporters that talks were held in "
            f"Moscow on April {day}, 2021.\n",
            encoding="utf-8",
        )
    return folder


def queries_to_ingest(folder) -> int:
    with CaptureQueriesContext(connection) as queries:
        code, _, err = run_ingest(folder, batch_size=100, workers=1)
    assert code == 0, err
    return len(queries)


def test_the_queries_of_a_batch_do_not_grow_with_its_articles(
    gazetteer, tmp_path, django_assert_max_num_queries
):
    few = queries_to_ingest(dated_stories(tmp_path / "few", 3))
    wipe()
    with django_assert_max_num_queries(few):
        run_ingest(dated_stories(tmp_path / "many", 24), batch_size=100, workers=1)
    assert Article.objects.count() == 24 and Event.objects.count() >= 48
    assert Actor.objects.filter(reviewed=False).count() >= 24  # new names, written in bulk


def test_undated_articles_cost_a_few_queries_each_at_most(gazetteer, tmp_path):
    # make_articles cycles through the samples; the 4th and 5th state no year.
    make_articles(tmp_path / "dated", 10, seed=3)
    for path in (tmp_path / "dated").iterdir():
        if int(path.name[:5]) % 5 in {3, 4}:
            path.unlink()
    base = queries_to_ingest(tmp_path / "dated")
    wipe()
    make_articles(tmp_path / "mixed", 10, seed=3)
    assert Article.objects.count() == 0
    mixed = queries_to_ingest(tmp_path / "mixed")
    assert Article.objects.filter(published__isnull=True).exists()
    assert Article.objects.filter(published_source="inferred").exists()
    assert mixed <= base + 8 * 4


def test_two_ingests_of_the_same_files_in_opposite_orders_store_each_text_once(
    fresh_database,  # noqa: F811
    tmp_path,
):
    """Batches of two that overlap in both directions: the loser of each text waits, then
    leaves it to the winner (a deadlock between their batches is retried)."""
    url, scalar = fresh_database
    folder = tmp_path / "articles"
    paths = make_articles(folder, 8, seed=5)
    names = [str(p) for p in paths]
    first = manage(url, "ingest", "--batch-size", "2", *names, wait=False)
    second = manage(url, "ingest", "--batch-size", "2", *reversed(names), wait=False)
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    for process, (out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, out + err
        assert "Traceback" not in err and "failed" not in err.replace("0 failed", "")
    assert scalar("SELECT count(*) FROM articles_article") == len(paths)
    assert scalar("SELECT count(DISTINCT content_hash) FROM articles_article") == len(paths)
    summaries = [
        next(line for line in out.splitlines() if " files: " in line) for out, _ in outputs
    ]
    ingested = sum(int(line.split(" ingested")[0].split()[-1]) for line in summaries)
    assert ingested == len(paths), summaries
    orphans = scalar(
        "SELECT count(*) FROM timeline_event e WHERE NOT EXISTS "
        "(SELECT 1 FROM timeline_citation c WHERE c.event_id = e.id)"
    )
    assert orphans == 0
