"""What a user may act as: their county roles and the organisations they represent.

Every app asks this module, and only this module, "which counties does this user
coordinate", "does this user represent this organisation" and "is this user a coordinator
of a county this object belongs to". Only active users hold roles. The answer is read from
the database once per user object, which Django loads afresh for each request, so a page
that asks many questions makes two queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from kumppani.core.models import County

from .models import CountyRole, CountyRoleKind, OrganisationRole, User

AnyUser = User | AnonymousUser

_CACHE_ATTRIBUTE = "_kumppani_roles"


@dataclass(frozen=True)
class Roles:
    """The roles of one user, as sets of ids."""

    is_staff: bool = False
    # (county id, role) for every county role, and the liaison persons' municipalities.
    county_roles: frozenset[tuple[int, str]] = field(default_factory=frozenset)
    liaison_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    signing_organisation_ids: frozenset[int] = field(default_factory=frozenset)

    def county_ids(self, *roles: str) -> frozenset[int]:
        """Counties in which the user holds one of the roles (any role when none is named)."""
        return frozenset(
            county_id for county_id, role in self.county_roles if not roles or role in roles
        )

    @property
    def coordinator_county_ids(self) -> frozenset[int]:
        return self.county_ids(CountyRoleKind.COORDINATOR)

    @property
    def is_coordinator(self) -> bool:
        """A coordinator of some county."""
        return bool(self.coordinator_county_ids)

    @property
    def is_representative(self) -> bool:
        """Someone who acts for at least one organisation."""
        return bool(self.organisation_ids)

    def coordinates_any(self, county_ids: Iterable[int]) -> bool:
        """Whether the user coordinates one of these counties (an object's counties)."""
        return not self.coordinator_county_ids.isdisjoint(county_ids)

    def represents(self, organisation_id: int | None) -> bool:
        return organisation_id in self.organisation_ids

    def signs_for(self, organisation_id: int | None) -> bool:
        """Whether the user holds signing right (nimenkirjoitusoikeus) in the organisation."""
        return organisation_id in self.signing_organisation_ids


NO_ROLES = Roles()


def roles_of(user: AnyUser | None) -> Roles:
    """The user's roles, read once per user object (so once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ROLES
    cached: Roles | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    county_rows = list(
        CountyRole.objects.filter(user=user).values_list("county_id", "role", "municipality_id")
    )
    organisation_rows = list(
        OrganisationRole.objects.filter(user=user).values_list(
            "organisation_id", "has_signing_right"
        )
    )
    roles = Roles(
        is_staff=user.is_staff,
        county_roles=frozenset((county_id, role) for county_id, role, _ in county_rows),
        liaison_municipality_ids=frozenset(
            municipality_id
            for _, role, municipality_id in county_rows
            if role == CountyRoleKind.LIAISON and municipality_id is not None
        ),
        organisation_ids=frozenset(organisation_id for organisation_id, _ in organisation_rows),
        signing_organisation_ids=frozenset(
            organisation_id for organisation_id, signs in organisation_rows if signs
        ),
    )
    setattr(user, _CACHE_ATTRIBUTE, roles)
    return roles


def forget_roles(user: AnyUser) -> None:
    """Drop the cached roles, after a role of this user object was granted or removed."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def counties_where(user: AnyUser | None, *roles: str) -> QuerySet[County]:
    """Counties in which the user holds one of the roles, by code."""
    return County.objects.filter(pk__in=roles_of(user).county_ids(*roles)).order_by("code")


def coordinated_counties(user: AnyUser | None) -> QuerySet[County]:
    """Counties the user coordinates, by code."""
    return counties_where(user, CountyRoleKind.COORDINATOR)


def county_for_event(user: AnyUser | None, counties: QuerySet[County]) -> County | None:
    """The county an audit event belongs to, among ``counties`` (those its object concerns):
    the acting user's own coordinated county when one is among them, else the first by code."""
    own = roles_of(user).coordinator_county_ids
    ordered = counties.order_by("code")
    if own and (first := ordered.filter(pk__in=own).first()):
        return first
    return ordered.first()
