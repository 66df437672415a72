"""Cooperation structures: a county's (or a municipality's) recurring meeting series, such as
a municipal partnership table, an NGO forum or a morning coffee."""

from __future__ import annotations

import uuid
from datetime import time

from dateutil.rrule import rrulestr  # type: ignore[import-untyped, unused-ignore]
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import County, Municipality, Timestamped
from kumppani.organisations.models import Organisation


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class SeriesKind(models.TextChoices):
    MUNICIPAL_TABLE = "municipal_table", _("municipal partnership table")
    SECTOR_TABLE = "sector_table", _("sector partnership table")
    NGO_FORUM = "ngo_forum", _("NGO forum")
    LIAISON_NETWORK = "liaison_network", _("network of liaison persons")
    SERVICE_AREA_NETWORK = "service_area_network", _("service area network")
    MORNING_COFFEE = "morning_coffee", _("morning coffee")
    WEBINAR = "webinar", _("webinar")
    SEMINAR = "seminar", _("seminar")
    FUTURE_WORKSHOP = "future_workshop", _("future workshop")
    INFLUENCE_BODY = "influence_body", _("influence body")
    CUSTOMER_PANEL = "customer_panel", _("customer panel")
    NEGOTIATION_S7 = "negotiation_s7", _("negotiation under section 7")
    OTHER = "other", _("other")


class Audience(models.TextChoices):
    OPEN = "open", _("open to all")
    INVITED = "invited", _("invited only")
    MEMBERS = "members", _("members only")


class Series(Timestamped):
    """A recurring cooperation structure: who organises it, for whom, and when it meets
    (an RFC 5545 recurrence rule from which `meetings_generate` makes its meetings)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="meeting_series",
    )
    # Empty when the county itself organises.
    organiser_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("organising municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_series",
    )
    co_hosts = models.ManyToManyField(
        Organisation, verbose_name=_("co-hosts"), blank=True, related_name="co_hosted_series"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=SeriesKind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    target_per_year = models.PositiveSmallIntegerField(
        _("meetings a year (target)"), null=True, blank=True
    )
    audience = models.CharField(
        _("who may take part"), max_length=10, choices=Audience.choices, default=Audience.OPEN
    )
    recurrence = models.CharField(
        _("recurrence rule"),
        max_length=255,
        blank=True,
        help_text=_("An RFC 5545 rule, such as FREQ=MONTHLY;BYDAY=1WE (the first Wednesday)."),
    )
    default_start_time = models.TimeField(_("usual start time"), default=time(14, 0))
    default_duration_minutes = models.PositiveSmallIntegerField(
        _("usual length (minutes)"), default=90, validators=[MinValueValidator(1)]
    )
    # What `meetings_generate` gives each new meeting; each meeting may then differ.
    default_mode = models.CharField(
        _("usual way to attend"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON
    )
    default_place = models.CharField(_("usual place"), max_length=255, blank=True)
    default_online_link = models.URLField(_("usual online link"), max_length=500, blank=True)
    default_capacity = models.PositiveIntegerField(_("usual seats"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["county", "title", "id"]

    def __str__(self) -> str:
        return str(self.title)

    def clean(self) -> None:
        municipality = self.organiser_municipality
        if municipality is not None and self.county_id and municipality.county_id != self.county_id:
            raise ValidationError(
                {"organiser_municipality": _("The municipality is not in the county.")}
            )
        if self.recurrence:
            try:
                rrulestr(self.recurrence)
            except (ValueError, TypeError):
                raise ValidationError(
                    {"recurrence": _("The recurrence rule is not valid.")}, code="recurrence"
                ) from None
            if "DTSTART" in self.recurrence.upper() or "COUNT" in self.recurrence.upper():
                raise ValidationError(
                    {"recurrence": _("Give the rule without DTSTART and COUNT.")},
                    code="recurrence",
                )
