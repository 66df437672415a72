"""The liaison roster: each municipality's NGO liaison persons (järjestöyhdyshenkilö), each
paired with the municipality's health-promotion (hyte) liaison. Contact details are public
only with the person's consent; the county's coordinator confirms each roster yearly."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import Municipality


class LiaisonRole(models.TextChoices):
    NGO = "ngo_liaison", _("NGO liaison person")
    HYTE = "hyte_liaison", _("health promotion liaison person")


class LiaisonPerson(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="liaison_persons",
    )
    # The person's account, when they have one.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaison_entries",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=LiaisonRole.choices)
    # The NGO liaison's health-promotion pair.
    paired_with = models.ForeignKey(
        "self",
        verbose_name=_("health promotion pair"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="paired_ngo_liaisons",
    )
    publish_consent = models.BooleanField(_("agrees to publish contact details"), default=False)
    # The year for which the county's coordinator last confirmed the roster.
    confirmed_year = models.PositiveSmallIntegerField(_("confirmed for"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("liaison person")
        verbose_name_plural = _("liaison persons")
        ordering = ["municipality", "role", "name", "id"]
        indexes = [models.Index(fields=["municipality", "is_active", "role"])]

    def __str__(self) -> str:
        return str(self.name)

    def clean(self) -> None:
        pair = self.paired_with
        if pair is None:
            return
        if self.role != LiaisonRole.NGO:
            raise ValidationError({"paired_with": _("Only an NGO liaison person has a pair.")})
        if pair.role != LiaisonRole.HYTE or pair.municipality_id != self.municipality_id:
            raise ValidationError(
                {
                    "paired_with": _(
                        "Choose the pair among the municipality's health promotion liaisons."
                    )
                }
            )
