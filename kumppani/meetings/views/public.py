"""The public side of meetings: the calendar, a meeting's page with its registration form
(no JavaScript needed), the signed links that confirm and cancel a registration, one's own
registrations and the iCalendar feeds."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kumppani.accounts.models import User
from kumppani.accounts.roles import roles_of
from kumppani.core import lists
from kumppani.core.access import TOKEN, declare, first_or_404, public, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import FilterForm
from kumppani.core.languages import current_language, translated
from kumppani.core.submissions import new_token, submit_once, token_from
from kumppani.organisations.models import Organisation

from .. import access, feeds, selectors
from ..models import LIVE, Audience, Meeting, MeetingStatus, Registration, RegistrationStatus
from ..public_forms import CalendarFilterForm, RegistrationForm
from ..services import registrations as services
from ..services.registrations import registration_for_token, registration_token


def meeting_card(meeting: Meeting) -> dict[str, Any]:
    """What the calendar shows of a meeting annotated by `selectors.with_seats`."""
    return {
        "meeting": meeting,
        "title": translated(meeting, "title"),
        "kind": meeting.series.get_kind_display() if meeting.series else "",
        "seats_left": selectors.seats_left(meeting),
        "waiting": meeting.waiting_count,  # type: ignore[attr-defined]
    }


@public
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """The open meetings to come, the soonest first."""
    form = CalendarFilterForm(request.GET)
    listing = lists.list_page(
        request, form, lambda _cleaned: selectors.upcoming_meetings(**form.filters())
    )
    cards = [meeting_card(meeting) for meeting in listing.page] if listing.page else []
    county = form.cleaned_data.get("county") if form.is_valid() else ""
    return lists.render_list(
        request,
        listing,
        "meetings/calendar.html",
        "meetings/_calendar_results.html",
        {"cards": cards, "county": county},
    )


def _visible_meeting(request: HttpRequest, public_id: UUID) -> Meeting:
    meeting = (
        selectors.with_seats(
            Meeting.objects.select_related("county", "series__organiser_municipality")
        )
        .filter(public_id=public_id)
        .first()
    )
    if meeting is None or not (
        meeting.is_public
        or access.own_registrations(request.user).filter(meeting=meeting).exists()
        or access.may_organise(request.user, meeting)
    ):
        raise Http404
    return meeting


def _registration_open(meeting: Meeting) -> bool:
    now = timezone.now()
    return (
        meeting.status == MeetingStatus.SCHEDULED
        and meeting.starts_at > now
        and (meeting.enrolment_opens_at is None or meeting.enrolment_opens_at <= now)
        and (meeting.enrolment_closes_at is None or meeting.enrolment_closes_at >= now)
    )


def _open_to_anyone(meeting: Meeting) -> bool:
    return meeting.is_public and (
        meeting.series is None or meeting.series.audience == Audience.OPEN
    )


def _organisations(request: HttpRequest) -> list[Organisation]:
    ids = roles_of(request.user).organisation_ids
    return list(Organisation.objects.filter(pk__in=ids).order_by("name")) if ids else []


def _status_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CONFIRMED:
        return _("You are registered for the meeting.")
    if registration.status == RegistrationStatus.WAITING:
        return _("The meeting is full: you are on the waiting list, number %(number)s.") % {
            "number": selectors.waiting_number(registration)
        }
    if registration.status == RegistrationStatus.PENDING_CONFIRMATION:
        return _("Open the link we sent to your email address to confirm the registration.")
    return _("The registration has been cancelled.")


@public
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The meeting, and its registration form for those who may register."""
    meeting = _visible_meeting(request, public_id)
    user = request.user if request.user.is_authenticated else None
    own = (
        access.own_registrations(user).filter(LIVE, meeting=meeting).order_by("id").first()
        if user
        else None
    )
    may_register = _registration_open(meeting) and (user is not None or _open_to_anyone(meeting))
    organisations = _organisations(request) if user else []
    form = None
    if may_register and own is None:
        form = RegistrationForm(
            request.POST if request.method == "POST" else None,
            meeting=meeting,
            signed_in=user is not None,
            organisations=organisations,
            initial={"submission_token": new_token()},
        )
    if request.method == "POST":
        if form is None:
            if own is None:
                messages.error(request, _("Registration for this meeting has closed."))
            return redirect("meetings:meeting_detail", public_id=meeting.public_id)
        if form.is_valid():
            response = _register(request, meeting, form, user, organisations)
            if response is not None:
                return response
    card = meeting_card(meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            **card,
            "card": card,
            "sign_in_to_register": user is None
            and _registration_open(meeting)
            and not _open_to_anyone(meeting),
            "agenda": translated(meeting, "agenda"),
            "form": form,
            "own": own,
            "own_message": _status_message(own) if own else "",
            "cancel_token": registration_token(own, purpose="cancel") if own else "",
            "may_register": may_register,
            "open_to_anyone": _open_to_anyone(meeting),
            "show_link": bool(meeting.online_link)
            and access.may_see_online_link(request.user, meeting),
            "json_ld": feeds.json_ld(feeds.event_data(meeting, request.build_absolute_uri())),
        },
    )


def _register(
    request: HttpRequest,
    meeting: Meeting,
    form: RegistrationForm,
    user: User | None,
    organisations: list[Organisation],
) -> HttpResponse | None:
    chosen = form.cleaned_data.get("on_behalf") or ""
    organisation = next((o for o in organisations if str(o.public_id) == chosen), None)

    def confirmation_link(token: str) -> str:
        return request.build_absolute_uri(reverse("meetings:registration_confirm", args=[token]))

    try:
        outcome = submit_once(
            token=token_from(request),
            user=request.user,
            create=lambda: services.register(
                meeting,
                actor=Actor.from_request(request),
                name=(user.full_name or user.email) if user else form.cleaned_data["name"],
                email=user.email if user else form.cleaned_data["email"],
                answers=form.answers(),
                user=user,
                organisation=organisation,
                language=current_language(),
                confirmation_link=None if user else confirmation_link,
            ),
            result_url=lambda _registration: reverse(
                "meetings:meeting_detail", args=[meeting.public_id]
            ),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    if outcome.result is not None:
        if user is None:
            messages.success(
                request,
                _(
                    "Thank you. We sent a link to %(email)s: the registration holds once you "
                    "open it."
                )
                % {"email": outcome.result.email},
            )
        else:
            messages.success(request, _status_message(outcome.result))
    return redirect(outcome.url)


def _token_registration(token: str, purpose: str) -> Registration | None:
    try:
        return registration_for_token(token, purpose=purpose)
    except ValidationError:
        return None


@declare(TOKEN)
@require_http_methods(["GET", "HEAD", "POST"])
def registration_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm an email address by the emailed link: the page shows a button (a link
    opened by a mail scanner changes nothing) and then the registration's state."""
    registration = _token_registration(token, "confirm")
    if registration is None:
        return render(request, "meetings/registration_link.html", {"bad_link": True}, status=400)
    error = ""
    if request.method == "POST":
        try:
            registration = services.registration_confirm(
                token=token, actor=Actor.from_request(request)
            )
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _status_message(registration))
            return redirect("meetings:registration_confirm", token=token)
    return _link_page(request, registration, "confirm", error)


@declare(TOKEN)
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Cancel a registration by its signed link (emailed, or from one's own list)."""
    registration = _token_registration(token, "cancel")
    if registration is None:
        return render(request, "meetings/registration_link.html", {"bad_link": True}, status=400)
    if request.method == "POST":
        services.cancel(registration, actor=Actor.from_request(request))
        messages.success(request, _("The registration has been cancelled."))
        return redirect("meetings:registration_cancel", token=token)
    return _link_page(request, registration, "cancel", "")


def _link_page(
    request: HttpRequest, registration: Registration, purpose: str, error: str
) -> HttpResponse:
    meeting = registration.meeting
    return render(
        request,
        "meetings/registration_link.html",
        {
            "purpose": purpose,
            "registration": registration,
            "meeting": meeting,
            "title": translated(meeting, "title"),
            "status_message": _status_message(registration),
            "may_confirm": registration.status == RegistrationStatus.PENDING_CONFIRMATION,
            "may_cancel": registration.status != RegistrationStatus.CANCELLED,
            "error": error,
        },
    )


@signed_in
@require_GET
def my_registrations(request: HttpRequest) -> HttpResponse:
    """The user's registrations (and their organisations'), the coming ones first."""
    rows = (
        access.own_registrations(request.user)
        .filter(LIVE)
        .select_related("organisation", "meeting__county")
    )
    upcoming = rows.filter(meeting__ends_at__gt=timezone.now()).order_by("meeting__starts_at", "id")
    listing = lists.list_page(request, FilterForm(request.GET), lambda _cleaned: upcoming)
    items = [
        {
            "registration": registration,
            "title": translated(registration.meeting, "title"),
            "status_message": _status_message(registration)
            if registration.status != RegistrationStatus.WAITING
            else _("On the waiting list"),
            "cancel_token": registration_token(registration, purpose="cancel"),
        }
        for registration in (listing.page or [])
    ]
    return lists.render_list(
        request,
        listing,
        "meetings/my_registrations.html",
        "meetings/_my_registration_results.html",
        {"items": items},
    )


@public
@require_GET
def meeting_ics(request: HttpRequest, public_id: UUID) -> HttpResponse:
    meeting = _visible_meeting(request, public_id)
    cal = feeds.calendar(
        [meeting], name=translated(meeting, "title").text, url_of=lambda m: _meeting_url(request, m)
    )
    return feeds.ics_response(cal, "meeting")


@public
@require_GET
def series_ics(request: HttpRequest, public_id: UUID) -> HttpResponse:
    series = first_or_404(access.public_series(), public_id=public_id)
    meetings = access.public_meetings().filter(series=series).order_by("starts_at", "id")
    cal = feeds.calendar(
        meetings, name=translated(series, "title").text, url_of=lambda m: _meeting_url(request, m)
    )
    return feeds.ics_response(cal, "series")


def _meeting_url(request: HttpRequest, meeting: Meeting) -> str:
    return request.build_absolute_uri(reverse("meetings:meeting_detail", args=[meeting.public_id]))
