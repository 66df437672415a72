import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from kumppani.catalogue.models import PublicationStatus, Service
from kumppani.core.access import declared_rule

from .factories import ServiceFactory, VolunteerTaskFactory


def detail(service: Service) -> str:
    return reverse("catalogue:service_detail", args=[service.public_id])


def test_every_catalogue_page_declares_an_access_rule():
    resolver = get_resolver()
    patterns = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "catalogue":
            patterns = [p for p in entry.url_patterns if isinstance(p, URLPattern)]
    if not patterns:  # language-prefixed patterns are nested one level deeper
        for entry in resolver.url_patterns:
            for inner in getattr(entry, "url_patterns", []):
                if isinstance(inner, URLResolver) and inner.namespace == "catalogue":
                    patterns = [p for p in inner.url_patterns if isinstance(p, URLPattern)]
    assert len(patterns) > 15
    assert [p.name for p in patterns if not declared_rule(p.callback)] == []


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.ARCHIVED])
def test_anonymous_cannot_see_unpublished_services(client, org_x, status):
    service = ServiceFactory.create(organisation=org_x, status=status)
    assert client.get(detail(service)).status_code == 404


def test_anonymous_cannot_see_hidden_services(client, org_x):
    service = ServiceFactory.create(organisation=org_x, hidden_at=timezone.now(), hidden_reason="x")
    assert client.get(detail(service)).status_code == 404


def test_anonymous_sees_published_services(client, org_x):
    service = ServiceFactory.create(organisation=org_x, name_fi="Muistikahvila")
    response = client.get(detail(service))
    assert response.status_code == 200
    assert "Muistikahvila" in response.content.decode()


def test_outsider_gets_404_for_a_draft(client, dave, org_x):
    service = ServiceFactory.create(organisation=org_x, status=PublicationStatus.DRAFT)
    client.force_login(dave)
    assert client.get(detail(service)).status_code == 404


def test_representative_sees_and_edits_own_draft(client, bob, org_x):
    service = ServiceFactory.create(organisation=org_x, status=PublicationStatus.DRAFT)
    client.force_login(bob)
    assert client.get(detail(service)).status_code == 200
    edit = client.get(reverse("catalogue:service_edit", args=[service.public_id]))
    assert edit.status_code == 200


def test_representative_cannot_edit_another_organisations_service(client, bob, org_y):
    service = ServiceFactory.create(organisation=org_y, municipalities=["905"])
    client.force_login(bob)
    url = reverse("catalogue:service_edit", args=[service.public_id])
    assert client.get(url).status_code == 403
    response = client.post(reverse("catalogue:service_archive", args=[service.public_id]))
    assert response.status_code == 403
    service.refresh_from_db()
    assert service.status == PublicationStatus.PUBLISHED


def test_representative_cannot_hide(client, bob, org_x):
    service = ServiceFactory.create(organisation=org_x)
    client.force_login(bob)
    url = reverse("catalogue:service_hide", args=[service.public_id])
    assert client.post(url, {"reason": "x"}).status_code == 403


def test_coordinator_of_another_county_cannot_hide(client, carol, org_x):
    service = ServiceFactory.create(organisation=org_x, municipalities=["743"])
    client.force_login(carol)
    url = reverse("catalogue:service_hide", args=[service.public_id])
    assert client.post(url, {"reason": "Harhaanjohtava"}).status_code == 403
    service.refresh_from_db()
    assert service.hidden_at is None


def test_coordinator_of_the_county_hides_and_unhides(client, alice, org_x):
    service = ServiceFactory.create(organisation=org_x, municipalities=["743"])
    client.force_login(alice)

    response = client.post(
        reverse("catalogue:service_hide", args=[service.public_id]),
        {"reason": "Toiminta on loppunut."},
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.hidden_at is not None and service.hidden_reason == "Toiminta on loppunut."
    # The coordinator still sees the hidden entry, to show it again later.
    assert client.get(detail(service)).status_code == 200

    client.post(reverse("catalogue:service_unhide", args=[service.public_id]))
    service.refresh_from_db()
    assert service.hidden_at is None


def test_hide_without_a_reason_shows_an_error(client, alice, org_x):
    service = ServiceFactory.create(organisation=org_x)
    client.force_login(alice)
    with translation.override("en"):
        url = reverse("catalogue:service_hide", args=[service.public_id])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Tell the organisation why the entry is hidden." in response.content.decode()
    service.refresh_from_db()
    assert service.hidden_at is None


def test_whole_county_area_lets_its_coordinator_hide(client, carol, org_x):
    service = ServiceFactory.create(organisation=org_x, municipalities=[], counties=["17"])
    client.force_login(carol)
    client.post(
        reverse("catalogue:service_hide", args=[service.public_id]), {"reason": "Väärä tieto"}
    )
    service.refresh_from_db()
    assert service.hidden_at is not None


def test_coordinator_does_not_see_drafts(client, alice, org_x):
    service = ServiceFactory.create(organisation=org_x, status=PublicationStatus.DRAFT)
    client.force_login(alice)
    assert client.get(detail(service)).status_code == 404


def test_staff_edits_any_service(client, org_y, django_user_model):
    staff = django_user_model.objects.create_user("staff@example.fi", "x", is_staff=True)
    service = ServiceFactory.create(organisation=org_y, status=PublicationStatus.DRAFT)
    client.force_login(staff)
    assert (
        client.get(reverse("catalogue:service_edit", args=[service.public_id])).status_code == 200
    )


def test_hidden_and_draft_tasks_are_not_public(client, org_x):
    hidden = VolunteerTaskFactory.create(organisation=org_x, hidden_at=timezone.now())
    draft = VolunteerTaskFactory.create(organisation=org_x, status=PublicationStatus.DRAFT)
    for task in (hidden, draft):
        url = reverse("catalogue:task_detail", args=[task.public_id])
        assert client.get(url).status_code == 404


def test_manage_pages_send_anonymous_to_sign_in(client):
    for name in ("catalogue:manage", "catalogue:service_create", "catalogue:stale"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "sign" in response["Location"].lower()


def test_outsider_cannot_open_manage_or_stale(client, dave):
    client.force_login(dave)
    assert client.get(reverse("catalogue:manage")).status_code == 403
    assert client.get(reverse("catalogue:stale")).status_code == 403
    assert client.get(reverse("catalogue:task_create")).status_code == 403
