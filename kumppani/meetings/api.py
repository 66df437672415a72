"""The meetings API: open meetings, liaison persons, statements, consultations and the
statutory calendar for everyone; registrations for signed-in users."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["meetings"])


# The liaison roster: GET /api/v1/liaisons (its own router, mounted at /liaisons).
from django.http import HttpRequest  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from ninja import Schema  # noqa: E402
from ninja.errors import HttpError  # noqa: E402

from kumppani.core.access import public  # noqa: E402
from kumppani.core.api import error_responses  # noqa: E402
from kumppani.core.models import Municipality  # noqa: E402

from .models import LiaisonPerson  # noqa: E402

liaisons_router = Router(tags=["meetings"])


class LiaisonOut(Schema):
    """A liaison person: the role and municipality always; name, title, email and phone
    only when the person agreed to publish them (otherwise null)."""

    municipality: str
    role: str
    name: str | None
    title: str | None
    email: str | None
    phone: str | None
    paired_with: str | None

    @staticmethod
    def from_person(person: LiaisonPerson) -> LiaisonOut:
        shown = person.publish_consent
        pair = person.paired_with
        return LiaisonOut(
            municipality=person.municipality.code,
            role=person.role,
            name=person.name if shown else None,
            title=(person.title or None) if shown else None,
            email=(person.email or None) if shown else None,
            phone=(person.phone or None) if shown else None,
            paired_with=pair.name if pair and pair.publish_consent else None,
        )


@liaisons_router.get(
    "",
    response=list[LiaisonOut],
    summary="A municipality's NGO and health promotion liaison persons",
    openapi_extra=error_responses(400),
)
@public
def list_liaisons(request: HttpRequest, municipality: str) -> list[LiaisonOut]:
    """The active liaison persons of the municipality (its three-digit code); contact
    details only of those who agreed to publish them."""
    found = Municipality.objects.filter(code=municipality, county__isnull=False).first()
    if found is None:
        raise HttpError(400, _("There is no municipality with this code."))
    persons = (
        LiaisonPerson.objects.filter(municipality=found, is_active=True)
        .select_related("municipality", "paired_with")
        .order_by("role", "name", "id")
    )
    return [LiaisonOut.from_person(person) for person in persons]
