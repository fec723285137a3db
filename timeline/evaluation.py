"""Score the chronology in the database against gold annotations.

Gold schema (see ../shared/eval/README.md):
    {"articles": [{"file", "published", "events": [{"start", "end", "precision", "summary",
                                                   "actors", "location", "anchor"}]}]}

Matching rules:
- Articles are matched by file base name (Article.source_file).
- Text is compared after folding case, typographic quotes/apostrophes/dashes and runs of
  white space.
- A gold event is **found** when some citation of its article quotes a sentence that contains
  its anchor.
- It is **dated** when one such citation belongs to an event with the gold date at the gold
  precision: "day"/"month"/"year" need the event's start cut to its precision to equal the gold
  start and no range end; "range" needs start and end, each cut to the event's precision, to
  equal the gold start and end. A day-precision answer to a month-precision event is wrong.
- **Citation precision**: of the supporting citations (of non-rejected events) of the gold
  articles, the share that contain the anchor of a gold event of that article with the right
  date. Citations with the "disputes" stance (a denial attached to a contested event) are not
  claims of the event, so they are left out.
- **Same happening**: two gold events with ``cluster`` ids (``../shared/eval/world``) are the
  same happening when they share the cluster and the date (start, end, precision), in any
  articles. Without cluster ids (the seeds), gold events of different articles are when they have
  the same date and precision and either the same actor set or summaries whose content words
  overlap by at least half (Jaccard ≥ 0.5).
- **Merged groups**: a group of gold events telling one happening (two or more; across articles,
  or within one with cluster ids) is **merged** when all its members are found and their
  matching citations all belong to one event.
- **Merge pairs**: of the pairs of dated gold events that tell one happening, the share whose
  citations sit in one event (recall); of the pairs sitting in one event, the share that tell one
  happening (precision).
- **Conflated pairs**: two different gold events (of any articles, not grouped as one happening)
  whose dated citations land in the same event — over-merging that the merge figure alone would
  hide ("different happenings on the same day stay apart").
- Publication dates: the article's stored date against the gold `published`.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from articles.models import Article
from timeline.models import Citation, Event, format_at_precision

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "that",
        "its",
        "his",
        "her",
        "as",
        "is",
        "was",
        "were",
        "says",
        "said",
    ]
)


def fold(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_FOLD)).strip().lower()


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if w not in _STOP}


def date_matches(event: Event, gold: dict) -> bool:
    precision = gold["precision"]
    if precision == "range":
        return (
            event.end is not None
            and format_at_precision(event.start, event.precision) == gold["start"]
            and format_at_precision(event.end, event.precision) == gold["end"]
        )
    return (
        event.precision == precision
        and (event.end is None or event.end == event.start)
        and event.start_iso == gold["start"]
    )


@dataclass
class GoldResult:
    file: str
    gold: dict
    citations: list = field(default_factory=list)  # citations quoting the anchor
    dated: bool = False

    @property
    def found(self) -> bool:
        return bool(self.citations)


@dataclass
class Report:
    results: list[GoldResult]
    citation_total: int
    citation_correct: int
    groups: list[tuple[list[GoldResult], bool]]
    conflated: list[tuple[GoldResult, GoldResult]]
    published: list[tuple[str, str, str | None, str]]  # file, gold, ours, source
    missing_articles: list[str]
    pairs: tuple[int, int] = (0, 0)  # dated pairs telling one happening, and of those joined

    @property
    def found(self) -> int:
        return sum(r.found for r in self.results)

    @property
    def dated(self) -> int:
        return sum(r.dated for r in self.results)

    def ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    def summary(self) -> dict:
        total = len(self.results)
        return {
            "gold_events": total,
            "found": self.found,
            "found_recall": round(self.ratio(self.found, total), 3),
            "dated": self.dated,
            "dated_recall": round(self.ratio(self.dated, total), 3),
            "citations": self.citation_total,
            "citations_correct": self.citation_correct,
            "citation_precision": round(self.ratio(self.citation_correct, self.citation_total), 3),
            "cross_article_groups": len(self.groups),
            "cross_article_merged": sum(merged for _, merged in self.groups),
            "merge_pairs": self.pairs[0],
            "merge_pairs_joined": self.pairs[1],
            "merge_pair_recall": round(self.ratio(self.pairs[1], self.pairs[0]), 3),
            "merge_pair_precision": round(
                self.ratio(self.pairs[1], self.pairs[1] + len(self.conflated)), 3
            ),
            "conflated_pairs": len(self.conflated),
            "published_correct": sum(gold == ours for _, gold, ours, _ in self.published),
            "published_total": len(self.published),
        }


def evaluate(gold: dict) -> Report:
    results: list[GoldResult] = []
    citation_total = citation_correct = 0
    published = []
    missing = []
    for gold_article in gold["articles"]:
        article = Article.objects.filter(source_file=gold_article["file"]).order_by("id").first()
        if article is None:
            missing.append(gold_article["file"])
            results.extend(GoldResult(gold_article["file"], g) for g in gold_article["events"])
            continue
        published.append(
            (
                gold_article["file"],
                gold_article.get("published"),
                article.published.isoformat() if article.published else None,
                article.published_source,
            )
        )
        citations = list(
            Citation.objects.filter(article=article, stance=Citation.Stance.SUPPORTS)
            .exclude(event__status=Event.Status.REJECTED)
            .select_related("event")
        )
        folded = {c.pk: fold(c.quote) for c in citations}
        article_results = []
        for gold_event in gold_article["events"]:
            anchor = fold(gold_event["anchor"])
            result = GoldResult(
                gold_article["file"], gold_event, [c for c in citations if anchor in folded[c.pk]]
            )
            result.dated = any(date_matches(c.event, gold_event) for c in result.citations)
            article_results.append(result)
        results.extend(article_results)
        citation_total += len(citations)
        for citation in citations:
            if any(
                citation in r.citations and date_matches(citation.event, r.gold)
                for r in article_results
            ):
                citation_correct += 1
    groups = _groups(results)
    return Report(
        results,
        citation_total,
        citation_correct,
        groups,
        _conflated(results),
        published,
        missing,
        _pairs(results),
    )


def _dated_events(result: GoldResult) -> set[int]:
    return {c.event_id for c in result.citations if date_matches(c.event, result.gold)}


def _pairs(results: list[GoldResult]) -> tuple[int, int]:
    dated = [r for r in results if r.dated]
    total = joined = 0
    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            if _same_happening(a, b):
                total += 1
                joined += bool(_dated_events(a) & _dated_events(b))
    return total, joined


def _conflated(results: list[GoldResult]) -> list[tuple[GoldResult, GoldResult]]:
    events_of = {id(r): _dated_events(r) for r in results}
    pairs = []
    for i, a in enumerate(results):
        for b in results[i + 1 :]:
            if events_of[id(a)] & events_of[id(b)] and not _same_happening(a, b):
                pairs.append((a, b))
    return pairs


def _same_happening(a: GoldResult, b: GoldResult) -> bool:
    ga, gb = a.gold, b.gold
    if (ga["start"], ga.get("end"), ga["precision"]) != (
        gb["start"],
        gb.get("end"),
        gb["precision"],
    ):
        return False
    if ga.get("cluster") and gb.get("cluster"):
        return ga["cluster"] == gb["cluster"]
    if a.file == b.file:
        return False
    if set(ga.get("actors") or []) == set(gb.get("actors") or []):
        return True
    wa, wb = words(ga["summary"]), words(gb["summary"])
    return len(wa & wb) / max(1, len(wa | wb)) >= 0.5


def _groups(results: list[GoldResult]) -> list[tuple[list[GoldResult], bool]]:
    groups: list[list[GoldResult]] = []
    for result in results:
        for group in groups:
            if any(_same_happening(result, member) for member in group):
                group.append(result)
                break
        else:
            groups.append([result])
    scored = []
    for group in groups:
        if len(group) < 2:
            continue
        merged = (
            all(m.found for m in group)
            and len(
                {c.event_id for m in group for c in m.citations if date_matches(c.event, m.gold)}
            )
            == 1
        )
        scored.append((group, merged))
    return scored
