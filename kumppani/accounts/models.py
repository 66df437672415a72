"""Users, their roles in counties and organisations, and invitations."""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar, Protocol

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import County, Municipality


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        """Email addresses are stored in lower case; whoever types one may not."""
        return self.get(email__iexact=(username or "").strip())

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fi"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("platform staff"),
        default=False,
        help_text=_("Platform staff may use the administration site."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(
            "People are deactivated or anonymised (accounts.services.user_anonymise), never "
            "deleted: the audit log refers to them."
        )

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class CountyRoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("NGO coordinator")
    REVIEWER = "reviewer", _("grant reviewer")
    PROFESSIONAL = "professional", _("social and health professional")
    UNIT_ORDERER = "unit_orderer", _("unit orderer")
    LIAISON = "liaison", _("NGO liaison person")


class CountyRole(models.Model):
    """A person's role in one county; a liaison person also names the municipality."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="county_roles")
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=CountyRoleKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="liaison_roles",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("county role")
        verbose_name_plural = _("county roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "county", "role", "municipality"], name="county_role_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "county", "role"],
                condition=models.Q(municipality__isnull=True),
                name="county_role_unique_without_municipality",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.county})"

    def clean(self) -> None:
        if self.role == CountyRoleKind.LIAISON and self.municipality_id is None:
            raise ValidationError(
                {"municipality": _("A liaison person must be named for a municipality.")}
            )
        if self.role != CountyRoleKind.LIAISON and self.municipality_id is not None:
            raise ValidationError(
                {"municipality": _("Only a liaison person is named for a municipality.")}
            )
        if self.municipality is not None and self.municipality.county_id != self.county_id:
            raise ValidationError(
                {"municipality": _("The municipality is not in this wellbeing services county.")}
            )


class OrganisationTitle(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice chair")
    SECRETARY = "secretary", _("secretary")
    TREASURER = "treasurer", _("treasurer")
    EXECUTIVE = "executive", _("executive director")
    CONTACT = "contact", _("contact person")
    MEMBER = "member", _("board member")


class RepresentedOrganisation(Protocol):
    """What accounts needs of an organisation (`organisations.models.Organisation`, an app
    above this one, which accounts does not import)."""

    pk: Any

    @property
    def is_active(self) -> bool: ...

    def operates_in(self, county: County) -> bool: ...

    def counties(self) -> models.QuerySet[County]: ...


class OrganisationRole(models.Model):
    """A person who acts for an organisation (a representative)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="organisation_roles")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    title = models.CharField(
        _("title"),
        max_length=20,
        choices=OrganisationTitle.choices,
        default=OrganisationTitle.CONTACT,
    )
    has_signing_right = models.BooleanField(
        _("signing right"),
        default=False,
        help_text=_(
            "The person may sign for the organisation (nimenkirjoitusoikeus), as the "
            "Register of Associations records."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="organisation_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_title_display()} ({self.organisation})"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("withdrawn")


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def with_status(self, status: str) -> InvitationQuerySet:
        """Filter by an `InvitationStatus` value; an unknown value filters nothing out."""
        now = timezone.now()
        if status == InvitationStatus.PENDING:
            return self.pending()
        if status == InvitationStatus.ACCEPTED:
            return self.filter(accepted_at__isnull=False)
        if status == InvitationStatus.REVOKED:
            return self.filter(revoked_at__isnull=False)
        if status == InvitationStatus.EXPIRED:
            return self.filter(
                accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now
            )
        return self


class Invitation(models.Model):
    """An emailed invitation to act for an organisation or in a county role.

    Only a hash of the token is stored; the token itself travels in the email link.
    """

    email = models.EmailField(_("email address"))
    county = models.ForeignKey(
        County,
        verbose_name=_("wellbeing services county"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    county_role = models.CharField(
        _("county role"), max_length=20, choices=CountyRoleKind.choices, blank=True
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    title = models.CharField(
        _("title"), max_length=20, choices=OrganisationTitle.choices, blank=True
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    language = models.CharField(
        _("language of the invitation"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="fi",
        help_text=_("The invitation email and the first pages are in this language."),
    )

    objects: ClassVar[InvitationQuerySet] = InvitationQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (models.Q(organisation__isnull=False) & models.Q(county_role=""))
                    | (models.Q(organisation__isnull=True) & ~models.Q(county_role=""))
                ),
                name="invitation_organisation_xor_county_role",
            )
        ]

    def __str__(self) -> str:
        return self.email

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> InvitationStatus:
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.revoked_at is not None:
            return InvitationStatus.REVOKED
        if self.is_expired:
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return str(self.status.label)
