"""Every write to a volunteer task: create, update, publish, archive, hide, unhide."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from typing_extensions import Unpack

from kumppani.catalogue.search import index
from kumppani.core.actor import Actor
from kumppani.core.models import County, Municipality
from kumppani.core.workflow import lock
from kumppani.organisations.models import Organisation

from .. import notifications
from ..models import PublicationStatus, TaxonomyTerm, VolunteerTask
from ..selectors import task_counties
from . import workflow
from .contact import ContactFields


class TaskFields(ContactFields, total=False):
    """What a representative may set on a volunteer task; any subset of languages."""

    title_fi: str
    title_sv: str
    title_en: str
    description_fi: str
    description_sv: str
    description_en: str
    frequency: str
    time_commitment_fi: str
    time_commitment_sv: str
    time_commitment_en: str
    skills_fi: str
    skills_sv: str
    skills_en: str
    municipality: Municipality | None
    is_remote: bool
    starts_on: date | None
    ends_on: date | None
    terms: Iterable[TaxonomyTerm]


def _task_audit_county(actor: Actor, task: VolunteerTask) -> County | None:
    return workflow.audit_county(actor, task_counties(task), task.organisation)


def _reindex_task(task: VolunteerTask) -> None:

    index.index_volunteer_task(task)


def _check_task(task: VolunteerTask) -> None:
    workflow.require_text(task, "title", _("Give the title of the task in at least one language."))
    if task.starts_on and task.ends_on and task.ends_on < task.starts_on:
        raise ValidationError({"ends_on": _("The task cannot end before it starts.")})


def _save_terms(task: VolunteerTask, related: dict[str, Any]) -> list[str]:
    if "terms" in related and workflow.set_links(task, "terms", related["terms"]):
        return ["terms"]
    return []


def _current(task: VolunteerTask, name: str) -> Any:
    """A field's stored value, for telling what changed meanwhile."""
    return list(task.terms.all()) if name == "terms" else getattr(task, name)


TASK = workflow.EntryKind[VolunteerTask](
    audit_county=_task_audit_county,
    reindex=_reindex_task,
    actions="catalogue.volunteer_task",
    hide_needs_reason=gettext_noop("Tell the organisation why the task is hidden."),
    already_hidden=gettext_noop("The task is already hidden."),
    not_hidden=gettext_noop("The task is not hidden."),
    already_published=gettext_noop("The task is already published."),
    already_archived=gettext_noop("The task is already archived."),
    check=_check_task,
    related=("terms",),
    save_related=_save_terms,
    current=_current,
)


# --- volunteer tasks ---------------------------------------------------------------------


@transaction.atomic
def volunteer_task_create(
    *, organisation: Organisation, actor: Actor, **fields: Unpack[TaskFields]
) -> VolunteerTask:
    """Add a volunteer task as a draft."""
    task = VolunteerTask(organisation=organisation, status=PublicationStatus.DRAFT)
    workflow.create(TASK, task, fields, actor=actor)
    return task


@transaction.atomic
def volunteer_task_update(
    *,
    task: VolunteerTask,
    actor: Actor,
    base_version: str | None = None,
    **fields: Unpack[TaskFields],
) -> VolunteerTask:
    """Change a task; only what changes is written, and an edit of an older version is
    refused."""
    workflow.update(TASK, task, fields, actor=actor, base_version=base_version)
    return task


@transaction.atomic
def volunteer_task_publish(*, task: VolunteerTask, actor: Actor) -> VolunteerTask:
    lock(task)
    if not (task.is_remote or task.municipality_id):
        raise ValidationError(
            _("Tell in which municipality the task is, or mark it remote, before publishing.")
        )
    _check_task(task)
    if not task.is_open:
        raise ValidationError(
            _(
                "The task has ended (its last day is past), so nobody would see it. Change "
                "the end date, or archive the task."
            ),
            code="ended",
        )
    workflow.publish(TASK, task, actor=actor)
    return task


@transaction.atomic
def volunteer_task_archive(*, task: VolunteerTask, actor: Actor) -> VolunteerTask:
    workflow.archive(TASK, task, actor=actor)
    return task


@transaction.atomic
def volunteer_task_hide(
    *, task: VolunteerTask, reason: str, actor: Actor
) -> workflow.Hidden[VolunteerTask]:
    """Hide a misleading task; its representatives are told why by email (the result says
    how many)."""
    workflow.hide(TASK, task, reason=reason, actor=actor)
    return workflow.Hidden(task, notifications.email_task_hidden(task=task))


@transaction.atomic
def volunteer_task_unhide(*, task: VolunteerTask, actor: Actor) -> VolunteerTask:
    workflow.unhide(TASK, task, actor=actor)
    return task
