"""One event per happening: across outlets, within an article, and apart from reactions.

The stories are made up; each outlet words the same happening its own way.
"""

import re

import pytest

from articles.models import Article
from tests.factories import run_ingest
from timeline.ingest import ingest_bytes, reextract_article
from timeline.models import Citation, Event, MergedEvent

WIRE = (
    "Bridge blast cuts supply route\n\n"
    "VARNIK, March 4, 2023 (Reuters) - An explosion tore through the Velmar rail bridge on "
    "Saturday, killing three people and cutting the main supply route to the south.\n\n"
    "Flames rise from the Velmar rail bridge near Varnik on March 4, 2023.\n\n"
    "The regional governor said repair crews would need weeks.\n"
)
LOCAL = (
    "Three dead as Velmar bridge is hit\n\n"
    "VARNIK, March 5, 2023 - Three people died when a blast hit the Velmar rail bridge on "
    "Saturday, the emergencies service said.\n\n"
    "On Saturday, the interior ministry accused separatist saboteurs of blowing up the Velmar "
    "rail bridge.\n\n"
    "Investigators began an inquiry into Saturday's explosion on the Velmar bridge.\n"
)


def ingest(name: str, text: str):
    result = ingest_bytes(text.encode(), source_file=name)
    assert result.status == "created", result.message
    return result


def citing(fragment: str) -> Event:
    return Event.objects.get(citations__quote__contains=fragment)


@pytest.fixture
def stories(gazetteer):
    ingest("wire.txt", WIRE)
    ingest("local.txt", LOCAL)


def test_the_same_happening_from_two_outlets_is_one_event(stories):
    blast = citing("tore through the Velmar rail bridge")
    assert citing("a blast hit the Velmar rail bridge") == blast
    outlets = set(blast.citations.values_list("article__source_file", flat=True))
    assert outlets == {"wire.txt", "local.txt"}


def test_a_caption_and_the_body_of_one_article_are_two_citations_of_one_event(stories):
    blast = citing("tore through the Velmar rail bridge")
    assert citing("Flames rise from the Velmar rail bridge") == blast
    assert blast.citations.filter(article__source_file="wire.txt").count() == 2


def test_a_caption_worded_like_its_own_article_only_joins_the_event_that_article_tells(stories):
    # The event has three reports from two other outlets by then; the caption shares a name
    # with them, but its scene (girders, wagons, Kostrel) only with its own article's telling.
    ingest(
        "photos.txt",
        "The morning after\n\n"
        "VARNIK, March 5, 2023 - Photo: Twisted girders and burnt wagons on the Velmar crossing "
        "near Kostrel, March 4, 2023.\n\n"
        "An explosion tore through the Velmar rail bridge near Kostrel on Saturday, leaving "
        "twisted girders and burnt wagons.\n",
    )
    blast = citing("tore through the Velmar rail bridge on Saturday, killing")
    assert citing("tore through the Velmar rail bridge near Kostrel") == blast
    assert citing("Twisted girders and burnt wagons on the Velmar crossing") == blast
    assert blast.citations.filter(article__source_file="photos.txt").count() == 2
    # Re-extraction decides the same with the same rule.
    events = Event.objects.count()
    assert reextract_article(Article.objects.get(source_file="photos.txt")).status == "reextracted"
    assert citing("Twisted girders and burnt wagons on the Velmar crossing") == blast
    assert Event.objects.count() == events


def test_a_reaction_is_its_own_event(stories):
    accusation = citing("accused separatist saboteurs")
    assert accusation != citing("tore through the Velmar rail bridge")
    assert accusation.citations.count() == 1


def test_a_back_reference_to_a_happening_the_article_told_adds_no_citation(stories):
    assert not Citation.objects.filter(quote__contains="inquiry into Saturday's explosion").exists()


def test_a_happening_dated_by_another_is_never_merged_into_it(gazetteer):
    ingest(
        "council.txt",
        "Council meets\n\nVARNIK, March 6, 2023 (Reuters) - The security council of Velora met "
        "on Monday morning to discuss the Varnik bridge attack.\n\n"
        "Shortly after the security council meeting, the premier wrote on social media that the "
        "Varnik bridge attack would be answered.\n",
    )
    meeting = citing("security council of Velora met")
    post = citing("the premier wrote on social media")
    assert post != meeting and post.start == meeting.start


def test_a_citation_keeps_what_its_date_dates(gazetteer):
    ingest(
        "ministry.txt",
        "Port shelled\n\nVARNIK, March 8, 2024 (Reuters) - The ministry said on Thursday that "
        "rebels had shelled the port of Varnik on Wednesday.\n",
    )
    acts = dict(Citation.objects.values_list("date_text", "act"))
    # "on Thursday" dates the statement as such; "on Wednesday" the shelling it tells.
    assert acts == {"Thursday": "speech", "Wednesday": "happening"}


def test_an_article_that_tells_a_happening_twice_joins_it_whatever_the_order(gazetteer):
    """The lead words the happening its own way; a later paragraph words it like the other
    outlet, and like the lead: both sentences cite the one event."""
    ingest(
        "first.txt",
        "Airport falls\n\nVARNIK, March 4, 2023 (Reuters) - Fighters of the Dolan Front seized "
        "Varnik international airport on Saturday after a night of heavy fighting.\n",
    )
    ingest(
        "second.txt",
        "Palace taken\n\nVARNIK, March 5, 2023 - The paramilitary Dolan group said it held the "
        "presidential palace and several key sites in the capital on Saturday.\n\n"
        "Dolan Front fighters seized the presidential palace and Varnik international airport "
        "on Saturday, witnesses said.\n",
    )
    seized = citing("seized Varnik international airport")
    assert citing("seized the presidential palace and Varnik") == seized
    assert citing("held the presidential palace") == seized
    assert Event.objects.count() == 1


def test_an_event_a_caption_opened_takes_the_type_of_the_report_that_tells_it(gazetteer):
    ingest(
        "depot.txt",
        "Depot burns\n\n"
        "VARNIK, March 6, 2023 (Reuters) - The regional governor told residents to stay "
        "indoors.\n\n"
        "Photo: Smoke rises over the Varnik fuel depot on March 4, 2023.\n\n"
        "Rebel drones attacked the Varnik fuel depot on Saturday, setting three storage tanks "
        "ablaze.\n",
    )
    depot = citing("Rebel drones attacked the Varnik fuel depot")
    assert citing("Smoke rises over the Varnik fuel depot") == depot
    assert depot.event_type == "armed_clash"


def test_a_stored_event_a_caption_opened_takes_the_type_of_a_later_files_report(gazetteer):
    # The same as above, the caption and the report in two files ingested one after the other.
    ingest(
        "photos.txt",
        "Depot burns\n\nVARNIK, March 5, 2023 - Photo: Smoke rises over the Varnik fuel depot "
        "and its storage tanks on March 4, 2023.\n",
    )
    caption = citing("Smoke rises over the Varnik fuel depot")
    assert caption.event_type == "other"
    ingest(
        "report.txt",
        "Depot attacked\n\nVARNIK, March 6, 2023 (Reuters) - Rebel drones attacked the Varnik "
        "fuel depot on Saturday, setting three storage tanks ablaze.\n",
    )
    depot = citing("Rebel drones attacked the Varnik fuel depot")
    assert depot == caption and depot.event_type == "armed_clash"
    assert depot.history.first().event_type == "armed_clash"  # saved, so its history says so
    # An event whose type an editor set keeps it.
    depot.event_type = "other"
    depot.mark_edited("event_type")
    depot.save()
    ingest(
        "again.txt",
        "Depot hit\n\nVARNIK, March 7, 2023 - Rebel drones attacked the Varnik fuel depot on "
        "Saturday and set its storage tanks ablaze, the governor said.\n",
    )
    assert Event.objects.get(pk=depot.pk).event_type == "other"


DEPOT = (
    "Depot shelled\n\nVARNIK, March 6, 2023 (Reuters) - Rebel artillery shelled the Ostrava grain "
    "depot on Monday, killing two guards, the army said.\n"
)
PORT = (
    "Port ablaze\n\nVARNIK, March 7, 2023 - Fire gutted the warehouses of the Tarnovka river port "
    "on Monday, port director Tomas Vrana said.\n"
)
BOTH = (
    "Strike on the river port\n\nVARNIK, March 8, 2023 - Rebel artillery shelled the Ostrava "
    "grain depot on Monday and set fire to the warehouses of the Tarnovka river port next to "
    "it, officials said.\n"
)
APART = (
    "Two blows to the south\n\nVARNIK, March 7, 2023 - Rebel artillery shelled the Ostrava grain "
    "depot on Monday, the army said.\n\nIn a separate blaze, fire gutted the warehouses of the "
    "Tarnovka river port on Monday, officials said.\n"
)


def test_a_report_that_tells_two_events_happening_joins_them_one_by_one(gazetteer, client):
    ingest("depot.txt", DEPOT)
    ingest("port.txt", PORT)
    depot, port = citing("shelled the Ostrava grain depot"), citing("Fire gutted the warehouses")
    assert depot != port  # worded too differently to meet
    result = ingest("both.txt", BOTH)
    assert (result.events_created, result.events_merged) == (0, 1)
    joined = citing("set fire to the warehouses")
    assert joined == depot == citing("Fire gutted the warehouses")
    assert sorted(joined.citations.values_list("article__source_file", flat=True)) == [
        "both.txt",
        "depot.txt",
        "port.txt",
    ]
    assert not Event.objects.filter(pk=port.pk).exists()
    # The event that went leaves a tombstone: its address leads to the one it joined, and it
    # is nobody's decision to undo.
    tombstone = MergedEvent.objects.get(old_id=port.pk)
    assert (tombstone.into_id, tombstone.merged_by) == (depot.pk, "ingest")
    assert client.get(f"/events/{port.pk}/").url == depot.get_absolute_url()
    joined = Event.objects.get(pk=depot.pk)
    assert not joined.edited_fields
    # The port's actors moved with it; each actor keeps one role in it, as a draft's would.
    names = list(joined.event_actors.values_list("actor__name", flat=True))
    assert "Tomas Vrana" in names and len(names) == len(set(names))


def test_a_report_that_tells_two_events_happening_joins_them_in_one_batch(gazetteer, tmp_path):
    for name, text in (("a_depot.txt", DEPOT), ("b_port.txt", PORT), ("c_both.txt", BOTH)):
        (tmp_path / name).write_text(text)
    code, out, _ = run_ingest(tmp_path)
    assert code == 0, out
    assert Event.objects.count() == 1 and Citation.objects.count() == 3
    assert not MergedEvent.objects.exists()  # the port's event was never stored
    # The port's report opened an event that the third joined: it merged into one after all.
    assert re.search(r"b_port\.txt: article \d+, 0 new events, 1 merged into existing", out)


def test_two_events_an_article_tells_apart_are_never_joined(gazetteer):
    for name, text in (("depot.txt", DEPOT), ("port.txt", PORT), ("apart.txt", APART)):
        ingest(name, text)
    depot, port = citing("depot on Monday, killing"), citing("port on Monday, port director")
    assert depot != port
    ingest("both.txt", BOTH)
    assert citing("set fire to the warehouses") == depot
    assert Event.objects.filter(pk=port.pk).exists()
    assert not MergedEvent.objects.exists()


def test_a_sentence_that_only_names_a_happening_cites_it_but_brings_it_no_actors(stories):
    ingest(
        "inquiry.txt",
        "Inquiry opens\n\nVARNIK, March 6, 2023 - Governor Ilse Marant met Colonel Ardan Velic, "
        "head of the inquiry into Saturday's explosion on the Velmar rail bridge.\n",
    )
    blast = citing("tore through the Velmar rail bridge")
    assert citing("head of the inquiry into Saturday's explosion") == blast
    names = set(blast.event_actors.values_list("actor__name", flat=True))
    assert not names & {"Ilse Marant", "Ardan Velic"}


def test_a_date_in_a_clause_of_time_is_compared_by_that_clause_across_outlets(gazetteer):
    """The first outlet dates the truce inside a sentence about a vow; the second tells only the
    truce, in other words and at the same hour: one event, whichever is ingested first (the
    stored citation's clause is found again from its date expression)."""
    ingest(
        "vow.txt",
        "Sides vow restraint\n\nVARNIK, March 4, 2023 (Reuters) - Envoys of the Dolan Front and "
        "the Velmar army vowed not to seek any military advantage before the truce goes into "
        "effect at 9:45 pm on March 6, the mediators said.\n",
    )
    ingest(
        "truce.txt",
        "Ceasefire from Monday\n\nVARNIK, March 5, 2023 - The ceasefire will take effect on "
        "Monday at 9:45 pm local time.\n",
    )
    truce = citing("The ceasefire will take effect")
    assert citing("before the truce goes into effect") == truce
    assert truce.start.isoformat() == "2023-03-06"
