"""Memos and topics: the organiser writes a meeting's memo and publishes it, adds and
removes its files; anyone signed in proposes a topic for a series and supports others'; the
organiser marks a topic taken up at a meeting."""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.accounts.models import User
from kumppani.core import files, workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record

from ..models import (
    Meeting,
    MeetingStatus,
    Memo,
    MemoAttachment,
    MemoStatus,
    Series,
    Topic,
    TopicStatus,
    TopicSupport,
)

MEMO_FIELDS = ("body", "decisions", "topics_raised", "language")

# The files a memo accepts: PDF, PNG and JPEG.
MEMO_FILES = (files.PDF, files.PNG, files.JPEG)


def _memo_for_change(meeting: Meeting) -> Memo:
    """The meeting's memo, its row locked (made when there is none yet)."""
    workflow.lock(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting has no memo."), code="cancelled")
    memo, _created = Memo.objects.get_or_create(meeting=meeting)
    return workflow.lock(memo)


@transaction.atomic
def memo_save(*, meeting: Meeting, actor: Actor, **fields: str) -> Memo:
    """Save the memo's texts; only the fields that changed are written and audited."""
    workflow.refuse_unknown(fields, MEMO_FIELDS, "memo")
    memo = _memo_for_change(meeting)
    changed = [name for name, value in fields.items() if getattr(memo, name) != value]
    if not changed:
        return memo
    for name in changed:
        setattr(memo, name, fields[name])
    memo.full_clean()
    memo.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        action="meetings.memo.update",
        obj=memo,
        county=meeting.county,
        details={"fields": changed},
    )
    return memo


@transaction.atomic
def memo_publish(*, meeting: Meeting, actor: Actor) -> Memo:
    """Publish the memo once the meeting has begun; publishing again changes nothing."""
    memo = _memo_for_change(meeting)
    if memo.status == MemoStatus.PUBLISHED:
        return memo
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            _("The memo can be published once the meeting has begun."), code="too_early"
        )
    if not (memo.body.strip() or memo.decisions.strip()):
        raise ValidationError(_("Write the memo before publishing it."), code="empty")
    workflow.transition(
        memo,
        to=MemoStatus.PUBLISHED,
        allowed_from=[MemoStatus.DRAFT],
        refusal=_("The memo is already published."),
        actor=actor,
        action="meetings.memo.publish",
        county=meeting.county,
        values={"published_at": timezone.now()},
    )
    return memo


@transaction.atomic
def memo_attachment_add(*, meeting: Meeting, upload: UploadedFile, actor: Actor) -> MemoAttachment:
    content_type = files.check_upload(
        upload,
        limit=settings.UPLOAD_MAX_BYTES,
        accepted=MEMO_FILES,
        refusal=_("Send the file as a PDF, PNG or JPEG."),
    )
    memo = _memo_for_change(meeting)
    attachment = MemoAttachment(memo=memo)
    files.save_upload(attachment, upload, content_type, uploaded_by=actor.user)
    audit_record(
        actor=actor,
        action="meetings.memo.attachment_add",
        obj=memo,
        county=meeting.county,
        details={"attachment": str(attachment.public_id)},
    )
    return attachment


@transaction.atomic
def memo_attachment_remove(*, attachment: MemoAttachment, actor: Actor) -> None:
    memo = attachment.memo
    _memo_for_change(memo.meeting)
    audit_record(
        actor=actor,
        action="meetings.memo.attachment_remove",
        obj=memo,
        county=memo.meeting.county,
        details={"attachment": str(attachment.public_id)},
    )
    files.delete_on_commit(attachment.file.storage, attachment.file.name)
    attachment.delete()


def memo_attachment_read(*, attachment: MemoAttachment, actor: Actor) -> IO[bytes]:
    """Open the file for a reader whose access is checked, and record the read."""
    audit_record(
        actor=actor,
        action="meetings.memo.attachment_read",
        obj=attachment.memo,
        county=attachment.memo.meeting.county,
        details={"attachment": str(attachment.public_id)},
    )
    return attachment.file.open("rb")


@transaction.atomic
def topic_propose(*, series: Series, actor: Actor, title: str, description: str = "") -> Topic:
    """Propose a topic for the series' coming meetings; the proposer supports it."""
    if not isinstance(actor.user, User):
        raise ValueError("A topic is proposed by a signed-in user.")
    topic = Topic(
        series=series, title=title.strip(), description=description.strip(), proposed_by=actor.user
    )
    topic.full_clean()
    topic.save()
    TopicSupport.objects.create(topic=topic, user=actor.user)
    audit_record(actor=actor, action="meetings.topic.propose", obj=topic, county=series.county)
    return topic


def topic_support(*, topic: Topic, actor: Actor) -> bool:
    """Support the topic; a second support by the same user (however sent) changes
    nothing. Returns whether the support was added."""
    if not isinstance(actor.user, User):
        raise ValueError("A topic is supported by a signed-in user.")
    try:
        with transaction.atomic():
            TopicSupport.objects.create(topic=topic, user=actor.user)
            audit_record(
                actor=actor, action="meetings.topic.support", obj=topic, county=topic.series.county
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def topic_take_up(*, topic: Topic, meeting: Meeting | None, actor: Actor) -> Topic:
    """Mark the topic taken up, at the given meeting of its series."""
    if meeting is not None and meeting.series_id != topic.series_id:
        raise ValidationError(
            {"meeting": _("Choose a meeting of the topic's series.")}, code="series"
        )
    workflow.lock(topic)
    if topic.status == TopicStatus.TAKEN_UP and topic.meeting_id == (meeting and meeting.pk):
        return topic
    workflow.transition(
        topic,
        to=TopicStatus.TAKEN_UP,
        allowed_from=[TopicStatus.PROPOSED, TopicStatus.TAKEN_UP],
        refusal=_("The topic cannot be taken up."),
        actor=actor,
        action="meetings.topic.take_up",
        county=topic.series.county,
        values={"meeting": meeting},
    )
    return topic
