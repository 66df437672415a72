"""Review: a coordinator assigns reviewers; each declares first whether they are
disqualified; only those who are not may score and see the scores."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.models import CountyRoleKind, User
from kumppani.accounts.roles import roles_of
from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.languages import format_number

from ..models import (
    MAX_SCORE,
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    Score,
)


def _audit(actor: Actor, assignment: Assignment, verb: str, **extra: Any) -> None:
    audit_record(
        actor=actor,
        action=f"grants.review.{verb}",
        obj=assignment.application,
        county=assignment.application.call.programme.county,
        **extra,
    )


@transaction.atomic
def reviewer_assign(*, application: Application, reviewer: User, actor: Actor) -> Assignment:
    """Give the application to a reviewer of its county (again: nothing new)."""
    county_id = application.call.programme.county_id
    if county_id not in roles_of(reviewer).county_ids(CountyRoleKind.REVIEWER):
        raise ValidationError(
            {"reviewer": _("Choose a reviewer of this wellbeing services county.")}
        )
    if application.status not in {ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW}:
        raise ValidationError(_("Only sent applications are reviewed."), code="not_sent")
    assignment, created = Assignment.objects.get_or_create(
        application=application, reviewer=reviewer
    )
    if created:
        _audit(actor, assignment, "assign", details={"reviewer": reviewer.pk})
    if application.status == ApplicationStatus.SUBMITTED:
        workflow.lock(application)
        workflow.transition(
            application,
            to=ApplicationStatus.IN_REVIEW,
            allowed_from={ApplicationStatus.SUBMITTED},
            refusal=_("The application is already in review."),
            actor=actor,
            action="grants.application.review",
            county=application.call.programme.county,
        )
    return assignment


@transaction.atomic
def disqualification_declare(
    *, assignment: Assignment, actor: Actor, disqualified: bool, reason: str = ""
) -> Assignment:
    """The reviewer's declaration; once given it stands (a second one is refused)."""
    workflow.lock(assignment)
    if assignment.disqualified is not None:
        raise ValidationError(_("You have already made your declaration."), code="declared")
    reason = reason.strip()
    if disqualified and not reason:
        raise ValidationError(
            {"reason": _("Tell why you are disqualified, e.g. a seat on the applicant's board.")}
        )
    assignment.disqualified = disqualified
    assignment.disqualification_reason = reason
    assignment.declared_at = timezone.now()
    assignment.save(update_fields=["disqualified", "disqualification_reason", "declared_at"])
    _audit(
        actor,
        assignment,
        "declare",
        details={"disqualified": disqualified, **({"reason": reason} if reason else {})},
    )
    return assignment


@transaction.atomic
def scores_save(
    *, assignment: Assignment, actor: Actor, scores: Mapping[int, tuple[int, str]]
) -> list[Score]:
    """Score the criteria (criterion id → (score 0–5, comment)); a reviewer who has not
    declared, or is disqualified, may not."""
    workflow.lock(assignment)
    if not assignment.may_score:
        raise ValidationError(
            _("Only a reviewer who has declared that they are not disqualified may score."),
            code="may_not_score",
        )
    criteria = {c.pk for c in assignment.application.call.programme.criteria.all()}
    saved = []
    for criterion_id, (score, comment) in scores.items():
        if criterion_id not in criteria:
            raise ValidationError(_("The criterion is not one of this call's."), code="criterion")
        if not 0 <= score <= MAX_SCORE:
            raise ValidationError(
                _("Give a score from 0 to %(max)s.") % {"max": MAX_SCORE}, code="score"
            )
        row, _created = Score.objects.update_or_create(
            assignment=assignment,
            criterion_id=criterion_id,
            defaults={"score": score, "comment": comment.strip()},
        )
        saved.append(row)
    _audit(actor, assignment, "score", details={"criteria": sorted(scores)})
    return saved


def may_see_scores(user: Any, application: Application) -> bool:
    """Coordinators of the county, and reviewers of the application who are not disqualified."""
    roles = roles_of(user)
    if roles.is_staff or application.call.programme.county_id in roles.coordinator_county_ids:
        return True
    return Assignment.objects.filter(
        application=application, reviewer_id=getattr(user, "pk", None), disqualified=False
    ).exists()


@dataclass
class SummaryRow:
    application: Application
    weighted_average: Decimal | None
    reviewers: int
    requested: Decimal
    proposed: Decimal | None
    running_total: Decimal


def summary(call: Call) -> tuple[list[SummaryRow], Decimal]:
    """Every sent application of the call with its weighted average score (over reviewers
    who may score), best first, and the running total of the proposals (the decisions, or
    the requested amounts) against the appropriation."""
    criteria = {c.pk: c.weight for c in call.programme.criteria.all()}
    total_weight = sum(criteria.values()) or 1
    applications: QuerySet[Application] = call.applications.exclude(
        status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN]
    ).select_related("organisation", "decision")
    by_application: dict[int, list[Assignment]] = {}
    for assignment in Assignment.objects.filter(
        application__call=call, disqualified=False
    ).prefetch_related("scores"):
        by_application.setdefault(assignment.application_id, []).append(assignment)
    rows = []
    for application in applications:
        per_reviewer = []
        for assignment in by_application.get(application.pk, []):
            if assignment.disqualified is not False:
                continue
            given = {s.criterion_id: s.score for s in assignment.scores.all()}
            if given:
                per_reviewer.append(
                    Decimal(sum(criteria.get(c, 0) * s for c, s in given.items())) / total_weight
                )
        decision = getattr(application, "decision", None)
        rows.append(
            SummaryRow(
                application=application,
                weighted_average=(
                    (sum(per_reviewer, Decimal(0)) / len(per_reviewer)).quantize(Decimal("0.01"))
                    if per_reviewer
                    else None
                ),
                reviewers=len(per_reviewer),
                requested=application.requested_amount or Decimal(0),
                proposed=decision.amount if decision else None,
                running_total=Decimal(0),
            )
        )
    rows.sort(key=lambda r: (r.weighted_average is None, -(r.weighted_average or 0)))
    running = Decimal(0)
    for row in rows:
        running += row.proposed if row.proposed is not None else row.requested
        row.running_total = running
    return rows, call.programme.appropriation


def score_bands(rows: list[SummaryRow]) -> list[tuple[str, Decimal, Decimal]]:
    """The summary's proposals by average score in bands of half a point, best first, each
    with the running total after it (a call's picture in at most a dozen rows, however many
    applications it has): (band, proposed in the band, running total). Unscored
    applications come last."""
    bands: dict[str, Decimal] = {}
    totals: dict[str, Decimal] = {}
    for row in rows:  # best scored first, as `summary` orders them
        if row.weighted_average is None:
            band = _("not scored")
        else:
            low = (row.weighted_average * 2).to_integral_value(rounding=ROUND_FLOOR) / 2
            low = min(low, Decimal(MAX_SCORE) - Decimal("0.5"))
            band = f"{format_number(low)}–{format_number(low + Decimal('0.5'))}"
        proposed = row.proposed if row.proposed is not None else row.requested
        bands[band] = bands.get(band, Decimal(0)) + proposed
        totals[band] = row.running_total
    return [(band, amount, totals[band]) for band, amount in bands.items()]
