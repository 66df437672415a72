"""Themes of the work a grant pays for, and advance notices (ennakkoilmoitus / förhandsanmälan):
an organisation tells before the application period what it means to apply for, so the
county can plan its budget."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import Municipality, Timestamped
from kumppani.organisations.models import Organisation

from .programme import Call


class Theme(models.TextChoices):
    """What the activity works on: the themes of NGOs' social and health work."""

    MENTAL_HEALTH = "mental_health", _("mental health")
    SUBSTANCE_USE = "substance_use", _("substance use and addictions")
    OLDER_PEOPLE = "older_people", _("older people")
    CHILDREN_FAMILIES = "children_families", _("children, young people and families")
    DISABILITY = "disability", _("disability")
    INCLUSION = "inclusion", _("loneliness and inclusion")
    HEALTH_PROMOTION = "health_promotion", _("health promotion and exercise")
    CRISIS_SAFETY = "crisis_safety", _("crisis work and safety")
    IMMIGRANTS = "immigrants", _("immigrants")
    OTHER = "other", _("other")


def theme_labels(themes: list[str]) -> list[str]:
    """The themes' names in the reader's language, in the list's order."""
    labels = dict(Theme.choices)
    return [str(labels[t]) for t in Theme.values if t in (themes or [])]


class AdvanceNotice(Timestamped):
    """One organisation's advance notice to one call, editable while the notice window is
    open; the application it later makes to the call starts from it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="notices"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="grant_notices",
    )
    activity = models.CharField(_("activity"), max_length=255)
    description = models.TextField(_("what will be done"), blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="+"
    )
    estimated_amount = models.DecimalField(
        _("estimated amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    other_funding = models.TextField(_("other funding"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("advance notice")
        verbose_name_plural = _("advance notices")
        ordering = ["call", "organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"], name="grants_one_notice_per_call"
            )
        ]

    def __str__(self) -> str:
        return str(self.activity)

    @property
    def theme_labels(self) -> list[str]:
        return theme_labels(self.themes)
