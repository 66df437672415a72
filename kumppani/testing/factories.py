"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from kumppani.accounts.models import CountyRole, CountyRoleKind, OrganisationRole, User
from kumppani.core.actor import Actor
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation, OrganisationKind, VerificationCheck
from kumppani.organisations.services import organisation_verify


def county(code: str) -> County:
    return County.objects.get(code=code)


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.fi")
    full_name = factory.Faker("name", locale="fi_FI")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Yhdistys {n} ry")
    name_fi = factory.SelfAttribute("name")
    name_sv = factory.Sequence(lambda n: f"Förening {n} rf")
    description = "Paikallinen yhdistys."
    kind = OrganisationKind.ASSOCIATION

    @factory.post_generation
    def municipalities(obj: Organisation, create: bool, extracted: Any, **kwargs: Any) -> None:
        codes = extracted if extracted is not None else ["743"]  # Seinäjoki
        if create:
            obj.municipalities.set(Municipality.objects.filter(code__in=codes))


def county_role(user: User, county_code: str, role: str, municipality_code: str = "") -> CountyRole:
    return CountyRole.objects.create(
        user=user,
        county=county(county_code),
        role=role,
        municipality=municipality(municipality_code) if municipality_code else None,
    )


def representative(user: User, organisation: Organisation) -> OrganisationRole:
    return OrganisationRole.objects.create(user=user, organisation=organisation)


__all__ = [
    "CountyRoleKind",
    "OrganisationFactory",
    "UserFactory",
    "county",
    "county_role",
    "municipality",
    "representative",
]


# What the verification page sends with every item of the checklist confirmed.
VERIFY_FORM = {"checks": [check.value for check in VerificationCheck]}


def with_contact(organisation: Organisation) -> Organisation:
    """The organisation with an email address, which verification needs."""
    if not organisation.email:
        organisation.email = "info@example.org"
        organisation.save(update_fields=["email"])
    return organisation


def verify(organisation: Organisation, user: User) -> Organisation:
    """Verify the organisation as the user would with the checklist complete."""
    return organisation_verify(
        organisation=with_contact(organisation),
        actor=Actor(user=user),
        checks=list(VerificationCheck),
    )
