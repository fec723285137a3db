"""What the chronology's text box matches: its syntax, actor names, and the text search itself.

Both databases read web-search syntax: words (all must match, in any order, stemmed: "crisis
border" finds "the border crisis"), "a quoted phrase", -word (must not match) and "or" between
alternatives. PostgreSQL reads it with websearch_to_tsquery against the stored search vector
(Event.search_vector); SQLite with FTS5 over the same document (the table
``timeline_event_fts``, kept by triggers, migration 0024), into which ``fts5_query`` translates it.

An actor's name or alias in the text also finds its other names (``with_aliases``): "Pashinian"
finds the sentences that spell him "Pashinyan", and the other way round.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import F, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lower

from timeline.models import SEARCH_CONFIG, Actor

FTS_TABLE = "timeline_event_fts"
# The longest actor name looked for in the text, in words, and the most alternatives a text is
# expanded into (each is searched, so a long list of aliases cannot make a search slow).
MAX_NAME_WORDS = 4
MAX_VARIANTS = 8
MIN_NAME_LENGTH = 3  # "US" or "UN" in a text is left as typed

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass
class Alternative:
    """One side of an "or": what must all match, and what must not."""

    wanted: list[str] = field(default_factory=list)  # words and phrases
    unwanted: list[str] = field(default_factory=list)


def parse(text: str) -> list[Alternative]:
    """The alternatives of a text in web-search syntax, each with words or phrases."""
    alternatives = [Alternative()]
    for m in _TOKEN.finditer(text):
        negated, phrase, word = m.group(1), m.group(2), m.group(3)
        if word is not None:
            if word.lower() == "or" and alternatives[-1].wanted + alternatives[-1].unwanted:
                alternatives.append(Alternative())
                continue
            negated = "-" if word.startswith("-") else ""
            phrase = word.lstrip("-")
        terms = " ".join(_WORD.findall(phrase))
        if terms:
            (alternatives[-1].unwanted if negated else alternatives[-1].wanted).append(terms)
    return [a for a in alternatives if a.wanted or a.unwanted]


def _quoted(terms: str) -> str:
    return '"' + terms.replace('"', '""') + '"'


def fts5_query(text: str) -> tuple[str | None, str | None]:
    """The FTS5 expression of the events a text matches, and of those it excludes outright.

    FTS5's NOT needs something on its left: an alternative with wanted words is "(a AND b) NOT
    (c OR d)"; a text that only excludes ("-russia") is returned as the second expression, for
    the caller to exclude. (None, None) for a text with no words.
    """
    matched, excluded = [], []
    for alt in parse(text):
        unwanted = " OR ".join(map(_quoted, alt.unwanted))
        if alt.wanted:
            wanted = " AND ".join(map(_quoted, alt.wanted))
            matched.append(f"({wanted})" + (f" NOT ({unwanted})" if unwanted else ""))
        else:
            excluded.append(f"({unwanted})")
    if matched:
        return " OR ".join(matched), None  # an exclusion beside an alternative is dropped
    return None, " OR ".join(excluded) or None


def names_by_spelling(rows) -> dict[str, frozenset[str]]:
    """{lower-cased name or alias: all the names of its actor(s)} from (pk, name, alias) rows.
    The stored aggregates keep every actor's (facets.Stored.names), read once per data version."""
    names: dict[int, set[str]] = {}
    for pk, name, alias in rows:
        names.setdefault(pk, {name}).update([alias] if alias else [])
    spellings: dict[str, set[str]] = {}
    for known in names.values():
        for name in known:
            spellings.setdefault(name.lower(), set()).update(known)
    return {spelling: frozenset(known) for spelling, known in spellings.items()}


def _names_spelled(grams) -> dict[str, frozenset[str]]:
    """The names of the actors these lower-cased word runs spell: one query."""
    matched = Actor.objects.alias(low=Lower("name"), alias_low=Lower("aliases__name")).filter(
        Q(low__in=grams) | Q(alias_low__in=grams)
    )
    return names_by_spelling(
        Actor.objects.filter(pk__in=matched.values("pk")).values_list("pk", "name", "aliases__name")
    )


def with_aliases(text: str, known: Mapping[str, frozenset[str]] | None = None) -> str:
    """The text, or its alternatives with each actor name or alias in it replaced by the actor's
    other names, joined by "or" (web-search syntax). ``known``: every actor's names by spelling
    (names_by_spelling, as the stored aggregates keep them); without it, one query reads those
    the text spells."""
    if '"' in text:
        return text  # the names inside a phrase stay as typed
    words = list(_WORD.finditer(text))
    grams = {}
    for size in range(MAX_NAME_WORDS, 0, -1):
        for i in range(len(words) - size + 1):
            start, end = words[i].start(), words[i + size - 1].end()
            gram = text[start:end]
            if len(gram) >= MIN_NAME_LENGTH and text[max(0, start - 1) : start] != "-":
                grams.setdefault(gram.lower(), (start, end))
    if not grams:
        return text
    spellings = known if known is not None else _names_spelled(grams)
    if not spellings:
        return text
    # Longest first, no two overlapping: "Nikol Pashinyan" rather than "Pashinyan" inside it.
    taken: list[tuple[int, int, list[str]]] = []
    for gram, (start, end) in sorted(grams.items(), key=lambda g: g[1][0] - g[1][1]):
        if gram in spellings and all(end <= s or start >= e for s, e, _ in taken):
            others = sorted(n for n in spellings[gram] if n.lower() != gram)
            taken.append((start, end, [text[start:end], *others]))
    if not taken:
        return text
    taken.sort()
    variants = []
    for choice in itertools.islice(itertools.product(*(t[2] for t in taken)), MAX_VARIANTS):
        out, at = [], 0
        for (start, end, _), name in zip(taken, choice, strict=True):
            out += [text[at:start], _quoted(name) if " " in name else name]
            at = end
        variants.append("".join(out) + text[at:])
    return " or ".join(variants)


def matching(queryset, text: str, *, indexed: bool = True):
    """The events of a queryset that match a text in web-search syntax (EventQuerySet.matching).

    PostgreSQL: English stemming against the stored vector of the document
    (Event.search_vector), GIN-indexed. SQLite: FTS5 with the Porter stemmer over the same
    document (FTS_TABLE).

    ``indexed=False`` words the same test so that the GIN index cannot serve it, for a part
    of a view that another index already makes small (the events going on at a day,
    plan.date_range_parts): for a common word, decoding the index's list of 230,000 matches
    costs more than testing the few thousand rows of the part.
    """
    if connections[queryset.db].vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVectorField

        vector = F("search_vector")
        if not indexed:
            vector = Coalesce(vector, Value("", output_field=SearchVectorField()))
        return queryset.alias(_search=vector).filter(
            _search=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        )
    matched, excluded = fts5_query(text)
    fts = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    if matched:
        return queryset.filter(pk__in=RawSQL(fts, (matched,)))
    if excluded:
        return queryset.exclude(pk__in=RawSQL(fts, (excluded,)))
    # No words: nothing, as on PostgreSQL (none() would empty the facets' raw SQL).
    return queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE 0", ()))
