"""Checks every export's tests share: CSV with a BOM and ``;``, Excel with a frozen bold
header and typed cells, and text that a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

# What an attacker would type into a name or a label, and what each export must write.
FORMULA_PAYLOADS = {
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "+cmd": "'+cmd",
    "@SUM(A1)": "'@SUM(A1)",
    "-1+1": "'-1+1",
    "\tTabulaattori": "'\tTabulaattori",
    "\rRivinvaihto": "'\rRivinvaihto",
}


def csv_rows(response: Any) -> list[list[str]]:
    """The rows of a streamed CSV export, after checking its BOM and its ``;``."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = response.getvalue()
    assert content.startswith(b"\xef\xbb\xbf"), "a CSV export starts with a UTF-8 BOM"
    text = content.decode("utf-8")[1:]
    header = text.split("\r\n", 1)[0]
    assert ";" in header and "," not in header.replace(", ", ""), "cells are separated by ;"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def xlsx_sheet(response: Any) -> Worksheet:
    """The sheet of an Excel export, after checking its frozen, bold, filtered header."""
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert isinstance(sheet, Worksheet)
    assert sheet.freeze_panes == "A2", "the header row stays in place"
    assert all(cell.font.b for cell in sheet[1] if cell.value), "the header is bold"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + str(
        sheet.max_row
    )
    return sheet


def column_values(sheet: Worksheet, header: str) -> list[Any]:
    """The values under a header, below the header row."""
    headers = [cell.value for cell in sheet[1]]
    index = headers.index(header) + 1
    return [sheet.cell(row, index).value for row in range(2, sheet.max_row + 1)]


def export_columns(response: Any, file_format: str) -> dict[str, list[Any]]:
    """The columns of a CSV or an Excel export by their headers, after the checks of
    `csv_rows` or `xlsx_sheet`."""
    if file_format == "csv":
        rows = csv_rows(response)
        return {header: [row[i] for row in rows[1:]] for i, header in enumerate(rows[0])}
    sheet = xlsx_sheet(response)
    return {cell.value: column_values(sheet, cell.value) for cell in sheet[1]}


def assert_date_cells(sheet: Worksheet, header: str) -> None:
    """The column holds real dates (or date-times), not text."""
    headers = [cell.value for cell in sheet[1]]
    index = headers.index(header) + 1
    cells = [sheet.cell(row, index) for row in range(2, sheet.max_row + 1)]
    filled = [cell for cell in cells if cell.value is not None]
    assert filled, f"no values under {header}"
    for cell in filled:
        assert cell.is_date and isinstance(cell.value, datetime | date), cell.value


def _lines(text: str) -> str:
    # An XML reader turns a carriage return into a line feed, as Excel does.
    return text.replace("\r", "\n")


def assert_neutralised(values: list[Any]) -> None:
    """Each formula payload appears among the values, neutralised, and none raw."""
    texts = [_lines(value) for value in values if isinstance(value, str)]
    for payload, neutralised in ((_lines(p), _lines(n)) for p, n in FORMULA_PAYLOADS.items()):
        assert neutralised in texts, f"{payload!r} was not written as {neutralised!r}"
        assert payload not in texts, f"{payload!r} was written as it is"
