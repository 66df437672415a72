"""The reviewer's pages: the applications given to them, the declaration of
disqualification that comes first, and the scoring."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.core.access import declare, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import add_service_errors

from .. import access
from ..forms import DeclarationForm, ScoresForm
from ..models import Assignment, Score
from ..services.review import disqualification_declare, may_see_scores, scores_save


def _assignment(request: HttpRequest, pk: int) -> Assignment:
    assignment = (
        Assignment.objects.filter(pk=pk, reviewer_id=request.user.pk)
        .select_related("application__organisation", "application__call__programme")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


@declare(access.REVIEWER)
@signed_in
@require_GET
def my_reviews(request: HttpRequest) -> HttpResponse:
    assignments = (
        Assignment.objects.filter(reviewer_id=request.user.pk)
        .select_related("application__organisation", "application__call")
        .order_by("-assigned_at")[:200]
    )
    return render(request, "grants/my_reviews.html", {"assignments": list(assignments)})


@declare(access.REVIEWER)
@signed_in
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The declaration until it is made; then, for a reviewer who is not disqualified, the
    application, the scoring and everyone's scores."""
    assignment = _assignment(request, pk)
    actor = Actor.from_request(request)
    declaration = scoring = None
    if assignment.disqualified is None:
        declaration = DeclarationForm(request.POST if request.method == "POST" else None)
        if declaration.is_valid():
            try:
                disqualification_declare(
                    assignment=assignment,
                    actor=actor,
                    disqualified=declaration.cleaned_data["disqualified"],
                    reason=declaration.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(declaration, error)
            else:
                messages.success(request, _("Your declaration was recorded."))
                return redirect("grants:review", pk=assignment.pk)
    elif assignment.may_score:
        scoring = ScoresForm(
            request.POST if request.method == "POST" else None,
            criteria=list(assignment.application.call.programme.criteria.all()),
            given={s.criterion_id: s for s in assignment.scores.all()},
        )
        if scoring.is_valid():
            try:
                scores_save(assignment=assignment, actor=actor, scores=scoring.scores())
            except ValidationError as error:
                add_service_errors(scoring, error)
            else:
                messages.success(request, _("Your scores were saved."))
                return redirect("grants:review", pk=assignment.pk)
    application = assignment.application
    show_scores = assignment.may_score and may_see_scores(request.user, application)
    return render(
        request,
        "grants/review.html",
        {
            "assignment": assignment,
            "application": application,
            "declaration": declaration,
            "scoring": scoring,
            "all_scores": list(
                Score.objects.filter(assignment__application=application)
                .select_related("assignment__reviewer", "criterion")
                .order_by("criterion__position", "assignment_id")
            )
            if show_scores
            else [],
        },
    )
