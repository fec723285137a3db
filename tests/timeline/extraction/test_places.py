"""Places anywhere: the GeoNames gazetteer read as a reader would, and the Place rows ingest
makes of it. Sentences are written for these tests."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories import run_ingest
from timeline.extraction.document import focus_place
from timeline.extraction.gazetteer import EntityMention
from timeline.extraction.places import COUNTRY, REGION, fold, world
from timeline.models import Event, Place


def places(text: str, known=()) -> list[tuple[str, str, str]]:
    return [(m.text, m.name, m.kind) for m in world().find(text, known)]


def names(text: str, known=()) -> list[str]:
    return [m.name for m in world().find(text, known)]


def test_countries_cities_and_their_regions_are_found_with_country_and_region():
    found = world().find("Shelling hit Omdurman, across the Nile from Khartoum, Sudan.")
    assert [(m.name, m.country) for m in found] == [
        ("Omdurman", "SDN"),
        ("Khartoum", "SDN"),
        ("Sudan", "SDN"),
    ]
    info = world().info("Omdurman")
    assert info.admin1 == "Khartoum" and info.kind == "city"
    assert 15 < info.latitude < 16.5 and 31.5 < info.longitude < 33
    assert world().info("Sudan").kind == COUNTRY and world().info("Sudan").latitude is not None


def test_a_region_cue_names_the_first_level_region():
    text = "Drones struck the Kherson region overnight; in the city of Kherson power was cut."
    found = world().find(text)
    assert [(m.text, m.kind) for m in found] == [("Kherson", REGION), ("Kherson", "town")]
    assert world().info(found[0].name).admin1 == "Kherson"
    assert names("Aid reached West Darfur state.") == ["Western Darfur"]
    assert names("Residents of Tigray, Ethiopia, fled.") == ["Tigray", "Ethiopia"]


def test_the_articles_countries_pick_the_reading_of_a_shared_name():
    assert [
        p.country for p in [world().info(n) for n in names("In Lebanon, Tripoli was calm.")]
    ] == [
        "LBN",
        "LBN",
    ]
    assert world().info(names("Fighting in Tripoli, Libya, resumed.")[0]).country == "LBY"


def test_a_small_foreign_place_or_a_common_word_is_not_a_place():
    # "Police" is a town in Poland, "Hope" one in the United States.
    assert names("Police said the crowd dispersed. Hope faded by night.") == []
    # A large city abroad is read only as a place: "in" before it, or very large.
    assert names("Moscow said it would respond.") == ["Moscow"]


def test_a_place_name_inside_a_longer_name_is_not_the_place():
    assert names("Victoria Nuland arrived on Monday.") == []
    assert names("They live on Hope Street in Kyiv.") == ["Kyiv"]


def test_known_spans_are_left_alone_but_a_country_can_also_be_a_state():
    text = "Sudan's army said Khartoum was calm."
    army = EntityMention(
        0, 11, "Sudan's army", "Sudanese Armed Forces", "armed_forces", False, "SDN", "x"
    )
    assert names(text, [army]) == ["Khartoum"]
    state = EntityMention(0, 5, "Sudan", "Sudan", "state", False, "SDN", "state")
    assert names(text, [state]) == ["Sudan", "Khartoum"]


def test_an_all_capitals_dateline_is_a_place_but_an_acronym_is_not():
    assert names("OMDURMAN, Sudan (AP) - The RSF said on Monday") == ["Omdurman", "Sudan"]


def test_names_geonames_lacks_are_candidates_with_a_place_cue():
    found = world().find(
        "Families fled the village of Zarvandesh near the Qorvan lake; "
        "ships waited in the Black Sea and along the Dnipro River."
    )
    assert [(m.name, m.via) for m in found] == [
        ("Zarvandesh", "candidate"),
        ("Qorvan lake", "candidate"),
        ("Black Sea", "candidate"),
        ("Dnipro River", "candidate"),
    ]
    assert names("The Zarvandesh said nothing.") == []
    # Once named with a cue, the name is that place wherever it stands.
    assert [m.start for m in world().find("Near the town of Zarvandesh. Zarvandesh burned.")] == [
        17,
        29,
    ]


def test_a_clocks_time_zone_names_its_country_not_the_city():
    text = "The curfew begins at 10 pm Nairobi time and lifts at dawn; talks go on in Nairobi."
    found = [(text[m.start : m.end], m.name, m.kind) for m in world().find(text, [], [])]
    assert found == [("Nairobi", "Kenya", COUNTRY), ("Nairobi", "Nairobi", "city")]


def test_lookup_keys_fold_accents_hyphens_and_case():
    assert fold("Bakhmut’s") == "bakhmut's"
    assert fold("El-Obeid") == fold("El Obeid") == "el obeid"
    assert fold("Ségou") == "segou"
    assert names("Troops left El-Obeid.") == ["El Obeid"]


def _mention(name: str, kind: str) -> EntityMention:
    return EntityMention(0, 1, name, name, kind, True, None, "geonames")


def test_the_focus_is_the_place_named_most_and_the_dateline_breaks_ties():
    meta = "Kharkiv"
    crimea, kharkiv = _mention("Crimea", REGION), _mention("Kharkiv", "city")
    ukraine = _mention("Ukraine", COUNTRY)
    assert focus_place([kharkiv, crimea, crimea, ukraine, ukraine, ukraine], meta) == "Crimea"
    assert focus_place([crimea, kharkiv], meta) == "Kharkiv"
    assert focus_place([crimea, kharkiv], None) == "Crimea"
    assert focus_place([ukraine], meta) == "Ukraine"
    assert focus_place([], meta) is None


REPORT = (
    "Shelling near the capital\n\n"
    "Fighters attacked a market in Omdurman, Sudan, on 3 June 2023, residents said. "
    "The next day, on 4 June 2023, the army said it had repelled them.\n\n"
    "Families fled the village of Zarvandesh on 5 June 2023.\n"
)


@pytest.mark.django_db
def test_ingest_makes_the_places_it_finds_and_places_every_event(tmp_path, client):
    (tmp_path / "report.txt").write_text(REPORT)
    code, _, err = run_ingest(tmp_path)
    assert code == 0, err
    omdurman = Place.objects.get(name="Omdurman")
    assert (omdurman.country, omdurman.admin1, omdurman.kind) == ("SDN", "Khartoum", "city")
    assert omdurman.geonameid and omdurman.latitude and not omdurman.candidate
    candidate = Place.objects.get(name="Zarvandesh")
    assert candidate.candidate and candidate.latitude is None
    events = Event.objects.prefetch_related("places").order_by("start")
    assert [sorted(p.name for p in e.places.all()) for e in events] == [
        ["Omdurman", "Sudan"],
        ["Omdurman"],  # no place in its sentence: where the article is
        ["Zarvandesh"],
    ]
    # ACLED's country and admin1 come from GeoNames.
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(client.get(reverse("events_acled")).streaming_content).decode())
        )
    )
    first = next(r for r in rows if r["event_date"] == "2023-06-03")
    assert (first["country"], first["admin1"], first["location"]) == (
        "Sudan",
        "Khartoum",
        "Omdurman",
    )
    # Ingesting it again makes no second row.
    (tmp_path / "again.txt").write_text(REPORT.replace("residents", "witnesses"))
    run_ingest(tmp_path)
    assert Place.objects.filter(name="Omdurman").count() == 1


@pytest.mark.django_db
def test_a_place_page_shows_its_region_country_and_whether_it_is_a_candidate(client):
    mopti = Place.objects.create(
        name="Mopti", kind="city", country="MLI", admin1="Mopti", latitude=14.48,
        longitude=-4.18, geonameid=2453348,
    )  # fmt: skip
    candidate = Place.objects.create(name="Zarvandesh", candidate=True)
    page = client.get(mopti.get_absolute_url()).content.decode()
    assert "<dt>Region</dt><dd>Mopti</dd>" in page and "<dt>Country</dt><dd>Mali</dd>" in page
    assert "https://www.geonames.org/2453348" in page and "candidate" not in page
    page = client.get(candidate.get_absolute_url()).content.decode()
    assert "candidate, not yet placed" in page and "<dt>Country</dt>" not in page


def test_loading_the_recognisers_builds_the_actor_patterns_before_any_text():
    from timeline.extraction import actors
    from timeline.extraction.document import load_recognisers

    actors._lexicon.cache_clear()
    load_recognisers()
    assert actors._lexicon.cache_info().currsize == 1


def test_the_venue_is_the_place_named_most_in_sentences_about_talks_and_found_in_linear_time():
    import time

    from timeline.extraction.document import venue_place
    from timeline.extraction.events import SentenceInput

    def sentence(start, text):
        return SentenceInput(start, start + len(text), text)

    def place(start, name):
        return EntityMention(start, start + len(name), name, name, "city", True, None, "world")

    talks = "Envoys met for talks in Geneva and Vienna."
    fight = "Troops shelled Kharkiv and Geneva again."
    sentences, places, at = [], [], 0
    for text in [talks, fight, fight, "Envoys met for talks in Geneva."]:
        sentences.append(sentence(at, text))
        for name in ("Geneva", "Vienna", "Kharkiv"):
            if name in text:
                places.append(place(at + text.index(name), name))
        at += len(text) + 1
    assert venue_place(places[::-1], sentences) == "Geneva"  # entities in any order
    many = [sentence(i * 50, talks) for i in range(20000)]
    named = [place(i * 50 + 24, "Geneva") for i in range(20000)]
    started = time.perf_counter()
    assert venue_place(named, many) == "Geneva"
    assert time.perf_counter() - started < 2.0  # each sentence scanned every place: minutes


BACKGROUND = (
    "Fighting near the capital\n\n"
    "OMDURMAN, June 5, 2023 (Reuters) - Fighters attacked a market in Omdurman on Sunday, "
    "residents said. Fighters also attacked a market in Omdurman in May 2023.\n\n"
    "The Sudanese army dissolved the transitional cabinet in October 2021, after months of "
    "protests. The Sudanese army has been at war since 15 April 2023.\n"
)


@pytest.mark.django_db
def test_background_politics_is_placed_in_the_country_of_its_actors(tmp_path):
    """A political happening a month or more before publication is placed in its actors'
    country, even when the text names that country only as an actor, as is a war going on
    since a date; fighting stays where the article is."""
    (tmp_path / "report.txt").write_text(BACKGROUND)
    code, _, err = run_ingest(tmp_path)
    assert code == 0, err
    places = {
        str(e.start): sorted(p.name for p in e.places.all())
        for e in Event.objects.prefetch_related("places")
    }
    assert places == {
        "2023-06-04": ["Omdurman"],
        "2023-05-01": ["Omdurman"],
        "2021-10-01": ["Sudan"],
        "2023-04-15": ["Sudan"],  # the war at large, going on since then
    }
    assert Place.objects.get(name="Sudan").kind == COUNTRY


@pytest.mark.django_db
def test_background_politics_of_a_regions_own_body_is_placed_in_that_region(tmp_path):
    """A region's own government acts in that region; the state at large in the country."""
    (tmp_path / "report.txt").write_text(
        "Governors meet\n\nOMDURMAN, June 5, 2023 (Reuters) - Envoys met in Omdurman on Sunday.\n\n"
        "Amhara regional government officials held their own regional elections in September "
        "2021, which the Ethiopian government deemed illegal.\n\n"
        "The Ethiopian government dissolved the federal cabinet in October 2021.\n"
    )
    code, _, err = run_ingest(tmp_path)
    assert code == 0, err
    places = {
        str(e.start): sorted(p.name for p in e.places.all())
        for e in Event.objects.prefetch_related("places")
    }
    assert places["2021-09-01"] == ["Amhara"]
    assert places["2021-10-01"] == ["Ethiopia"]
