"""Applications: the lead organisation's request for a grant, with partners, budget,
income, answers to the call's questions, and every submitted revision."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import Municipality, Timestamped
from kumppani.organisations.models import Organisation

from .programme import Call, Question


def money(label: Any, **options: Any) -> models.DecimalField[Decimal, Decimal]:
    """An amount of euros, never negative."""
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        **options,
    )


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    INFO_REQUESTED = "info_requested", _("more information asked for")
    IN_REVIEW = "in_review", _("in review")
    DECIDED = "decided", _("decided")
    WITHDRAWN = "withdrawn", _("withdrawn")


# States in which an application counts as the organisation's one application to a call.
LIVE_STATES = [s for s in ApplicationStatus.values if s != ApplicationStatus.WITHDRAWN]


class Application(Timestamped):
    """One organisation's application to one call (with partners for a joint application)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    language = models.CharField(
        _("language of the decision"),
        max_length=2,
        choices=[("fi", _("Finnish")), ("sv", _("Swedish"))],
        default="fi",
    )
    activity = models.CharField(_("activity"), max_length=255, blank=True)
    description = models.TextField(_("what will be done"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    goals_and_measures = models.TextField(_("goals and how they are measured"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="+"
    )
    requested_amount = money(_("amount applied for (€)"), null=True, blank=True)
    # Declarations, confirmed by a representative with signing right.
    declared_non_profit = models.BooleanField(_("the activity is non-profit"), default=False)
    declared_not_purchased = models.BooleanField(
        _("the county does not buy this activity as a purchased service"), default=False
    )
    declared_correct = models.BooleanField(_("the information given is correct"), default=False)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # A coordinator's decision that an application is eligible despite a failed check.
    eligibility_override = models.TextField(_("reason for accepting despite checks"), blank=True)
    # The account the grant is paid to, in compact form (validated with python-stdnum).
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the activity works on (`notices.Theme` values).
    themes = models.JSONField(_("themes"), default=list, blank=True)
    # The organisation's advance notice to the same call, which the application started from.
    notice = models.ForeignKey(
        "grants.AdvanceNotice",
        verbose_name=_("advance notice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-created_at", "id"]
        constraints = [
            # One live application per organisation and call, however often it is started.
            models.UniqueConstraint(
                fields=["call", "organisation"],
                condition=models.Q(status__in=LIVE_STATES),
                name="grants_one_application_per_call",
            )
        ]
        indexes = [models.Index(fields=["call", "status"], name="grants_application_status")]

    def __str__(self) -> str:
        return str(self.activity) or str(self.public_id)

    @property
    def is_editable_by_applicant(self) -> bool:
        return self.status in {ApplicationStatus.DRAFT, ApplicationStatus.INFO_REQUESTED}


class Partner(models.Model):
    """A partner organisation of a joint application; its representative confirms."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation"], name="grants_partner_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class BudgetCategory(models.TextChoices):
    PERSONNEL = "personnel", _("personnel")
    PREMISES = "premises", _("premises")
    ACTIVITIES = "activities", _("activities and materials")
    TRAVEL = "travel", _("travel")
    EQUIPMENT = "equipment", _("equipment")
    COMMUNICATIONS = "communications", _("communications")
    ADMINISTRATION = "administration", _("administration")
    OTHER = "other", _("other costs")


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("cost category"), max_length=20, choices=BudgetCategory.choices)
    description = models.CharField(_("what for"), max_length=255, blank=True)
    amount = money(_("amount (€)"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.amount}"


class IncomeSource(models.TextChoices):
    OWN = "own", _("own funding")
    STEA = "stea", _("STEA")
    ELY = "ely", _("ELY centre")
    ESR = "esr", _("ESR")
    MUNICIPALITY = "municipality", _("municipality")
    OTHER = "other", _("other")


class IncomeLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="income_lines"
    )
    source = models.CharField(_("source"), max_length=20, choices=IncomeSource.choices)
    amount = money(_("amount (€)"))
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("income line")
        verbose_name_plural = _("income lines")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


class Answer(models.Model):
    """The applicant's answer to one of the programme's extra questions."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="grants_answer_once")
        ]

    def __str__(self) -> str:
        return str(self.value)[:80]


class ApplicationRevision(models.Model):
    """What the application said when it was sent (and each time it was sent again after a
    request for more information): kept, so the differences can be shown."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    content = models.JSONField()
    # The moment it was sent (the send's own clock, which tests and the demo may set).
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="grants_revision_number_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} #{self.number}"
