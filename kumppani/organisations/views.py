"""Pages of the organisation registry: list, detail, edit, create, verify, export."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.core.access import declare, public, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import add_service_errors
from kumppani.core.htmx import render_fragment_or_page

from . import access, exports, selectors, services
from .forms import OrganisationFilterForm, OrganisationForm
from .models import Organisation, OrganisationStatus
from .signals import page_sections

PAGE_SIZE = 25


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()


@public
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    page = None
    if form.is_valid():
        organisations = selectors.organisations_matching(form.cleaned_data)
        page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": _query_without_page(request),
        "can_export": access.can_export(request.user),
        "can_create": access.can_create(request.user),
    }
    return render_fragment_or_page(
        request, "organisations/list.html", "organisations/_results.html", context
    )


def _languages_of(organisation: Organisation, field: str) -> tuple[str, list[tuple[str, str]]]:
    """The fallback language the reader sees the field in ("" when it is the page's own),
    and the field's texts in other languages."""
    current = translation.get_language() or "fi"
    order = [current] + [code for code in ("fi", "sv", "en") if code != current]
    texts = [(code, getattr(organisation, f"{field}_{code}") or "") for code in order]
    shown = next((code for code, text in texts if text), current)
    shown_text = dict(texts).get(shown, "")
    others = [(code, text) for code, text in texts if text and text != shown_text]
    # Mark the language only where it differs from the page's (WCAG 3.1.2).
    return ("" if shown == current else shown), others


@public
@require_GET
def organisation_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    organisation = access.organisation_for_user(request.user, public_id, for_edit=False)
    members, member_count = selectors.members_of(organisation)
    representatives = None
    if access.can_see_representatives(request.user, organisation):
        representatives = services.organisation_read_representatives(
            organisation=organisation, actor=Actor.from_request(request)
        )
    name_language, other_names = _languages_of(organisation, "name")
    description_language, _others = _languages_of(organisation, "description")
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "name_language": name_language,
            "other_names": other_names,
            "description_language": description_language,
            "municipalities": sorted(organisation.municipalities.all(), key=lambda m: m.name),
            "counties": selectors.counties_of(organisation),
            "members": members,
            "member_count": member_count,
            "more_members": member_count > len(members),
            "representatives": representatives,
            "sections": page_sections(organisation=organisation, user=request.user),
            "can_edit": access.can_edit(request.user, organisation),
            "can_verify": access.can_verify(request.user, organisation),
        },
    )


@declare(access.ORGANISATION_EDITOR)
@signed_in
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    organisation = access.organisation_for_user(request.user, public_id, for_edit=True)
    initial = OrganisationForm.initial_for(organisation)
    if request.method == "POST":
        form = OrganisationForm(request.POST, initial=initial)
        if form.is_valid():
            try:
                services.organisation_update(
                    organisation=organisation,
                    actor=Actor.from_request(request),
                    **form.service_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error, field_names=OrganisationForm.SERVICE_FIELD_NAMES)
            else:
                messages.success(request, _("The organisation's details were saved."))
                return redirect("organisations:detail", public_id=organisation.public_id)
    else:
        form = OrganisationForm(initial=initial)
    return render(
        request,
        "organisations/edit.html",
        {"form": form, "organisation": organisation, "statuses": OrganisationStatus},
    )


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    require(access.can_create(request.user))
    required = [] if request.user.is_staff else access.coordinator_counties(request.user)
    if request.method == "POST":
        form = OrganisationForm(request.POST, required_counties=required)
        if form.is_valid():
            try:
                organisation = services.organisation_create(
                    actor=Actor.from_request(request), **form.service_fields()
                )
            except ValidationError as error:
                add_service_errors(form, error, field_names=OrganisationForm.SERVICE_FIELD_NAMES)
            else:
                messages.success(request, _("The organisation was added to the registry."))
                return redirect("organisations:detail", public_id=organisation.public_id)
    else:
        form = OrganisationForm(initial={"is_non_profit": True}, required_counties=required)
    return render(request, "organisations/edit.html", {"form": form, "organisation": None})


@declare(access.ORGANISATION_VERIFIER)
@signed_in
@require_POST
def organisation_verify(request: HttpRequest, public_id: UUID) -> HttpResponse:
    organisation = access.organisation_for_verifier(request.user, public_id)
    services.organisation_verify(organisation=organisation, actor=Actor.from_request(request))
    messages.success(request, _("The organisation's details are now marked as verified."))
    return redirect("organisations:detail", public_id=organisation.public_id)


@declare(access.ORGANISATION_EDITOR)
@signed_in
@require_POST
def organisation_set_status(request: HttpRequest, public_id: UUID) -> HttpResponse:
    organisation = access.organisation_for_user(request.user, public_id, for_edit=True)
    status = request.POST.get("status", "")
    actor = Actor.from_request(request)
    if status not in OrganisationStatus.values:
        messages.error(request, _("Choose whether the organisation is active or dissolved."))
        return redirect("organisations:edit", public_id=organisation.public_id)
    try:
        if status == OrganisationStatus.DISSOLVED:
            services.organisation_dissolve(organisation=organisation, actor=actor)
            messages.success(request, _("The organisation is now marked as dissolved."))
        else:
            services.organisation_reactivate(organisation=organisation, actor=actor)
            messages.success(request, _("The organisation is now marked as active."))
    except ValidationError as error:
        for message in error.messages:
            messages.info(request, message)
    return redirect("organisations:detail", public_id=organisation.public_id)


@declare(access.COORDINATOR)
@signed_in
@require_GET
def organisation_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV or Excel, for coordinators."""
    require(access.can_export(request.user))
    file_format = request.GET.get("format", "csv")
    form = OrganisationFilterForm(request.GET)
    if file_format not in exports.FORMATS:
        form.is_valid()
        form.add_error(None, _("Choose CSV or Excel as the file format."))
    if not form.is_valid():
        context = {
            "form": form,
            "page": None,
            "query": _query_without_page(request),
            "can_export": True,
            "can_create": access.can_create(request.user),
        }
        return render(request, "organisations/list.html", context, status=400)
    organisations = selectors.organisations_matching(form.cleaned_data).iterator(chunk_size=2000)
    if file_format == "xlsx":
        content, count = exports.as_xlsx(organisations)
    else:
        content, count = exports.as_csv(organisations)
    services.organisations_export_record(
        file_format=file_format,
        filters={
            key: str(value) for key, value in request.GET.items() if key != "format" and value
        },
        rows=count,
        actor=Actor.from_request(request),
    )
    response = HttpResponse(content, content_type=exports.FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="organisations.{file_format}"'
    return response
