"""The activity editor in steps: a short first step that can publish the activity at once,
then optional steps, each saved as it is sent (the activity stays a draft until published).
With JavaScript a draft's step is also saved a moment after typing stops (autosave), which
never publishes.
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
from django.views.decorators.http import require_POST

from kumppani.core.access import declare, signed_in
from kumppani.core.actor import Actor
from kumppani.core.autosave import autosave_answer, autosave_status
from kumppani.core.concurrency import ChangedMeanwhile, version_of
from kumppani.core.forms import add_service_errors
from kumppani.core.languages import current_language
from kumppani.core.submissions import submit_once, token_from

from .. import access, services
from ..forms import OrganisationChoiceForm
from ..forms.service_steps import (
    FIRST_STEP,
    STEPS,
    FirstStepForm,
    step_after,
    step_form,
    step_named,
)
from ..models import PublicationStatus, Service
from ..pin_map import pin_map_data
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
        latitude="address",  # the pin on the map belongs to the address
        longitude="address",
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
            "pin_map": pin_map_data(),
        },
    )


@declare(access.SERVICE_EDITOR)
def service_step(request: HttpRequest, public_id: UUID, step: str) -> HttpResponse:
    """One step of the editor for a saved activity; sending it saves it (and moves on)."""
    service = access.service_for_user(request.user, public_id, for_edit=True)
    current = step_named(step)
    if current is None:
        raise Http404
    form: Any = step_form(current, posted(request), service)
    if request.method == "POST" and form.is_valid():
        try:
            _save_step(request, service, form)
        except ValidationError as error:
            add_service_errors(form, error, field_names=_field_names())
            if isinstance(error, ChangedMeanwhile):
                form.renew_version(service)
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
    is_draft = service.status == PublicationStatus.DRAFT
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
            "autosave_url": (
                reverse("catalogue:service_step_autosave", args=[service.public_id, current.slug])
                if is_draft
                else None
            ),
            "full_form_url": reverse("catalogue:service_edit", args=[service.public_id]),
            "pin_map": pin_map_data() if current.slug == FIRST_STEP else None,
        },
    )


def _save_step(request: HttpRequest, service: Service, form: Any) -> str:
    """Save a step's valid form (raises the service's errors); return the new version."""
    services.service_update(
        service=service,
        actor=Actor.from_request(request),
        base_version=form.edited_version(),
        **form.values(),
    )
    return version_of(service)


@declare(access.SERVICE_EDITOR)
@require_POST
def service_step_autosave(request: HttpRequest, public_id: UUID, step: str) -> HttpResponse:
    """Save a draft's step as the person types: the step's form posts itself here (htmx) a
    moment after typing stops (`kumppani.core.autosave`). Never publishes; a published
    activity changes only with the step's buttons."""
    service = access.service_for_user(request.user, public_id, for_edit=True)
    current = step_named(step)
    if current is None:
        raise Http404
    if service.status != PublicationStatus.DRAFT:
        return autosave_status(
            request,
            _("Changes to a published activity are saved with the buttons below."),
            status=422,
        )
    form = step_form(current, request.POST, service)
    return autosave_answer(
        request,
        valid=form.is_valid(),
        save=lambda: _save_step(request, service, form),
        changed_elsewhere=_(
            "Not saved: the activity was changed on another device or in another tab "
            "meanwhile. What you typed is still here. Press Save to see the differences "
            "and save again."
        ),
    )
