"""An article is one text however its whitespace is written: the content hash is taken on a
normalised text, at ingest and (by migration) for the articles stored before."""

import hashlib
import importlib
import unicodedata

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article
from tests.factories import run_ingest, table_counts
from timeline.ingest.files import content_hash

STORY = (
    "Shelling near the border\n\n"
    "YEREVAN, March 3, 2023. Troops shelled positions near Jermuk on Wednesday, "
    "the ministry said. Talks in Moscow were put off.\n"
)


@pytest.mark.parametrize(
    "copy",
    [
        STORY + "\n",
        STORY.replace("\n", "\r\n"),
        STORY.replace(" the ministry", "  the ministry"),
        STORY.replace("the ministry", "the\u00a0ministry"),
        STORY.rstrip("\n") + "   \n",
    ],
)
def test_whitespace_does_not_make_a_new_article(copy):
    assert content_hash(copy) == content_hash(STORY)


def test_composed_and_decomposed_letters_are_one_text():
    text = "Talks in Yerevan and Gyumri ended, said Pashinyan's café owner."
    assert content_hash(unicodedata.normalize("NFD", text)) == content_hash(text)


def test_a_changed_word_is_a_new_text():
    assert content_hash(STORY.replace("Wednesday", "Tuesday")) != content_hash(STORY)
    assert content_hash("troops shelled") != content_hash("troopsshelled")


def test_ingesting_a_whitespace_variant_adds_nothing(gazetteer, tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "story.txt").write_text(STORY, encoding="utf-8")
    assert run_ingest(tmp_path / "one")[0] == 0
    before = table_counts()
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "story-copy.txt").write_text(
        STORY.replace(" the ministry", "\u00a0the ministry") + "\n", encoding="utf-8"
    )
    code, out, _ = run_ingest(tmp_path / "two")
    assert code == 0 and "0 ingested, 1 already there" in out
    assert table_counts() == before


@pytest.mark.django_db(transaction=True)
def test_the_migration_rehashes_stored_articles_and_keeps_whitespace_twins():
    rehash = importlib.import_module("articles.migrations.0005_normalised_content_hash")
    old = ("articles", "0004_corpus_dating_retries")
    new = ("articles", "0005_normalised_content_hash")
    executor = MigrationExecutor(connection)
    executor.migrate([old])
    OldArticle = executor.loader.project_state([old]).apps.get_model("articles", "Article")

    def raw_hash(text):
        return hashlib.sha256(text.encode()).hexdigest()

    texts = {"plain": "One two three.", "spaced": "One two  three.\n", "other": "Four\u00a0five.\n"}
    ids = {
        name: OldArticle.objects.create(raw_text=t, body=t, content_hash=raw_hash(t)).pk
        for name, t in texts.items()
    }
    MigrationExecutor(connection).migrate([new])
    hashes = dict(Article.objects.values_list("pk", "content_hash"))
    assert hashes[ids["plain"]] == content_hash("One two three.")  # already normal: unchanged
    assert hashes[ids["spaced"]] == raw_hash(texts["spaced"])  # its twin holds the new hash
    assert hashes[ids["other"]] == content_hash("Four five.") == rehash._normal_hash(texts["other"])
