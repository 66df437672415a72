"""The grants exports' columns."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kumppani.core.exports import Column, ColumnType
from kumppani.core.languages import translated

from .models import Decision

# The public register of decisions (open data).
DECISION_COLUMNS: list[Column[Decision]] = [
    Column(_("Organisation"), lambda d: str(d.application.organisation.name), width=40),
    Column(_("Business ID"), lambda d: d.application.organisation.business_id, width=14),
    Column(
        _("Wellbeing services county"),
        lambda d: str(d.application.call.programme.county.name),
        width=30,
    ),
    Column(_("Call"), lambda d: translated(d.application.call, "title").text, width=40),
    Column(_("Kind"), lambda d: d.application.call.programme.get_kind_display(), width=20),
    Column(_("Year"), lambda d: d.application.call.programme.year, ColumnType.NUMBER, width=8),
    Column(_("Purpose"), lambda d: d.application.activity, width=40),
    Column(_("Amount granted"), lambda d: d.amount, ColumnType.NUMBER, width=14),
    Column(_("Date of the decision"), lambda d: d.decided_on, ColumnType.DATE),
]
