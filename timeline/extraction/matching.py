"""The one rule for "these two reports describe the same happening".

Pure code, no database. Ingestion asks it whether a draft reports an event already stored or
planned (timeline/ingest/merging.py), whether it reports a happening an editor merged away (a
tombstone), and corpus dating asks it whether a draft of an undated article lines up with a
known event (timeline/extraction/corpus_dating.py). The callers have already chosen candidates on
the draft's date; this module compares what the reports say.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from timeline.extraction.events import EventDraft


@dataclass(frozen=True, slots=True)
class Signature:
    """What the rule compares of a report or an event: its type, actors, speakers and words."""

    event_type: str
    actors: frozenset[str]
    words: frozenset[str]
    sources: frozenset[str] = frozenset()


def signature(draft: EventDraft, words: Iterable[str] | None = None) -> Signature:
    """A draft's signature; ``words`` when the caller has its sentence's words already."""
    return Signature(
        draft.event_type,
        frozenset(a.name for a in draft.actors),
        frozenset(draft.words if words is None else words),
        frozenset(a.name for a in draft.actors if a.role == "source"),
    )


def same_happening(a: Signature, b: Signature) -> bool:
    """Whether two reports of the same date describe one happening.

    Same type and shared actors with some shared wording; two statements by different speakers
    are different happenings even on the same day and topic. Different types merge only on much
    the same wording.
    """
    overlap = len(a.words & b.words) / max(1, min(len(a.words), len(b.words)))
    if a.event_type == b.event_type:
        if a.event_type == "statement" and a.sources and b.sources and not (a.sources & b.sources):
            return False
        if a.actors and b.actors:
            shared = len(a.actors & b.actors) / min(len(a.actors), len(b.actors))
            return shared >= 0.5 and overlap >= 0.2
        return overlap >= 0.4
    return overlap >= 0.6


# same_happening never holds for two wordings sharing less than this share of content words (its
# loosest test).
MIN_OVERLAP = 0.2


def may_be_same(words: frozenset[str], b: Signature) -> bool:
    """False when no report with these words can be the same happening as b (a cheap bound)."""
    shared = len(words & b.words)
    return shared >= MIN_OVERLAP * max(1, min(len(words), len(b.words)))
