"""Dates outside the configured years (settings.DATE_YEARS) are refused where they come in,
with a message, never a 500: filters and cursors on every endpoint, a manifest, the admin."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from articles.dates import date_range_problem
from articles.models import Article
from tests.factories import ENDPOINTS, make_article, make_event


@pytest.fixture
def data(db):
    article = make_article("Troops crossed on May 12, 2021.")
    make_event(datetime.date(2021, 5, 12), "Troops cross", article=article)
    make_event(datetime.date(1994, 1, 1), "A long war", article=article)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    "query",
    [
        "date_from=0001",
        "date_from=0001-01-01",
        "date_from=0002-01-01",
        "date_to=9999",
        "date_to=0001-01",
        "after=0001-01-01.5",
        "before=9999-12-31.5",
    ],
)
def test_a_date_out_of_range_is_a_400_that_says_so(client, data, endpoint, query):
    response = client.get(f"{endpoint}?{query}")
    assert response.status_code == 400, response.content[:300]
    if "=0001" in query and "after" not in query:
        assert "outside the years this timeline covers" in response.content.decode()


def test_the_range_is_a_setting(settings, client, data):
    assert client.get("/?date_from=1850").status_code == 200
    settings.DATE_YEARS = (1900, 2100)
    assert date_range_problem(datetime.date(1850, 1, 1)) is not None
    assert client.get("/?date_from=1850").status_code == 400


def test_editors_cannot_store_an_event_or_a_publication_date_out_of_range(db):
    event = make_event(datetime.date(2021, 5, 12), "Troops cross")
    event.start = datetime.date(1, 1, 1)
    with pytest.raises(ValidationError, match="outside the years"):
        event.full_clean()
    article = make_article("Troops crossed on May 12, 2021.", published=datetime.date(9999, 1, 1))
    with pytest.raises(ValidationError, match="outside the years"):
        article.full_clean()


def test_a_manifest_date_out_of_range_fails_its_file_only(gazetteer, tmp_path):
    (tmp_path / "a.txt").write_text("Talks\n\nEnvoys met in Geneva on Monday.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Talks\n\nEnvoys met in Vienna on Monday.\n", "utf-8")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        '[{"file": "a.txt", "published": "0001-01-01"}, {"file": "b.txt", "published": "2023-05-02"}]'
    )
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "ingest", str(tmp_path), "--manifest", str(manifest), stdout=io.StringIO(), stderr=err
        )
    assert "a.txt" in err.getvalue() and "outside the years" in err.getvalue()
    assert list(Article.objects.values_list("source_file", flat=True)) == ["b.txt"]
