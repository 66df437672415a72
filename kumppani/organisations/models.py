"""The organisation registry: associations, parishes, municipalities, county units."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.languages import has_text
from kumppani.core.models import County, Municipality, Timestamped

from .validators import validate_business_id


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("association")
    FOUNDATION = "foundation", _("foundation")
    PARISH = "parish", _("parish")
    MUNICIPALITY = "municipality", _("municipality")
    COUNTY_UNIT = "county_unit", _("county unit")
    COMPANY = "company", _("company")
    OTHER = "other", _("other")


class VerificationCheck(models.TextChoices):
    """What a coordinator confirms before verifying an organisation; all are required."""

    BUSINESS_ID = "business_id", _("The business ID and name were checked in the trade register.")
    CONTACT = "contact", _("The contact details were tried and they work.")
    ACTIVITIES = "activities", _("The activities make sense for this organisation.")


# The state `organisation_verify` records in the history: verified with every check above.
VERIFIED = "verified"


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    DISSOLVED = "dissolved", _("dissolved")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def active(self) -> OrganisationQuerySet:
        return self.filter(status=OrganisationStatus.ACTIVE)

    def in_county(self, county: County | str) -> OrganisationQuerySet:
        """Organisations that operate in at least one municipality of the county."""
        code = county if isinstance(county, str) else county.code
        return self.filter(
            pk__in=Organisation.municipalities.through.objects.filter(
                municipality__county__code=code
            ).values("organisation_id")
        )

    def in_municipality(self, code: str) -> OrganisationQuerySet:
        return self.filter(
            pk__in=Organisation.municipalities.through.objects.filter(
                municipality__code=code
            ).values("organisation_id")
        )


class Organisation(Timestamped):
    """One profile per organisation, shared by every county it operates in."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.ASSOCIATION,
    )
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, e.g. 1234567-8."),
    )
    register_number = models.CharField(
        _("register number"),
        max_length=32,
        blank=True,
        help_text=_("Number in the Register of Associations."),
    )
    is_non_profit = models.BooleanField(_("non-profit"), default=True)
    umbrella = models.ForeignKey(
        "self",
        verbose_name=_("umbrella organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities of operation"),
        blank=True,
        related_name="organisations",
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.ACTIVE,
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # Set when a name, the business ID or the kind changes after verification: the badge
    # then says so, and its coordinators see it, until it is verified again.
    changed_since_verification_at = models.DateTimeField(
        _("key details changed since verification"), null=True, blank=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # The checks confirmed at the last verification (`VerificationCheck` values).
    verification_checks = models.JSONField(_("checks at verification"), default=list, blank=True)

    objects: ClassVar[OrganisationQuerySet] = OrganisationQuerySet.as_manager()  # type: ignore[assignment]

    # Labels of the states kept outside fields, for `core.workflow.history`.
    history_labels: ClassVar[dict[str, Any]] = {
        VERIFIED: _(
            "verified (business ID checked in the trade register, contact details work, "
            "activities make sense)"
        )
    }

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~models.Q(business_id=""),
                name="organisation_business_id_unique",
            )
        ]
        indexes = [models.Index(fields=["kind", "status"], name="organisation_kind_status")]

    def __str__(self) -> str:
        return str(self.name)

    def clean(self) -> None:
        super().clean()
        if not has_text(self, "name"):
            raise ValidationError(
                {"name_fi": _("Give the name of the organisation in at least one language.")}
            )
        self.check_umbrella()
        self._check_business_id_unique()

    def _check_business_id_unique(self) -> None:
        if not self.business_id:
            return
        others = Organisation.objects.filter(business_id=self.business_id).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                {
                    "business_id": _(
                        "Another organisation in the registry already has business ID "
                        "%(value)s. Search for it before adding a new one."
                    )
                    % {"value": self.business_id}
                }
            )

    def check_umbrella(self) -> None:
        """Refuse an umbrella that is the organisation itself or one of its own members."""
        seen = {self.pk} if self.pk else set()
        umbrella = self.umbrella
        while umbrella is not None:
            if umbrella.pk in seen:
                raise ValidationError(
                    {
                        "umbrella": _(
                            "An organisation cannot be its own umbrella organisation, "
                            "directly or through its members."
                        )
                    }
                )
            seen.add(umbrella.pk)
            umbrella = umbrella.umbrella

    @property
    def is_verified(self) -> bool:
        """Verified, and its names, business ID and kind unchanged since."""
        return self.verified_at is not None and self.changed_since_verification_at is None

    @property
    def changed_since_verification(self) -> bool:
        return self.verified_at is not None and self.changed_since_verification_at is not None

    @property
    def is_active(self) -> bool:
        return self.status == OrganisationStatus.ACTIVE

    def operates_in(self, county: County) -> bool:
        """Whether the organisation operates in a municipality of the county."""
        return self.municipalities.filter(county=county).exists()

    def counties(self) -> models.QuerySet[County]:
        return County.objects.filter(municipalities__organisations=self).distinct()


class ChangeRequestKind(models.TextChoices):
    AREA = "area", _("municipalities of operation")
    UMBRELLA = "umbrella", _("umbrella organisation")


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class ChangeRequest(models.Model):
    """A change a representative may not make alone: moving the organisation into or out of
    a county (its coordinators gain or lose it), or joining an umbrella organisation. It waits
    for a coordinator of a county concerned, or (joining) the umbrella's representatives."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    kind = models.CharField(_("change"), max_length=16, choices=ChangeRequestKind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.PENDING,
    )
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("new municipalities of operation"),
        blank=True,
        related_name="+",
    )
    umbrella = models.ForeignKey(
        Organisation,
        verbose_name=_("umbrella organisation to join"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The counties whose coordinators see the request: the organisation's before and after.
    counties: models.ManyToManyField[County, Any] = models.ManyToManyField(
        County, related_name="+", blank=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("change waiting for approval")
        verbose_name_plural = _("changes waiting for approval")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"],
                condition=models.Q(status="pending"),
                name="one_pending_change_request_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()}"
