"""Boilerplate removal and block labelling, on synthetic pages and the sample articles."""

from pathlib import Path

import pytest

from articles.text.cleaning import BlockKind, clean, find_dateline, is_date_line
from articles.text.decoding import decode_bytes

SAMPLES = sorted(
    (Path(__file__).resolve().parents[2] / "fixtures" / "sample_articles").glob("*.txt")
)


def blocks(text):
    result = clean(text)
    return [(b.kind, result.body[b.start : b.end]) for b in result.blocks], result


STORY = (
    "Troops exchanged fire on the border on Tuesday, the defence ministry said in a statement.\n\n"
    "The ministry said the situation had stabilised by the evening."
)


def test_offsets_are_exact_and_body_is_joined_blocks():
    result = clean("Ceasefire holds on the Armenian border\n\n" + STORY)
    assert result.body == "\n\n".join(result.body[b.start : b.end] for b in result.blocks)
    assert result.blocks[0].kind is BlockKind.TITLE
    assert result.body.startswith("Ceasefire holds")


def test_navigation_before_title_is_removed():
    text = (
        "Главная\n\nNews\nAll stories\n\nHome > World > Caucasus\n\nCeasefire holds on the Armenian border\n\n"
        + STORY
    )
    got, result = blocks(text)
    assert got[0] == (BlockKind.TITLE, "Ceasefire holds on the Armenian border")
    for line in ("Главная", "News", "All stories", "Home > World > Caucasus"):
        assert line in result.removed
        assert line not in result.body


def test_a_navigation_link_glued_to_its_copies_is_removed():
    text = (
        "Skip to main contentSkip to main content\n\nCeasefire holds on the Armenian border\n\n"
        + STORY
    )
    got, result = blocks(text)
    assert got[0] == (BlockKind.TITLE, "Ceasefire holds on the Armenian border")
    assert "Skip to main contentSkip to main content" in result.removed


def test_non_latin_line_removed_only_in_latin_documents():
    _, latin = blocks("Ceasefire holds on the Armenian border\n\nԼուրեր\n\n" + STORY)
    assert "Լուրեր" in latin.removed
    armenian = "Հայաստանի սահմանին հրադադար\n\nԶինվորները կրակ են բացել երեքշաբթի օրը։"
    _, native = blocks(armenian)
    assert native.removed == ()
    assert native.blocks[0].kind is BlockKind.TITLE


def test_size_pickers_font_pickers_and_share_bars_removed():
    text = (
        "Ceasefire holds on the Armenian border\n\nA A A\n\n"
        + STORY
        + "\n\nShare\nFacebook Twitter Telegram\nPrint\n\nXS\nSM\nMD\nLG\n"
    )
    _, result = blocks(text)
    for line in ("A A A", "Facebook Twitter Telegram", "XS", "LG", "Print", "Share"):
        assert line in result.removed
    assert result.body.endswith("stabilised by the evening.")


@pytest.mark.parametrize(
    "widget",
    [
        "Leave a Reply\n\nYour email address will not be published. Required fields are marked *",
        "3 Comments\n\nSome reader wrote something on 12 May 2021.",
        "Related articles\n\nAzerbaijan says troops withdrew on September 14, 2022",
        "You may also like\n\nOther headline about a different day",
    ],
)
def test_comment_widgets_and_related_lists_end_the_story(widget):
    got, result = blocks("Ceasefire holds on the Armenian border\n\n" + STORY + "\n\n" + widget)
    assert got[-1][1] == "The ministry said the situation had stabilised by the evening."
    assert widget.split("\n")[0] in result.removed


def test_pure_credit_lines_removed():
    text = (
        "Ceasefire holds on the Armenian border\n\nPhoto: Reuters/Stringer\n\n"
        + STORY
        + "\n\nMain photo source: Defence Ministry press office\n\nGetty Images"
    )
    _, result = blocks(text)
    for line in ("Photo: Reuters/Stringer", "Main photo source: Defence Ministry press office"):
        assert line in result.removed
    assert "Getty" not in result.body


def test_duplicated_caption_kept_once_and_marked():
    caption = "Soldiers near the village of Sotk, Sept. 14, 2022. (Photo by Ani Petrosyan)"
    text = f"Ceasefire holds on the Armenian border\n\n{caption}\n{caption}\n\n{STORY}"
    got, result = blocks(text)
    assert got.count((BlockKind.CAPTION, caption)) == 1
    assert result.body.count(caption) == 1


def test_caption_with_parenthesised_credit_is_caption():
    caption = (
        "Armenian soldiers at a checkpoint in Goris, May 14, 2021. (Photo: Ombudsman's office)"
    )
    got, _ = blocks(f"Ceasefire holds on the Armenian border\n\n{STORY}\n\n{caption}\n\n{STORY}")
    assert (BlockKind.CAPTION, caption) in got


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Armenian troops near Jermuk (September 2022)Karen Minasyan / AFP / EastNews",
            "Armenian troops near Jermuk (September 2022)",
            "Karen Minasyan / AFP / EastNews",
        ),
        (
            "A checkpoint on the Lachin roadGetty Images",
            "A checkpoint on the Lachin road",
            "Getty Images",
        ),
        (
            "Shelled houses in VardenisAnadolu Agency",
            "Shelled houses in Vardenis",
            "Anadolu Agency",
        ),
        (
            "Soldiers on patrol near Goris Vahram Baghdasaryan / Photolure",
            "Soldiers on patrol near Goris",
            "Vahram Baghdasaryan / Photolure",
        ),
    ],
)
def test_glued_and_slash_credits_split_off_captions(line, caption, credit):
    got, result = blocks(f"Ceasefire holds on the Armenian border\n\n{STORY}\n\n{line}\n\n{STORY}")
    assert (BlockKind.CAPTION, caption) in got
    assert credit in result.removed


def test_camel_case_name_is_not_a_credit():
    got, _ = blocks(
        f"Ceasefire holds on the Armenian border\n\n{STORY}\n\nTalks with Senator McCain\n\n{STORY}"
    )
    assert (BlockKind.HEADING, "Talks with Senator McCain") in got


def test_lede_before_dateline_paragraph():
    text = (
        "Baku says talks with Yerevan continue\n\n"
        "The foreign ministry said talks on the border were continuing and no shots were fired\n\n"
        "BAKU, June 2. /TASS/. Azerbaijan is in talks with Armenia, the ministry said on Wednesday.\n\n"
        "Details were not disclosed."
    )
    got, _ = blocks(text)
    assert [k for k, _ in got] == [
        BlockKind.TITLE,
        BlockKind.LEDE,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]


def test_unpunctuated_standfirst_without_dateline_is_lede():
    text = (
        "Border tensions rise again\n\n"
        "Yerevan accuses Baku of moving troops closer to villages in the south of the country\n\n"
        + STORY
    )
    got, _ = blocks(text)
    assert got[1][0] is BlockKind.LEDE


def test_first_story_paragraph_is_not_lede():
    got, _ = blocks("Border tensions rise again\n\n" + STORY)
    assert got[1][0] is BlockKind.PARAGRAPH


def test_heading_inside_story_and_trailing_short_lines_dropped():
    text = f"Border tensions rise again\n\n{STORY}\n\nBackground to the conflict\n\n{STORY}\n\nAni Petrosyan"
    got, result = blocks(text)
    assert (BlockKind.HEADING, "Background to the conflict") in got
    assert "Ani Petrosyan" in result.removed


def test_bylines_and_date_lines_removed_but_reported():
    text = (
        "Border tensions rise again\n\nBy Ani Petrosyan\n\nPublished: 14 May 2021, 10:32\n\n"
        + STORY
        + "\n\n(Reporting by Nailia Bagirova; Editing by Someone Else)"
    )
    _, result = blocks(text)
    assert "Published: 14 May 2021, 10:32" in result.removed
    assert "By Ani Petrosyan" in result.removed
    assert "Reporting by" not in result.body


def test_hard_wrapped_paragraph_is_joined():
    text = (
        "Border tensions rise again\n\n"
        "Troops exchanged fire on the border on Tuesday, the defence\n"
        "ministry said, adding that nobody was hurt.\n"
    )
    got, _ = blocks(text)
    assert got[1] == (
        BlockKind.PARAGRAPH,
        "Troops exchanged fire on the border on Tuesday, the defence ministry said, adding that nobody was hurt.",
    )


def test_no_title_when_text_starts_with_dateline():
    got, _ = blocks("YEREVAN, Sept 13 (Reuters) - Armenia said on Tuesday that troops clashed.")
    assert [k for k, _ in got] == [BlockKind.PARAGRAPH]


@pytest.mark.parametrize(
    ("text", "place", "date", "agency"),
    [
        ("BAKU, May 14. /TASS/. Azerbaijan is", "BAKU", "May 14", "TASS"),
        ("TEHRAN (Tasnim) – Azerbaijan’s", "TEHRAN", None, "Tasnim"),
        ("YEREVAN, Sept 13 (Reuters) - Armenia", "YEREVAN", "Sept 13", "Reuters"),
        ("YEREVAN, MAY 17, ARMENPRESS. The", "YEREVAN", "MAY 17", "ARMENPRESS"),
        ("BAKU, Azerbaijan (AP) — The", "BAKU", None, "AP"),
        ("STEPANAKERT — Ethnic Armenians", "STEPANAKERT", None, None),
        # Trend: country, abbreviated month, agency and a colon.
        ("GANJA, Azerbaijan, Feb. 3 Trend: Officials", "GANJA", "Feb. 3", "Trend"),
        # Armenpress: month in capitals, agency in capitals after a comma.
        ("GYUMRI, NOVEMBER 21, ARMENPRESS. Officials", "GYUMRI", "NOVEMBER 21", "ARMENPRESS"),
        # Reuters and Xinhua: date, agency in brackets, one or two dashes.
        ("KASSALA, March 2 (Reuters) - Officials", "KASSALA", "March 2", "Reuters"),
        ("LVIV, Dec. 30 (Xinhua) -- Officials", "LVIV", "Dec. 30", "Xinhua"),
        # A place in title case with a date and no agency: period, colon or dash.
        ("Odesa, March 2. Officials", "Odesa", "March 2", None),
        ("Tabriz, 4 May: Officials", "Tabriz", "4 May", None),
        ("Kherson, June 9 - Officials", "Kherson", "June 9", None),
        ("El-Obeid, June 9 (AFP) - Officials", "El-Obeid", "June 9", "AFP"),
        # ANI: the country in square brackets, agency and a colon.
        ("Kassala [Sudan], March 2 (ANI): Officials", "Kassala", "March 2", "ANI"),
        # IANS and PTI: the story follows the agency without a dash.
        ("Mykolaiv, Oct 9 (IANS) Ukraine's", "Mykolaiv", "Oct 9", "IANS"),
        ("New Delhi, Oct 9 (PTI) Officials", "New Delhi", "Oct 9", "PTI"),
        # AP with the country and a weekday before the date; AFP in title case; Anadolu.
        ("MEKELLE, Ethiopia, Saturday, March 4 (AP) — A", "MEKELLE", "March 4", "AP"),
        ("Gedaref (AFP) - Officials", "Gedaref", None, "AFP"),
        ("ISTANBUL (AA) - Officials", "ISTANBUL", None, "AA"),
        # No separator before the story, or the place and date alone on their line.
        ("Odesa, March 2 Officials said", "Odesa", "March 2", None),
        ("ODESA, March 2\nOfficials said", "ODESA", "March 2", None),
        # A dateline with the year.
        ("Dnipro, 8 October 2021 (Ukrinform) - The", "Dnipro", "8 October 2021", "Ukrinform"),
    ],
)
def test_find_dateline(text, place, date, agency):
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.date_text, found.agency) == (place, date, agency)
    assert not text[found.end :].startswith(" ")


@pytest.mark.parametrize(
    "text",
    [
        "US - Armenia relations",
        "The ministry said",
        "NATO chief says",
        # A weekday or a month is not a place, and a date opening a sentence is not a dateline.
        "Sunday, April 23 - The talks",
        "March 4 (AP) — The",
        "Today, April 23, the talks resumed",
        # Brackets after a name in title case need a date before a bare agency.
        "The Rapid Support Forces (RSF) said",
        "Mekelle (the capital) is calm",
        # Without a date the story must follow; a date must be followed by the story.
        "Mekelle, Ethiopia",
        "Odesa, March 2 the talks",
    ],
)
def test_not_a_dateline(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    "line",
    [
        "14 May 2021",
        "13.09.2022",
        "Sat 8 Oct 2022 07.02 BST",
        "27 May 2021 10:00 (UTC+04:00)",
        "2022-10-08T10:05:00+03:00",
        "October 8, 2022 at 3:15 a.m. EDT",
        "Updated July 22, 2022 10:31 AM",
        "First published on Wed 12 Jan 2022 10.04 GMT",
        "Posted: 07 February ,2019: 09:12 AM GST",
    ],
)
def test_timestamp_lines_are_date_lines(line):
    assert is_date_line(line)
    _, result = blocks(f"Ceasefire holds on the Armenian border\n\n{line}\n\n{STORY}")
    assert line in result.removed


@pytest.mark.parametrize(
    "line", ["It set out on 8 May 2021", "Talks were held in Kyiv on 8 May 2021 and ended"]
)
def test_sentences_with_a_date_are_not_date_lines(line):
    assert not is_date_line(line)


def test_removed_lines_know_where_they_stood():
    text = (
        "12 March 2021\n\nCeasefire holds on the Armenian border\n\n14 May 2021\n\n"
        + STORY
        + "\n\nBy Ani Petrosyan\n\nRelated\n\nOther headline about the border\n\n3 June 2021"
    )
    result = clean(text)
    assert len(result.removed_after) == len(result.removed)
    where = dict(zip(result.removed, result.removed_after, strict=True))
    assert where["12 March 2021"] == 0  # above the headline
    assert where["14 May 2021"] == 1  # under the headline
    assert where["By Ani Petrosyan"] == 3  # after the story's two paragraphs
    # Everything from the related-content list on came after the story ended.
    assert result.removed[result.ended :] == (
        "Related",
        "Other headline about the border",
        "3 June 2021",
    )


def test_nothing_ended_the_story():
    result = clean("Ceasefire holds on the Armenian border\n\n" + STORY)
    assert result.ended is None


def test_dateline_paragraph_is_not_taken_for_navigation_before_a_headline():
    # A dateline paragraph opens the text, so a later quote line is not a headline.
    text = (
        "Kassala [Sudan], March 2 (ANI): Officials said the bridge reopened to traffic.\n\n"
        "The bridge, built in 1964, carries the only road east, officials added today.\n\n"
        "“We are relieved that the road is open again,” a driver told reporters on Monday."
    )
    got, result = blocks(text)
    assert BlockKind.TITLE not in [k for k, _ in got]
    assert got[0][1].startswith("Kassala [Sudan], March 2 (ANI):")
    assert result.removed == ()


# ------------------------------------------------------------------ sample articles


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_offsets_and_no_furniture(path):
    result = clean(decode_bytes(path.read_bytes()))
    assert result.blocks[0].kind is BlockKind.TITLE
    lines = result.body.split("\n\n")
    assert len(lines) == len(result.blocks)
    for block, line in zip(result.blocks, lines, strict=True):
        assert result.body[block.start : block.end] == line
        assert len(line.replace(" ", "")) > 3
    kinds = dict(zip(lines, (b.kind for b in result.blocks), strict=True))
    for removed in result.removed:
        # Dropped furniture never survives, except the one kept copy of a duplicated caption.
        assert removed not in lines or kinds[removed] is BlockKind.CAPTION


def test_samples_captions_marked_and_deduplicated():
    texts = {p.name[:3]: clean(decode_bytes(p.read_bytes())) for p in SAMPLES}
    captions = {
        key: [r.body[b.start : b.end] for b in r.blocks if b.kind is BlockKind.CAPTION]
        for key, r in texts.items()
    }
    assert len(captions["002"]) == 2 and len(set(captions["002"])) == 2
    assert all("May 14, 2021" in c for c in captions["002"])
    assert len(captions["003"]) == 2
    assert not any(c.endswith(("PAP", "Archive")) for c in captions["003"])


def test_credit_after_caption_sentence_is_split_off():
    line = "Soldiers take part in a drill, in this handout picture. Defence Ministry/Handout via REUTERS/File Photo"
    got, result = blocks(f"Ceasefire holds on the Armenian border\n\n{line}\n\n{STORY}")
    assert (BlockKind.CAPTION, "Soldiers take part in a drill, in this handout picture.") in got
    assert "Defence Ministry/Handout via REUTERS/File Photo" in result.removed


def test_a_story_that_opens_with_its_lead_sentence_has_no_title():
    text = (
        "The northern district governor was shot dead near the market on Friday, two officials "
        "told reporters in the provincial capital.\n\n"
        "His deputy had warned of a “massacre.”\n\n"
        "Fighting has spread to three more towns since the weekend, aid groups said.\n"
    )
    got, result = blocks(text)
    assert got[0] == (
        BlockKind.PARAGRAPH,
        "The northern district governor was shot dead near the market on Friday, two officials "
        "told reporters in the provincial capital.",
    )
    assert result.removed == ()


def test_a_long_sentence_in_quotes_is_a_paragraph_not_a_title():
    text = (
        "The minister told parliament on Monday that the talks would resume within a week and "
        "that both delegations had “agreed to stop the shelling.”\n\n"
        "Negotiators met again in the capital.\n"
    )
    got, _ = blocks(text)
    assert got[0][0] is BlockKind.PARAGRAPH


def test_a_list_of_items_above_the_story_is_not_its_title():
    text = (
        "• MARKETS: Grain futures outlook (Graphic DUE Mar 4)\n"
        "• ELECTIONS: Velora votes (Graphic DUE Mar 5)\n\n"
        "Port of Varnik reopens\n\n"
        "The port of Varnik reopened to grain ships on Monday after a two-week closure.\n"
    )
    got, result = blocks(text)
    assert got[0] == (BlockKind.TITLE, "Port of Varnik reopens")
    assert "• MARKETS: Grain futures outlook (Graphic DUE Mar 4)" in result.removed
