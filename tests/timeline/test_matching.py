"""The same-happening rule (timeline.extraction.matching), pure."""

import random

import pytest

from timeline.extraction.matching import Signature, may_be_same, same_happening


def sig(event_type, actors, words, sources=()):
    return Signature(event_type, frozenset(actors), frozenset(words.split()), frozenset(sources))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            sig("agreement", {"Putin", "Aliyev"}, "putin aliyev signed joint statement ceasefire"),
            sig(
                "agreement",
                {"Putin", "Aliyev", "Pashinyan"},
                "putin aliyev pashinyan signed joint statement complete ceasefire",
            ),
            True,
        ),
        (
            sig("statement", {"Armenia MoD"}, "ministry troops tried carry works border"),
            sig("statement", {"Pashinyan"}, "premier troops crossed border kilometers"),
            False,
        ),
        (
            sig("talks", set(), "talks held moscow ministers"),
            sig("armed_clash", set(), "shelling killed soldiers"),
            False,
        ),
    ],
)
def test_same_happening_needs_shared_actors_or_wording(a, b, same):
    assert same_happening(a, b) is same
    assert same_happening(b, a) is same


def test_two_speakers_saying_much_the_same_are_two_statements():
    words = "ministry said troops crossed border near village"
    assert not same_happening(
        sig("statement", set(), words, {"Armenia"}), sig("statement", set(), words, {"Azerbaijan"})
    )
    assert same_happening(
        sig("statement", set(), words, {"Armenia"}), sig("statement", set(), words, {"Armenia"})
    )


def test_may_be_same_holds_whenever_same_happening_does():
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(14)]
    names = ["Armenia", "Azerbaijan", "CSTO", "Nikol Pashinyan"]
    types = ["statement", "armed_clash", "talks"]
    for _ in range(5000):
        a = Signature(
            rng.choice(types),
            frozenset(rng.sample(names, rng.randint(0, 3))),
            frozenset(rng.sample(vocabulary, rng.randint(0, 8))),
        )
        b = Signature(
            rng.choice(types),
            frozenset(rng.sample(names, rng.randint(0, 3))),
            frozenset(rng.sample(vocabulary, rng.randint(0, 8))),
        )
        if same_happening(a, b):
            assert may_be_same(a.words, b)
