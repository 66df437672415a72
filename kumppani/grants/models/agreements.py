"""Partnership agreements on Keski-Suomi's model: a county's agreement of several years with
an organisation, the support it gives besides money, and the yearly tranches, each
released only once the previous year's usage report is accepted."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import County, Timestamped
from kumppani.organisations.models import Organisation

from .application import money


class PartnershipAgreement(Timestamped):
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="partnership_agreements",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partnership_agreements",
    )
    title = models.CharField(_("title"), max_length=255)
    starts_year = models.PositiveSmallIntegerField(_("first year"))
    ends_year = models.PositiveSmallIntegerField(_("last year"))
    description = models.TextField(_("what the partnership is for"), blank=True)
    # What the county gives besides money.
    premises = models.TextField(_("premises"), blank=True)
    communications = models.TextField(_("communications"), blank=True)
    other_support = models.TextField(_("other support"), blank=True)

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        ordering = ["county", "organisation__name", "id"]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_year}–{self.ends_year}"

    def clean(self) -> None:
        if self.starts_year and self.ends_year and self.ends_year < self.starts_year:
            raise ValidationError({"ends_year": _("The last year cannot be before the first.")})


class TrancheStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RELEASED = "released", _("released")


class Tranche(models.Model):
    """One year's money of a partnership agreement."""

    agreement = models.ForeignKey(
        PartnershipAgreement, on_delete=models.CASCADE, related_name="tranches"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = money(_("amount (€)"))
    status = models.CharField(
        _("status"), max_length=20, choices=TrancheStatus.choices, default=TrancheStatus.PLANNED
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["agreement", "year"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="grants_tranche_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year}"
