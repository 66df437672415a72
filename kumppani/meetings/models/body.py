"""The influence body (vaikuttamistoimielin, NGO council): its terms, seats by category, the
members and their personal deputies with the appointment decisions, nominations, and who
attended its meetings."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import County, Timestamped
from kumppani.organisations.models import Organisation

from .meeting import Meeting
from .series import Series, SeriesKind


class SeatCategory(models.TextChoices):
    PARISH = "parish", _("parish")
    NGO = "ngo", _("NGO")
    OTHER = "other", _("other")


class Body(Timestamped):
    """An influence body of a county; its meetings are those of its series."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="influence_bodies",
    )
    name = models.CharField(_("name"), max_length=255)
    series = models.OneToOneField(
        Series,
        verbose_name=_("meeting series"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body",
        limit_choices_to={"kind": SeriesKind.INFLUENCE_BODY},
    )
    fee_per_meeting = models.DecimalField(
        _("meeting fee (euros)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("influence body")
        verbose_name_plural = _("influence bodies")
        ordering = ["county", "name", "id"]

    def __str__(self) -> str:
        return str(self.name)

    def clean(self) -> None:
        if self.series_id is not None and self.series is not None:
            if self.series.kind != SeriesKind.INFLUENCE_BODY:
                raise ValidationError({"series": _("Choose a series of an influence body.")})
            if self.series.county_id != self.county_id:
                raise ValidationError({"series": _("The series is not the county's.")})


class Term(models.Model):
    """A term of office, such as the council term 2025–2029."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="terms")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    decided_by = models.CharField(_("appointed by"), max_length=200, blank=True)
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    section = models.CharField(_("section"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["body", "-starts_on"]

    def __str__(self) -> str:
        return f"{self.starts_on.year}–{self.ends_on.year}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The term cannot end before it starts.")})


class Seat(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="seats")
    category = models.CharField(_("category"), max_length=10, choices=SeatCategory.choices)
    number = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["term", "number"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="meetings_seat_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.get_category_display()})"


class Membership(Timestamped):
    """Who holds a seat, with their personal deputy, from the appointment until they leave
    (``ends_on`` empty while they serve). A replacement ends one and starts another, so the
    history stays."""

    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_memberships",
    )
    member_name = models.CharField(_("member"), max_length=200)
    member_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deputy_name = models.CharField(_("personal deputy"), max_length=200, blank=True)
    deputy_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appointed_by = models.CharField(_("appointed by"), max_length=200)
    decided_on = models.DateField(_("date of the decision"))
    section = models.CharField(_("section"), max_length=40, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["seat", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seat"],
                condition=Q(ends_on__isnull=True),
                name="meetings_membership_one_current_per_seat",
            )
        ]

    def __str__(self) -> str:
        return str(self.member_name)


class Nomination(Timestamped):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="nominations")
    category = models.CharField(_("category"), max_length=10, choices=SeatCategory.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    person_name = models.CharField(_("person nominated"), max_length=200)
    nominated_by = models.CharField(_("nominated by"), max_length=200)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["term", "category", "id"]

    def __str__(self) -> str:
        return str(self.person_name)


class Attended(models.TextChoices):
    MEMBER = "member", _("member")
    DEPUTY = "deputy", _("deputy")


class Attendance(models.Model):
    """One seat's attendance at one meeting: the member or their deputy in the member's
    place (one row per seat holder and meeting)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="body_attendance")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="attendance")
    attended = models.CharField(_("attended"), max_length=10, choices=Attended.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="meetings_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.attended}"
