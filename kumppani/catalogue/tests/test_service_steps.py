"""The activity editor in steps: the short first step publishes, the optional steps save
drafts, and the reader is never asked for coordinates, language codes or an organisation
they cannot choose differently."""

from datetime import date, timedelta

import pytest

from kumppani.catalogue.forms.service_steps import STEP_SLUGS, TargetGroupsStepForm
from kumppani.catalogue.models import PublicationStatus, Service, TaxonomyTerm
from kumppani.catalogue.suggestions import suggested_service_classes
from kumppani.catalogue.taxonomy_data import PTV_SERVICE_CLASSES, PTV_TARGET_GROUPS
from kumppani.core.models import AuditEvent
from kumppani.testing.factories import OrganisationFactory, representative
from kumppani.testing.urls import url_in

from .factories import ServiceFactory


def next_monday() -> date:
    today = date.today()
    return today + timedelta(days=7 - today.weekday())


def first_step(**changes) -> dict[str, str]:
    data = {
        "name": "Kävelyryhmä",
        "summary": "Kävelemme yhdessä puistossa ja juomme kahvit.",
        "municipality": "743",
        "address": "Kauppakatu 1",
        "start_date": next_monday().isoformat(),
        "start_time": "10:00",
        "end_time": "11:30",
        "repeat": "weekly",
        "how_to_join": "drop_in",
        "contact_name": "Liisa Ohjaaja",
        "contact_phone": "040 123 4567",
        "contact_consent": "on",
    }
    data.update(changes)
    return data


@pytest.fixture
def as_bob(client, bob):
    client.force_login(bob)
    return client


def test_the_first_step_chooses_the_only_organisation_and_its_municipality(as_bob, org_x):
    html = as_bob.get(url_in("fi", "catalogue:service_start")).content.decode()
    assert "---------" not in html
    assert f'type="hidden" name="organisation" value="{org_x.pk}"' in html
    assert '<option value="743" selected>' in html
    assert "latitude" not in html and "longitude" not in html


def test_publishing_from_the_first_step(as_bob, org_x):
    response = as_bob.post(
        url_in("fi", "catalogue:service_start"), {**first_step(), "publish": "1"}
    )
    service = Service.objects.get()
    assert response.status_code == 302
    assert response.url == url_in("fi", "catalogue:service_step", service.public_id, "languages")
    assert service.status == PublicationStatus.PUBLISHED
    assert service.organisation == org_x
    assert service.name_fi == "Kävelyryhmä"
    assert [m.code for m in service.municipalities.all()] == ["743"]
    location = service.service_locations.get().location
    assert location.municipality is not None
    assert (location.address, location.municipality.code, location.latitude) == (
        "Kauppakatu 1",
        "743",
        None,
    )
    assert "FREQ=WEEKLY" in service.schedules.get().rrule
    assert AuditEvent.objects.filter(action="catalogue.service.publish").count() == 1


def test_the_first_step_in_swedish_writes_the_swedish_texts(client, bob):
    client.force_login(bob)
    client.post(url_in("sv", "catalogue:service_start"), first_step(name="Promenadgrupp"))
    service = Service.objects.get()
    assert service.name_sv == "Promenadgrupp"
    assert not service.name_fi
    assert service.status == PublicationStatus.DRAFT


def test_the_same_first_step_sent_twice_adds_one_activity(as_bob):
    data = {**first_step(), "submission_token": "7b0c3a39-2f6e-4b36-9d2c-6b1f2d0e8f11"}
    as_bob.post(url_in("fi", "catalogue:service_start"), data)
    again = as_bob.post(url_in("fi", "catalogue:service_start"), data)
    assert again.status_code == 302
    assert Service.objects.count() == 1


def test_an_empty_first_step_says_what_is_missing(as_bob):
    html = as_bob.post(url_in("en", "catalogue:service_start"), {}).content.decode()
    assert "Give the activity a name." in html
    assert "Give the date of the first time." in html
    assert not Service.objects.exists()


def test_a_draft_that_cannot_be_published_yet_is_kept(as_bob, bob):
    org = OrganisationFactory.create(municipalities=["743"], email="", phone="", website="")
    representative(bob, org)
    data = first_step(contact_name="", contact_phone="", contact_consent="")
    data.update(organisation=str(org.pk), publish="1")
    response = as_bob.post(url_in("fi", "catalogue:service_start"), data)
    service = Service.objects.get()
    assert service.status == PublicationStatus.DRAFT
    assert response.url == url_in("fi", "catalogue:service_step", service.public_id, "basics")


def test_someone_with_two_organisations_chooses_one(as_bob, bob):
    representative(bob, OrganisationFactory.create(municipalities=["905"]))
    html = as_bob.get(url_in("fi", "catalogue:service_start")).content.decode()
    assert '<select name="organisation"' in html


@pytest.mark.parametrize("step", STEP_SLUGS)
def test_every_step_shows_for_an_activity(as_bob, org_x, step):
    service = ServiceFactory.create(organisation=org_x, name_fi="Kävelyryhmä")
    response = as_bob.get(url_in("fi", "catalogue:service_step", service.public_id, step))
    assert response.status_code == 200


def test_an_unknown_step_is_not_found(as_bob, org_x):
    service = ServiceFactory.create(organisation=org_x)
    url = url_in("fi", "catalogue:service_step", service.public_id, "coordinates")
    assert as_bob.get(url).status_code == 404


def test_a_step_saves_only_its_own_fields_and_keeps_a_draft(as_bob, org_x):
    service = ServiceFactory.create(
        organisation=org_x, status=PublicationStatus.DRAFT, summary_fi="Yhteinen kävely"
    )
    url = url_in("fi", "catalogue:service_step", service.public_id, "languages")
    response = as_bob.post(url, {"languages": ["fi", "sv"], "other_language": "ku"})
    assert response.url == url_in(
        "fi", "catalogue:service_step", service.public_id, "target-groups"
    )
    service.refresh_from_db()
    assert sorted(service.languages.values_list("code", flat=True)) == ["fi", "ku", "sv"]
    assert service.status == PublicationStatus.DRAFT
    assert service.summary_fi == "Yhteinen kävely"


def test_languages_are_offered_by_name(as_bob, org_x):
    service = ServiceFactory.create(organisation=org_x)
    html = as_bob.get(
        url_in("fi", "catalogue:service_step", service.public_id, "languages")
    ).content.decode()
    assert "Ruotsi" in html and "Kurdi" in html
    assert "language codes" not in html


def test_target_groups_are_groups_of_people(org_x):
    form = TargetGroupsStepForm(service=ServiceFactory.create(organisation=org_x))
    codes = [term.code for term in form.fields["terms"].queryset]
    assert "KR1.1" in codes
    assert all(code.startswith("KR1") for code in codes)


def test_choosing_target_groups_keeps_the_other_terms(as_bob, org_x):
    service = ServiceFactory.create(organisation=org_x)
    service_class = TaxonomyTerm.objects.filter(taxonomy__code=PTV_SERVICE_CLASSES)[0]
    service.terms.add(service_class)
    seniors = TaxonomyTerm.objects.get(taxonomy__code=PTV_TARGET_GROUPS, code="KR1.1")
    url = url_in("fi", "catalogue:service_step", service.public_id, "target-groups")
    as_bob.post(url, {"terms": [seniors.pk]})
    assert set(service.terms.all()) == {service_class, seniors}


def test_service_classes_are_suggested_from_the_text(org_x):
    service = ServiceFactory.create(
        organisation=org_x,
        name_fi="Liikuntaryhmä",
        summary_fi="Liikuntaa ja ulkoilua ikäihmisille",
        description_fi="",
    )
    suggested = suggested_service_classes(service, "fi")
    assert suggested
    assert any("liikun" in term.name_fi.casefold() for term in suggested)


def test_the_accessibility_step_tells_yes_no_and_not_reported_apart(as_bob, org_x):
    service = ServiceFactory.create(organisation=org_x, step_free_access=None)
    url = url_in("fi", "catalogue:service_step", service.public_id, "accessibility")
    as_bob.post(url, {"step_free_access": "True", "induction_loop": "False"})
    service.refresh_from_db()
    assert service.step_free_access is True
    assert service.induction_loop is False
    assert service.accessible_toilet is None  # left unanswered: not reported, not "no"


def test_the_last_step_ends_on_the_activity_page(as_bob, org_x):
    service = ServiceFactory.create(organisation=org_x, is_free=True)
    url = url_in("fi", "catalogue:service_step", service.public_id, "details")
    response = as_bob.post(url, {"is_free": "on", "description": "Kävelemme rauhassa."})
    assert response.url == url_in("fi", "catalogue:service_detail", service.public_id)
    service.refresh_from_db()
    assert service.description_fi == "Kävelemme rauhassa."


def test_someone_signed_out_cannot_open_a_step(client, org_x):
    service = ServiceFactory.create(organisation=org_x)
    url = url_in("fi", "catalogue:service_step", service.public_id, "languages")
    assert client.get(url).status_code in (302, 403, 404)


def test_the_full_form_stays_reachable(as_bob):
    html = as_bob.get(url_in("fi", "catalogue:service_create")).content.decode()
    assert 'id="section-classification"' in html
    assert '<select name="organisation"' not in html
