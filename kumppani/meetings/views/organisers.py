"""The organisers' pages: their series and meetings at a glance, a series made and changed
(with its meetings made from the recurrence), a meeting made, changed and cancelled."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts.models import CountyRoleKind
from kumppani.accounts.roles import roles_of
from kumppani.core import lists
from kumppani.core.access import declare, first_or_404, require, signed_in
from kumppani.core.actor import Actor
from kumppani.core.forms import FilterForm, add_service_errors, change_page, save_versioned
from kumppani.core.models import County, Municipality
from kumppani.core.submissions import create_from_form, new_token

from .. import access
from ..models import Meeting, MeetingStatus, Series
from ..organiser_forms import (
    CancelForm,
    GenerateForm,
    MeetingForm,
    NewMeetingForm,
    QuestionFormSet,
    SeriesForm,
)
from ..services import meetings as meeting_services
from ..services import series as series_services

# How many coming meetings the home page shows of each series.
COMING_SHOWN = 3


def require_organiser(request: HttpRequest) -> None:
    """403 for someone who organises nothing (neither coordinator nor liaison)."""
    roles = roles_of(request.user)
    require(roles.is_staff or roles.is_coordinator or bool(roles.liaison_municipality_ids))


def organised_series_of(request: HttpRequest, public_id: UUID) -> Series:
    require_organiser(request)
    return first_or_404(access.organised_series(request.user), public_id=public_id)


def organised_meeting(request: HttpRequest, public_id: UUID) -> Meeting:
    require_organiser(request)
    return first_or_404(access.organised_meetings(request.user), public_id=public_id)


def _series_counties(request: HttpRequest) -> QuerySet[County]:
    roles = roles_of(request.user)
    if roles.is_staff:
        return County.objects.order_by("code")
    ids = roles.coordinator_county_ids | roles.county_ids(CountyRoleKind.LIAISON)
    return County.objects.filter(pk__in=ids).order_by("code")


def _series_municipalities(request: HttpRequest) -> QuerySet[Municipality]:
    roles = roles_of(request.user)
    if roles.is_staff:
        return Municipality.objects.filter(county__isnull=False)
    return Municipality.objects.filter(
        Q(county_id__in=roles.coordinator_county_ids) | Q(pk__in=roles.liaison_municipality_ids)
    )


def _may_organise_in(request: HttpRequest, county: County, municipality: Any) -> bool:
    """Whether the user may make a series of the county (organised by the municipality)."""
    roles = roles_of(request.user)
    if roles.is_staff or county.pk in roles.coordinator_county_ids:
        return True
    return municipality is not None and municipality.pk in roles.liaison_municipality_ids


# --- the organiser's home ------------------------------------------------------------------


@declare(access.ORGANISER)
@signed_in
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The series the user organises, with their next meetings, and the coming one-offs."""
    require_organiser(request)
    now = timezone.now()
    coming = Meeting.objects.filter(starts_at__gte=now).order_by("starts_at", "id")
    listing = lists.list_page(
        request,
        FilterForm(request.GET),
        lambda _cleaned: (
            access.organised_series(request.user)
            .prefetch_related(
                Prefetch("meetings", queryset=coming[:COMING_SHOWN], to_attr="coming")
            )
            .order_by("-is_active", "title", "id")
        ),
    )
    one_offs = Paginator(
        access.organised_meetings(request.user)
        .filter(series__isnull=True, starts_at__gte=now)
        .order_by("starts_at", "id"),
        lists.PAGE_SIZE,
    ).get_page(request.GET.get("one_offs_page"))
    roles = roles_of(request.user)
    return lists.render_list(
        request,
        listing,
        "meetings/manage/home.html",
        "meetings/manage/_series_results.html",
        {"one_offs": one_offs, "may_make_one_offs": roles.is_staff or roles.is_coordinator},
    )


# --- series --------------------------------------------------------------------------------


def _series_form(request: HttpRequest, series: Series | None) -> SeriesForm:
    return SeriesForm(
        request.POST if request.method == "POST" else None,
        initial=SeriesForm.initial_for(series) if series else {"repeat": "", "interval": 1},
        counties=_series_counties(request),
        municipalities=_series_municipalities(request),
    )


def _render_series(
    request: HttpRequest, series: Series | None, form: SeriesForm, generate: GenerateForm
) -> HttpResponse:
    coming = (
        list(series.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at", "id")[:50])
        if series
        else []
    )
    return render(
        request,
        "meetings/manage/series_edit.html",
        {
            "series": series,
            "form": form,
            "generate": generate,
            "coming": coming,
            "submission_token": new_token(),
        },
    )


@declare(access.ORGANISER)
@signed_in
@require_http_methods(["GET", "POST"])
def series_new(request: HttpRequest) -> HttpResponse:
    require_organiser(request)
    form = _series_form(request, None)
    if request.method == "POST" and form.is_valid():
        county = form.cleaned_data["county"]
        values = form.series_values()
        co_hosts = values.pop("co_hosts")
        if not _may_organise_in(request, county, values.get("organiser_municipality")):
            form.add_error(
                "organiser_municipality",
                _("Choose the municipality whose liaison person you are."),
            )
        else:
            sent = create_from_form(
                request,
                form,
                create=lambda: series_services.series_create(
                    actor=Actor.from_request(request), county=county, co_hosts=co_hosts, **values
                ),
                result_url=lambda made: reverse("meetings:series_edit", args=[made.public_id]),
                success=_("The series was saved."),
            )
            if sent:
                return sent
    return _render_series(request, None, form, GenerateForm())


@declare(access.ORGANISER)
@signed_in
@require_http_methods(["GET", "POST"])
def series_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    series = organised_series_of(request, public_id)
    form = _series_form(request, series)
    # The county of a series does not change; a liaison keeps to their municipalities.
    form.fields["county"].disabled = True
    if request.method == "POST" and form.is_valid():
        values = form.series_values()
        if not _may_organise_in(request, series.county, values.get("organiser_municipality")):
            form.add_error(
                "organiser_municipality",
                _("Choose the municipality whose liaison person you are."),
            )
        elif save_versioned(
            form,
            series,
            # The form's plain recurrence choice becomes the rule: the service takes that.
            lambda base_version, actor, series, **_shown: series_services.series_update(
                base_version=base_version, actor=actor, series=series, **values
            ),
            actor=Actor.from_request(request),
            series=series,
        ):
            messages.success(request, _("The series was saved."))
            return redirect("meetings:series_edit", public_id=series.public_id)
    return _render_series(request, series, form, GenerateForm())


@declare(access.ORGANISER)
@signed_in
@require_POST
def series_generate(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Make the series' meetings from its recurrence until the day given."""
    series = organised_series_of(request, public_id)
    generate = GenerateForm(request.POST)
    if generate.is_valid():
        try:
            made = series_services.meetings_generate(
                series, generate.cleaned_data["until"], actor=Actor.from_request(request)
            )
        except ValidationError as error:
            add_service_errors(generate, error, field_names={"recurrence": "until"})
        else:
            messages.success(
                request,
                ngettext("%(count)d meeting was made.", "%(count)d meetings were made.", len(made))
                % {"count": len(made)},
            )
            return redirect("meetings:series_edit", public_id=series.public_id)
    return _render_series(request, series, _series_form(request, series), generate)


# --- meetings ------------------------------------------------------------------------------


def _questions(request: HttpRequest, meeting: Meeting | None) -> Any:
    return QuestionFormSet(
        request.POST if request.method == "POST" else None,
        initial=list(meeting.questions) if meeting else [],
        prefix="questions",
    )


def _render_meeting(
    request: HttpRequest,
    *,
    meeting: Meeting | None,
    series: Series | None,
    form: MeetingForm,
    questions: Any,
) -> HttpResponse:
    return render(
        request,
        "meetings/manage/meeting_edit.html",
        {
            "meeting": meeting,
            "series": series,
            "form": form,
            "questions": questions,
            "submission_token": new_token(),
        },
    )


def _new_meeting_page(
    request: HttpRequest, form: NewMeetingForm, series: Series | None
) -> HttpResponse:
    """Make a meeting (once, however many times the form is sent) of the series' county or
    the county chosen, with its questions; or show the form again."""
    questions = _questions(request, None)
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        values = dict(form.cleaned_data)
        county = series.county if series else values.pop("county")
        values.pop("county", None)
        sent = create_from_form(
            request,
            form,
            create=lambda: meeting_services.meeting_create(
                actor=Actor.from_request(request),
                county=county,
                series=series,
                questions=questions.rows(),
                **values,
            ),
            result_url=lambda made: reverse("meetings:meeting_edit", args=[made.public_id]),
            success=_("The meeting was saved."),
        )
        if sent:
            return sent
    return _render_meeting(request, meeting=None, series=series, form=form, questions=questions)


@declare(access.ORGANISER)
@signed_in
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    """A one-off meeting of a county the user coordinates."""
    require_organiser(request)
    roles = roles_of(request.user)
    counties = (
        County.objects.order_by("code")
        if roles.is_staff
        else County.objects.filter(pk__in=roles.coordinator_county_ids).order_by("code")
    )
    require(counties.exists())
    data = request.POST if request.method == "POST" else None
    form = NewMeetingForm(data, counties=counties, initial={"is_public": True})
    return _new_meeting_page(request, form, None)


@declare(access.ORGANISER)
@signed_in
@require_http_methods(["GET", "POST"])
def series_meeting_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """An extra meeting of a series, with the series' usual place and time to start from."""
    series = organised_series_of(request, public_id)
    data = request.POST if request.method == "POST" else None
    form = NewMeetingForm(
        data,
        initial={
            "title_fi": getattr(series, "title_fi", ""),
            "title_sv": getattr(series, "title_sv", ""),
            "mode": series.default_mode,
            "place": series.default_place,
            "online_link": series.default_online_link,
            "capacity": series.default_capacity,
            "is_public": series.audience == "open",
        },
    )
    return _new_meeting_page(request, form, series)


@declare(access.ORGANISER)
@signed_in
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    meeting = organised_meeting(request, public_id)
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        initial=MeetingForm.initial_for(meeting),
    )
    questions = _questions(request, meeting)
    if (
        request.method == "POST"
        and form.is_valid()
        and questions.is_valid()
        and save_versioned(
            form,
            meeting,
            meeting_services.meeting_update,
            actor=Actor.from_request(request),
            meeting=meeting,
            questions=questions.rows(),
        )
    ):
        messages.success(request, _("The meeting was saved."))
        return redirect("meetings:meeting_edit", public_id=meeting.public_id)
    return _render_meeting(
        request, meeting=meeting, series=meeting.series, form=form, questions=questions
    )


@declare(access.ORGANISER)
@signed_in
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Cancel the meeting (the series' other meetings go on), with a reason."""
    meeting = organised_meeting(request, public_id)
    form = CancelForm(request.POST if request.method == "POST" else None)
    return change_page(
        request,
        form,
        "meetings/manage/meeting_cancel.html",
        {"meeting": meeting, "cancelled": meeting.status == MeetingStatus.CANCELLED},
        change=lambda: meeting_services.meeting_cancel(
            actor=Actor.from_request(request), meeting=meeting, reason=form.cleaned_data["reason"]
        ),
        then=reverse("meetings:meeting_edit", kwargs={"public_id": meeting.public_id}),
        success=_("The meeting was cancelled."),
    )
