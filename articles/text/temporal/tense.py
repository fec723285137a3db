"""Which way a date expression points in time, from the words of its clause.

A year-less date ("on May 12"), a bare weekday or a weekend is resolved to the past (the default
of news copy) or to the coming occurrence depending on the clause around it: "said on Friday" is
past, "will meet on Friday" coming. Tense and modality both count: "will", "is due to", "plans
to", "must be returned by", "is calling for" and "postponed until" look forward from publication
(FUTURE); "would hold", "was scheduled for", "agreed to" look forward from a time of speaking that
has itself passed (LATER); "had been due to expire" is a plan overtaken, and a present "is" or a
date that modifies a noun ("the Jan. 14 deadline") says nothing either way (NONE).

Only a bounded window of words around the mention is read (its clause: never past a sentence or
quotation edge, a semicolon or a clause word such as "that", and at most a dozen words), so the
cost per mention is constant and the tagger stays linear in the length of the text. The verb
before the date governs it in English word order ("troops withdrew on Friday", "talks will resume
on Friday"), so the words before the mention are read first: the one right before it (or before
its preposition), then a strong cue (an auxiliary, a modal, an irregular past) before a weak one
(a regular -ed form, which may be an adjective); the words after it count only when none before
it do ("On Friday, talks resumed").
"""

from __future__ import annotations

import re

PAST = -1
NONE = 0
FUTURE = 1
# Forward from a time of speaking in the past ("said it would meet", "was due to hold"): after
# that time, which may itself lie before publication.
LATER = 2

# Words read on each side of a mention, and the characters looked at to find them.
_WORDS = 12
_CHARS = 96

# Tense cues are looked up word by word (set membership): a regex alternation of verbs costs
# more than the rest of the tagger together.
_FUTURE_WORDS = frozenset(
    {"will", "won't", "won’t", "shall", "scheduled", "slated", "upcoming", "expected",
     "due", "payable", "expire", "expires", "must", "should", "might", "may", "going",
     "forthcoming", "planned", "effective", "can"}
)  # fmt: skip
# The simple present of a scheduled happening: "the truce starts on May 22", "he meets the
# president on Thursday". Only forms that are seldom plural nouns.
_SCHEDULED_PRESENT = frozenset(
    {"begins", "starts", "resumes", "opens", "closes", "expires", "meets", "arrives", "departs",
     "travels", "convenes", "reconvenes", "takes", "goes", "comes", "kicks", "launches",
     "hosts", "holds", "gets", "resume", "reconvene"}
)  # fmt: skip
# Plain forms of the same, after a plural subject: seldom nouns.
_SCHEDULED_BASE = frozenset(
    {"meet", "begin", "convene", "arrive", "depart", "gather", "travel", "fly"}
)
# Before these a plain verb is no present tense: "did not meet", "would meet", "to meet".
_NEGATIONS = frozenset(
    {"not", "never", "did", "didn't", "don't", "doesn't", "to", "would", "will", "could",
     "should", "might", "must", "may", "can", "cannot", "shall"}
)  # fmt: skip
# Words that look forward when "to" follows ("expected to", "agreed to meet", "is to resume").
_FUTURE_BEFORE_TO = frozenset(
    {"going", "expected", "expect", "expects", "due", "set", "plan", "plans", "planning",
     "planned", "intend", "intends", "intended", "aims", "aim", "aimed", "hope", "hopes",
     "hoped", "agreed", "agree", "agrees", "decided", "decide", "decides", "promised",
     "promise", "promises", "pledged", "pledges", "vowed", "vows", "threatened", "threatens",
     "likely", "unlikely", "poised", "ready", "supposed", "about", "want", "wants", "wanted",
     "prepared", "preparing", "prepares", "is", "are", "am", "was", "were", "scheduled",
     "slated", "yet", "able", "order", "ordered", "orders"}
)  # fmt: skip
# A rescheduling verb before "until"/"to" + date points at the new, later time.
_RESCHEDULED = frozenset(
    {"postponed", "postpone", "postpones", "delayed", "delay", "delays", "deferred", "defer",
     "adjourned", "adjourn", "extended", "extend", "extends", "moved", "pushed", "put", "gave",
     "given", "granted", "grants"}
)  # fmt: skip
_PAST_WORDS = frozenset(
    {"said", "told", "was", "were", "had", "did", "began", "held", "met", "took", "came", "went",
     "made", "spoke", "wrote", "broke", "fought", "led", "left", "sent", "struck", "won", "lost",
     "gave", "found", "became", "brought", "saw", "rose", "fell", "shot", "hit", "fled", "flew",
     "drove", "ran", "stood", "bought", "sought", "thought", "knew", "felt", "kept", "meant",
     "paid", "read", "shut", "spent", "taught", "understood", "withdrew", "forbade", "swore",
     "tore", "woke", "since", "ago", "earlier", "previously", "already", "has", "have", "hasn't",
     "haven't", "hadn't", "wasn't", "weren't", "didn't", "got", "grew", "drew", "threw", "chose",
     "sold", "stole", "wore", "sank", "rang", "sang", "bit", "hid", "lay",
     "laid", "let", "lit", "quit", "rode", "slid", "split", "spread", "sprang", "stuck",
     "stung", "swept", "swung", "wept", "wound", "froze", "overran", "overtook", "undertook",
     "arose", "fed", "dealt", "built", "lent", "bent", "heard", "caught"}
)  # fmt: skip
# Words ending in -ed that are not past tenses, or whose participle looks forward.
_NOT_PAST_ED = frozenset(
    {"need", "indeed", "proceed", "exceed", "succeed", "speed", "seed", "feed", "hundred", "bed",
     "red", "shed", "breed", "embed", "greed", "expected", "scheduled", "planned", "slated",
     "proposed", "supposed", "intended"}
)  # fmt: skip
# Forms of "be" and "have" that make an -ed word a participle rather than a past tense.
_AUX = frozenset(
    {"is", "are", "am", "be", "been", "being", "was", "were", "has", "have", "had", "will",
     "would", "to", "not", "get", "gets", "got"}
)  # fmt: skip
# Words that begin another clause: the mention's tense is not read past them.
_CLAUSE_WORDS = frozenset(
    {"that", "which", "who", "whom", "whose", "because", "although", "though", "while",
     "whereas", "if", "unless", "but", "where", "when", "whenever"}
)  # fmt: skip
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"}
)
_PAST_AUX = frozenset({"was", "were", "wasn't", "weren't"})
# Past tenses of planning verbs: what they announce lies after the moment they were said.
_PAST_PLANS = frozenset(
    {"planned", "agreed", "decided", "promised", "pledged", "vowed", "threatened", "hoped",
     "wanted", "intended", "aimed", "ordered"}
)  # fmt: skip
_PREPOSITIONS = frozenset(
    {"on", "in", "at", "by", "since", "until", "till", "through", "from", "during", "for",
     "before", "after", "of", "to", "around", "about", "as", "early", "late", "soon"}
)  # fmt: skip
_FIRST_WORD = re.compile(r"\s+([A-Za-z]+)")
_PRESENT = frozenset({"is", "are", "am", "isn't", "aren't"})
# Verbs whose object may be a date: "set Nov. 10 as the deadline", "picked Saturday night".
_DATE_OBJECT_VERBS = frozenset(
    {"set", "sets", "fixed", "fixes", "named", "names", "chose", "chosen", "chooses", "picked",
     "picks", "designated", "designates", "marked", "marks", "declared", "declares"}
)  # fmt: skip
# Verbs whose object is asked to do something later: "asked it to respond by Oct. 31".
_ASKED = frozenset(
    {"asked", "told", "urged", "ordered", "invited", "pressed", "requested", "directed",
     "instructed", "allowed", "authorized", "authorised", "forced", "called", "gave"}
)  # fmt: skip
# Nouns of intent: what they announce comes after them ("KKR's program to pay down … by February").
_INTENTS = frozenset(
    {"plan", "plans", "program", "programme", "bid", "effort", "efforts", "attempt", "proposal",
     "move", "pledge", "promise", "offer", "intention", "aim", "goal", "target", "commitment",
     "deadline", "deal", "agreement", "order", "orders", "decision", "vow", "threat", "push",
     "campaign", "drive", "timetable", "schedule"}
)  # fmt: skip
_PLAN_PARTICIPLES = frozenset({"planned", "scheduled", "slated", "expected", "set", "due"})
_PAST_AUX_AFTER = re.compile(r"\s+(?:(?:morning|afternoon|evening|night)\s+)?(?:was|were|had)\b")
_SUBORDINATORS = frozenset({"before", "after", "until", "till", "once"})
_MODALS_BACK = frozenset({"would", "could", "should", "might", "must", "may"})
# Brackets are no tokens: an aside "(4 a.m. EDT Thursday)" belongs to the clause around it.
_TOKENS = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|[a-z][\w'’-]*|[;:\[\]—\"“”,]")
_STOP = frozenset(';:[]—"“”')


def _tokens(text: str) -> list[str]:
    """Words and clause punctuation; a run of capitalised words (a name) reads as one "#".

    Only lower-case words can be cues: "May", "March" and "Will" are names here.
    """
    return ["#" if t[0].isupper() else t for t in _TOKENS.findall(text)]


# How much a word says: nothing, a weak hint (a regular -ed form) or a strong cue (an
# auxiliary, a modal, an irregular past, a present-tense "is" that settles it as NONE).
_NOTHING, _WEAK, _STRONG = 0, 1, 2


# Every word _cue reads something into, apart from -ed and -'ll forms.
_VOCABULARY = (
    {"to", "would", "could", "wouldn't", "couldn't", "cannot", "can't"}
    | _MODALS_BACK
    | _PRESENT
    | _FUTURE_WORDS
    | _SCHEDULED_PRESENT
    | _SCHEDULED_BASE
    | _PAST_WORDS
)


def _cue(words: list[str], i: int, after: bool = False) -> tuple[int, int]:
    """Cue of words[i] in reading order: (FUTURE, LATER, PAST or NONE, its strength).

    A regular -ed form is weak, since it may be an adjective ("preferred shares") or a participle
    ("markets untouched by"); a present "is"/"are" is strong and settles nothing either way: "he
    said the deadline is Nov. 9" leaves Nov. 9 to the calendar.
    """
    word = words[i]
    if word not in _VOCABULARY and not word.endswith(("ed", "'ll", "’ll")):
        return NONE, _NOTHING  # most words: one look-up
    following = words[i + 1] if i + 1 < len(words) else ""
    before = words[i - 1] if i else ""
    if word == "to":
        if following == "be":
            return FUTURE, _STRONG  # "talks are to be held", "has yet to be scheduled"
        if before in _FUTURE_BEFORE_TO:
            return FUTURE, _STRONG
        if not after and ((i > 1 and words[i - 2] in _ASKED) or before in _INTENTS):
            # "asked it to respond by Oct. 31", "its plan to cut by May" (after a date, "in a
            # bid to end the standoff" is a purpose, not its time).
            return LATER, _STRONG
        return NONE, _NOTHING
    if word.endswith(("'ll", "’ll")):
        return FUTURE, _STRONG
    if word in _MODALS_BACK and following in {"have", "not", "n't"}:
        # "would have met", "could not be reached": the modal looks back or not at all.
        return (PAST if following == "have" else NONE), _STRONG
    if word == "would":
        return LATER, _STRONG  # "said it would meet"
    if word == "could":
        # "could come on Tuesday" or "could be located Wednesday": possibility or past ability.
        return NONE, _STRONG
    if word in _PRESENT:
        # "is calling for the redemption on Dec. 7": the present progressive of a plan (but in
        # "the truce of May 9 is holding" the date is in the subject: now, not a plan). Before
        # "expected", "due", "to" … the next word decides.
        if following in _FUTURE_WORDS or following in _FUTURE_BEFORE_TO or following == "to":
            return NONE, _NOTHING
        return (FUTURE if following.endswith("ing") and not after else NONE), _STRONG
    if word in {"wouldn't", "couldn't", "cannot", "can't"}:
        return NONE, _STRONG
    if word in _FUTURE_WORDS or word in _SCHEDULED_PRESENT:
        return FUTURE, _STRONG
    if word in _SCHEDULED_BASE and before not in _NEGATIONS:
        return FUTURE, _STRONG  # "he and Arafat meet separately Monday" (not "did not meet")
    if word in _PAST_WORDS:
        # A participle after "be"/"have"/"to" leaves the tense to its auxiliary.
        return (NONE, _NOTHING) if before in _AUX else (PAST, _STRONG)
    if len(word) > 3 and word.endswith("ed") and word not in _NOT_PAST_ED:
        if before in _AUX or before in _DETERMINERS or following == "by" or word[:2] == "un":
            return NONE, _NOTHING  # "was shelled", "the wounded", "led by", "unspecified"
        return PAST, _WEAK
    return NONE, _NOTHING


def _overtaken(words: list[str], i: int, lean: int) -> int:
    """Past forms of a forward cue: a plan overtaken, or the future of a past moment.

    "had been due to expire Friday", "had planned to": the plan gave way, and its date may lie
    either side of publication (NONE). "was due to hold", "were expected to", "agreed to meet":
    forward from a time that has itself passed (LATER).
    """
    if lean <= 0:
        return lean
    if "had" in words[max(0, i - 5) : i]:
        return NONE
    if lean == FUTURE and (
        not _PAST_AUX.isdisjoint(words[max(0, i - 2) : i])
        or (words[i] == "to" and i and words[i - 1] in _PAST_PLANS)
    ):
        return LATER
    return lean


def _lean(words: list[str], indexes: range, first_wins: bool = False) -> tuple[int, int]:
    """(lean, index) of the first strong cue among words[i] (i in indexes), else of the first weak
    one; (NONE, -1) when there is no cue.

    A weak cue met before a comma ends the search: "the decision, announced Wednesday" is past
    whatever the clause beyond the comma says. With first_wins the first cue of any strength
    decides (after a date, the first verb is its clause's own: "In September, it announced").
    """
    weak, at = NONE, -1
    for i in indexes:
        if words[i] == ",":
            if at >= 0:
                break
            continue
        lean, strength = _cue(words, i, after=first_wins)
        if strength == _STRONG or (strength and first_wins):
            return _overtaken(words, i, lean), i
        if strength and at < 0:
            weak, at = lean, i
    return weak, at


def _clause_length(tokens: list[str], backwards: bool = False) -> int:
    """How many tokens from the date (the last ones when backwards) lie before the first clause
    edge, at most _WORDS words.

    "before", "after", "until" next to the date are its preposition; further away they begin
    another clause ("vowed calm before the truce starts on May 22"). Commas and names do not
    count as words.
    """
    n = words = 0
    size = len(tokens)
    previous = ""
    while n < size:
        token = tokens[size - 1 - n] if backwards else tokens[n]
        if token in _STOP or token in _CLAUSE_WORDS or words >= _WORDS:
            break
        if token in _SUBORDINATORS and n and previous != "#":
            break
        n += 1
        words += token != "," and token != "#"
        previous = token
    return n


def _attributive(text: str, start: int, end: int, left_words: list[str]) -> bool:
    """Whether the date modifies a noun ("Wednesday's ruling", "the Jan. 14 deadline").

    The clause's verb then tells nothing of the date: "gave no reason for the Jan. 14
    deadline" is said in the past of a deadline still to come.
    """
    after = text[end : end + 2]
    if after in {"'s", "’s"}:
        return True
    if not left_words or left_words[-1] not in _DETERMINERS:
        return False
    following = _FIRST_WORD.match(text, end)
    return following is not None and following.group(1).islower()


def _planned_then(text: str, end: int, tokens: list[str], i: int, lean: int) -> int:
    """A plan in a noun phrase whose sentence goes on in the past: its date may have passed.

    "A memorial service planned for Saturday was canceled": the service was to be on Saturday,
    which lies on either side of publication, so the plan says nothing (NONE).
    """
    if (
        lean == FUTURE
        and tokens[i] in _PLAN_PARTICIPLES
        and (i == 0 or tokens[i - 1] not in _AUX)
        and _PAST_AUX_AFTER.match(text, end)
    ):
        return NONE
    return lean


def clause_lean(text: str, start: int, end: int, lo: int, hi: int) -> int:
    """PAST, FUTURE or NONE for the mention text[start:end] in the clause bounded by lo..hi.

    The words before the mention decide first (a strong cue anywhere among them, then a weak
    one), then the words after it.
    """
    tokens = _tokens(text[max(lo, start - _CHARS) : start])
    if start - _CHARS > lo and tokens:
        tokens = tokens[1:]  # the first token may be cut
    # The clause's words are read, their neighbours beyond its edge only consulted ("would be
    # paid …": "paid" is a participle of "be" even when "be" lies past the window).
    first = len(tokens) - _clause_length(tokens, backwards=True)
    left_words = tokens[first:]
    # "as soon as Tuesday", "as early as next week", "no later than Friday": a limit to come;
    # "likely to buy as soon as trading opened Monday": the clause's past is a reported future.
    if left_words[-3:] in (["as", "soon", "as"], ["as", "early", "as"], ["no", "later", "than"]):
        return FUTURE
    if "soon" in left_words and any(
        left_words[i : i + 3] == ["as", "soon", "as"] for i in range(len(left_words) - 3)
    ):
        return LATER
    # "postponed until Tuesday", "extended to Nov. 16": the new date is a later one.
    if (
        left_words
        and left_words[-1] in {"until", "till", "to", "through"}
        and not _RESCHEDULED.isdisjoint(left_words[:-1])
    ):
        return FUTURE
    if _attributive(text, start, end, left_words):
        return NONE
    # The verb right before the date (or its preposition) governs it: "announced Wednesday".
    j = len(tokens) - 1
    while j >= first and tokens[j] in _PREPOSITIONS and j >= len(tokens) - 2:
        j -= 1
    if j >= first:
        if j == len(tokens) - 1 and tokens[j] in _DATE_OBJECT_VERBS:
            return NONE  # "has set Nov. 10 as the deadline": the date is the object
        lean, strength = _cue(tokens, j)
        if strength:
            return _planned_then(text, end, tokens, j, _overtaken(tokens, j, lean))
    lean, at = _lean(tokens, range(len(tokens) - 1, first - 1, -1))
    if at >= 0:
        return _planned_then(text, end, tokens, at, lean)
    after = _tokens(text[end : min(hi, end + _CHARS)])
    n = _clause_length(after)
    fronted = all(w == "#" or w in _PREPOSITIONS for w in left_words)
    if not fronted and "," in after[:n]:
        # "…on May 22, the statement said": past the comma is the report's frame. A date that
        # opens its clause ("On Friday, talks will resume") reads on past its own comma.
        n = after.index(",")
    return _lean(after, range(n), first_wins=True)[0]


def sentence_tense_forward(sentence: str) -> bool:
    """True when a sentence as a whole reads as forward-looking ("talks will resume").

    The cue nearest its end decides, among the words of its last few hundred characters.
    """
    words = [t for t in _tokens(sentence[-400:]) if t not in _STOP and t != ","]
    for i in range(len(words) - 1, -1, -1):
        lean, strength = _cue(words, i)
        if strength:
            return lean > 0
    return False


# Quotation marks are looked for only this far before a mention, so the cost stays bounded.
_QUOTE_REACH = 400


def open_quote(text: str, lo: int, pos: int) -> int:
    """Where the quotation that is still open at pos begins (searching from lo), or -1.

    Curly quotes, straight double quotes (open when an odd number precede pos) and the ``…''
    pairs of wire copy count.
    """
    opening = text.rfind("“", lo, pos)
    if opening != -1 and text.rfind("”", lo, pos) < opening:
        return opening
    opening = text.rfind("``", lo, pos)
    if opening != -1 and text.rfind("''", lo, pos) < opening:
        return opening
    if text.count('"', lo, pos) % 2:
        return text.rfind('"', lo, pos)
    return -1


def quote_bounds(text: str, s_start: int, s_end: int, pos: int) -> tuple[int, int]:
    """The quotation around pos within its sentence, or the sentence itself.

    Inside a quote the speaker's own verbs set the tense: in '"Talks will continue on Wednesday,"
    he said' the reporting "said" must not make Wednesday past.
    """
    lo = max(s_start, pos - _QUOTE_REACH)
    hi = min(s_end, pos + _QUOTE_REACH)
    opening = open_quote(text, lo, pos)
    if opening == -1 or (text[opening] == '"' and lo != s_start):
        return lo, hi
    closing = text.find({"“": "”", "`": "''"}.get(text[opening], '"'), pos, hi)
    return opening, closing if closing != -1 else hi
