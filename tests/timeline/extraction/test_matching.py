"""The same-happening rule (timeline.extraction.matching), pure.

Every sentence here is made up; they follow how outlets word the same happening differently.
"""

import random

import pytest

from timeline.extraction.events import Act
from timeline.extraction.matching import (
    Context,
    Signature,
    may_be_same,
    report,
    same_happening,
    similarity,
    terms,
)


def told(text, event_type="other", act=Act.HAPPENING, sources=()):
    return Signature((report(text, event_type, act),), sources=frozenset(sources))


def event(*reports, sources=()):
    return Signature(tuple(r.reports[0] for r in reports), sources=frozenset(sources))


def test_inflections_demonyms_and_doubled_letters_fold_together():
    assert set(terms("Bellamar killing Velorian")) == set(terms("Belamar killed Veloria"))


def test_a_country_and_its_demonym_are_one_word():
    assert set(terms("Turkish mediators")) == set(terms("mediators from Turkey"))
    assert set(terms("Russians")) == set(terms("Russia")) == set(terms("Russian"))


def test_function_time_and_reporting_words_are_not_content():
    assert terms("He said on Monday morning that it was late.") == {}
    assert terms("the spokesman told journalists") == {}


def test_irregular_past_forms_fold_with_their_other_forms():
    assert set(terms("rebels blew up the bridge")) == set(terms("rebels blowing up the bridge"))
    assert set(terms("troops fled and struck")) == set(terms("troops fleeing and striking"))


def test_words_news_uses_for_one_happening_fold_together():
    assert set(terms("a truce")) == set(terms("the ceasefire")) == set(terms("an armistice"))
    assert set(terms("a blast")) == set(terms("the explosion")) == set(terms("it exploded"))
    assert set(terms("four were killed")) == set(terms("four dead")) == set(terms("four died"))
    assert set(terms("rebels seized the depot")) == set(terms("rebels captured the depot"))
    assert set(terms("it halted exports")) == set(terms("it is suspending exports"))
    assert (
        set(terms("the pact expired"))
        == set(terms("the pact ceased"))
        == set(terms("the pact was terminated"))
    )
    assert set(terms("the pact ceased")) != set(terms("a ceasefire"))
    assert set(terms("a pact")) == set(terms("the agreement"))
    assert set(terms("a truce")) != set(terms("a blast"))


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("at 9:45 pm", "21:45"),
        ("at 21:45 local time", "21:45"),
        ("shortly before 7 a.m.", "07:00"),
        ("at 6.07am", "06:07"),
        ("at midnight, 12 am", "00:00"),
        ("at 5 pm on Monday", "17:00"),
    ],
)
def test_a_time_of_day_is_a_rare_word(text, clock):
    assert clock in terms(text)
    assert terms(text)[clock] >= max(terms("Velmar garrison").values())


@pytest.mark.parametrize("text", ["on 13.09.2022", "rose 9.5 percent", "won 3:2", "in 1999"])
def test_dates_scores_and_decimals_are_no_time_of_day(text):
    assert not [key for key in terms(text) if ":" in key]


def test_a_ceasefire_and_a_truce_taking_effect_at_one_hour_are_one_happening():
    a = told("The ceasefire will take effect on Monday at 9:45 pm local time.", "agreement")
    b = told("before the truce goes into effect at 9:45 pm on Monday", "agreement")
    assert same_happening(a, b) and same_happening(b, a)
    # one hour alone is no happening
    c = told("The truce takes effect at 9:45 pm on Monday.", "agreement")
    d = told("Rebels shelled a depot near Kalden at 9:45 pm on Monday.", "armed_clash")
    assert not same_happening(c, d) and not same_happening(d, c)


def test_rare_words_weigh_more_than_common_ones():
    weights = terms("the garrison of Tarnovka")
    assert weights["tarno"] > weights["garis"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            told("A car bomb exploded on the Velmar bridge, killing three people.", "armed_clash"),
            told("An explosion damaged the Velmar bridge and three people died.", "armed_clash"),
        ),
        (
            told("The governor of Orlesk province, Tomas Brannik, was shot dead.", "armed_clash"),
            told("Orlesk governor Tomas Branik was killed by gunmen near his home.", "armed_clash"),
        ),
        (
            told("Rebels seized the presidential palace and the airport in Dastra.", "other"),
            told("The rebels took the Dastra airport and the presidential palace.", "armed_clash"),
        ),
    ],
)
def test_two_outlets_wording_one_happening_differently_are_the_same(a, b):
    assert same_happening(a, b)
    assert same_happening(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            told("Shelling hit a hospital in Dastra, killing four nurses.", "armed_clash"),
            told("Talks between the two sides opened in Geneva.", "talks"),
        ),
        (
            told("The governor of Orlesk province was shot dead.", "armed_clash"),
            told("Fighting rocked three towns in the south of the country.", "armed_clash"),
        ),
    ],
)
def test_different_happenings_of_a_day_stay_apart(a, b):
    assert not same_happening(a, b)


def test_a_reaction_is_never_the_happening_it_is_about():
    blast = told("The Korven dam was blown up, flooding villages downstream.", "other")
    accusation = told(
        "Ministers accused rebel forces of blowing up the Korven dam.", "other", Act.REACTION
    )
    assert not same_happening(accusation, blast)
    assert not same_happening(blast, accusation)


def test_corpus_dating_compares_a_reaction_of_the_day_with_its_happening_by_wording():
    blast = told("The Korven dam was damaged, with each side accusing the other of blowing it up.")
    accusation = told(
        "Ministers accused rebel forces of blowing up the Korven dam.", "other", Act.REACTION
    )
    assert not same_happening(blast, accusation)
    assert same_happening(blast, accusation, same_day=True)


def test_a_statement_as_such_matches_only_its_speakers_telling():
    one = told("The ministry accused the rebels of blowing up the Korven dam.", act=Act.REACTION)
    same_speaker = told(
        "The ministry reported that rebels had blown up the Korven dam overnight.",
        "statement",
        Act.SPEECH,
    )
    assert same_happening(same_speaker, one)
    other_speaker = Signature(same_speaker.reports, sources=frozenset({"Rebel command"}))
    assert not same_happening(
        other_speaker, Signature(one.reports, sources=frozenset({"Ministry"}))
    )


def test_a_reaction_and_its_speakers_report_are_one_telling():
    """An appeal and a report by the same speaker of that day, in other words, are one telling;
    a transliteration's doubled letters do not make another speaker."""
    appeal = Signature(
        (
            report(
                "Governor Ilvo Marrak on Monday called for foreign intervention.",
                "appeal",
                Act.REACTION,
            ),
        ),
        sources=frozenset({"Ilvo Marrak"}),
    )
    telling = Signature(
        (
            report(
                "Marak told Radio Dastra on Monday that foreign intervention was required.",
                "statement",
                Act.REPORT,
            ),
        ),
        sources=frozenset({"Ilvo Marak"}),
    )
    assert same_happening(telling, appeal) and same_happening(appeal, telling)
    # Another speaker's report is the happening it tells, never the governor's appeal.
    other = Signature(telling.reports, sources=frozenset({"Aid Council"}))
    assert not same_happening(other, appeal)
    # And a report with no speaker named is the happening, not a reaction to it.
    assert not same_happening(Signature(telling.reports), appeal)


def test_a_report_of_a_happening_is_that_happening():
    signing = told(
        "The two sides signed a truce in Dastra, ending the siege of Varnik.", "agreement"
    )
    announcement = told(
        "The mediator said the two sides had signed a truce ending the siege of Varnik.",
        "statement",
        Act.REPORT,
    )
    assert same_happening(announcement, signing)


def test_one_shared_name_is_the_story_not_the_happening():
    a = told("Smoke rose over Dastra.", "other")
    b = told("Aid convoys reached Dastra after a week.", "other")
    assert similarity(a.reports[0].terms, b.reports[0].terms) == 0.0
    assert not same_happening(a, b)


def test_the_story_words_of_a_date_weigh_less_among_its_reports():
    a = report("Velorian militia stormed the Tarnovka airport garrison.", "armed_clash")
    b = report("Velorian militia shelled the Brezhny market square.", "armed_clash")
    assert same_happening(Signature((a,)), Signature((b,)))
    # Most events of that date speak of the Velorian militia: it is the story, not the happening.
    story = Context({key: 4 for key in terms("Velorian militia")}, 5)
    assert similarity(story.weigh(a.terms), story.weigh(b.terms)) < similarity(a.terms, b.terms)
    assert not same_happening(Signature((a,)), Signature((b,)), story)
    # With too few reports to tell, nothing is discounted.
    assert same_happening(Signature((a,)), Signature((b,)), Context(story.uses, 1))


def test_a_word_a_few_reports_of_a_day_use_is_not_yet_the_story():
    # Two outlets tell one accusation. Four events on that day, and the draft: besides the two
    # tellings, one more event uses "breached" and "reservoir" (the accused happening itself).
    draft = told(
        "Velora accused Tarnovka of having breached the Ostrava reservoir dam.",
        "other",
        Act.REACTION,
        sources=("Velora",),
    )
    event = told(
        "Velorian officials said Tarnovka breached the reservoir dam overnight.",
        "other",
        Act.SPEECH,
        sources=("Velora",),
    )
    uses = {key: 1 for key in event.reports[0].terms}
    uses.update({key: 2 for key in terms("breached reservoir")})  # this event and one other
    day = Context(uses, 4, frozenset(draft.reports[0].terms))
    assert day.weigh(draft.reports[0].terms)["reser"] == draft.reports[0].terms["reser"]
    assert same_happening(draft, event, day)
    # Used by every event of the day, they are the story's words.
    story = Context(
        {**uses, **{key: 4 for key in terms("breached reservoir dam")}},
        4,
        frozenset(draft.reports[0].terms),
    )
    assert story.weigh(draft.reports[0].terms)["reser"] < draft.reports[0].terms["reser"]


def test_the_words_a_draft_shares_with_one_event_are_not_the_story():
    event = told("Velora halted its part in the deal that let Tarnovka grain be exported.")
    draft = told("Velora said it was suspending its part in the Tarnovka grain export deal.")
    # Four events of the date, one of them this one; the draft's own words count once more.
    day = Context(
        {**{key: 1 for key in event.reports[0].terms}, **{key: 3 for key in terms("Velora")}},
        4,
        frozenset(draft.reports[0].terms),
    )
    assert same_happening(draft, event, day)
    # Used by three of the four, "Velora" is the story's word and weighs less.
    assert day.weigh(draft.reports[0].terms)["velor"] < draft.reports[0].terms["velor"]
    assert day.weigh(draft.reports[0].terms)["grain"] == draft.reports[0].terms["grain"]


def test_an_event_does_not_drift_along_a_chain_of_reports():
    founding = told("Rebels seized the presidential palace in Dastra.", "armed_clash")
    second = told("Rebels seized the presidential palace and stormed the army barracks.")
    blob = event(founding, second, second)
    drifting = told("Soldiers stormed the army barracks near the river.", "armed_clash")
    assert same_happening(drifting, event(second))
    assert not same_happening(drifting, event(founding, second, told("Crowds cheered."), told("A")))
    assert same_happening(drifting, blob)  # as two of its three reports


def test_may_be_same_holds_whenever_same_happening_does():
    rng = random.Random(5)
    vocabulary = [
        "dam",
        "bridge",
        "palace",
        "airport",
        "governor",
        "siege",
        "convoy",
        "truce",
        "Velmar",
        "Orlesk",
        "Dastra",
    ]
    types = ["statement", "armed_clash", "talks", "other"]
    acts = list(Act)
    for _ in range(3000):
        a = told(" ".join(rng.sample(vocabulary, rng.randint(0, 6))), rng.choice(types))
        b = event(
            *(
                told(
                    " ".join(rng.sample(vocabulary, rng.randint(0, 6))),
                    rng.choice(types),
                    rng.choice(acts),
                )
                for _ in range(rng.randint(1, 3))
            )
        )
        uses = {w: rng.randint(0, 6) for w in terms(" ".join(vocabulary))}
        context = Context(uses, rng.randint(0, 6))
        if same_happening(a, b, context) or same_happening(a, b):
            assert may_be_same(a.reports[0].terms, b)


def test_the_same_speaker_or_the_same_parties_need_less_shared_wording():
    a = report(
        "The envoy said the naval blockade of Varnik port must end within days, or grain prices "
        "would soar across the region.",
        "statement",
    )
    b = report(
        "He warned that shipping from Varnik port faced collapse as insurers withdrew cover for "
        "cargo vessels.",
        "statement",
    )
    plain = same_happening(Signature((a,)), Signature((b,)))
    assert not plain
    envoy = frozenset({"Envoy Marta Ilves"})
    assert same_happening(Signature((a,), envoy, envoy), Signature((b,), envoy, envoy))
    parties = frozenset({"Velorian Army", "Northern Front"})
    x = report(
        "Troops of both sides exchanged fire at the Varnik port gates before dawn, witnesses said.",
        "armed_clash",
    )
    y = report(
        "Heavy shelling hit the Varnik port warehouses and a fuel depot near the customs "
        "terminal, setting two barges ablaze.",
        "armed_clash",
    )
    assert not same_happening(Signature((x,)), Signature((y,)))
    assert same_happening(Signature((x,), parties), Signature((y,), parties))


def test_a_caption_shares_more_than_a_place_and_its_photographer_says_nothing():
    """A caption's credit is no wording of the scene, and a place and its country are the story:
    'Smoke over Varnik, Velmar' is not the ministry's statement about Varnik."""
    caption = Signature(
        (
            report(
                "Smoke rises over Tarnovka, Dastra, on March 4. (Photo by Ilse Marrow/AFP)",
                "other",
                caption=True,
            ),
        )
    )
    assert set(caption.reports[0].terms) == set(terms("Smoke rises over Tarnovka, Dastra"))
    statement = told(
        "Residents of Tarnovka in Dastra woke to gunfire, a local aid group said in a statement.",
        "statement",
    )
    assert not same_happening(caption, statement)


def test_a_caption_and_its_articles_report_with_the_same_parties_are_one_happening():
    """In one article, a photo of the parties at the ceremony and the report of what they signed
    are one happening, whatever types they were given; not so across outlets."""
    parties = frozenset({"United Nations", "Dastra", "Veloria"})
    caption = Signature(
        (
            report(
                "United Nations chief Ilse Marrow and the Dastran president sit at the start of "
                "the signature ceremony for an initiative on the transport of grain in Tarnovka. "
                "(Photo by Jon Kell/AFP)",
                "other",
                caption=True,
            ),
        ),
        parties,
    )
    body = Signature(
        (
            report(
                "Dastra and Veloria on Friday signed a landmark deal with the United Nations on "
                "resuming grain shipments that could ease a global food crisis in which millions "
                "face hunger.",
                "agreement",
            ),
        ),
        parties,
    )
    assert same_happening(caption, body, one_article=True)
    assert not same_happening(caption, body)


def test_an_event_opened_by_a_photo_caption_is_led_by_its_first_told_report():
    caption = Signature(
        (report("Smoke over the Velmar quarter of Varnik on March 4.", "other", caption=True),)
    )
    body = told("Rebel drones struck the Varnik fuel depot, setting three storage tanks ablaze.")
    other = told("Rebel drones hit the fuel depot in Varnik and set storage tanks on fire.")
    scene = told("A crowd watched smoke rising over the Velmar quarter of Varnik on March 4.")
    opened = Signature(caption.reports + body.reports + scene.reports)
    # Like the body, unlike the caption and the crowd's scene: the body leads the event.
    assert same_happening(other, opened)
    led = Signature(body.reports + caption.reports + scene.reports)
    assert same_happening(other, led)


def test_what_a_possessive_date_names_is_matched_by_how_much_of_it_a_report_holds():
    named = Signature(
        (report("'s explosion at the Varnik fuel depot", "armed_clash", naming=True),)
    )
    blast = told(
        "A powerful explosion tore through the fuel depot outside Varnik early on Saturday, "
        "sending a column of black smoke over the eastern districts, the governor said.",
        "armed_clash",
    )
    decree = told(
        "The president signed a decree tightening security at every fuel depot after the "
        "explosion in Varnik.",
        "agreement",
    )
    assert same_happening(named, blast)
    assert not same_happening(named, decree)  # another kind of happening that names it
