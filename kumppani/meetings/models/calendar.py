"""The statutory calendar (vuosikello): what a county must hold in a year, and by which
kind of meeting series it is met."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import County, Timestamped

from .series import SeriesKind


class Scope(models.TextChoices):
    """What one requirement is counted for."""

    COUNTY = "county", _("the county as a whole")
    MUNICIPALITY = "municipality", _("every municipality of the county")
    SERIES = "series", _("every series of the kind")


class Requirement(Timestamped):
    """One yearly requirement of a county: at least ``minimum`` (and at most ``maximum``)
    meetings of series of ``series_kind`` in the year, counted for the county, for each of
    its municipalities (by the series' organising municipality) or for each series of the
    kind. A requirement without a kind (such as NGOs' part in the wellbeing report) is met
    by its written ``evidence``."""

    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="meeting_requirements",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2023), MaxValueValidator(2100)]
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    series_kind = models.CharField(
        _("kind of meeting series"), max_length=30, choices=SeriesKind.choices, blank=True
    )
    scope = models.CharField(
        _("counted for"), max_length=20, choices=Scope.choices, default=Scope.COUNTY
    )
    minimum = models.PositiveSmallIntegerField(_("at least (a year)"), default=1)
    maximum = models.PositiveSmallIntegerField(_("at most (a year)"), null=True, blank=True)
    legal_basis = models.CharField(_("basis"), max_length=255, blank=True)
    # Written evidence where no meeting shows it (e.g. the wellbeing report's hearing).
    evidence = models.TextField(_("evidence"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("statutory requirement")
        verbose_name_plural = _("statutory requirements")
        ordering = ["county", "year", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year", "code"], name="meetings_requirement_code_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.maximum is not None and self.maximum < self.minimum:
            errors["maximum"] = _("The most can not be fewer than the least.")
        if self.scope != Scope.COUNTY and not self.series_kind:
            errors["series_kind"] = _(
                "A requirement for every municipality or series needs a kind of series."
            )
        if errors:
            raise ValidationError(errors)
