"""Date an article whose text gives no year by lining its relative dates up with known events.

A wire story that says only "on Wednesday the ministry said … ; on Friday the premier wrote …"
cannot be dated from its own text. But when other articles already reported those happenings
with full dates, there is usually one publication date under which this article's weekday and
relative mentions land on the same days as those events. We try the days around every known
event that shares actors with the article and keep the date that makes the most drafts coincide
with a known event (same date, same happening). The result is stored as *inferred*, with the
reasoning, for an editor to confirm; a tie between distant dates is not enough, and a single
coincidence dates the article only when no other week of the corpus fits it as well, with less
confidence (ingest.merging.corpus_dated).

Resolving the whole text again for every candidate date costs about a millisecond each, and a
corpus gives thousands of candidates. So the search is pruned without changing its answer
(``DateProfile``): the text is resolved once for each day of the week, which tells for every
weekday-like mention ("on Friday", "yesterday", "later that day", "two days ago") where it lands
for any publication date falling on that day of the week. That bounds from above how many drafts
can hit a known event under each candidate date; only the candidates whose bound reaches the best
score found so far are resolved in full. Mentions whose value moves with the year or the month
("May 12", "last month") are counted as hits wherever they could be, which keeps the bound safe.
"""

import dataclasses
import datetime
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wordfreq import zipf_frequency

from articles.text.temporal import DateMention, Precision, Rule, find_dates
from timeline.extraction.events import (
    EVENT_ANAPHORA_RULE,
    Act,
    EventDraft,
    SentenceInput,
    build_drafts,
)
from timeline.extraction.gazetteer import EntityMention
from timeline.extraction.matching import Signature

# One relative date that lines up with a known happening dates the article, when no other week
# of the corpus fits it as well (_ambiguous): "on Saturday" beside "the bridge explosion" that
# another outlet dated. It is stored with less confidence than a date several line up with.
MIN_MATCHES = 1
# The search resolves a text once per day of the week and once per candidate date: a text
# longer than this (some 15,000 words, no single news report) is not dated from the corpus.
MAX_CHARS = 100_000
# A date a week or more from the best that scores within this many matches of it is a rival
# (``_ambiguous``).
RIVAL_MARGIN = 1
WEEK = 7


@dataclass(frozen=True, slots=True)
class KnownEvent:
    """An event another article reported: its day and what the same-happening rule compares."""

    start: datetime.date
    signature: Signature
    label: str = ""


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


# Whether a draft reports the same happening as a known event on its date; it must not depend on
# the draft's date (the search compares only drafts and events of the same day).
SameHappening = Callable[[EventDraft, KnownEvent], bool]
# A necessary condition for SameHappening, from the draft's sentence alone: False only when no
# draft of that sentence can be the same happening as the event, whatever its date.
MayMatch = Callable[[str, KnownEvent], bool]

# Rules whose value moves day for day with the publication date, so that publishing a week later
# moves it by a week (weekdays, today/yesterday, weeks, weekends, "N days ago"); day-precision
# anaphora ("later that day", "two days later", "N days after") move with their antecedent.
_SHIFTING_RULES = frozenset(rule for rule in Rule if rule.shifts_by_day)
_DAY_ANAPHORA_RULES = frozenset(rule for rule in Rule if rule.day_anaphora)
# The one date whose existence depends on the year (February 29) can make the resolver accept a
# mention under one publication date and reject it under another; such texts are not pruned.
_LEAP_DAY = re.compile(
    r"\bfeb[a-z]*\.?[^.\n]{0,20}?\b29\b|\b29(?:st|nd|rd|th)?\b[^.\n]{0,15}?\bfeb", re.IGNORECASE
)
# A Monday: the probes resolve the text on 2001-01-01 … 2001-01-07, one per day of the week.
_PROBE_MONDAY = datetime.date(2001, 1, 1)


@dataclass(frozen=True, slots=True)
class RelativeMention:
    """A date mention whose value depends on the publication date, as a function of it.

    ``offsets[w]``: for a publication date P falling on weekday w, the mention is the single day
    P + offsets[w] (None: it is absent or a range on such days, and cannot match an event).
    ``loose``: its value moves with the year or month instead ("May 12", "last month"); it is
    assumed to hit wherever an event it may match exists.
    ``draft``: the draft this mention alone makes of its sentence (DateProfile.with_drafts):
    its type, actors and words do not depend on the publication date, only its date does, so a
    known event it is not the same happening as can never be its match. None: no draft.
    """

    sentence: int
    offsets: tuple[int | None, ...]
    loose: bool
    mention: DateMention
    draft: EventDraft | None = None


@dataclass(frozen=True, slots=True)
class DateProfile:
    """How an article's relative dates move with its publication date (see the module docstring)."""

    mentions: tuple[RelativeMention, ...]
    exhaustive: bool = False  # the profile cannot bound this text: resolve every candidate
    drafted: bool = False  # each mention carries its draft

    def with_drafts(
        self, sentences: Sequence[SentenceInput], entities: Sequence[EntityMention]
    ) -> "DateProfile":
        """The profile with each mention's draft, which tightens the bound a lot.

        A mention's draft is built from it alone: with the text's other dates the resolver may
        also drop it (the same day twice in a sentence, a date coordinated with a reference
        date), never make it differently, so the bound stays safe.
        """
        mentions = tuple(
            dataclasses.replace(
                m,
                draft=next(
                    iter(build_drafts([sentences[m.sentence]], [m.mention], entities)), None
                ),
            )
            for m in self.mentions
        )
        return DateProfile(mentions, self.exhaustive, drafted=True)


_ACTS_ALIKE = {Act.REPORT: (Act.REPORT, Act.SPEECH), Act.SPEECH: (Act.SPEECH, Act.REPORT)}


# The words by which an article without actors the gazetteer knows finds the events other
# articles reported about its story: its rarest names (capitalised inside a sentence, rare in
# English: "Geneina", "Kakhovka"), a few of them.
STORY_WORDS = 4
STORY_WORD_ZIPF = 3.5
_NAME = re.compile(r"(?<=[a-z,;:]\s)[A-Z][a-z]{3,}(?![\w'’-])")
_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def story_words(sentences: Sequence[SentenceInput], profile: "DateProfile") -> frozenset[str]:
    """The article's STORY_WORDS rarest names, lower-cased, first from the sentences whose
    relative dates could line up with known events (a match must share words with them), then
    from the rest."""
    dated = {m.sentence for m in profile.mentions}
    ranked: dict[str, tuple[bool, float]] = {}
    for index, sentence in enumerate(sentences):
        for m in _NAME.finditer(sentence.text):
            word = m.group().lower()
            if word in _CALENDAR:
                continue
            rank = (index not in dated, zipf_frequency(word, "en"))
            if rank[1] < STORY_WORD_ZIPF and (word not in ranked or rank < ranked[word]):
                ranked[word] = rank
    return frozenset(sorted(ranked, key=lambda word: (ranked[word], word))[:STORY_WORDS])


def _containing_sentence(sentences: Sequence[SentenceInput], start: int, end: int) -> int | None:
    for index, sentence in enumerate(sentences):
        if sentence.start <= start and end <= sentence.end:
            return index
        if sentence.start > start:
            return None
    return None


def profile_dates(text: str, sentences: Sequence[SentenceInput]) -> DateProfile:
    """Resolve the text once per day of the week; see RelativeMention. Needs no database."""
    if _LEAP_DAY.search(text):
        return DateProfile((), exhaustive=True)
    offsets: dict[tuple[int, int], list[int | None]] = {}
    loose: set[tuple[int, int]] = set()
    first_seen: dict[tuple[int, int], DateMention] = {}
    for weekday in range(WEEK):
        if weekday == 1 and len(offsets) < MIN_MATCHES:
            # Fewer relative mentions than a date needs matches, whatever the weekday (the
            # resolver accepts the same mentions on every day of the week): no date to find.
            return DateProfile(())
        probe = _PROBE_MONDAY + datetime.timedelta(days=weekday)
        previous_moves = False
        for mention in find_dates(text, probe):
            span = (mention.start, mention.end)
            moves = mention.relative and mention.precision is Precision.DAY
            moves = moves and (
                mention.rule in _SHIFTING_RULES
                or (mention.rule in _DAY_ANAPHORA_RULES and previous_moves)
            )
            previous_moves = moves
            if not mention.relative:
                continue
            slots = offsets.setdefault(span, [None] * WEEK)
            first_seen.setdefault(span, mention)
            if not moves:
                loose.add(span)
            elif mention.last is None:
                slots[weekday] = (mention.first - probe).days
    mentions = []
    for span, slots in sorted(offsets.items()):
        sentence = _containing_sentence(sentences, *span)
        if sentence is None:
            continue  # outside the sentences that can state events: never a draft
        mentions.append(RelativeMention(sentence, tuple(slots), span in loose, first_seen[span]))
    return DateProfile(tuple(mentions))


def infer_publication_date(
    text: str,
    sentences: Sequence[SentenceInput],
    entities: Sequence[EntityMention],
    known: Sequence[KnownEvent],
    same_happening: SameHappening,
    *,
    profile: DateProfile | None = None,
    may_match: MayMatch | None = None,
) -> CorpusDate | None:
    """The publication date under which most relative drafts coincide with known events.

    ``profile`` (profile_dates of the same text and sentences) and ``may_match`` only make the
    search faster; the answer is the one trying every candidate date gives.
    """
    if not known:
        return None
    if profile is not None and not profile.exhaustive and len(profile.mentions) < MIN_MATCHES:
        return None  # fewer relative dates than a date needs matches
    by_day: dict[int, list[KnownEvent]] = {}
    for event in known:
        by_day.setdefault(event.start.toordinal(), []).append(event)
    candidates = sorted({day + d for day in by_day for d in range(WEEK)})
    if profile is None:
        profile = profile_dates(text, sentences)
    if profile.exhaustive:
        order = candidates
        bounds = None
    else:
        bounds = _upper_bounds(
            profile, sentences, by_day, set(candidates), may_match, same_happening
        )
        order = sorted(
            (day for day, bound in bounds.items() if bound >= MIN_MATCHES),
            key=lambda day: (-bounds[day], day),
        )
    scored: dict[int, tuple[int, tuple[KnownEvent, ...], list[EventDraft]]] = {}
    best = 0
    for day in order:
        if bounds is not None:
            if bounds[day] < _rival_score(best):
                break  # no date left can score as well as the best one, nor nearly as well
            if bounds[day] <= best and _ambiguous(scored, best):
                break  # no date left can outscore the best ones, and they already have a rival
        published = datetime.date.fromordinal(day)
        drafts = [
            d
            for d in build_drafts(sentences, find_dates(text, published), entities)
            # A date borrowed from an earlier happening ("Hours after the explosion") lines up
            # with nothing its antecedent does not (and the profile does not bound it).
            if d.date.relative and d.date.rule != EVENT_ANAPHORA_RULE
        ]
        matches = []
        for draft in drafts:
            if draft.date.last is not None:
                continue
            for event in by_day.get(draft.date.first.toordinal(), ()):
                if same_happening(draft, event):
                    matches.append(event)
                    break
        if matches:
            scored[day] = (len(matches), tuple(matches), drafts)
            best = max(best, len(matches))
    return _choose(scored, best)


def _rival_score(best: int) -> int:
    """The least score of a date that makes the best one doubtful when it lies a week away."""
    return max(best - RIVAL_MARGIN, MIN_MATCHES)


def _ambiguous(scored: dict[int, tuple[int, tuple, list]], best: int) -> bool:
    """Whether a date scoring ``best`` has a rival: a date a week or more away that scores nearly
    as well (``_rival_score``) on other known events than it. Then the text fits several moments
    of the corpus, as a story told again a week later does, and no date is better than a wrong
    one. A far date that lines up only some of the same events is no rival: the events it misses
    are what place the best date (the weekday that fixes a year-less 'May 12'). Best dates a
    week or more apart are rivals whatever they line up: the text does not place itself; unless
    they line up the same events and those that bring the text's own days closest together lie
    within a week, and there a weekday or other shifting date of the text falls on a matched
    day ("damaged on June 6" matches under any later date, but only in the week after June 6
    does the text's "on Tuesday" fall on it too: ``_closest``, ``_tied``)."""
    tops = [
        (day, set(map(id, matches))) for day, (score, matches, _) in scored.items() if score == best
    ]
    if tops and max(day for day, _ in tops) - min(day for day, _ in tops) >= WEEK:
        if any(top_matches != tops[0][1] for _, top_matches in tops):
            return True
        closest = _closest(scored, [day for day, _ in tops])
        if max(closest) - min(closest) >= WEEK or not all(_tied(scored[day]) for day in closest):
            return True
        tops = [(day, top_matches) for day, top_matches in tops if day in closest]
    return any(
        abs(day - top) >= WEEK and not set(map(id, matches)) <= top_matches
        for day, (score, matches, _) in scored.items()
        if score >= _rival_score(best)
        for top, top_matches in tops
    )


def _upper_bounds(
    profile: DateProfile,
    sentences: Sequence[SentenceInput],
    by_day: dict[int, list[KnownEvent]],
    candidates: set[int],
    may_match: MayMatch | None,
    same_happening: SameHappening,
) -> dict[int, int]:
    """For each candidate date (ordinal), at least as many matches as resolving it would give."""
    hit_memo: dict[tuple[int, int], bool] = {}

    variants: dict[int, list[EventDraft]] = {}

    def drafts_of(index: int) -> list[EventDraft]:
        # The mention's draft is made without the sentence's other dates, which can make a
        # statement's date the statement's alone (events.Act.SPEECH): try it either way.
        if index not in variants:
            draft = profile.mentions[index].draft
            variants[index] = [
                dataclasses.replace(draft, act=act, signature=None) if act != draft.act else draft
                for act in _ACTS_ALIKE.get(draft.act, (draft.act,))
            ]
        return variants[index]

    def could_match(index: int, event: KnownEvent) -> bool:
        if profile.drafted:
            # The draft says exactly whether it can match: no cheaper test needed.
            return any(same_happening(draft, event) for draft in drafts_of(index))
        mention = profile.mentions[index]
        return may_match is None or may_match(sentences[mention.sentence].text, event)

    def hits(index: int, day: int) -> bool:
        key = (index, day)
        if key not in hit_memo:
            hit_memo[key] = any(could_match(index, e) for e in by_day.get(day, ()))
        return hit_memo[key]

    everywhere = 0
    by_month_day: dict[int, list[int]] = {}
    for day in by_day:
        by_month_day.setdefault(datetime.date.fromordinal(day).day, []).append(day)
    days_by_weekday: dict[int, list[int]] = {}
    for day in by_day:
        days_by_weekday.setdefault((day + 6) % WEEK, []).append(day)
    counts: Counter[int] = Counter()
    for index, mention in enumerate(profile.mentions):
        if profile.drafted and mention.draft is None:
            continue  # it never makes a draft, so never a match
        if mention.loose:
            everywhere += any(hits(index, day) for day in _reachable(mention, by_day, by_month_day))
            continue
        # A publication date on weekday w puts the mention on weekday (w + offset) % 7: walk the
        # known days of that weekday and go back to the publication dates that reach them.
        reach: dict[int, list[int]] = {}
        for weekday, offset in enumerate(mention.offsets):
            if offset is not None:
                reach.setdefault((weekday + offset) % WEEK, []).append(offset)
        for value_weekday, offsets in reach.items():
            days = [d for d in days_by_weekday.get(value_weekday, ()) if hits(index, d)]
            for offset in offsets:
                counts.update([day - offset for day in days])
    if everywhere:
        return {day: counts.get(day, 0) + everywhere for day in candidates}
    return {day: count for day, count in counts.items() if day in candidates}


def _reachable(
    mention: RelativeMention,
    by_day: dict[int, list[KnownEvent]],
    by_month_day: dict[int, list[int]],
) -> list[int] | dict[int, list[KnownEvent]]:
    """The known days a loose mention may land on under some publication date: its value moves
    by years or months ("May 12", "last month", "in September"), never within the month, so
    only days of its day of the month (a holiday's day moves: all days)."""
    if mention.mention.rule == Rule.HOLIDAY:
        return by_day
    return by_month_day.get(mention.mention.first.day, [])


def _choose(
    scored: dict[int, tuple[int, tuple[KnownEvent, ...], list[EventDraft]]], best: int
) -> CorpusDate | None:
    if best < MIN_MATCHES or _ambiguous(scored, best):
        return None
    top = [
        (datetime.date.fromordinal(day), matches, drafts)
        for day, (score, matches, drafts) in sorted(scored.items())
        if score == best
    ]
    # Among equally good dates prefer the one that brings what the article tells closest
    # together, its publication included (a report is written soon after what it recounts),
    # then the first: "the decree Putin signed on Saturday" beside his matched statement of
    # Sunday puts the article on that Sunday, not on the next Saturday.
    published, matches, _ = min(top, key=lambda t: (_span(*t), t[0]))
    return CorpusDate(published, matches)


def _closest(scored: dict[int, tuple[int, tuple, list]], days: list[int]) -> list[int]:
    """Of these publication days, those under which the text's days and its matches lie
    closest together (``_span``)."""
    spans = {
        day: _span(datetime.date.fromordinal(day), scored[day][1], scored[day][2]) for day in days
    }
    least = min(spans.values())
    return [day for day in days if spans[day] == least]


def _tied(entry: tuple[int, tuple, list]) -> bool:
    """Whether a date of the text that moves with the publication date (a weekday, "yesterday")
    falls on the day of a matched event."""
    _, matches, drafts = entry
    days = {event.start for event in matches}
    return any(
        d.date.rule in _SHIFTING_RULES and d.date.last is None and d.date.first in days
        for d in drafts
    )


def _span(
    published: datetime.date, matches: tuple[KnownEvent, ...], drafts: list[EventDraft]
) -> int:
    """Days from the earliest to the latest of: the matched events, the article's relative
    single days and its publication."""
    days = [published, *(e.start for e in matches)]
    days += [d.date.first for d in drafts if d.date.last is None]
    return (max(days) - min(days)).days


def infer_exhaustively(
    text: str,
    sentences: Sequence[SentenceInput],
    entities: Sequence[EntityMention],
    known: Sequence[KnownEvent],
    same_happening: SameHappening,
) -> CorpusDate | None:
    """The same answer as infer_publication_date, resolving the text under every candidate date.

    The reference the pruned search is tested against.
    """
    return infer_publication_date(
        text, sentences, entities, known, same_happening, profile=DateProfile((), exhaustive=True)
    )
