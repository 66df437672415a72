"""CSV and Excel exports of the organisation list."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Organisation
from .selectors import counties_of

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _name(organisation: Organisation, language: str) -> str:
    return str(getattr(organisation, f"name_{language}") or "")


def header() -> list[str]:
    return [
        _("Name in Finnish"),
        _("Name in Swedish"),
        _("Name in English"),
        _("Kind"),
        _("Business ID"),
        _("Register number"),
        _("Municipalities of operation"),
        _("Wellbeing services counties"),
        _("Email"),
        _("Phone"),
        _("Street address"),
        _("Postal code"),
        _("Post office"),
        _("Website"),
        _("Status"),
        _("Verified"),
    ]


def rows(organisations: Iterable[Organisation]) -> Iterable[list[str]]:
    """One row of public fields per organisation; municipalities must be prefetched."""
    for organisation in organisations:
        municipalities = sorted(organisation.municipalities.all(), key=lambda m: m.code)
        yield [
            _safe(str(value))
            for value in (
                _name(organisation, "fi"),
                _name(organisation, "sv"),
                _name(organisation, "en"),
                organisation.get_kind_display(),
                organisation.business_id,
                organisation.register_number,
                ", ".join(str(m.name) for m in municipalities),
                ", ".join(str(c.name) for c in counties_of(organisation)),
                organisation.email,
                organisation.phone,
                organisation.street_address,
                organisation.postal_code,
                organisation.post_office,
                organisation.website,
                organisation.get_status_display(),
                organisation.verified_at.date().isoformat() if organisation.verified_at else "",
            )
        ]


def as_csv(organisations: Iterable[Organisation]) -> tuple[bytes, int]:
    """The list as UTF-8 CSV with a byte-order mark, so Excel reads ä and ö right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    count = 0
    for row in rows(organisations):
        writer.writerow(row)
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count


def as_xlsx(organisations: Iterable[Organisation]) -> tuple[bytes, int]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Organisations")[:31])
    sheet.append(header())
    count = 0
    for row in rows(organisations):
        sheet.append(row)
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count
