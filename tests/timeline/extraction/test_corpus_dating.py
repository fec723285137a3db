"""Dating an article with no year from the events other articles already reported."""

import datetime
import io

from django.core.management import call_command

from articles.models import Article
from articles.text.cleaning import clean
from articles.text.metadata import extract_metadata
from articles.text.temporal import find_dates
from timeline.extraction.corpus_dating import CorpusDate, KnownEvent, infer_publication_date
from timeline.extraction.events import SentenceInput, build_drafts, content_words
from timeline.extraction.matching import Signature, report
from timeline.ingest.extracting import undated_probe
from timeline.ingest.merging import corpus_dated
from timeline.models import Event

UNDATED = (
    "Border statement\n\n"
    "TEHRAN (Tasnim) – The Azerbaijani foreign ministry told reporters on Sunday that talks must go on.\n\n"
    "On Wednesday, the Armenian Defense Ministry said that Azerbaijani troops had shelled positions near Jermuk.\n\n"
    "On Friday, Armenian Prime Minister Nikol Pashinyan sent letters to the CSTO asking for help.\n"
)
DATED = (
    "Shelling near Jermuk\n\n"
    "YEREVAN, March 4. /TASS/. On March 1, 2023, the Armenian Defense Ministry said that Azerbaijani troops "
    "had shelled positions near Jermuk.\n\n"
    "On March 3, 2023, Armenian Prime Minister Nikol Pashinyan sent letters to the CSTO asking for help.\n"
)


def sentences_of(text):
    out, start = [], 0
    for part in text.split("\n\n"):
        out.append(SentenceInput(start, start + len(part), part))
        start += len(part) + 2
    return out


def test_the_date_that_lines_up_most_events_wins_and_respects_past_weekdays():
    text = "On Wednesday, the ministry said troops crossed.\n\nOn Friday, the premier asked the alliance for help.\n\nOfficials spoke on Sunday."
    known = [
        KnownEvent(
            datetime.date(2021, 5, 12),
            Signature((report("the ministry said troops crossed", "statement"),)),
            "the ministry said troops crossed",
        ),
        KnownEvent(
            datetime.date(2021, 5, 14),
            Signature((report("the premier asked the alliance for help", "appeal"),)),
            "the premier asked the alliance for help",
        ),
    ]

    def same(draft, event):
        return len(draft.words & content_words(event.label)) >= 3

    found = infer_publication_date(text, sentences_of(text), [], known, same)
    assert found is not None
    # Friday the 14th up to Tuesday the 18th all line up both events; "on Sunday" must not be before them.
    assert found.published == datetime.date(2021, 5, 16)
    assert len(found.matches) == 2 and "2021-05-12" in found.reasoning


def test_a_date_with_a_near_rival_a_week_away_is_no_date():
    # The same story is known twice, two weeks apart: three reports line up with the first
    # telling, two with the second. The text fits both moments; an undated article is better
    # than a wrong date.
    text = (
        "On Wednesday, the ministry said troops crossed.\n\n"
        "On Friday, the premier asked the alliance for help.\n\n"
        "On Sunday, officials briefed reporters in the capital."
    )
    lines = {
        3: "the ministry said troops crossed",
        5: "the premier asked the alliance for help",
        7: "officials briefed reporters in the capital",
    }

    def known_at(first_wednesday, weekdays):
        return [
            KnownEvent(
                first_wednesday + datetime.timedelta(days=weekday - 3),
                Signature((report(lines[weekday], "statement"),)),
                lines[weekday],
            )
            for weekday in weekdays
        ]

    def same(draft, event):
        return len(draft.words & content_words(event.label)) >= 3

    first = known_at(datetime.date(2021, 5, 12), (3, 5, 7))
    alone = infer_publication_date(text, sentences_of(text), [], first, same)
    assert alone is not None and len(alone.matches) == 3
    retold = first + known_at(datetime.date(2021, 5, 26), (3, 5))
    assert infer_publication_date(text, sentences_of(text), [], retold, same) is None


def test_one_coincidence_dates_only_when_no_other_week_fits_as_well():
    text = "On Wednesday, the ministry said troops crossed."

    def known_on(*days):
        return [KnownEvent(day, Signature((report(text, "statement"),)), text) for day in days]

    def same(draft, event):
        return True

    found = infer_publication_date(
        text, sentences_of(text), [], known_on(datetime.date(2021, 5, 12)), same
    )
    assert found is not None and found.published == datetime.date(2021, 5, 12)
    assert len(found.matches) == 1
    # The same line-up a fortnight later: the text fits both weeks, so neither.
    two = known_on(datetime.date(2021, 5, 12), datetime.date(2021, 5, 26))
    assert infer_publication_date(text, sentences_of(text), [], two, same) is None


def test_a_date_one_coincidence_gives_is_less_sure_than_one_several_give():
    event = KnownEvent(datetime.date(2021, 5, 12), Signature((report("x", "other"),)), "x")
    meta = extract_metadata(clean("Title\n\nOn Wednesday, the ministry said troops crossed.\n"))
    one = corpus_dated(meta, CorpusDate(datetime.date(2021, 5, 12), (event,)))
    two = corpus_dated(meta, CorpusDate(datetime.date(2021, 5, 12), (event, event)))
    assert one.published == two.published == datetime.date(2021, 5, 12)
    assert one.published_confidence < two.published_confidence <= 0.5


def test_no_known_events_no_date():
    assert (
        infer_publication_date(
            "On Friday, talks.", sentences_of("On Friday, talks."), [], [], lambda d, e: True
        )
        is None
    )


def test_an_undated_article_ingested_first_is_dated_once_its_sources_arrive(gazetteer, tmp_path):
    (tmp_path / "a_undated.txt").write_text(UNDATED, encoding="utf-8")
    (tmp_path / "b_dated.txt").write_text(DATED, encoding="utf-8")
    out = io.StringIO()
    call_command("ingest", str(tmp_path), stdout=out, stderr=io.StringIO())
    undated = Article.objects.get(source_file="a_undated.txt")
    assert undated.published == datetime.date(
        2023, 3, 5
    )  # the Sunday after Wednesday the 1st and Friday the 3rd
    assert (
        undated.published_source == Article.DateSource.INFERRED and undated.published_confidence < 1
    )
    assert "line up" in undated.published_reasoning
    assert "a_undated.txt: dated 2023-03-05 from the corpus" in out.getvalue()
    shelling = Event.objects.get(start="2023-03-01")
    assert set(shelling.citations.values_list("article__source_file", flat=True)) == {
        "a_undated.txt",
        "b_dated.txt",
    }


def test_drafts_only_count_when_relative(gazetteer):
    # Absolute dates need no inference and must not vote.
    text = "On March 1, 2023, troops shelled positions."
    drafts = build_drafts(sentences_of(text), find_dates(text, datetime.date(2023, 3, 4)), [])
    assert drafts and not any(d.date.relative for d in drafts)


DATED_BLAST = (
    "Bridge blast\n\n"
    "VARNIK, March 6, 2023 (Reuters) - An explosion tore through the Velmar rail bridge near "
    "Varnik on Saturday, killing three people.\n\n"
    "On Monday, engineers from Tarnovka began repairs on the Velmar rail bridge.\n"
)
UNDATED_BLAST = (
    "Repairs begin\n\n"
    "Engineers from Tarnovka began repairs on the Velmar rail bridge on Monday, the regional "
    "office said.\n\n"
    "An explosion tore through the Velmar rail bridge on Saturday, killing three people.\n"
)


def test_an_article_naming_no_known_actor_is_dated_by_the_names_of_its_story(gazetteer, tmp_path):
    (tmp_path / "a_dated.txt").write_text(DATED_BLAST, encoding="utf-8")
    (tmp_path / "b_undated.txt").write_text(UNDATED_BLAST, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    article = Article.objects.get(source_file="b_undated.txt")
    assert article.published_source == "inferred"
    assert article.published == datetime.date(2023, 3, 6)
    assert "line up with 2 events" in article.published_reasoning


def test_a_yearless_date_is_placed_where_the_texts_weekday_falls_on_it():
    """'damaged on March 9' lines up with the known damage under any later date; only in the
    week after March 9 (a Tuesday) does the text's 'on Tuesday' fall on it too. Without such a
    weekday the text may be from any later day, and stays undated."""
    damage = "the Velmar dam was damaged, flooding villages downstream"
    known = [
        KnownEvent(datetime.date(2021, 3, 9), Signature((report(damage, "other"),)), damage),
        KnownEvent(
            datetime.date(2021, 3, 10),
            Signature((report("aid convoys reached Tarnovka", "other"),)),
            "aid convoys reached Tarnovka",
        ),
    ]

    def same(draft, event):
        return len(draft.words & content_words(event.label)) >= 3

    tied = (
        "A man stands on a roof in flooded Tarnovka on Tuesday.\n\n"
        "The Velmar dam was damaged on March 9, flooding villages downstream."
    )
    found = infer_publication_date(tied, sentences_of(tied), [], known, same)
    assert found is not None and found.published == datetime.date(2021, 3, 9)
    untied = "The Velmar dam was damaged on March 9, flooding villages downstream."
    assert infer_publication_date(untied, sentences_of(untied), [], known, same) is None


def test_equally_good_dates_go_to_the_one_that_keeps_the_story_together():
    text = (
        "On Sunday, the president said the bridge blast was sabotage by foreign agents.\n\n"
        "Late on Saturday, the president signed a decree on the security of every bridge."
    )
    said = "the president said the bridge blast was sabotage by foreign agents"
    known = [KnownEvent(datetime.date(2021, 5, 16), Signature((report(said, "other"),)), said)]

    def same(draft, event):
        return len(draft.words & content_words(event.label)) >= 4

    found = infer_publication_date(text, sentences_of(text), [], known, same)
    # Every date from that Sunday to the next Saturday lines the statement up; the decree of
    # "Saturday" is the day before it, not six days after.
    assert found is not None and found.published == datetime.date(2021, 5, 16)


CAUSE = (
    "Bridge blast\n\n"
    "VARNIK, March 6, 2023 (Reuters) - An explosion tore through the Velmar rail bridge near "
    "Varnik on Saturday, killing three people.\n"
)
EFFECT = (
    "Repairs begin\n\n"
    "Engineers from Tarnovka began repairs on the Velmar rail bridge on Monday, the regional "
    "office said.\n\n"
    "An explosion tore through the Velmar rail bridge on Saturday, killing three people.\n"
)
FOLLOW_UP = (
    "Repair crews\n\n"
    "Tarnovka engineers began repairs on the damaged Velmar rail bridge on Monday, the regional "
    "office told reporters.\n"
)


def test_undated_articles_are_tried_again_while_one_gets_dated(gazetteer, tmp_path):
    # In reading order the follow-up comes first: it lines up only with the repairs, which the
    # second article tells once the first has dated it.
    (tmp_path / "a_follow_up.txt").write_text(FOLLOW_UP, encoding="utf-8")
    (tmp_path / "b_effect.txt").write_text(EFFECT, encoding="utf-8")
    (tmp_path / "c_cause.txt").write_text(CAUSE, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Article.objects.get(source_file="b_effect.txt").published == datetime.date(2023, 3, 6)
    follow_up = Article.objects.get(source_file="a_follow_up.txt")
    assert follow_up.published == datetime.date(2023, 3, 6)
    repairs = Event.objects.get(start="2023-03-06")
    assert set(repairs.citations.values_list("article__source_file", flat=True)) == {
        "a_follow_up.txt",
        "b_effect.txt",
    }


def _ingest(folder):
    call_command("ingest", str(folder), stdout=io.StringIO(), stderr=io.StringIO())


def test_an_article_nothing_could_date_is_not_read_again(gazetteer, tmp_path, monkeypatch):
    from timeline.ingest import dating

    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "figures.txt").write_text(
        "Grain figures\n\nThe committee published its yearly figures, which showed the cost of "
        "grain rising across the provinces and the herds shrinking.\n",
        encoding="utf-8",
    )
    _ingest(tmp_path / "one")
    figures = Article.objects.get(source_file="figures.txt")
    assert figures.published is None and not figures.may_date_from_corpus
    probed = []
    monkeypatch.setattr(
        dating, "undated_probe", lambda *args: probed.append(args) or undated_probe(*args)
    )
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "dated.txt").write_text(DATED, encoding="utf-8")
    _ingest(tmp_path / "two")
    assert probed == []
    assert Article.objects.get(pk=figures.pk).corpus_dating_tried == figures.corpus_dating_tried


def test_stored_undated_articles_are_retried_a_bounded_number_per_run_oldest_try_first(
    gazetteer, tmp_path, monkeypatch
):
    from timeline.ingest import dating

    monkeypatch.setattr(dating, "REDATE_LIMIT", 2)
    first = tmp_path / "first"
    first.mkdir()
    for n, town in enumerate(["Jermuk", "Goris", "Kapan"]):
        (first / f"undated{n}.txt").write_text(UNDATED.replace("Jermuk", town), encoding="utf-8")
    _ingest(first)
    stored = list(Article.objects.filter(published__isnull=True).order_by("id"))
    assert len(stored) == 3 and all(a.may_date_from_corpus for a in stored)
    probed = []

    def counting(cleaned, meta, gazetteer):
        probed.append(cleaned.body)
        return undated_probe(cleaned, meta, gazetteer)

    monkeypatch.setattr(dating, "undated_probe", counting)
    for n, expected in enumerate(([0, 1], [2, 0])):
        later = tmp_path / f"later{n}"
        later.mkdir()
        (later / "other.txt").write_text(
            f"Talks\n\nMOSCOW, May {n + 3}, 2022. Envoys met in Geneva for talks.\n",
            encoding="utf-8",
        )
        probed.clear()
        _ingest(later)
        assert probed == [clean(stored[i].raw_text).body for i in sorted(expected)]


def test_a_text_too_long_to_search_is_extracted_as_it_stands(gazetteer, monkeypatch):
    from timeline.ingest import extracting

    cleaned, known = clean(UNDATED), extracting.load_gazetteer()
    meta = extract_metadata(cleaned)
    assert undated_probe(cleaned, meta, known).could_be_dated
    monkeypatch.setattr(extracting, "MAX_CHARS", len(cleaned.body) - 1)
    probe = undated_probe(cleaned, meta, known)
    assert not probe.could_be_dated and probe.found is not None and probe.found.sentences


def test_an_undated_article_with_events_of_its_own_is_dated_once_its_sources_arrive(
    gazetteer, tmp_path
):
    # A full date elsewhere in the text gives it an event before it is dated; the corpus dates
    # it all the same, and that event keeps its one citation.
    (tmp_path / "a_undated.txt").write_text(
        UNDATED + "\nArmenia held snap parliamentary elections in June 2021.\n", encoding="utf-8"
    )
    (tmp_path / "b_dated.txt").write_text(DATED, encoding="utf-8")
    _ingest(tmp_path)
    undated = Article.objects.get(source_file="a_undated.txt")
    assert undated.published == datetime.date(2023, 3, 5)
    shelling = Event.objects.get(start="2023-03-01")
    assert set(shelling.citations.values_list("article__source_file", flat=True)) == {
        "a_undated.txt",
        "b_dated.txt",
    }
    elections = Event.objects.get(start="2021-06-01", precision="month")
    assert elections.citations.count() == 1


def test_known_events_are_found_under_another_spelling_of_an_actor(gazetteer, tmp_path):
    (tmp_path / "a_undated.txt").write_text(
        "Governor killed\n\n"
        "Regional governor Tarek Osmane was shot dead in Velmar on Wednesday, his office said.\n\n"
        "On Friday, mourners marched through Velmar behind Tarek Osmane's coffin.\n",
        encoding="utf-8",
    )
    (tmp_path / "b_dated.txt").write_text(
        "Governor's death\n\n"
        "Regional governor Tarek Ossmane was shot dead in Velmar on March 1, 2023, his office "
        "said.\n\n"
        "On March 3, 2023, mourners marched through Velmar behind Tarek Ossmane's coffin.\n",
        encoding="utf-8",
    )
    _ingest(tmp_path)
    assert Article.objects.get(source_file="a_undated.txt").published == datetime.date(2023, 3, 3)
    funeral = Event.objects.get(start="2023-03-03")
    assert funeral.citations.count() == 2
