"""Catalogue pages: service and task pages, the printable list, editing, moderation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kumppani.accounts.roles import roles_of
from kumppani.core import lists
from kumppani.core.access import declare, public, signed_in
from kumppani.core.actor import Actor
from kumppani.core.concurrency import VERSION_FIELD, ChangedMeanwhile
from kumppani.core.documents import PDF_CONTENT_TYPE, render_pdf
from kumppani.core.exports import FORMATS, export_response
from kumppani.core.forms import add_service_errors
from kumppani.core.htmx import render_fragment_or_page
from kumppani.core.languages import current_language, language_name, translated_ordering
from kumppani.core.parameters import page_number
from kumppani.core.submissions import submit_once, token_from
from kumppani.organisations.models import Organisation

from . import access, selectors, services
from .exports import STALE_COLUMNS, stale_counties
from .forms import (
    HideForm,
    ManageFilterForm,
    OrganisationChoiceForm,
    PrintForm,
    ServiceEditor,
    StaleFilterForm,
    TaskFilterForm,
    TaskForm,
)
from .models import Service, VolunteerTask, accessibility_fields
from .services.organisation_entries import organisation_entries_restore, restorable_entries
from .services.workflow import Hidden
from .taxonomy_data import ACTIVITY_TYPES, PTV_TARGET_GROUPS, THEMES

PAGE_SIZE = 25

STALE_SORTS = {
    "confirmed": lists.Sort(_lazy("Longest unconfirmed first"), ("last_verified_at", "id")),
    "name": lists.Sort(_lazy("Activity name"), lambda: (translated_ordering("name"), "id")),
}


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _represented(request: HttpRequest) -> QuerySet[Organisation]:
    user = request.user
    if user.is_staff:
        return Organisation.objects.active().order_by(translated_ordering("name"), "id")
    return Organisation.objects.filter(pk__in=roles_of(user).organisation_ids).order_by(
        translated_ordering("name"), "id"
    )


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
        "languages": [language_name(lang.code) for lang in service.languages.all()],
        "locations": [link.location for link in service.service_locations.all()],
        "accessibility": [
            field.verbose_name for field in accessibility_fields() if getattr(service, field.name)
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


def _printable_items(request: HttpRequest) -> list[dict[str, Any]]:
    """The chosen services (``?ids=``, or the results of a search query string) with what a
    printed list shows of each."""
    form = PrintForm(request.GET)
    form.is_valid()
    ids = form.cleaned_data.get("ids") or []
    if not ids:
        ids = selectors.service_ids_for_search_query(request.GET)
    return [
        {**_service_context(service), "occurrences": next_occurrences(service, 3)}
        for service in selectors.services_for_print(ids)
    ]


@public
@require_GET
def printable(request: HttpRequest) -> HttpResponse:
    """A clean list a professional prints and hands to a client."""
    context = {
        "items": _printable_items(request),
        "printed_at": timezone.now(),
        "pdf_query": request.GET.urlencode(),
    }
    return render(request, "catalogue/printable.html", context)


@public
@require_GET
def printable_pdf(request: HttpRequest) -> HttpResponse:
    """The printable list as a tagged PDF in the page's language."""
    context = {"items": _printable_items(request), "printed_at": timezone.now()}
    pdf = render_pdf("catalogue/printable_pdf.html", context, language=current_language())
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="activities.pdf"'
    return response


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
    chooser = OrganisationChoiceForm(data, organisations=_represented(request))
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
    hide: Callable[..., Hidden[Any]],
    done: str,
    target: str,
) -> HttpResponse:
    """The coordinator's form to hide a service or task, with the reason the organisation
    is sent; the page then says whom the email went to, or whom to contact instead."""
    form = HideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            hidden = hide(reason=form.cleaned_data["reason"], actor=Actor.from_request(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            _say_who_was_told(request, entry, hidden.emails_queued)
            return redirect(target, entry.public_id)
    return render(request, "catalogue/hide_form.html", {"form": form, "entry": entry})


def _say_who_was_told(request: HttpRequest, entry: Service | VolunteerTask, told: int) -> None:
    if told:
        messages.info(
            request,
            ngettext(
                "An email telling why is on its way to the organisation's representative.",
                "An email telling why is on its way to the organisation's %(count)d "
                "representatives.",
                told,
            )
            % {"count": told},
        )
        return
    organisation = entry.organisation
    contacts = ", ".join(
        value for value in (organisation.email, organisation.phone, organisation.website) if value
    )
    messages.warning(
        request,
        _(
            "Nobody represents %(organisation)s in the service, so no email was sent. Tell the "
            "organisation yourself: %(contacts)s."
        )
        % {
            "organisation": organisation,
            "contacts": contacts or _("it has no contact details in the registry"),
        },
    )


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
        _("The activity is hidden."),
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
def stale(request: HttpRequest) -> HttpResponseBase:
    """Published services of the coordinator's counties not confirmed for a year; with
    ``?format=csv`` or ``xlsx`` the whole filtered list as a file."""
    counties = access.coordinated_counties(request.user)
    if not counties:
        raise PermissionDenied
    listing = lists.list_page(
        request,
        StaleFilterForm(request.GET, counties=counties),
        lambda filters: selectors.stale_services(stale_counties(counties, filters), filters),
        sorts=STALE_SORTS,
    )
    file_format = request.GET.get(lists.FORMAT)
    if file_format in FORMATS and listing.rows is not None:
        chosen = stale_counties(counties, listing.form.cleaned_data)
        return export_response(
            listing.rows,
            columns=STALE_COLUMNS,
            file_format=file_format,
            filename="stale-services",
            title=_("Activities that may be out of date"),
            actor=Actor.from_request(request),
            action="catalogue.stale_list.export",
            county=chosen[0] if len(chosen) == 1 else None,
            filters=listing.filter_values(),
            details={"counties": [county.code for county in chosen]},
        )
    return lists.render_list(
        request, listing, "catalogue/stale.html", "catalogue/includes/stale_results.html"
    )


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
    wanted = page_number(number)
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
        _("The task is hidden."),
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
