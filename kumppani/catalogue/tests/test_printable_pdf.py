"""The printable list of chosen activities as a tagged PDF, in the page's language."""

from __future__ import annotations

from django.utils import timezone

from kumppani.core.tests.pdf import document_language, is_tagged, pdf_text, read_pdf
from kumppani.testing.urls import url_in

from .factories import ServiceFactory, caregivers_cafe


def _chosen(org_x):
    coffee = caregivers_cafe(
        org_x,
        contact_title_fi="toiminnanohjaaja",
        contact_name="Maija Meikäläinen",
        contact_phone="040 123 4567",
        contact_consent_at=timezone.now(),  # she agreed to be shown
    )
    walk = ServiceFactory.create(
        organisation=org_x,
        name_fi="Muistikävely",
        summary_fi="Kävelemme yhdessä puistossa.",
        contact_title_fi="vapaaehtoiskoordinaattori",
        contact_name="Matti Virtanen",
        contact_email="matti.virtanen@example.fi",  # no consent recorded
        website="https://example.fi/kavely",
    )
    return coffee, walk


def test_printable_list_downloads_as_a_pdf_with_each_chosen_activity(client, org_x):
    coffee, walk = _chosen(org_x)
    ids = f"{coffee.public_id},{walk.public_id}"

    response = client.get(url_in("fi", "catalogue:printable_pdf"), {"ids": ids})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="activities.pdf"'
    text = pdf_text(response.content)
    for expected in (
        "Omaishoitajien kahvila",
        "Kahvia ja vertaistukea.",
        "Kalevankatu 5",
        "18.00",
        "Toiminnanohjaaja Maija Meikäläinen 040 123 4567",
        "Muistikävely",
        "Kävelemme yhdessä puistossa.",
        "Vapaaehtoiskoordinaattori https://example.fi/kavely",
        str(org_x),
    ):
        assert expected in text, expected
    # Without consent the role stands in for the person.
    assert "Matti" not in text and "matti.virtanen" not in text
    assert text.index("Omaishoitajien kahvila") < text.index("Muistikävely")
    reader = read_pdf(response.content)
    assert is_tagged(reader)
    assert document_language(reader) == "fi"


def test_pdf_is_in_the_pages_language(client, org_x):
    coffee, walk = _chosen(org_x)

    response = client.get(
        url_in("sv", "catalogue:printable_pdf"), {"ids": f"{coffee.public_id},{walk.public_id}"}
    )

    reader = read_pdf(response.content)
    assert document_language(reader) == "sv"
    assert reader.metadata is not None and reader.metadata.title == "Verksamhet för dig"
    text = pdf_text(response.content)
    assert "Närståendevårdarnas kafé" in text and "Kaffe och kamratstöd." in text
    assert "Muistikävely" in text  # no Swedish name: the Finnish one stands in


def test_pdf_takes_a_search_query_string_like_the_page(client, org_x):
    from kumppani.catalogue.search.index import index_service

    index_service(ServiceFactory.create(organisation=org_x, name_fi="Muistikahvila"))
    index_service(ServiceFactory.create(organisation=org_x, name_fi="Kuntosaliryhmä"))

    response = client.get(
        url_in("fi", "catalogue:printable_pdf"), {"q": "kahvila", "municipality": "743"}
    )

    text = pdf_text(response.content)
    assert "Muistikahvila" in text and "Kuntosaliryhmä" not in text


def test_printable_page_links_to_the_pdf_with_the_same_choice(client, org_x):
    coffee, _walk = _chosen(org_x)
    html = client.get(url_in("fi", "catalogue:printable"), {"ids": str(coffee.public_id)}).text
    assert f'href="{url_in("fi", "catalogue:printable_pdf")}?ids={coffee.public_id}"' in html


def test_printable_page_without_activities_offers_no_pdf(client, db):
    html = client.get(url_in("fi", "catalogue:printable")).text
    assert url_in("fi", "catalogue:printable_pdf") not in html
