"""What the pages of services and volunteer tasks share: adding and editing one, the step
after a button press, the hide page and its message.

The pages of both kinds of entry work the same way; what differs between them comes in an
`EntryPages` (templates, URL names, access checks, wording), like the services' `EntryKind`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kumppani.accounts.roles import roles_of
from kumppani.core.actor import Actor
from kumppani.core.concurrency import ChangedMeanwhile
from kumppani.core.forms import add_service_errors
from kumppani.core.languages import translated_ordering
from kumppani.core.submissions import submit_once, token_from
from kumppani.organisations.models import Organisation

from .. import access
from ..forms import HideForm, OrganisationChoiceForm
from ..models import Service, VolunteerTask
from ..services.workflow import Hidden

PAGE_SIZE = 25


class EntryForm(Protocol):
    """The form of a service's or a task's edit page (`ServiceEditor`, `TaskForm`)."""

    def is_valid(self) -> bool: ...

    def values(self) -> Mapping[str, Any]:
        """The keyword arguments of the create and update services."""
        ...

    def show_error(self, error: ValidationError) -> None: ...

    def edited_version(self) -> str | None: ...

    def renew_version(self, obj: Any) -> None: ...


@dataclass(frozen=True)
class EntryPages:
    """What the shared pages need to know about services, or about volunteer tasks."""

    name: str  # the services' keyword for the entry, and the templates' name for it
    form_name: str  # the edit template's name for its form
    template: str  # the add and edit page
    detail: str  # the URL name of the entry's page
    for_user: Callable[..., Any]  # the access check of a representative (`for_edit`)
    for_moderator: Callable[..., Any]  # the access check of a coordinator
    saved_as_draft: Promise  # the message after adding one (translated when shown)


SERVICE_PAGES = EntryPages(
    name="service",
    form_name="editor",
    template="catalogue/service_form.html",
    detail="catalogue:service_detail",
    for_user=access.service_for_user,
    for_moderator=access.service_for_moderator,
    saved_as_draft=gettext_lazy("The activity was saved as a draft."),
)
TASK_PAGES = EntryPages(
    name="task",
    form_name="form",
    template="catalogue/task_form.html",
    detail="catalogue:task_detail",
    for_user=access.task_for_user,
    for_moderator=access.task_for_moderator,
    saved_as_draft=gettext_lazy("The task was saved as a draft."),
)


def posted(request: HttpRequest) -> Any:
    """The form data of a POST; None (an unbound form) otherwise."""
    return request.POST if request.method == "POST" else None


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def represented(request: HttpRequest) -> QuerySet[Organisation]:
    user = request.user
    if user.is_staff:
        return Organisation.objects.active().order_by(translated_ordering("name"), "id")
    return Organisation.objects.filter(pk__in=roles_of(user).organisation_ids).order_by(
        translated_ordering("name"), "id"
    )


def create_page(
    request: HttpRequest, pages: EntryPages, form: EntryForm, create: Callable[..., Any]
) -> HttpResponse:
    """The page that adds a service or task, as a draft, to one of the user's organisations;
    the same submission sent again shows the entry it added the first time."""
    chooser = OrganisationChoiceForm(posted(request), organisations=represented(request))
    token = token_from(request)
    if request.method == "POST" and all([chooser.is_valid(), form.is_valid()]):
        try:
            outcome = submit_once(
                token=token,
                user=request.user,
                create=lambda: create(
                    organisation=chooser.cleaned_data["organisation"],
                    actor=Actor.from_request(request),
                    **form.values(),
                ),
                result_url=lambda entry: reverse(pages.detail, args=[entry.public_id]),
            )
        except ValidationError as error:
            form.show_error(error)
        else:
            if not outcome.repeated:
                messages.success(request, str(pages.saved_as_draft))
            return redirect(outcome.url)
    return render(
        request,
        pages.template,
        {"chooser": chooser, pages.form_name: form, pages.name: None, "submission_token": token},
    )


def edit_page(
    request: HttpRequest,
    pages: EntryPages,
    entry: Service | VolunteerTask,
    form: EntryForm,
    update: Callable[..., Any],
) -> HttpResponse:
    """The page that changes a service or task; an edit of an older version is shown again
    with the differences and the current version."""
    if request.method == "POST" and form.is_valid():
        try:
            update(
                actor=Actor.from_request(request),
                base_version=form.edited_version(),
                **{pages.name: entry},
                **form.values(),
            )
        except ValidationError as error:
            form.show_error(error)
            if isinstance(error, ChangedMeanwhile):
                form.renew_version(entry)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(pages.detail, entry.public_id)
    return render(
        request, pages.template, {"chooser": None, pages.form_name: form, pages.name: entry}
    )


def entry_step(
    request: HttpRequest,
    pages: EntryPages,
    public_id: UUID,
    step: Callable[..., object],
    done: str,
    *,
    moderating: bool = False,
) -> HttpResponse:
    """Run one workflow step of a service or task (a button on its page: a representative's,
    or a coordinator's when `moderating`), say how it went, show its page."""
    if moderating:
        entry = pages.for_moderator(request.user, public_id)
    else:
        entry = pages.for_user(request.user, public_id, for_edit=True)
    try:
        step(actor=Actor.from_request(request), **{pages.name: entry})
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(pages.detail, entry.public_id)


def hide_page(
    request: HttpRequest,
    pages: EntryPages,
    public_id: UUID,
    hide: Callable[..., Hidden[Any]],
    done: str,
) -> HttpResponse:
    """The coordinator's form to hide a service or task, with the reason the organisation
    is sent; the page then says whom the email went to, or whom to contact instead."""
    entry = pages.for_moderator(request.user, public_id)
    form = HideForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            hidden = hide(
                reason=form.cleaned_data["reason"],
                actor=Actor.from_request(request),
                **{pages.name: entry},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            say_who_was_told(request, entry, hidden.emails_queued)
            return redirect(pages.detail, entry.public_id)
    return render(request, "catalogue/hide_form.html", {"form": form, "entry": entry})


def say_who_was_told(request: HttpRequest, entry: Service | VolunteerTask, told: int) -> None:
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
