"""Representatives' pages: their entries, the editors, publishing, archiving, confirming."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kumppani.core.access import declare, signed_in
from kumppani.core.actor import Actor
from kumppani.organisations.models import Organisation

from .. import access, selectors, services
from ..forms import ManageFilterForm, ServiceEditor, TaskForm
from ..services.organisation_entries import organisation_entries_restore, restorable_entries
from .steps import (
    PAGE_SIZE,
    SERVICE_PAGES,
    TASK_PAGES,
    create_page,
    edit_page,
    entry_step,
    posted,
    query_without_page,
    represented,
)


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


@declare(access.REPRESENTATIVE)
@signed_in
def service_create(request: HttpRequest) -> HttpResponse:
    access.require_representative(request.user)
    editor = ServiceEditor(posted(request))
    return create_page(request, SERVICE_PAGES, editor, services.service_create)


@declare(access.SERVICE_EDITOR)
def service_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_user(request.user, public_id, for_edit=True)
    editor = ServiceEditor(posted(request), service=service)
    return edit_page(request, SERVICE_PAGES, service, editor, services.service_update)


@declare(access.SERVICE_EDITOR)
@require_POST
def service_publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    done = _("The activity is now published.")
    return entry_step(request, SERVICE_PAGES, public_id, services.service_publish, done)


@declare(access.SERVICE_EDITOR)
@require_POST
def service_archive(request: HttpRequest, public_id: UUID) -> HttpResponse:
    done = _("The activity was archived and is no longer public.")
    return entry_step(request, SERVICE_PAGES, public_id, services.service_archive, done)


@declare(access.SERVICE_EDITOR)
@require_POST
def service_confirm(request: HttpRequest, public_id: UUID) -> HttpResponse:
    done = _("Thank you. The details are marked as current.")
    return entry_step(request, SERVICE_PAGES, public_id, services.service_confirm, done)


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
    form = TaskForm(posted(request))
    return create_page(request, TASK_PAGES, form, services.volunteer_task_create)


@declare(access.SERVICE_EDITOR)
def task_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    task = access.task_for_user(request.user, public_id, for_edit=True)
    form = TaskForm(posted(request), initial=TaskForm.initial_for(task))
    return edit_page(request, TASK_PAGES, task, form, services.volunteer_task_update)


@declare(access.SERVICE_EDITOR)
@require_POST
def task_publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    done = _("The task is now published.")
    return entry_step(request, TASK_PAGES, public_id, services.volunteer_task_publish, done)


@declare(access.SERVICE_EDITOR)
@require_POST
def task_archive(request: HttpRequest, public_id: UUID) -> HttpResponse:
    done = _("The task was archived.")
    return entry_step(request, TASK_PAGES, public_id, services.volunteer_task_archive, done)


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
