"""The application's further steps: partner organisations (and a partner's confirmation),
attachments (added, promised for later, removed, read), and filling it in from the
organisation's previous year's application."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts.roles import roles_of
from kumppani.core.access import declare, first_readable_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.downloads import file_download
from kumppani.core.forms import add_service_errors, service_told
from kumppani.core.submissions import new_token, submit_once, token_from
from kumppani.organisations.models import Organisation, OrganisationStatus
from kumppani.organisations.validators import validate_business_id

from .. import access
from ..forms import AttachmentForm, PartnerSearchForm
from ..models import Application, Attachment, AttachmentKind, Partner
from ..services import applications as application_services
from ..services import attachments as attachment_services
from ..services import partners as partner_services
from .applicants import _application
from .public import call_card

MATCHES = 10


def _editable(request: HttpRequest, public_id: UUID) -> Application:
    application = _application(request, public_id)
    require(access.can_edit(request.user, application))
    return application


def _matches(application: Application, query: str) -> list[Organisation]:
    """Registered organisations by exact business ID, or by a part of the name."""
    organisations = Organisation.objects.exclude(status=OrganisationStatus.DISSOLVED).exclude(
        pk=application.organisation_id
    )
    try:
        validate_business_id(query)
    except ValidationError:
        found = organisations.filter(Q(name__icontains=query) | Q(name_sv__icontains=query))
    else:
        found = organisations.filter(business_id=query)
    return list(found.order_by("name", "id")[:MATCHES])


@declare(access.APPLICANT)
@signed_in
@require_http_methods(["GET", "POST"])
def partners(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The partners of a joint application: find an organisation, add it, remove one."""
    application = _editable(request, public_id)
    search = PartnerSearchForm(request.GET if "q" in request.GET else None)
    matches = _matches(application, search.cleaned_data["q"]) if search.is_valid() else []
    if request.method == "POST":
        actor = Actor.from_request(request)
        try:
            if "remove" in request.POST:
                partner = get_object_or_404(
                    Partner, application=application, pk=request.POST.get("remove", "")
                )
                partner_services.partner_remove(partner=partner, actor=actor)
                messages.success(request, _("The partner was removed."))
            else:
                chosen = get_object_or_404(
                    Organisation, public_id=_uuid(request.POST.get("organisation", ""))
                )
                submit_once(
                    token=token_from(request),
                    user=request.user,
                    create=lambda: partner_services.partner_add(
                        application=application, organisation=chosen, actor=actor
                    ),
                    result_url=lambda _partner: reverse(
                        "grants:application_partners", args=[application.public_id]
                    ),
                )
                messages.success(
                    request,
                    _("%(partner)s was added. Its representative confirms the partnership.")
                    % {"partner": chosen.name},
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("grants:application_partners", public_id=application.public_id)
    return render(
        request,
        "grants/application_partners.html",
        {
            "application": application,
            "partners": list(application.partners.select_related("organisation")),
            "search": search,
            "matches": matches,
            "submission_token": new_token(),
            **call_card(application.call),
        },
    )


def _uuid(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404 from None


@declare(access.APPLICANT)
@signed_in
@require_POST
def partner_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner's representative confirms the partnership (from "my applications")."""
    partner = access.partner_requests(request.user).filter(pk=pk).first()
    if partner is None:
        # Confirmed already (a second click), or not the user's to confirm.
        done = Partner.objects.filter(pk=pk, confirmed_at__isnull=False).first()
        require(done is not None and roles_of(request.user).represents(done.organisation_id))
        return redirect("grants:my_applications")
    try:
        if partner_services.partner_confirm(partner=partner, actor=Actor.from_request(request)):
            messages.success(request, _("The partnership was confirmed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("grants:my_applications")


@declare(access.APPLICANT)
@signed_in
@require_http_methods(["GET", "POST"])
def attachments(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The application's attachments: add a file, say that a required one comes later."""
    application = _editable(request, public_id)
    form = AttachmentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            submit_once(
                token=token_from(request),
                user=request.user,
                create=lambda: attachment_services.attachment_add(
                    application=application,
                    kind=form.cleaned_data["kind"],
                    upload=form.cleaned_data["file"],
                    actor=Actor.from_request(request),
                ),
                result_url=lambda _attachment: reverse(
                    "grants:application_attachments", args=[application.public_id]
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The attachment was added."))
            return redirect("grants:application_attachments", public_id=application.public_id)
    required = application.call.programme.required_attachments or []
    given = list(application.attachments.all())
    labels = dict(AttachmentKind.choices)
    return render(
        request,
        "grants/application_attachments.html",
        {
            "application": application,
            "form": form,
            "files": [a for a in given if not a.delivered_later],
            "required": [
                {
                    "kind": kind,
                    "label": labels.get(kind, kind),
                    "given": any(a.kind == kind and not a.delivered_later for a in given),
                    "later": any(a.kind == kind and a.delivered_later for a in given),
                }
                for kind in required
            ],
            "submission_token": new_token(),
            **call_card(application.call),
        },
    )


@declare(access.APPLICANT)
@signed_in
@require_POST
def attachment_later(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _editable(request, public_id)
    try:
        attachment_services.attachment_later(
            application=application,
            kind=request.POST.get("kind", ""),
            later=request.POST.get("later") == "yes",
            actor=Actor.from_request(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("grants:application_attachments", public_id=application.public_id)


def _attachment(request: HttpRequest, public_id: UUID) -> Attachment:
    return first_readable_or_404(
        Attachment.objects.select_related("application__call__programme__county"),
        lambda attachment: access.may_read_attachments(request.user, attachment.application),
        public_id=public_id,
    )


@declare(access.APPLICANT)
@signed_in
@require_POST
def attachment_remove(request: HttpRequest, public_id: UUID) -> HttpResponse:
    attachment = _attachment(request, public_id)
    require(access.can_edit(request.user, attachment.application))
    service_told(
        request,
        attachment_services.attachment_remove,
        success=_("The attachment was removed."),
        attachment=attachment,
        actor=Actor.from_request(request),
    )
    return redirect("grants:application_attachments", public_id=attachment.application.public_id)


@declare(access.APPLICANT)
@signed_in
@require_GET
def attachment_download(request: HttpRequest, public_id: UUID) -> FileResponse:
    """The file, to those who may read the application's attachments; never shown in the
    browser as a page (a download, its type not guessed)."""
    attachment = _attachment(request, public_id)
    if not attachment.file:
        raise Http404
    return file_download(
        attachment_services.attachment_read(
            attachment=attachment, actor=Actor.from_request(request)
        ),
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@declare(access.APPLICANT)
@signed_in
@require_POST
def copy_previous(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Fill the draft in from the organisation's previous year's application."""
    application = _editable(request, public_id)
    service_told(
        request,
        application_services.application_copy_previous,
        success=_("The application was filled in from the earlier one. Check every part of it."),
        application=application,
        actor=Actor.from_request(request),
    )
    return redirect(reverse("grants:application_edit", args=[application.public_id]))
