"""Statements and consultations: the public "you said, we did" page and consultations with
their public answers; the representative's answer form; the coordinator's pages."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts.roles import roles_of
from kumppani.core import lists
from kumppani.core.access import declare, public, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import change_page
from kumppani.core.models import County
from kumppani.core.submissions import create_from_form, create_page, token_from
from kumppani.organisations.models import Organisation

from .. import access
from ..body_forms import (
    AnswerForm,
    CloseForm,
    ConsultationFilterForm,
    ConsultationForm,
    CountyChoiceForm,
    ResponseForm,
    StatementFilterForm,
    StatementForm,
)
from ..models import Consultation, ConsultationResponse, Statement
from ..services import voice as services


@dataclass(frozen=True)
class _CountyFormPage:
    county: County | None
    form: forms.Form
    token: str
    sent: HttpResponse | None

    def context(self) -> dict[str, Any]:
        return {"form": self.form, "county": self.county, "submission_token": self.token}


def _county_form(
    request: HttpRequest, form_class: type[forms.Form], register: Callable[..., object]
) -> _CountyFormPage:
    """A coordinator's page with a form to register a row of their county (`register`
    gets the actor, the county and the form's values), sent once; it returns to the page."""
    county = access.coordinator_county(request.user)
    form = form_class(request.POST or None)
    token = token_from(request)
    sent = None
    if request.method == "POST" and county is not None and form.is_valid():
        sent = create_from_form(
            request,
            form,
            token=token,
            create=lambda: register(
                actor=Actor.from_request(request), county=county, **form.cleaned_data
            ),
            result_url=lambda _made: request.path,
        )
    return _CountyFormPage(county, form, token, sent)


def statements_matching(county: County | None, kind: str = "", year: int | None = None) -> Any:
    rows = Statement.objects.select_related("county", "answer")
    if county is not None:
        rows = rows.filter(county=county)
    if kind:
        rows = rows.filter(kind=kind)
    if year:
        rows = rows.filter(given_on__year=year)
    return rows.order_by("-given_on", "-id")


@public
@require_GET
def you_said_we_did_choose(request: HttpRequest) -> HttpResponse:
    """Choose the county whose "you said, we did" page to read."""
    form = CountyChoiceForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["county"]:
        return redirect("meetings:you_said_we_did", county_code=form.cleaned_data["county"])
    return render(request, "meetings/you_said_we_did_choose.html", {"form": form})


@public
@require_GET
def you_said_we_did(request: HttpRequest, county_code: str) -> HttpResponse:
    """A county's statements, initiatives and feedback with what the county did."""
    county = get_object_or_404(County, code=county_code)
    form = StatementFilterForm(request.GET)
    listing = lists.list_page(
        request,
        form,
        lambda data: statements_matching(county, data.get("kind", ""), data.get("year")),
    )
    return lists.render_list(
        request,
        listing,
        "meetings/you_said_we_did.html",
        "meetings/_statement_results.html",
        {"county": county},
    )


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def statement_manage(request: HttpRequest) -> HttpResponse:
    """The coordinator's statements, newest first, and the form to register one."""
    page = _county_form(request, StatementForm, services.statement_register)
    if page.sent:
        return page.sent
    listing = lists.list_page(
        request,
        StatementFilterForm(request.GET),
        lambda data: (
            access.coordinated_statements(request.user)
            .select_related("answer")
            .order_by("-given_on", "-id")
        ),
    )
    return render(
        request,
        "meetings/statement_manage.html",
        {**page.context(), "page": listing.page, "query": listing.query},
    )


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def statement_answer(request: HttpRequest, public_id: UUID) -> HttpResponse:
    statement = get_object_or_404(access.coordinated_statements(request.user), public_id=public_id)
    form = AnswerForm(request.POST or None)
    return change_page(
        request,
        form,
        "meetings/statement_answer.html",
        {"statement": statement},
        change=lambda: services.statement_answer(
            actor=Actor.from_request(request), statement=statement, **form.cleaned_data
        ),
        then="meetings:statement_manage",
        success=_("The answer was saved."),
    )


@public
@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    form = ConsultationFilterForm(request.GET)

    def rows(data: Any) -> Any:
        found = access.public_consultations()
        if data.get("county"):
            found = found.filter(county__code=data["county"])
        if data.get("status"):
            found = found.filter(status=data["status"])
        return found.order_by("-opens_on", "-id")

    listing = lists.list_page(request, form, rows)
    return lists.render_list(
        request, listing, "meetings/consultation_list.html", "meetings/_consultation_results.html"
    )


@public
@require_GET
def consultation_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    consultation = get_object_or_404(access.public_consultations(), public_id=public_id)
    responses = list(consultation.responses.filter(is_public=True).select_related("organisation"))
    return render(
        request,
        "meetings/consultation_detail.html",
        {
            "consultation": consultation,
            "responses": [
                {
                    "pk": r.pk,
                    "organisation": r.organisation,
                    "answers": list(zip(consultation.questions, r.answers, strict=False)),
                    "file_name": r.file_name if r.file else "",
                }
                for r in responses
            ],
            "open": consultation.accepts_answers(timezone.now()),
            "represents": roles_of(request.user).is_representative,
        },
    )


@signed_in
@declare(access.RESPONDENT)
@require_http_methods(["GET", "POST"])
def consultation_respond(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A representative answers for their organisation; sending again changes the answer
    until the deadline."""
    consultation = get_object_or_404(access.public_consultations(), public_id=public_id)
    organisations = Organisation.objects.filter(
        pk__in=roles_of(request.user).organisation_ids
    ).order_by("name")
    first = organisations.first()
    existing = (
        ConsultationResponse.objects.filter(consultation=consultation, organisation=first).first()
        if first
        else None
    )
    initial: dict[str, Any] = {"organisation": first, "is_public": True}
    if existing is not None:
        initial["is_public"] = existing.is_public
        initial.update({f"q{i}": text for i, text in enumerate(existing.answers)})
    form = ResponseForm(
        request.POST or None,
        request.FILES or None,
        questions=consultation.questions,
        organisations=organisations,
        initial=initial,
    )
    return create_page(
        request,
        form,
        "meetings/consultation_respond.html",
        {
            "consultation": consultation,
            "open": consultation.accepts_answers(timezone.now()),
            "existing": existing,
        },
        create=lambda: services.consultation_respond(
            actor=Actor.from_request(request),
            consultation=consultation,
            organisation=form.cleaned_data["organisation"],
            answers=form.answers(),
            is_public=form.cleaned_data["is_public"],
            upload=form.cleaned_data.get("file"),
        ),
        result_url=lambda _response: request.build_absolute_uri(consultation_url(consultation)),
    )


def consultation_url(consultation: Consultation) -> str:
    return reverse("meetings:consultation_detail", kwargs={"public_id": consultation.public_id})


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def consultation_manage(request: HttpRequest) -> HttpResponse:
    """The coordinator's consultations and the form to make a draft."""
    page = _county_form(request, ConsultationForm, services.consultation_create)
    if page.sent:
        return page.sent
    consultations = list(
        access.coordinated_consultations(request.user).order_by("-opens_on", "-id")[:100]
    )
    return render(
        request,
        "meetings/consultation_manage.html",
        {**page.context(), "consultations": consultations},
    )


@signed_in
@declare(access.COORDINATOR)
@require_POST
def consultation_publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    consultation = get_object_or_404(
        access.coordinated_consultations(request.user), public_id=public_id
    )
    with contextlib.suppress(ValidationError):
        services.consultation_publish(actor=Actor.from_request(request), consultation=consultation)
    return redirect("meetings:consultation_manage")


@signed_in
@declare(access.COORDINATOR)
@require_http_methods(["GET", "POST"])
def consultation_close(request: HttpRequest, public_id: UUID) -> HttpResponse:
    consultation = get_object_or_404(
        access.coordinated_consultations(request.user), public_id=public_id
    )
    form = CloseForm(request.POST or None)
    return change_page(
        request,
        form,
        "meetings/consultation_close.html",
        lambda: {"consultation": consultation, "responses": consultation.responses.count()},
        change=lambda: services.consultation_close(
            actor=Actor.from_request(request), consultation=consultation, **form.cleaned_data
        ),
        then="meetings:consultation_manage",
        success=_("The consultation was closed."),
    )
