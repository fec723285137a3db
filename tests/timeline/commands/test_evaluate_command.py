"""The scorer: matching rules on a small gold file written here (not the shared gold)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import make_article, make_event
from timeline.evaluation import evaluate

BODY_A = (
    "Troops crossed the border on May 12, 2021. The war broke out in February 1988 after a vote."
)
BODY_B = "Forces crossed the border on May 12, 2021, officials said."


@pytest.fixture
def gold():
    return {
        "articles": [
            {
                "file": "a.txt",
                "published": "2021-05-14",
                "events": [
                    {
                        "start": "2021-05-12",
                        "end": None,
                        "precision": "day",
                        "summary": "Troops cross the border",
                        "actors": ["Army"],
                        "anchor": "Troops crossed the border on May 12",
                    },
                    {
                        "start": "1988-02",
                        "end": None,
                        "precision": "month",
                        "summary": "War breaks out",
                        "actors": [],
                        "anchor": "broke out in February 1988",
                    },
                ],
            },
            {
                "file": "b.txt",
                "published": "2021-05-13",
                "events": [
                    {
                        "start": "2021-05-12",
                        "end": None,
                        "precision": "day",
                        "summary": "Troops cross the border",
                        "actors": ["Army"],
                        "anchor": "Forces crossed the border",
                    },
                ],
            },
        ]
    }


def test_found_dated_precision_and_merge(db, gold):
    a = make_article(BODY_A, source_file="a.txt", published=datetime.date(2021, 5, 14))
    b = make_article(BODY_B, source_file="b.txt", published=datetime.date(2021, 5, 13))
    crossing = make_event(
        datetime.date(2021, 5, 12),
        "Crossing",
        article=a,
        quote="Troops crossed the border on May 12, 2021.",
    )
    crossing.citations.create(article=b, quote=BODY_B, start=0, end=len(BODY_B))
    # Day precision for a month-precision gold event is wrong: no invented detail.
    make_event(
        datetime.date(1988, 2, 14),
        "War",
        article=a,
        quote="The war broke out in February 1988 after a vote.",
    )
    report = evaluate(gold)
    summary = report.summary()
    assert (summary["found"], summary["dated"]) == (3, 2)
    assert (summary["citations"], summary["citations_correct"]) == (3, 2)
    assert (summary["cross_article_groups"], summary["cross_article_merged"]) == (1, 1)
    assert summary["published_correct"] == 2


def test_split_reports_of_one_happening_are_not_merged(db, gold):
    a = make_article(BODY_A, source_file="a.txt")
    b = make_article(BODY_B, source_file="b.txt")
    make_event(
        datetime.date(2021, 5, 12),
        "Crossing",
        article=a,
        quote="Troops crossed the border on May 12, 2021.",
    )
    make_event(datetime.date(2021, 5, 12), "Crossing again", article=b, quote=BODY_B)
    summary = evaluate(gold).summary()
    assert summary["cross_article_merged"] == 0 and summary["dated"] == 2


def test_two_happenings_in_one_event_are_reported_as_conflated(db, gold):
    a = make_article(BODY_A, source_file="a.txt")
    gold["articles"][0]["events"][1].update(start="2021-05-12", precision="day")
    both = make_event(
        datetime.date(2021, 5, 12),
        "Everything",
        article=a,
        quote="Troops crossed the border on May 12, 2021.",
    )
    both.citations.create(
        article=a, quote="The war broke out in February 1988 after a vote.", start=43, end=91
    )
    summary = evaluate(gold).summary()
    assert summary["conflated_pairs"] == 1


def test_missing_articles_count_as_missed(db, gold):
    summary = evaluate(gold).summary()
    assert summary["found"] == 0 and summary["gold_events"] == 3


def test_command_prints_the_headline_figures(db, gold, tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    out = io.StringIO()
    call_command("evaluate", str(path), stdout=out)
    assert "dated 0/3" in out.getvalue() and "not ingested: a.txt" in out.getvalue()
    out = io.StringIO()
    call_command("evaluate", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["gold_events"] == 3


def test_command_rejects_a_file_that_is_not_gold(db, tmp_path):
    path = tmp_path / "gold.json"
    path.write_text("[1, 2]")
    with pytest.raises(CommandError, match="articles"):
        call_command("evaluate", str(path))


def test_cluster_ids_decide_which_reports_tell_one_happening(db, gold):
    a = make_article(BODY_A, source_file="a.txt")
    b = make_article(BODY_B, source_file="b.txt")
    # Different summaries and actors, but one cluster: one happening.
    gold["articles"][0]["events"][0].update(cluster="X1", summary="Army advances", actors=[])
    gold["articles"][1]["events"][0].update(cluster="X1")
    gold["articles"][0]["events"][1].update(cluster="X2")
    crossing = make_event(
        datetime.date(2021, 5, 12),
        "Crossing",
        article=a,
        quote="Troops crossed the border on May 12, 2021.",
    )
    crossing.citations.create(article=b, quote=BODY_B, start=0, end=len(BODY_B))
    summary = evaluate(gold).summary()
    assert (summary["cross_article_groups"], summary["cross_article_merged"]) == (1, 1)
    assert (summary["merge_pairs"], summary["merge_pairs_joined"]) == (1, 1)
    assert summary["merge_pair_precision"] == 1.0 and summary["conflated_pairs"] == 0
    # Same words and actors, but two clusters: two happenings, so one event is a conflation.
    gold["articles"][1]["events"][0].update(cluster="X3")
    summary = evaluate(gold).summary()
    assert summary["conflated_pairs"] == 1 and summary["merge_pairs"] == 0
