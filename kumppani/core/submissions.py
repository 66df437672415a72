"""Create forms that make one object however many times they are sent.

A create page renders a one-time token in the form (`new_token`, the hidden field
``submission_token``). `submit_once` records the token in the same transaction as the object
it creates: a repeat of the request (a double click, a second tab, a retry after a lost
answer) either waits for the first and then finds its token, or finds it at once, and makes
nothing; it is sent to the first one's result. A failed attempt (a validation error) rolls
its token back with everything else, so the corrected form can be sent with the same token.
A form sent without a token is simply run.

`create_from_form` is the view's side of it: run the create service of a valid form once,
put the service's refusal on the form, or send the person on to the result; `create_page`
is the whole page around it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render

from .forms import FormOrForms, add_service_errors
from .models import Submission

T = TypeVar("T")
TOKEN_FIELD = "submission_token"  # noqa: S105 - a form field name


def new_token() -> str:
    return uuid.uuid4().hex


def token_from(request: HttpRequest) -> str:
    """The form's token, or a new one for a form shown for the first time."""
    sent = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
    return sent if _parse(sent) is not None else new_token()


def _parse(token: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(token)) if token else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What sending the form led to: the object made now, or the first send's result."""

    url: str
    result: T | None = None

    @property
    def repeated(self) -> bool:
        return self.result is None


def submit_once(
    *,
    token: str | None,
    user: Any,
    create: Callable[[], T],
    result_url: Callable[[T], str],
) -> Outcome[T]:
    """Run ``create`` unless a request with the same token has already run it."""
    key = _parse(token)
    if key is None:
        result = create()
        return Outcome(result_url(result), result)
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = Submission.objects.create(
                    token=key, user=user if getattr(user, "pk", None) else None
                )
        except IntegrityError:
            # Another request with this token committed first (PostgreSQL makes this one
            # wait for it; SQLite's writers queue up anyway).
            first = Submission.objects.get(token=key)
            return Outcome(first.result_url)
        result = create()
        submission.result_url = result_url(result)
        submission.save(update_fields=["result_url"])
    return Outcome(submission.result_url, result)


def create_from_form(
    request: HttpRequest,
    form: FormOrForms,
    *,
    create: Callable[[], T],
    result_url: Callable[[T], str],
    token: str | None = None,
    success: str | None = None,
    field_names: Mapping[str, str] | None = None,
    tell_repeat: bool = False,
) -> HttpResponseRedirect | None:
    """Run ``create`` for a valid form with `submit_once` (the request's token unless
    ``token`` is given) and redirect to the result, telling ``success`` when this request
    made it (and on a repeat too with ``tell_repeat``); or put the service's
    ValidationError on ``form`` (`add_service_errors` with ``field_names``) and return
    None, for the view to show the form again."""
    try:
        outcome = submit_once(
            token=token_from(request) if token is None else token,
            user=request.user,
            create=create,
            result_url=result_url,
        )
    except ValidationError as error:
        add_service_errors(form, error, field_names=field_names)
        return None
    if success and (tell_repeat or not outcome.repeated):
        messages.success(request, success)
    return redirect(outcome.url)


def create_page(
    request: HttpRequest,
    form: BaseForm,
    template: str,
    context: Mapping[str, Any],
    *,
    create: Callable[[], T],
    result_url: Callable[[T], str],
) -> HttpResponse:
    """The page of a form that makes one object: for a valid form `create_from_form` with
    the request's token, otherwise ``template`` with ``context``, the form and the token
    it is sent with."""
    token = token_from(request)
    if request.method == "POST" and form.is_valid():
        sent = create_from_form(request, form, token=token, create=create, result_url=result_url)
        if sent:
            return sent
    return render(request, template, {**context, "form": form, "submission_token": token})
