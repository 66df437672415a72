"""The public pages: the calendar with its filters, a meeting's page (JSON-LD, the online
link only for the registered) and registration without JavaScript."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from kumppani.core.actor import Actor
from kumppani.core.models import OutgoingEmail
from kumppani.meetings.models import Meeting, Mode, RegistrationStatus
from kumppani.meetings.services.registrations import register, registration_token

from .conftest import make_meeting, make_series

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING


def _detail(meeting: Meeting) -> str:
    return reverse("meetings:meeting_detail", args=[meeting.public_id])


def _token(response) -> str:
    found = re.search(r'name="submission_token" value="([0-9a-f]+)"', response.content.decode())
    assert found is not None
    return found[1]


def test_calendar_filters_by_kind_municipality_language_and_online(client, db) -> None:
    series = make_series()
    table = make_meeting(series=series, title_fi="Kumppanuuspöytä", languages=["fi"])
    coffee = make_meeting(title_fi="Aamukahvit", mode=Mode.ONLINE, languages=["sv"])
    make_meeting(title_fi="Suljettu", is_public=False)
    url = reverse("meetings:calendar")

    def titles(query: str) -> set[str]:
        response = client.get(url + query)
        assert response.status_code == 200
        return {card["meeting"].title for card in response.context["cards"]}

    assert titles("") == {"Kumppanuuspöytä", "Aamukahvit"}
    assert titles("?kind=municipal_table") == {"Kumppanuuspöytä"}
    assert titles("?municipality=743") == {"Kumppanuuspöytä"}
    assert titles("?language=sv") == {"Aamukahvit"}
    assert titles("?online=yes") == {"Aamukahvit"}
    assert titles("?online=no") == {"Kumppanuuspöytä"}
    assert titles("?county=17") == set()
    assert table.pk and coffee.pk
    response = client.get(url + "?kind=nonsense")
    assert "Valitse tapaamisen laji luettelosta." in response.content.decode()


def test_calendar_shows_seats_left_and_the_waiting_list(client, meeting, dave, alice) -> None:
    for user in (dave, alice):
        register(meeting, actor=Actor(user=user), user=user, name="X", email=user.email)
    page = client.get(reverse("meetings:calendar")).content.decode()
    assert "Täynnä" in page
    assert "0 jonossa" in page


@pytest.mark.parametrize("length", [1, 6])
def test_calendar_queries_do_not_grow_with_its_length(
    client, db, django_assert_num_queries, length
) -> None:
    for number in range(length):
        make_meeting(title_fi=f"Foorumi {number}")
    client.get(reverse("meetings:calendar"))  # warm the county choices' cache, if any
    with django_assert_num_queries(_QUERIES):
        client.get(reverse("meetings:calendar"))


_QUERIES = 5


def test_meeting_page_has_an_event_in_json_ld_and_hides_the_link(client, db) -> None:
    meeting = make_meeting(mode=Mode.HYBRID, online_link="https://meet.example.fi/salainen")
    page = client.get(_detail(meeting)).content.decode()
    assert "https://meet.example.fi/salainen" not in page
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    data = json.loads(found[1])
    assert data["@type"] == "Event"
    assert data["name"] == "Järjestöfoorumi"
    assert (
        data["startDate"]
        == meeting.starts_at.astimezone(timezone.get_default_timezone()).isoformat()
    )
    assert data["startDate"][-6:] in ("+02:00", "+03:00")
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["organizer"]["name"]


def test_json_ld_escapes_markup_in_titles(client, db) -> None:
    meeting = make_meeting(title_fi="</script><script>alert(1)</script>")
    page = client.get(_detail(meeting)).content.decode()
    assert "<script>alert(1)" not in page
    assert "\\u003C/script\\u003E" in page


def test_signed_in_user_registers_and_sees_the_link(client, dave) -> None:
    meeting = make_meeting(mode=Mode.ONLINE, place="", online_link="https://meet.example.fi/x")
    client.force_login(dave)
    token = _token(client.get(_detail(meeting)))
    response = client.post(_detail(meeting), {"submission_token": token}, follow=True)
    registration = meeting.registrations.get()
    assert (registration.user, registration.status) == (dave, CONFIRMED)
    page = response.content.decode()
    assert "Olet ilmoittautunut tapaamiseen." in page
    assert "https://meet.example.fi/x" in page
    # The same form sent again makes nothing new.
    client.post(_detail(meeting), {"submission_token": token})
    assert meeting.registrations.count() == 1


def test_when_full_the_page_tells_the_number_on_the_waiting_list(
    client, meeting, alice, dave, bob
) -> None:
    for user in (alice, dave):
        register(meeting, actor=Actor(user=user), user=user, name="X", email=user.email)
    client.force_login(bob)
    response = client.post(_detail(meeting), {}, follow=True)
    assert meeting.registrations.get(user=bob).status == WAITING
    assert "jonossa numerolla 1" in response.content.decode()


def test_representative_registers_their_organisation(client, meeting, bob, org_x) -> None:
    client.force_login(bob)
    client.post(_detail(meeting), {"on_behalf": str(org_x.public_id)})
    assert meeting.registrations.get().organisation == org_x


def test_anonymous_registration_is_confirmed_by_the_emailed_link(client, db) -> None:
    meeting = make_meeting(
        questions=[
            {"key": "diet", "text_fi": "Erityisruokavalio", "kind": "text"},
            {"key": "interpreter", "text_fi": "Tarvitsetko tulkin?", "kind": "yes_no"},
        ]
    )
    page = client.get(_detail(meeting)).content.decode()
    assert "Erityisruokavalio" in page and "Tarvitsetko tulkin?" in page
    # Errors are shown in a summary and on the fields.
    response = client.post(_detail(meeting), {"name": "", "email": "ei-osoite"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not meeting.registrations.exists()
    client.post(
        _detail(meeting),
        {
            "name": "Maija Meikäläinen",
            "email": "maija@example.fi",
            "q_diet": "Gluteeniton",
            "q_interpreter": "yes",
        },
    )
    registration = meeting.registrations.get()
    assert registration.status == RegistrationStatus.PENDING_CONFIRMATION
    assert registration.answers == {"diet": "Gluteeniton", "interpreter": True}
    body = OutgoingEmail.objects.get(recipient="maija@example.fi").body
    link = re.search(r"https?://\S+/registrations/confirm/\S+/", body)
    assert link is not None
    path = link[0].split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING_CONFIRMATION  # a GET changes nothing
    response = client.post(path, follow=True)
    registration.refresh_from_db()
    assert registration.status == CONFIRMED
    assert "Olet ilmoittautunut tapaamiseen." in response.content.decode()
    # The confirmation carries the link that cancels the registration.
    confirmed = OutgoingEmail.objects.filter(recipient="maija@example.fi").latest("id").body
    assert "/registrations/confirm/" not in confirmed
    cancel = re.search(r"https?://\S+/fi/\S*registrations/cancel/\S+/", confirmed)
    assert cancel is not None, confirmed
    client.post(urlsplit(cancel[0]).path)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_cancel_by_signed_link_promotes_the_first_waiting(
    client, meeting, alice, dave, bob
) -> None:
    seated, _other, waiting = (
        register(meeting, actor=Actor(user=u), user=u, name="X", email=u.email)
        for u in (alice, dave, bob)
    )
    path = reverse(
        "meetings:registration_cancel", args=[registration_token(seated, purpose="cancel")]
    )
    assert client.get(path).status_code == 200
    client.post(path)
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.status, waiting.status) == (RegistrationStatus.CANCELLED, CONFIRMED)


def test_a_forged_link_is_refused(client, meeting) -> None:
    path = reverse("meetings:registration_cancel", args=["väärä:token"])
    assert client.post(path).status_code == 400


def test_my_registrations_lists_own_with_cancel_links(client, meeting, dave, alice) -> None:
    register(meeting, actor=Actor(user=dave), user=dave, name="Dave", email=dave.email)
    other = make_meeting(title_fi="Toinen")
    register(other, actor=Actor(user=alice), user=alice, name="Alice", email=alice.email)
    client.force_login(dave)
    page = client.get(reverse("meetings:my_registrations")).content.decode()
    assert "Järjestöfoorumi" in page and "Toinen" not in page
    assert "/registrations/cancel/" in page


def test_registration_closed_shows_no_form(client, dave) -> None:
    meeting = make_meeting(
        enrolment_closes_at=timezone.now() - timedelta(hours=1),
        enrolment_opens_at=timezone.now() - timedelta(days=2),
    )
    client.force_login(dave)
    response = client.get(_detail(meeting))
    assert response.context["form"] is None


def test_the_calendar_links_the_other_cooperation_pages(client, db) -> None:
    page = client.get(reverse("meetings:calendar")).content.decode()
    for name in ("memos", "consultation_list", "you_said_we_did_choose", "liaison_contact"):
        assert f'href="{reverse("meetings:" + name)}"' in page


def test_choosing_a_county_opens_its_you_said_we_did_page(client, db) -> None:
    url = reverse("meetings:you_said_we_did_choose")
    assert client.get(url).status_code == 200
    response = client.get(url, {"county": "16"})
    assert response.url == reverse("meetings:you_said_we_did", args=["16"])
    wrong = client.get(url, {"county": "99"})
    assert wrong.status_code == 200
    assert "error-summary" in wrong.content.decode()
