"""The activity editor in steps: a short first step that can publish the activity at once,
then optional steps, each saved as it is sent (the activity stays a draft until published).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kumppani.core.access import declare, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import add_service_errors
from kumppani.core.languages import current_language
from kumppani.core.submissions import submit_once, token_from

from .. import access, services
from ..forms import OrganisationChoiceForm
from ..forms.service_steps import FIRST_STEP, STEPS, FirstStepForm, step_after, step_named
from ..models import PublicationStatus, Service
from .steps import posted, represented

PUBLISH = "publish"  # the name of the button that publishes as well as saves


def _field_names() -> dict[str, str]:
    """The services' names of the fields the steps give in the reader's language only."""
    language = current_language()
    names = {
        f"{field}_{language}": field
        for field in ("name", "summary", "description", "fee_description")
    }
    names.update(
        {
            f"{field}_fi": field
            for field in ("name", "summary", "fee_description")
            if f"{field}_fi" not in names
        }
    )
    names.update(
        starts_at="start_time",
        ends_at="end_time",
        rrule="repeat",
        until="start_date",
        municipalities="municipality",
    )
    return names


def step_url(service: Service, slug: str) -> str:
    return reverse("catalogue:service_step", args=[service.public_id, slug])


def _publish(request: HttpRequest, service: Service) -> bool:
    """Publish the saved draft; say why not where it cannot be yet."""
    try:
        services.service_publish(service=service, actor=Actor.from_request(request))
    except ValidationError as error:
        messages.error(request, _("The activity was saved as a draft but not published yet."))
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, _("The activity is now published."))
    return True


@declare(access.REPRESENTATIVE)
@signed_in
def service_start(request: HttpRequest) -> HttpResponse:
    """The first step of a new activity: enough to publish it, on one short page."""
    access.require_representative(request.user)
    chooser = OrganisationChoiceForm(posted(request), organisations=represented(request))
    form = FirstStepForm(posted(request), organisation=chooser.only)
    token = token_from(request)
    if request.method == "POST" and all([chooser.is_valid(), form.is_valid()]):
        try:
            outcome = submit_once(
                token=token,
                user=request.user,
                create=lambda: services.service_create(
                    organisation=chooser.cleaned_data["organisation"],
                    actor=Actor.from_request(request),
                    **form.values(),
                ),
                result_url=lambda service: step_url(service, STEPS[1].slug),
            )
        except ValidationError as error:
            add_service_errors(form, error, field_names=_field_names())
        else:
            service = outcome.result
            if service is None:  # sent again: show what the first send made
                return redirect(outcome.url)
            if PUBLISH not in request.POST:
                messages.success(request, _("The activity was saved as a draft."))
            elif not _publish(request, service):
                return redirect(step_url(service, FIRST_STEP))
            return redirect(outcome.url)
    return render(
        request,
        "catalogue/service_step.html",
        {
            "chooser": chooser,
            "form": form,
            "service": None,
            "step": STEPS[0],
            "steps": STEPS,
            "submission_token": token,
            "full_form_url": reverse("catalogue:service_create"),
        },
    )


@declare(access.SERVICE_EDITOR)
def service_step(request: HttpRequest, public_id: UUID, step: str) -> HttpResponse:
    """One step of the editor for a saved activity; sending it saves it (and moves on)."""
    service = access.service_for_user(request.user, public_id, for_edit=True)
    current = step_named(step)
    if current is None:
        raise Http404
    form: Any = current.form_class(posted(request), service=service)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(
                service=service, actor=Actor.from_request(request), **form.values()
            )
        except ValidationError as error:
            add_service_errors(form, error, field_names=_field_names())
        else:
            if PUBLISH in request.POST and service.status != PublicationStatus.PUBLISHED:
                if not _publish(request, service):
                    return redirect(step_url(service, current.slug))
            else:
                messages.success(request, _("The changes were saved."))
            following = step_after(current.slug)
            if following is None or "finish" in request.POST:
                return redirect("catalogue:service_detail", service.public_id)
            return redirect(step_url(service, following.slug))
    following = step_after(current.slug)
    return render(
        request,
        "catalogue/service_step.html",
        {
            "chooser": None,
            "form": form,
            "service": service,
            "step": current,
            "steps": STEPS,
            "next_url": step_url(service, following.slug) if following else None,
            "is_draft": service.status != PublicationStatus.PUBLISHED,
            "full_form_url": reverse("catalogue:service_edit", args=[service.public_id]),
        },
    )
