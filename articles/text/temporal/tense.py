"""Which way a date expression points in time, from the words of its clause.

A year-less date ("on May 12"), a bare weekday or a weekend is resolved to the past (the default
of news copy) or to the future depending on the clause around it: "said on Friday" is past, "will
meet on Friday" future. The cues are words looked up in sets, nearest first.
"""

from __future__ import annotations

from .vocabulary import STRIP

# Tense cues are looked up word by word (str.split and set membership): a regex alternation of
# verbs costs more than the rest of the module together.
_FUTURE_WORDS = frozenset(
    {"will", "won't", "won’t", "shall", "scheduled", "slated", "upcoming", "next", "planned"}
)
# Words that look forward only when "to" follows ("expected to", "due to hold").
_FUTURE_BEFORE_TO = frozenset(
    {"going", "expected", "expect", "expects", "due", "set", "plan", "plans", "planning",
     "intend", "intends", "intended", "aims", "aim", "hopes", "agreed"}
)  # fmt: skip
_PAST_WORDS = frozenset(
    [
        "said",
        "told",
        "was",
        "were",
        "had",
        "did",
        "began",
        "held",
        "met",
        "took",
        "came",
        "went",
        "made",
        "spoke",
        "wrote",
        "broke",
        "fought",
        "led",
        "left",
        "sent",
        "struck",
        "won",
        "lost",
        "gave",
        "found",
        "became",
        "brought",
        "saw",
        "rose",
        "fell",
        "shot",
        "hit",
        "fled",
        "flew",
        "drove",
        "ran",
        "stood",
        "bought",
        "sought",
        "thought",
        "knew",
        "felt",
        "kept",
        "meant",
        "paid",
        "read",
        "shut",
        "spent",
        "taught",
        "understood",
        "withdrew",
        "forbade",
        "swore",
        "tore",
        "woke",
        "since",
        "ago",
        "earlier",
        "previously",
        "already",
        "has",
        "have",
    ]
)
_NOT_PAST_ED = frozenset(
    {"need", "indeed", "proceed", "exceed", "succeed", "speed", "seed", "feed", "hundred", "bed",
     "red", "shed", "breed", "embed", "greed"}
)  # fmt: skip


def _cue(word: str, following: str) -> int:
    """+1 for a forward-looking word, -1 for a past-tense one, 0 otherwise (both stripped)."""
    low = word.lower()
    if low in _FUTURE_WORDS or low.endswith(("'ll", "’ll")):
        return 1
    if following == "to" and low in _FUTURE_BEFORE_TO:
        return 1
    if low == "to" and following == "be":
        return 1  # "talks are to be held", "has yet to be scheduled"
    if low in _PAST_WORDS:
        return -1
    # Capitalised -ed words are names ("United"), not verbs.
    if len(low) > 3 and low.endswith("ed") and word[0].islower() and low not in _NOT_PAST_ED:
        return -1
    return 0


def tense_between(left: str, right: str) -> int:
    """Tense of a mention from the words before it (left) and after it (right) in its clause.

    The nearest cue decides because reported speech mixes tenses: "said on Monday that talks will
    resume" is past for Monday, "said talks will resume on Wednesday" is future for Wednesday; a
    tie goes to the past, the default of news copy.
    """
    # Only the few words nearest the mention are ever looked at, so strip them lazily.
    before = left.split()
    after = right.split()
    n_before, n_after = len(before), len(after)
    for d in range(max(n_before, n_after)):
        b = 0
        if d < n_before:
            following = before[-d].strip(STRIP).lower() if d else ""
            b = _cue(before[-1 - d].strip(STRIP), following)
            if b < 0:
                return -1
        a = 0
        if d < n_after:
            following = after[d + 1].strip(STRIP).lower() if d + 1 < n_after else ""
            a = _cue(after[d].strip(STRIP), following)
        if a or b:
            return a or b
    return 0


def sentence_tense_forward(sentence: str) -> bool:
    """True when a sentence as a whole reads as forward-looking ("talks will resume")."""
    return tense_between(sentence, "") > 0


def quote_bounds(text: str, s_start: int, s_end: int, pos: int) -> tuple[int, int]:
    """The quotation around pos within its sentence, or the sentence itself.

    Inside a quote the speaker's own verbs set the tense: in '"Talks will continue on Wednesday,"
    he said' the reporting "said" must not make Wednesday past.
    """
    opening = text.rfind("“", s_start, pos)
    if opening != -1 and text.rfind("”", s_start, pos) < opening:
        closing = text.find("”", pos, s_end)
        return opening, closing if closing != -1 else s_end
    if text.count('"', s_start, pos) % 2:
        opening = text.rfind('"', s_start, pos)
        closing = text.find('"', pos, s_end)
        return opening, closing if closing != -1 else s_end
    return s_start, s_end
