"""What a county keeps for all its grants: its goals (which the programmes' criteria
serve) and its own appeal instructions (printed on every decision)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.models import County

from ..models import AppealInstructions, CountyGoal

GOAL_FIELDS = ("kind", "title_fi", "title_sv", "is_active")
APPEAL_FIELDS = ("text_fi", "text_sv")


@transaction.atomic
def goal_create(*, actor: Actor, county: County, **fields: Any) -> CountyGoal:
    workflow.refuse_unknown(fields, GOAL_FIELDS, "goal")
    goal = CountyGoal(county=county, **fields)
    return workflow.create(goal, actor=actor, action="grants.goal.create", county=county)


@transaction.atomic
def goal_update(
    *, actor: Actor, goal: CountyGoal, base_version: str | None = None, **fields: Any
) -> CountyGoal:
    """Change the goal, or retire it (``is_active=False``): a retired goal stays on the
    criteria that serve it but is no longer offered for new ones."""
    workflow.refuse_unknown(fields, GOAL_FIELDS, "goal")
    workflow.save_edit(
        goal,
        fields,
        base_version=base_version,
        actor=actor,
        action="grants.goal.update",
        county=goal.county,
    )
    return goal


@transaction.atomic
def appeal_instructions_save(
    *, actor: Actor, county: County, base_version: str | None = None, **fields: Any
) -> AppealInstructions:
    """Save the county's own appeal instructions (made on the first save)."""
    workflow.refuse_unknown(fields, APPEAL_FIELDS, "appeal instructions")
    # save_edit locks the row.
    instructions, created = AppealInstructions.objects.get_or_create(
        county=county, defaults={"text": ""}
    )
    workflow.save_edit(
        instructions,
        fields,
        # The editor saw no version of instructions made only now.
        base_version=None if created else base_version,
        actor=actor,
        action="grants.appeal.save",
        county=county,
    )
    return instructions
