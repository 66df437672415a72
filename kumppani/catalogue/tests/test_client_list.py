"""A professional's list of activities for a client: kept in the session over several
searches, reordered, printed, downloaded as a PDF and emailed without keeping the address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from kumppani.catalogue.client_list import list_entries
from kumppani.catalogue.search.index import index_service
from kumppani.core.models import AuditEvent, OutgoingEmail, Submission
from kumppani.core.tests.pdf import document_language, pdf_text, read_pdf
from kumppani.testing.factories import municipality

from .factories import ServiceFactory, caregivers_cafe, weekly_from_tomorrow


def _url(name: str, language: str = "fi") -> str:
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def three(org_x):
    coffee = caregivers_cafe(
        org_x, easy_read_summary_fi="Juomme kahvia ja juttelemme.", free_places=4
    )
    walk = ServiceFactory.create(organisation=org_x, name_fi="Muistikävely", how_to_join="sign_up")
    choir = ServiceFactory.create(
        organisation=org_x,
        name_fi="Senioripuolikuoro",
        last_verified_at=timezone.now() - timedelta(days=400),
    )
    return coffee, walk, choir


def _add(client, service, next_url="/fi/services/?q=kahvila"):
    return client.post(
        _url("catalogue:client_list_add"), {"service": str(service.public_id), "next": next_url}
    )


def _change(client, service, action):
    return client.post(
        _url("catalogue:client_list_change"),
        {"service": str(service.public_id) if service else "", "action": action},
    )


def _names_in_order(html: str, *names: str) -> list[str]:
    return sorted((n for n in names if n in html), key=html.index)


def test_adding_returns_to_the_page_and_keeps_the_order_of_adding(client, three):
    coffee, walk, choir = three

    response = _add(client, walk, "/fi/services/?q=muisti&page=2")
    assert response.status_code == 302
    assert response["Location"] == f"/fi/services/?q=muisti&page=2#client-list-{walk.public_id}"
    _add(client, coffee)
    _add(client, walk)  # again: no second entry
    _add(client, choir)

    html = client.get(_url("catalogue:client_list")).text
    names = ("Muistikävely", "Omaishoitajien kahvila", "Senioripuolikuoro")
    assert _names_in_order(html, *names) == list(names)
    assert html.count(f'id="entry-{walk.public_id}"') == 1


def test_a_foreign_return_address_is_not_followed(client, three):
    response = _add(client, three[0], "https://evil.example/")
    assert response["Location"] == _url("catalogue:client_list")


def test_an_unpublished_activity_is_not_added(client, org_x):
    draft = ServiceFactory.create(organisation=org_x, status="draft")
    _add(client, draft)
    assert "entry-" not in client.get(_url("catalogue:client_list")).text


def test_entries_move_up_and_down_are_removed_and_cleared(client, three):
    coffee, _walk, choir = three
    for service in three:
        _add(client, service)

    response = _change(client, choir, "up")
    assert response["Location"] == f"{_url('catalogue:client_list')}#entry-{choir.public_id}"
    _change(client, coffee, "down")
    html = client.get(_url("catalogue:client_list")).text
    names = ("Omaishoitajien kahvila", "Muistikävely", "Senioripuolikuoro")
    assert _names_in_order(html, *names) == [
        "Senioripuolikuoro",
        "Omaishoitajien kahvila",
        "Muistikävely",
    ]

    _change(client, coffee, "remove")
    html = client.get(_url("catalogue:client_list")).text
    assert "Omaishoitajien kahvila" not in html and "Muistikävely" in html

    _change(client, None, "clear")
    html = client.get(_url("catalogue:client_list")).text
    assert "Muistikävely" not in html and "Senioripuolikuoro" not in html


def test_result_rows_offer_the_button_and_show_free_places_and_how_to_join(client, three):
    _coffee, walk, _choir = three
    for service in three:
        index_service(service)
    _add(client, walk)

    html = client.get(_url("catalogue:search")).text

    assert html.count('action="/fi/services/client-list/add/"') == 2  # the walk is on it
    assert "4 vapaata paikkaa" in html
    assert "Vapaat paikat: kysy järjestäjältä" in html  # the walk and the choir say nothing
    assert "ilmoittautuminen etukäteen" in html  # how to join the walk
    assert f'id="client-list-{walk.public_id}"' in html


def test_the_result_list_makes_as_many_queries_for_more_rows(client, org_x):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("catalogue:search"), {"q": "kerho"}).status_code == 200
        return len(captured)

    for n in range(2):
        index_service(
            ServiceFactory.create(organisation=org_x, name_fi=f"Kerho {n}", free_places=n)
        )
    queries()  # the first search reads and caches the reference data
    few = queries()
    for n in range(2, 8):
        index_service(
            ServiceFactory.create(organisation=org_x, name_fi=f"Kerho {n}", free_places=n)
        )
    queries()  # a changed index clears the search's caches: compare warm searches
    assert queries() == few


def test_detail_page_offers_adding(client, three):
    coffee = three[0]
    url = reverse("catalogue:service_detail", args=[coffee.public_id])
    assert 'action="/fi/services/client-list/add/"' in client.get(url).text
    _add(client, coffee, url)
    html = client.get(url).text
    assert 'action="/fi/services/client-list/add/"' not in html
    assert "Poista asiakkaan listalta" in html


def test_pdf_in_the_clients_language_with_easy_read_free_places_and_a_warning(client, three):
    for service in three:
        _add(client, service)

    response = client.get(_url("catalogue:client_list_pdf"), {"language": "fi", "easy_read": "on"})

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    for expected in ("Omaishoitajien kahvila", "Muistikävely", "Senioripuolikuoro"):
        assert expected in text
    assert "Juomme kahvia ja juttelemme." in text and "Kahvia ja vertaistukea." not in text
    assert "Kalevankatu 5" in text
    assert "Vapaita paikkoja 4" in text
    assert text.count("yli vuoteen") == 1  # only the choir is unconfirmed

    sv = client.get(_url("catalogue:client_list_pdf"), {"language": "sv"})
    assert document_language(read_pdf(sv.content)) == "sv"
    assert "Närståendevårdarnas kafé" in pdf_text(sv.content)


def test_print_page_goes_to_the_clients_language(client, three):
    _add(client, three[0])
    response = client.get(_url("catalogue:client_list_print"), {"language": "sv"})
    assert response.status_code == 302
    assert response["Location"].startswith(_url("catalogue:client_list_print", "sv"))
    html = client.get(response["Location"]).text
    assert 'lang="sv"' in html and "Närståendevårdarnas kafé" in html


def _send(client, email="asiakas@example.fi", token="0" * 32):
    return client.post(
        _url("catalogue:client_list_email"),
        {"send-email": email, "send-language": "sv", "submission_token": token},
    )


def test_a_professional_emails_the_list_and_the_address_stays_only_in_the_outbox(
    client, paula, three
):
    client.force_login(paula)
    for service in three:
        _add(client, service)

    response = _send(client)
    _send(client)  # sent twice (a double click): one message

    assert response.status_code == 302
    email = OutgoingEmail.objects.get()
    assert email.recipient == "asiakas@example.fi" and email.language == "sv"
    assert "Närståendevårdarnas kafé" in email.body and "Muistikävely" in email.body
    event = AuditEvent.objects.get(action="catalogue.client_list.send")
    assert event.details["activities"] == 3
    assert "asiakas" not in str(event.details) + event.object_label
    assert "asiakas" not in str(list(Submission.objects.values()))
    assert "asiakas" not in str(dict(client.session))


def test_sending_needs_a_county_role(client, dave, three):
    client.force_login(dave)
    _add(client, three[0])
    assert _send(client).status_code == 403
    assert "client-list/email" not in client.get(_url("catalogue:client_list")).text
    assert not OutgoingEmail.objects.exists()


def test_a_bad_address_gives_the_form_back(client, paula, three):
    client.force_login(paula)
    _add(client, three[0])
    response = _send(client, email="not an address")
    assert response.status_code == 400
    assert not OutgoingEmail.objects.exists()


def test_a_swedish_list_gives_the_swedish_street_and_post_office(org_x):
    service = ServiceFactory.create(organisation=org_x, name_sv="Minneskafé")
    weekly_from_tomorrow(
        service,
        address="Hovioikeudenpuistikko 13",
        address_sv="Hovrättsesplanaden 13",
        postal_code="65100",
        city="Vaasa",
        municipality=municipality("905"),
    )

    swedish, finnish = (
        list_entries([service], language, easy_read=False)[0] for language in ("sv", "fi")
    )

    assert swedish.places == ["Hovrättsesplanaden 13, 65100 Vasa"]
    assert finnish.places == ["Hovioikeudenpuistikko 13, 65100 Vaasa"]
    assert len(swedish.occurrences) == 3
