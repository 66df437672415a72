"""What follows a review: the decision, its payments, the usage report (käyttöselvitys) and
any recovery of unused or misused money."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import Timestamped

from .application import Application, BudgetCategory, money


class Decision(Timestamped):
    """The authorised official's decision on one application (an amount of 0 is a refusal)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    amount = money(_("amount granted (€)"))
    conditions = models.TextField(_("conditions"), blank=True)
    decision_maker = models.CharField(_("decision maker"), max_length=200)
    decided_on = models.DateField(_("date of the decision"))
    section = models.CharField(_("section (§)"), max_length=40, blank=True)
    report_due = models.DateField(_("usage report due"))
    # Set when the decision took the programme past its appropriation: who confirmed it.
    over_appropriation_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("grant decision")
        verbose_name_plural = _("grant decisions")
        ordering = ["-decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.application} {self.amount}"


class PaymentStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    APPROVED = "approved", _("approved")
    SENT = "sent", _("sent to payment")
    PAID = "paid", _("paid")


class Payment(Timestamped):
    """One instalment of a granted amount."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="payments")
    amount = money(_("amount (€)"))
    due_on = models.DateField(_("to be paid on"))
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.SCHEDULED
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision.application} {self.amount} {self.due_on}"


class ReportStatus(models.TextChoices):
    DUE = "due", _("not yet sent")
    SUBMITTED = "submitted", _("sent, waiting for review")
    INFO_REQUESTED = "info_requested", _("more information asked for")
    ACCEPTED = "accepted", _("accepted")


class UsageReport(Timestamped):
    """The grantee's report on how the grant was used (one per decision)."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="usage_report")
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DUE
    )
    what_was_done = models.TextField(_("what was done"), blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    volunteers = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), null=True, blank=True)
    amount_used = money(_("amount used (€)"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The coordinator's last request for more information, and by when it is answered.
    info_request = models.TextField(_("more information asked for"), blank=True)
    info_due = models.DateField(_("more information due"), null=True, blank=True)
    # The reminders already sent ("30", "7" days before the due date, "late" after it).
    reminders_sent = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("usage report")
        verbose_name_plural = _("usage reports")

    def __str__(self) -> str:
        return str(self.decision)

    @property
    def unused(self) -> object:
        if self.amount_used is None:
            return None
        return max(self.decision.amount - self.amount_used, 0)


class Recovery(Timestamped):
    """Money the county claims back from a grant, tracked until it is repaid."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="recoveries")
    amount = money(_("amount to recover (€)"))
    reason = models.TextField(_("reason"))
    repaid_on = models.DateField(_("repaid"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery")
        verbose_name_plural = _("recoveries")
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"{self.decision} −{self.amount}"


class ReportLine(models.Model):
    """The money used in one cost category of the application's budget."""

    report = models.ForeignKey(UsageReport, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("cost category"), max_length=20, choices=BudgetCategory.choices)
    amount = money(_("amount used (€)"))

    class Meta:
        verbose_name = _("usage report line")
        verbose_name_plural = _("usage report lines")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "category"], name="grants_one_report_line_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.amount}"
