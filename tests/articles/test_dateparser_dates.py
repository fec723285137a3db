"""Publication dates our English rules cannot read, left to dateparser: datelines and date lines
in other languages, and other formats."""

import datetime

import dateparser
import pytest

from articles.text.cleaning import clean
from articles.text.metadata import DateSource, extract_metadata

RU_HEADLINE = "Стороны договорились продолжить переговоры о границе"
RU_STORY = "Министр сообщил журналистам, что встреча прошла конструктивно."
EN_HEADLINE = "Convoy reaches the besieged town after weeks of talks"
EN_STORY = "Aid workers unloaded flour and medicine, the agency said on Wednesday."


def meta(text):
    return extract_metadata(clean(text))


def test_russian_dateline_with_year_is_stated():
    m = meta(f"{RU_HEADLINE}\n\nЕРЕВАН, 14 ноября 2022 г. /ТАСС/. {RU_STORY}")
    assert m.published == datetime.date(2022, 11, 14)
    assert m.published_source is DateSource.TEXT
    assert m.published_confidence == 0.95
    assert "dateparser" in m.published_reasoning


def test_french_date_line_under_the_headline():
    text = (
        "Le convoi atteint la ville assiégée après des semaines de pourparlers\n\n"
        "Publié le 9 octobre 2023 à 18h40\n\n"
        "Les humanitaires ont déchargé de la farine et des médicaments, selon l'agence."
    )
    m = meta(text)
    assert m.published == datetime.date(2023, 10, 9)
    assert m.published_source is DateSource.TEXT


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("9. April 2023, 08:15 Uhr", datetime.date(2023, 4, 9)),  # German: a dot after the day
        ("2023/10/09", datetime.date(2023, 10, 9)),
        ("2023年10月9日 18:40", datetime.date(2023, 10, 9)),
        ("9 أكتوبر 2023", datetime.date(2023, 10, 9)),
    ],
)
def test_other_formats_on_a_date_line(line, expected):
    m = meta(f"{EN_HEADLINE}\n\n{line}\n\n{EN_STORY}")
    assert m.published == expected
    assert m.published_source is DateSource.TEXT


def test_rfc_2822_date_line():
    m = meta(f"{EN_HEADLINE}\n\nMon, 09 Oct 2023 18:40:00 GMT\n\n{EN_STORY}")
    assert m.published == datetime.date(2023, 10, 9)
    assert m.published_source is DateSource.TEXT


def test_number_that_is_not_a_date_gives_no_date():
    text = (
        "Le bilan des frappes sur la ville s'alourdit encore dans la nuit\n\n"
        "Bilan : 12 morts, 2023\n\n"
        "Les secours fouillent toujours les décombres, selon la protection civile."
    )
    m = meta(text)
    assert m.published is None
    assert m.published_source is DateSource.UNKNOWN


def test_yearless_russian_dateline_without_a_year_in_the_text_stays_unknown():
    # dateparser fills a missing year with the current one; the text gives none, so none is used.
    m = meta(f"{RU_HEADLINE}\n\nЕРЕВАН, 14 ноября. /ТАСС/. {RU_STORY}")
    assert m.published is None
    assert m.published_source is DateSource.UNKNOWN
    assert "ноября" in m.published_reasoning


def test_yearless_russian_dateline_takes_an_inferred_year_from_the_text():
    text = (
        f"{RU_HEADLINE}\n\nЕРЕВАН, 14 ноября. /ТАСС/. {RU_STORY}\n\n"
        "Прошлый раунд переговоров прошёл в 2019 году."
    )
    m = meta(text)
    assert m.published == datetime.date(2019, 11, 14)
    assert m.published_source is DateSource.INFERRED
    assert m.published_confidence < 0.8


def test_english_article_never_calls_dateparser(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("dateparser called on a text our rules read")

    monkeypatch.setattr(dateparser, "parse", fail)
    # A heading with an English date our rules chose not to take as a stamp stays theirs.
    text = (
        f"{EN_HEADLINE}\n\nPublished: 9 October 2023\n\n{EN_STORY}\n\n"
        "War in Ukraine: 24 February 2022\n\nThe siege began in spring."
    )
    assert meta(text).published == datetime.date(2023, 10, 9)
