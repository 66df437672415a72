"""The grants exports' columns."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kumppani.core.exports import Column, ColumnType
from kumppani.core.languages import translated

from .models import AdvanceNotice, Decision

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

# A call's advance notices (the coordinator's budgeting view).
NOTICE_COLUMNS: list[Column[AdvanceNotice]] = [
    Column(_("Organisation"), lambda n: str(n.organisation.name), width=40),
    Column(_("Business ID"), lambda n: n.organisation.business_id, width=14),
    Column(_("Activity"), lambda n: n.activity, width=40),
    Column(_("Themes"), lambda n: ", ".join(n.theme_labels), width=40),
    Column(
        _("Municipalities"),
        lambda n: ", ".join(str(m.name) for m in n.municipalities.all()),
        width=30,
    ),
    Column(_("Estimated amount"), lambda n: n.estimated_amount, ColumnType.NUMBER, width=14),
    Column(_("Other funding"), lambda n: n.other_funding, width=40),
    Column(_("Saved"), lambda n: n.updated_at, ColumnType.DATETIME),
]
