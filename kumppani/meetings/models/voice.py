"""What organisations say to the county and what the county does with it: the influence
body's statements and initiatives and customer panels' feedback with the county's answers,
and consultations (lausuntopyyntö) with the organisations' responses."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core import deadlines
from kumppani.core.models import County, Timestamped
from kumppani.core.storage import private_storage
from kumppani.organisations.models import Organisation


class StatementKind(models.TextChoices):
    STATEMENT = "statement", _("statement")
    INITIATIVE = "initiative", _("initiative")
    FEEDBACK = "feedback", _("feedback")


class StatementStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    ANSWERED = "answered", _("answered")


class Statement(Timestamped):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=StatementKind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    given_on = models.DateField(_("date"))
    text = models.TextField(_("text"))
    given_by = models.CharField(
        _("from"), max_length=200, help_text=_("The body or the customer panel.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatementStatus.choices,
        default=StatementStatus.RECEIVED,
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return str(self.subject)


class StatementAnswer(Timestamped):
    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="answer")
    answered_by = models.CharField(_("answered by"), max_length=200)
    answered_on = models.DateField(_("answered on"))
    text = models.TextField(_("what was done"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return str(self.answered_by)


class ConsultationKind(models.TextChoices):
    STRATEGY = "strategy", _("strategy")
    WELLBEING_REPORT = "wellbeing_report", _("wellbeing report")
    WELLBEING_PLAN = "wellbeing_plan", _("wellbeing plan")
    GRANT_PRINCIPLES = "grant_principles", _("grant principles")
    OTHER = "other", _("other")


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Consultation(Timestamped):
    """A request for statements on a draft document, with questions and a last day (moved
    to the next working day by `core.deadlines`)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices)
    document_text = models.TextField(_("the draft"), blank=True)
    document_file = models.FileField(
        _("the draft as a file"),
        storage=private_storage,
        upload_to="consultations/",
        blank=True,
    )
    document_name = models.CharField(_("file name"), max_length=210, blank=True)
    document_type = models.CharField(_("file type"), max_length=100, blank=True)
    questions = models.JSONField(_("questions"), default=list, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("last day"))
    summary = models.TextField(_("summary"), blank=True)
    outcome = models.TextField(_("what was done with the answers"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def deadline_day(self) -> date:
        return deadlines.effective_deadline(self.closes_on)

    def accepts_answers(self, now: datetime) -> bool:
        return self.status == ConsultationStatus.OPEN and deadlines.is_open(
            now, self.closes_on, opens_on=self.opens_on
        )

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The last day cannot be before the first.")})
        if not isinstance(self.questions, list) or not all(
            isinstance(question, str) and question.strip() for question in self.questions
        ):
            raise ValidationError({"questions": _("Each question needs a text.")})


class ConsultationResponse(Timestamped):
    """One organisation's answer to a consultation, by a representative; editable until
    the deadline."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="responses"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="consultation_responses",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField(_("answers"), default=list)
    is_public = models.BooleanField(_("public"), default=True)
    file = models.FileField(
        _("attachment"),
        storage=private_storage,
        upload_to="consultation-responses/",
        blank=True,
        max_length=200,
    )
    file_name = models.CharField(_("file name"), max_length=210, blank=True)
    file_type = models.CharField(_("file type"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")
        ordering = ["consultation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "organisation"],
                name="meetings_consultation_response_once",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)
