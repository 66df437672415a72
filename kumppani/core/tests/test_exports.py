"""The export helper: CSV with ; and a BOM, Excel with a frozen bold header and typed
cells, formulas neutralised in every text cell, streamed, and one audit event per export."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from openpyxl import load_workbook

from kumppani.core.actor import Actor
from kumppani.core.exports import Column, ColumnType, export_response, neutralise, write_xlsx
from kumppani.core.models import AuditEvent, County
from kumppani.testing import exports

pytestmark = pytest.mark.django_db

ROWS = [
    {
        "name": payload,
        "day": date(2026, 3, 12),
        "at": datetime(2026, 3, 12, 12, 5, tzinfo=UTC),
        "count": -5,
        "share": Decimal("1.5"),
    }
    for payload in exports.FORMULA_PAYLOADS
]
ROWS.append({"name": "Seinäjoen Omaishoitajat ry", "day": None, "at": None, "count": 3,
             "share": 0.25})  # fmt: skip

COLUMNS: list[Column[dict]] = [
    Column("Name", lambda row: row["name"]),
    Column("Day", lambda row: row["day"], ColumnType.DATE),
    Column("At", lambda row: row["at"], ColumnType.DATETIME),
    Column("Count", lambda row: row["count"], ColumnType.NUMBER),
    Column("Share", lambda row: row["share"], ColumnType.NUMBER),
]


def _export(file_format: str, rows=ROWS, **kwargs) -> StreamingHttpResponse:
    arguments = {
        "columns": COLUMNS,
        "file_format": file_format,
        "filename": "test",
        "actor": Actor.system("test"),
        "action": "organisations.organisation.export",
        **kwargs,
    }
    return export_response(rows, **arguments)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd", "'+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-1+1", "'-1+1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Tavallinen teksti", "Tavallinen teksti"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(text, expected):
    assert neutralise(text) == expected


def test_csv_is_streamed_with_a_bom_semicolons_neutralised_text_and_typed_values():
    response = _export("csv")

    assert isinstance(response, StreamingHttpResponse) and response.streaming
    rows = exports.csv_rows(response)
    assert rows[0] == ["Name", "Day", "At", "Count", "Share"]
    exports.assert_neutralised([row[0] for row in rows[1:]])
    assert rows[1][1:] == ["2026-03-12", "2026-03-12 14:05:00", "-5", "1,5"]  # not neutralised
    assert rows[-1] == ["Seinäjoen Omaishoitajat ry", "", "", "3", "0,25"]


def test_xlsx_has_a_frozen_bold_filtered_header_real_dates_and_numbers():
    response = _export("xlsx")

    assert isinstance(response, FileResponse)
    sheet = exports.xlsx_sheet(response)
    assert [cell.value for cell in sheet[1]] == ["Name", "Day", "At", "Count", "Share"]
    exports.assert_neutralised(exports.column_values(sheet, "Name"))
    exports.assert_date_cells(sheet, "Day")
    exports.assert_date_cells(sheet, "At")
    assert sheet.cell(2, 2).value == datetime(2026, 3, 12)
    assert sheet.cell(2, 3).value == datetime(2026, 3, 12, 14, 5)  # Helsinki time
    assert exports.column_values(sheet, "Count")[0] == -5  # a number, not "'-5"
    assert exports.column_values(sheet, "Share")[-1] == 0.25
    assert sheet.column_dimensions["A"].width >= 24
    assert sheet.title == "test"


def test_each_export_records_one_audit_event_with_filters_and_row_count():
    county = County.objects.get(code="16")
    for file_format in ("csv", "xlsx"):
        _export(file_format, county=county, filters={"q": "kahvila"}, details={"extra": 1})

    events = list(AuditEvent.objects.filter(action="organisations.organisation.export"))
    assert len(events) == 2
    for event, file_format in zip(events[::-1], ("csv", "xlsx"), strict=True):
        assert event.county == county
        assert event.details == {
            "extra": 1,
            "format": file_format,
            "filters": {"q": "kahvila"},
            "rows": len(ROWS),
        }


def test_rows_of_a_generator_are_counted_and_written():
    response = _export("csv", rows=(row for row in ROWS))
    assert len(exports.csv_rows(response)) == len(ROWS) + 1
    assert AuditEvent.objects.get().details["rows"] == len(ROWS)


def test_an_unknown_format_is_refused_and_not_audited():
    with pytest.raises(ValueError, match="Unknown export format"):
        _export("pdf")
    assert not AuditEvent.objects.exists()


def test_headers_are_written_in_the_language_of_the_request():
    columns = [
        Column(translation.gettext_lazy("Password changed"), lambda row: row),
        Column(translation.gettext_lazy("Password reset"), lambda row: row),
    ]
    with translation.override("fi"):
        response = export_response(
            ["x"], columns=columns, file_format="csv", filename="t",
            actor=Actor.system("test"), action="organisations.organisation.export",
        )  # fmt: skip
    translation.activate("en")
    assert exports.csv_rows(response)[0] == ["Salasana vaihdettu", "Salasanan nollaus"]


def test_excel_drops_characters_a_sheet_cannot_hold():
    target = io.BytesIO()
    write_xlsx(["a\x00b\x0bc"], [Column("Name", lambda row: row)], target)
    sheet = load_workbook(io.BytesIO(target.getvalue())).active
    assert sheet is not None and sheet["A2"].value == "abc"
