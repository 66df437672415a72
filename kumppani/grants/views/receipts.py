"""The receipt of each sent version of an application, as a PDF."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from kumppani.core.access import declare, signed_in
from kumppani.core.documents import pdf_response

from .. import access
from ..documents import receipt_pdf
from ..models import ApplicationRevision


@declare(access.APPLICANT)
@signed_in
@require_GET
def receipt_document(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    """The receipt of version ``number``, in the application's language (or ``?lang=fi`` /
    ``sv``): for the applicant's representatives and the county's coordinators."""
    application = access.applications_visible(request.user).filter(public_id=public_id).first()
    revision = (
        ApplicationRevision.objects.filter(application=application, number=number)
        .select_related("created_by")
        .first()
        if application is not None
        else None
    )
    if application is None or revision is None:
        raise Http404
    language = request.GET.get("lang", "")
    pdf = receipt_pdf(application, revision, language if language in {"fi", "sv"} else None)
    return pdf_response(pdf, filename=f"receipt-{number}.pdf", inline=True)
