"""Every write in the administration site goes through a service and is audited."""

from typing import Any

import pytest
from django.contrib.admin.sites import site
from django.test import Client
from django.urls import reverse

from kumppani.accounts.models import CountyRole, CountyRoleKind, OrganisationRole, User
from kumppani.core.models import AuditEvent, County, Municipality
from kumppani.organisations.models import Organisation
from kumppani.testing.factories import UserFactory, county

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db: None) -> User:
    return UserFactory.create(email="staff@example.fi", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def form_data(response: Any) -> dict[str, Any]:
    """The POST data of an admin change form as rendered: the main form and its inlines."""
    data: dict[str, Any] = {}

    def add(form: Any) -> None:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = value if value is True else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            add(form)
    return data


def test_changing_an_organisation_in_the_admin_is_audited(staff_client, org_x) -> None:
    url = reverse("admin:organisations_organisation_change", args=[org_x.pk])
    data = form_data(staff_client.get(url))
    data["name_fi"] = "Seinäjoen Omaishoitajat ja Läheiset ry"

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    org_x.refresh_from_db()
    assert org_x.name_fi == "Seinäjoen Omaishoitajat ja Läheiset ry"
    event = AuditEvent.objects.get(action="organisations.organisation.update")
    assert event.details == {"changed": ["name_fi"]}
    assert event.actor_label == "staff@example.fi"


def test_a_role_granted_in_the_admin_is_audited(staff_client, dave, org_x) -> None:
    url = reverse("admin:accounts_user_change", args=[dave.pk])
    data = form_data(staff_client.get(url))
    data.update(
        {
            "county_roles-TOTAL_FORMS": "1",
            "county_roles-0-county": str(county("16").pk),
            "county_roles-0-role": CountyRoleKind.LIAISON,
            "county_roles-0-municipality": str(Municipality.objects.get(code="743").pk),
            "organisation_roles-TOTAL_FORMS": "1",
            "organisation_roles-0-organisation": str(org_x.pk),
            "organisation_roles-0-title": "treasurer",
            "organisation_roles-0-has_signing_right": "on",
        }
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert CountyRole.objects.filter(user=dave, role=CountyRoleKind.LIAISON).exists()
    assert OrganisationRole.objects.get(user=dave, organisation=org_x).has_signing_right
    granted = AuditEvent.objects.get(action="accounts.county_role.grant")
    assert granted.county == county("16") and granted.object_id == str(dave.pk)
    assert granted.details == {"role": "liaison", "municipality": "743"}
    assert AuditEvent.objects.filter(action="accounts.organisation_role.grant").count() == 1


def test_removing_a_role_in_the_admin_is_audited(staff_client, bob, org_x) -> None:
    url = reverse("admin:accounts_user_change", args=[bob.pk])
    data = form_data(staff_client.get(url))
    data["organisation_roles-0-DELETE"] = "on"

    assert staff_client.post(url, data).status_code == 302

    assert not OrganisationRole.objects.filter(user=bob).exists()
    assert AuditEvent.objects.filter(action="accounts.organisation_role.remove").count() == 1


def test_deactivating_a_user_in_the_admin_is_audited_and_nobody_is_deleted(
    staff_client, dave
) -> None:
    url = reverse("admin:accounts_user_change", args=[dave.pk])
    data = form_data(staff_client.get(url))
    data.pop("is_active")

    assert staff_client.post(url, data).status_code == 302

    dave.refresh_from_db()
    assert not dave.is_active
    assert AuditEvent.objects.get(action="accounts.user.update").details == {
        "changed": ["is_active"]
    }
    request = staff_client.get(url).wsgi_request
    for model in (User, Organisation):
        assert not site._registry[model].has_delete_permission(request)


@pytest.mark.parametrize("model", [County, Municipality, AuditEvent])
def test_reference_data_and_the_audit_log_are_read_only(staff_client, model) -> None:
    request = staff_client.get(reverse("admin:index")).wsgi_request
    model_admin = site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
