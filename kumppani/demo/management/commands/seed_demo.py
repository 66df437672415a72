"""Load the demo data (development only): people and organisations from `demo.people`, the
catalogue from `catalogue.demo_data`, the meetings and cooperation structures from
`meetings.demo`.

Idempotent: people are found by email and organisations by business ID, so a second run
creates nothing and changes nothing. Each part of the demo is one step; later issues add
theirs to `steps()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kumppani.accounts.models import OrganisationRole, User
from kumppani.accounts.services import county_role_grant, organisation_role_grant, user_create
from kumppani.catalogue.demo_data import seed_catalogue_demo
from kumppani.core.actor import Actor
from kumppani.core.models import County, Municipality
from kumppani.demo import people as demo_data
from kumppani.grants.demo_data import seed_grants_demo
from kumppani.meetings.demo import seed_meetings_demo
from kumppani.organisations.models import Organisation, VerificationCheck
from kumppani.organisations.services import (
    OrganisationFields,
    organisation_create,
    organisation_verify,
)

ACTOR = Actor.system("seed_demo")

# The organisation details a demo organisation gives as they are (not its umbrella or its
# municipalities, which it names by serial and code).
DETAILS = set(OrganisationFields.__annotations__) - {"umbrella", "municipalities"}


def seed_organisations() -> int:
    """Create the demo organisations (umbrellas first); verify the ones marked verified."""
    created = 0
    by_serial: dict[int, Organisation] = {}
    for item in sorted(demo_data.ORGANISATIONS, key=lambda o: o.umbrella is not None):
        existing = Organisation.objects.filter(business_id=item.business_id).first()
        if existing is not None:
            by_serial[item.serial] = existing
            continue
        organisation = organisation_create(
            actor=ACTOR,
            umbrella=by_serial[item.umbrella] if item.umbrella else None,
            municipalities=Municipality.objects.filter(code__in=item.municipalities),
            **{name: getattr(item, name) for name in DETAILS if hasattr(item, name)},
        )
        by_serial[item.serial] = organisation
        created += 1
        if item.verified:
            county = organisation.counties().order_by("code").first()
            verifier = User.objects.get(
                email=demo_data.VERIFIER_FOR_COUNTY[county.code if county else "16"]
            )
            organisation_verify(
                organisation=organisation,
                actor=Actor(user=verifier),
                checks=list(VerificationCheck),
            )
    return created


def seed_users() -> int:
    """Create one person per role, with their county or organisation roles."""
    created = 0
    for item in demo_data.USERS:
        user = User.objects.filter(email=item.email).first()
        if user is None:
            user = user_create(
                actor=ACTOR,
                email=item.email,
                password=item.password,
                full_name=item.full_name,
                language=item.language,
                is_staff=item.is_staff,
                is_superuser=item.is_staff,
            )
            created += 1
        if item.county_role:
            county_role_grant(
                actor=ACTOR,
                user=user,
                county=County.objects.get(code=item.county),
                role=item.county_role,
                municipality=(
                    Municipality.objects.get(code=item.municipality) if item.municipality else None
                ),
            )
    return created


def seed_representatives() -> int:
    created = 0
    for item in demo_data.USERS:
        if item.organisation is None:
            continue
        organisation = Organisation.objects.get(
            business_id=demo_data.demo_business_id(item.organisation)
        )
        user = User.objects.get(email=item.email)
        if OrganisationRole.objects.filter(user=user, organisation=organisation).exists():
            continue
        organisation_role_grant(
            actor=ACTOR,
            user=user,
            organisation=organisation,
            title=item.title,
            has_signing_right=item.signs,
        )
        created += 1
    return created


def seed_catalogue() -> int:
    organisations = Organisation.objects.filter(
        business_id__in=[item.business_id for item in demo_data.ORGANISATIONS]
    )
    return sum(seed_catalogue_demo(organisations).values())


def seed_grants() -> int:
    by_business_id = {item.business_id: item.serial for item in demo_data.ORGANISATIONS}
    organisations = Organisation.objects.filter(business_id__in=by_business_id)
    return seed_grants_demo({by_business_id[o.business_id]: o for o in organisations})


def seed_meetings() -> int:
    by_business_id = {item.business_id: item.serial for item in demo_data.ORGANISATIONS}
    organisations = Organisation.objects.filter(business_id__in=by_business_id)
    return seed_meetings_demo({by_business_id[o.business_id]: o for o in organisations})


def steps() -> list[tuple[str, Callable[[], int]]]:
    """The demo, in order: each step returns how many things it created."""
    return [
        ("people", seed_users),
        ("organisations", seed_organisations),
        ("representatives", seed_representatives),
        ("activities and volunteer tasks created or refreshed", seed_catalogue),
        ("grant programmes, calls and applications", seed_grants),
        (
            "meeting series, meetings, registrations, statutory requirements, memos, the NGO "
            "council, statements, consultations and liaison persons",
            seed_meetings,
        ),
    ]


class Command(BaseCommand):
    help = "Load demo data (development only): people in every role and ~40 organisations."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo refuses to run when DEBUG is off.")
        with transaction.atomic():
            for label, step in steps():
                count = step()
                self.stdout.write(f"{label}: {count} created")
        self.stdout.write("")
        self.stdout.write("Demo sign-ins:")
        rows = [("email", "password", "role")]
        rows += [(u.email, u.password, u.role_label) for u in demo_data.USERS]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            line = "  ".join(value.ljust(widths[i]) for i, value in enumerate(row))
            self.stdout.write(line.rstrip())
