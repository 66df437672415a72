"""What the catalogue pages share: the step after a button press, the hide page and its message."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kumppani.accounts.roles import roles_of
from kumppani.core.actor import Actor
from kumppani.core.forms import add_service_errors
from kumppani.core.languages import translated_ordering
from kumppani.organisations.models import Organisation

from ..forms import (
    HideForm,
)
from ..models import Service, VolunteerTask
from ..services.workflow import Hidden

PAGE_SIZE = 25


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


def after_step(
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


def hide_page(
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
            say_who_was_told(request, entry, hidden.emails_queued)
            return redirect(target, entry.public_id)
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
