"""Requests for more information (täydennyspyyntö): a coordinator asks the applicant to
complete a sent application by a date; the applicant edits it and sends it again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application


class InfoRequest(models.Model):
    """What the coordinator asked for, and by when; answered when the application is sent
    again."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="info_requests"
    )
    message = models.TextField(_("what is asked for"))
    respond_by = models.DateField(_("to be answered by"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for more information")
        verbose_name_plural = _("requests for more information")
        ordering = ["application", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.message[:60]}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
