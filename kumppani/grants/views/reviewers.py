"""The reviewer's pages: the applications given to them, the declaration of
disqualification that comes first, and the scoring."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.core import lists
from kumppani.core.access import declare, first_or_404, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import add_service_errors

from .. import access
from ..forms import DeclarationForm, MyReviewsFilterForm, ReviewState, ScoresForm
from ..models import ApplicationStatus, Assignment, Score
from ..services.review import disqualification_declare, may_see_scores, scores_save

# Application states in which a reviewer still has something to do.
OPEN_FOR_REVIEW = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.INFO_REQUESTED,
    ApplicationStatus.IN_REVIEW,
)


def _assignment(request: HttpRequest, pk: int) -> Assignment:
    return first_or_404(
        Assignment.objects.select_related(
            "application__organisation", "application__call__programme"
        ),
        pk=pk,
        reviewer_id=request.user.pk,
    )


@declare(access.REVIEWER)
@signed_in
@require_GET
def my_reviews(request: HttpRequest) -> HttpResponse:
    """The applications given to the reviewer, paged: what is still to do first (a
    declaration to make or scores to give while the application is open), then the rest."""

    def rows(cleaned: Any) -> Any:
        open_application = Q(application__status__in=OPEN_FOR_REVIEW)
        to_do = open_application & (
            Q(disqualified__isnull=True) | (Q(disqualified=False) & Q(scored=False))
        )
        assignments = (
            Assignment.objects.filter(reviewer_id=request.user.pk)
            .select_related("application__organisation", "application__call")
            .annotate(
                scored=Exists(Score.objects.filter(assignment=OuterRef("pk"))),
                to_do=ExpressionWrapper(to_do, output_field=BooleanField()),
            )
        )
        if cleaned.get("state") == ReviewState.TO_DO:
            assignments = assignments.filter(to_do)
        elif cleaned.get("state") == ReviewState.DONE:
            assignments = assignments.exclude(to_do)
        return assignments.order_by("-to_do", "-assigned_at", "-id")

    listing = lists.list_page(request, MyReviewsFilterForm(request.GET), rows)
    return lists.render_list(
        request,
        listing,
        "grants/my_reviews.html",
        "grants/_my_review_results.html",
        {"open_states": OPEN_FOR_REVIEW},
    )


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
