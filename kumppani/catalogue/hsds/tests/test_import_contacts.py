"""An import brings the contact's role; it never makes a person public."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import timezone

from kumppani.catalogue.contacts import public_contact
from kumppani.catalogue.models import Service

from .helpers import SAMPLE, run_import

pytestmark = pytest.mark.django_db

CONTACT_ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"


def _write(tmp_path: Path, *, email: str) -> Path:
    data = json.loads(SAMPLE.read_text())
    contact = {"id": CONTACT_ID, "title": "Toiminnanohjaaja", "name": "Maija Meikäläinen"}
    data[0]["contacts"] = [contact]
    data[0]["email"] = email
    target = tmp_path / "services.json"
    target.write_text(json.dumps(data))
    return target


def test_the_role_is_imported_and_no_consent_is_recorded(tmp_path: Path) -> None:
    run_import(_write(tmp_path, email="maija@example.org"), language="fi")

    service = Service.objects.get(contact_title_fi="Toiminnanohjaaja")
    assert service.contact_consent_at is None
    assert service.contact_email == "maija@example.org"  # the editor still sees it
    shown = public_contact(service)
    assert shown.title.text == "Toiminnanohjaaja"
    assert (shown.name, shown.email) == ("", "")


def test_a_changed_person_loses_the_consent_given_before(tmp_path: Path) -> None:
    run_import(_write(tmp_path, email="maija@example.org"), language="fi")
    service = Service.objects.get(contact_title_fi="Toiminnanohjaaja")
    Service.objects.filter(pk=service.pk).update(contact_consent_at=timezone.now())

    run_import(_write(tmp_path, email="someone.else@example.org"), language="fi")

    service.refresh_from_db()
    assert service.contact_email == "someone.else@example.org"
    assert service.contact_consent_at is None
