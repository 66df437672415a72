"""The applicant's pages: my applications, start one, fill it in, send it, withdraw it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts.roles import roles_of
from kumppani.core import deadlines, lists, workflow
from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.autosave import autosave_answer
from kumppani.core.concurrency import VERSION_FIELD, ChangedMeanwhile, version_of
from kumppani.core.forms import add_service_errors, service_told
from kumppani.core.submissions import new_token, submit_once, token_from
from kumppani.organisations.models import Organisation

from .. import access, eligibility, selectors
from ..forms import (
    AnswersForm,
    ApplicationForm,
    BudgetFormSet,
    IncomeFormSet,
    MyApplicationsFilterForm,
    SubmitForm,
    budget_rows,
    income_rows,
)
from ..models import Application, ApplicationStatus
from ..models.notices import theme_labels
from ..revisions import revision_steps
from ..services import applications as services
from ..services.requests import open_request
from .grantee import funding
from .public import call_card


def _is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True


def _application(request: HttpRequest, public_id: UUID) -> Application:
    return first_or_404(access.applications_visible(request.user), public_id=public_id)


@declare(access.APPLICANT)
@signed_in
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    """The applications of the user's organisations (paged, by status), and the joint
    applications their partners ask them to confirm."""
    roles = roles_of(request.user)

    def rows(cleaned: Any) -> Any:
        applications = access.applications_visible(request.user).filter(
            organisation_id__in=roles.organisation_ids
        )
        if cleaned.get("status"):
            applications = applications.filter(status=cleaned["status"])
        return applications.order_by("-created_at", "-id")

    listing = lists.list_page(request, MyApplicationsFilterForm(request.GET), rows)
    return lists.render_list(
        request,
        listing,
        "grants/my_applications.html",
        "grants/_my_application_results.html",
        {"partner_requests": list(access.partner_requests(request.user)[:50])},
    )


@declare(access.APPLICANT)
@signed_in
@require_POST
def application_start(request: HttpRequest, call_id: UUID) -> HttpResponse:
    """Start (or go on with) the organisation's application to the call."""
    call = first_or_404(selectors.published_calls(), public_id=call_id)
    roles = roles_of(request.user)
    chosen = request.POST.get("organisation", "")
    organisation = (
        Organisation.objects.filter(pk__in=roles.organisation_ids, public_id=chosen).first()
        if _is_uuid(chosen)
        else None
    ) or (
        Organisation.objects.get(pk=next(iter(roles.organisation_ids)))
        if len(roles.organisation_ids) == 1
        else None
    )
    require(organisation is not None)
    assert organisation is not None
    try:
        outcome = submit_once(
            token=token_from(request),
            user=request.user,
            create=lambda: services.application_start(
                actor=Actor.from_request(request), call=call, organisation=organisation
            ),
            result_url=lambda application: reverse(
                "grants:application_edit", args=[application.public_id]
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grants:call_detail", public_id=call.public_id)
    return redirect(outcome.url)


def _forms(
    request: HttpRequest, application: Application
) -> tuple[ApplicationForm, Any, Any, AnswersForm]:
    questions = list(application.call.programme.questions.all())
    data = request.POST if request.method == "POST" else None
    budget_initial = [
        {"category": b.category, "description": b.description, "amount": b.amount}
        for b in application.budget_lines.all()
    ]
    income_initial = [
        {"source": i.source, "amount": i.amount, "decision_reference": i.decision_reference}
        for i in application.income_lines.all()
    ]
    answers = {f"q{a.question_id}": a.value for a in application.answers.all()}
    return (
        ApplicationForm(data, initial=ApplicationForm.initial_for(application)),
        BudgetFormSet(data, initial=budget_initial, prefix="budget"),
        IncomeFormSet(data, initial=income_initial, prefix="income"),
        AnswersForm(data, initial=answers, questions=questions, prefix="answers"),
    )


@declare(access.APPLICANT)
@signed_in
@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _application(request, public_id)
    require(access.can_edit(request.user, application))
    form, budget, income, answers = _forms(request, application)
    if request.method == "POST" and all(f.is_valid() for f in (form, budget, income, answers)):
        try:
            _save(request, application, form, budget, income, answers)
        except ValidationError as error:
            add_service_errors(form, error)
            if isinstance(error, ChangedMeanwhile):
                form.renew_version(application)
        else:
            messages.success(request, _("The application was saved."))
            if "continue" in request.POST:
                return redirect("grants:application_submit", public_id=application.public_id)
            return redirect("grants:application_edit", public_id=application.public_id)
    return render(
        request,
        "grants/application_edit.html",
        {
            "application": application,
            "form": form,
            "budget": budget,
            "income": income,
            "answers": answers,
            "previous": services.previous_application(application),
            "submission_token": new_token(),
            **call_card(application.call),
            **_asked(application),
        },
    )


def _save(
    request: HttpRequest,
    application: Application,
    form: ApplicationForm,
    budget: Any,
    income: Any,
    answers: AnswersForm,
) -> None:
    """Save the draft from the application form's valid parts (raises the service's errors)."""
    data = dict(form.cleaned_data)
    services.application_save(
        application=application,
        actor=Actor.from_request(request),
        base_version=data.pop(VERSION_FIELD, None),
        municipalities=data.pop("municipalities"),
        budget=budget_rows(budget),
        income=income_rows(income),
        answers=answers.answers(),
        **data,
    )


@declare(access.APPLICANT)
@signed_in
@require_http_methods(["GET", "POST"])
def application_submit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The summary, what is missing, the eligibility checks, and the declarations."""
    application = _application(request, public_id)
    require(access.can_edit(request.user, application))
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        require(access.can_submit(request.user, application))
        try:
            sent = services.application_submit(
                application=application,
                actor=Actor.from_request(request),
                declarations=form.cleaned_data["declarations"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if sent:
                messages.success(
                    request,
                    _("The application was sent. A receipt is on its way to your email."),
                )
            return redirect("grants:application_detail", public_id=application.public_id)
    return render(
        request,
        "grants/application_submit.html",
        {
            "application": application,
            "form": form,
            "missing": services.missing(application),
            "problems": eligibility.problems(application.organisation, application.call.programme),
            "may_sign": access.can_submit(request.user, application),
            "summary": services.snapshot(application),
            **call_card(application.call),
            **_asked(application),
        },
    )


@declare(access.APPLICANT)
@signed_in
@require_GET
def application_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _application(request, public_id)
    return render(
        request,
        "grants/application_detail.html",
        {
            "application": application,
            "history": workflow.history(application),
            "can_edit": access.can_edit(request.user, application),
            "can_withdraw": roles_of(request.user).represents(application.organisation_id)
            and application.status != "withdrawn"
            and application.call.accepts_applications(timezone.now()),
            "budget_lines": list(application.budget_lines.all()),
            "income_lines": list(application.income_lines.all()),
            "steps": revision_steps(list(application.revisions.all())),
            **_asked(application),
            "partners": list(application.partners.select_related("organisation")),
            "attachments": [a for a in application.attachments.all() if not a.delivered_later],
            "themes": theme_labels(application.themes),
            **call_card(application.call),
            **funding(application, request.user),
        },
    )


def _asked(application: Application) -> dict[str, Any]:
    """The open request for more information, with its deadline as the law counts it."""
    if application.status != ApplicationStatus.INFO_REQUESTED:
        return {"asked": None}
    asked = open_request(application)
    if asked is None:
        return {"asked": None}
    deadline = deadlines.effective_deadline(asked.respond_by)
    return {
        "asked": asked,
        "request_deadline": deadline,
        "request_deadline_moved": deadline != asked.respond_by,
    }


@declare(access.APPLICANT)
@signed_in
@require_POST
def application_withdraw(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _application(request, public_id)
    require(roles_of(request.user).represents(application.organisation_id))
    service_told(
        request,
        services.application_withdraw,
        success=_("The application was withdrawn."),
        application=application,
        actor=Actor.from_request(request),
    )
    return redirect("grants:application_detail", public_id=application.public_id)


@declare(access.APPLICANT)
@signed_in
@require_POST
def application_autosave(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Save the draft as the person types: the application form posts itself here (htmx) a
    moment after typing stops. Answers with the sentence for the form's status line and, once
    saved, the new version for its version field; 409 when the draft was changed elsewhere
    meanwhile and 422 when something must be corrected first, both leaving the draft as it
    was (the form keeps what was typed, and Save shows the details)."""
    application = _application(request, public_id)
    require(access.can_edit(request.user, application))
    form, budget, income, answers = _forms(request, application)

    def save() -> str:
        _save(request, application, form, budget, income, answers)
        return version_of(application)

    return autosave_answer(
        request,
        valid=all(f.is_valid() for f in (form, budget, income, answers)),
        save=save,
        changed_elsewhere=_(
            "Not saved: the application was changed on another device or in another tab "
            "meanwhile. What you typed is still here. Press Save to see the differences "
            "and save again."
        ),
    )
