"""Memos and topics: the organiser's memo editor, the public memo pages and their search,
the memo files, and a series' topics page."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.core import lists
from kumppani.core.access import (
    declare,
    first_or_404,
    first_readable_or_404,
    public,
    require,
    signed_in,
)
from kumppani.core.actor import Actor
from kumppani.core.downloads import file_download
from kumppani.core.forms import add_service_errors, service_done, service_told
from kumppani.core.submissions import create_from_form, new_token

from .. import access
from ..memo_forms import MemoAttachmentForm, MemoForm, MemoSearchForm, TakeUpForm, TopicForm
from ..models import Meeting, Memo, MemoAttachment, Series, Topic, TopicStatus, TopicSupport
from ..services import memos as services


def _organised_meeting(request: HttpRequest, public_id: UUID) -> Meeting:
    return first_or_404(access.organised_meetings(request.user), public_id=public_id)


def _memo_initial(request: HttpRequest, memo: Memo | None) -> dict[str, object]:
    """The memo editor's values: the memo's, or for a new one the page's language."""
    if memo is None:
        return {"language": request.LANGUAGE_CODE}
    return {name: getattr(memo, name) for name in services.MEMO_FIELDS}


def _memo_page(
    request: HttpRequest,
    meeting: Meeting,
    memo: Memo | None,
    form: MemoForm,
    attachment_form: MemoAttachmentForm,
    status: int = 200,
) -> HttpResponse:
    """The memo editor with its files."""
    return render(
        request,
        "meetings/memo_edit.html",
        {
            "meeting": meeting,
            "memo": memo,
            "form": form,
            "attachment_form": attachment_form,
            "attachments": list(memo.attachments.all()) if memo else [],
        },
        status=status,
    )


@declare(access.ORGANISER)
@signed_in
@require_http_methods(["GET", "POST"])
def memo_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Write the meeting's memo, add files and publish it."""
    meeting = _organised_meeting(request, public_id)
    memo = Memo.objects.filter(meeting=meeting).first()
    form = MemoForm(
        request.POST if request.method == "POST" else None, initial=_memo_initial(request, memo)
    )
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        try:
            services.memo_save(meeting=meeting, actor=actor, **form.cleaned_data)
            if "publish" in request.POST:
                services.memo_publish(meeting=meeting, actor=actor)
                messages.success(request, _("The memo was published."))
            else:
                messages.success(request, _("The memo was saved."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("meetings:memo_edit", public_id=meeting.public_id)
    return _memo_page(request, meeting, memo, form, MemoAttachmentForm())


@declare(access.ORGANISER)
@signed_in
@require_POST
def memo_attachment_add(request: HttpRequest, public_id: UUID) -> HttpResponse:
    meeting = _organised_meeting(request, public_id)
    form = MemoAttachmentForm(request.POST, request.FILES)
    if form.is_valid() and service_done(
        form,
        services.memo_attachment_add,
        meeting=meeting,
        upload=form.cleaned_data["file"],
        actor=Actor.from_request(request),
    ):
        messages.success(request, _("The file was added."))
        return redirect("meetings:memo_edit", public_id=meeting.public_id)
    memo = Memo.objects.filter(meeting=meeting).first()
    return _memo_page(
        request, meeting, memo, MemoForm(initial=_memo_initial(request, memo)), form, status=400
    )


@declare(access.ORGANISER)
@signed_in
@require_POST
def memo_attachment_remove(request: HttpRequest, public_id: UUID) -> HttpResponse:
    attachment = first_or_404(
        MemoAttachment.objects.select_related("memo__meeting"),
        public_id=public_id,
        memo__meeting__in=access.organised_meetings(request.user),
    )
    meeting = attachment.memo.meeting
    services.memo_attachment_remove(attachment=attachment, actor=Actor.from_request(request))
    messages.success(request, _("The file was removed."))
    return redirect("meetings:memo_edit", public_id=meeting.public_id)


@public
@require_GET
def memo_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """A meeting's memo: public once published for a public meeting, otherwise for the
    organisers (who see the draft)."""
    memo = first_readable_or_404(
        Memo.objects.select_related("meeting__county", "meeting__series"),
        lambda memo: access.may_read_memo(request.user, memo),
        meeting__public_id=public_id,
    )
    return render(
        request,
        "meetings/memo_detail.html",
        {
            "memo": memo,
            "meeting": memo.meeting,
            "attachments": list(memo.attachments.all()),
            "may_edit": access.may_organise(request.user, memo.meeting),
        },
    )


@public
@require_GET
def memo_attachment(request: HttpRequest, public_id: UUID) -> FileResponse:
    """A memo's file, to whoever may read the memo; always a download."""
    attachment = first_readable_or_404(
        MemoAttachment.objects.select_related("memo__meeting__county"),
        lambda attachment: access.may_read_memo(request.user, attachment.memo),
        public_id=public_id,
    )
    return file_download(
        services.memo_attachment_read(attachment=attachment, actor=Actor.from_request(request)),
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


def _memo_rows(form: MemoSearchForm) -> QuerySet[Memo]:
    memos = access.public_memos().select_related("meeting__county", "meeting__series")
    words = (form.cleaned_data.get("q") or "").split()
    for word in words[:10]:
        memos = memos.filter(
            Q(body__icontains=word)
            | Q(decisions__icontains=word)
            | Q(topics_raised__icontains=word)
            | Q(meeting__title__icontains=word)
        )
    return memos.order_by("-meeting__starts_at", "-id")


@public
@require_GET
def memo_list(request: HttpRequest) -> HttpResponse:
    """Published memos of public meetings, newest first, with a text search."""
    form = MemoSearchForm(request.GET)
    listing = lists.list_page(request, form, lambda _cleaned: _memo_rows(form))
    return lists.render_list(
        request, listing, "meetings/memo_list.html", "meetings/_memo_results.html"
    )


def _topic_series(public_id: UUID) -> Series:
    return first_or_404(access.topic_series(), public_id=public_id)


@public
@require_http_methods(["GET", "POST"])
def series_topics(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The topics proposed for the series, most supported first; signed-in users propose
    and support them, the organisers mark them taken up."""
    series = _topic_series(public_id)
    form = TopicForm(request.POST if request.method == "POST" else None)
    url = reverse("meetings:series_topics", args=[series.public_id])
    if request.method == "POST":
        require(request.user.is_authenticated)
        if form.is_valid():
            sent = create_from_form(
                request,
                form,
                create=lambda: services.topic_propose(
                    series=series, actor=Actor.from_request(request), **form.cleaned_data
                ),
                result_url=lambda _topic: url,
                success=_("Thank you: the topic was proposed."),
            )
            if sent:
                return sent
    topics = list(
        Topic.objects.filter(series=series)
        .select_related("meeting")
        .annotate(support_count=Count("supports"))
        .order_by("status", "-support_count", "-created_at", "id")[:200]
    )
    supported: set[int] = set()
    if request.user.is_authenticated:
        supported = set(
            TopicSupport.objects.filter(user=request.user, topic__series=series).values_list(
                "topic_id", flat=True
            )
        )
    organises = access.may_organise_series(request.user, series)
    return render(
        request,
        "meetings/series_topics.html",
        {
            "series": series,
            "topics": topics,
            "supported": supported,
            "form": form,
            "submission_token": new_token(),
            "organises": organises,
            "take_up_form": TakeUpForm(meetings=series.meetings.order_by("starts_at"))
            if organises
            else None,
            "taken_up": TopicStatus.TAKEN_UP,
        },
    )


@declare(access.SIGNED_IN_TOPICS)
@signed_in
@require_POST
def topic_support(request: HttpRequest, public_id: UUID) -> HttpResponse:
    topic = first_or_404(
        Topic.objects.select_related("series__county"),
        public_id=public_id,
        series__in=access.topic_series(),
    )
    if services.topic_support(topic=topic, actor=Actor.from_request(request)):
        messages.success(request, _("You support the topic."))
    return redirect("meetings:series_topics", public_id=topic.series.public_id)


@declare(access.ORGANISER)
@signed_in
@require_POST
def topic_take_up(request: HttpRequest, public_id: UUID) -> HttpResponse:
    topic = first_or_404(
        Topic.objects.select_related("series__county"),
        public_id=public_id,
        series__in=access.organised_series(request.user),
    )
    form = TakeUpForm(request.POST, meetings=topic.series.meetings.all())
    if not form.is_valid():
        messages.error(request, _("Choose a meeting of the series from the list."))
    else:
        service_told(
            request,
            services.topic_take_up,
            success=_("The topic was marked taken up."),
            topic=topic,
            meeting=form.cleaned_data["meeting"],
            actor=Actor.from_request(request),
        )
    return redirect("meetings:series_topics", public_id=topic.series.public_id)
