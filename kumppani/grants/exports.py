"""The grants exports' columns."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from kumppani.core.exports import Column, ColumnType
from kumppani.core.languages import translated
from kumppani.core.selectors import municipality_name

from .banking import format_iban
from .models import AdvanceNotice, Application, Decision, Payment, UsageReport

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


def _reviewers(application: Application) -> str:
    return ", ".join(str(a.reviewer) for a in application.assignments.all())


def _municipalities(application: Application) -> str:
    return ", ".join(sorted(municipality_name(m) for m in application.municipalities.all()))


def application_columns(scores: Mapping[int, Decimal | None]) -> list[Column[Application]]:
    """A call's applications for the coordinator; ``scores`` are the weighted average
    scores by application id (`services.review.summary`)."""
    return [
        Column(_("Organisation"), lambda a: str(a.organisation.name), width=40),
        Column(_("Business ID"), lambda a: a.organisation.business_id, width=14),
        Column(_("Activity"), lambda a: a.activity, width=40),
        Column(_("Status"), lambda a: a.get_status_display(), width=20),
        Column(_("Applied for"), lambda a: a.requested_amount, ColumnType.NUMBER, width=14),
        Column(_("Sent"), lambda a: a.submitted_at, ColumnType.DATETIME),
        Column(_("Municipalities"), _municipalities, width=30),
        Column(_("Assigned reviewers"), _reviewers, width=30),
        Column(_("Average score"), lambda a: scores.get(a.pk), ColumnType.NUMBER, width=10),
        Column(
            _("Amount decided"),
            lambda a: a.decision.amount if hasattr(a, "decision") else None,
            ColumnType.NUMBER,
            width=14,
        ),
    ]


def _reference(decision: Decision) -> str:
    """What the finance system quotes with the payment: the decision's id and section."""
    return (
        f"{decision.public_id} / {decision.section}"
        if decision.section
        else str(decision.public_id)
    )


# The payment list for the finance system: approved payments with the payee's account.
PAYMENT_COLUMNS: list[Column[Payment]] = [
    Column(_("Payee"), lambda p: str(p.decision.application.organisation.name), width=40),
    Column(_("Business ID"), lambda p: p.decision.application.organisation.business_id, width=14),
    Column(_("IBAN"), lambda p: format_iban(p.decision.application.iban), width=26),
    Column(_("BIC"), lambda p: p.decision.application.bic, width=12),
    Column(_("Amount"), lambda p: p.amount, ColumnType.NUMBER, width=14),
    Column(_("To be paid on"), lambda p: p.due_on, ColumnType.DATE),
    Column(_("Reference"), lambda p: _reference(p.decision), width=50),
]

# The coordinator's list of usage reports.
REPORT_COLUMNS: list[Column[UsageReport]] = [
    Column(_("Organisation"), lambda r: str(r.decision.application.organisation.name), width=40),
    Column(_("Business ID"), lambda r: r.decision.application.organisation.business_id, width=14),
    Column(_("Purpose"), lambda r: r.decision.application.activity, width=40),
    Column(
        _("Year"), lambda r: r.decision.application.call.programme.year, ColumnType.NUMBER, width=8
    ),
    Column(_("Amount granted"), lambda r: r.decision.amount, ColumnType.NUMBER, width=14),
    Column(_("Amount used"), lambda r: r.amount_used, ColumnType.NUMBER, width=14),
    Column(_("Unused"), lambda r: r.unused, ColumnType.NUMBER, width=14),
    Column(_("Usage report due"), lambda r: r.decision.report_due, ColumnType.DATE),
    Column(_("Status"), lambda r: r.get_status_display(), width=24),
    Column(_("Sent"), lambda r: r.submitted_at, ColumnType.DATETIME),
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
