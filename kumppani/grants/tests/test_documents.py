"""A call's decision documents made in the background: progress counted, each PDF in its
application's language, running twice makes no duplicates, one batch at a time."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent
from kumppani.core.tests.pdf import document_language, read_pdf
from kumppani.grants.models import BatchStatus, DecisionDocument, DocumentBatch
from kumppani.grants.services.applications import application_submit
from kumppani.grants.services.documents import document_batch_start
from kumppani.grants.tasks import documents_make

from .conftest import decide

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def decision(call, draft, sanna, carol):
    """org_y's decision, its application in Swedish."""
    draft.language = "sv"
    draft.save(update_fields=["language"])
    application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    return decide(draft, carol, "8000")


def test_the_task_makes_each_pdf_counts_progress_and_twice_makes_no_duplicates(
    decision, call, carol
) -> None:
    # The task is enqueued on commit, which the test's transaction never reaches: run it
    # by hand, twice.
    batch = document_batch_start(call=call, actor=Actor(user=carol))
    assert (batch.total, batch.done, batch.status) == (1, 0, BatchStatus.RUNNING)

    assert documents_make(batch_id=batch.pk) == 1
    batch.refresh_from_db()
    assert (batch.done, batch.failed, batch.status) == (1, 0, BatchStatus.FINISHED)
    document = DecisionDocument.objects.get()
    assert document_language(read_pdf(document.file.read())) == "sv"

    # A second run of the same batch (a worker died after the work) and a new batch
    # make nothing new for the same decision version.
    DocumentBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING, done=0)
    assert documents_make(batch_id=batch.pk) == 0
    batch.refresh_from_db()
    assert batch.done == 1
    second = document_batch_start(call=call, actor=Actor(user=carol))
    documents_make(batch_id=second.pk)
    second.refresh_from_db()
    assert second.status == BatchStatus.FINISHED and second.done == 1
    assert DecisionDocument.objects.count() == 1


def test_a_changed_decision_gets_a_new_document(
    decision, call, carol, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        document_batch_start(call=call, actor=Actor(user=carol))
    decision.conditions = "Raportoi kävijämäärät."
    decision.save()
    with django_capture_on_commit_callbacks(execute=True):
        document_batch_start(call=call, actor=Actor(user=carol))
    assert DecisionDocument.objects.filter(decision=decision).count() == 2


def test_the_page_starts_once_shows_progress_and_downloads(
    client, decision, call, carol, django_capture_on_commit_callbacks
) -> None:
    client.force_login(carol)
    url = reverse("grants:call_documents", args=[call.public_id])
    page = client.get(url).content.decode()
    assert "<progress" not in page

    token = "0f5d2a0e-2c2f-4a53-9f3c-7a1c7c2f1e10"
    for _ in range(2):  # a double click
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, {"submission_token": token}).status_code == 302
    assert DocumentBatch.objects.count() == 1
    assert AuditEvent.objects.filter(action="grants.documents.start").count() == 1

    page = client.get(url).content.decode()
    assert '<progress id="document-progress-bar" max="1" value="1"' in page
    assert 'aria-valuenow="1"' in page and "hx-trigger" not in page  # finished: no polling
    document = DecisionDocument.objects.get()
    pdf = client.get(reverse("grants:decision_document_file", args=[call.public_id, document.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")

    archive = client.get(reverse("grants:call_documents_zip", args=[call.public_id]))
    assert archive["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert len(names) == 1 and names[0].endswith("-sv.pdf")


def test_another_countys_coordinator_does_not_see_the_documents(
    client, decision, call, alice
) -> None:
    client.force_login(alice)
    assert client.get(reverse("grants:call_documents", args=[call.public_id])).status_code == 404
    assert client.post(reverse("grants:call_documents", args=[call.public_id])).status_code == 404
