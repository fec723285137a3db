"""The pure event builder: sentences + date mentions + entity mentions -> drafts."""

import datetime

import pytest

from articles.text.temporal import find_dates
from timeline.extraction.events import (
    Act,
    SentenceInput,
    act_of,
    build_drafts,
    classify,
    clause_in,
    dated_clause,
    is_planned,
    named,
    resolve_metonyms,
    summarise,
)
from timeline.extraction.gazetteer import EntityMention


def mention(text, body, name, *, is_place=False, kind="state", occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(text, start + 1)
    return EntityMention(start, start + len(text), text, name, kind, is_place, None, "alias")


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        # A statement that tells a happening has the happening's type…
        (
            "The ministry said on Wednesday that troops had crossed the border.",
            "on Wednesday",
            "incursion",
        ),
        # …one that tells none is a statement.
        (
            "The ministry said on Wednesday that the talks had been useful.",
            "on Wednesday",
            "statement",
        ),
        (
            "On Friday, the foreign ministry reported that letters were sent.",
            "On Friday",
            "statement",
        ),
        (
            "Clashes erupted on September 27, 2020, with intense battles.",
            "on September 27, 2020",
            "armed_clash",
        ),
        (
            "Troops advanced several kilometers into Armenian territory early on May 12.",
            "on May 12",
            "incursion",
        ),
        ("Both leaders signed a ceasefire agreement on November 9.", "on November 9", "agreement"),
        # What the statement tells, after its verb, not the words of who spoke and where
        (
            "The envoy, in a briefing on the peace talks, said on Monday that both sides "
            "agreed to a truce.",
            "on Monday",
            "agreement",
        ),
        ("Military exercises began on Sunday near the border.", "on Sunday", "exercise"),
        ("Some soldiers have withdrawn since May 14.", "since May 14", "withdrawal"),
        ("Armenia asked the CSTO for help late last week.", "late last week", "appeal"),
        ("The ministers met in Moscow on January 11.", "on January 11", "talks"),
    ],
)
def test_classify_picks_the_type_of_the_dated_happening(sentence, date, expected):
    start = sentence.index(date)
    assert classify(sentence, start, start + len(date)) == expected


def test_summary_drops_the_leading_date_clause_and_is_kept_whole():
    sentence = "On November 9, 2020, the leaders signed a joint statement."
    assert (
        summarise(sentence, 0, len("On November 9, 2020"))
        == "The leaders signed a joint statement."
    )
    assert (
        summarise("Later that day, the premier said troops crossed.")
        == "The premier said troops crossed."
    )
    long = "Talks " + "went on and on " * 40 + "without end."
    assert summarise(long) == long


def test_one_draft_per_distinct_date_in_a_sentence_with_roles_and_places():
    body = (
        "On November 9, 2020, Vladimir Putin and Ilham Aliyev signed a joint statement on a ceasefire in "
        "Nagorno-Karabakh starting from November 10. Nothing else happened."
    )
    sentences = [SentenceInput(0, body.index(" Nothing"), body[: body.index(" Nothing")])]
    dates = find_dates(body, datetime.date(2021, 5, 14))
    entities = [
        mention("Vladimir Putin", body, "Vladimir Putin", kind="person"),
        mention("Ilham Aliyev", body, "Ilham Aliyev", kind="person"),
        mention("Nagorno-Karabakh", body, "Nagorno-Karabakh", is_place=True, kind="region"),
    ]
    drafts = build_drafts(sentences, dates, entities)
    assert [(d.date.value, d.event_type) for d in drafts] == [
        ("2020-11-09", "agreement"),
        ("2020-11-10", "agreement"),
    ]
    assert [(a.name, a.role) for a in drafts[0].actors] == [
        ("Vladimir Putin", "actor"),
        ("Ilham Aliyev", "participant"),
    ]
    assert drafts[0].places == ["Nagorno-Karabakh"]
    assert drafts[0].summary.startswith("Vladimir Putin and Ilham Aliyev signed")


def test_a_country_in_an_actors_name_is_not_where_the_happening_was():
    body = "Velmaria's government and the Oster militia signed a truce on Monday in Kalden."
    sentences = [SentenceInput(0, len(body), body)]
    entities = [
        mention("Velmaria", body, "Velmaria", is_place=True, kind="country"),
        mention("Velmaria's government", body, "Velmaria Government"),
        mention("Kalden", body, "Kalden", is_place=True, kind="city"),
    ]
    [draft] = build_drafts(sentences, find_dates(body, datetime.date(2024, 3, 6)), entities)
    assert draft.places == ["Kalden"]
    alone = "Troops entered Velmaria on Monday."
    entities = [mention("Velmaria", alone, "Velmaria", is_place=True, kind="country")]
    [draft] = build_drafts(
        [SentenceInput(0, len(alone), alone)],
        find_dates(alone, datetime.date(2024, 3, 6)),
        entities,
    )
    assert draft.places == ["Velmaria"]


@pytest.mark.parametrize(
    ("sentence", "date", "clause"),
    [
        (
            "Both sides vowed not to attack before the truce takes effect at 9:45 pm on May 22, "
            "the mediators said.",
            "on May 22",
            "before the truce takes effect at 9:45 pm on May 22",
        ),
        (
            "The militia withdrew after talks in Kalden on Monday.",
            "on Monday",
            "after talks in Kalden on Monday.",
        ),
        ("Troops crossed the border on Monday, the ministry said.", "on Monday", ""),
        # a comma between the conjunction and the date: the date is the main clause's
        ("Before the vote, troops crossed the border on Monday.", "on Monday", ""),
        ("Shelling went on until Tuesday: 4 people died.", "until Tuesday", ""),
        (
            "The envoy spoke in Kalden, where talks began on Monday.",
            "on Monday",
            "where talks began on Monday.",
        ),
    ],
)
def test_a_date_in_a_clause_of_time_dates_that_clause(sentence, date, clause):
    start = sentence.index(date)
    assert dated_clause(sentence, start, start + len(date)) == clause.rstrip(".")
    assert clause_in(sentence, date) == clause.rstrip(".")


def test_a_drafts_telling_is_its_clause_of_time():
    body = "Both sides vowed restraint before the truce takes effect on Monday, envoys said."
    [draft] = build_drafts(
        [SentenceInput(0, len(body), body)], find_dates(body, datetime.date(2024, 3, 6)), []
    )
    assert draft.telling == "before the truce takes effect on Monday"
    # what the date dates is the truce's taking effect, not the envoys' statement
    assert draft.act == Act.HAPPENING


@pytest.mark.parametrize(
    ("body", "summary"),
    [
        (
            "Both sides vowed restraint before the truce takes effect on Monday, envoys said.",
            "The truce takes effect on Monday",
        ),
        (
            "The envoy spoke in Kalden, where talks between the two sides began on March 3.",
            "Talks between the two sides began on March 3",
        ),
        ("The bridge was rebuilt after last year's war.", "Last year's war"),
        # A clause that cannot stand alone leaves the summary to the sentence.
        (
            "The deal ended a blockade when it was brokered by the League last July.",
            "The deal ended a blockade when it was brokered by the League last July.",
        ),
        (
            "Officials announced nothing after holding talks on Monday.",
            "Officials announced nothing after holding talks on Monday.",
        ),
    ],
)
def test_a_date_in_a_clause_of_time_sums_up_what_the_clause_tells(body, summary):
    [draft] = drafts_of(body)
    assert draft.summary == summary


def test_the_speaker_is_the_source():
    body = "The Armenian Defense Ministry said on Wednesday that Azerbaijani troops crossed the border."
    sentences = [SentenceInput(0, len(body), body)]
    entities = [
        mention("Armenian Defense Ministry", body, "Armenia Ministry of Defense", kind="ministry"),
        mention("Azerbaijani troops", body, "Azerbaijan Armed Forces", kind="armed_forces"),
    ]
    drafts = build_drafts(sentences, find_dates(body, datetime.date(2021, 5, 14)), entities)
    assert drafts[0].event_type == "incursion"
    assert {a.name: a.role for a in drafts[0].actors} == {
        "Armenia Ministry of Defense": "source",
        "Azerbaijan Armed Forces": "actor",
    }


def test_how_long_a_state_has_lasted_does_not_date_what_a_statement_tells():
    body = (
        "The government and the rebels, at war since 2019, have agreed to end hostilities, "
        "the mediator said on Wednesday."
    )
    drafts = build_drafts(
        [SentenceInput(0, len(body), body)], find_dates(body, datetime.date(2021, 5, 14)), []
    )
    wednesday = next(d for d in drafts if d.date.first == datetime.date(2021, 5, 12))
    assert (wednesday.act, wednesday.event_type) == (Act.REPORT, "agreement")
    # A date of what is told, not a duration, still makes the statement's date its own.
    body = "The rebels shelled the port on Monday, the mediator said on Wednesday."
    drafts = build_drafts(
        [SentenceInput(0, len(body), body)], find_dates(body, datetime.date(2021, 5, 14)), []
    )
    assert [d.act for d in drafts if d.date.first == datetime.date(2021, 5, 12)] == [Act.SPEECH]


def test_sentences_without_dates_give_no_drafts():
    body = "Territorial disputes have surfaced now and again."
    assert (
        build_drafts(
            [SentenceInput(0, len(body), body)], find_dates(body, datetime.date(2021, 5, 14)), []
        )
        == []
    )


def test_capitals_are_places_after_a_locative_and_actors_otherwise():
    body = "Baku may be trying to provoke a clash, officials in Baku said."
    both = []
    for occurrence in (0, 1):
        both.append(mention("Baku", body, "Azerbaijan", occurrence=occurrence))
        both.append(
            mention("Baku", body, "Baku", is_place=True, kind="city", occurrence=occurrence)
        )
    kept = resolve_metonyms(body, both)
    assert [(m.start, m.name, m.is_place) for m in kept] == [
        (0, "Azerbaijan", False),
        (body.rindex("Baku"), "Baku", True),
    ]


@pytest.mark.parametrize("cue", ["in western", "across northern", "in the north-eastern"])
def test_a_country_after_a_locative_and_a_compass_word_is_a_place(cue):
    body = f"Floods swept towns {cue} Chile on Monday, and Chile asked for help."
    both = []
    for occurrence in (0, 1):
        both.append(mention("Chile", body, "Chile", kind="state", occurrence=occurrence))
        both.append(mention("Chile", body, "Chile", is_place=True, occurrence=occurrence))
    kept = resolve_metonyms(body, both)
    assert [(m.start, m.is_place) for m in kept] == [
        (body.index("Chile"), True),
        (body.rindex("Chile"), False),
    ]


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        # The speaker may follow the date across a long subject noun phrase…
        (
            "Later that day, Armenia's Acting Prime Minister Nikol Pashinyan said the border was calm.",
            "Later that day",
            "statement",
        ),
        (
            "On Friday, the United States Department of State said talks would go on.",
            "On Friday",
            "statement",
        ),
        # …but not across another clause: then the date dates what that clause says happened.
        (
            "Troops advanced into the province early on May 12, and officials later said nothing.",
            "on May 12",
            "incursion",
        ),
        ("On Monday, troops crossed the border, the ministry said.", "On Monday", "incursion"),
    ],
)
def test_a_date_dates_the_statement_only_when_the_speech_verb_is_in_its_clause(
    sentence, date, expected
):
    start = sentence.index(date)
    assert classify(sentence, start, start + len(date)) == expected


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        (
            "The envoy met the committee chair, who presented the findings of an inquiry into "
            "Sunday's blast at the port.",
            "Sunday",
            "armed_clash",
        ),
        ("The foreign minister said Tuesday's truce would be respected.", "Tuesday", "agreement"),
        (
            "Observers deployed to the valley after last year's fighting stayed on.",
            "last year",
            "armed_clash",
        ),
    ],
)
def test_a_possessive_date_names_the_happening_whatever_the_sentence_tells_of_it(
    sentence, date, expected
):
    start = sentence.index(date)
    assert classify(sentence, start, start + len(date)) == expected


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        (
            "Envoys heard the findings of an inquiry into Sunday's blast at the port, which "
            "killed four.",
            "Sunday",
            "'s blast at the port",
        ),
        ("The premier hailed Tuesday's truce and said it would hold.", "Tuesday", "'s truce"),
        ("The talks resumed on Tuesday in the capital.", "Tuesday", ""),
    ],
)
def test_a_possessive_date_names_the_words_up_to_the_end_of_its_phrase(sentence, date, expected):
    assert named(sentence, sentence.index(date) + len(date)) == expected


def at(body, text, name, kind, country, *, last=False):
    start = body.rindex(text) if last else body.index(text)
    return EntityMention(start, start + len(text), text, name, kind, False, country, "alias")


def test_a_denial_by_the_other_side_disputes_the_claim_it_answers():
    from timeline.extraction.events import find_disputes

    claim = (
        "On Monday, Armenia's premier Nikol Pashinyan said Azerbaijani troops crossed the border."
    )
    other = "Talks were held in Moscow on Tuesday."
    denial = "Azerbaijan denied sending troops across the border."
    body = " ".join([claim, other, denial])
    starts = [0, len(claim) + 1, body.index(denial)]
    sentences = [
        SentenceInput(a, a + len(t), t) for a, t in zip(starts, [claim, other, denial], strict=True)
    ]
    entities = [
        at(body, "Nikol Pashinyan", "Nikol Pashinyan", "person", "ARM"),
        at(body, "Azerbaijani troops", "Azerbaijan Armed Forces", "armed_forces", "AZE"),
        at(body, "Azerbaijan", "Azerbaijan", "state", "AZE", last=True),
    ]
    drafts = build_drafts(sentences, find_dates(body, datetime.date(2021, 5, 19)), entities)
    disputes = find_disputes(sentences, entities, drafts)
    assert len(disputes) == 1
    assert (disputes[0].denier.name, disputes[0].denier.role) == ("Azerbaijan", "denies")
    assert disputes[0].draft.sentence.text == claim


def test_no_dispute_without_a_denial_or_against_ones_own_statement():
    from timeline.extraction.events import find_disputes

    claim = "On Monday, Azerbaijan said its troops held positions."
    denial = "Azerbaijan denied that its troops held positions near the border."
    body = claim + " " + denial
    sentences = [
        SentenceInput(0, len(claim), claim),
        SentenceInput(len(claim) + 1, len(body), denial),
    ]
    entities = [
        EntityMention(
            0 + claim.index("Azerbaijan"),
            claim.index("Azerbaijan") + 10,
            "Azerbaijan",
            "Azerbaijan",
            "state",
            False,
            "AZE",
            "alias",
        ),
        EntityMention(
            body.index(denial),
            body.index(denial) + 10,
            "Azerbaijan",
            "Azerbaijan",
            "state",
            False,
            "AZE",
            "alias",
        ),
    ]
    drafts = build_drafts(sentences, find_dates(body, datetime.date(2021, 5, 19)), entities)
    assert drafts[0].actors[0].role == "source"
    assert find_disputes(sentences, entities, drafts) == []
    assert find_disputes([SentenceInput(0, len(claim), claim)], entities[:1], drafts) == []


@pytest.mark.parametrize(
    ("sentence", "date", "act"),
    [
        ("Rebels shelled the port of Varnik on Monday.", "on Monday", Act.HAPPENING),
        ("The ministry said on Monday that the port was shelled.", "on Monday", Act.REPORT),
        ("The ministry on Monday said the port was shelled.", "on Monday", Act.REPORT),
        ("On Monday, the defence ministry said the port was shelled.", "On Monday", Act.REPORT),
        # What the statement tells is dated apart: the date dates the statement only.
        (
            "The ministry said on Monday that rebels shelled the port on Sunday.",
            "on Monday",
            Act.SPEECH,
        ),
        (
            "The government on Monday accused rebels of shelling the port.",
            "on Monday",
            Act.REACTION,
        ),
        (
            "A rebel spokesman did not deny or confirm the shelling on Monday.",
            "on Monday",
            Act.REACTION,
        ),
        ("Aid groups on Monday called for a halt to the shelling.", "on Monday", Act.REACTION),
        # The date names the thing, not the verb of the sentence.
        ("The premier hailed Monday's agreement in a televised address.", "Monday", Act.HAPPENING),
        # The speech verb is further off, across whom it was told to and a time word.
        (
            "The governor told Radio Dastra late on Monday that the port was shelled.",
            "Monday",
            Act.REPORT,
        ),
        # "told" of what someone did, not a telling of the date's happening.
        ("Troops told to leave crossed the river on Monday.", "on Monday", Act.HAPPENING),
        (
            "He told Radio Dastra that rebels shelled the port on Monday.",
            "on Monday",
            Act.HAPPENING,
        ),
        # Nobody reports anything: "reported" describes the clashes.
        (
            "People fled Varnik on Monday, amid reported clashes in the city.",
            "on Monday",
            Act.HAPPENING,
        ),
    ],
)
def test_what_a_date_dates(sentence, date, act):
    start = sentence.index(date)
    others = []
    if "on Sunday" in sentence and date != "on Sunday":
        at = sentence.index("on Sunday")
        others.append((at, at + len("on Sunday")))
    assert act_of(sentence, start, start + len(date), others) == act


def drafts_of(body, published=datetime.date(2023, 3, 15), caption=False):
    sentences = [SentenceInput(0, len(body), body, is_caption=caption)]
    return build_drafts(sentences, find_dates(body, published), [])


@pytest.mark.parametrize(
    ("caption", "kept"),
    [
        ("Smoke rises over the old town of Varnik on March 14, 2023.", True),
        ("Rescuers search the rubble of a school in Varnik on March 14, 2023.", True),
        ("Residents wade through flooded streets in Varnik on March 14, 2023.", True),
        ("A view of the old town of Varnik, March 14, 2023.", False),
        ("A satellite image shows the Varnik dam on March 14, 2023.", False),
    ],
)
def test_a_dated_caption_is_a_happening_when_it_shows_one(caption, kept):
    assert bool(drafts_of(caption, caption=True)) is kept


@pytest.mark.parametrize(
    ("body", "attributive"),
    [
        ("Officials inspected the bridge after Tuesday's explosion.", True),
        ("The Tuesday talks ended without a statement.", True),
        ("An explosion hit the bridge on Tuesday.", False),
        ("Talks resumed on Tuesday in the capital.", False),
    ],
)
def test_a_date_that_names_a_happening_is_attributive(body, attributive):
    [draft] = drafts_of(body)
    assert draft.attributive is attributive


def lead_drafts(text):
    from articles.text.cleaning import clean
    from articles.text.metadata import extract_metadata
    from timeline.extraction.document import extract
    from timeline.extraction.gazetteer import Gazetteer

    cleaned = clean(text)
    meta = extract_metadata(cleaned, {"published": "2024-03-09"})
    return extract(cleaned, meta, Gazetteer.from_entries([], [])).drafts


def test_a_lead_without_a_date_of_its_own_is_dated_by_its_dateline():
    [draft] = lead_drafts(
        "Port reopens\n\nVARNIK, March 8 (Reuters) - The harbour authority said the port of "
        "Varnik had reopened to grain ships after the blockade.\n"
    )
    assert draft.date.value == "2024-03-08"
    assert draft.sentence.text.startswith("VARNIK, March 8 (Reuters) - The harbour authority")
    # The summary tells what happened; the date is shown beside it.
    assert draft.summary.startswith("The harbour authority said")


def test_the_agency_a_dateline_credits_is_no_actor():
    [draft] = lead_drafts(
        "Port reopens\n\nVarnik [Dastra], March 8 (ANI): The harbour authority said the port of "
        "Varnik had reopened to grain ships, NTV reported.\n"
    )
    assert draft.summary.startswith("The harbour authority said")
    assert "ANI" not in {actor.name for actor in draft.actors}
    # Whoever a speech verb follows said so: "…, NTV reported".
    assert ("NTV", "source") in {(actor.name, actor.role) for actor in draft.actors}


@pytest.mark.parametrize(
    ("body", "summary"),
    [
        ("On March 8, 2024, the port reopened.", "The port reopened."),
        ("March 8, 2024 - The port reopened.", "The port reopened."),
        ("March 8, 2024: The port reopened.", "The port reopened."),
    ],
)
def test_a_date_opening_a_sentence_is_left_out_of_its_summary(body, summary):
    [draft] = drafts_of(body)
    assert draft.summary == summary


def test_a_lead_with_its_own_date_keeps_it_and_loses_the_dateline():
    [draft] = lead_drafts(
        "Port reopens\n\nVARNIK, March 8 (Reuters) - The harbour authority said on Thursday the "
        "port of Varnik had reopened to grain ships.\n"
    )
    assert draft.date.value == "2024-03-07"
    assert draft.sentence.text.startswith("The harbour authority")


def article_drafts(body, published=datetime.date(2024, 3, 9)):
    from articles.text.sentences import split_sentences

    sentences = [SentenceInput(s.start, s.end, s.text) for s in split_sentences(body)]
    return build_drafts(sentences, find_dates(body, published), [])


def test_a_sentence_dated_by_an_earlier_happening_takes_its_day():
    drafts = article_drafts(
        "A car bomb destroyed the customs post at Varnik on Thursday. Talks on the border "
        "resumed on Friday. Hours after the bombing of the customs post, the interior ministry "
        "closed the road."
    )
    last = drafts[-1]
    assert last.sentence.text.startswith("Hours after the bombing")
    assert last.date.value == "2024-03-07" and last.date.rule == "anaphora-event"
    assert last.date.confidence <= 0.6


def test_without_an_antecedent_the_sentence_stays_undated():
    drafts = article_drafts(
        "Talks on the border resumed on Friday. Following the earthquake, aid was flown in."
    )
    assert [d.sentence.text for d in drafts] == ["Talks on the border resumed on Friday."]


@pytest.mark.parametrize(
    "body",
    [
        "Over the summer, the militia moved its headquarters to the hills.",
        "The valley has seen periods of unrest since the early 2000s, when thousands fled.",
        "— Marta Ilves (@martailves) March 7, 2024",
    ],
)
def test_loose_spans_and_bare_dates_make_no_event(body):
    assert drafts_of(body) == []


def test_a_decade_itself_is_a_date():
    [draft] = drafts_of("The militia was founded in the 1990s by exiled officers.")
    assert draft.date.value == "1990/1999"


@pytest.mark.parametrize(
    ("sentence", "date", "planned"),
    [
        ("The two envoys would hold talks on Tuesday in the capital.", "on Tuesday", True),
        ("The envoys will meet on Friday.", "on Friday", True),
        ("The president plans to visit the front next week.", "next week", True),
        ("The vote is scheduled for 12 May.", "12 May", True),
        ("The convoy is due to reach the valley on Sunday.", "on Sunday", True),
        ("On Friday, the ministers will meet in the capital.", "On Friday", True),
        ("The envoys met on Friday.", "on Friday", False),
        (
            "Talks were held on Tuesday, and the envoys will meet again in June.",
            "on Tuesday",
            False,
        ),
        ("Talks were held on Tuesday, and the envoys will meet again in June.", "in June", True),
        ("The talks would have taken place on Tuesday.", "on Tuesday", False),
        ("Flights were cancelled on Monday due to fighting near the airport.", "on Monday", False),
        ("On Monday, the ministry said the troops would withdraw.", "On Monday", False),
        ("The envoy told reporters on Monday that the army would hold talks.", "on Monday", False),
    ],
)
def test_a_date_of_something_to_come_is_planned(sentence, date, planned):
    start = sentence.index(date)
    assert is_planned(sentence, start, start + len(date)) is planned


def test_drafts_say_whether_they_are_planned():
    [past] = drafts_of("The envoys met in the capital on Friday.")
    [future] = drafts_of("The envoys will meet in the capital on Friday.")
    assert (past.planned, future.planned) == (False, True)


def test_a_long_summary_is_kept_whole():
    sentence = (
        "On Tuesday, the council of elders of the three valley districts agreed, after eleven "
        "hours of argument in the old school hall, to reopen the mountain road to lorries "
        "carrying grain, fuel and medicine, to release the drivers held since the winter, and "
        "to meet again in the spring to settle the dispute over the water of the upper river."
    )
    summary = summarise(sentence, 0, len("On Tuesday"))
    assert "…" not in summary
    assert summary.startswith("The council of elders") and summary.endswith("upper river.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            '"We will not give up the bridge," the commander said on Sunday.',
            '"We will not give up the bridge," the commander said on Sunday.',
        ),
        (
            "“We will not give up the bridge,” the commander said on Sunday.",
            "“We will not give up the bridge,” the commander said on Sunday.",
        ),
        (
            'The commander said on Sunday: "We will not give up the bridge."',
            'The commander said on Sunday: "We will not give up the bridge."',
        ),
        ('"The bridge is ours."', "The bridge is ours."),
        ("But the bridge was closed on Sunday.", "The bridge was closed on Sunday."),
        ("But on Sunday, the bridge was closed.", "The bridge was closed."),
    ],
)
def test_a_summary_leaves_no_quote_mark_unpaired(sentence, expected):
    assert summarise(sentence) == expected


def test_a_leading_pronoun_takes_the_name_of_the_actor_before_it():
    from timeline.extraction.events import ActorRef

    person = ActorRef("Mara Lind", "actor", "person")
    army = ActorRef("Tarsian Army", "actor", "armed_forces")
    assert summarise("He visited the port on Sunday.", antecedent=person) == (
        "Mara Lind visited the port on Sunday."
    )
    assert summarise("On Sunday, it shelled the port.", 0, 9, antecedent=army) == (
        "Tarsian Army shelled the port."
    )
    # Not a person for "He", nor anyone for "It was …", nor anything without an antecedent.
    assert summarise("He visited the port.", antecedent=army) == "He visited the port."
    assert summarise("It was raining at the port.", antecedent=army) == (
        "It was raining at the port."
    )
    assert summarise("They visited the port.") == "They visited the port."


def test_drafts_name_the_actor_a_leading_pronoun_stands_for():
    first = "Mara Lind arrived in the valley on Saturday."
    second = "She visited the port on Sunday."
    body = first + " " + second
    sentences = [
        SentenceInput(0, len(first), first),
        SentenceInput(len(first) + 1, len(body), second),
    ]
    entities = [mention("Mara Lind", body, "Mara Lind", kind="person")]
    drafts = build_drafts(sentences, find_dates(body, datetime.date(2025, 6, 11)), entities)
    assert [d.summary for d in drafts] == [first, "Mara Lind visited the port on Sunday."]


def dispute_of(claim, denial, claim_actors, denial_actors):
    """The disputes of a two-sentence article; actors as (text, name) in each sentence."""
    from timeline.extraction.events import find_disputes

    body = claim + " " + denial
    offset = len(claim) + 1
    sentences = [SentenceInput(0, len(claim), claim), SentenceInput(offset, len(body), denial)]
    entities = []
    for base, text, actors in ((0, claim, claim_actors), (offset, denial, denial_actors)):
        for found, name in actors:
            start = base + text.index(found)
            entities.append(
                EntityMention(start, start + len(found), found, name, "state", False, None, "alias")
            )
    drafts = build_drafts(sentences, find_dates(body, datetime.date(2025, 6, 11)), entities)
    return find_disputes(sentences, entities, drafts)


CLAIM = "The rebels said on Monday that the army shelled the village of Oskar."
CLAIMANTS = [("The rebels", "Hill Rebels"), ("the army", "Tarsian Army")]


@pytest.mark.parametrize(
    ("denial", "deniers"),
    [
        ("The army denied those claims.", [("The army", "Tarsian Army")]),
        ("It was a claim rejected by the military.", [("the military", "Tarsian Army")]),
        ("The army dismissed the reports as false.", [("The army", "Tarsian Army")]),
        ("The army called the allegations baseless.", [("The army", "Tarsian Army")]),
        ("The army rejected the rebels' claims outright.", [("The army", "Tarsian Army")]),
    ],
)
def test_a_denial_or_rejection_contests_the_claim(denial, deniers):
    [dispute] = dispute_of(CLAIM, denial, CLAIMANTS, deniers)
    assert (dispute.denier.name, dispute.denier.role) == ("Tarsian Army", "denies")
    assert dispute.draft.sentence.text == CLAIM


@pytest.mark.parametrize(
    "reply",
    [
        # Calling a request baseless does not deny that it was made.
        "The army called the request baseless.",
        "The army rejected the proposal for a truce around the village.",
        "The army said its convoys were denied access to the village of Oskar.",
        "The army moved into the disputed valley.",
    ],
)
def test_what_is_no_denial_of_a_claim_contests_nothing(reply):
    claim = "The rebels asked on Monday for a truce around the village of Oskar."
    assert (
        dispute_of(claim, reply, [("The rebels", "Hill Rebels")], [("The army", "Tarsian Army")])
        == []
    )
    assert dispute_of(CLAIM, reply, CLAIMANTS, [("The army", "Tarsian Army")]) == []


def test_an_offset_dates_and_sums_up_the_happening_it_names():
    body = (
        "Both sides signed a truce on Monday, just over a week after formal talks mediated by "
        "the League (TL) began in Dastra, the envoy said."
    )
    signing, talks = drafts_of(body)
    assert (signing.date.value, signing.summary) == ("2023-03-13", body)
    assert talks.date.value == "2023-03"
    assert talks.summary == "Formal talks mediated by the League (TL) began in Dastra"
    assert talks.telling == " formal talks mediated by the League (TL) began in Dastra"
    assert talks.event_type == "talks"


def test_an_offsets_type_comes_from_the_happening_it_names():
    body = "Both sides met on Monday, a day after President Ana Voss turned 70, as shelling killed three."
    meeting, birthday = drafts_of(body)
    assert birthday.summary == "President Ana Voss turned 70"
    assert birthday.event_type == "other"


@pytest.mark.parametrize(
    ("body", "summary", "event_type"),
    [
        ("Thousands marched against the army on Monday, opposing the 2021 coup.", "The 2021 coup", "other"),
        ("Dastra's 2022 bombardment of Tarsia has killed thousands.", "Dastra's 2022 bombardment of Tarsia", "armed_clash"),
        ("The bridge, built after a 2014 war that split the valley, fell.", "A 2014 war that split the valley", "armed_clash"),
    ],
)  # fmt: skip
def test_a_date_that_modifies_a_noun_dates_and_sums_up_that_happening(body, summary, event_type):
    named = [d for d in drafts_of(body) if d.date.precision == "year"]
    assert [(d.summary, d.event_type) for d in named] == [(summary, event_type)]


def test_a_date_that_frames_the_sentence_dates_the_sentence():
    [draft] = drafts_of("In the 2020 war, Dastran troops retook the valley.")
    assert draft.summary == "Dastran troops retook the valley."


def test_a_countrys_name_inside_a_longer_place_name_is_no_state():
    [draft] = lead_drafts(
        "Boat attacked\n\nGunmen ambushed a passenger boat on the Niger River near Gao on Friday. "
        "Officials said three people died.\n"
    )
    assert "Niger" not in {actor.name for actor in draft.actors}
    assert "Niger River" in draft.places


def test_a_named_happening_is_no_statement_of_whoever_said_the_sentence():
    body = "Troops shelled the town on Monday, opponents of the 2021 coup said."
    named = [d for d in drafts_of(body) if d.date.precision == "year"]
    assert [(d.summary, d.event_type) for d in named] == [("The 2021 coup", "other")]
