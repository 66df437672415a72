"""The coordinator's pages to run programmes and calls: make and change a programme with
its criteria and questions, make and change a call and publish it, and copy last year's
programme for the next year."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.concurrency import VERSION_FIELD
from kumppani.core.forms import save_versioned
from kumppani.core.languages import translated
from kumppani.core.models import County
from kumppani.core.submissions import create_from_form, new_token, submit_once, token_from

from .. import access
from ..models import Call, CallStatus, CountyGoal, Programme
from ..programme_forms import (
    CallForm,
    CriterionFormSet,
    ProgrammeForm,
    QuestionFormSet,
    criterion_rows,
    question_rows,
)
from ..services import programmes as services
from .public import call_card


def managed_county(request: HttpRequest, code: str) -> County:
    """One of the counties the user coordinates; 403 for someone who coordinates none,
    404 for a county that is not the user's."""
    require(access.is_coordinator(request.user))
    return first_or_404(access.managed_counties(request.user), code=code)


def _programme(request: HttpRequest, public_id: UUID) -> Programme:
    require(access.is_coordinator(request.user))
    return first_or_404(access.managed_programmes(request.user), public_id=public_id)


def _call(request: HttpRequest, public_id: UUID) -> Call:
    require(access.is_coordinator(request.user))
    return first_or_404(access.managed_calls(request.user), public_id=public_id)


def _goals(county: County, programme: Programme | None) -> QuerySet[CountyGoal]:
    """The goals a criterion may serve: those in use, and those its criteria already do."""
    used = Q(criteria__programme=programme) if programme is not None else Q(pk__in=[])
    return (
        CountyGoal.objects.filter(Q(is_active=True) | used, county=county)
        .distinct()
        .order_by("kind", "id")
    )


def _programme_forms(
    request: HttpRequest, county: County, programme: Programme | None, *, with_rows: bool
) -> tuple[ProgrammeForm, Any, Any]:
    data = request.POST if request.method == "POST" else None
    form = ProgrammeForm(
        data,
        initial=(
            ProgrammeForm.initial_for(programme)
            if programme
            else ProgrammeForm.initial_new(timezone.localdate().year + 1)
        ),
    )
    rows_data = data if data is not None and with_rows else None
    criteria = CriterionFormSet(
        rows_data,
        initial=criterion_rows(programme) if programme else [],
        prefix="criteria",
        form_kwargs={"goals": _goals(county, programme)},
    )
    questions = QuestionFormSet(
        rows_data, initial=question_rows(programme) if programme else [], prefix="questions"
    )
    return form, criteria, questions


def _render_programme(
    request: HttpRequest,
    county: County,
    programme: Programme | None,
    forms_: tuple[ProgrammeForm, Any, Any],
    *,
    locked: bool,
) -> HttpResponse:
    form, criteria, questions = forms_
    return render(
        request,
        "grants/programme_edit.html",
        {
            "county": county,
            "programme": programme,
            "title": translated(programme, "title") if programme else None,
            "form": form,
            "criteria": criteria,
            "questions": questions,
            "locked": locked,
            "calls": list(programme.calls.order_by("opens_on", "id")) if programme else [],
            "saved_criteria": list(programme.criteria.all()) if programme and locked else [],
            "saved_questions": list(programme.questions.all()) if programme and locked else [],
            "submission_token": new_token(),
        },
    )


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def programme_new(request: HttpRequest, code: str) -> HttpResponse:
    """A new programme of the county, with its criteria and questions."""
    county = managed_county(request, code)
    forms_ = _programme_forms(request, county, None, with_rows=True)
    form, criteria, questions = forms_
    if request.method == "POST" and all(f.is_valid() for f in forms_):
        data = dict(form.cleaned_data)
        data.pop(VERSION_FIELD, None)
        saved = create_from_form(
            request,
            form,
            create=lambda: services.programme_create(
                actor=Actor.from_request(request),
                county=county,
                criteria=[_without_id(row) for row in criteria.rows()],
                questions=[_without_id(row) for row in questions.rows()],
                **data,
            ),
            result_url=lambda made: reverse("grants:programme_edit", args=[made.public_id]),
            success=_("The programme was saved."),
            tell_repeat=True,
        )
        if saved:
            return saved
    return _render_programme(request, county, None, forms_, locked=False)


def _without_id(row: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name != "id"}


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The programme, its criteria and its questions; these last two only until an
    application has been sent to one of its calls."""
    programme = _programme(request, public_id)
    locked = services.applications_sent(programme)
    # Rows sent from a page shown before the first application was sent are still checked
    # (and refused by the service), so that the person learns why.
    with_rows = "criteria-TOTAL_FORMS" in request.POST or not locked
    forms_ = _programme_forms(request, programme.county, programme, with_rows=with_rows)
    form, criteria, questions = forms_
    if (
        request.method == "POST"
        and all(f.is_valid() for f in forms_)
        and save_versioned(
            form,
            programme,
            services.programme_update,
            actor=Actor.from_request(request),
            programme=programme,
            criteria=criteria.rows() if criteria.is_bound else None,
            questions=questions.rows() if questions.is_bound else None,
        )
    ):
        messages.success(request, _("The programme was saved."))
        return redirect("grants:programme_edit", public_id=programme.public_id)
    return _render_programme(request, programme.county, programme, forms_, locked=locked)


@declare(access.COORDINATOR)
@signed_in
@require_POST
def programme_copy(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Next year's programme from this one, opened for editing."""
    programme = _programme(request, public_id)
    try:
        outcome = submit_once(
            token=token_from(request),
            user=request.user,
            create=lambda: services.programme_copy(
                actor=Actor.from_request(request), programme=programme
            ),
            result_url=lambda made: reverse("grants:programme_edit", args=[made.public_id]),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grants:managed_calls")
    if not outcome.repeated:
        messages.success(
            request,
            _("The programme was copied for %(year)s. Check it and its calls.")
            % {"year": programme.year + 1},
        )
    return redirect(outcome.url)


def _render_call(
    request: HttpRequest, programme: Programme, call: Call | None, form: CallForm
) -> HttpResponse:
    return render(
        request,
        "grants/call_edit.html",
        {
            **(call_card(call) if call else {}),
            "programme": programme,
            "programme_title": translated(programme, "title"),
            "form": form,
            "submission_token": new_token(),
        },
    )


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A new call (a draft) of the programme."""
    programme = _programme(request, public_id)
    form = CallForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop(VERSION_FIELD, None)
        saved = create_from_form(
            request,
            form,
            create=lambda: services.call_create(
                actor=Actor.from_request(request), programme=programme, **data
            ),
            result_url=lambda made: reverse("grants:call_edit", args=[made.public_id]),
            success=_("The call was saved as a draft."),
            tell_repeat=True,
        )
        if saved:
            return saved
    return _render_call(request, programme, None, form)


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The call's texts and days, the deadline as the applicant sees it, and publishing."""
    call = _call(request, public_id)
    form = CallForm(
        request.POST if request.method == "POST" else None, initial=CallForm.initial_for(call)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and save_versioned(
            form, call, services.call_update, actor=Actor.from_request(request), call=call
        )
    ):
        messages.success(request, _("The call was saved."))
        return redirect("grants:call_edit", public_id=call.public_id)
    return _render_call(request, call.programme, call, form)


@declare(access.COORDINATOR)
@signed_in
@require_POST
def call_publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Publish the call; a second click (the same form sent again) changes nothing."""
    call = _call(request, public_id)
    url = reverse("grants:call_edit", args=[call.public_id])
    if call.status == CallStatus.PUBLISHED:
        messages.info(request, _("The call is already published."))
        return redirect(url)
    try:
        outcome = submit_once(
            token=token_from(request),
            user=request.user,
            create=lambda: services.call_publish(actor=Actor.from_request(request), call=call),
            result_url=lambda _call: url,
        )
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
        return redirect(url)
    if not outcome.repeated:
        messages.success(request, _("The call was published. Applicants can now see it."))
    return redirect(outcome.url)
