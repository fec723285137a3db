"""Sentence splitting: offsets, abbreviations, quotes, ellipses and datelines."""

import time

import pytest

from articles.text.sentences import MAX_SENTENCE_CHARS, split_sentences


def texts(text, *args):
    return [s.text for s in split_sentences(text, *args)]


def test_offsets_are_relative_to_the_whole_text():
    text = "Title line\n\n  First one. Second one.  \n\nThird."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Title line", "First one.", "Second one.", "Third."]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_range_arguments():
    text = "Skip this. Take this one. And this one.\n\nNot this."
    start = text.index("Take")
    end = text.index("\n\n")
    sentences = split_sentences(text, start, end)
    assert [s.text for s in sentences] == ["Take this one.", "And this one."]
    assert sentences[0].start == start


@pytest.mark.parametrize(
    "sentence",
    [
        "U.S. Secretary of State Antony Blinken called Aliyev on Sunday.",
        "Mr. Pashinyan met Gen. Rustam Muradov and Lt. Col. Ivanov in St. Petersburg.",
        "The talks were held on Sept. 13 and again on Jan. 5 in Moscow.",
        "Antony J. Blinken spoke to Dr. Smith about Resolution No. 2.",
        "Troops advanced 3.5 kilometers into Armenian territory.",
        "According to the U.S. State Department, they spoke about cooperation.",
        'He said the sides "exchanged views. <…> Bayramov stressed de-escalation," the ministry said.',
        '"The attempts are unacceptable. ... We advise restraint," the spokesperson said.',
        "Talks will resume; no date was set.",
    ],
)
def test_no_false_splits(sentence):
    assert texts(sentence) == [sentence]


def test_split_after_closing_quote():
    text = "“The negotiations will continue.” He did not elaborate. “There are issues,” he said."
    assert texts(text) == [
        "“The negotiations will continue.”",
        "He did not elaborate.",
        "“There are issues,” he said.",
    ]


def test_straight_quote_and_question_mark():
    text = 'The forces moved "along positions." Is the border safe? Nobody knows!'
    assert texts(text) == [
        'The forces moved "along positions."',
        "Is the border safe?",
        "Nobody knows!",
    ]


def test_acronym_at_sentence_end_before_opener():
    assert texts("The envoy flew to the U.S. The talks start Monday.") == [
        "The envoy flew to the U.S.",
        "The talks start Monday.",
    ]


def test_dateline_stays_with_first_sentence():
    text = "BAKU, May 14. /TASS/. Azerbaijan is committed to de-escalation. Talks continue."
    assert texts(text) == [
        "BAKU, May 14. /TASS/. Azerbaijan is committed to de-escalation.",
        "Talks continue.",
    ]


def test_dateline_inside_a_range():
    body = "Title\n\nYEREVAN, MAY 17, ARMENPRESS. Armenia said so. Then more."
    start = body.index("YEREVAN")
    assert texts(body, start) == ["YEREVAN, MAY 17, ARMENPRESS. Armenia said so.", "Then more."]


def test_photo_credit_stays_with_caption():
    text = "A view of Syunik province, May 14, 2021. (Photo by the Ombudsman's Office)"
    assert texts(text) == [text]


def test_bracketed_sentence_starts_new_sentence():
    assert texts("Troops withdrew. (The ministry later denied it.) Talks went on.") == [
        "Troops withdrew.",
        "(The ministry later denied it.)",
        "Talks went on.",
    ]


def test_dash_opened_quote():
    text = "He commented on the conflict. – There can be no military solution – he said."
    assert texts(text) == [
        "He commented on the conflict.",
        "– There can be no military solution – he said.",
    ]


def test_lowercase_after_period_does_not_split():
    assert texts("The village of St. george was shelled.") == [
        "The village of St. george was shelled."
    ]


def test_newline_always_splits():
    assert texts("A heading without stop\nThe story starts.") == [
        "A heading without stop",
        "The story starts.",
    ]


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences("   \n\n ") == []


def test_fast_enough():
    paragraph = (
        "BAKU, May 14. /TASS/. Azerbaijan is committed to de-escalation, Mr. Bayramov said on Friday. "
        '"The sides discussed the border. <…> He informed the U.S. diplomat," the ministry said. '
    )
    text = "\n\n".join([paragraph] * 40)  # about 8,000 characters, a long article
    began = time.perf_counter()
    for _ in range(50):
        split_sentences(text)
    per_article = (time.perf_counter() - began) / 50
    assert per_article < 0.005


def test_a_full_stop_glued_to_the_next_sentence_splits():
    text = "The envoy left after talks at the ministry.Officials said the next round was set."
    assert [s.text for s in split_sentences(text)] == [
        "The envoy left after talks at the ministry.",
        "Officials said the next round was set.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Troops from the U.S.A arrived in the port.",
        "He flew to St.Petersburg on a private jet.",
        "The statement was posted on example.com late at night.",
    ],
)
def test_dots_inside_names_and_addresses_do_not_split(text):
    assert [s.text for s in split_sentences(text)] == [text]


def test_an_over_long_sentence_is_cut_at_a_clause_break_before_the_limit():
    clause = "the convoy moved north past the river crossing, "  # 48 characters
    text = "Reports said " + clause * 300 + "and stopped."
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in pieces)
    assert all(s.text == text[s.start : s.end] for s in pieces)
    assert all(s.text.endswith(",") for s in pieces[:-1])
    assert "".join(s.text + " " for s in pieces).strip() == text


def test_an_over_long_run_without_breaks_is_cut_at_a_space_or_at_the_limit():
    spaced = "word " * 2000
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in split_sentences(spaced))
    solid = "x" * (3 * MAX_SENTENCE_CHARS)
    assert [len(s.text) for s in split_sentences(solid)] == [MAX_SENTENCE_CHARS] * 3


def test_ordinary_long_sentences_stay_whole():
    sentence = "The talks, " + "which the envoys said were frank, " * 40 + "ended."
    assert len(sentence) < MAX_SENTENCE_CHARS
    assert [s.text for s in split_sentences(sentence)] == [sentence]
