"""Representatives' pages: their entries, the editors, publishing, archiving, confirming."""

from collections.abc import Callable
from functools import partial
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kumppani.core.access import declare, signed_in
from kumppani.core.actor import Actor
from kumppani.core.concurrency import VERSION_FIELD, ChangedMeanwhile
from kumppani.core.forms import add_service_errors
from kumppani.core.submissions import submit_once, token_from
from kumppani.organisations.models import Organisation

from .. import access, selectors, services
from ..forms import (
    ManageFilterForm,
    OrganisationChoiceForm,
    ServiceEditor,
    TaskForm,
)
from ..services.organisation_entries import organisation_entries_restore, restorable_entries
from .steps import PAGE_SIZE, after_step, query_without_page, represented


@declare(access.REPRESENTATIVE)
@signed_in
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    """The services of the organisations the user represents."""
    access.require_representative(request.user)
    organisations = represented(request)
    form = ManageFilterForm(request.GET or None, organisations=organisations)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.services_managed_by(request.user, filters)  # type: ignore[arg-type]
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/manage.html",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


def _run_editor(
    request: HttpRequest,
    editor: ServiceEditor,
    save: Any,
    on_changed_meanwhile: Callable[[], None] | None = None,
) -> Any:
    """Save the editor's sections with ``save``; its result, or None after errors."""
    if request.method != "POST" or not editor.is_valid():
        return None
    try:
        result = save(
            actor=Actor.from_request(request),
            location=editor.location(),
            schedule=editor.schedule(),
            **editor.fields(),
        )
    except ValidationError as error:
        editor.add_error(error)
        if isinstance(error, ChangedMeanwhile) and on_changed_meanwhile is not None:
            on_changed_meanwhile()
        return None
    return result


@declare(access.REPRESENTATIVE)
@signed_in
def service_create(request: HttpRequest) -> HttpResponse:
    access.require_representative(request.user)
    data = request.POST if request.method == "POST" else None
    chooser = OrganisationChoiceForm(data, organisations=represented(request))
    editor = ServiceEditor(data)
    token = token_from(request)
    if request.method == "POST" and chooser.is_valid():
        organisation = chooser.cleaned_data["organisation"]
        outcome = _run_editor(
            request,
            editor,
            lambda **kwargs: submit_once(
                token=token,
                user=request.user,
                create=lambda: services.service_create(organisation=organisation, **kwargs),
                result_url=lambda service: reverse(
                    "catalogue:service_detail", args=[service.public_id]
                ),
            ),
        )
        if outcome is not None:
            if not outcome.repeated:
                messages.success(request, _("The activity was saved as a draft."))
            return redirect(outcome.url)
    elif request.method == "POST":
        editor.is_valid()
    return render(
        request,
        "catalogue/service_form.html",
        {"chooser": chooser, "editor": editor, "service": None, "submission_token": token},
    )


@declare(access.SERVICE_EDITOR)
def service_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_user(request.user, public_id, for_edit=True)
    editor = ServiceEditor(request.POST if request.method == "POST" else None, service=service)
    saved = _run_editor(
        request,
        editor,
        lambda **kwargs: services.service_update(
            service=service, base_version=editor.base_version(), **kwargs
        ),
        on_changed_meanwhile=lambda: editor.renew_version(service),
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect("catalogue:service_detail", saved.public_id)
    return render(
        request,
        "catalogue/service_form.html",
        {"chooser": None, "editor": editor, "service": service},
    )


def _service_step(
    request: HttpRequest, public_id: UUID, step: Callable[..., object], done: str
) -> HttpResponse:
    service = access.service_for_user(request.user, public_id, for_edit=True)
    return after_step(
        request, partial(step, service=service), done, "catalogue:service_detail", service.public_id
    )


@declare(access.SERVICE_EDITOR)
@require_POST
def service_publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _service_step(
        request, public_id, services.service_publish, _("The activity is now published.")
    )


@declare(access.SERVICE_EDITOR)
@require_POST
def service_archive(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _service_step(
        request,
        public_id,
        services.service_archive,
        _("The activity was archived and is no longer public."),
    )


@declare(access.SERVICE_EDITOR)
@require_POST
def service_confirm(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _service_step(
        request,
        public_id,
        services.service_confirm,
        _("Thank you. The details are marked as current."),
    )


@declare(access.REPRESENTATIVE)
@signed_in
@require_GET
def task_manage(request: HttpRequest) -> HttpResponse:
    access.require_representative(request.user)
    found = selectors.tasks_managed_by(request.user)  # type: ignore[arg-type]
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalogue/task_manage.html", {"page": page, "query": ""})


@declare(access.REPRESENTATIVE)
@signed_in
def task_create(request: HttpRequest) -> HttpResponse:
    access.require_representative(request.user)
    data = request.POST if request.method == "POST" else None
    chooser = OrganisationChoiceForm(data, organisations=represented(request))
    form = TaskForm(data)
    token = token_from(request)
    if request.method == "POST" and all([chooser.is_valid(), form.is_valid()]):
        try:
            outcome = submit_once(
                token=token,
                user=request.user,
                create=lambda: services.volunteer_task_create(
                    organisation=chooser.cleaned_data["organisation"],
                    actor=Actor.from_request(request),
                    **form.task_fields(),
                ),
                result_url=lambda task: reverse("catalogue:task_detail", args=[task.public_id]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not outcome.repeated:
                messages.success(request, _("The task was saved as a draft."))
            return redirect(outcome.url)
    return render(
        request,
        "catalogue/task_form.html",
        {"chooser": chooser, "form": form, "task": None, "submission_token": token},
    )


@declare(access.SERVICE_EDITOR)
def task_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    task = access.task_for_user(request.user, public_id, for_edit=True)
    form = TaskForm(
        request.POST if request.method == "POST" else None, initial=TaskForm.initial_for(task)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_task_update(
                task=task,
                actor=Actor.from_request(request),
                base_version=form.cleaned_data.get(VERSION_FIELD),
                **form.task_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            if isinstance(error, ChangedMeanwhile):
                form.renew_version(task)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("catalogue:task_detail", task.public_id)
    return render(
        request, "catalogue/task_form.html", {"chooser": None, "form": form, "task": task}
    )


def _task_transition(
    request: HttpRequest, public_id: UUID, step: Callable[..., object], done: str
) -> HttpResponse:
    task = access.task_for_user(request.user, public_id, for_edit=True)
    return after_step(
        request, partial(step, task=task), done, "catalogue:task_detail", task.public_id
    )


@declare(access.SERVICE_EDITOR)
@require_POST
def task_publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _task_transition(
        request, public_id, services.volunteer_task_publish, _("The task is now published.")
    )


@declare(access.SERVICE_EDITOR)
@require_POST
def task_archive(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _task_transition(
        request, public_id, services.volunteer_task_archive, _("The task was archived.")
    )


@declare(access.REPRESENTATIVE)
@signed_in
@require_POST
def organisation_restore(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Publish again the chosen entries that marking the organisation dissolved took down."""
    organisation = get_object_or_404(Organisation, public_id=public_id)
    if not access.can_manage_entries_of(request.user, organisation):
        raise PermissionDenied
    restorable = restorable_entries(organisation)
    chosen_services = set(request.POST.getlist("service"))
    chosen_tasks = set(request.POST.getlist("task"))
    try:
        refused = organisation_entries_restore(
            organisation=organisation,
            actor=Actor.from_request(request),
            services=[s for s in restorable.services if str(s.public_id) in chosen_services],
            tasks=[t for t in restorable.tasks if str(t.public_id) in chosen_tasks],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        published = len(chosen_services) + len(chosen_tasks) - len(refused)
        if published:
            messages.success(
                request,
                ngettext(
                    "%(count)d entry is public again.",
                    "%(count)d entries are public again.",
                    published,
                )
                % {"count": published},
            )
        for entry, refusal in refused:
            messages.error(request, f"{entry}: {' '.join(refusal.messages)}")
    return redirect("organisations:detail", public_id=organisation.public_id)
