"""A call's decision documents, made in the background: start a batch (one at a time per
call); the task (`tasks.decision_documents`) then makes each decision's PDF."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record

from ..models import BatchStatus, Call, Decision, DocumentBatch
from ..tasks import decision_documents


@transaction.atomic
def document_batch_start(*, call: Call, actor: Actor) -> DocumentBatch:
    """Start making the call's decision documents; while a batch of the call runs, return
    that one instead of starting another."""
    workflow.lock(call)
    running = DocumentBatch.objects.filter(call=call, status=BatchStatus.RUNNING).first()
    if running is not None:
        return running
    batch = DocumentBatch.objects.create(
        call=call,
        requested_by=actor.user,
        total=Decision.objects.filter(application__call=call).count(),
    )
    audit_record(
        actor=actor,
        action="grants.documents.start",
        obj=call,
        county=call.programme.county,
        details={"documents": batch.total},
    )
    # robust: the batch is recorded; if the queue is down, starting again finds it running.
    transaction.on_commit(partial(decision_documents.enqueue, batch.pk), robust=True)
    return batch
