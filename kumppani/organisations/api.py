"""Public API of the organisation registry: public fields only."""

from __future__ import annotations

from datetime import datetime
from typing import get_type_hints
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import create_model, field_validator

from kumppani.core.access import public
from kumppani.core.api import Pagination, error_responses
from kumppani.core.languages import content_languages
from kumppani.core.models import Municipality

from . import access, selectors
from .forms import OrganisationFilterForm
from .models import Organisation
from .services import OrganisationFields

router = Router(tags=["organisations"])


class MunicipalityOut(Schema):
    code: str
    name: str
    county_code: str | None

    @staticmethod
    def resolve_county_code(obj: object) -> str | None:
        county = getattr(obj, "county", None)
        return county.code if county else None


# The published fields are the ones the services let representatives set (one declaration,
# `OrganisationFields`), plus the registry's own; a translation not written is "".
_TRANSLATED = [
    name
    for name in OrganisationFields.__annotations__
    if name.rpartition("_")[2] in content_languages()
]
_PLAIN = [
    name
    for name in OrganisationFields.__annotations__
    if name not in {*_TRANSLATED, "umbrella", "municipalities"}
]


class _OrganisationOutBase(Schema):
    id: UUID
    name: str
    umbrella_id: UUID | None
    municipalities: list[MunicipalityOut]
    verified: bool

    @staticmethod
    def resolve_id(obj: Organisation) -> UUID:
        return obj.public_id

    @staticmethod
    def resolve_name(obj: Organisation) -> str:
        return str(obj.name or "")

    @staticmethod
    def resolve_umbrella_id(obj: Organisation) -> UUID | None:
        return obj.umbrella.public_id if obj.umbrella else None

    @staticmethod
    def resolve_municipalities(obj: Organisation) -> list[Municipality]:
        return sorted(obj.municipalities.all(), key=lambda m: m.code)

    @staticmethod
    def resolve_verified(obj: Organisation) -> bool:
        return obj.is_verified

    @field_validator(*_TRANSLATED, mode="before", check_fields=False)
    @classmethod
    def _unwritten_translation_is_empty(cls, value: str | None) -> str:
        return value or ""


_TYPES = get_type_hints(OrganisationFields)
OrganisationOut = create_model(
    "OrganisationOut",
    __base__=_OrganisationOutBase,
    **{name: (_TYPES[name], ...) for name in [*_TRANSLATED, *_PLAIN]},  # type: ignore[call-overload]
    verified_at=(datetime | None, ...),
)


@router.get(
    "",
    response=list[OrganisationOut],  # type: ignore[valid-type]
    summary="List organisations",
    openapi_extra=error_responses(400),
)
@paginate(Pagination)
@public
def list_organisations(
    request: HttpRequest,
    county: str = "",
    municipality: str = "",
    kind: str = "",
    status: str = "",
    verified: str = "",
    q: str = "",
    umbrella: str = "",
) -> object:
    """Organisations by name; filter by county (2-digit code), municipality (3-digit code),
    kind, status (active/dissolved), verified (yes/no), q (name contains) and umbrella (id).
    An unknown filter value is answered with 400 and a message naming it."""
    form = OrganisationFilterForm(
        {
            "county": county,
            "municipality": municipality,
            "kind": kind,
            "status": status,
            "verified": verified,
            "q": q,
            "umbrella": umbrella,
        }
    )
    if not form.is_valid():
        raise HttpError(400, " ".join(form.error_sentences()))
    return selectors.organisations_matching(form.cleaned_data).select_related("umbrella")


@router.get(
    "/{public_id}",
    response=OrganisationOut,
    summary="One organisation",
    openapi_extra=error_responses(400, 404),
)
@public
def get_organisation(request: HttpRequest, public_id: UUID) -> Organisation:
    try:
        return access.organisation_for_user(request.user, public_id, for_edit=False)
    except Http404:
        raise HttpError(404, _("No organisation has this id.")) from None
