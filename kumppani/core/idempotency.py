"""API writes that a client may safely send again: the ``Idempotency-Key`` header.

An operation wraps its work in `idempotent(request, work)`. The first request with a key
records the key (per user) with its method, path and a hash of its body in the same
transaction as the work, and then the answer. A repeat with the same key gets the stored
answer and the work is not done again; a request in flight with the same key (PostgreSQL)
waits for the first to commit and then gets its answer. The same key with another request
(method, path or body) is answered 422. Only successful answers are kept: an error rolls
the key back with the rest, so the corrected request may be sent with the same key.
Without the header (or without a signed-in user) the work is simply done.

Keys are kept for ``settings.IDEMPOTENCY_KEY_LIFETIME`` (24 hours): the periodic job
`idempotency_keys_purge` deletes older ones, after which the same key is a new request.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from ninja.errors import HttpError

from .api import api_error, error_responses
from .models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# Printable ASCII without spaces: a UUID is what clients usually send.
KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"
_KEY = re.compile(KEY_PATTERN)


def idempotent(request: HttpRequest, work: Callable[[], HttpResponse]) -> HttpResponse:
    """Do ``work`` once per idempotency key; a repeat gets the first answer."""
    key = request.headers.get(HEADER)
    user = request.user
    if key is None or not user.is_authenticated:
        return work()
    if not _KEY.match(key):
        raise HttpError(
            400, _("The Idempotency-Key must be 1–255 visible characters, such as a UUID.")
        )
    method, path = request.method or "", request.path[:500]
    digest = _body_digest(request)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    key=key, user=user, method=method, path=path, request_hash=digest
                )
        except IntegrityError:
            # Another request with this key committed first (PostgreSQL made this one wait).
            first = IdempotencyKey.objects.get(key=key, user=user)
            return _replay(first, method=method, path=path, digest=digest)
        response = work()
        if not 200 <= response.status_code < 300:
            transaction.set_rollback(True)
            return response
        record.status_code = response.status_code
        record.response_body = response.content.decode()
        record.content_type = response.get("Content-Type", "")
        record.save(update_fields=["status_code", "response_body", "content_type"])
    return response


def _body_digest(request: HttpRequest) -> str:
    try:
        body = request.body
    except RawPostDataException:
        # Form data already parsed (the middleware reads it): hash what it holds.
        files = sorted(
            (name, f.name, f.size) for name in request.FILES for f in request.FILES.getlist(name)
        )
        body = f"{sorted(request.POST.lists())!r}{files!r}".encode()
    return hashlib.sha256(body).hexdigest()


def _replay(first: IdempotencyKey, *, method: str, path: str, digest: str) -> HttpResponse:
    if (first.method, first.path, first.request_hash) != (method, path, digest):
        return api_error(
            422,
            _(
                "This Idempotency-Key was already used for a different request. Use a new "
                "key for a new request."
            ),
        )
    response = HttpResponse(
        first.response_body, status=first.status_code, content_type=first.content_type
    )
    response[REPLAYED_HEADER] = "true"
    return response


def idempotency_openapi(*error_statuses: int) -> dict[str, Any]:
    """``openapi_extra`` for an idempotent operation: the header, the 422 answer and the
    other error responses it can give (as `core.api.error_responses`)."""
    extra = error_responses(*error_statuses, 422)
    extra["responses"]["422"]["description"] = (
        "The Idempotency-Key was already used for a different request."
    )
    return {
        **extra,
        "parameters": [
            {
                "name": HEADER,
                "in": "header",
                "required": False,
                "schema": {"type": "string", "pattern": KEY_PATTERN, "maxLength": 255},
                "description": (
                    "A key of the client's choosing (a UUID) that makes a retry safe: a "
                    "request repeated with the same key gets the first answer, with the "
                    f"header `{REPLAYED_HEADER}: true`, and the work is done once. Only a "
                    "successful answer is kept. The same key with a different request "
                    "answers 422."
                ),
            }
        ],
    }


def idempotency_keys_expire(*, now: datetime | None = None) -> int:
    """Delete the keys older than ``settings.IDEMPOTENCY_KEY_LIFETIME``; return how many."""
    cutoff = (now or timezone.now()) - settings.IDEMPOTENCY_KEY_LIFETIME
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@task()
def idempotency_keys_purge() -> int:
    """Periodic job: forget the Idempotency-Keys past their lifetime."""
    return idempotency_keys_expire()
