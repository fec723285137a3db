"""CSV exports are safe to open in a spreadsheet: no cell starts a formula (OWASP's CSV
injection advice), checked by loading each export into a workbook as a spreadsheet would."""

import csv
import datetime
import io

import pytest
from openpyxl import Workbook

from tests.factories import make_article, make_event
from timeline.exports import spreadsheet_safe

HOSTILE = [
    '=HYPERLINK("http://example.com/x","click")',
    "@SUM(A1:A9)",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
]


@pytest.fixture
def hostile(db):
    article = make_article(HOSTILE[1] + " was quoted on May 12, 2021.")
    make_event(datetime.date(2021, 5, 12), HOSTILE[0], article=article)
    make_event(datetime.date(2021, 5, 13), HOSTILE[2], article=article)
    make_event(datetime.date(2021, 5, 14), HOSTILE[3], article=article)


def opened_as_a_spreadsheet(text):
    sheet = Workbook().active
    for row in csv.reader(io.StringIO(text)):
        sheet.append(row)
    return sheet


@pytest.mark.parametrize("url", ["/events.csv", "/events.acled.csv"])
def test_no_cell_of_an_export_is_a_formula(client, hostile, url):
    response = client.get(url)
    text = b"".join(response.streaming_content).decode()
    sheet = opened_as_a_spreadsheet(text)
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert "'" + HOSTILE[0] in values  # shown as text, whole
    # And before the fix the same rows open as formulas: the test can fail.
    raw = opened_as_a_spreadsheet(text.replace("'=", "=").replace("'@", "@").replace("'+", "+"))
    assert [c for row in raw.iter_rows() for c in row if c.data_type == "f"]


def test_plain_numbers_and_text_are_left_alone():
    assert spreadsheet_safe("-12.5") == "-12.5"
    assert spreadsheet_safe(-3) == -3
    assert spreadsheet_safe("Troops - and tanks") == "Troops - and tanks"
    assert spreadsheet_safe("-2+3") == "'-2+3"
    assert spreadsheet_safe("\t=1") == "'\t=1"
