"""Corpus dating in batches: the pruned search gives the exhaustive search's answer.

infer_publication_date resolves the text in full only for the candidate dates whose upper bound
(timeline.extraction.corpus_dating.profile_dates) can reach the best score; infer_exhaustively
resolves every candidate. They must agree, whatever relative expressions the text uses.
"""

import datetime
import io
import random

import pytest
from django.core.management import call_command

from articles.text.cleaning import clean
from articles.text.metadata import extract_metadata
from articles.text.temporal import find_dates
from tests.made_articles import make_articles
from timeline.extraction.corpus_dating import (
    KnownEvent,
    infer_exhaustively,
    infer_publication_date,
    profile_dates,
)
from timeline.extraction.events import build_drafts, content_words
from timeline.extraction.matching import Signature, report, signature
from timeline.ingest import load_gazetteer
from timeline.ingest.extracting import undated_probe
from timeline.ingest.merging import Plan, may_match, same_for_dating

# Texts with no year, each leaning on other kinds of relative dates (articles/text/temporal.py).
TEXTS = {
    "weekdays": (
        "Border incident\n\nTEHRAN (Tasnim) – The Azerbaijani foreign ministry told reporters on "
        "Sunday that talks must go on.\n\nOn Wednesday, the Armenian Defense Ministry said that "
        "Azerbaijani troops had shelled positions near Jermuk. Later that day, Nikol Pashinyan "
        "called an emergency meeting.\n\nOn Friday, Armenian Prime Minister Nikol Pashinyan sent "
        "letters to the CSTO asking for help. Later on Friday, the CSTO said it was following "
        "the situation.\n"
    ),
    "days and weeks": (
        "Fresh clashes\n\nBAKU (Tasnim) – Azerbaijani troops shelled Armenian positions near "
        "Goris yesterday, the Armenian Defense Ministry said today. Two days ago, Ilham Aliyev "
        "met Vladimir Putin in Moscow. Last week, Armenian officials held talks in Brussels. "
        "The next day, Nikol Pashinyan spoke to Charles Michel. Over the weekend, troops "
        "withdrew from the border. Talks will continue on Tuesday.\n"
    ),
    "year-less dates": (
        "Talks resume\n\nYEREVAN (Tasnim) – On May 12, Azerbaijani troops crossed the border "
        "near Jermuk, the Armenian Defense Ministry said on Thursday. On May 14, Nikol Pashinyan "
        "asked the CSTO for help. In March, Ilham Aliyev met Vladimir Putin.\n"
    ),
    "months and years": (
        "A year on\n\nMOSCOW (Tasnim) – Last month, Nikol Pashinyan and Ilham Aliyev met in "
        "Brussels, and on Monday they spoke again. Last year, Azerbaijani troops advanced into "
        "Armenia. This spring, Russian peacekeepers were deployed to the Lachin corridor. Three "
        "months ago, the CSTO sent a mission. Later that year, talks stalled.\n"
    ),
    "a leap day": (
        "Leap day talks\n\nBAKU (Tasnim) – On February 29, Nikol Pashinyan met Ilham Aliyev. The "
        "next day, Azerbaijani troops shelled positions near Jermuk, the ministry said on "
        "Saturday.\n"
    ),
}


def same(draft, event):
    return same_for_dating(draft, event)


def known_from(text, sentences, entities, published, rng, decoys=25):
    """The events the text reports if published on that day, plus unrelated and near misses."""
    drafts = build_drafts(sentences, find_dates(text, published), entities)
    known = [
        KnownEvent(d.date.first, signature(d))
        for d in drafts
        if d.date.relative and d.date.last is None
    ]
    for index in range(decoys):
        day = published + datetime.timedelta(days=rng.randint(-400, 400))
        if index % 3 == 0 and known:  # the same happening on another day
            twin = rng.choice(known)
            known.append(KnownEvent(day, twin.signature))
        else:
            words = " ".join(rng.sample(sorted(content_words(text)), 4)) + " unrelated"
            known.append(
                KnownEvent(day, Signature((report(words, "statement"),), frozenset({"Armenia"})))
            )
    known.sort(key=lambda e: (-e.start.toordinal(), e.label))
    return known


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_the_pruned_search_finds_what_trying_every_date_finds(name, gazetteer):
    gazetteer = load_gazetteer()
    text = TEXTS[name]
    if name != "a leap day":
        assert undated_probe(
            clean(text), extract_metadata(clean(text), None), gazetteer
        ).profile.drafted
    cleaned = clean(text)
    meta = extract_metadata(cleaned, None)
    assert meta.published is None
    undated = undated_probe(cleaned, meta, gazetteer)
    rng = random.Random(name)
    found = 0
    for _ in range(4):
        published = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500))
        known = known_from(cleaned.body, undated.sentences, undated.entities, published, rng)
        fast = infer_publication_date(
            cleaned.body,
            undated.sentences,
            undated.entities,
            known,
            same,
            profile=undated.profile,
            may_match=may_match,
        )
        slow = infer_exhaustively(cleaned.body, undated.sentences, undated.entities, known, same)
        assert fast == slow, (name, published)
        plain = infer_publication_date(
            cleaned.body,
            undated.sentences,
            undated.entities,
            known,
            same,
            profile=profile_dates(cleaned.body, undated.sentences),  # without the drafts
        )
        assert plain == slow, (name, published)
        found += fast is not None
    if name != "a leap day":
        assert found, "the texts should get dated at least once, or the test proves little"


def test_a_leap_day_is_never_pruned():
    text = TEXTS["a leap day"]
    assert profile_dates(text, []).exhaustive
    assert not profile_dates(TEXTS["weekdays"], []).exhaustive


def test_a_text_with_no_relative_date_is_profiled_with_one_resolution(monkeypatch):
    calls = []
    original = find_dates

    def counting(text, published):
        calls.append(published)
        return original(text, published)

    monkeypatch.setattr("timeline.extraction.corpus_dating.find_dates", counting)
    profile_dates("Talks were held on 3 May 2021 in Moscow.", [])
    assert len(calls) == 1
    calls.clear()
    profile_dates(TEXTS["weekdays"], [])
    assert len(calls) == 7


def test_the_corpus_of_a_batch_dates_its_undated_articles_as_before(gazetteer, tmp_path):
    """Every undated article of a realistic corpus: pruned and exhaustive agree on the events
    the corpus knows after the run."""
    folder = tmp_path / "corpus"
    paths = make_articles(folder, 40, seed=11)
    call_command("ingest", str(folder), stdout=io.StringIO(), stderr=io.StringIO())
    gazetteer = load_gazetteer()
    searched = 0
    for path in paths:
        cleaned = clean(path.read_text(encoding="utf-8"))
        meta = extract_metadata(cleaned, None)
        if meta.published is not None:
            continue
        undated = undated_probe(cleaned, meta, gazetteer)
        batch = Plan(lambda: gazetteer)
        batch.load_known(undated.names)
        known = batch.known_events(undated.names)
        args = (cleaned.body, undated.sentences, undated.entities, known, same)
        fast = infer_publication_date(*args, profile=undated.profile, may_match=may_match)
        assert fast == infer_exhaustively(*args), path.name
        # The corpus holds the same stories at many dates, so most searches end in a tie; they
        # must still have been searches.
        searched += bool(known) and len(undated.profile.mentions) >= 2
    assert searched


def test_equally_good_dates_far_apart_give_no_date_and_the_search_stops_early(
    gazetteer, monkeypatch
):
    gazetteer = load_gazetteer()
    cleaned = clean(TEXTS["weekdays"])
    undated = undated_probe(cleaned, extract_metadata(cleaned, None), gazetteer)
    rng = random.Random(3)
    known = []
    for week in range(0, 40 * 7, 7):  # the same story reported under forty weeks
        published = datetime.date(2021, 1, 3) + datetime.timedelta(days=week)
        known += known_from(cleaned.body, undated.sentences, undated.entities, published, rng, 0)
    known.sort(key=lambda e: -e.start.toordinal())
    args = (cleaned.body, undated.sentences, undated.entities, known, same)
    assert infer_exhaustively(*args) is None
    resolutions = []
    original = find_dates

    def counting(text, published):
        resolutions.append(published)
        return original(text, published)

    monkeypatch.setattr("timeline.extraction.corpus_dating.find_dates", counting)
    fast = infer_publication_date(*args, profile=undated.profile, may_match=may_match)
    assert fast is None
    assert len(resolutions) < 40  # fewer than one per week the story fits
