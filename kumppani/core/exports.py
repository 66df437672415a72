"""Exports of lists as CSV or Excel: columns declared once, streamed, formula-safe, audited.

An app declares its columns once::

    COLUMNS = [
        Column(_("Name"), lambda organisation: organisation.name),
        Column(_("Verified"), lambda organisation: organisation.verified_at, ColumnType.DATE),
    ]

and a view answers with ``export_response(rows, columns=COLUMNS, file_format="csv", ...)``.

- CSV is UTF-8 with a byte-order mark and ``;`` between cells: what Excel set to Finnish or
  Swedish opens as columns, with ä and ö intact. Dates are written 2026-03-12 (Excel reads
  that as a date in every locale) and decimals with a comma.
- Excel (XLSX) has a bold header row that stays in place when scrolling, an autofilter,
  column widths by type, and real date and number cells.
- A text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) gets a leading ``'`` in both formats; numbers and dates
  are typed cells and are never text.
- CSV is streamed row by row; Excel is written in openpyxl's write-only mode to a temporary
  file, which is then sent. Neither holds the whole list in memory.
- Every export records one audit event: the action, the county, the filters, the format
  and the number of rows, before any row leaves the server.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from django.db import models
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .actor import Actor
from .audit import audit_record
from .models import County

T = TypeVar("T")

CSV = "csv"
XLSX = "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel's built-in formats 14 and 22 show a date (and time) in the reader's own locale
# (12.3.2026 in Finnish); openpyxl names them by their US pattern.
_DATE_FORMAT = "mm-dd-yy"
_DATETIME_FORMAT = "m/d/yy h:mm"
_EXCEL_CELL_LIMIT = 32_767
_ROWS_PER_CHUNK = 500


class ColumnType(StrEnum):
    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    NUMBER = "number"


_WIDTHS = {ColumnType.DATE: 12, ColumnType.DATETIME: 17, ColumnType.NUMBER: 12}


@dataclass(frozen=True)
class Column(Generic[T]):
    """A column: its header, the function giving a row's value, its type, and optionally
    its width in characters in Excel (by type and header otherwise)."""

    header: str | Promise
    value: Callable[[T], Any]
    type: ColumnType = ColumnType.TEXT
    width: int | None = None

    def excel_width(self) -> int:
        return self.width or max(_WIDTHS.get(self.type, 24), len(str(self.header)) + 4)


def neutralise(text: str) -> str:
    """The text with a leading ``'`` when a spreadsheet would otherwise run it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _local(value: datetime) -> datetime:
    """A datetime in the site's time zone, without the zone (spreadsheets have none)."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _typed(column: Column[T], value: Any) -> Any:
    """The value as the column's type (date, datetime, int, float or Decimal), or a
    neutralised text when it is not one; None for an empty cell."""
    if value is None or value == "":
        return None
    if column.type == ColumnType.DATE and isinstance(value, date):
        return _local(value).date() if isinstance(value, datetime) else value
    if column.type == ColumnType.DATETIME and isinstance(value, datetime):
        return _local(value)
    is_number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if column.type == ColumnType.NUMBER and is_number:
        return value
    return neutralise(str(value))


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")  # the decimal comma of fi and sv
    return str(value)


class _Lines:
    """A file-like object whose write returns the line, for csv.writer to stream."""

    def write(self, line: str) -> str:
        return line


def _csv_chunks(rows: Iterable[T], columns: Sequence[Column[T]], language: str) -> Iterator[str]:
    """The CSV text in chunks of rows, each written in the language of the export."""
    writer = csv.writer(_Lines(), delimiter=";")
    with translation.override(language):
        header = "\ufeff" + writer.writerow([neutralise(str(c.header)) for c in columns])
    yield header
    iterator = iter(rows)
    while True:
        with translation.override(language):
            chunk = [
                writer.writerow([_csv_text(_typed(c, c.value(row))) for c in columns])
                for row in _take(iterator, _ROWS_PER_CHUNK)
            ]
        if not chunk:
            return
        yield "".join(chunk)


def _take(iterator: Iterator[T], count: int) -> Iterator[T]:
    for _index, item in zip(range(count), iterator, strict=False):
        yield item


def _excel_cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    if isinstance(value, datetime):
        return _formatted(sheet, value, _DATETIME_FORMAT)
    if isinstance(value, date):
        return _formatted(sheet, value, _DATE_FORMAT)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:_EXCEL_CELL_LIMIT]
    return value


def _formatted(sheet: WriteOnlyWorksheet, value: date, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def write_xlsx(
    rows: Iterable[T], columns: Sequence[Column[T]], target: Any, *, title: str = ""
) -> int:
    """Write the rows as one Excel sheet to ``target`` (a path or a binary file) and return
    how many rows were written."""
    workbook = Workbook(write_only=True)
    # Sheet names are at most 31 characters, without []:*?/\.
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet1"
    sheet = workbook.create_sheet(name)
    # The view and the column widths go before the first row in a write-only sheet.
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.excel_width()
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=_excel_cell(sheet, neutralise(str(column.header))))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_excel_cell(sheet, _typed(c, c.value(row))) for c in columns])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    workbook.save(target)
    return count


def _iterate(rows: Iterable[T]) -> Iterable[T]:
    if isinstance(rows, models.QuerySet):
        # Django fetches in chunks, with prefetch_related lookups per chunk.
        return rows.iterator(chunk_size=2000)
    return rows


def _count(rows: Iterable[Any]) -> tuple[Iterable[Any], int]:
    if isinstance(rows, models.QuerySet):
        return rows, rows.count()
    if isinstance(rows, Sequence):
        return rows, len(rows)
    listed = list(rows)
    return listed, len(listed)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def export_response(
    rows: Iterable[T],
    *,
    columns: Sequence[Column[T]],
    file_format: str,
    filename: str,
    actor: Actor,
    action: str,
    county: County | None = None,
    filters: Mapping[str, Any] | None = None,
    details: Mapping[str, Any] | None = None,
    title: str = "",
) -> StreamingHttpResponse:
    """The rows as a CSV or Excel download named ``filename``.``file_format``, audited as
    ``action`` (a declared action) in ``county`` with the filters and the row count.

    ``rows`` may be a QuerySet (iterated in chunks; its count is taken when the export
    starts) or any iterable. Raises ValueError for a format other than csv and xlsx.
    """
    if file_format not in CONTENT_TYPES:
        raise ValueError(f"Unknown export format {file_format!r}.")
    language = translation.get_language() or "fi"
    audit_details = {
        **_jsonable(details or {}),
        "format": file_format,
        "filters": _jsonable(filters or {}),
    }
    attachment = f"{filename}.{file_format}"
    if file_format == CSV:
        rows, count = _count(rows)
        audit_record(
            actor=actor, action=action, county=county, details={**audit_details, "rows": count}
        )
        response = StreamingHttpResponse(
            _csv_chunks(_iterate(rows), columns, language), content_type=CONTENT_TYPES[CSV]
        )
        response["Content-Disposition"] = f'attachment; filename="{attachment}"'
        return response
    # Removed from the disk when closed, which FileResponse does once it is sent.
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    try:
        with translation.override(language):
            count = write_xlsx(_iterate(rows), columns, target, title=title or filename)
        audit_record(
            actor=actor, action=action, county=county, details={**audit_details, "rows": count}
        )
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=attachment, content_type=CONTENT_TYPES[XLSX]
    )
