"""The files of consultations: the county's draft (public once published) and the one file
a representative may attach to an answer (public with a public answer only)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.core.files import DOCX, ODT, PDF
from kumppani.meetings.models import ConsultationResponse
from kumppani.meetings.services.voice import (
    consultation_document_set,
    consultation_publish,
    consultation_respond,
)
from kumppani.testing.factories import OrganisationFactory, representative

from .conftest import SYSTEM, assert_queries_stay_flat
from .test_voice import make_consultation

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path: Path) -> Iterator[Path]:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    yield settings.PRIVATE_MEDIA_ROOT


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_draft_is_attached_on_its_page_and_public_once_published(client, alice, dave):
    consultation = make_consultation(publish=False)
    client.force_login(alice)
    page = reverse("meetings:consultation_document", args=[consultation.public_id])
    assert page in client.get(reverse("meetings:consultation_manage")).content.decode()
    upload = SimpleUploadedFile("../Strategia luonnos.pdf", PDF_BYTES, "text/html")
    response = client.post(page, {"file": upload})
    assert response["Location"] == reverse("meetings:consultation_manage")
    consultation.refresh_from_db()
    assert (consultation.document_name, consultation.document_type) == (
        "Strategia luonnos.pdf",
        PDF,
    )
    url = reverse("meetings:consultation_document_file", args=[consultation.public_id])
    served = client.get(url)
    assert _content(served) == PDF_BYTES
    assert served["Content-Type"] == PDF
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    client.logout()
    assert client.get(url).status_code == 404  # a draft's file is not public
    client.force_login(dave)
    assert client.get(url).status_code == 404
    consultation_publish(actor=SYSTEM, consultation=consultation)
    client.logout()
    assert _content(client.get(url)) == PDF_BYTES
    detail = client.get(reverse("meetings:consultation_detail", args=[consultation.public_id]))
    assert url in detail.content.decode()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), DOCX),
        (_zip({"mimetype": ODT.encode(), "content.xml": b"<x/>"}), ODT),
    ],
)
def test_word_and_opendocument_drafts_are_accepted(content, expected):
    consultation = make_consultation()
    consultation_document_set(
        actor=SYSTEM,
        consultation=consultation,
        upload=SimpleUploadedFile("luonnos", content),
    )
    consultation.refresh_from_db()
    assert consultation.document_type == expected
    assert consultation.document_name == {DOCX: "luonnos.docx", ODT: "luonnos.odt"}[expected]


def test_other_types_and_too_large_files_are_refused(client, alice, settings):
    consultation = make_consultation()
    client.force_login(alice)
    page = reverse("meetings:consultation_document", args=[consultation.public_id])
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 20
    for content in (b"<html><script>alert(1)</script>", png):
        response = client.post(page, {"file": SimpleUploadedFile("x.pdf", content)})
        assert response.status_code == 200
        assert response.context["form"].errors["file"]
    settings.UPLOAD_MAX_BYTES = 10
    response = client.post(page, {"file": SimpleUploadedFile("x.pdf", PDF_BYTES)})
    assert response.context["form"].has_error("file", "too_large")
    consultation.refresh_from_db()
    assert not consultation.document_file


def _answer(client, consultation, org, *, public: bool, name: str = "liite.pdf"):
    url = reverse("meetings:consultation_respond", args=[consultation.public_id])
    data = {"organisation": org.pk, "q0": "Vastaus", "q1": "", "file": None}
    data["file"] = SimpleUploadedFile(name, PDF_BYTES, "application/pdf")
    if public:
        data["is_public"] = "on"
    return client.post(url, data)


def test_a_public_answers_file_is_shown_and_served_to_all(client, bob, org_x):
    consultation = make_consultation()
    client.force_login(bob)
    assert _answer(client, consultation, org_x, public=True).status_code == 302
    response = ConsultationResponse.objects.get()
    assert (response.file_name, response.file_type) == ("liite.pdf", PDF)
    url = reverse("meetings:consultation_response_file", args=[response.pk])
    client.logout()
    detail = client.get(reverse("meetings:consultation_detail", args=[consultation.public_id]))
    assert url in detail.content.decode()
    assert _content(client.get(url)) == PDF_BYTES


def test_a_non_public_answers_file_is_served_only_to_its_organisation_and_the_county(
    client, alice, bob, carol, dave, org_x
):
    consultation = make_consultation()
    client.force_login(bob)
    _answer(client, consultation, org_x, public=False)
    response = ConsultationResponse.objects.get()
    url = reverse("meetings:consultation_response_file", args=[response.pk])
    for user in (bob, alice):
        client.force_login(user)
        assert _content(client.get(url)) == PDF_BYTES
    for user in (carol, dave):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    detail = client.get(reverse("meetings:consultation_detail", args=[consultation.public_id]))
    assert url not in detail.content.decode()


def test_a_non_representative_cannot_attach(client, dave, bob, org_x, org_y):
    consultation = make_consultation()
    client.force_login(dave)
    response = _answer(client, consultation, org_x, public=True)
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()
    client.force_login(bob)  # bob represents org_x only
    response = _answer(client, consultation, org_y, public=True)
    assert response.status_code == 200
    assert not ConsultationResponse.objects.exists()


def test_a_new_file_takes_the_place_of_the_earlier(
    client, bob, org_x, private_root, django_capture_on_commit_callbacks
):
    consultation = make_consultation()
    client.force_login(bob)
    _answer(client, consultation, org_x, public=True, name="eka.pdf")
    first = ConsultationResponse.objects.get().file.name
    with django_capture_on_commit_callbacks(execute=True):
        _answer(client, consultation, org_x, public=True, name="toka.pdf")
    response = ConsultationResponse.objects.get()
    assert response.file_name == "toka.pdf"
    assert response.file.name != first
    assert not (private_root / first).exists()


def test_the_consultation_page_takes_constant_queries_with_files(client, bob):
    consultation = make_consultation()
    url = reverse("meetings:consultation_detail", args=[consultation.public_id])

    def add(number: int) -> None:
        organisation = OrganisationFactory.create(name=f"Yhdistys {number} ry")
        representative(bob, organisation)
        consultation_respond(
            actor=Actor(user=bob),
            consultation=consultation,
            organisation=organisation,
            answers=[f"Vastaus {number}", ""],
            is_public=True,
            upload=SimpleUploadedFile(f"liite{number}.pdf", PDF_BYTES),
        )

    assert_queries_stay_flat(client, url, add, lambda number: f"liite{number}.pdf")


def test_an_answers_file_of_another_type_is_refused_on_the_form(client, bob, org_x):
    consultation = make_consultation()
    client.force_login(bob)
    url = reverse("meetings:consultation_respond", args=[consultation.public_id])
    data = {
        "organisation": org_x.pk,
        "q0": "Vastaus",
        "q1": "",
        "file": SimpleUploadedFile("kuva.pdf", b"\xff\xd8\xff\xe0 jpeg"),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].has_error("file", "file_type")
    assert not ConsultationResponse.objects.exists()
