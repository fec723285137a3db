"""Publication dates from the corpus: an article whose text gives no year is dated by lining its
relative dates up with the events other articles reported (timeline/extraction/corpus_dating.py).

Within a batch, ``merging.Plan.plan`` does it for each undated file against the events stored
and those earlier files of the batch made. ``redate_undated_articles`` gives the articles still
undated another chance after each ingest, once the reports they line up with may have arrived.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article
from articles.text.cleaning import CleanText, clean
from articles.text.metadata import Metadata, date_within, extract_metadata
from timeline.extraction.document import extract
from timeline.extraction.gazetteer import Gazetteer
from timeline.ingest.extracting import Undated, load_gazetteer, undated_probe
from timeline.ingest.files import IngestResult
from timeline.ingest.merging import ArticlePlan, Plan, corpus_years
from timeline.ingest.writing import wait_for_other_ingests, write
from timeline.models import Citation


def date_from_corpus(cleaned: CleanText, meta: Metadata, gazetteer: Gazetteer) -> Metadata:
    """Metadata with an inferred publication date when known events pin one down; unchanged otherwise."""
    undated = undated_probe(cleaned, meta, gazetteer)
    if not undated.findable:
        return meta
    plan = Plan(lambda: gazetteer)
    plan.load_known(undated.names, undated.story)
    return plan.date_from_corpus(cleaned, meta, undated)


def _merge_dated(
    plan: Plan, article: Article, cleaned: CleanText, meta: Metadata, gazetteer: Gazetteer
) -> ArticlePlan:
    """The article takes the date the corpus gave and its drafts join the plan."""
    article.published = meta.published
    article.published_source = meta.published_source.value
    article.published_confidence = meta.published_confidence
    article.published_reasoning = meta.published_reasoning
    found = extract(cleaned, meta, gazetteer)
    plan.prepare(found)
    result = IngestResult(source=article.source_file, status="created", article_id=article.pk)
    target = ArticlePlan(None, meta, result, article=article)
    plan.merge(target, found)
    return target


# Stored articles re-read per run at most, least recently tried first: each costs a cleaning
# and a corpus-dating probe, so a corpus of undatable reports cannot slow every ingest down.
REDATE_LIMIT = 100


def redate_undated_articles(
    gazetteer: Gazetteer | None = None, probes: dict[int, Undated] | None = None
) -> list[tuple[Article, IngestResult]]:
    """Give undated articles another chance once more of the corpus is in.

    An article ingested before the reports it can be dated against stays undated; after a batch,
    its relative dates may line up with the events that arrived later. The articles without
    events are taken in order, as in a batch: one dated here is merged into the plan, so its
    events can date the next, and those left undated are tried again while a pass dates any;
    all are written together, in one transaction. Then those with events (from a full date the
    text states) are each re-extracted once the corpus dates them. ``probes``: what corpus dating needs
    of the articles this run left undated, by article id (IngestResult.undated); all of them
    are tried, and at most REDATE_LIMIT stored ones besides. An article with nothing later
    reports could date it by (``Undated.could_be_dated``) is marked and never re-read.
    """
    probes = dict(probes or {})
    retry = Article.objects.filter(published__isnull=True, may_date_from_corpus=True)
    stored = retry.exclude(pk__in=probes).order_by(
        F("corpus_dating_tried").asc(nulls_first=True), "id"
    )[:REDATE_LIMIT]
    undated = sorted(
        [*retry.filter(pk__in=probes), *stored] if probes else stored, key=lambda a: a.pk
    )
    Article.objects.filter(pk__in=[a.pk for a in undated]).update(
        corpus_dating_tried=timezone.now()
    )
    waiting: list[tuple[Article, CleanText, Metadata]] = []
    hopeless: list[int] = []
    years = None  # the corpus's, for a weekday tied to a yearless date (metadata.date_within)
    for article in undated:
        gazetteer = gazetteer or load_gazetteer()
        cleaned = clean(article.raw_text)
        meta = extract_metadata(cleaned, None)
        if meta.published is None:
            probe = probes.get(article.pk)
            if probe is None:
                probe = probes[article.pk] = undated_probe(cleaned, meta, gazetteer)
            if probe.could_be_dated:
                waiting.append((article, cleaned, meta))
                continue
            if years is None:
                years = corpus_years()
            if date_within(cleaned, meta, years).published is not None:
                waiting.append((article, cleaned, meta))
            else:
                hopeless.append(article.pk)
    Article.objects.filter(pk__in=hopeless).update(may_date_from_corpus=False)
    # An article that states a full date somewhere ("after the 2021 coup") has events from it
    # already: once dated, it is re-extracted, which keeps what editors did to those.
    cited = set(
        Citation.objects.filter(article__in=[a for a, _, _ in waiting])
        .values_list("article_id", flat=True)
        .distinct()
    )
    reported = [entry for entry in waiting if entry[0].pk in cited]
    waiting = [entry for entry in waiting if entry[0].pk not in cited]
    return [
        *_date_fresh(waiting, retry, probes, gazetteer),
        *_date_reported(reported, probes, gazetteer),
    ]


def _date_fresh(waiting, retry, probes, gazetteer) -> list[tuple[Article, IngestResult]]:
    """The articles without events that the corpus dates, extracted and written together."""
    if not waiting:
        return []
    with transaction.atomic():
        wait_for_other_ingests()
        # A concurrent run may have dated some while this one read them.
        unchanged = set(
            retry.filter(pk__in=[a.pk for a, _, _ in waiting]).values_list("pk", flat=True)
        )
        waiting = [entry for entry in waiting if entry[0].pk in unchanged]
        plan = Plan(lambda known=gazetteer: known)
        dated = _date_in_turn(plan, waiting, probes, gazetteer)
        for article, _ in dated:
            article.save(
                update_fields=[
                    "published",
                    "published_source",
                    "published_confidence",
                    "published_reasoning",
                ]
            )
        if dated:
            write(plan, [target for _, target in dated])
    return [(article, target.result) for article, target in dated]


def _date_reported(reported, probes, gazetteer) -> list[tuple[Article, IngestResult]]:
    """The articles with events that the corpus dates, each re-extracted under its new date.
    One plan reads the known events for all (those re-extracted here are not among them)."""
    from timeline.ingest.reextraction import reextract_article  # it dates from the corpus too

    done = []
    plan = Plan(lambda known=gazetteer: known)
    for article, cleaned, meta in reported:
        probe = probes[article.pk]
        plan.load_known(probe.names, probe.story)
        if plan.date_from_corpus(cleaned, meta, probe).published is None:
            continue
        result = reextract_article(article, gazetteer=gazetteer)
        if result.status != "failed":
            article.refresh_from_db()
            done.append((article, result))
    return done


def _date_in_turn(
    plan: Plan,
    waiting: list[tuple[Article, CleanText, Metadata]],
    probes: dict[int, Undated],
    gazetteer: Gazetteer,
) -> list[tuple[Article, ArticlePlan]]:
    """The articles the corpus dates, each merged into the plan as it is dated. Until a pass
    dates none: an article dated in one pass may be what dates another, which came before it
    (two undated reports of one story, each naming the other's happening)."""
    dated = []
    while waiting:
        still = []
        for article, cleaned, meta in waiting:
            probe = probes[article.pk]
            plan.load_known(probe.names, probe.story)
            found_meta = plan.date_from_corpus(cleaned, meta, probe)
            if found_meta.published is None:
                still.append((article, cleaned, meta))
                continue
            dated.append((article, _merge_dated(plan, article, cleaned, found_meta, gazetteer)))
        if len(still) == len(waiting):
            break
        waiting = still
    return dated
