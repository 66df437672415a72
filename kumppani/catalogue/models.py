"""Palvelutarjotin: NGO activities (services), where and when they happen, volunteer tasks.

The shapes follow Open Referral HSDS 3.0 (service, location, service_at_location, schedule,
taxonomy, taxonomy_term) with what Finnish counties need on top: areas by municipality,
county or nationwide, languages, cost, how to join, free places for referrals, structured
accessibility and freshness. Public ids are UUIDs and serve as the HSDS ids.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core.models import County, Municipality, Timestamped
from kumppani.organisations.models import Organisation

from .schedules import next_occurrences

# A representative confirms each service every 6 months; after 12 it is flagged as stale.
CONFIRM_EVERY = timedelta(days=183)
STALE_AFTER = timedelta(days=365)


class Taxonomy(models.Model):
    """A vocabulary: our activity types and themes, PTV target groups and service classes."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("URI"), blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.name)


class TaxonomyTerm(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    uri = models.URLField(_("URI"), blank=True)

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["taxonomy__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="taxonomy_term_code_unique")
        ]

    def __str__(self) -> str:
        return str(self.name)


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class TimeCommitment(models.TextChoices):
    """How often a volunteer task asks for the volunteer's time (the words beside it may
    tell more)."""

    ONCE = "once", _("a one-off task")
    OCCASIONALLY = "occasionally", _("now and then")
    MONTHLY = "monthly", _("about once a month")
    WEEKLY = "weekly", _("every week")
    FLEXIBLE = "flexible", _("when it suits you")


class HowToJoin(models.TextChoices):
    DROP_IN = "drop_in", _("drop in")
    SIGN_UP = "sign_up", _("sign up in advance")
    REFERRAL = "referral", _("by referral")


# What residents may see of a service or a volunteer task: published and not hidden by a
# coordinator. The querysets' visible() and the search's raw SQL (over the owner table aliased
# "o") both take the rule from here.
VISIBLE = {"status": PublicationStatus.PUBLISHED, "hidden_at__isnull": True}
VISIBLE_SQL = "o.status = %s AND o.hidden_at IS NULL"
VISIBLE_SQL_PARAMS: tuple[str, ...] = (PublicationStatus.PUBLISHED.value,)


class ServiceQuerySet(models.QuerySet["Service"]):
    def visible(self) -> ServiceQuerySet:
        """Published and not hidden by a coordinator: what residents may see."""
        return self.filter(**VISIBLE)

    def published(self) -> ServiceQuerySet:
        """The same as ``visible()`` (its older name)."""
        return self.visible()

    def in_municipality(self, code: str) -> ServiceQuerySet:
        """Offered in the municipality: named there, county-wide there, or nationwide."""
        return self.filter(
            models.Q(municipalities__code=code)
            | models.Q(counties__municipalities__code=code)
            | models.Q(is_nationwide=True)
        ).distinct()

    def in_county(self, code: str) -> ServiceQuerySet:
        return self.filter(
            models.Q(municipalities__county__code=code)
            | models.Q(counties__code=code)
            | models.Q(is_nationwide=True)
        ).distinct()

    def stale(self, now: datetime | None = None) -> ServiceQuerySet:
        """Not confirmed for more than STALE_AFTER."""
        return self.filter(last_verified_at__lt=(now or timezone.now()) - STALE_AFTER)

    def due_for_confirmation(self, now: datetime | None = None) -> ServiceQuerySet:
        return self.filter(last_verified_at__lt=(now or timezone.now()) - CONFIRM_EVERY)


class AccessibilityFeature(models.BooleanField):
    """One of the structured accessibility features of an activity (professionals filter on
    them). Declaring a field with this class is all it takes: forms, facets, the API and the
    HSDS export find the features with `accessibility_fields()`.

    Three answers: yes (True), no (False) and not reported (None, the default), which a page
    shows as such rather than as a "no"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", None)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


class ContactPerson(models.Model):
    """The contact person of an activity or a volunteer task: the role is public; the
    person's name, email and phone only with their consent recorded
    (contacts.public_contact, docs/decisions/0010)."""

    contact_title = models.CharField(_("contact person's role"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_consent_at = models.DateTimeField(
        _("consent to show the contact person recorded"), null=True, blank=True
    )
    contact_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def contact_consent(self) -> bool:
        """Whether the person has agreed that their name and details are shown publicly."""
        return self.contact_consent_at is not None


class Listed(ContactPerson, Timestamped):
    """What services and volunteer tasks share: a public id, publication, and hiding by a
    coordinator."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED and self.hidden_at is None


class Service(Listed):
    """An activity an organisation offers: a peer support group, a club, food aid…

    Name, summary and description exist in fi/sv/en, any subset: a page shows the reader's
    language and falls back to another, saying so.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    summary = models.CharField(_("short summary"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True)
    easy_read_summary = models.TextField(
        _("easy-to-read summary"),
        blank=True,
        help_text=_("A summary in easy-to-read language (selkokieli / lättläst)."),
    )
    terms = models.ManyToManyField(
        TaxonomyTerm,
        verbose_name=_("classification"),
        blank=True,
        related_name="services",
        help_text=_("Activity types, themes, target groups and service classes."),
    )
    municipalities: models.ManyToManyField[Municipality, Any] = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="services"
    )
    counties: models.ManyToManyField[County, Any] = models.ManyToManyField(
        County,
        verbose_name=_("whole wellbeing services counties"),
        blank=True,
        related_name="services",
    )
    is_nationwide = models.BooleanField(_("nationwide"), default=False)
    is_online = models.BooleanField(_("online"), default=False)
    is_free = models.BooleanField(_("free of charge"), default=True)
    fee_description = models.CharField(_("fee"), max_length=255, blank=True)
    how_to_join = models.CharField(
        _("how to join"), max_length=20, choices=HowToJoin.choices, default=HowToJoin.DROP_IN
    )
    free_places = models.PositiveIntegerField(_("free places for referrals"), null=True, blank=True)
    # Structured accessibility, as professionals filter on it.
    step_free_access = AccessibilityFeature(_("step-free access"))
    accessible_toilet = AccessibilityFeature(_("accessible toilet"))
    induction_loop = AccessibilityFeature(_("induction loop"))
    sign_language = AccessibilityFeature(_("sign language"))
    easy_to_read = AccessibilityFeature(_("easy-to-read language"))
    remote_participation = AccessibilityFeature(_("remote participation"))
    website = models.URLField(_("website"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    last_verified_at = models.DateTimeField(_("last confirmed"), default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects: ClassVar[ServiceQuerySet] = ServiceQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["status", "hidden_at"], name="service_visible"),
            models.Index(fields=["last_verified_at"], name="service_last_verified"),
        ]

    def __str__(self) -> str:
        return str(self.name) or str(self.public_id)

    @property
    def is_stale(self) -> bool:
        return self.last_verified_at < timezone.now() - STALE_AFTER

    @property
    def has_ended(self) -> bool:
        """Whether every date of the activity is past (one without dates goes on)."""
        schedules = list(self.schedules.all())
        now = timezone.now()
        return bool(schedules) and not any(s.occurrences(after=now, count=1) for s in schedules)


def accessibility_fields() -> tuple[AccessibilityFeature, ...]:
    """The activity's accessibility features, in the order the model declares them."""
    return tuple(f for f in Service._meta.fields if isinstance(f, AccessibilityFeature))


ACCESSIBILITY_FIELDS: tuple[str, ...] = tuple(f.name for f in accessibility_fields())


class ServiceLanguage(models.Model):
    """A language the activity is held in (ISO 639-1, e.g. fi, sv, en, ar)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=3)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="service_language_unique")
        ]
        indexes = [models.Index(fields=["code"], name="service_language_code")]

    def __str__(self) -> str:
        return self.code


class Location(models.Model):
    """A place where activities happen; several services may share one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("street address"), max_length=255, blank=True)
    # The Swedish street name of a bilingual municipality (Hovrättsesplanaden for
    # Hovioikeudenpuistikko); the address above stays as the organisation wrote it.
    address_sv = models.CharField(_("street address in Swedish"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("post office"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="locations"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return str(self.name) or self.address


class ServiceLocation(models.Model):
    """HSDS service_at_location: a service held at a location."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_locations")
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_locations"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("service location")
        verbose_name_plural = _("service locations")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_location_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Schedule(models.Model):
    """When an activity happens: an RRULE (RFC 5545) or a one-off date.

    Occurrences on Finnish public holidays are left out when `skip_public_holidays` is set.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, related_name="schedules"
    )
    starts_at = models.DateTimeField(_("first time starts"))
    ends_at = models.DateTimeField(_("first time ends"), null=True, blank=True)
    rrule = models.CharField(
        _("repeat rule"),
        max_length=255,
        blank=True,
        help_text=_("Empty for a one-off event; e.g. FREQ=WEEKLY;BYDAY=TU for every Tuesday."),
    )
    until = models.DateField(_("repeats until"), null=True, blank=True)
    skip_public_holidays = models.BooleanField(_("not on public holidays"), default=True)
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.service}: {self.rrule or self.starts_at.isoformat()}"

    def occurrences(self, after: datetime, count: int = 5) -> list[datetime]:
        """Return the next start times after `after`, holidays left out."""
        return next_occurrences(self, after=after, count=count)


class Occurrence(models.Model):
    """One time an activity happens within the next days (settings.CATALOGUE_OCCURRENCE_DAYS).

    Derived from the schedules (``occurrences.py`` keeps it up to date) so that the search can
    filter by date and weekday in SQL; public holidays are already left out.
    """

    # The (service, date) index and the unique (schedule, starts_at) serve the foreign keys.
    # No reverse accessors: Schedule.occurrences() computes the next times from the rule.
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+", db_index=False)
    schedule = models.ForeignKey(
        Schedule, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    date = models.DateField(_("date"))  # local (Europe/Helsinki) date of the start
    starts_at = models.DateTimeField(_("starts"))
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 0 = Monday

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        indexes = [
            models.Index(fields=["date"], name="catalogue_occurrence_date"),
            models.Index(fields=["service", "date"], name="catalogue_occurrence_svc_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "starts_at"], name="catalogue_occurrence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.starts_at.isoformat()}"


class VolunteerTaskQuerySet(models.QuerySet["VolunteerTask"]):
    def visible(self) -> VolunteerTaskQuerySet:
        """Published and not hidden by a coordinator: what residents may see."""
        return self.filter(**VISIBLE)


class VolunteerTask(Listed):
    """A volunteer task (vapaaehtoistehtävä) an organisation seeks people for."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="volunteer_tasks",
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer_tasks",
    )
    is_remote = models.BooleanField(_("remote"), default=False)
    frequency = models.CharField(
        _("how often"), max_length=20, choices=TimeCommitment.choices, blank=True
    )
    time_commitment = models.CharField(_("time commitment"), max_length=255, blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    skills = models.TextField(_("skills wanted"), blank=True)
    terms = models.ManyToManyField(
        TaxonomyTerm,
        verbose_name=_("classification"),
        blank=True,
        related_name="volunteer_tasks",
    )

    objects: ClassVar[VolunteerTaskQuerySet] = VolunteerTaskQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("volunteer task")
        verbose_name_plural = _("volunteer tasks")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return str(self.title) or str(self.public_id)

    @property
    def is_open(self) -> bool:
        return self.ends_on is None or self.ends_on >= date.today()
