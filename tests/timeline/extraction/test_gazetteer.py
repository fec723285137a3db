"""The actor/place gazetteer file and the matcher that finds its entries in text (no database)."""

import datetime as dt
import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from timeline.extraction.gazetteer import ACTOR_KINDS, PLACE_KINDS, EntityMention, Gazetteer

ROOT = Path(__file__).resolve().parents[3]
GAZETTEER = ROOT / "fixtures" / "gazetteer.json"
SAMPLES = ROOT / "fixtures" / "sample_articles"


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(GAZETTEER.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_file(GAZETTEER)


def names(mentions: list[EntityMention], *, places: bool | None = None) -> list[str]:
    return [m.name for m in mentions if places is None or m.is_place == places]


def actors(gaz: Gazetteer, text: str, on: dt.date | None = None) -> list[str]:
    return names(gaz.find(text, on), places=False)


# ---------------------------------------------------------------- the file


def test_file_has_the_documented_shape(data):
    assert data["version"] == 1
    for actor in data["actors"]:
        assert {"name", "kind", "country", "aliases"} <= actor.keys()
        assert actor["kind"] in ACTOR_KINDS, actor["name"]
        assert actor["country"] is None or re.fullmatch(r"[A-Z]{3}", actor["country"])
        for office in actor.get("offices", []):
            assert {"title", "of", "from", "to"} == office.keys()
            dt.date.fromisoformat(office["from"])
            if office["to"] is not None:
                assert dt.date.fromisoformat(office["to"]) > dt.date.fromisoformat(office["from"])
    for place in data["places"]:
        assert place["kind"] in PLACE_KINDS, place["name"]
        assert place["country"] is None or re.fullmatch(r"[A-Z]{3}", place["country"])


def test_every_place_has_coordinates_and_a_known_parent(data):
    place_names = {p["name"] for p in data["places"]}
    for place in data["places"]:
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, place["name"]
        assert place["parent"] is None or place["parent"] in place_names, place["name"]


def test_names_are_unique(data):
    for section in ("actors", "places"):
        counts = Counter(e["name"] for e in data[section])
        assert [n for n, c in counts.items() if c > 1] == [], section


def test_an_alias_belongs_to_one_actor_and_at_most_one_place(data):
    for section in ("actors", "places"):
        counts = Counter(label for e in data[section] for label in {e["name"], *e["aliases"]})
        assert [label for label, c in counts.items() if c > 1] == [], section


def test_actors_and_places_share_labels_only_for_states(data):
    # Deliberate: a country name or capital is both the state (an actor) and a place.
    actor_of = {label: a for a in data["actors"] for label in [a["name"], *a["aliases"]]}
    place_labels = {label for p in data["places"] for label in [p["name"], *p["aliases"]]}
    for label in place_labels & actor_of.keys():
        assert actor_of[label]["kind"] == "state", label


def test_offices_point_at_known_actors(data):
    actor_names = {a["name"] for a in data["actors"]}
    for actor in data["actors"]:
        for office in actor.get("offices", []):
            assert office["of"] in actor_names, (actor["name"], office)


def test_gold_actor_names_are_canonical(data):
    actor_names = {a["name"] for a in data["actors"]}
    place_names = {p["name"] for p in data["places"]}
    expected = {
        "Armenia Ministry of Defense",
        "Azerbaijan Armed Forces",
        "Azerbaijan Ministry of Foreign Affairs",
        "Nikol Pashinyan",
        "CSTO",
        "OSCE Minsk Group",
        "Kremlin",
        "Security Council of Armenia",
        "Russian peacekeepers",
        "Nagorno-Karabakh Autonomous Region",
        "Azerbaijan SSR",
    }
    assert expected <= actor_names
    assert {"Syunik Province", "Nagorno-Karabakh", "Yerevan", "Moscow"} <= place_names


# ---------------------------------------------------------------- aliases


def test_transliterations_resolve_to_one_name(gaz):
    text = "Pashinian met Nikol Pashinyan's envoy in Karabagh, Nagorny Karabakh and Artsakh."
    found = gaz.find(text)
    assert names(found, places=False).count("Nikol Pashinyan") == 2
    assert names(found, places=True).count("Nagorno-Karabakh") == 3


def test_matching_is_case_sensitive_and_on_word_boundaries(gaz):
    assert actors(gaz, "the putin of it; Putinism; UNITED") == []


def test_possessive_does_not_stop_a_match_and_stays_out_of_the_span(gaz):
    found = gaz.find("Aliyev’s decree and Lavrov's remarks")
    assert [(m.text, m.name) for m in found] == [
        ("Aliyev", "Ilham Aliyev"),
        ("Lavrov", "Sergei Lavrov"),
    ]


def test_longest_alias_wins(gaz):
    found = gaz.find("the Nagorno-Karabakh Autonomous Region declared")
    assert [(m.text, m.name) for m in found] == [
        ("Nagorno-Karabakh Autonomous Region", "Nagorno-Karabakh Autonomous Region")
    ]


def test_hyphenated_border_is_one_place_with_any_dash(gaz):
    for text in ("on the Armenian-Azerbaijani border", "on the Armenian–Azerbaijani border"):
        found = gaz.find(text)
        assert [(m.name, m.kind) for m in found] == [("Armenian-Azerbaijani border", "border")]


def test_capital_is_reported_as_state_and_as_city(gaz):
    found = gaz.find("Shusha came under Baku’s control.")
    baku = [m for m in found if m.text == "Baku"]
    assert [(m.name, m.is_place) for m in baku] == [("Azerbaijan", False), ("Baku", True)]


def test_all_caps_dateline_is_only_the_place(gaz):
    found = gaz.find("YEREVAN, September 13 (Reuters) - Shelling was reported.")
    assert [(m.text, m.name, m.is_place) for m in found] == [("YEREVAN", "Yerevan", True)]


def test_bare_demonym_is_not_a_mention(gaz):
    assert gaz.find("An Armenian village and an Azerbaijani poet.") == []


def test_mentions_carry_kind_and_country(gaz):
    (m,) = gaz.find("Hulusi Akar visited.")
    assert (m.name, m.kind, m.country, m.is_place, m.via) == (
        "Hulusi Akar",
        "person",
        "TUR",
        False,
        "alias",
    )
    place = next(m for m in gaz.find("in Jermuk") if m.is_place)
    assert (place.kind, place.country) == ("town", "ARM")


# ---------------------------------------------------------------- collectives


@pytest.mark.parametrize(
    ("text", "name", "via"),
    [
        ("Azerbaijani troops advanced.", "Azerbaijan Armed Forces", "demonym-collective"),
        ("Azeri soldiers withdrew.", "Azerbaijan Armed Forces", "demonym-collective"),
        ("Turkish military drills began.", "Turkey Armed Forces", "demonym-collective"),
        (
            "The Iranian foreign ministry said.",
            "Iran Ministry of Foreign Affairs",
            "demonym-collective",
        ),
        ("Russian border guards patrol.", "Russia Border Service", "alias"),
        (
            "Azerbaijani Border Service officers",
            "Azerbaijan State Border Service",
            "demonym-collective",
        ),
        ("Armenia's defence ministry said.", "Armenia Ministry of Defense", "possessive-body"),
        ("Azerbaijan’s State Border Service", "Azerbaijan State Border Service", "possessive-body"),
        ("Armenia's Security Council met.", "Security Council of Armenia", "possessive-body"),
        (
            "the Foreign Ministry of Russia said",
            "Russia Ministry of Foreign Affairs",
            "possessive-body",
        ),
        ("the Georgian government said", "Georgia", "demonym-collective"),
        ("American officials said", "United States", "demonym-collective"),
        ("Tajik border troops", None, None),
    ],
)
def test_collective_nouns_resolve_to_the_states_body(gaz, text, name, via):
    found = [m for m in gaz.find(text) if not m.is_place]
    if name is None:  # no such body in the gazetteer: the phrase is not guessed at
        assert found == []
        return
    assert [(m.name, m.via) for m in found] == [(name, via)]


def test_us_foreign_ministry_is_the_state_department(gaz):
    assert actors(gaz, "America's foreign ministry said") == ["US State Department"]


def test_coordinated_demonyms_each_get_the_body(gaz):
    found = gaz.find("Armenian, Azerbaijani and Russian military officials met.")
    assert [(m.text, m.name) for m in found] == [
        ("Armenian", "Armenia Armed Forces"),
        ("Azerbaijani", "Azerbaijan Armed Forces"),
        ("Russian military", "Russia Armed Forces"),
    ]


# ---------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("text", "on", "holder"),
    [
        ("Armenia's Foreign Minister arrived.", dt.date(2019, 6, 1), "Zohrab Mnatsakanyan"),
        ("Armenia's Foreign Minister arrived.", dt.date(2021, 3, 1), "Ara Aivazian"),
        ("Armenia's Foreign Minister arrived.", dt.date(2022, 6, 1), "Ararat Mirzoyan"),
        ("The Azerbaijani foreign minister said.", dt.date(2020, 1, 1), "Elmar Mammadyarov"),
        ("The Azerbaijani foreign minister said.", dt.date(2020, 10, 1), "Jeyhun Bayramov"),
        ("The US Secretary of State called.", dt.date(2020, 10, 1), "Mike Pompeo"),
        ("The US Secretary of State called.", dt.date(2022, 9, 14), "Antony Blinken"),
        ("The Armenian defense minister resigned.", dt.date(2021, 9, 1), "Arshak Karapetyan"),
        ("The Armenian defense minister resigned.", dt.date(2022, 9, 1), "Suren Papikyan"),
        ("Iran's president spoke.", dt.date(2021, 1, 1), "Hassan Rouhani"),
        ("Iran's president spoke.", dt.date(2022, 1, 1), "Ebrahim Raisi"),
        ("The Kremlin spokesman said.", dt.date(2021, 5, 17), "Dmitry Peskov"),
        ("the Armenian premier claimed", dt.date(2021, 5, 14), "Nikol Pashinyan"),
        ("Armenia's acting Prime Minister said", dt.date(2021, 5, 14), "Nikol Pashinyan"),
        ("The President of Tajikistan replied.", dt.date(2021, 5, 14), "Emomali Rahmon"),
        (
            "the commander of the Russian peacekeeping contingent",
            dt.date(2021, 5, 1),
            "Rustam Muradov",
        ),
    ],
)
def test_role_resolves_to_holder_on_the_date(gaz, text, on, holder):
    found = [m for m in gaz.find(text, on) if m.via == "role"]
    assert [m.name for m in found] == [holder]


def test_role_outside_any_term_is_skipped(gaz):
    # Armenia had no foreign minister between Aivazian's resignation and Mirzoyan.
    assert actors(gaz, "Armenia's Foreign Minister arrived.", dt.date(2021, 7, 1)) == ["Armenia"]
    # Nobody in the gazetteer was Armenia's prime minister in 2015.
    assert actors(gaz, "The Armenian Prime Minister said.", dt.date(2015, 1, 1)) == []


def test_role_without_a_date_is_skipped(gaz):
    assert actors(gaz, "The Azerbaijani foreign minister said.") == []


def test_role_followed_by_a_name_is_one_mention_of_that_person(gaz):
    text = "Russian President Vladimir Putin and Armenian PM Nikol Pashinian met."
    found = gaz.find(text)
    assert [(m.text, m.name) for m in found] == [
        ("Russian President Vladimir Putin", "Vladimir Putin"),
        ("Armenian PM Nikol Pashinian", "Nikol Pashinyan"),
    ]


def test_a_spokesperson_named_after_their_body_leaves_the_body_named_too(gaz):
    found = gaz.find("Kremlin spokesman Dmitry Peskov told reporters.", dt.date(2023, 7, 17))
    assert [(m.text, m.name) for m in found] == [
        ("Kremlin", "Kremlin"),
        ("spokesman Dmitry Peskov", "Dmitry Peskov"),
    ]


def test_name_after_role_and_comma_joins_only_if_the_office_fits(gaz):
    found = gaz.find("Azerbaijan’s head of diplomacy, Jeyhun Bayramov, said")
    assert [(m.text, m.name) for m in found] == [
        ("Azerbaijan’s head of diplomacy, Jeyhun Bayramov", "Jeyhun Bayramov")
    ]
    found = gaz.find("Armenia's Prime Minister, Aliyev said", dt.date(2021, 1, 1))
    assert names(found, places=False) == ["Nikol Pashinyan", "Ilham Aliyev"]


def test_named_person_wins_over_the_date(gaz):
    # The text says who; a wrong or missing date must not replace the name.
    found = gaz.find("Armenian Prime Minister Nikol Pashinyan", dt.date(2010, 1, 1))
    assert names(found) == ["Nikol Pashinyan"]


# ---------------------------------------------------------------- find() contract


def test_mentions_are_ordered_and_do_not_overlap_except_actor_place_pairs(gaz):
    text = (SAMPLES / "002_d1662289c8f39fdd.txt").read_text(encoding="utf-8")
    found = gaz.find(text, dt.date(2021, 5, 17))
    spans = sorted({(m.start, m.end) for m in found})
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert text[m.start : m.end] == m.text


def test_from_entries_builds_the_same_matcher(data):
    small = Gazetteer.from_entries(
        [
            {
                "name": "Lilliput",
                "kind": "state",
                "country": None,
                "aliases": ["Mildendo"],
                "demonyms": ["Lilliputian"],
            },
            {
                "name": "Lilliput Armed Forces",
                "kind": "armed_forces",
                "country": None,
                "aliases": [],
            },
            {
                "name": "Gulliver Golbasto",
                "kind": "person",
                "country": None,
                "aliases": ["Golbasto"],
                "offices": [
                    {"title": "President", "of": "Lilliput", "from": "1700-01-01", "to": None}
                ],
            },
        ],
        [
            {
                "name": "Mildendo",
                "kind": "city",
                "country": None,
                "parent": None,
                "lat": 1.0,
                "lon": 2.0,
                "aliases": [],
            }
        ],
    )
    found = small.find(
        "Lilliputian troops left Mildendo; the Lilliputian president spoke.", dt.date(1726, 1, 1)
    )
    assert [(m.name, m.is_place, m.via) for m in found] == [
        ("Lilliput Armed Forces", False, "demonym-collective"),
        ("Lilliput", False, "alias"),
        ("Mildendo", True, "alias"),
        ("Gulliver Golbasto", False, "role"),
    ]


def test_sample_article_mentions(gaz):
    text = (SAMPLES / "000_ac6a44d30ac3053d.txt").read_text(encoding="utf-8")
    found = set(names(gaz.find(text, dt.date(2021, 5, 14))))
    assert {
        "Jeyhun Bayramov",
        "Philip Reeker",
        "Armenia Ministry of Defense",
        "Azerbaijan Armed Forces",
        "Azerbaijan Ministry of Foreign Affairs",
        "Azerbaijan State Border Service",
        "Nikol Pashinyan",
        "Vladimir Putin",
        "Ilham Aliyev",
        "Nagorno-Karabakh Autonomous Region",
        "Azerbaijan SSR",
        "Russian peacekeepers",
        "Syunik Province",
        "Nagorno-Karabakh",
        "Lachin corridor",
        "Armenian-Azerbaijani border",
    } <= found


def test_find_is_fast(gaz):
    text = (SAMPLES / "000_ac6a44d30ac3053d.txt").read_text(encoding="utf-8")
    gaz.find(text, dt.date(2021, 5, 14))
    runs = 50
    started = time.perf_counter()
    for _ in range(runs):
        gaz.find(text, dt.date(2021, 5, 14))
    # About 0.7 ms on a laptop; the bound leaves room for slow CI machines.
    assert (time.perf_counter() - started) / runs < 0.01
