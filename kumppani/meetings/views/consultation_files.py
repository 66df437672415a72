"""The files of consultations: the draft document the county attaches (public once the
consultation is published) and the file a representative attaches to an answer (public
with a public answer, otherwise only for the organisation and the county's coordinators).
Files are read through these views only, always as downloads."""

from __future__ import annotations

from uuid import UUID

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.core.access import declare, first_readable_or_404, public, signed_in
from kumppani.core.actor import Actor
from kumppani.core.downloads import file_download
from kumppani.core.forms import change_page

from .. import access
from ..body_forms import DocumentForm
from ..models import Consultation, ConsultationResponse
from ..services import voice as services


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def consultation_document(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The coordinator attaches the draft as a file (or puts a new one in its place)."""
    consultation = get_object_or_404(
        access.coordinated_consultations(request.user), public_id=public_id
    )
    form = DocumentForm(request.POST or None, request.FILES or None)
    return change_page(
        request,
        form,
        "meetings/consultation_document.html",
        {"consultation": consultation},
        change=lambda: services.consultation_document_set(
            actor=Actor.from_request(request),
            consultation=consultation,
            upload=form.cleaned_data["file"],
        ),
        then="meetings:consultation_manage",
        success=_("The draft was attached."),
    )


@public
@require_GET
def consultation_document_file(request: HttpRequest, public_id: UUID) -> FileResponse:
    consultation = first_readable_or_404(
        Consultation.objects.select_related("county"),
        lambda consultation: (
            bool(consultation.document_file)
            and access.may_read_consultation_document(request.user, consultation)
        ),
        public_id=public_id,
    )
    return file_download(
        services.consultation_document_read(
            actor=Actor.from_request(request), consultation=consultation
        ),
        filename=consultation.document_name,
        content_type=consultation.document_type or None,
    )


@public
@require_GET
def response_file(request: HttpRequest, pk: int) -> FileResponse:
    response = first_readable_or_404(
        ConsultationResponse.objects.select_related("consultation__county"),
        lambda response: (
            bool(response.file) and access.may_read_response_file(request.user, response)
        ),
        pk=pk,
    )
    return file_download(
        services.response_file_read(actor=Actor.from_request(request), response=response),
        filename=response.file_name,
        content_type=response.file_type or None,
    )
