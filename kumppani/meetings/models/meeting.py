"""Meetings: one occurrence of a series (or a one-off), with its place, time, seats and the
questions a registration answers."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import County, Timestamped

from .series import Mode, Series


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", _("cancelled")
    HELD = "held", _("held")


class QuestionKind(models.TextChoices):
    """What a registration question asks for."""

    TEXT = "text", _("text")
    YES_NO = "yes_no", _("yes or no")


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_QUESTION_KEY = re.compile(r"^[a-z0-9_]{1,40}$")


class Meeting(Timestamped):
    """One meeting: an occurrence of its series (``occurrence_date`` then says which one, so
    it is made once) or a one-off without a series. Each is edited or cancelled on its own."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=255)
    agenda = models.TextField(_("agenda"), blank=True)
    mode = models.CharField(_("how to attend"), max_length=10, choices=Mode.choices)
    place = models.CharField(_("place"), max_length=255, blank=True)
    place_accessibility = models.TextField(_("accessibility of the place"), blank=True)
    # Shown only to those with a confirmed registration.
    online_link = models.URLField(_("online meeting link"), max_length=500, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes such as fi, sv, en.")
    )
    # Empty: no limit on seats.
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    enrolment_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.SCHEDULED,
    )
    is_public = models.BooleanField(_("public"), default=True)
    # The recurrence occurrence this meeting was made for (empty for a one-off).
    occurrence_date = models.DateField(_("occurrence"), null=True, blank=True, editable=False)
    # The organiser's registration questions: [{key, text_fi, text_sv, kind}].
    questions = models.JSONField(_("registration questions"), default=list, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "occurrence_date"], name="meetings_meeting_occurrence_once"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meetings_meeting_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["county", "starts_at"])]

    def __str__(self) -> str:
        return str(self.title)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        if (
            self.enrolment_opens_at
            and self.enrolment_closes_at
            and self.enrolment_closes_at <= self.enrolment_opens_at
        ):
            errors["enrolment_closes_at"] = _("Registration must close after it opens.")
        if not isinstance(self.languages, list) or not all(
            isinstance(code, str) and _LANGUAGE_CODE.match(code) for code in self.languages
        ):
            errors["languages"] = _("Give the languages as codes such as fi, sv and en.")
        if not _questions_valid(self.questions):
            errors["questions"] = _(
                "Each question needs a key of lowercase letters, a Finnish text and a kind."
            )
        series = self.series
        if series is not None and self.county_id and series.county_id != self.county_id:
            errors["county"] = _("The meeting must be in the county of its series.")
        if errors:
            raise ValidationError(errors)


def _questions_valid(questions: Any) -> bool:
    if not isinstance(questions, list):
        return False
    keys = set()
    for question in questions:
        if not isinstance(question, dict):
            return False
        key = question.get("key")
        if not isinstance(key, str) or not _QUESTION_KEY.match(key) or key in keys:
            return False
        keys.add(key)
        if not str(question.get("text_fi") or "").strip():
            return False
        if question.get("kind") not in QuestionKind.values:
            return False
    return True
