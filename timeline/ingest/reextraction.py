"""Re-extraction: the current extractor runs over an article already stored, and what it makes
is reconciled with what it made last time and with what editors did since.

Who owns an event decides (``ownership``); the changes are decided by the one matcher
(``merging.Plan``) and stored by ``writing.write``, as in ingestion. The rules are in the
docstring of ``reextract_article``.
"""

import dataclasses
from collections import defaultdict

from django.db import transaction

from articles.models import Article
from articles.text.cleaning import clean
from articles.text.metadata import DateSource, Metadata, extract_metadata
from timeline.extraction.document import TooManyDates, extract
from timeline.extraction.events import EventDraft
from timeline.extraction.gazetteer import Gazetteer
from timeline.ingest.dating import date_from_corpus
from timeline.ingest.extracting import load_gazetteer
from timeline.ingest.files import IngestError, IngestResult
from timeline.ingest.merging import ArticlePlan, EventState, Plan
from timeline.ingest.writing import wait_for_other_ingests, write
from timeline.models import (
    DATE_FIELDS,
    Actor,
    Citation,
    Event,
    EventActor,
    nearest_occurrence,
)

# Markers in Event.edited_fields for a decision about the event as a whole, not one field: its
# citations were curated (merge, split, inline edit) or its status was set (reviewed, rejected).
WHOLE_EVENT_EDITS = frozenset({"citations", "merged", "split", "status"})
MACHINE, LOCKED, FROZEN = "machine", "locked", "frozen"


def ownership(event: Event) -> str:
    """Who owns an event, as re-extraction sees it.

    machine: no editor touched it; the extractor may rebuild it.
    locked:  an editor changed some fields; those stand, the others may follow the extractor.
    frozen:  reviewed or rejected, merged, split or its citations edited: it stays as it is.
    """
    if event.status != Event.Status.EXTRACTED or WHOLE_EVENT_EDITS & set(event.edited_fields):
        return FROZEN
    return LOCKED if event.edited_fields else MACHINE


def reextract_article(
    article: Article,
    *,
    manifest: dict | None = None,
    gazetteer: Gazetteer | None = None,
    dry_run: bool = False,
) -> IngestResult:
    """Extract an article already in the database again, with the current extractor.

    Reconciliation, one transaction per article:

    - Each new draft is paired with the citation this article made for it last time: the same
      sentence and date expression, else the same place among the sentence's dates.
    - Citations of *machine* events (no editor touched them) are removed and rebuilt from the
      drafts; an event this article alone reported is reused for its sentence's draft and takes
      the new date, summary, type, actors and places, unless the draft now matches an event
      already there (another report, a merge tombstone), which it joins as in ingestion.
    - *Frozen* events (reviewed, rejected, merged, split, citations edited) keep their
      citations and every field; their sentences' drafts are absorbed by them, so a rejected
      event is never resurrected and a merge or split stands.
    - *Locked* events (some fields edited) keep their citations; when this article alone reports
      them, the fields not in Event.edited_fields follow the draft (the date as a whole).
    - Machine events left without citations are deleted, with the unreviewed actor candidates
      nothing refers to any more.
    - An editor's or a manifest's publication date stands; otherwise the date is derived again
      (text, then the stored date, then the corpus). Other article metadata is not touched.
    """
    result = IngestResult(source=article.source_file, status="reextracted", article_id=article.pk)
    gazetteer = gazetteer or load_gazetteer()
    cleaned = clean(article.raw_text)
    meta = _reextraction_metadata(article, cleaned, manifest, gazetteer)
    try:
        with transaction.atomic():
            _reconcile(article, cleaned, meta, gazetteer, result)
            if dry_run:
                transaction.set_rollback(True)
    except (IngestError, TooManyDates) as exc:  # TooManyDates: stored before the limit
        result.status = "failed"
        result.message = str(exc)
        return result
    if meta.published is None:
        result.warnings.append(
            "publication date unknown: relative dates were not resolved; flagged for an editor"
        )
    return result


def _reextraction_metadata(article, cleaned, manifest, gazetteer) -> Metadata:
    meta = extract_metadata(cleaned, manifest)
    if article.published is not None and (
        article.published_source == Article.DateSource.MANIFEST or meta.published is None
    ):
        # An editor's or a manifest's date is a fact from outside the text; and a date found
        # earlier (from the corpus) is better than none.
        return dataclasses.replace(
            meta,
            published=article.published,
            published_source=DateSource(article.published_source),
            published_confidence=article.published_confidence,
            published_reasoning=article.published_reasoning,
        )
    if meta.published is None:
        meta = date_from_corpus(cleaned, meta, gazetteer)
    return meta


def _reconcile(article, cleaned, meta, gazetteer, result) -> None:
    found = extract(cleaned, meta, gazetteer)
    wait_for_other_ingests()  # it may create events, as an ingest does
    # The article's events are locked, then read: an editor's save of one of them waits until
    # this transaction ends, or this reads what the editor saved (the edited fields included),
    # so an edit is never overwritten by a reading taken before it.
    list(
        Event.objects.select_for_update(of=("self",))
        .filter(citations__article=article)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    citations = list(article.citations.select_related("event").order_by("start", "id"))
    events = {c.event_id: c.event for c in citations}
    owner = {pk: ownership(event) for pk, event in events.items()}
    shared = set(
        Citation.objects.filter(event_id__in=events)
        .exclude(article=article)
        .values_list("event_id", flat=True)
    )
    # Events this article alone reports may follow the new extraction, date and all; a shared
    # event whose first report is this article follows its wording (summary, type).
    alone = {pk for pk in events if pk not in shared and owner[pk] != FROZEN}
    first_report: dict[int, int] = {}
    for event_id, article_id in (
        Citation.objects.filter(event_id__in=shared)
        .order_by("id")
        .values_list("event_id", "article_id")
    ):
        first_report.setdefault(event_id, article_id)
    leads = {pk for pk, article_id in first_report.items() if article_id == article.pk}
    candidates = set(
        EventActor.objects.filter(event_id__in=events, actor__reviewed=False).values_list(
            "actor_id", flat=True
        )
    )

    machine = [c for c in citations if owner[c.event_id] == MACHINE]
    if cleaned.body != article.body:
        # Cleaning changed: the machine's offsets mean nothing now; editors' citations move.
        Citation.objects.filter(pk__in=[c.pk for c in machine]).delete()
        citations = [c for c in citations if owner[c.event_id] != MACHINE]
        machine = []
    _update_article(article, cleaned, meta, citations)
    previous = _pair(found.drafts, [c for c in citations if c.stance == Citation.Stance.SUPPORTS])

    plan = Plan(lambda: gazetteer)
    plan.prepare(found)
    plan.load_events(set(events))
    target = ArticlePlan(None, meta, result, article=article)
    target.stored = {(c.event_id, c.start): c for c in citations}
    # The events an editor owns already have this article's citations: none is added.
    target.kept = {id(plan.events[pk]) for pk, who in owner.items() if who != MACHINE}
    disputed = {id(d.draft) for d in found.disputes}
    followed: set[int] = set()
    event_of: dict[int, EventState] = {}
    for draft in found.drafts:
        old = previous.get(id(draft))
        who = owner[old.event_id] if old is not None else None
        if who == FROZEN:
            continue  # an editor decided what this sentence reports; the draft is absorbed
        if who == LOCKED:
            state = plan.events[old.event_id]
            if state.pk in alone and state.pk not in followed:
                followed.add(state.pk)
                result.events_updated += _follow(plan, state, draft, id(draft) in disputed)
                plan.join(state, draft, locked=frozenset(state.edited_fields))
            elif state.pk in leads and state.pk not in followed:
                followed.add(state.pk)
                result.events_updated += _follow(plan, state, draft, wording_only=True)
            now = (draft.date.text[:200], draft.date.rule[:40], draft.act)
            if (old.date_text, old.date_rule, old.act) != now:
                target.redated.append((old, *now))
            event_of[id(draft)] = state
            continue
        reuse = plan.events[old.event_id] if who == MACHINE and old.event_id in alone else None
        if reuse is not None and reuse.pk in followed:
            reuse = None
        state, created = plan.find_or_create(
            draft, fallback=reuse, before=event_of.get(id(draft.after)), article=target
        )
        fresh = created
        if owner.get(state.pk) == MACHINE and state.pk not in followed:
            if state.pk in alone:
                followed.add(state.pk)
                result.events_updated += _follow(plan, state, draft, id(draft) in disputed)
                fresh = True
            elif state.pk in leads:
                followed.add(state.pk)
                result.events_updated += _follow(plan, state, draft, wording_only=True)
        event_of[id(draft)] = state
        plan.link(target, draft, state, "created" if created else None if fresh else "merged")
    plan.record_disputes(target, found, event_of)
    for state in event_of.values():
        state.text_stale = True  # an editor's summary may not be in it yet

    # The machine's citations the current extractor did not make again go, then the machine
    # events nothing cites any more.
    stale = [c for c in machine if c.pk not in target.touched]
    for citation in stale:
        plan.events[citation.event_id].drop_quote(article.pk, citation.start)
    write(plan, [target])
    Citation.objects.filter(pk__in=[c.pk for c in stale]).delete()
    for pk, who in owner.items():
        if who == MACHINE and not Citation.objects.filter(event_id=pk).exists():
            events[pk].delete()
            result.events_removed += 1
    Actor.objects.filter(pk__in=candidates, reviewed=False, event_roles__isnull=True).delete()


def _follow(
    plan: Plan,
    state: EventState,
    draft: EventDraft,
    contested: bool = False,
    wording_only: bool = False,
) -> int:
    """The event takes the draft's reading, except the fields an editor changed. 1 if it changed.

    Its actors and places are cleared (unless an editor's) for the draft to set them again.
    ``wording_only``: an event other reports share takes the summary and type, nothing else.
    """
    locked = set(state.edited_fields)
    if wording_only:
        locked |= DATE_FIELDS | {"contested", "actors", "places"}
    mention = draft.date
    values = {"summary": draft.summary, "event_type": draft.event_type, "contested": contested}
    if not locked & DATE_FIELDS:
        values.update(
            start=mention.first,
            end=mention.last,
            precision=mention.precision.value,
            date_confidence=max(0.0, min(1.0, mention.confidence)),
        )
    changed = {
        name
        for name, value in values.items()
        if name not in locked and getattr(state, name) != value
    }
    if changed & {"start", "end", "precision"}:
        plan.redate(state, values["start"], values["end"], values["precision"])
    for name in changed & {"date_confidence", "contested"}:
        setattr(state, name, values[name])
    if "event_type" in changed:
        state.retype(values["event_type"])
    if "summary" in changed:
        state.summary = values["summary"]
    state.changed |= changed
    if "actors" not in locked:
        plan.clear_roles(state)
    if "places" not in locked:
        plan.clear_places(state)
    return int(bool(changed))


def _update_article(article, cleaned, meta, kept: list[Citation]) -> None:
    """New publication date and body; the citations that stay move with their sentences."""
    if cleaned.body != article.body:
        for citation in kept:
            at = nearest_occurrence(cleaned.body, citation.quote, citation.start)
            if at < 0:
                raise IngestError(
                    f"the cleaned text changed and no longer contains the sentence an editor's "
                    f"event {citation.event_id} cites ({citation.quote[:60]!r})"
                )
            citation.end = at + (citation.end - citation.start)
            citation.start = at
            citation.save(update_fields=["start", "end"])
    values = {
        "body": cleaned.body,
        "published": meta.published,
        "published_source": DateSource(meta.published_source).value,
        "published_confidence": meta.published_confidence,
        "published_reasoning": meta.published_reasoning,
    }
    changed = [name for name, value in values.items() if getattr(article, name) != value]
    for name in changed:
        setattr(article, name, values[name])
    if changed:
        article.save(update_fields=changed)


def _pair(drafts, citations) -> dict[int, Citation]:
    """The citation each draft made last time: same sentence, same date text, else same rank."""
    by_start: dict[int, list[Citation]] = defaultdict(list)
    for citation in citations:
        by_start[citation.start].append(citation)
    drafts_at: dict[int, list[EventDraft]] = defaultdict(list)
    for draft in drafts:
        drafts_at[draft.sentence.start].append(draft)
    pairs: dict[int, Citation] = {}
    for start, here in drafts_at.items():
        olds = sorted(
            by_start.get(start, []),
            key=lambda c: (c.quote.find(c.date_text) if c.date_text else -1, c.pk),
        )
        unpaired = []
        for draft in here:
            same = next((c for c in olds if c.date_text == draft.date.text[:200]), None)
            if same is None:
                unpaired.append(draft)
            else:
                pairs[id(draft)] = same
                olds.remove(same)
        for draft, citation in zip(unpaired, olds, strict=False):
            pairs[id(draft)] = citation
    return pairs
