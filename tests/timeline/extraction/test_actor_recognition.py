"""Actors found without a gazetteer: the world's states and the shapes of names in text."""

import time

import pytest

from timeline.extraction.actors import find_actors
from timeline.extraction.countries import by_name, countries
from timeline.extraction.gazetteer import EntityMention


def found(text, known=()):
    return [(m.text, m.name, m.kind, m.country, m.via) for m in find_actors(text, list(known))]


def names(text, known=()):
    return [m.name for m in find_actors(text, list(known))]


def place(text, word, start=None):
    start = text.index(word) if start is None else start
    return EntityMention(start, start + len(word), word, word, "country", True, None, "alias")


# ---------------------------------------------------------------------------- countries


@pytest.mark.parametrize(
    ("country", "demonym"),
    [
        ("Sudan", "Sudanese"),
        ("Russia", "Russian"),
        ("Ukraine", "Ukrainian"),
        ("Azerbaijan", "Azerbaijani"),
        ("Israel", "Israeli"),
        ("Ethiopia", "Ethiopian"),
        ("Eritrea", "Eritrean"),
        ("Syria", "Syrian"),
        ("Iran", "Iranian"),
        ("Mali", "Malian"),
        ("Afghanistan", "Afghan"),
        ("Lebanon", "Lebanese"),
        ("Germany", "German"),
        ("South Sudan", "South Sudanese"),
    ],
)
def test_regular_demonyms_are_generated(country, demonym):
    assert demonym in by_name(country).demonyms
    assert by_name(demonym).name == country


@pytest.mark.parametrize("country", ["France", "Netherlands", "Switzerland", "Myanmar"])
def test_irregular_demonyms_are_missed_rather_than_invented(country):
    assert by_name(country).demonyms == ()


def test_suffix_rules_do_not_keep_words_english_lacks():
    every = {d for c in countries() for d in c.demonyms}
    assert not every & {"Sudanian", "Israelian", "Chili", "Finish", "Greenish", "United Staten"}


def test_a_name_with_of_the_is_read_without_the_and_a_shared_short_name_is_no_ones():
    assert by_name("Democratic Republic of Congo").code == "COD"
    assert by_name("Republic of Congo").code == "COG"
    assert by_name("Republic of Sudan").code == "SDN"
    # "Congo" ends both names: it may be either.
    assert by_name("Congo") is None
    assert by_name("Sudan").code == "SDN"  # a country's own name stays its own


def test_a_demonym_two_countries_could_claim_goes_to_the_closer_name():
    assert by_name("Nigerian").code == "NGA"
    assert by_name("Niger").demonyms == ()


def test_most_of_the_world_gets_a_demonym():
    all_countries = countries()
    with_demonym = [c for c in all_countries if c.demonyms]
    assert len(all_countries) > 240
    assert 130 <= len(with_demonym) <= 170


def test_aliases_come_from_pycountry_and_read_as_running_text():
    assert "Russian Federation" in by_name("Russia").aliases
    assert "Islamic Republic of Iran" in by_name("Iran").aliases
    assert all("," not in a and "(" not in a for c in countries() for a in c.aliases)


def test_initials_are_aliases_only_when_in_circulation():
    assert {"US", "U.S."} <= set(by_name("United States").aliases)
    assert {"UK", "U.K."} <= set(by_name("United Kingdom").aliases)
    every = {a for c in countries() for a in c.aliases}
    assert not every & {"DR", "EG", "SA", "AS", "NZ"}


def test_by_name_is_exact_and_carries_the_capital():
    assert by_name("Sudanese").code == "SDN"
    assert by_name("Sudan").capital == "Khartoum"
    assert by_name("sudan") is None
    assert by_name("Sudanland") is None


# ---------------------------------------------------------------------------- states


def test_a_country_name_is_its_state_without_the_possessive():
    assert found("Chad said on Friday that Kenya's cabinet had met.") == [
        ("Chad", "Chad", "state", "TCD", "state"),
        ("Kenya", "Kenya", "state", "KEN", "state"),
    ]


def test_aliases_and_initials_name_the_state():
    assert names("The Russian Federation and the U.S. disagreed; the UK abstained.") == [
        "Russia",
        "United States",
        "United Kingdom",
    ]


def test_country_words_inside_other_names_or_lower_case_are_not_states():
    assert names("They ate turkey in New Jersey on a chilly evening.") == []


def test_a_state_may_coincide_with_a_known_place_but_not_with_a_known_actor():
    text = "Shelling hit Chad overnight."
    assert names(text, [place(text, "Chad")]) == ["Chad"]
    actor = EntityMention(13, 17, "Chad", "Chad", "state", False, "TCD", "alias")
    assert names(text, [actor]) == []
    lake = "Boats crossed Lake Chad overnight."
    assert names(lake, [place(lake, "Lake Chad")]) == []


# ---------------------------------------------------------------------------- state bodies


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Malian army said", ("Malian army", "Malian Armed Forces", "armed_forces", "MLI")),
        ("the army of Chad said", ("army of Chad", "Chadian Armed Forces", "armed_forces", "TCD")),
        (
            "Kenya's defence ministry said",
            ("Kenya's defence ministry", "Kenya Ministry of Defence", "ministry", "KEN"),
        ),
        (
            "the Ministry of Foreign Affairs of Ghana said",
            (
                "Ministry of Foreign Affairs of Ghana",
                "Ghana Ministry of Foreign Affairs",
                "ministry",
                "GHA",
            ),
        ),
        (
            "the Peruvian Interior Ministry said",
            ("Peruvian Interior Ministry", "Peru Ministry of Interior", "ministry", "PER"),
        ),
        (
            "the Iranian authorities said",
            ("Iranian authorities", "Iranian Government", "state", "IRN"),
        ),
    ],
)
def test_a_demonym_or_country_with_a_body_noun_names_that_body(text, expected):
    assert [f[:4] for f in found(text)] == [expected]


def test_a_bare_demonym_is_not_an_actor():
    assert found("A Malian trader sold Iranian carpets.") == []


# ---------------------------------------------------------------------------- organisations


ORGANISATIONS = [
    ("Fighters of the Eastern Valley Defence Forces advanced.", "Eastern Valley Defence Forces"),
    ("Four Regional Food Programme staff were hurt.", "Regional Food Programme"),
    ("The Highland Farmers' Committee said.", "Highland Farmers' Committee"),
    ("the Coastal People's Liberation Front said", "Coastal People's Liberation Front"),
    ("the Lakeside Anti-Poaching Brigade said", "Lakeside Anti-Poaching Brigade"),
    ("the Ministry of Water Resources said", "Ministry of Water Resources"),
    ("the Office for the Protection of Rivers said", "Office for the Protection of Rivers"),
    ("the Provincial Assembly voted", "Provincial Assembly"),
    # The media a report quotes.
    ("the governor told Delta Coast TV", "Delta Coast TV"),
    ("Kestrel Radio reported", "Kestrel Radio"),
    ("the Harbour City Herald reported", "Harbour City Herald"),
    # Possessive, singular and plural.
    ("the Coastal Port Authority's statement said", "Coastal Port Authority"),
    ("the Valley Defence Forces' commander said", "Valley Defence Forces"),
]
KINDS = ["armed_forces", "organisation", "organisation", "armed_forces", "armed_forces"]
KINDS += ["ministry", "agency", "legislature", "organisation", "organisation", "organisation"]
KINDS += ["organisation", "armed_forces"]


@pytest.mark.parametrize(
    ("text", "name", "kind"), [(*o, k) for o, k in zip(ORGANISATIONS, KINDS, strict=True)]
)
def test_capitalised_words_ending_in_a_head_noun_name_an_organisation(text, name, kind):
    text = f"{text} and nobody else had anything to say about that today"  # not a headline
    assert [(m[1], m[2], m[4]) for m in found(text)] == [(name, kind, "organisation")]


def test_and_the_separates_two_organisations():
    assert names("the Coastal Liberation Front and the Valley Defence Forces met.") == [
        "Coastal Liberation Front",
        "Valley Defence Forces",
    ]


def test_an_organisation_led_by_a_demonym_belongs_to_that_state():
    assert found("the Malian Red Crescent said")[0][3] == "MLI"


def test_a_lone_head_noun_or_a_headline_is_not_an_organisation():
    assert names("Parliament met. Police said nothing.") == []
    assert names("Relief Group Warns Of Hunger Across Coastal Districts\nIt rained.") == []


# ---------------------------------------------------------------------------- acronyms


def test_an_acronym_defined_in_the_text_names_the_organisation():
    text = "the Coastal Liberation Front (CLF) said. Later the CLF denied it."
    assert found(text)[-1] == ("CLF", "Coastal Liberation Front", "armed_forces", None, "acronym")
    assert len(found(text)) == 2  # the definition itself is not a second mention


def test_an_undefined_acronym_names_itself():
    assert found("ZRM fighters entered the town as the OPRA met.") == [
        ("ZRM", "ZRM", "armed_forces", None, "acronym"),
        ("OPRA", "OPRA", "organisation", None, "acronym"),
    ]


def test_units_times_numerals_headlines_and_datelines_are_not_acronyms():
    text = (
        "ZRM FIGHTERS SEIZE THE TOWN\n"
        "ABUJA, March 3 - The blast at 14:00 GMT cut 40 MW of power, the worst since "
        "World War II, a CEO said."
    )
    assert names(text) == []


def test_a_countrys_initials_are_the_state_not_an_organisation():
    assert found("US officials said.") == [("US", "United States", "state", "USA", "state")]


# ---------------------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Interior Minister Amara Koné said", "Amara Koné", None),
        ("Malian Defence Minister Sadio Tembely said", "Sadio Tembely", "MLI"),
        ("Gen. Ibrahim al-Tahir said", "Ibrahim al-Tahir", None),
        ("the rebel commander Yusuf bin Salim said", "Yusuf bin Salim", None),
        ("Ghana's President Kofi Asante-Boateng said", "Kofi Asante-Boateng", "GHA"),
        ("Chadian army chief General Mahamat Idriss Kodi said", "Mahamat Idriss Kodi", "TCD"),
    ],
)
def test_a_title_introduces_a_full_name(text, name, country):
    [(_, got, kind, got_country, via)] = found(text)
    assert (got, kind, got_country, via) == (name, "person", country, "title")


def test_a_title_without_a_name_is_not_a_person():
    assert names("The president said the commander of the unit had resigned.") == []
    assert [m[2] for m in found("the General Assembly voted")] == ["legislature"]


def test_a_title_modifier_alone_is_no_title():
    text = "MPs debated the Finance Bill while the Interior Cabinet Secretary Ruth Wambui watched."
    assert found(text) == [
        (
            "Interior Cabinet Secretary Ruth Wambui",
            "Ruth Wambui",
            "person",
            None,
            "title",
        )
    ]


def test_an_untitled_name_is_a_person():
    assert found("Talks were chaired by Ruth Okonkwo-Baraka on Sunday.") == [
        ("Ruth Okonkwo-Baraka", "Ruth Okonkwo-Baraka", "person", None, "name"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "By Lena Marsh\nRain fell on the valley.",
        "Farmers Flee As Floods Hit Delta Villages\nRain fell.",
        "Heavy Rain fell again; the heavy rain ruined crops.",
        "Residents of Port Harcourt said the river rose.",
        "In March Abdi said the river rose on Monday.",
        "Delegates gathered at Harambee House for the talks.",
        "Smoke rose over the market. (Tarik Osmani/NWS)",
        "Read our Privacy Policy before you comment on the story.",
    ],
)
def test_bylines_headlines_common_words_cities_and_months_are_not_people(text):
    assert [m for m in found(text) if m[2] == "person"] == []


def test_known_as_makes_an_alias_of_a_person():
    text = (
        "militia leader Tomas Garang Deng, known as Black Hawk, spoke. Later Black Hawk denied it."
    )
    got = found(text)
    assert [(m[0], m[1], m[4]) for m in got[1:]] == [
        ("Black Hawk", "Tomas Garang Deng", "alias"),
        ("Black Hawk", "Tomas Garang Deng", "alias"),
    ]


def test_known_as_after_a_place_is_no_alias():
    assert names("the area, known as Green Valley, flooded.") == []


# ---------------------------------------------------------------------------- short forms


def test_later_surnames_name_the_person():
    text = "Gen. Ibrahim al-Tahir arrived. Tahir said al-Tahir was tired."
    assert [(m[0], m[1], m[4]) for m in found(text)[1:]] == [
        ("Tahir", "Ibrahim al-Tahir", "short"),
        ("al-Tahir", "Ibrahim al-Tahir", "short"),
    ]


def test_a_surname_after_a_full_stop_that_lost_its_space_names_the_person():
    # Scraped pages drop the space between sentences; "U.S." and "St.Kitts" stay whole.
    text = "Mayor Ilse Varnhagen spoke to a radio station.Varnhagen had warned the U.S.Navy."
    assert [(m[0], m[1], m[4]) for m in found(text) if m[4] == "short"] == [
        ("Varnhagen", "Ilse Varnhagen", "short")
    ]


def test_a_title_with_a_known_surname_names_the_full_person():
    text = "opposition leader Amos Wekesa Lumbasi spoke. Mr Lumbasi left early."
    assert [(m[0], m[1], m[4]) for m in found(text)] == [
        ("leader Amos Wekesa Lumbasi", "Amos Wekesa Lumbasi", "title"),
        ("Mr Lumbasi", "Amos Wekesa Lumbasi", "short"),
    ]


def test_a_surname_before_the_full_name_is_not_resolved():
    text = "Tahir spoke first. Then Gen. Ibrahim al-Tahir arrived."
    assert [m[0] for m in found(text)] == ["Gen. Ibrahim al-Tahir"]


def test_generic_nouns_name_the_latest_fitting_actor():
    text = (
        "the Malian army and the Eastern Valley Defence Forces clashed, Kenya's defence "
        "ministry said, citing the Highland Farmers' Committee. The army blamed the "
        "rebels; the ministry and the committee did not. Chad said the government would help."
    )
    short = [(m[0], m[1]) for m in found(text) if m[4] == "short"]
    assert short == [
        ("army", "Malian Armed Forces"),
        ("rebels", "Eastern Valley Defence Forces"),
        ("ministry", "Kenya Ministry of Defence"),
        ("committee", "Highland Farmers' Committee"),
        ("government", "Chad"),
    ]


def test_generic_nouns_without_an_antecedent_name_nobody():
    assert names("The army said the rebels had left.") == []
    assert names("the Malian army said the rebels had left.") == ["Malian Armed Forces"]


def test_known_mentions_count_as_antecedents():
    text = "Border guards fired. The army denied it."
    known = EntityMention(
        0, 13, "Border guards", "Ruritanian Armed Forces", "armed_forces", False, "RUS", "alias"
    )
    assert found(text, [known]) == [
        ("army", "Ruritanian Armed Forces", "armed_forces", "RUS", "short"),
    ]


def test_the_ruling_party_is_the_one_party_or_front_the_text_names():
    text = (
        "The premier ordered troops north after the region's governing party attacked a camp. "
        "The Velorian People's Liberation Front (VPLF) denied it. Later the ruling party said "
        "talks were over."
    )
    short = [(m[0], m[1]) for m in found(text) if m[4] == "short"]
    assert short == [
        ("party", "Velorian People's Liberation Front"),
        ("party", "Velorian People's Liberation Front"),
    ]
    two = "The ruling party met. The Unity Party and the Dawn Front (DF) argued."
    assert [m for m in found(two) if m[4] == "short"] == []  # which one, the text does not say


# ---------------------------------------------------------------------------- invariants


def test_mentions_are_ordered_and_never_overlap_or_name_calendar_words():
    text = (
        "On Monday, March 3, the Malian army said the Coastal Liberation Front (CLF) had "
        "attacked. Interior Minister Amara Koné said Tuesday the CLF fled to Chad."
    )
    got = find_actors(text, [])
    assert [m.start for m in got] == sorted(m.start for m in got)
    assert all(a.end <= b.start for a, b in zip(got, got[1:], strict=False))
    assert not {"Monday", "March", "Tuesday"} & {m.name for m in got}
    assert all(not m.is_place for m in got)


def test_the_warring_sides_are_the_two_armed_actors_named_most():
    text = (
        "The Malian army shelled the port. The Dune Liberation Front said it held the ridge. "
        "The army denied it. Talks between the warring sides failed."
    )
    sides = [m for m in find_actors(text, []) if m.text == "the warring sides"]
    assert sorted(m.name for m in sides) == ["Dune Liberation Front", "Malian Armed Forces"]
    assert find_actors("Both sides said so.", []) == []  # nobody to name


def test_an_acronym_spelled_by_the_initials_before_it_names_that_organisation():
    text = "The Harakat Nasr al-Janub wal-Sahil (HNJS) claimed it. HNJS fighters withdrew."
    assert found(text) == [
        ("Harakat Nasr al-Janub wal-Sahil", "Harakat Nasr al-Janub wal-Sahil", "organisation",
         None, "organisation"),
        ("HNJS", "Harakat Nasr al-Janub wal-Sahil", "organisation", None, "acronym"),
    ]  # fmt: skip
    # Initials that do not spell it: the acronym names itself.
    assert found("Traders in Upper Town (KLM) said.")[-1][1] == "KLM"


def test_a_bare_plural_or_a_states_armed_group_names_the_one_armed_group_named():
    text = (
        "The Dune Liberation Front said it held the ridge. Mali's paramilitaries fought on, "
        "and rebels in the north agreed to talks."
    )
    got = [(m.text, m.name) for m in find_actors(text, [])]
    assert ("Mali", "Mali") in got
    assert ("paramilitaries", "Dune Liberation Front") in got
    assert ("rebels", "Dune Liberation Front") in got
    # With no armed group named, a bare plural names nobody.
    assert find_actors("Rebels in the north agreed to talks.", []) == []


def test_a_first_level_region_or_its_demonym_names_regional_forces_or_government():
    got = [(m.text, m.name, m.kind, m.country) for m in find_actors(
        "Amharan fighters and forces from Tigray clashed; the Afar regional government said.", []
    )]  # fmt: skip
    assert got == [
        ("Amharan fighters", "Amhara regional forces", "armed_forces", "ETH"),
        ("forces from Tigray", "Tigray regional forces", "armed_forces", "ETH"),
        ("Afar regional government", "Afar regional government", "other", "ETH"),
    ]
    # A country's name is not a region's; an unknown word names nothing.
    assert [m.name for m in find_actors("Chadian forces and Zorblan forces", [])] == [
        "Chadian Armed Forces"
    ]


def test_a_capitalised_run_of_any_length_is_read_in_linear_time():
    # A text with no sentence punctuation: one run of 100,000 capitalised words, the first of
    # them not names. Dropping leading words one slice at a time took minutes.
    text = "Troops said " + "On Monday " * 50000 + "nothing."
    started = time.perf_counter()
    find_actors(text, [])
    assert time.perf_counter() - started < 5.0  # about 0.5 s; quadratic work took minutes


def test_a_date_after_an_organisation_is_not_part_of_its_name():
    text = "Gunmen attacked the Delta Coast Police on Monday and the Office for the Protection of Rivers said so."
    assert names(text) == ["Delta Coast Police", "Office for the Protection of Rivers"]
