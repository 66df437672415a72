"""A draft saved as the person types (the form's script: core/autosave.js).

A form marked ``data-autosave`` posts itself (htmx) to its own autosave URL a moment after
typing stops. The view checks the form and calls `autosave_answer` with the page's own save
(the same service and version check as the Save button). The answer is the sentence for the
form's status line and, once saved, the draft's new version for its version field: 200 when
saved; 409 when the draft was changed elsewhere meanwhile (no more automatic saves; Save
then shows the differences); 422 when something must be corrected first. A draft that is
not saved stays as it was, and the form keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .concurrency import VERSION_FIELD, ChangedMeanwhile
from .languages import format_time

TEMPLATE = "includes/autosave_status.html"


def autosave_answer(
    request: HttpRequest,
    *,
    valid: bool,
    save: Callable[[], str],
    changed_elsewhere: str,
) -> HttpResponse:
    """Save (``save`` returns the new version) when the form is ``valid``, and answer.

    ``changed_elsewhere`` is the sentence of a 409, naming what was changed."""
    status, version = 422, None
    message = _("Not saved automatically: some details need correcting. Press Save to see them.")
    if valid:
        try:
            version = save()
        except ChangedMeanwhile:
            status, message = 409, changed_elsewhere
        except ValidationError:
            pass
        else:
            status = 200
            message = _("Saved at %(time)s.") % {"time": format_time(timezone.now())}
    return autosave_status(request, message, status=status, version=version)


def autosave_status(
    request: HttpRequest, message: str, *, status: int, version: str | None = None
) -> HttpResponse:
    """The answer with ``message`` for the status line (and the version, once saved)."""
    return render(
        request,
        TEMPLATE,
        {"message": message, "version": version, "version_field": VERSION_FIELD},
        status=status,
    )
