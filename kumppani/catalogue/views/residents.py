"""What a resident takes away from an entry: an activity's times as a calendar file, and
"I'm interested" in a volunteer task, sent to the organisation."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.core.access import public
from kumppani.core.actor import Actor
from kumppani.core.calendars import ics_response
from kumppani.core.forms import add_service_errors
from kumppani.core.submissions import submit_once, token_from

from .. import access
from ..feeds import service_calendar
from ..forms.interest import HONEYPOT, InterestForm, is_robot
from ..models import VolunteerTask
from ..services.interest import takes_interest, volunteer_task_interest


@public
@require_GET
def service_calendar_file(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The activity's next times, to add to one's own calendar."""
    service = access.service_for_user(request.user, public_id, for_edit=False)
    page = request.build_absolute_uri(reverse("catalogue:service_detail", args=[public_id]))
    return ics_response(service_calendar(service, url=page), "activity")


def _interest_task(request: HttpRequest, public_id: UUID) -> VolunteerTask:
    task = access.task_for_user(request.user, public_id, for_edit=False)
    if not takes_interest(task):
        raise Http404
    return task


@public
@require_http_methods(["GET", "POST"])
def task_interest(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The form; sent twice (a double click, a retry), it sends one message."""
    task = _interest_task(request, public_id)
    thanks = reverse("catalogue:task_interest_thanks", args=[task.public_id])
    token = token_from(request)
    form = InterestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if is_robot(request.POST):
            return redirect(thanks)  # looks sent to the robot; nothing is
        data = form.cleaned_data
        try:
            outcome = submit_once(
                token=token,
                user=request.user,
                create=lambda: volunteer_task_interest(
                    task=task,
                    actor=Actor.from_request(request),
                    name=data["name"],
                    contact=data["contact"],
                    message=data["message"],
                ),
                result_url=lambda _email: thanks,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(outcome.url)
    return render(
        request,
        "catalogue/task_interest.html",
        {"task": task, "form": form, "submission_token": token, "honeypot": HONEYPOT},
    )


@public
@require_GET
def task_interest_thanks(request: HttpRequest, public_id: UUID) -> HttpResponse:
    task = access.task_for_user(request.user, public_id, for_edit=False)
    return render(request, "catalogue/task_interest_thanks.html", {"task": task})
