"""The activity editor's pin on the map (coordinates checked by the service: in Finland or
none) and a draft's steps saved as the volunteer types (autosave)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from kumppani.catalogue.models import Location, PublicationStatus, Service
from kumppani.catalogue.pin_map import municipality_centres
from kumppani.catalogue.services import LocationData, service_update
from kumppani.core.actor import Actor
from kumppani.core.concurrency import version_of
from kumppani.testing.factories import UserFactory, municipality, representative
from kumppani.testing.urls import url_in

from .factories import ServiceFactory
from .test_service_steps import first_step

SEINAJOKI = (Decimal("62.790300"), Decimal("22.840300"))
STOCKHOLM = (Decimal("59.329300"), Decimal("18.068600"))


def autosave_url(service: Service, step: str) -> str:
    return url_in("fi", "catalogue:service_step_autosave", service.public_id, step)


def pinned(latitude: Decimal | None, longitude: Decimal | None) -> LocationData:
    return LocationData(
        address="Kauppakatu 1",
        municipality=municipality("743"),
        latitude=latitude,
        longitude=longitude,
    )


def location_of(service: Service) -> Location:
    return service.service_locations.get().location


@pytest.fixture
def draft(org_x) -> Service:
    return ServiceFactory.create(
        organisation=org_x, status=PublicationStatus.DRAFT, published_at=None
    )


# --- the pin: the service's check ---------------------------------------------------------


def test_a_pin_in_finland_is_stored(draft, bob):
    service_update(service=draft, actor=Actor(user=bob), location=pinned(*SEINAJOKI))
    location = location_of(draft)
    assert (location.latitude, location.longitude) == SEINAJOKI


@pytest.mark.parametrize(
    "coordinates",
    [STOCKHOLM, (Decimal("70.5"), Decimal("25.0")), (SEINAJOKI[0], None), (None, SEINAJOKI[1])],
    ids=["stockholm", "north-of-finland", "latitude-only", "longitude-only"],
)
def test_a_pin_outside_finland_or_half_given_is_refused(draft, bob, coordinates):
    service_update(service=draft, actor=Actor(user=bob), location=pinned(*SEINAJOKI))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        service_update(service=draft, actor=Actor(user=bob), location=pinned(*coordinates))
    assert "latitude" in refused.value.error_dict
    assert "must be in Finland" in refused.value.messages[0]
    location = location_of(draft)
    assert (location.latitude, location.longitude) == SEINAJOKI


def test_the_pin_can_be_removed(draft, bob):
    service_update(service=draft, actor=Actor(user=bob), location=pinned(*SEINAJOKI))
    service_update(service=draft, actor=Actor(user=bob), location=pinned(None, None))
    location = location_of(draft)
    assert (location.latitude, location.longitude, location.address) == (
        None,
        None,
        "Kauppakatu 1",
    )


# --- the pin on the first step ------------------------------------------------------------


def test_the_first_step_stores_the_pin_the_map_placed(client, bob, org_x):
    client.force_login(bob)
    client.post(
        url_in("fi", "catalogue:service_start"),
        first_step(pin_lat="62.790300", pin_lon="22.840300"),
    )
    location = location_of(Service.objects.get())
    assert (location.latitude, location.longitude) == SEINAJOKI


def test_the_first_step_refuses_a_pin_outside_finland_on_the_address(client, bob, draft):
    client.force_login(bob)
    service_update(service=draft, actor=Actor(user=bob), location=pinned(*SEINAJOKI))
    url = url_in("en", "catalogue:service_step", draft.public_id, "basics")
    response = client.post(url, first_step(pin_lat="59.329300", pin_lon="18.068600"))
    assert response.status_code == 200
    assert "address" in response.context["form"].errors
    assert "must be in Finland" in response.content.decode()
    location = location_of(draft)
    assert (location.latitude, location.longitude) == SEINAJOKI


def test_the_first_step_removes_the_pin_or_keeps_it_without_the_map(client, bob, draft):
    client.force_login(bob)
    service_update(service=draft, actor=Actor(user=bob), location=pinned(*SEINAJOKI))
    url = url_in("fi", "catalogue:service_step", draft.public_id, "basics")
    html = client.get(url).content.decode()
    # the pin travels in hidden fields, never as a number to type
    assert 'type="hidden" name="pin_lat" value="62.790300"' in html
    assert 'type="number"' not in html

    client.post(url, first_step())  # sent without the map's fields: the pin stays
    assert location_of(draft).latitude == SEINAJOKI[0]
    client.post(url, first_step(pin_lat="", pin_lon=""))  # "Remove the pin"
    location = location_of(draft)
    assert (location.latitude, location.longitude) == (None, None)
    assert location.address == "Kauppakatu 1"


def test_the_map_starts_at_the_centre_of_any_municipality():
    starts = municipality_centres()
    # every municipality, whether any place is pinned in it or not
    assert len(starts) == 308
    assert starts["743"] == [62.79446, 22.82822]  # Seinäjoki
    assert starts["287"] == [62.27429, 21.37596]  # Kristinestad, nothing pinned there


def test_the_first_step_has_the_map_data_and_no_inline_script(client, bob, org_x):
    client.force_login(bob)
    html = client.get(url_in("fi", "catalogue:service_start")).content.decode()
    assert 'id="pin-map-data" type="application/json"' in html
    assert "catalogue/pin_map.js" in html
    assert "<script>" not in html


# --- autosave -----------------------------------------------------------------------------


def test_autosave_saves_the_step_and_returns_the_new_version(client, bob, draft):
    client.force_login(bob)
    data = {"languages": ["fi", "sv"], "base_version": version_of(draft)}
    response = client.post(autosave_url(draft, "languages"), data)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert sorted(draft.languages.values_list("code", flat=True)) == ["fi", "sv"]
    html = response.content.decode()
    assert f'name="base_version" value="{version_of(draft)}"' in html
    assert 'hx-swap-oob="true"' in html
    # the next automatic save with the version returned goes through
    again = client.post(
        autosave_url(draft, "languages"),
        {"languages": ["fi"], "base_version": version_of(draft)},
    )
    assert again.status_code == 200
    assert list(draft.languages.values_list("code", flat=True)) == ["fi"]


def test_autosave_of_a_draft_changed_elsewhere_answers_409_and_keeps_it(client, bob, draft):
    client.force_login(bob)
    shown = version_of(draft)
    service_update(service=draft, actor=Actor(user=bob), website="https://example.fi/uusi")
    response = client.post(
        autosave_url(draft, "details"),
        {"is_free": "on", "website": "https://example.fi/vanha", "base_version": shown},
    )
    assert response.status_code == 409
    assert "base_version" not in response.content.decode()  # the form keeps its version
    draft.refresh_from_db()
    assert draft.website == "https://example.fi/uusi"


def test_autosave_never_publishes(client, bob, draft):
    client.force_login(bob)
    data = {**first_step(), "publish": "1", "base_version": version_of(draft)}
    response = client.post(autosave_url(draft, "basics"), data)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT
    assert draft.name_fi == "Kävelyryhmä"


def test_autosave_with_an_error_saves_nothing(client, bob, draft):
    client.force_login(bob)
    name = draft.name_fi
    data = {**first_step(name=""), "base_version": version_of(draft)}
    assert client.post(autosave_url(draft, "basics"), data).status_code == 422
    draft.refresh_from_db()
    assert draft.name_fi == name


def test_a_published_activity_is_not_saved_automatically(client, bob, org_x):
    client.force_login(bob)
    service = ServiceFactory.create(organisation=org_x, website="https://example.fi/a")
    data = {"website": "https://example.fi/b", "is_free": "on"}
    assert client.post(autosave_url(service, "details"), data).status_code == 422
    service.refresh_from_db()
    assert service.website == "https://example.fi/a"
    html = client.get(
        url_in("fi", "catalogue:service_step", service.public_id, "details")
    ).content.decode()
    assert "data-autosave" not in html


def test_autosave_needs_the_csrf_token(bob, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    data = {"languages": ["fi"], "base_version": version_of(draft)}
    assert client.post(autosave_url(draft, "languages"), data).status_code == 403
    assert not draft.languages.exists()


def test_only_the_organisations_representatives_save_automatically(client, draft, carol, dave):
    data = {"languages": ["fi"], "base_version": version_of(draft)}
    url = autosave_url(draft, "languages")
    assert client.post(url, data).status_code in (302, 403, 404)  # not signed in
    for someone in (carol, dave):  # a coordinator of another county, someone else
        client.force_login(someone)
        assert client.post(url, data).status_code in (403, 404)
    assert not draft.languages.exists()


def test_autosave_is_post_only_and_knows_its_steps(client, bob, draft):
    client.force_login(bob)
    assert client.get(autosave_url(draft, "languages")).status_code == 405
    assert client.post(autosave_url(draft, "coordinates"), {}).status_code == 404


def test_a_drafts_step_saves_itself_and_keeps_its_buttons(client, bob, draft):
    client.force_login(bob)
    url = url_in("fi", "catalogue:service_step", draft.public_id, "languages")
    html = client.get(url).content.decode()
    assert f'hx-post="{autosave_url(draft, "languages")}"' in html
    assert 'id="autosave-status" class="autosave-status" role="status"' in html
    assert f'name="base_version" value="{version_of(draft)}"' in html
    assert 'name="finish"' in html


def test_saving_a_step_of_an_older_version_shows_the_form_again(client, bob, draft):
    client.force_login(bob)
    shown = version_of(draft)
    service_update(service=draft, actor=Actor(user=bob), website="https://example.fi/uusi")
    url = url_in("en", "catalogue:service_step", draft.public_id, "details")
    data = {"is_free": "on", "website": "https://example.fi/vanha", "base_version": shown}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else saved these details" in response.content.decode()
    draft.refresh_from_db()
    assert draft.website == "https://example.fi/uusi"
    # the form now carries the current version: saving again goes through
    again = client.post(url, {**data, "base_version": version_of(draft)})
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.website == "https://example.fi/vanha"


# --- in Swedish too, in a bilingual municipality --------------------------------------------


@pytest.fixture
def vaasa_client(client, org_y):
    user = UserFactory.create(email="ville@vaasa.example.fi")
    representative(user, org_y)
    client.force_login(user)
    return client


def test_a_bilingual_municipalitys_activity_can_be_written_in_swedish_too(vaasa_client):
    url = url_in("fi", "catalogue:service_start")
    html = vaasa_client.get(url).content.decode()
    assert 'name="name_sv"' in html and 'lang="sv"' in html
    assert '<details class="swedish-too">' in html  # closed until there is something in it

    vaasa_client.post(
        url,
        first_step(
            municipality="905", name_sv="Promenadgrupp", summary_sv="Vi promenerar tillsammans."
        ),
    )
    service = Service.objects.get()
    assert (service.name_fi, service.name_sv, service.summary_sv) == (
        "Kävelyryhmä",
        "Promenadgrupp",
        "Vi promenerar tillsammans.",
    )
    step = url_in("fi", "catalogue:service_step", service.public_id, "basics")
    html = vaasa_client.get(step).content.decode()
    assert '<details class="swedish-too" open>' in html
    assert "Promenadgrupp" in html


def test_no_swedish_texts_are_asked_in_a_finnish_speaking_municipality_or_in_swedish(
    client, bob, org_y
):
    client.force_login(bob)
    html = client.get(url_in("fi", "catalogue:service_start")).content.decode()
    assert 'name="name_sv"' not in html  # Seinäjoki is Finnish-speaking
    client.post(url_in("fi", "catalogue:service_start"), first_step(name_sv="Promenadgrupp"))
    assert Service.objects.get().name_sv in ("", None)
    user = UserFactory.create(email="ville@vaasa.example.fi")
    representative(user, org_y)
    client.force_login(user)
    html = client.get(url_in("sv", "catalogue:service_start")).content.decode()
    assert 'name="name_sv"' not in html  # written in Swedish already
