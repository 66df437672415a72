"""Pages of the organisation registry: list, detail, edit, create, verify, export."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.core import lists, workflow
from kumppani.core.access import declare, public, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.concurrency import VERSION_FIELD, ChangedMeanwhile
from kumppani.core.forms import add_service_errors, service_done
from kumppani.core.languages import texts_by_language, translated, translated_ordering
from kumppani.core.submissions import create_from_form, token_from

from . import access, exports, selectors, services
from .change_requests import (
    change_request_approve,
    change_request_refuse,
    pending_requests_of,
    requests_for_decider,
)
from .forms import DissolveForm, OrganisationFilterForm, OrganisationForm, RefuseForm, VerifyForm
from .models import ChangeRequest, Organisation
from .signals import page_sections

SORTS = {
    "name": lists.Sort(gettext_lazy("Name"), lambda: (translated_ordering("name"), "id")),
    "newest": lists.Sort(gettext_lazy("Newest first"), ("-created_at", "-id")),
}
LIST_TEMPLATES = ("organisations/list.html", "organisations/_results.html")


def _listing(request: HttpRequest) -> lists.Listing[Organisation]:
    return lists.list_page(
        request,
        OrganisationFilterForm(request.GET),
        selectors.organisations_matching,
        sorts=SORTS,
    )


def _list_context(request: HttpRequest) -> dict[str, bool]:
    return {
        "can_export": access.can_export(request.user),
        "can_create": access.can_create(request.user),
    }


@public
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    return lists.render_list(request, _listing(request), *LIST_TEMPLATES, _list_context(request))


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
    name = translated(organisation, "name")
    other_names = [
        (code, text)
        for code, text in texts_by_language(organisation, "name").items()
        if text != name.text
    ]
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "name": name,
            "other_names": other_names,
            "description": translated(organisation, "description"),
            "municipalities": sorted(organisation.municipalities.all(), key=lambda m: m.name),
            "counties": selectors.counties_of(organisation),
            "members": members,
            "member_count": member_count,
            "more_members": member_count > len(members),
            "representatives": representatives,
            "sections": page_sections(organisation=organisation, user=request.user),
            "can_edit": access.can_edit(request.user, organisation),
            "can_verify": access.can_verify(request.user, organisation),
            "can_change_status": access.can_change_status(request.user, organisation),
            "history": workflow.history(organisation),
            "pending_requests": (
                pending_requests_of(organisation)
                if access.can_edit(request.user, organisation)
                else []
            ),
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
                    base_version=form.cleaned_data.get(VERSION_FIELD),
                    **form.service_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error, field_names=OrganisationForm.SERVICE_FIELD_NAMES)
                if isinstance(error, ChangedMeanwhile):
                    form.renew_version(organisation)
            else:
                messages.success(request, _("The organisation's details were saved."))
                if pending_requests_of(organisation):
                    messages.info(
                        request,
                        _(
                            "A change of the wellbeing services counties it works in, or "
                            "joining an umbrella organisation, waits for approval; the rest "
                            "is saved."
                        ),
                    )
                return redirect("organisations:detail", public_id=organisation.public_id)
    else:
        form = OrganisationForm(initial=initial)
    return render(
        request,
        "organisations/edit.html",
        {"form": form, "organisation": organisation},
    )


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    require(access.can_create(request.user))
    required = [] if request.user.is_staff else access.coordinator_counties(request.user)
    token = token_from(request)
    if request.method == "POST":
        form = OrganisationForm(request.POST, required_counties=required)
        if form.is_valid():
            sent = create_from_form(
                request,
                form,
                token=token,
                create=lambda: services.organisation_create(
                    actor=Actor.from_request(request), **form.service_fields()
                ),
                result_url=lambda organisation: reverse(
                    "organisations:detail", args=[organisation.public_id]
                ),
                success=_("The organisation was added to the registry."),
                field_names=OrganisationForm.SERVICE_FIELD_NAMES,
            )
            if sent:
                return sent
    else:
        form = OrganisationForm(initial={"is_non_profit": True}, required_counties=required)
    return render(
        request,
        "organisations/edit.html",
        {"form": form, "organisation": None, "submission_token": token},
    )


@declare(access.ORGANISATION_VERIFIER)
@signed_in
@require_http_methods(["GET", "POST"])
def organisation_verify(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Verify the organisation after a checklist page: every item must be confirmed."""
    organisation = access.organisation_for_verifier(request.user, public_id)
    token = token_from(request)
    form = VerifyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sent = create_from_form(
            request,
            form,
            token=token,
            create=lambda: services.organisation_verify(
                organisation=organisation,
                actor=Actor.from_request(request),
                checks=form.cleaned_data["checks"],
                note=form.cleaned_data["note"],
            ),
            result_url=lambda verified: reverse("organisations:detail", args=[verified.public_id]),
            success=_("The organisation's details are now marked as verified."),
        )
        if sent:
            return sent
    return render(
        request,
        "organisations/verify.html",
        {
            "form": form,
            "organisation": organisation,
            "name": translated(organisation, "name"),
            "municipalities": sorted(organisation.municipalities.all(), key=lambda m: m.name),
            "sections": page_sections(organisation=organisation, user=request.user),
            "submission_token": token,
        },
    )


@declare(access.ORGANISATION_SIGNATORY)
@signed_in
@require_http_methods(["GET", "POST"])
def organisation_dissolve(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Mark the organisation dissolved, after a page that says what follows and asks why."""
    organisation = access.organisation_for_signatory(request.user, public_id)
    form = DissolveForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and form.is_valid()
        and service_done(
            form,
            services.organisation_dissolve,
            organisation=organisation,
            actor=Actor.from_request(request),
            reason=form.cleaned_data["reason"],
        )
    ):
        messages.success(
            request,
            _(
                "The organisation is now marked as dissolved, and its activities and "
                "volunteer tasks are no longer shown to the public."
            ),
        )
        return redirect("organisations:detail", public_id=organisation.public_id)
    return render(
        request, "organisations/dissolve.html", {"form": form, "organisation": organisation}
    )


@declare(access.ORGANISATION_SIGNATORY)
@signed_in
@require_POST
def organisation_reactivate(request: HttpRequest, public_id: UUID) -> HttpResponse:
    organisation = access.organisation_for_signatory(request.user, public_id)
    try:
        services.organisation_reactivate(
            organisation=organisation, actor=Actor.from_request(request)
        )
    except ValidationError as error:
        for message in error.messages:
            messages.info(request, message)
    else:
        messages.success(request, _("The organisation is now marked as active."))
    return redirect("organisations:detail", public_id=organisation.public_id)


@declare(access.COORDINATOR)
@signed_in
@require_GET
def organisation_export(request: HttpRequest) -> HttpResponseBase:
    """The filtered list as CSV or Excel, for coordinators."""
    require(access.can_export(request.user))
    listing = _listing(request)
    return lists.export_list(
        request,
        listing,
        LIST_TEMPLATES,
        context=_list_context(request),
        columns=exports.COLUMNS,
        filename="organisations",
        title=_("Organisations"),
        action="organisations.organisation.export",
        county=exports.export_county(
            request.user,
            listing.form.cleaned_data.get("county") if listing.rows is not None else None,
        ),
    )


@declare(access.CHANGE_DECIDER)
@signed_in
@require_GET
def change_requests(request: HttpRequest) -> HttpResponse:
    """The changes waiting for the user's approval."""
    pending = list(requests_for_decider(request.user))
    require(bool(pending) or access.is_any_coordinator(request.user))
    return render(
        request,
        "organisations/change_requests.html",
        {"requests": pending, "form": RefuseForm()},
    )


@declare(access.CHANGE_DECIDER)
@signed_in
@require_POST
def change_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(ChangeRequest, pk=pk)
    actor = Actor.from_request(request)
    try:
        if request.POST.get("decision") == "approve":
            change_request_approve(request=change, actor=actor)
            messages.success(request, _("The change is approved and made."))
        else:
            form = RefuseForm(request.POST)
            if not form.is_valid():
                raise ValidationError(list(form.errors["reason"]))
            change_request_refuse(request=change, actor=actor, reason=form.cleaned_data["reason"])
            messages.success(request, _("The change is refused; the organisation was not changed."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("organisations:change_requests")
