"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from kumppani.accounts.models import CountyRole, CountyRoleKind, OrganisationRole, User
from kumppani.core.models import County, Municipality
from kumppani.organisations.models import Organisation, OrganisationKind


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
