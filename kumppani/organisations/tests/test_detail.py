"""The organisation detail page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from kumppani.organisations.selectors import MEMBER_LIST_CAP
from kumppani.testing.factories import OrganisationFactory


def test_detail_shows_public_fields_counties_and_umbrella(client, org_x):
    umbrella = OrganisationFactory(name="Kattojärjestö ry")
    org_x.umbrella = umbrella
    org_x.register_number = "123.456"
    org_x.website = "https://example.fi"
    org_x.save()
    org_x.municipalities.add(*org_x.municipalities.model.objects.filter(code="905"))
    with translation.override("en"):
        url = reverse("organisations:detail", args=[org_x.public_id])
    response = client.get(url)
    text = response.text
    for expected in (
        "Seinäjoen Omaishoitajat ry",
        "0201256-6",
        "123.456",
        "Seinäjoki",
        "Vaasa",
        "Kattojärjestö ry",
        "https://example.fi",
        "Not verified",
    ):
        assert expected in text
    assert [c.code for c in response.context["counties"]] == ["16", "17"]


def test_detail_shows_the_name_in_the_readers_language_with_fallback(client, org_y):
    finnish_only = OrganisationFactory(name="Kurikan Kerho ry", name_sv="")
    with translation.override("sv"):
        sv_url = reverse("organisations:detail", args=[org_y.public_id])
        fallback_url = reverse("organisations:detail", args=[finnish_only.public_id])
    assert "<h1>Vasanejdens Närståendevårdare rf</h1>" in client.get(sv_url).text
    # No Swedish name: the Finnish one is shown, marked as Finnish.
    assert '<h1 lang="fi">Kurikan Kerho ry</h1>' in client.get(fallback_url).text


def test_an_umbrella_with_many_members_lists_a_capped_number_and_links_to_all(client, org_x):
    for number in range(MEMBER_LIST_CAP + 5):
        OrganisationFactory(name=f"Jäsen {number:03d} ry", umbrella=org_x)
    response = client.get(reverse("organisations:detail", args=[org_x.public_id]))
    assert len(response.context["members"]) == MEMBER_LIST_CAP
    assert response.context["member_count"] == MEMBER_LIST_CAP + 5
    assert f"?umbrella={org_x.public_id}" in response.text


@pytest.mark.parametrize(("persona", "shown"), [(None, False), ("bob", False), ("alice", True)])
def test_verify_button_is_shown_to_the_coordinator_only(client, request, org_x, persona, shown):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    html = client.get(reverse("organisations:detail", args=[org_x.public_id])).text
    assert (reverse("organisations:verify", args=[org_x.public_id]) in html) is shown


def test_edit_form_groups_municipalities_by_county_and_ticks_the_current_ones(client, bob, org_x):
    client.force_login(bob)
    with translation.override("en"):
        response = client.get(reverse("organisations:edit", args=[org_x.public_id]))
    html = response.text
    # One <select multiple> with an optgroup per county; Seinäjoki (743) chosen.
    assert html.count('<select name="municipalities" multiple') == 1
    assert re.search(r'<optgroup label="[^"]+" data-county="16">', html)
    assert re.search(r'<option value="743"[^>]* selected>', html)
    assert response.context["form"].initial["municipalities"] == ["743"]


def test_edit_with_a_wrong_business_id_shows_the_message_and_saves_nothing(client, bob, org_x):
    client.force_login(bob)
    with translation.override("en"):
        url = reverse("organisations:edit", args=[org_x.public_id])
    response = client.post(
        url, {"name_fi": "Uusi nimi ry", "kind": "association", "business_id": "1234567-2"}
    )
    assert response.status_code == 200
    assert "The check digit of business ID 1234567-2 is wrong." in response.text
    org_x.refresh_from_db()
    assert org_x.name_fi == "Seinäjoen Omaishoitajat ry"


def test_failed_save_summarises_errors_and_marks_the_fields(client, bob, org_x):
    client.force_login(bob)
    with translation.override("en"):
        url = reverse("organisations:edit", args=[org_x.public_id])
    html = client.post(url, {"name_fi": "", "kind": "", "municipalities": ["743"]}).text
    summary = html[html.index("data-error-summary") : html.index('name="name_fi"')]
    assert "There is a problem" in summary
    assert '<a href="#id_name_fi">' in summary
    assert '<a href="#id_kind">Kind: Choose the kind of organisation.</a>' in summary
    name_input = re.search(r'<input [^>]*name="name_fi"[^>]*>', html)
    assert name_input is not None
    assert 'aria-invalid="true"' in name_input.group()
    assert 'aria-describedby="id_name_fi_error"' in name_input.group()


def test_an_unknown_municipality_code_is_refused_in_words(client, bob, org_x):
    client.force_login(bob)
    with translation.override("en"):
        url = reverse("organisations:edit", args=[org_x.public_id])
    html = client.post(
        url, {"name_fi": "Uusi nimi ry", "kind": "association", "municipalities": ["743", "999"]}
    ).text
    assert "There is no municipality with code 999. Choose municipalities from the list." in html
    org_x.refresh_from_db()
    assert org_x.name_fi == "Seinäjoen Omaishoitajat ry"
