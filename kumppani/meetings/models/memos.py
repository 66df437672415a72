"""What follows a meeting: the organiser's memo (Markdown, with decisions and the topics
raised) and its attachments, and the topics that NGOs propose for a series' coming
meetings, with their supporters."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kumppani.core.storage import private_storage

from .meeting import Meeting
from .series import Series


class MemoStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Memo(models.Model):
    """The memo of one meeting. Its texts are Markdown, shown only through
    `core.richtext.markdown_to_html`. Public when published and the meeting is public."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="memo"
    )
    body = models.TextField(_("memo"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    topics_raised = models.TextField(_("topics raised"), blank=True)
    # The language the memo is written in (its page marks it).
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fi"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MemoStatus.choices, default=MemoStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        ordering = ["-published_at", "id"]

    def __str__(self) -> str:
        return str(self.meeting)


def memo_attachment_path(instance: MemoAttachment, filename: str) -> str:
    """A name that tells nothing of the file: the memo's and the file's own ids."""
    return f"meetings/{instance.memo.public_id}/{instance.public_id}"


class MemoAttachment(models.Model):
    """A file with a memo (slides, a report), kept in private storage and read through a
    view that checks access."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    memo = models.ForeignKey(Memo, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=memo_attachment_path, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("memo attachment")
        verbose_name_plural = _("memo attachments")
        ordering = ["memo", "uploaded_at", "id"]

    def __str__(self) -> str:
        return str(self.original_name)


class MemoReminder(models.Model):
    """A reminder sent to an organiser of a meeting whose memo is not published: at most
    one per meeting, organiser and day, so that a job run twice sends nothing twice."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="memo_reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(_("sent"))

    class Meta:
        verbose_name = _("memo reminder")
        verbose_name_plural = _("memo reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user", "sent_on"], name="meetings_memoreminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.sent_on}"


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    TAKEN_UP = "taken_up", _("taken up")


class Topic(models.Model):
    """A topic someone proposes for a series' coming meetings."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.PROTECT, related_name="topics"
    )
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="proposed_topics",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TopicStatus.choices, default=TopicStatus.PROPOSED
    )
    # The meeting where it was taken up.
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topics",
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["series", "-created_at", "id"]

    def __str__(self) -> str:
        return str(self.title)


class TopicSupport(models.Model):
    """One user's support for a topic: once each (the constraint holds under concurrency)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support for a topic")
        verbose_name_plural = _("supports for topics")
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="meetings_topicsupport_once")
        ]

    def __str__(self) -> str:
        return f"{self.topic} – {self.user_id}"
