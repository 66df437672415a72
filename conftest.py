"""The shared cast of personas every app's tests use: one per role, in one place.

- alice: NGO coordinator of Etelä-Pohjanmaa (16)
- carol: NGO coordinator of Pohjanmaa (17), another county
- rita: grant reviewer in Etelä-Pohjanmaa (16)
- paula: social and health professional in Etelä-Pohjanmaa (16)
- otto: unit orderer (orders experts by experience) in Etelä-Pohjanmaa (16)
- lauri: NGO liaison person of Seinäjoki (743), Etelä-Pohjanmaa
- bob: representative (chair) of Seinäjoen Omaishoitajat ry (org_x, Seinäjoki 743), without
  signing right
- sanna: representative (chair) of Vasanejdens Närståendevårdare rf (org_y, Vaasa 905), with
  signing right
- stella: platform staff
- dave: signed in, no roles (an outsider); anonymous visitors are the test client unsigned
"""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from kumppani.accounts.models import CountyRoleKind, User
from kumppani.organisations.models import Organisation
from kumppani.testing.factories import (
    OrganisationFactory,
    UserFactory,
    county_role,
    representative,
)


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Start every test in the default language.

    The test client's requests activate their URL's language in this thread and leave it
    active, which would make `reverse()` in the next test depend on the one before.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Start every test with empty caches: Django's (throttles and cached look-ups) and the
    search engine's per-process ones (vocabulary statistics, analysed queries, match levels),
    which a rolled-back test would otherwise leave behind."""
    from kumppani.catalogue.search.backend import invalidate_stats

    cache.clear()
    invalidate_stats()
    yield
    cache.clear()
    invalidate_stats()


@pytest.fixture
def alice(db: None) -> User:
    user = UserFactory(email="alice@ep.example.fi", full_name="Alice Koordinaattori")
    county_role(user, "16", CountyRoleKind.COORDINATOR)
    return user


@pytest.fixture
def carol(db: None) -> User:
    user = UserFactory(email="carol@pohjanmaa.example.fi", full_name="Carol Samordnare")
    county_role(user, "17", CountyRoleKind.COORDINATOR)
    return user


@pytest.fixture
def dave(db: None) -> User:
    return UserFactory(email="dave@example.fi", full_name="Dave Ulkopuolinen")


@pytest.fixture
def org_x(db: None) -> Organisation:
    return OrganisationFactory(
        name="Seinäjoen Omaishoitajat ry",
        name_fi="Seinäjoen Omaishoitajat ry",
        business_id="0201256-6",
        municipalities=["743"],
    )


@pytest.fixture
def org_y(db: None) -> Organisation:
    """An association in Pohjanmaa (Vaasa, 905)."""
    return OrganisationFactory(
        name="Vasanejdens Närståendevårdare rf",
        name_fi="Vaasanseudun Omaishoitajat ry",
        name_sv="Vasanejdens Närståendevårdare rf",
        municipalities=["905"],
    )


@pytest.fixture
def rita(db: None) -> User:
    user = UserFactory(email="rita@ep.example.fi", full_name="Rita Arvioija")
    county_role(user, "16", CountyRoleKind.REVIEWER)
    return user


@pytest.fixture
def paula(db: None) -> User:
    user = UserFactory(email="paula@ep.example.fi", full_name="Paula Ammattilainen")
    county_role(user, "16", CountyRoleKind.PROFESSIONAL)
    return user


@pytest.fixture
def otto(db: None) -> User:
    user = UserFactory(email="otto@ep.example.fi", full_name="Otto Tilaaja")
    county_role(user, "16", CountyRoleKind.UNIT_ORDERER)
    return user


@pytest.fixture
def lauri(db: None) -> User:
    user = UserFactory(email="lauri@seinajoki.example.fi", full_name="Lauri Yhdyshenkilö")
    county_role(user, "16", CountyRoleKind.LIAISON, municipality_code="743")
    return user


@pytest.fixture
def stella(db: None) -> User:
    return UserFactory(
        email="stella@kumppani.example.fi",
        full_name="Stella Ylläpitäjä",
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def sanna(org_y: Organisation) -> User:
    user = UserFactory(email="sanna@narstaende.example.fi", full_name="Sanna Ordförande")
    role = representative(user, org_y)
    role.title = "chair"
    role.has_signing_right = True
    role.save()
    return user


@pytest.fixture
def bob(org_x: Organisation) -> User:
    user = UserFactory(email="bob@omaishoitajat.example.fi", full_name="Bob Puheenjohtaja")
    role = representative(user, org_x)
    role.title = "chair"
    role.save()
    return user
