"""The workflow steps services and volunteer tasks share (services/workflow.py and the hide
and transition helpers of the pages), each kind in its own words."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from kumppani.catalogue.models import Service
from kumppani.catalogue.services import (
    service_hide,
    service_unhide,
    volunteer_task_hide,
    volunteer_task_unhide,
)
from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent, County

from .factories import ServiceFactory, VolunteerTaskFactory


@dataclass(frozen=True)
class Kind:
    factory: Any
    hide: Callable[..., Any]
    unhide: Callable[..., Any]
    argument: str  # the keyword the service functions take the entry by
    action: str  # the audit actions' prefix
    url: str  # the URL names' prefix
    index_calls: tuple[str, str]  # the index hooks hide and unhide call
    needs_reason: str
    already_hidden: str
    not_hidden: str
    hidden_page: str
    shown_again: str

    def entry(self, org: Any, **fields: Any) -> Any:
        return self.factory.create(organisation=org, **fields)


SERVICE = Kind(
    factory=ServiceFactory,
    hide=service_hide,
    unhide=service_unhide,
    argument="service",
    action="catalogue.service",
    url="catalogue:service",
    index_calls=("remove_service", "index_service"),
    needs_reason="Tell the organisation why the activity is hidden.",
    already_hidden="The activity is already hidden.",
    not_hidden="The activity is not hidden.",
    hidden_page="The activity is hidden.",
    shown_again="The activity is shown again.",
)
TASK = Kind(
    factory=VolunteerTaskFactory,
    hide=volunteer_task_hide,
    unhide=volunteer_task_unhide,
    argument="task",
    action="catalogue.volunteer_task",
    url="catalogue:task",
    index_calls=("index_volunteer_task", "index_volunteer_task"),
    needs_reason="Tell the organisation why the task is hidden.",
    already_hidden="The task is already hidden.",
    not_hidden="The task is not hidden.",
    hidden_page="The task is hidden.",
    shown_again="The task is shown again.",
)
KINDS = [pytest.param(SERVICE, id="service"), pytest.param(TASK, id="task")]


def url_in_english(name: str, *args: Any) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


# --- services ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_hide_without_a_reason_is_refused_in_the_kinds_words(kind, alice, org_x):
    entry = kind.entry(org_x)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        kind.hide(**{kind.argument: entry}, reason="  ", actor=Actor(user=alice))

    assert error.value.message_dict == {"reason": [kind.needs_reason]}
    entry.refresh_from_db()
    assert entry.hidden_at is None
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_hiding_a_hidden_entry_is_refused_and_nobody_is_emailed(
    kind, alice, bob, org_x, django_capture_on_commit_callbacks
):
    entry = kind.entry(org_x, hidden_at=timezone.now(), hidden_reason="Vanhentunut")

    with (
        translation.override("en"),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as error,
    ):
        kind.hide(**{kind.argument: entry}, reason="Uudestaan", actor=Actor(user=alice))

    assert error.value.messages == [kind.already_hidden]
    assert mail.outbox == []
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_unhiding_a_visible_entry_is_refused(kind, alice, org_x, search_index_calls):
    entry = kind.entry(org_x)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        kind.unhide(**{kind.argument: entry}, actor=Actor(user=alice))

    assert error.value.messages == [kind.not_hidden]
    assert not AuditEvent.objects.exists()
    assert search_index_calls == []


@pytest.mark.parametrize("kind", KINDS)
def test_hide_and_unhide_are_audited_in_the_entrys_county_and_reindexed(
    kind, alice, bob, org_x, django_capture_on_commit_callbacks, search_index_calls
):
    entry = kind.entry(org_x)

    with django_capture_on_commit_callbacks(execute=True):
        kind.hide(**{kind.argument: entry}, reason="  Väärä numero. ", actor=Actor(user=alice))
    entry.refresh_from_db()
    assert entry.hidden_at is not None and entry.hidden_reason == "Väärä numero."
    assert len(mail.outbox) == 1 and "Väärä numero." in mail.outbox[0].body

    kind.unhide(**{kind.argument: entry}, actor=Actor(user=alice))
    entry.refresh_from_db()
    assert entry.hidden_at is None and entry.hidden_reason == ""

    hidden, shown = AuditEvent.objects.order_by("id")
    assert (hidden.action, shown.action) == (f"{kind.action}.hide", f"{kind.action}.unhide")
    assert hidden.details == {"from": "shown", "to": "hidden", "reason": "Väärä numero."}
    assert shown.details == {"from": "hidden", "to": "shown"}
    assert hidden.county_id == shown.county_id == County.objects.get(code="16").pk
    assert hidden.object_id == shown.object_id == str(entry.pk)
    assert search_index_calls == [(name, entry.pk) for name in kind.index_calls]


def test_unhide_forgets_who_hid_the_service(alice, org_x):
    service = ServiceFactory.create(organisation=org_x)
    service_hide(service=service, reason="Väärä numero.", actor=Actor(user=alice))
    assert service.hidden_by == alice

    service_unhide(service=service, actor=Actor(user=alice))

    service.refresh_from_db()
    assert service.hidden_by is None
    assert Service.objects.published().filter(pk=service.pk).exists()


# --- pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_coordinator_hides_and_shows_again_through_the_pages(kind, client, alice, org_x):
    entry = kind.entry(org_x)
    client.force_login(alice)
    hide_url = url_in_english(f"{kind.url}_hide", entry.public_id)
    detail_url = url_in_english(f"{kind.url}_detail", entry.public_id)

    page = client.get(hide_url)
    assert page.status_code == 200
    assert page.templates[0].name == "catalogue/hide_form.html"
    assert page.context["entry"] == entry

    response = client.post(hide_url, {"reason": "Toiminta on loppunut."})
    assert response.status_code == 302 and response["Location"] == detail_url
    assert kind.hidden_page in client.get(detail_url).content.decode()

    response = client.post(url_in_english(f"{kind.url}_unhide", entry.public_id))
    assert response.status_code == 302 and response["Location"] == detail_url
    assert kind.shown_again in client.get(detail_url).content.decode()
    entry.refresh_from_db()
    assert entry.hidden_at is None


@pytest.mark.parametrize("kind", KINDS)
def test_hide_page_shows_the_refusal_on_the_form(kind, client, alice, org_x):
    entry = kind.entry(org_x, hidden_at=timezone.now(), hidden_reason="Vanhentunut")
    client.force_login(alice)

    response = client.post(
        url_in_english(f"{kind.url}_hide", entry.public_id), {"reason": "Uudestaan"}
    )

    assert response.status_code == 200
    assert kind.already_hidden in response.content.decode()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_step_is_told_on_the_entrys_page(kind, client, alice, org_x):
    entry = kind.entry(org_x)
    client.force_login(alice)
    detail_url = url_in_english(f"{kind.url}_detail", entry.public_id)

    response = client.post(url_in_english(f"{kind.url}_unhide", entry.public_id))

    assert response.status_code == 302 and response["Location"] == detail_url
    html = client.get(detail_url).content.decode()
    assert f'<p class="message message-error">{kind.not_hidden}</p>' in html


@pytest.mark.parametrize("kind", KINDS)
def test_steps_answer_only_post(kind, client, alice, org_x):
    entry = kind.entry(org_x, hidden_at=timezone.now(), hidden_reason="Vanhentunut")
    client.force_login(alice)
    url = reverse(f"{kind.url}_unhide", args=[entry.public_id])

    assert client.get(url).status_code == 405
    assert client.head(url).status_code == 405
    entry.refresh_from_db()
    assert entry.hidden_at is not None


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_says_whom_the_email_went_to(kind, client, alice, bob, org_x):
    """org_x has a representative (bob): the page says an email is on its way."""
    entry = kind.entry(org_x)
    client.force_login(alice)
    client.post(url_in_english(f"{kind.url}_hide", entry.public_id), {"reason": "Väärä osoite."})
    page = client.get(url_in_english(f"{kind.url}_detail", entry.public_id)).content.decode()
    assert "An email telling why is on its way to the organisation&#x27;s representative." in page
    assert "no email was sent" not in page


@pytest.mark.parametrize("kind", KINDS)
def test_without_a_representative_the_page_says_nobody_was_told_and_whom_to_contact(
    kind, client, alice, org_x
):
    org_x.email = "toimisto@omaishoitajat.example.fi"
    org_x.save()
    entry = kind.entry(org_x)
    client.force_login(alice)
    client.post(url_in_english(f"{kind.url}_hide", entry.public_id), {"reason": "Väärä osoite."})
    page = client.get(url_in_english(f"{kind.url}_detail", entry.public_id)).content.decode()
    assert (
        "Nobody represents Seinäjoen Omaishoitajat ry in the service, so no email was sent." in page
    )
    assert "toimisto@omaishoitajat.example.fi" in page
    assert "on its way" not in page
