"""Review: reviewers assigned to applications, each declaring first whether they are
disqualified (esteellisyys, Administrative Procedure Act 434/2003 §§ 27–28), then scoring
each criterion."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application
from .programme import Criterion

MAX_SCORE = 5


class Assignment(models.Model):
    """A reviewer's task: one application. The declaration comes before anything else."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="grant_assignments",
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    # None until the reviewer has declared; then whether they are disqualified.
    disqualified = models.BooleanField(_("disqualified"), null=True, blank=True)
    disqualification_reason = models.TextField(_("reason for disqualification"), blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="grants_review_assigned_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.application}"

    @property
    def may_score(self) -> bool:
        return self.disqualified is False


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(MAX_SCORE)])
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="grants_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
