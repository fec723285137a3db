"""Date an article whose text gives no year by lining its relative dates up with known events.

A wire story that says only "on Wednesday the ministry said … ; on Friday the premier wrote …"
cannot be dated from its own text. But when other articles already reported those happenings
with full dates, there is usually one publication date under which this article's weekday and
relative mentions land on the same days as those events. We try the days around every known
event that shares actors with the article and keep the date that makes the most drafts coincide
with a known event (same date, same happening). The result is stored as *inferred*, with the
reasoning, for an editor to confirm; a tie between distant dates or a single coincidence is not
enough.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from articles.text.temporal import find_dates
from timeline.extraction.events import EventDraft, SentenceInput, build_drafts
from timeline.extraction.gazetteer import EntityMention

MIN_MATCHES = 2
WEEK = 7


@dataclass(frozen=True, slots=True)
class KnownEvent:
    start: datetime.date
    event_type: str
    actors: frozenset[str]
    words: frozenset[str]
    label: str = ""
    sources: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CorpusDate:
    published: datetime.date
    matches: tuple[KnownEvent, ...]

    @property
    def reasoning(self) -> str:
        days = ", ".join(sorted({e.start.isoformat() for e in self.matches}))
        return (
            f"No year in the text; its relative dates line up with {len(self.matches)} events other "
            f"articles reported ({days}) if it was published on {self.published.isoformat()}."
        )


SameHappening = Callable[[EventDraft, KnownEvent], bool]


def _screen_by_weekdays(
    text: str, candidates: list[datetime.date], by_day: dict[datetime.date, list[KnownEvent]]
) -> list[datetime.date]:
    """Candidate dates on which at least two past weekdays of the text land on known events.

    "on Wednesday" in a text published on D means the last Wednesday on or before D, so it can
    only hit a known Wednesday E when E <= D < E + 7. That needs no re-resolution of the text,
    so the full (costly) check runs only on the few dates this leaves. An empty answer means
    the text has too few weekdays for the screen, and every candidate is tried.
    """
    probe = candidates[-1]
    weekdays = [m.first.weekday() for m in find_dates(text, probe) if m.rule == "weekday-past"]
    if len(weekdays) < MIN_MATCHES:
        return []
    known_days = sorted(by_day)
    kept = []
    for published in candidates:
        window = [
            day
            for day in known_days
            if published - datetime.timedelta(days=WEEK - 1) <= day <= published
        ]
        hits = sum(any(day.weekday() == weekday for day in window) for weekday in weekdays)
        if hits >= MIN_MATCHES:
            kept.append(published)
    return kept


def infer_publication_date(
    text: str,
    sentences: Sequence[SentenceInput],
    entities: Sequence[EntityMention],
    known: Sequence[KnownEvent],
    same_happening: SameHappening,
) -> CorpusDate | None:
    """The publication date under which most relative drafts coincide with known events."""
    if not known:
        return None
    by_day: dict[datetime.date, list[KnownEvent]] = {}
    for event in known:
        by_day.setdefault(event.start, []).append(event)
    candidates = sorted(
        {event.start + datetime.timedelta(days=d) for event in known for d in range(WEEK)}
    )
    scored: list[tuple[int, datetime.date, tuple[KnownEvent, ...], list[EventDraft]]] = []
    for published in candidates:
        drafts = [
            d
            for d in build_drafts(sentences, find_dates(text, published), entities)
            if d.date.relative
        ]
        matches = []
        for draft in drafts:
            if draft.date.last is not None:
                continue
            for event in by_day.get(draft.date.first, ()):
                if same_happening(draft, event):
                    matches.append(event)
                    break
        if matches:
            scored.append((len(matches), published, tuple(matches), drafts))
    if not scored:
        return None
    best = max(score for score, *_ in scored)
    if best < MIN_MATCHES:
        return None
    top = [
        (published, matches, drafts)
        for score, published, matches, drafts in scored
        if score == best
    ]
    # Every best date must lie within one week, or the text fits several moments equally well.
    if (top[-1][0] - top[0][0]).days >= WEEK:
        return None
    # Among equally good dates prefer the first on which every past weekday the article mentions
    # falls on or after the earliest matched event: a report is written after what it recounts.
    for published, matches, drafts in top:
        earliest = min(event.start for event in matches)
        if all(d.date.first >= earliest for d in drafts if d.date.rule == "weekday-past"):
            return CorpusDate(published, matches)
    published, matches, _ = top[0]
    return CorpusDate(published, matches)
