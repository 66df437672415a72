"""Contact persons: by role in public, by name only with their consent recorded (who, when).

The same rule holds on the public pages, the printable list (and its PDF, see
test_printable_pdf), the /api/v1 and HSDS APIs and the HSDS export; the editor shows the
person to those who edit.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kumppani.catalogue.hsds import exporter
from kumppani.catalogue.hsds.profile_validation import profile_schema_errors
from kumppani.catalogue.hsds.validation import schema_errors
from kumppani.catalogue.models import PublicationStatus, Service, VolunteerTask
from kumppani.catalogue.services import service_update, volunteer_task_update
from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent, Municipality

from .factories import ServiceFactory, VolunteerTaskFactory

PERSON = {
    "contact_title_fi": "toiminnanohjaaja",
    "contact_title_sv": "verksamhetsledare",
    "contact_name": "Maija Meikäläinen",
    "contact_email": "maija.meikalainen@example.fi",
    "contact_phone": "040 123 4567",
}
# "Meik", not the whole name: JSON may write ä as \u00e4.
PERSON_TRACES = ("Meik", "maija.meikalainen", "040 123 4567", "0401234567")


def _service(org: Any, *, consent: bool) -> Service:
    return ServiceFactory.create(
        organisation=org, contact_consent_at=timezone.now() if consent else None, **PERSON
    )


def _task(org: Any, *, consent: bool) -> VolunteerTask:
    return VolunteerTaskFactory.create(
        organisation=org, contact_consent_at=timezone.now() if consent else None, **PERSON
    )


def _url(name: str, entry: Service | VolunteerTask, language: str = "fi") -> str:
    with translation.override(language):
        return reverse(name, args=[entry.public_id])


def _public_texts(client: Client, service: Service, task: VolunteerTask) -> dict[str, str]:
    """Everything the public gets of the entries, by where it comes from."""
    with translation.override("fi"):
        printable = reverse("catalogue:printable")
    return {
        "service page": client.get(_url("catalogue:service_detail", service)).text,
        "task page": client.get(_url("catalogue:task_detail", task)).text,
        "printable list": client.get(printable, {"ids": str(service.public_id)}).text,
        "api service": client.get(f"/api/v1/services/{service.public_id}").text,
        "api task": client.get(f"/api/v1/volunteer-tasks/{task.public_id}").text,
        "api task list": client.get("/api/v1/volunteer-tasks").text,
        "hsds service": client.get(f"/api/hsds/services/{service.public_id}").text,
        "hsds task": client.get(f"/api/hsds/volunteer_tasks/{task.public_id}").text,
    }


# --- what the public sees ------------------------------------------------------------------


def test_without_consent_the_public_sees_the_role_and_never_the_person(client, org_x):
    org_x.email = "toimisto@omaishoitajat.example.fi"
    org_x.save()
    service = _service(org_x, consent=False)
    task = _task(org_x, consent=False)

    for source, text in _public_texts(client, service, task).items():
        for trace in PERSON_TRACES:
            assert trace not in text, (source, trace)
    page = client.get(_url("catalogue:service_detail", service)).text
    assert "Toiminnanohjaaja" in page
    assert "toimisto@omaishoitajat.example.fi" in page  # the organisation's channel stays
    swedish = client.get(_url("catalogue:task_detail", task, "sv")).text
    assert "Verksamhetsledare" in swedish


def test_with_consent_the_person_is_shown_everywhere(client, org_x):
    service = _service(org_x, consent=True)
    task = _task(org_x, consent=True)

    for source, text in _public_texts(client, service, task).items():
        if source == "api task list":
            continue  # the list may not reach the task on one page; the detail does
        assert "Meik" in text, source
        assert "maija.meikalainen@example.fi" in text, source


def test_the_apis_give_the_role_always_and_the_person_only_with_consent(client, org_x):
    hidden, shown = _service(org_x, consent=False), _service(org_x, consent=True)

    contact = client.get(f"/api/v1/services/{hidden.public_id}?lang=sv").json()["contact"]
    assert contact == {
        "title": "verksamhetsledare",
        "title_language": "sv",
        "name": "",
        "email": "",
        "phone": "",
    }
    contact = client.get(f"/api/v1/services/{shown.public_id}").json()["contact"]
    assert contact["name"] == "Maija Meikäläinen" and contact["phone"] == "040 123 4567"

    body = client.get(f"/api/hsds/services/{hidden.public_id}").json()
    assert not schema_errors(body, "service.json")
    [hsds] = body["contacts"]
    assert hsds["title"] == "toiminnanohjaaja"
    assert hsds["x_title"] == {"fi": "toiminnanohjaaja", "sv": "verksamhetsledare"}
    assert not {"name", "email", "phones"} & set(hsds)
    body = client.get(f"/api/hsds/services/{shown.public_id}").json()
    assert not schema_errors(body, "service.json")
    [hsds] = body["contacts"]
    assert hsds["name"] == "Maija Meikäläinen"
    assert hsds["email"] == "maija.meikalainen@example.fi"
    assert [phone["number"] for phone in hsds["phones"]] == ["040 123 4567"]


def test_a_task_contact_in_hsds_follows_the_profile_schema(client, org_x):
    for consent in (False, True):
        task = _task(org_x, consent=consent)
        body = client.get(f"/api/hsds/volunteer_tasks/{task.public_id}").json()
        assert not profile_schema_errors(body, "volunteer_task.json")
        assert body["contacts"][0]["title"] == "toiminnanohjaaja"
        assert ("name" in body["contacts"][0]) is consent


def test_the_hsds_export_holds_no_person_without_consent(org_x):
    _service(org_x, consent=False)
    shown = ServiceFactory.create(
        organisation=org_x,
        contact_name="Kalle Kontakti",
        contact_phone="050 765 4321",
        contact_consent_at=timezone.now(),
    )

    tables = exporter.tables(exporter.full_services("fi"))

    names = [row.get("name") for row in tables["contact"].values()]
    assert "Maija Meikäläinen" not in names and "Kalle Kontakti" in names
    phones = [row["number"] for row in tables["phone"].values()]
    assert phones == ["050 765 4321"]
    assert all(row["service_id"] for row in tables["contact"].values())
    assert str(shown.public_id) in {row["service_id"] for row in tables["contact"].values()}


# --- the editor ----------------------------------------------------------------------------


def _edit_post(service: Service, **extra: str) -> dict[str, Any]:
    return {
        "name_fi": str(service.name_fi),
        "summary_fi": str(service.summary_fi),
        "municipalities": ["743"],
        "is_free": "on",
        "how_to_join": "drop_in",
        "website": service.website,
        "contact_title_fi": "toiminnanohjaaja",
        "contact_name": "Maija Meikäläinen",
        "contact_email": "maija.meikalainen@example.fi",
        "contact_phone": "040 123 4567",
        **extra,
    }


def test_the_editor_shows_the_person_and_ticking_consent_records_who_and_when(client, bob, org_x):
    service = _service(org_x, consent=False)
    client.force_login(bob)
    url = _url("catalogue:service_edit", service, "en")

    form = client.get(url).text
    assert "Maija Meikäläinen" in form and "040 123 4567" in form
    assert "agreed that their name and contact details are shown publicly" in form

    before = timezone.now()
    response = client.post(url, _edit_post(service, contact_consent="on"))

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.contact_consent_by == bob
    assert service.contact_consent_at is not None and service.contact_consent_at >= before
    event = AuditEvent.objects.filter(action="catalogue.service.update").latest("occurred_at")
    assert event.actor == bob
    assert event.details["contact_consent"] == "recorded"
    assert "contact_consent_at" in event.details["changed"]
    assert "Maija Meikäläinen" in client.get(_url("catalogue:service_detail", service)).text
    assert "Consent recorded by Bob Puheenjohtaja" in client.get(url).text


def test_unticking_consent_withdraws_it(client, bob, org_x):
    service = _service(org_x, consent=True)
    client.force_login(bob)

    client.post(_url("catalogue:service_edit", service, "en"), _edit_post(service))

    service.refresh_from_db()
    assert service.contact_consent_at is None and service.contact_consent_by is None
    event = AuditEvent.objects.filter(action="catalogue.service.update").latest("occurred_at")
    assert event.details["contact_consent"] == "withdrawn"
    client.logout()
    page = client.get(_url("catalogue:service_detail", service)).text
    assert "Meikäläinen" not in page


def test_a_new_person_needs_consent_of_their_own(bob, org_x, alice):
    service = _service(org_x, consent=True)
    task = _task(org_x, consent=True)
    earlier = timezone.now() - timedelta(days=30)
    Service.objects.filter(pk=service.pk).update(contact_consent_at=earlier)
    service.refresh_from_db()

    # Saying nothing of consent (an API client, a script) while the person changes clears it.
    service_update(service=service, actor=Actor(user=bob), contact_name="Kalle Kontakti")
    volunteer_task_update(task=task, actor=Actor(user=bob), contact_email="uusi@example.fi")
    assert service.contact_consent_at is None
    assert VolunteerTask.objects.get(pk=task.pk).contact_consent_at is None

    # Ticked again by someone else for the new person: recorded anew, by them.
    service_update(service=service, actor=Actor(user=alice), contact_consent=True)
    service.refresh_from_db()
    assert service.contact_consent_by == alice
    assert service.contact_consent_at is not None and service.contact_consent_at > earlier

    # Other edits leave a recorded consent as it was.
    recorded_at = service.contact_consent_at
    service_update(service=service, actor=Actor(user=bob), summary_fi="Uusi kuvaus.")
    service.refresh_from_db()
    assert service.contact_consent_at == recorded_at and service.contact_consent_by == alice


def test_consent_without_a_person_records_nothing(bob, org_x):
    service = ServiceFactory.create(organisation=org_x, contact_title_fi="toiminnanohjaaja")
    service_update(service=service, actor=Actor(user=bob), contact_consent=True)
    service.refresh_from_db()
    assert service.contact_consent_at is None


@pytest.mark.parametrize("consent", [False, True])
def test_the_task_editor_records_consent_like_the_activity_editor(client, bob, org_x, consent):
    task = _task(org_x, consent=False)
    client.force_login(bob)
    data = {
        "title_fi": str(task.title_fi),
        "municipality": Municipality.objects.get(code="743").pk,
        "contact_title_fi": "vapaaehtoiskoordinaattori",
        "contact_name": "Maija Meikäläinen",
        "contact_email": "maija.meikalainen@example.fi",
    }
    if consent:
        data["contact_consent"] = "on"

    response = client.post(_url("catalogue:task_edit", task, "en"), data)

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.contact_title_fi == "vapaaehtoiskoordinaattori"
    assert (task.contact_consent_by == bob) is consent
    assert task.status == PublicationStatus.PUBLISHED
