"""The coordinator's pages of a call's applications: the list (filters, sorts, paging, CSV
and Excel), and one application with everything it says and what the coordinator does to
it: accept it despite the checks, give it to reviewers, ask for more information, decide."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.accounts.models import CountyRoleKind, User
from kumppani.core import lists, workflow
from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import add_service_errors
from kumppani.core.languages import translated
from kumppani.core.models import Submission
from kumppani.core.submissions import TOKEN_FIELD, new_token, submit_once, token_from

from .. import access, eligibility, selectors
from ..coordinator_forms import (
    ApplicationFilterForm,
    AssignReviewerForm,
    InfoRequestForm,
    OverrideForm,
    decision_forms,
    instalment_rows,
)
from ..exports import application_columns
from ..models import Application, ApplicationStatus, Assignment, Call, Score
from ..revisions import revision_steps
from ..services.applications import eligibility_override
from ..services.funding import decided_total, decision_make, is_disqualified
from ..services.requests import ASKABLE, info_request
from ..services.review import reviewer_assign, summary

SORTS = {
    "sent": lists.Sort(gettext_lazy("Latest sent first"), ("-submitted_at", "-id")),
    "organisation": lists.Sort(gettext_lazy("Organisation"), ("organisation__name", "id")),
    "requested": lists.Sort(gettext_lazy("Largest amount first"), ("-requested_amount", "id")),
    "status": lists.Sort(gettext_lazy("Status"), ("status", "-submitted_at", "id")),
}
LIST_TEMPLATES = ("grants/manage_applications.html", "grants/_manage_application_results.html")
DECIDABLE = {ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW}


def managed_call(request: HttpRequest, public_id: UUID) -> Call:
    return first_or_404(access.managed_calls(request.user), public_id=public_id)


def scores_of(call: Call) -> dict[int, Decimal | None]:
    """The weighted average score of each sent application of the call."""
    rows, _appropriation = summary(call)
    return {row.application.pk: row.weighted_average for row in rows}


def _listing(request: HttpRequest, call: Call) -> lists.Listing[Application]:
    form = ApplicationFilterForm(request.GET, county=call.programme.county)
    return lists.list_page(
        request,
        form,
        lambda _cleaned: selectors.call_applications(call, **form.filters()),
        sorts=SORTS,
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def call_applications(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The call's sent applications, filtered, sorted and paged."""
    call = managed_call(request, public_id)
    listing = _listing(request, call)
    scores = scores_of(call) if listing.page else {}
    rows = [(a, scores.get(a.pk)) for a in listing.page] if listing.page else []
    return lists.render_list(
        request,
        listing,
        *LIST_TEMPLATES,
        {"call": call, "title": translated(call, "title"), "rows": rows},
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def call_applications_export(request: HttpRequest, public_id: UUID) -> HttpResponseBase:
    call = managed_call(request, public_id)
    listing = _listing(request, call)
    return lists.export_list(
        request,
        listing,
        LIST_TEMPLATES,
        context={"call": call, "title": translated(call, "title"), "rows": []},
        columns=application_columns(scores_of(call)),
        filename="grant-applications",
        title=_("Grant applications"),
        action="grants.application.export",
        county=call.programme.county,
        details={"call": str(call.public_id)},
    )


def _managed_application(request: HttpRequest, public_id: UUID) -> Application:
    application = access.managed_applications(request.user).filter(public_id=public_id).first()
    if application is None or application.status == ApplicationStatus.DRAFT:
        raise Http404
    return application


def _reviewers(application: Application) -> Any:
    return (
        User.objects.filter(
            is_active=True,
            county_roles__county_id=application.call.programme.county_id,
            county_roles__role=CountyRoleKind.REVIEWER,
        )
        .exclude(grant_assignments__application=application)
        .distinct()
        .order_by("full_name", "email")
    )


def _forms(request: HttpRequest, application: Application, chosen: str) -> dict[str, Any]:
    """The forms the coordinator may use on this application now, the one sent bound."""

    def data(name: str) -> Any:
        return request.POST if chosen == name else None

    found: dict[str, Any] = {}
    problems = eligibility.problems(application.organisation, application.call.programme)
    if problems and not application.eligibility_override:
        found["override"] = OverrideForm(data("override"), prefix="override")
    if application.status in DECIDABLE:
        found["assign"] = AssignReviewerForm(
            data("assign"), prefix="assign", reviewers=_reviewers(application)
        )
    if application.status in ASKABLE:
        found["request"] = InfoRequestForm(data("request"), prefix="request")
    if application.status in DECIDABLE and not is_disqualified(
        Actor(user=request.user), application
    ):
        programme = application.call.programme
        predicted = decided_total(programme) + (application.requested_amount or 0)
        found["decide"], found["instalments"] = decision_forms(
            application.pk,
            data("decide"),
            show_confirmation=predicted > programme.appropriation,
            initial={"amount": application.requested_amount},
        )
    return found


def _act(
    chosen: str, application: Application, actor: Actor, bound: dict[str, Any]
) -> Callable[[], object]:
    """The service call the chosen form asks for."""
    form = bound[chosen]
    data = form.cleaned_data
    if chosen == "override":
        return lambda: eligibility_override(
            application=application, actor=actor, reason=data["reason"]
        )
    if chosen == "assign":
        return lambda: reviewer_assign(
            application=application, reviewer=data["reviewer"], actor=actor
        )
    if chosen == "request":
        return lambda: info_request(
            application=application,
            actor=actor,
            message=data["message"],
            respond_by=data["respond_by"],
        )
    return lambda: decision_make(
        application=application,
        actor=actor,
        instalments=instalment_rows(bound["instalments"]),
        **form.service_fields(),
    )


def _token(request: HttpRequest) -> UUID | None:
    try:
        return UUID(request.POST.get(TOKEN_FIELD, ""))
    except ValueError:
        return None


DONE = {
    "override": gettext_lazy("The application is accepted despite the checks."),
    "assign": gettext_lazy("The application was given to the reviewer."),
    "request": gettext_lazy("The request was sent to the applicant."),
    "decide": gettext_lazy("The decision was recorded and the applicant told."),
}


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def managed_application(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The application as the coordinator sees it, with the forms for what may be done."""
    application = _managed_application(request, public_id)
    chosen = request.POST.get("form", "") if request.method == "POST" else ""
    bound = _forms(request, application, chosen)
    if request.method == "POST" and chosen not in bound:
        # The same form sent again after it was done (a double click, back and resend).
        token = _token(request)
        first = Submission.objects.filter(token=token).first() if token else None
        require(first is not None and bool(first.result_url))
        assert first is not None
        return redirect(first.result_url)
    valid = chosen in bound and bound[chosen].is_valid()
    if chosen == "decide":
        valid = valid and bound["instalments"].is_valid()
    if valid:
        url = reverse("grants:managed_application", args=[application.public_id])
        if request.POST.get("back") == "decisions":
            url = reverse("grants:call_decisions", args=[application.call.public_id])
        try:
            outcome = submit_once(
                token=token_from(request),
                user=request.user,
                create=_act(chosen, application, Actor.from_request(request), bound),
                result_url=lambda _result: url,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "over_appropriation":
                bound["decide"], bound["instalments"] = decision_forms(
                    application.pk, request.POST, show_confirmation=True
                )
                bound["decide"].is_valid()
                bound["instalments"].is_valid()
            add_service_errors(bound[chosen], error)
        else:
            if not outcome.repeated:
                messages.success(request, str(DONE[chosen]))
            return redirect(outcome.url)
    return render(
        request,
        "grants/manage_application.html",
        {
            **_page_context(request, application),
            "forms": bound,
            "summary_forms": [
                form
                for name, form in bound.items()
                for form in (form.forms if name == "instalments" else [form])
            ],
        },
    )


def _page_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    programme = application.call.programme
    questions = {q.pk: q for q in programme.questions.all()}
    assignments = list(
        Assignment.objects.filter(application=application)
        .select_related("reviewer")
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=Score.objects.select_related("criterion").order_by("criterion__position"),
            )
        )
        .order_by("assigned_at", "id")
    )
    decision = getattr(application, "decision", None)
    return {
        "application": application,
        "title": translated(application.call, "title"),
        "municipalities": list(application.municipalities.all()),
        "budget_lines": list(application.budget_lines.all()),
        "income_lines": list(application.income_lines.all()),
        "answers": [
            (translated(questions[a.question_id], "text"), a.value)
            for a in application.answers.all()
            if a.question_id in questions
        ],
        "partners": list(application.partners.select_related("organisation")),
        "problems": eligibility.problems(application.organisation, programme),
        "assignments": assignments,
        "info_requests": list(application.info_requests.select_related("created_by")),
        "steps": revision_steps(list(application.revisions.all())),
        "decision": decision,
        "payments": list(decision.payments.all()) if decision else [],
        "disqualified": is_disqualified(Actor(user=request.user), application),
        "history": workflow.history(application),
        "submission_token": token_from(request) if request.method == "POST" else new_token(),
    }
