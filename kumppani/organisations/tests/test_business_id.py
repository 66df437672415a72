"""Business IDs (Y-tunnus): a wrong check digit is refused, through the form and the service."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kumppani.core.actor import Actor
from kumppani.organisations.forms import OrganisationForm
from kumppani.organisations.models import Organisation
from kumppani.organisations.services import organisation_create

CHECKSUM_MESSAGE = "The check digit of business ID 1234567-2 is wrong. Check the number."


def _form(business_id: str) -> OrganisationForm:
    return OrganisationForm(
        {"name_fi": "Testiyhdistys ry", "kind": "association", "business_id": business_id}
    )


@pytest.mark.django_db
def test_form_refuses_a_business_id_with_a_wrong_check_digit():
    with translation.override("en"):
        form = _form("1234567-2")
        assert not form.is_valid()
        assert form.errors["business_id"] == [CHECKSUM_MESSAGE]


@pytest.mark.django_db
def test_form_refuses_a_malformed_business_id_with_an_example():
    with translation.override("en"):
        form = _form("12-34")
        assert not form.is_valid()
        assert "e.g. 1234567-8" in form.errors["business_id"][0]


@pytest.mark.django_db
def test_form_accepts_a_valid_business_id():
    form = _form("0201256-6")
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_service_refuses_a_business_id_with_a_wrong_check_digit():
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        organisation_create(actor=Actor.system("t"), name_fi="Yhdistys ry", business_id="1234567-2")
    assert caught.value.message_dict["business_id"] == [CHECKSUM_MESSAGE]
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_service_accepts_and_normalises_a_valid_business_id():
    organisation = organisation_create(
        actor=Actor.system("t"), name_fi="Yhdistys ry", business_id=" 0201256-6 "
    )
    assert organisation.business_id == "0201256-6"
