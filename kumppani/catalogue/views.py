"""Catalogue pages: service and task pages, the printable list, editing, moderation."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kumppani.accounts.roles import roles_of
from kumppani.core.access import declare, public, signed_in
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.forms import add_service_errors
from kumppani.core.htmx import render_fragment_or_page
from kumppani.organisations.models import Organisation
from kumppani.organisations.selectors import name_in_language

from . import access, selectors, services
from .forms import (
    ACTIVITY_LANGUAGES,
    HideForm,
    ManageFilterForm,
    OrganisationChoiceForm,
    PrintForm,
    ServiceEditor,
    StaleFilterForm,
    TaskFilterForm,
    TaskForm,
)
from .models import Service, VolunteerTask
from .taxonomy_data import ACTIVITY_TYPES, PTV_TARGET_GROUPS, THEMES

PAGE_SIZE = 25


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _represented(request: HttpRequest) -> QuerySet[Organisation]:
    user = request.user
    if user.is_staff:
        return Organisation.objects.active().order_by(Lower(name_in_language()))
    return Organisation.objects.filter(pk__in=roles_of(user).organisation_ids).order_by(
        Lower(name_in_language())
    )


def _language_name(code: str) -> str:
    from django.utils.translation import get_language_info

    names = dict(ACTIVITY_LANGUAGES)
    if code in names:
        return str(names[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def next_occurrences(service: Service, count: int = 5) -> list[tuple[datetime, datetime | None]]:
    """The next start (and end) times over all the service's schedules, holidays left out."""
    now = timezone.now()
    found = []
    for schedule in service.schedules.all():
        duration = schedule.ends_at - schedule.starts_at if schedule.ends_at else None
        for start in schedule.occurrences(after=now, count=count):
            found.append((start, start + duration if duration else None))
    return sorted(found, key=lambda pair: pair[0])[:count]


def _service_context(service: Service) -> dict[str, Any]:
    terms = list(service.terms.all())
    by_taxonomy = {
        code: [term for term in terms if term.taxonomy.code == code]
        for code in (ACTIVITY_TYPES, THEMES, PTV_TARGET_GROUPS)
    }
    return {
        "service": service,
        "activity_types": by_taxonomy[ACTIVITY_TYPES],
        "themes": by_taxonomy[THEMES],
        "target_groups": by_taxonomy[PTV_TARGET_GROUPS],
        "occurrences": next_occurrences(service),
        "languages": [_language_name(lang.code) for lang in service.languages.all()],
        "locations": [link.location for link in service.service_locations.all()],
        "accessibility": [
            Service._meta.get_field(name).verbose_name  # type: ignore[union-attr]
            for name in (
                "step_free_access",
                "accessible_toilet",
                "induction_loop",
                "sign_language",
                "easy_to_read",
                "remote_participation",
            )
            if getattr(service, name)
        ],
    }


@public
@require_GET
def service_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_user(request.user, public_id, for_edit=False)
    context = _service_context(service)
    context.update(
        can_edit=access.can_edit_service(request.user, service),
        can_moderate=access.can_moderate_service(request.user, service),
    )
    return render(request, "catalogue/service_detail.html", context)


@public
@require_GET
def printable(request: HttpRequest) -> HttpResponse:
    """A clean list a professional prints and hands to a client."""
    form = PrintForm(request.GET)
    form.is_valid()
    ids = form.cleaned_data.get("ids") or []
    if not ids:
        ids = selectors.service_ids_for_search_query(request.GET)
    chosen = selectors.services_for_print(ids)
    items = [
        {**_service_context(service), "occurrences": next_occurrences(service, 3)}
        for service in chosen
    ]
    return render(
        request, "catalogue/printable.html", {"items": items, "printed_at": timezone.now()}
    )


# --- representatives' pages --------------------------------------------------------------


@declare(access.REPRESENTATIVE)
@signed_in
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    """The services of the organisations the user represents."""
    access.require_representative(request.user)
    organisations = _represented(request)
    form = ManageFilterForm(request.GET or None, organisations=organisations)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.services_managed_by(request.user, filters)  # type: ignore[arg-type]
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/manage.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


def _run_editor(request: HttpRequest, editor: ServiceEditor, save: Any) -> Service | None:
    if request.method != "POST" or not editor.is_valid():
        return None
    try:
        result: Service = save(
            actor=Actor.from_request(request),
            location=editor.location(),
            schedule=editor.schedule(),
            **editor.fields(),
        )
    except ValidationError as error:
        editor.add_error(error)
        return None
    return result


@declare(access.REPRESENTATIVE)
@signed_in
def service_create(request: HttpRequest) -> HttpResponse:
    access.require_representative(request.user)
    data = request.POST if request.method == "POST" else None
    chooser = OrganisationChoiceForm(data, organisations=_represented(request))
    editor = ServiceEditor(data)
    if request.method == "POST" and chooser.is_valid():
        organisation = chooser.cleaned_data["organisation"]
        service = _run_editor(
            request,
            editor,
            lambda **kwargs: services.service_create(organisation=organisation, **kwargs),
        )
        if service is not None:
            messages.success(request, _("The activity was saved as a draft."))
            return redirect("catalogue:service_detail", service.public_id)
    elif request.method == "POST":
        editor.is_valid()
    return render(
        request,
        "catalogue/service_form.html",
        {"chooser": chooser, "editor": editor, "service": None},
    )


@declare(access.SERVICE_EDITOR)
def service_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_user(request.user, public_id, for_edit=True)
    editor = ServiceEditor(request.POST if request.method == "POST" else None, service=service)
    saved = _run_editor(
        request,
        editor,
        lambda **kwargs: services.service_update(service=service, **kwargs),
    )
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect("catalogue:service_detail", saved.public_id)
    return render(
        request,
        "catalogue/service_form.html",
        {"chooser": None, "editor": editor, "service": service},
    )


def _transition(
    request: HttpRequest, step: Callable[..., object], done: str, target: str, pk: UUID
) -> HttpResponse:
    """Run one workflow step of a service or task, say how it went, show its page."""
    try:
        step(actor=Actor.from_request(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(target, pk)


def _hide_page(
    request: HttpRequest,
    entry: Service | VolunteerTask,
    hide: Callable[..., object],
    done: str,
    target: str,
) -> HttpResponse:
    """The coordinator's form to hide a service or task, with the reason the organisation
    is sent."""
    form = HideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            hide(reason=form.cleaned_data["reason"], actor=Actor.from_request(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(target, entry.public_id)
    return render(request, "catalogue/hide_form.html", {"form": form, "entry": entry})


@declare(access.SERVICE_EDITOR)
@require_POST
def service_publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_user(request.user, public_id, for_edit=True)
    return _transition(
        request,
        partial(services.service_publish, service=service),
        _("The activity is now published."),
        "catalogue:service_detail",
        service.public_id,
    )


@declare(access.SERVICE_EDITOR)
@require_POST
def service_archive(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_user(request.user, public_id, for_edit=True)
    return _transition(
        request,
        partial(services.service_archive, service=service),
        _("The activity was archived and is no longer public."),
        "catalogue:service_detail",
        service.public_id,
    )


@declare(access.SERVICE_EDITOR)
@require_POST
def service_confirm(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_user(request.user, public_id, for_edit=True)
    return _transition(
        request,
        partial(services.service_confirm, service=service),
        _("Thank you. The details are marked as current."),
        "catalogue:service_detail",
        service.public_id,
    )


# --- coordinators' pages -----------------------------------------------------------------


@declare(access.SERVICE_MODERATOR)
def service_hide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_moderator(request.user, public_id)
    return _hide_page(
        request,
        service,
        partial(services.service_hide, service=service),
        _("The activity is hidden. The organisation was told by email."),
        "catalogue:service_detail",
    )


@declare(access.SERVICE_MODERATOR)
@require_POST
def service_unhide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    service = access.service_for_moderator(request.user, public_id)
    return _transition(
        request,
        partial(services.service_unhide, service=service),
        _("The activity is shown again."),
        "catalogue:service_detail",
        service.public_id,
    )


@declare(access.COORDINATOR)
@signed_in
@require_GET
def stale(request: HttpRequest) -> HttpResponse:
    """Published services of the coordinator's county not confirmed for a year."""
    counties = access.coordinated_counties(request.user)
    if not counties:
        raise PermissionDenied
    form = StaleFilterForm(request.GET or None, counties=counties)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen = [filters["county"]] if filters.get("county") else counties
    found = selectors.stale_services(chosen, filters)
    if request.GET.get("format") == "csv":
        audit_record(
            actor=Actor.from_request(request),
            action="catalogue.stale_list.export",
            county=chosen[0] if len(chosen) == 1 else None,
            details={"counties": [county.code for county in chosen]},
        )
        return _stale_csv(found)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    export_query["format"] = "csv"
    return render(
        request,
        "catalogue/stale.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "export_query": export_query.urlencode(),
        },
    )


def _stale_csv(found: QuerySet[Service]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stale-services.csv"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Activity"), _("Organisation"), _("Last confirmed"), _("Link")])
    for service in found.iterator(chunk_size=500):
        writer.writerow(
            [
                service.name,
                service.organisation.name,
                timezone.localtime(service.last_verified_at).date().isoformat(),
                settings.SITE_URL + reverse("catalogue:service_detail", args=[service.public_id]),
            ]
        )
    return response


# --- volunteer tasks ---------------------------------------------------------------------


@public
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    form = TaskFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = _search_page(filters, request.GET.get("page"))
    return render_fragment_or_page(
        request,
        "catalogue/task_list.html",
        "catalogue/includes/task_results.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


def _search_page(filters: dict[str, Any], number: Any) -> Page:
    """A Paginator page whose items the search engine fetched for that page only."""
    try:
        wanted = max(1, int(number or 1))
    except ValueError:
        wanted = 1
    items, total = selectors.volunteer_tasks_search(filters, page=wanted, per_page=PAGE_SIZE)
    page = Paginator(range(total), PAGE_SIZE).get_page(wanted)
    if page.number != wanted:  # past the last page: show the last one
        items, _total = selectors.volunteer_tasks_search(
            filters, page=page.number, per_page=PAGE_SIZE
        )
    page.object_list = items  # type: ignore[assignment]
    return page


@public
@require_GET
def task_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    task = access.task_for_user(request.user, public_id, for_edit=False)
    return render(
        request,
        "catalogue/task_detail.html",
        {
            "task": task,
            "can_edit": access.can_edit_service(request.user, task),
            "can_moderate": access.can_moderate_task(request.user, task),
        },
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
    chooser = OrganisationChoiceForm(data, organisations=_represented(request))
    form = TaskForm(data)
    if request.method == "POST" and all([chooser.is_valid(), form.is_valid()]):
        try:
            task = services.volunteer_task_create(
                organisation=chooser.cleaned_data["organisation"],
                actor=Actor.from_request(request),
                **form.task_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The task was saved as a draft."))
            return redirect("catalogue:task_detail", task.public_id)
    return render(
        request, "catalogue/task_form.html", {"chooser": chooser, "form": form, "task": None}
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
                task=task, actor=Actor.from_request(request), **form.task_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
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
    return _transition(
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


@declare(access.SERVICE_MODERATOR)
def task_hide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    task = access.task_for_moderator(request.user, public_id)
    return _hide_page(
        request,
        task,
        partial(services.volunteer_task_hide, task=task),
        _("The task is hidden. The organisation was told by email."),
        "catalogue:task_detail",
    )


@declare(access.SERVICE_MODERATOR)
@require_POST
def task_unhide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    task = access.task_for_moderator(request.user, public_id)
    return _transition(
        request,
        partial(services.volunteer_task_unhide, task=task),
        _("The task is shown again."),
        "catalogue:task_detail",
        task.public_id,
    )
