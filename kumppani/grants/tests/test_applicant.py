"""The applicant's side: advance notices and the budgeting view, partners' confirmations,
attachments, filling in from last year's application, and the paged list of one's own."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from decimal import Decimal
from typing import cast

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kumppani.accounts.models import CountyRoleKind, User
from kumppani.core.actor import Actor
from kumppani.core.files import DOCX, ODT, PDF, XLSX, sniff
from kumppani.core.models import Municipality
from kumppani.grants.models import AdvanceNotice, Application, ApplicationStatus, Call, Theme
from kumppani.grants.services import applications as applications_service
from kumppani.grants.services.attachments import attachment_add, attachment_later
from kumppani.grants.services.notices import budgeting, notice_save
from kumppani.grants.services.partners import partner_add, partner_confirm
from kumppani.grants.services.review import disqualification_declare, reviewer_assign
from kumppani.testing.factories import (
    OrganisationFactory,
    UserFactory,
    county_role,
    representative,
)

from .conftest import make_call, sent_in_time

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def _with_notices(call: Call, *, open_now: bool = True) -> Call:
    today = timezone.localdate()
    if open_now:
        call.notices_open_on, call.notices_close_on = (
            today - timedelta(days=5),
            today + timedelta(days=5),
        )
    else:
        call.notices_open_on, call.notices_close_on = (
            today - timedelta(days=30),
            today - timedelta(days=20),
        )
    call.save(update_fields=["notices_open_on", "notices_close_on"])
    return call


def _notice(call, organisation, user, amount="10000", themes=("mental_health",), places=("905",)):
    return notice_save(
        actor=Actor(user=user),
        call=call,
        organisation=organisation,
        municipalities=Municipality.objects.filter(code__in=places),
        activity="Vertaisryhmät",
        description="Ryhmiä omaishoitajille.",
        themes=list(themes),
        estimated_amount=Decimal(amount),
        other_funding="Oma rahoitus 1 000 €",
    )


# Advance notices -------------------------------------------------------------------------


def test_a_notice_is_made_once_and_changed_while_the_window_is_open(call, applicant, sanna):
    _with_notices(call)
    first = _notice(call, applicant, sanna)
    again = _notice(call, applicant, sanna, amount="15000", places=("905", "499"))
    assert first.pk == again.pk
    assert AdvanceNotice.objects.filter(call=call).count() == 1
    again.refresh_from_db()
    assert again.estimated_amount == Decimal("15000")
    assert sorted(again.municipalities.values_list("code", flat=True)) == ["499", "905"]


def test_a_notice_is_refused_outside_the_window(call, applicant, sanna):
    _with_notices(call, open_now=False)
    with pytest.raises(ValidationError) as refused:
        _notice(call, applicant, sanna)
    assert refused.value.code == "notices_closed"


def test_the_application_starts_from_the_organisations_notice(call, applicant, sanna):
    _with_notices(call)
    notice = _notice(call, applicant, sanna, amount="8000", themes=("older_people", "inclusion"))
    application = applications_service.application_start(
        actor=Actor(user=sanna), call=call, organisation=applicant
    )
    assert application.notice == notice
    assert application.activity == "Vertaisryhmät"
    assert application.description == "Ryhmiä omaishoitajille."
    assert application.themes == ["older_people", "inclusion"]
    assert application.requested_amount == Decimal("8000")
    assert list(application.municipalities.values_list("code", flat=True)) == ["905"]


def test_budgeting_sums_the_notices_by_theme_and_municipality(call, applicant, sanna, org_x, bob):
    _with_notices(call)
    _notice(call, applicant, sanna, amount="10000", themes=("mental_health", "inclusion"))
    _notice(call, org_x, bob, amount="5000", themes=("mental_health",), places=("499",))
    figures = budgeting(call)
    assert figures.count == 2
    assert figures.total == Decimal("15000")
    assert figures.left == Decimal("85000")
    themes = {label: amount for label, _count, amount in figures.by_theme}
    assert themes == {
        "Mielenterveys": Decimal("15000"),
        "Yksinäisyys ja osallisuus": Decimal("10000"),
    }
    assert [(amount) for _name, _count, amount in figures.by_municipality] == [
        Decimal("10000"),
        Decimal("5000"),
    ]


def test_a_representative_sends_a_notice_through_the_page(client, call, applicant, sanna):
    _with_notices(call)
    client.force_login(sanna)
    page = client.get(reverse("grants:call_detail", args=[call.public_id])).content.decode()
    assert reverse("grants:notice_edit", args=[call.public_id]) in page
    url = reverse("grants:notice_edit", args=[call.public_id])
    data = {
        "submission_token": "5f0e8a2c-1111-4111-8111-111111111111",
        "activity": "Vertaisryhmät",
        "themes": ["mental_health"],
        "municipalities": ["905"],
        "estimated_amount": "12000",
    }
    first = client.post(url, data)
    assert first.status_code == 302, first.context["form"].errors
    repeat = client.post(url, data)
    assert repeat.status_code == 302
    notice = AdvanceNotice.objects.get(call=call)
    assert notice.estimated_amount == Decimal("12000")
    missing = client.post(url, {**data, "activity": "", "submission_token": ""})
    assert "Anna toiminnalle nimi." in missing.content.decode()


def test_the_budgeting_view_is_the_coordinators_of_the_county(
    client, call, applicant, sanna, carol, alice
):
    _with_notices(call)
    _notice(call, applicant, sanna)
    url = reverse("grants:notice_budgeting", args=[call.public_id])
    client.force_login(carol)
    page = client.get(url).content.decode()
    assert "Vertaisryhmät" in page
    assert '<svg aria-hidden="true"' in page
    assert "Arviot teemoittain" in page
    export = client.get(reverse("grants:notice_export", args=[call.public_id]) + "?format=csv")
    assert export.status_code == 200
    assert "Vertaisryhmät" in b"".join(export.streaming_content).decode("utf-8-sig")
    client.force_login(alice)  # another county's coordinator
    assert client.get(url).status_code == 404
    client.force_login(sanna)
    assert client.get(url).status_code == 404


def test_the_budgeting_list_takes_as_many_queries_however_many_notices(
    client, call, carol, django_assert_num_queries
):
    _with_notices(call)
    url = reverse("grants:notice_budgeting", args=[call.public_id])
    client.force_login(carol)

    def add(n: int) -> None:
        for _ in range(n):
            organisation = OrganisationFactory(municipalities=["905"])
            user = representative_user(organisation)
            _notice(call, organisation, user)

    add(2)
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    add(5)
    with django_assert_num_queries(len(two.captured_queries)):
        client.get(url)


def representative_user(organisation):
    user = cast(User, UserFactory())
    representative(user, organisation)
    return user


# Partners --------------------------------------------------------------------------------


def test_sending_waits_until_every_partner_has_confirmed(draft, sanna, org_x, bob):
    partner = partner_add(application=draft, organisation=org_x, actor=Actor(user=sanna))
    # Adding the same partner again changes nothing.
    partner_add(application=draft, organisation=org_x, actor=Actor(user=sanna))
    assert draft.partners.count() == 1
    assert "Seinäjoen Omaishoitajat ry ei ole vielä vahvistanut kumppanuutta." in (
        applications_service.missing(draft)
    )
    with pytest.raises(ValidationError):
        applications_service.application_submit(
            application=draft, actor=Actor(user=sanna), declarations=True
        )
    assert partner_confirm(partner=partner, actor=Actor(user=bob)) is True
    assert partner_confirm(partner=partner, actor=Actor(user=bob)) is False
    partner.refresh_from_db()
    assert partner.confirmed_by == bob
    assert applications_service.application_submit(
        application=draft, actor=Actor(user=sanna), declarations=True
    )


def test_only_the_partners_representative_confirms(draft, sanna, org_x, dave):
    partner = partner_add(application=draft, organisation=org_x, actor=Actor(user=sanna))
    with pytest.raises(PermissionDenied):
        partner_confirm(partner=partner, actor=Actor(user=sanna))
    with pytest.raises(PermissionDenied):
        partner_confirm(partner=partner, actor=Actor(user=dave))


def test_the_applicant_is_not_its_own_partner(draft, sanna, applicant):
    with pytest.raises(ValidationError):
        partner_add(application=draft, organisation=applicant, actor=Actor(user=sanna))


def test_a_partner_confirms_on_their_my_applications_page(client, draft, sanna, org_x, bob):
    client.force_login(sanna)
    url = reverse("grants:application_partners", args=[draft.public_id])
    found = client.get(url, {"q": org_x.business_id}).content.decode()
    assert "Seinäjoen Omaishoitajat ry" in found
    added = client.post(url, {"organisation": str(org_x.public_id)})
    assert added.status_code == 302
    partner = draft.partners.get()
    client.force_login(bob)
    mine = client.get(reverse("grants:my_applications")).content.decode()
    assert "Vahvista kumppanuus" in mine
    confirm = reverse("grants:partner_confirm", args=[partner.pk])
    assert client.post(confirm).status_code == 302
    assert client.post(confirm).status_code == 302  # a second click changes nothing
    partner.refresh_from_db()
    assert partner.confirmed_at is not None
    client.force_login(sanna)  # the lead cannot confirm for the partner
    partner.confirmed_at = None
    partner.save()
    assert client.post(confirm).status_code == 403


# Attachments -----------------------------------------------------------------------------


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_the_type_is_read_from_the_bytes_not_the_name():
    assert sniff(io.BytesIO(PDF_BYTES)) == PDF
    assert sniff(io.BytesIO(b"<html><script>alert(1)</script>")) is None
    docx = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
    xlsx = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})
    odt = _zip({"mimetype": ODT.encode(), "content.xml": b"<x/>"})
    assert sniff(io.BytesIO(docx)) == DOCX
    assert sniff(io.BytesIO(xlsx)) == XLSX
    assert sniff(io.BytesIO(odt)) == ODT
    assert sniff(io.BytesIO(_zip({"evil.exe": b"MZ"}))) is None


def test_an_upload_is_checked_for_its_real_type_and_size(draft, sanna, settings):
    actor = Actor(user=sanna)
    fake = SimpleUploadedFile("budget.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError) as refused:
        attachment_add(application=draft, kind="budget", upload=fake, actor=actor)
    assert refused.value.error_dict["file"][0].code == "file_type"
    settings.GRANT_ATTACHMENT_MAX_BYTES = 10
    big = SimpleUploadedFile("budget.pdf", PDF_BYTES, "application/pdf")
    with pytest.raises(ValidationError) as too_large:
        attachment_add(application=draft, kind="budget", upload=big, actor=actor)
    assert too_large.value.error_dict["file"][0].code == "too_large"
    settings.GRANT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    good = SimpleUploadedFile("../../Talous arvio.exe", PDF_BYTES, "text/html")
    attachment = attachment_add(application=draft, kind="budget", upload=good, actor=actor)
    assert attachment.content_type == PDF
    assert attachment.original_name == "Talous arvio.pdf"
    assert attachment.file.read() == PDF_BYTES


def test_required_attachments_are_given_or_promised_before_sending(draft, sanna):
    programme = draft.call.programme
    programme.required_attachments = ["budget", "financial_statements"]
    programme.save(update_fields=["required_attachments"])
    actor = Actor(user=sanna)
    gaps = applications_service.missing(draft)
    assert "Lisää liite ”talousarvio” tai ilmoita, että toimitat sen myöhemmin." in gaps
    attachment_add(
        application=draft,
        kind="budget",
        upload=SimpleUploadedFile("arvio.pdf", PDF_BYTES),
        actor=actor,
    )
    assert attachment_later(application=draft, kind="financial_statements", later=True, actor=actor)
    assert not attachment_later(
        application=draft, kind="financial_statements", later=True, actor=actor
    )
    assert applications_service.missing(draft) == []


def test_an_attachment_is_served_only_to_those_who_may_read_it(
    client, draft, sanna, carol, alice, dave, rita
):
    attachment = attachment_add(
        application=draft,
        kind="budget",
        upload=SimpleUploadedFile("arvio.pdf", PDF_BYTES),
        actor=Actor(user=sanna),
    )
    url = reverse("grants:attachment_download", args=[attachment.public_id])
    client.force_login(sanna)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == PDF
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(carol)
    assert client.get(url).status_code == 200
    for outsider in (alice, dave):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    # A reviewer reads the files only once they have declared they are not disqualified.
    applications_service.application_submit(
        application=draft, actor=Actor(user=sanna), declarations=True
    )
    county_role(rita, "17", CountyRoleKind.REVIEWER)
    assignment = reviewer_assign(application=draft, reviewer=rita, actor=Actor(user=carol))
    client.force_login(rita)
    assert client.get(url).status_code == 404
    disqualification_declare(assignment=assignment, actor=Actor(user=rita), disqualified=False)
    assert client.get(url).status_code == 200


def test_files_are_added_through_the_attachments_page(client, draft, sanna):
    client.force_login(sanna)
    url = reverse("grants:application_attachments", args=[draft.public_id])
    empty = client.post(url, {"kind": ""})
    assert "Valitse, millainen liite tiedosto on." in empty.content.decode()
    upload = SimpleUploadedFile("arvio.pdf", PDF_BYTES, "application/pdf")
    sent = client.post(url, {"kind": "budget", "file": upload})
    assert sent.status_code == 302
    assert draft.attachments.get().original_name == "arvio.pdf"
    bad = SimpleUploadedFile("arvio.pdf", b"<html>", "application/pdf")
    refused = client.post(url, {"kind": "budget", "file": bad}).content.decode()
    assert (
        "Lähetä tiedosto PDF-, Word-, Excel-, OpenDocument-teksti-, PNG- tai JPEG-muodossa."
        in refused
    )


# Last year's application -----------------------------------------------------------------


def test_the_application_is_filled_in_from_last_years(client, call, applicant, sanna):
    today = timezone.localdate()
    earlier = make_call(opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=365))
    assert earlier.programme.year < call.programme.year
    previous = sent_in_time(earlier, applicant, sanna)
    previous.themes = ["older_people"]
    previous.target_groups = "Omaishoitajat"
    previous.save()
    application = applications_service.application_start(
        actor=Actor(user=sanna), call=call, organisation=applicant
    )
    assert applications_service.previous_application(application) == previous
    client.force_login(sanna)
    edit = client.get(reverse("grants:application_edit", args=[application.public_id]))
    assert "Täytä viime vuoden hakemuksen tiedoilla" in edit.content.decode()
    copied = client.post(reverse("grants:application_copy_previous", args=[application.public_id]))
    assert copied.status_code == 302
    application.refresh_from_db()
    assert application.activity == previous.activity
    assert application.target_groups == "Omaishoitajat"
    assert application.themes == ["older_people"]
    assert application.requested_amount == previous.requested_amount
    assert [b.amount for b in application.budget_lines.all()] == [Decimal("9000")]
    assert list(application.municipalities.values_list("code", flat=True)) == ["905"]
    assert application.status == ApplicationStatus.DRAFT
    assert application.declared_by is None
    assert not application.attachments.exists()


def test_there_is_nothing_to_copy_without_an_earlier_year(draft, sanna):
    assert applications_service.previous_application(draft) is None
    with pytest.raises(ValidationError):
        applications_service.application_copy_previous(application=draft, actor=Actor(user=sanna))


# My applications -------------------------------------------------------------------------


def test_my_applications_are_paged_and_filtered_by_status(
    client, applicant, sanna, django_assert_num_queries
):
    client.force_login(sanna)
    url = reverse("grants:my_applications")

    def add(n: int) -> None:
        for _ in range(n):
            Application.objects.create(call=make_call(), organisation=applicant, created_by=sanna)

    add(2)
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    add(3)
    with django_assert_num_queries(len(two.captured_queries)):
        page = client.get(url)
    assert "5 hakemusta" in page.content.decode()
    first = Application.objects.order_by("id").first()
    assert first is not None
    Application.objects.filter(pk=first.pk).update(status=ApplicationStatus.WITHDRAWN)
    withdrawn = client.get(url, {"status": "withdrawn"}).content.decode()
    assert "1 hakemus" in withdrawn
    bad = client.get(url, {"status": "nonsense"})
    assert "ei ole hakemuksen tila" in bad.content.decode()


def test_the_review_summary_has_a_chart_with_its_table(client, draft, sanna, carol):
    applications_service.application_submit(
        application=draft, actor=Actor(user=sanna), declarations=True
    )
    client.force_login(carol)
    page = client.get(reverse("grants:call_review", args=[draft.call.public_id])).content.decode()
    assert '<figure class="chart" aria-labelledby="review-running-total-caption">' in page
    # Not yet scored: the application's requested 12 000 € in the band of the unscored.
    assert '<th scope="row">pisteyttämättä</th>' in page
    assert "12\u00a0000" in page or "12 000" in page


def test_themes_are_asked_on_the_application(draft, sanna):
    applications_service.application_save(
        application=draft, actor=Actor(user=sanna), themes=[Theme.DISABILITY]
    )
    draft.refresh_from_db()
    assert draft.themes == ["disability"]
    with pytest.raises(ValidationError):
        applications_service.application_save(
            application=draft, actor=Actor(user=sanna), themes=["astrology"]
        )
