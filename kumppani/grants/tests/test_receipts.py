"""The receipt of each sent version of an application: a tagged PDF in the application's
language listing what was sent, linked from the application's page and from the receipt
email, readable by the applicant's representatives and the county's coordinators."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from kumppani.core.actor import Actor
from kumppani.core.models import OutgoingEmail
from kumppani.core.tests.pdf import document_language, is_tagged, pdf_text, read_pdf
from kumppani.grants.models import Application, Attachment, AttachmentKind, Partner
from kumppani.grants.services.applications import application_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(draft: Application, sanna, org_x) -> Application:
    Partner.objects.create(
        application=draft, organisation=org_x, confirmed_at=timezone.now(), confirmed_by=sanna
    )
    Attachment.objects.create(
        application=draft, kind=AttachmentKind.ACTION_PLAN, original_name="suunnitelma-2027.pdf"
    )
    Attachment.objects.create(
        application=draft, kind=AttachmentKind.ANNUAL_REPORT, delivered_later=True
    )
    assert application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    return draft


def receipt_url(application: Application, number: int = 1, language: str = "fi") -> str:
    return f"/{language}/grants/applications/{application.public_id}/receipt/{number}.pdf"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "fi",
            [
                "Kuitti avustushakemuksesta",
                "Vaasa",
                "Toimintasuunnitelma: suunnitelma-2027.pdf",
                "toimitetaan myöhemmin",
                "Vahvistanut Sanna Ordförande",
            ],
        ),
        (
            "sv",
            [
                "Kvitto på ansökan om bidrag",
                "Vasa",
                "Verksamhetsplan: suunnitelma-2027.pdf",
                "lämnas in senare",
                "Bekräftat av Sanna Ordförande",
            ],
        ),
    ],
)
def test_the_receipt_lists_what_was_sent_in_the_applications_language_and_is_tagged(
    client, sent, sanna, org_x, language, words
) -> None:
    with translation.override(language):
        partner_name = str(org_x.name)
    sent.language = language
    sent.save(update_fields=["language"])
    client.force_login(sanna)

    response = client.get(receipt_url(sent))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content).replace("\xa0", " ")
    for word in [
        *words,
        "Omaishoitajien vertaisryhmät",
        "Kuukausittaiset vertaisryhmät Vaasassa.",
        "Ohjaajan palkkio",
        "9 000",
        "12 000",
        "Montako vapaaehtoista?",
        partner_name,
        "FI2112345600000785",
    ]:
        assert word in text, (word, text[:3000])
    reader = read_pdf(response.content)
    assert is_tagged(reader)
    assert document_language(reader) == language


def test_the_receipt_gives_the_version_and_the_time_of_sending_in_helsinki_time(
    client, sent, sanna
) -> None:
    client.force_login(sanna)
    text = pdf_text(client.get(receipt_url(sent)).content)
    sent_at = timezone.localtime(sent.revisions.get().created_at)
    assert settings.TIME_ZONE == "Europe/Helsinki"
    assert f"{sent_at.day}.{sent_at.month}.{sent_at.year} {sent_at.hour}.{sent_at:%M}" in text
    assert "Versio 1" in text


def test_each_sent_version_has_its_receipt_linked_from_the_application_page(
    client, sent, sanna
) -> None:
    client.force_login(sanna)
    page = client.get(reverse("grants:application_detail", args=[sent.public_id]))
    assert f'href="{receipt_url(sent)}"' in page.content.decode()
    assert client.get(receipt_url(sent, number=2)).status_code == 404


def test_the_receipt_email_gives_the_receipts_absolute_address(sent, sanna) -> None:
    email = OutgoingEmail.objects.get(recipient=sanna.email)
    assert settings.SITE_URL.rstrip("/") + receipt_url(sent) in email.body


def test_only_the_applicants_representatives_and_the_countys_coordinators_read_the_receipt(
    client, sent, carol, alice, bob, dave
) -> None:
    url = receipt_url(sent)
    assert client.get(url).status_code == 302  # to sign in
    for outsider in (alice, bob, dave):  # another county's coordinator, another organisation
        client.force_login(outsider)
        assert client.get(url).status_code == 404, outsider
    client.force_login(carol)
    assert client.get(url).status_code == 200
