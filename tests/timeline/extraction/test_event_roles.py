"""Event type and roles from the happening, not from who reported it (events.py)."""

import datetime
import re

import pytest

from articles.text.sentences import split_sentences
from articles.text.temporal import find_dates
from timeline.extraction.actors import find_actors
from timeline.extraction.document import name_warring_sides
from timeline.extraction.events import SentenceInput, assign_roles, build_drafts, classify
from timeline.extraction.gazetteer import EntityMention
from timeline.extraction.matching import signature


def ent(body, text, name, kind="armed_forces", *, is_place=False):
    start = body.index(text)
    return EntityMention(start, start + len(text), text, name, kind, is_place, None, "alias")


def draft_of(body, names, published=datetime.date(2025, 6, 11)):
    """The one draft of a one-sentence body, its entities given as (text, name, kind)."""
    entities = sorted((ent(body, *n) for n in names), key=lambda m: m.start)
    [draft] = build_drafts(
        [SentenceInput(0, len(body), body)], find_dates(body, published), entities
    )
    return draft


def roles(draft):
    return sorted((a.name, a.role) for a in draft.actors)


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        # The attribution comes after the happening it dates…
        (
            "Three aid workers were killed on Saturday in fighting near the port, the agency said.",
            "on Saturday",
            "armed_clash",
        ),
        # …or before it, the speaker telling what it did itself.
        (
            "The army said it launched air strikes on rebel bases on Monday.",
            "on Monday",
            "armed_clash",
        ),
        # The saying itself is dated, and it tells no happening: a statement.
        (
            "The agency said on Saturday that the situation in the port was tense.",
            "on Saturday",
            "statement",
        ),
        ("On Monday, the army said its patience had limits.", "On Monday", "statement"),
    ],
)
def test_the_type_is_the_happenings_not_the_attributions(sentence, date, expected):
    start = sentence.index(date)
    assert classify(sentence, start, start + len(date)) == expected


def test_a_statement_whose_happening_is_dated_apart_stays_a_statement():
    sentence = "The ministry said on Monday that rebels shelled the depot on Sunday."
    monday, sunday = sentence.index("on Monday"), sentence.index("on Sunday")
    others = [(sunday, sunday + len("on Sunday"))]
    assert classify(sentence, monday, monday + len("on Monday"), "", others) == "statement"
    assert classify(sentence, monday, monday + len("on Monday")) == "armed_clash"


def test_the_victims_of_a_reported_happening_are_its_targets_and_the_reporter_its_source():
    body = "Three aid workers were killed on Saturday in fighting near the port, the agency said."
    draft = draft_of(
        body, [("aid workers", "Aid workers", "group"), ("the agency", "Relief Agency", "agency")]
    )
    assert draft.event_type == "armed_clash"
    assert roles(draft) == [("Aid workers", "target"), ("Relief Agency", "source")]


def test_a_speaker_that_tells_what_it_did_is_the_actor():
    body = "The army said it launched air strikes on rebel bases on Monday."
    draft = draft_of(body, [("The army", "Tarsian Army"), ("rebel", "Hill Rebels", "group")])
    assert roles(draft) == [("Hill Rebels", "target"), ("Tarsian Army", "actor")]


def test_a_speaker_that_tells_what_others_did_is_the_source_only():
    body = "The army said on Monday that the rebels shelled the garrison."
    draft = draft_of(
        body,
        [("The army", "Tarsian Army"), ("the rebels", "Hill Rebels", "group")],
    )
    assert draft.event_type == "armed_clash"
    assert roles(draft) == [("Hill Rebels", "actor"), ("Tarsian Army", "source")]


@pytest.mark.parametrize(
    "body",
    [
        "The militia shelled the garrison on Tuesday.",
        "The garrison was attacked by the militia on Tuesday.",
        "On Tuesday, the garrison was shelled by the militia.",
    ],
)
def test_who_did_it_and_to_whom_in_the_active_and_the_passive(body):
    draft = draft_of(body, [("militia", "Coast Militia", "group"), ("garrison", "Garrison")])
    assert roles(draft) == [("Coast Militia", "actor"), ("Garrison", "target")]


def test_without_by_the_passive_has_a_target_and_no_actor():
    body = "The garrison was shelled on Tuesday."
    assert roles(draft_of(body, [("garrison", "Garrison")])) == [("Garrison", "target")]


def test_parties_to_an_agreement_take_part_rather_than_suffer_it():
    body = "The envoy and the council signed a truce on Friday."
    sentence = SentenceInput(0, len(body), body)
    mentions = [
        ent(body, "The envoy", "Envoy", "person"),
        ent(body, "the council", "Council", "body"),
    ]
    assert [(a.name, a.role) for a in assign_roles(sentence, mentions, "agreement")] == [
        ("Envoy", "actor"),
        ("Council", "participant"),
    ]


def test_the_speaker_is_the_subject_of_the_speech_verb_not_an_actor_before_it():
    body = "Valley Front fighters set fire to a market on Monday, residents said."
    draft = draft_of(body, [("Valley Front", "Valley Front", "armed_forces")])
    assert draft.event_type == "armed_clash"
    assert roles(draft) == [("Valley Front", "actor")]
    # An apposition between the speaker and the verb leaves the speaker the source.
    body = "Three aid workers were killed on Monday, the agency, which runs the camp, said."
    draft = draft_of(body, [("the agency", "Relief Agency", "agency")])
    assert roles(draft) == [("Relief Agency", "source")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Rebels captured the town of Dune on Monday, the army said.", "armed_clash"),
        ("The ministry called for a ceasefire on Monday.", "appeal"),
    ],
)
def test_capture_is_violence_and_calling_for_is_an_appeal(body, expected):
    assert draft_of(body, []).event_type == expected


def drafts_found(body, published=datetime.date(2025, 6, 11)):
    """The drafts of a body, its actors found as any text's are (actors.find_actors)."""
    sentences = [SentenceInput(s.start, s.end, s.text) for s in split_sentences(body)]
    return build_drafts(sentences, find_dates(body, published), find_actors(body, []))


def test_a_head_of_state_or_government_acts_for_the_state():
    [draft] = drafts_found("Chilean President Ana Morales signed a trade pact with Peru on Monday.")
    assert ("Ana Morales", "actor") in roles(draft) and ("Chile", "actor") in roles(draft)
    # A later short mention is the same office holder: the state speaks with them.
    first, second = drafts_found(
        "Kenya's foreign minister Joseph Mwangi arrived in Addis Ababa on Monday. "
        "Mwangi said on Tuesday that the talks would go on."
    )
    assert ("Kenya", "actor") in roles(first)
    assert roles(second) == [("Joseph Mwangi", "source"), ("Kenya", "source")]


def test_an_army_chief_acts_for_the_armed_forces():
    [draft] = drafts_found("Chilean army chief Ana Morales ordered the offensive on Monday.")
    assert ("Chilean Armed Forces", "actor") in roles(draft)
    [draft] = drafts_found("Former Chilean army chief Ana Morales led a march on Monday.")
    assert "Chilean Armed Forces" not in {name for name, _ in roles(draft)}


def test_an_army_its_chief_stands_for_is_one_side_of_the_war():
    body = (
        "The Chilean army and the Valley Front fought near the pass on Sunday. "
        "The Valley Front and the Chilean army shelled the town on Monday. "
        "Chilean army chief Ana Morales and her former deputy have been at war since Tuesday."
    )
    sentences = [SentenceInput(s.start, s.end, s.text) for s in split_sentences(body)]
    front = [
        EntityMention(m.start(), m.end(), m.group(), "Valley Front", "armed_forces", False, None, "alias")
        for m in re.finditer("Valley Front", body)
    ]  # fmt: skip
    entities = sorted([*find_actors(body, front), *front], key=lambda m: m.start)
    drafts = build_drafts(sentences, find_dates(body, datetime.date(2025, 6, 12)), entities)
    name_warring_sides(drafts, entities)
    war = drafts[-1]
    assert {"Chilean Armed Forces", "Valley Front"} <= {a.name for a in war.actors}


@pytest.mark.parametrize(
    "body",
    [
        "Former Nigerian President Olu Adebayo mediated the talks on Monday.",
        "Chilean opposition leader Ana Morales led a march on Monday.",
    ],
)
def test_a_former_holder_or_another_office_acts_for_no_state(body):
    [draft] = drafts_found(body)
    assert [name for name, _ in roles(draft)] == [
        next(a.name for a in draft.actors if a.kind == "person")
    ]


@pytest.mark.parametrize(
    ("body", "body_name"),
    [
        ("Kestrel Relief Agency spokeswoman Ana Lopes said on Monday that aid was blocked.",
         "Kestrel Relief Agency"),
        ("The Harbour Port Authority's chief spokesman Omar Idris said on Monday that the port was calm and that ships were waiting offshore.",
            "Harbour Port Authority",
        ),
    ],
)  # fmt: skip
def test_a_spokesperson_speaks_for_the_body_named_before_their_title(body, body_name):
    [draft] = drafts_found(body)
    person = next(a.name for a in draft.actors if a.kind == "person")
    assert roles(draft) == sorted([(body_name, "source"), (person, "source")])


def test_a_body_named_beside_a_speaker_who_is_not_its_spokesperson_keeps_its_role():
    [draft] = drafts_found(
        "The Kestrel Relief Agency and Ana Lopes said on Monday that aid was blocked."
    )
    assert ("Kestrel Relief Agency", "source") not in roles(draft)


def test_who_a_speaker_tells_is_no_actor_of_what_is_said():
    [draft] = drafts_found(
        "Gunmen attacked a market near the port on Monday, the mayor told Kestrel Radio."
    )
    assert roles(draft) == [("Kestrel Radio", "participant")]
    [draft] = drafts_found("The mayor told the Kestrel Herald on Monday that the port was closed.")
    assert ("Kestrel Herald", "participant") in roles(draft)


def _article_drafts(body, names, states=()):
    sentences = [
        SentenceInput(m.start(), m.end(), m.group(), m.group().startswith("Smoke"))
        for m in re.finditer(r"[^\n]+", body)
    ]
    entities = []
    for text, name in names:
        entities += [
            EntityMention(m.start(), m.end(), text, name, "armed_forces", False, None, "alias")
            for m in re.finditer(re.escape(text), body)
        ]
    for text, name in states:
        entities += [
            EntityMention(m.start(), m.end(), text, name, "state", False, None, "alias")
            for m in re.finditer(rf"\b{re.escape(text)}\b", body)
        ]
    entities.sort(key=lambda m: m.start)
    drafts = build_drafts(sentences, find_dates(body, datetime.date(2025, 6, 14)), entities)
    name_warring_sides(drafts, entities)
    return drafts


def test_a_clash_that_names_nobody_is_between_the_articles_warring_sides():
    body = (
        "The Velorian Army said it shelled positions of the Northern Front near Varnik.\n"
        "The Northern Front said it repelled the Velorian Army.\n"
        "The clashes erupted on Saturday morning.\n"
        "Smoke rises over houses in the Varnik market district on Saturday, residents said.\n"
    )
    names = [("Velorian Army", "Velorian Army"), ("Northern Front", "Northern Front")]
    drafts = _article_drafts(body, names)
    clash = next(d for d in drafts if "erupted" in d.sentence.text)
    # A photo caption of what the fighting left, too.
    caption = next(d for d in drafts if d.sentence.is_caption)
    assert sorted(a.name for a in caption.actors) == ["Northern Front", "Velorian Army"]
    assert sorted((a.name, a.role, a.inferred) for a in clash.actors) == [
        ("Northern Front", "participant", True),
        ("Velorian Army", "participant", True),
    ]
    # Taken from the article, they are no evidence that two reports tell one happening.
    assert signature(clash).actors == frozenset()
    # A truce between them too; peacekeepers are no side, and two states named are the sides.
    body = (
        "The Velorian Army said it shelled positions of the Northern Front near Varnik.\n"
        "The Northern Front said it repelled the Velorian Army and the Tarnovka peacekeepers.\n"
        "Tarnovka peacekeepers patrolled Varnik, and more Tarnovka peacekeepers arrived.\n"
        "The truce takes effect on Saturday at noon.\n"
        "The mediator said on Thursday that no one should seek an advantage before the truce.\n"
        "Clashes between Dastra and Veloria erupted on Friday.\n"
    )
    names += [("Tarnovka peacekeepers", "Tarnovka peacekeepers")]
    drafts = _article_drafts(body, names, states=[("Dastra", "Dastra"), ("Veloria", "Veloria")])
    truce = next(d for d in drafts if "truce" in d.sentence.text)
    assert sorted(a.name for a in truce.actors) == ["Northern Front", "Velorian Army"]
    told = next(d for d in drafts if "mediator" in d.sentence.text)
    assert told.event_type == "statement"
    assert sorted(a.name for a in told.actors if a.inferred) == ["Northern Front", "Velorian Army"]
    between = next(d for d in drafts if "between" in d.sentence.text)
    assert not any(a.inferred for a in between.actors)
    # One side named once is not enough to say who fought.
    body = "The Velorian Army shelled Varnik.\nThe clashes erupted on Saturday morning.\n"
    clash = next(d for d in _article_drafts(body, names) if "erupted" in d.sentence.text)
    assert clash.actors == []


def test_without_two_armed_forces_the_two_states_named_most_are_the_sides():
    body = (
        "Dastra accused Veloria of massing troops on the border.\n"
        "Veloria said Dastra had shelled its villages.\n"
        "The fighting erupted on Saturday morning.\n"
        "Dastra said on Sunday that the fighting had stopped.\n"
    )
    drafts = _article_drafts(body, [], states=[("Dastra", "Dastra"), ("Veloria", "Veloria")])
    clash = next(d for d in drafts if "erupted" in d.sentence.text)
    assert sorted((a.name, a.inferred) for a in clash.actors) == [
        ("Dastra", True),
        ("Veloria", True),
    ]
    # A side the sentence names keeps its own role, and is not named twice.
    body = body.replace("The fighting erupted", "Veloria's shelling erupted")
    drafts = _article_drafts(body, [], states=[("Dastra", "Dastra"), ("Veloria", "Veloria")])
    clash = next(d for d in drafts if "erupted" in d.sentence.text)
    assert [a.name for a in clash.actors].count("Veloria") == 1


@pytest.mark.parametrize(
    ("body", "event_type"),
    [
        # An accusation is a claim of its own, whatever it is about…
        (
            "The minister on Monday accused the Dastran Army of using the grain deal as a weapon.",
            "statement",
        ),
        # …and a call to act an appeal.
        ("The minister on Monday urged the Dastran Army to honour the grain deal.", "appeal"),
    ],
)
def test_a_reaction_is_a_claim_or_an_appeal(body, event_type):
    draft = draft_of(body, [("Dastran Army", "Dastran Army")] if "Dastran" in body else [])
    assert draft.event_type == event_type


def test_a_clause_between_an_actor_and_a_speech_verb_is_no_apposition():
    body = (
        "Dastra on Monday accused the Tarsian Army of shelling a town that the Tarsian Army "
        "holds and warned residents to leave, warning of more strikes."
    )
    draft = draft_of(body, [("Dastra", "Dastra", "state"), ("Tarsian Army", "Tarsian Army")])
    assert ("Tarsian Army", "source") not in roles(draft)


def test_a_phone_call_is_no_call_to_act():
    draft = draft_of("The ministers discussed the border in a phone call on Monday.", [])
    assert (draft.event_type, draft.act) == ("talks", "happening")


def test_a_withdrawal_told_as_it_goes_on_is_a_withdrawal():
    draft = draft_of("The peacekeepers began pulling out of their bases in July.", [])
    assert draft.event_type == "withdrawal"


def test_the_speaker_after_a_quotation_is_its_source():
    [draft] = drafts_found(
        '"Thousands have fled the valley since Monday," said Ana Morales, a local aid worker.'
    )
    assert roles(draft) == [("Ana Morales", "source")]
