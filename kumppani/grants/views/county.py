"""The coordinator's pages for what a county keeps for all its grants: its goals, and its
appeal instructions printed on every decision."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import save_versioned
from kumppani.core.submissions import create_from_form, new_token

from .. import access
from ..documents import default_appeal_instructions
from ..models import AppealInstructions, CountyGoal
from ..programme_forms import AppealInstructionsForm, GoalForm, NewGoalForm
from ..services import county as services
from .programmes import managed_county


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def county_goals(request: HttpRequest, code: str) -> HttpResponse:
    """The county's goals (those in use first), and a form to add one."""
    county = managed_county(request, code)
    form = NewGoalForm(request.POST if request.method == "POST" else None)
    url = reverse("grants:county_goals", args=[county.code])
    if request.method == "POST" and form.is_valid():
        sent = create_from_form(
            request,
            form,
            create=lambda: services.goal_create(
                actor=Actor.from_request(request), county=county, **form.cleaned_data
            ),
            result_url=lambda _goal: url,
            success=_("The goal was added."),
        )
        if sent:
            return sent
    goals = CountyGoal.objects.filter(county=county).order_by("-is_active", "kind", "id")
    return render(
        request,
        "grants/county_goals.html",
        {
            "county": county,
            "goals": list(goals[:500]),
            "form": form,
            "submission_token": new_token(),
        },
    )


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a goal or retire it."""
    require(access.is_coordinator(request.user))
    goal = first_or_404(access.managed_goals(request.user), pk=pk)
    form = GoalForm(
        request.POST if request.method == "POST" else None, initial=GoalForm.initial_for(goal)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and save_versioned(
            form, goal, services.goal_update, actor=Actor.from_request(request), goal=goal
        )
    ):
        messages.success(request, _("The goal was saved."))
        return redirect("grants:county_goals", code=goal.county.code)
    return render(request, "grants/goal_edit.html", {"goal": goal, "form": form})


@declare(access.COORDINATOR)
@signed_in
@require_http_methods(["GET", "POST"])
def appeal_instructions(request: HttpRequest, code: str) -> HttpResponse:
    """The county's own appeal instructions; the default text when none are written."""
    county = managed_county(request, code)
    own = AppealInstructions.objects.filter(county=county).first()
    defaults = {}
    for language in ("fi", "sv"):
        with translation.override(language):
            defaults[language] = default_appeal_instructions(str(county.name))
    # Without the county's own text, the form starts from the default one.
    form = AppealInstructionsForm(
        request.POST if request.method == "POST" else None,
        initial=AppealInstructionsForm.initial_for(own)
        if own
        else {"text_fi": defaults["fi"], "text_sv": defaults["sv"]},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and save_versioned(
            form,
            own,
            services.appeal_instructions_save,
            actor=Actor.from_request(request),
            county=county,
        )
    ):
        messages.success(request, _("The appeal instructions were saved."))
        return redirect("grants:appeal_instructions", code=county.code)
    return render(
        request,
        "grants/appeal_instructions.html",
        {"county": county, "own": own, "form": form, "defaults": defaults},
    )
