"""Memos: safe rendering, publishing, who reads them and their files, the public search and
the reminders to organisers."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kumppani.core.models import OutgoingEmail
from kumppani.core.richtext import markdown_to_html
from kumppani.meetings.memo_tasks import send_memo_reminders
from kumppani.meetings.models import Meeting, MemoReminder, MemoStatus
from kumppani.meetings.services.memos import memo_attachment_add, memo_publish, memo_save

from .conftest import SYSTEM, make_meeting

PDF = b"%PDF-1.4\n%fake\n"


def past_meeting(**fields: Any) -> Meeting:
    starts = timezone.now() - timedelta(days=3)
    return make_meeting(starts_at=starts, ends_at=starts + timedelta(hours=2), **fields)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_memo_with_script_links_and_handlers_renders_harmless() -> None:
    text = (
        "# Muistio\n\n<script>alert(1)</script>\n\n"
        '<img src="x" onerror="alert(2)">\n\n'
        "[klikkaa](javascript:alert(3)) ja [data](data:text/html;base64,PHNjcmlwdD4=)\n\n"
        '[kuva](https://example.fi/x.png "t") ![kuva](https://example.fi/x.png)\n\n'
        '<a href="https://example.fi" onclick="alert(4)">linkki</a>\n\n'
        "[hyvä](https://example.fi/muistio) ja **lihava**"
    )
    html = markdown_to_html(text)
    parsed = _Tags()
    parsed.feed(html)
    names = {tag for tag, _attrs in parsed.tags}
    assert names <= {"h2", "p", "a", "strong"}
    for _tag, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on")
            if name == "href":
                assert (value or "").startswith(("https://", "http://", "mailto:"))
    assert (
        '<a href="https://example.fi/muistio" rel="noopener noreferrer nofollow">hyvä</a>' in html
    )
    assert "<strong>lihava</strong>" in html
    assert "<h2>Muistio</h2>" in html
    # The raw HTML is shown as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_published_memo_of_public_meeting_is_public_and_draft_is_not(client, alice) -> None:
    meeting = past_meeting()
    memo_save(meeting=meeting, actor=SYSTEM, body="Keskusteltiin **järjestöjen** tiloista.")
    url = reverse("meetings:memo_detail", args=[meeting.public_id])
    assert client.get(url).status_code == 404

    client.force_login(alice)
    assert client.get(url).status_code == 200  # the organiser sees the draft
    client.logout()

    memo = memo_publish(meeting=meeting, actor=SYSTEM)
    assert memo.status == MemoStatus.PUBLISHED
    page = client.get(url)
    assert page.status_code == 200
    assert "<strong>järjestöjen</strong>" in page.content.decode()


@pytest.mark.django_db
def test_memo_of_non_public_meeting_stays_with_organisers(client, carol, bob) -> None:
    meeting = past_meeting(is_public=False)
    memo_save(meeting=meeting, actor=SYSTEM, body="Luottamuksellinen.")
    memo_publish(meeting=meeting, actor=SYSTEM)
    url = reverse("meetings:memo_detail", args=[meeting.public_id])
    assert client.get(url).status_code == 404
    for outsider in (carol, bob):  # another county's coordinator, a representative
        client.force_login(outsider)
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_memo_cannot_be_published_before_the_meeting_or_empty() -> None:
    coming = make_meeting()
    memo_save(meeting=coming, actor=SYSTEM, body="Etukäteen.")
    with pytest.raises(ValidationError):
        memo_publish(meeting=coming, actor=SYSTEM)
    held = past_meeting(title_fi="Toinen")
    with pytest.raises(ValidationError):
        memo_publish(meeting=held, actor=SYSTEM)


@pytest.mark.django_db
def test_organiser_edits_and_publishes_through_the_page(client, alice, carol) -> None:
    meeting = past_meeting()
    url = reverse("meetings:memo_edit", args=[meeting.public_id])
    client.force_login(carol)
    assert client.get(url).status_code == 404
    client.force_login(alice)
    response = client.post(
        url,
        {
            "body": "Sovittiin jatkosta.",
            "decisions": "",
            "topics_raised": "",
            "language": "fi",
            "publish": "1",
        },
    )
    assert response.status_code == 302
    meeting.memo.refresh_from_db()
    assert meeting.memo.status == MemoStatus.PUBLISHED


@pytest.mark.django_db
def test_memo_files_follow_the_memo_access(client, carol) -> None:
    with tempfile.TemporaryDirectory() as root, override_settings(PRIVATE_MEDIA_ROOT=root):
        public = past_meeting()
        hidden = past_meeting(title_fi="Suljettu", is_public=False)
        files = {}
        for meeting in (public, hidden):
            memo_save(meeting=meeting, actor=SYSTEM, body="Muistio.")
            files[meeting.pk] = memo_attachment_add(
                meeting=meeting,
                upload=SimpleUploadedFile("esitys.pdf", PDF, "application/pdf"),
                actor=SYSTEM,
            )
            memo_publish(meeting=meeting, actor=SYSTEM)
        response = client.get(
            reverse("meetings:memo_attachment", args=[files[public.pk].public_id])
        )
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        client.force_login(carol)
        hidden_url = reverse("meetings:memo_attachment", args=[files[hidden.pk].public_id])
        assert client.get(hidden_url).status_code == 404


@pytest.mark.django_db
def test_memo_file_of_another_type_is_refused() -> None:
    meeting = past_meeting()
    with pytest.raises(ValidationError) as refused:
        memo_attachment_add(
            meeting=meeting,
            upload=SimpleUploadedFile("x.pdf", b"<html><script>", "application/pdf"),
            actor=SYSTEM,
        )
    assert "file" in refused.value.error_dict


@pytest.mark.django_db
def test_memo_search_finds_by_word_and_lists_in_constant_queries(
    client,
    django_assert_num_queries,
) -> None:
    def publish(count: int, start: int) -> None:
        for number in range(start, start + count):
            meeting = past_meeting(title_fi=f"Foorumi {number}")
            memo_save(
                meeting=meeting, actor=SYSTEM, body=f"Puhuttiin vapaaehtoistoiminnasta {number}."
            )
            memo_publish(meeting=meeting, actor=SYSTEM)

    publish(2, 0)
    hidden = past_meeting(title_fi="Luonnos")
    memo_save(meeting=hidden, actor=SYSTEM, body="vapaaehtoistoiminnasta luonnos")
    url = reverse("meetings:memos")
    response = client.get(url, {"q": "vapaaehtoistoiminnasta"})
    assert response.status_code == 200
    assert "Foorumi 1" in response.content.decode()
    assert "Luonnos" not in response.content.decode()
    assert "Foorumi" not in client.get(url, {"q": "budjetti"}).content.decode()

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    publish(5, 10)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_reminders_go_to_organisers_weekly_until_published(alice, carol) -> None:
    meeting = past_meeting()
    today = timezone.localdate()
    assert send_memo_reminders(today=today) == 1
    assert send_memo_reminders(today=today) == 0  # the job run twice sends once
    sent = OutgoingEmail.objects.filter(recipient=alice.email)
    assert sent.count() == 1
    assert "muistiota ei ole vielä julkaistu" in sent.get().subject
    assert not OutgoingEmail.objects.filter(recipient=carol.email).exists()
    assert send_memo_reminders(today=today + timedelta(days=3)) == 0
    assert send_memo_reminders(today=today + timedelta(days=7)) == 1
    memo_save(meeting=meeting, actor=SYSTEM, body="Valmis.")
    memo_publish(meeting=meeting, actor=SYSTEM)
    assert send_memo_reminders(today=today + timedelta(days=14)) == 0
    assert MemoReminder.objects.filter(meeting=meeting).count() == 2
