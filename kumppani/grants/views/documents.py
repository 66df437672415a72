"""The coordinator's page of a call's decision documents: start making them in the
background, follow the progress, download each PDF or all of them as one zip."""

from __future__ import annotations

from functools import partial
from uuid import UUID

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.core.access import declare, first_or_404, signed_in
from kumppani.core.actor import Actor
from kumppani.core.downloads import zip_stream
from kumppani.core.htmx import render_fragment_or_page
from kumppani.core.languages import translated
from kumppani.core.submissions import new_token, submit_once, token_from

from .. import access, selectors
from ..models import BatchStatus, Call, Decision, DecisionDocument
from ..services.documents import document_batch_start
from .coordinator_applications import managed_call

PAGE_SIZE = 50


def _decisions(call: Call) -> list[Decision]:
    return list(
        Decision.objects.filter(application__call=call)
        .select_related("application__organisation")
        .order_by("application__organisation__name", "pk")
    )


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def call_documents(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Start making the call's decision documents (a second start while a batch runs shows
    that one), the progress, and the documents made."""
    call = managed_call(request, public_id)
    if request.method == "POST":
        outcome = submit_once(
            token=token_from(request),
            user=request.user,
            create=lambda: document_batch_start(call=call, actor=Actor.from_request(request)),
            result_url=lambda batch: reverse("grants:call_documents", args=[call.public_id]),
        )
        return redirect(outcome.url)
    batch = selectors.latest_batch(call)
    decisions = Decision.objects.filter(application__call=call)
    page = Paginator(
        decisions.select_related("application__organisation").order_by(
            "application__organisation__name", "pk"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render_fragment_or_page(
        request,
        "grants/call_documents.html",
        "grants/_document_progress.html",
        {
            "call": call,
            "title": translated(call, "title"),
            "batch": batch,
            "running": batch is not None and batch.status == BatchStatus.RUNNING,
            "page": page,
            "rows": selectors.with_current_documents(list(page.object_list)),
            "made": DecisionDocument.objects.filter(decision__application__call=call).exists(),
            "submission_token": new_token(),
        },
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def decision_document_file(request: HttpRequest, public_id: UUID, pk: int) -> FileResponse:
    """One decision's PDF, as made last."""
    call = managed_call(request, public_id)
    document = first_or_404(DecisionDocument.objects.all(), pk=pk, decision__application__call=call)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{slugify(document.decision.application.organisation.name)}-{document.language}.pdf",
        content_type="application/pdf",
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def call_documents_zip(request: HttpRequest, public_id: UUID) -> StreamingHttpResponse:
    """Every current decision document of the call in one zip, streamed."""
    call = managed_call(request, public_id)
    files = [
        (
            f"{index:03d}-{slugify(decision.application.organisation.name)}-{document.language}.pdf",
            document.file,
        )
        for index, (decision, document) in enumerate(
            selectors.with_current_documents(_decisions(call)), start=1
        )
        if document is not None
    ]
    if not files:
        raise Http404
    response = StreamingHttpResponse(
        zip_stream((name, partial(stored.open, "rb")) for name, stored in files),
        content_type="application/zip",
    )
    response["Content-Disposition"] = f'attachment; filename="decisions-{call.public_id}.zip"'
    return response
