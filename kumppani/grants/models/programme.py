"""Programmes (a county's grant kind for one year, with its appropriation, criteria and
questions) and the calls that open them for applications."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core import deadlines
from kumppani.core.models import County, Timestamped


class GoalKind(models.TextChoices):
    STRATEGY = "strategy", _("county strategy")
    BUDGET = "budget", _("operational goal of the budget")
    WELLBEING_PLAN = "wellbeing_plan", _("regional wellbeing plan")


class CountyGoal(Timestamped):
    """One of the goals a county keeps (strategy, budget, wellbeing plan); a programme's
    criteria each serve one."""

    county = models.ForeignKey(
        County, verbose_name=_("wellbeing services county"), on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GoalKind.choices)
    title = models.CharField(_("goal"), max_length=300)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("county goal")
        verbose_name_plural = _("county goals")
        ordering = ["county", "kind", "id"]

    def __str__(self) -> str:
        return str(self.title)


class GrantKind(models.TextChoices):
    OPERATING = "operating", _("operating grant")
    PARTNERSHIP = "partnership", _("partnership grant")
    ONE_OFF = "one_off", _("one-off grant")
    PROJECT = "project", _("project grant")


class AttachmentKind(models.TextChoices):
    ACTION_PLAN = "action_plan", _("action plan")
    BUDGET = "budget", _("budget")
    FINANCIAL_STATEMENTS = "financial_statements", _("financial statements")
    ANNUAL_REPORT = "annual_report", _("annual report")
    AUDITOR_REPORT = "auditor_report", _("auditor's report")


class Programme(Timestamped):
    """A county's grants of one kind for one year: how much money, on what criteria, what an
    application must contain."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="grant_programmes",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2023)], help_text=_("The year the grants are for.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GrantKind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    appropriation = models.DecimalField(
        _("appropriation (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    # Eligibility rules, checked when an application is sent (see `eligibility`).
    requires_business_id = models.BooleanField(_("registered (has a business ID)"), default=True)
    requires_non_profit = models.BooleanField(_("non-profit"), default=True)
    requires_operating_in_county = models.BooleanField(_("operates in the county"), default=True)
    requires_previous_report = models.BooleanField(
        _("last year's usage report accepted"), default=True
    )
    required_attachments = models.JSONField(_("required attachments"), default=list, blank=True)

    class Meta:
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        ordering = ["-year", "county", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def clean(self) -> None:
        unknown = set(self.required_attachments or ()) - set(AttachmentKind.values)
        if unknown:
            raise ValidationError(
                {"required_attachments": _("Choose the attachments from the list.")}
            )


class Criterion(models.Model):
    """What reviewers score, with its weight, serving one of the county's goals."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    goal = models.ForeignKey(
        CountyGoal, verbose_name=_("goal"), on_delete=models.PROTECT, related_name="criteria"
    )
    title = models.CharField(_("criterion"), max_length=300)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["programme", "position", "id"]

    def __str__(self) -> str:
        return str(self.title)


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text")
    NUMBER = "number", _("number")
    CHOICE = "choice", _("choice")
    YES_NO = "yes_no", _("yes or no")


class Question(models.Model):
    """An extra question of the programme, asked in every application."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    # For a choice: one option a line.
    options = models.TextField(_("options"), blank=True, help_text=_("One option a line."))
    is_required = models.BooleanField(_("required"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["programme", "position", "id"]

    def __str__(self) -> str:
        return str(self.text)

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and not (self.options or "").strip():
            raise ValidationError({"options": _("Give the options, one a line.")})

    def option_list(self) -> list[str]:
        return [line.strip() for line in (self.options or "").splitlines() if line.strip()]


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Call(Timestamped):
    """The call that opens a programme: when applications (and advance notices) are taken.

    ``closes_on`` is the last day as published; by the law (150/1930 §5) an application is
    accepted until the end of ``deadline_day``, the next working day when it falls on a
    weekend or holiday.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("call text"), blank=True)
    opens_on = models.DateField(_("applications from"))
    closes_on = models.DateField(_("last day for applications"))
    notices_open_on = models.DateField(_("advance notices from"), null=True, blank=True)
    notices_close_on = models.DateField(_("advance notices until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-closes_on", "id"]
        indexes = [models.Index(fields=["status", "closes_on"], name="grants_call_open")]

    def __str__(self) -> str:
        return str(self.title)

    def clean(self) -> None:
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The last day cannot be before the first day.")
        if bool(self.notices_open_on) != bool(self.notices_close_on):
            errors["notices_close_on"] = _(
                "Give both days of the advance-notice window, or neither."
            )
        elif (
            self.notices_open_on
            and self.notices_close_on
            and self.notices_close_on < self.notices_open_on
        ):
            errors["notices_close_on"] = _("The last day cannot be before the first day.")
        if errors:
            raise ValidationError(errors)

    @property
    def deadline_day(self) -> date:
        """The last day applications are accepted on, by the law."""
        return deadlines.effective_deadline(self.closes_on)

    @property
    def deadline(self) -> datetime:
        """The moment applications stop being accepted (end of `deadline_day`, Helsinki)."""
        return deadlines.closes_at(self.closes_on)

    def accepts_applications(self, now: datetime) -> bool:
        return self.status == CallStatus.PUBLISHED and deadlines.is_open(
            now, self.closes_on, opens_on=self.opens_on
        )

    def accepts_notices(self, now: datetime) -> bool:
        if self.status != CallStatus.PUBLISHED or self.notices_close_on is None:
            return False
        return deadlines.is_open(now, self.notices_close_on, opens_on=self.notices_open_on)


class AppealInstructions(Timestamped):
    """How to ask a county to reconsider a grant decision (oikaisuvaatimusohje / anvisning
    för begäran om omprövning): the county's own text, printed on every decision."""

    county = models.OneToOneField(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.CASCADE,
        related_name="grant_appeal_instructions",
    )
    text = models.TextField(_("appeal instructions"))

    class Meta:
        verbose_name = _("appeal instructions")
        verbose_name_plural = _("appeal instructions")

    def __str__(self) -> str:
        return str(self.county)
