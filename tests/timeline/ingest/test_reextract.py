"""Re-extraction: the current extractor runs again over ingested articles; corrections stand."""

import dataclasses
import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from tests.factories import CHRONOLOGY, RECAP, admin_form_data, event_citing, ingest, revised
from timeline.editing import merge_events, split_citation
from timeline.extraction import events as extraction_events
from timeline.ingest import ownership, reextract_article
from timeline.models import Actor, Citation, Event, MergedEvent


def events_citing(text: str) -> list[Event]:
    return list(Event.objects.filter(citations__quote__contains=text).distinct())


@pytest.fixture
def corpus(gazetteer, tmp_path):
    (tmp_path / "chronology.txt").write_text(CHRONOLOGY, encoding="utf-8")
    (tmp_path / "recap.txt").write_text(RECAP, encoding="utf-8")
    ingest(tmp_path)
    return tmp_path


def test_reextracting_with_an_unchanged_extractor_changes_nothing(corpus):
    before = list(Event.objects.values_list("pk", "start", "summary").order_by("pk"))
    citations = sorted(Citation.objects.values_list("pk", flat=True))
    history = Event.history.count()
    output = ingest(corpus, "--reextract")
    assert "2 re-extracted" in output and "0 events updated, 0 removed" in output
    assert list(Event.objects.values_list("pk", "start", "summary").order_by("pk")) == before
    assert sorted(Citation.objects.values_list("pk", flat=True)) == citations
    assert Event.history.count() == history


def test_without_reextract_a_known_text_is_still_skipped(corpus, monkeypatch):
    revised(monkeypatch)
    assert "2 already there" in ingest(corpus)
    assert not Event.objects.filter(summary__startswith="Revised").exists()


def test_every_correction_survives_a_reextraction_with_a_changed_extractor(corpus, monkeypatch):
    shelling = event_citing("shelled positions near Jermuk")
    talks = event_citing("held talks in Moscow")
    deployment = event_citing("peacekeepers were deployed")
    blockade = event_citing("activists blocked")
    appeal = event_citing("appealed to the CSTO")
    prague = event_citing("met in Prague")
    attack = event_citing("attacked Armenian positions near Jermuk.")
    assert attack.citations.count() == 2  # the recap joined the chronology's report
    total = Event.objects.count()

    # The editor's corrections (as the admin records them).
    shelling.start = datetime.date(2023, 3, 2)
    shelling.edited_fields = ["start"]
    shelling.save()
    talks.summary = "Border delimitation talks in Moscow"
    talks.edited_fields = ["summary"]
    talks.save()
    deployment.status = Event.Status.REJECTED
    deployment.edited_fields = ["status"]
    deployment.save()
    merge_events(blockade, [appeal], "editor")
    recap_citation = attack.citations.get(article__source_file="recap.txt")
    split_off = split_citation(recap_citation, "editor")

    revised(monkeypatch)
    output = ingest(corpus, "--reextract")
    assert "2 re-extracted" in output and "0 failed" in output

    shelling.refresh_from_db()
    assert shelling.start == datetime.date(2023, 3, 2)  # the editor's date
    assert shelling.summary.startswith("Revised: ")  # a field the editor left follows
    talks.refresh_from_db()
    assert talks.summary == "Border delimitation talks in Moscow"
    deployment.refresh_from_db()
    assert deployment.status == Event.Status.REJECTED
    assert events_citing("peacekeepers were deployed") == [deployment]  # not resurrected
    blockade.refresh_from_db()
    assert not Event.objects.filter(pk=appeal.pk).exists()
    assert events_citing("appealed to the CSTO") == [blockade]  # the merge stands
    assert MergedEvent.objects.get(old_id=appeal.pk).into == blockade
    assert events_citing("attacked Armenian positions near Jermuk.") == [attack]
    assert events_citing("near Jermuk and Goris") == [split_off]  # the split stands
    assert {c.article.source_file for c in Event.objects.get(pk=attack.pk).citations.all()} == {
        "chronology.txt"
    }
    # Untouched events took the new extractor's reading, under the same ids.
    prague.refresh_from_db()
    assert prague.summary == "Revised: Nikol Pashinyan and Ilham Aliyev met in Prague."
    assert Event.objects.count() == total - 1 + 1  # one merged away, one split off


def test_a_rejected_event_absorbs_its_sentence_even_when_the_date_reading_changes(
    corpus, monkeypatch
):
    deployment = event_citing("peacekeepers were deployed")
    deployment.status = Event.Status.REJECTED
    deployment.edited_fields = ["status"]
    deployment.save()
    original = extraction_events.build_drafts

    def later(*args, **kwargs):
        drafts = original(*args, **kwargs)
        for draft in drafts:
            if "peacekeepers" in draft.sentence.text:
                draft.date = dataclasses.replace(draft.date, first=datetime.date(2023, 1, 16))
        return drafts

    monkeypatch.setattr("timeline.extraction.document.build_drafts", later)
    ingest(corpus, "--reextract")
    assert events_citing("peacekeepers were deployed") == [deployment]
    assert not Event.objects.filter(start=datetime.date(2023, 1, 16)).exists()


def test_events_the_extractor_no_longer_finds_go_unless_an_editor_owns_them(corpus, monkeypatch):
    prague = event_citing("met in Prague")
    talks = event_citing("held talks in Moscow")
    talks.status = Event.Status.REVIEWED
    talks.edited_fields = ["status"]
    talks.save()
    original = extraction_events.build_drafts

    def forgetful(*args, **kwargs):
        return [
            d
            for d in original(*args, **kwargs)
            if "Prague" not in d.sentence.text and "Moscow" not in d.sentence.text
        ]

    monkeypatch.setattr("timeline.extraction.document.build_drafts", forgetful)
    output = ingest(corpus, "--reextract")
    assert "1 removed" in output
    assert not Event.objects.filter(pk=prague.pk).exists()
    assert Event.objects.get(pk=talks.pk).citations.count() == 1


def test_a_changed_type_reaches_untouched_events_but_not_an_editors(corpus, monkeypatch):
    prague = event_citing("met in Prague")
    talks = event_citing("held talks in Moscow")
    talks.event_type = Event.Type.AGREEMENT
    talks.edited_fields = ["event_type"]
    talks.save()
    monkeypatch.setattr(extraction_events, "classify", lambda *args, **kwargs: "statement")
    ingest(corpus, "--reextract")
    assert Event.objects.get(pk=prague.pk).event_type == Event.Type.STATEMENT
    assert Event.objects.get(pk=talks.pk).event_type == Event.Type.AGREEMENT


def test_unreviewed_actor_candidates_nothing_refers_to_any_more_go(corpus):
    stray = Actor.objects.create(name="Ghost Brigade", reviewed=False)
    prague = event_citing("met in Prague")
    prague.event_actors.create(actor=stray, role="participant")
    kept = Actor.objects.create(name="Unrelated Candidate", reviewed=False)
    ingest(corpus, "--reextract")
    assert not Actor.objects.filter(pk=stray.pk).exists()
    assert Actor.objects.filter(pk=kept.pk).exists()


def test_reextract_command_runs_over_the_stored_articles(corpus, monkeypatch):
    revised(monkeypatch)
    out = io.StringIO()
    call_command("reextract", stdout=out, stderr=io.StringIO())
    assert "2 articles re-extracted, 0 failed" in out.getvalue()
    assert not Event.objects.exclude(summary__startswith="Revised: ").exists()


def test_reextract_command_fails_for_an_unknown_id(corpus):
    with pytest.raises(SystemExit) as exit_info:
        call_command("reextract", "999", stdout=io.StringIO(), stderr=io.StringIO())
    assert exit_info.value.code == 1


def test_dry_run_reextraction_stores_nothing(corpus, monkeypatch):
    revised(monkeypatch)
    ingest(corpus, "--reextract", "--dry-run")
    assert not Event.objects.filter(summary__startswith="Revised").exists()


def test_ownership_reads_edited_fields_and_status(db):
    assert ownership(Event(summary="x")) == "machine"
    assert ownership(Event(summary="x", edited_fields=["summary"])) == "locked"
    assert ownership(Event(summary="x", status=Event.Status.REVIEWED)) == "frozen"
    assert ownership(Event(summary="x", edited_fields=["merged"])) == "frozen"


# ---------------------------------------------------------------- a corrected publication date

RELATIVE = """Border tensions

YEREVAN, March 2. /TASS/. Azerbaijani troops opened fire on Armenian positions near Sotk on Wednesday, the Armenian Defence Ministry said.

On Monday, Azerbaijani and Armenian officials held talks in Moscow on border delimitation.

On Tuesday, Russian peacekeepers were deployed to the Lachin corridor.

The ministry recalled that Azerbaijani forces attacked Armenian positions near Jermuk on September 13, 2022.
"""


@pytest.fixture
def misdated(gazetteer, tmp_path):
    """An article whose year is inferred wrongly: 2023, when it appeared on 9 March 2024."""
    (tmp_path / "relative.txt").write_text(RELATIVE, encoding="utf-8")
    ingest(tmp_path)
    article = Article.objects.get()
    assert article.published == datetime.date(2023, 3, 2)
    assert article.published_source == Article.DateSource.INFERRED
    return article


def test_a_corrected_publication_date_moves_the_untouched_relative_dates(misdated):
    fire = event_citing("opened fire")
    talks = event_citing("held talks in Moscow")
    deployment = event_citing("peacekeepers were deployed")
    recalled = event_citing("September 13, 2022")
    assert fire.start == datetime.date(2023, 3, 1)
    talks.start = datetime.date(2023, 2, 28)
    talks.edited_fields = ["start"]
    talks.save()
    deployment.summary = "Peacekeepers deployed"
    deployment.edited_fields = ["summary"]
    deployment.save()

    misdated.published = datetime.date(2024, 3, 9)
    misdated.published_source = Article.DateSource.MANIFEST
    misdated.save()
    result = reextract_article(misdated)

    assert result.status == "reextracted"
    assert Event.objects.get(pk=fire.pk).start == datetime.date(2024, 3, 6)  # Wednesday
    assert Event.objects.get(pk=talks.pk).start == datetime.date(2023, 2, 28)  # editor's date
    deployment.refresh_from_db()
    assert deployment.start == datetime.date(2024, 3, 5)  # only the summary was locked
    assert deployment.summary == "Peacekeepers deployed"
    assert Event.objects.get(pk=recalled.pk).start == datetime.date(2022, 9, 13)
    misdated.refresh_from_db()
    assert misdated.published == datetime.date(2024, 3, 9)


def test_an_editor_fixing_the_date_in_the_admin_re_resolves_the_article(client, misdated):
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    fire = event_citing("opened fire")
    talks = event_citing("held talks in Moscow")
    client.force_login(editor)
    url = reverse("admin:timeline_event_change", args=[talks.pk])
    client.post(url, admin_form_data(client.get(url), start="2023-02-28"))
    edited = Event.objects.get(pk=talks.pk)
    assert edited.edited_fields == ["date_confidence", "start"] and edited.date_confidence == 1.0

    url = reverse("admin:articles_article_change", args=[misdated.pk])
    response = client.post(
        url, admin_form_data(client.get(url), published="2024-03-09"), follow=True
    )
    assert "Dates re-resolved" in response.content.decode()
    misdated.refresh_from_db()
    assert misdated.published_source == Article.DateSource.MANIFEST
    assert Event.objects.get(pk=fire.pk).start == datetime.date(2024, 3, 6)
    assert Event.objects.get(pk=talks.pk).start == datetime.date(2023, 2, 28)
    assert Event.objects.get(pk=fire.pk).history.latest().history_user == editor


def test_when_cleaning_changed_the_editors_citations_move_with_their_sentences(corpus):
    deployment = event_citing("peacekeepers were deployed")
    deployment.status = Event.Status.REJECTED
    deployment.edited_fields = ["status"]
    deployment.save()
    article = Article.objects.get(source_file="chronology.txt")
    current = article.body
    # As an older cleaner left it: a line more at the top, every offset shifted.
    Article.objects.filter(pk=article.pk).update(body="Share this story.\n\n" + current)
    for citation in article.citations.all():
        citation.start += 19
        citation.end += 19
        citation.save()

    assert "2 re-extracted, 0 already there, 0 failed" in ingest(corpus, "--reextract")
    article.refresh_from_db()
    assert article.body == current
    citation = deployment.citations.get()
    assert current[citation.start : citation.end] == citation.quote
    assert events_citing("peacekeepers were deployed") == [deployment]
    for c in article.citations.all():
        assert current[c.start : c.end] == c.quote


def test_a_reextracted_report_joins_the_event_another_report_made(corpus, monkeypatch):
    from timeline.ingest import merging

    asked = []
    rule = merging.same_happening
    monkeypatch.setattr(merging, "same_happening", lambda *a: asked.append(a) or rule(*a))
    revised(monkeypatch)
    ingest(corpus, "--reextract")
    assert asked  # re-extraction decides with the matcher ingestion uses
    [attack] = events_citing("attacked Armenian positions near Jermuk")
    assert sorted(attack.citations.values_list("article__source_file", flat=True)) == [
        "chronology.txt",
        "recap.txt",
    ]
