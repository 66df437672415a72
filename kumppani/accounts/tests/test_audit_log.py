"""The audit log page: events in words in the reader's language, filters, paging, export,
every reading recorded, and each county's coordinators seeing only their counties' events."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kumppani.accounts.models import CountyRoleKind, User
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.models import AuditEvent, AuditOutcome
from kumppani.organisations.models import Organisation
from kumppani.testing import exports
from kumppani.testing.factories import OrganisationFactory, UserFactory, county, county_role


def _url(language: str = "en", name: str = "accounts:audit_log") -> str:
    with translation.override(language):
        return reverse(name)


def _event(
    actor: User | None,
    action: str = "organisations.organisation.update",
    *,
    county_code: str | None = "16",
    obj: Any = None,
    at: datetime | None = None,
    **details: Any,
) -> AuditEvent:
    with mock.patch("django.utils.timezone.now", return_value=at or datetime.now(UTC)):
        return audit_record(
            actor=Actor(user=actor, ip_address="192.0.2.10"),
            action=action,
            obj=obj,
            county=county(county_code) if county_code else None,
            details=details,
        )


def _shown(response) -> list[AuditEvent]:
    return [row.event for row in response.context["events"]]


@pytest.fixture
def staff(db: None) -> User:
    return UserFactory.create(email="yllapito@example.fi", full_name="Ylläpitäjä", is_staff=True)


# --- events in words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "label"),
    [("fi", "Salasana vaihdettu"), ("sv", "Lösenordet har bytts"), ("en", "Password changed")],
)
def test_actions_show_by_their_translated_labels(
    client: Client, alice: User, language: str, label: str
) -> None:
    _event(alice, "accounts.user.password_change", obj=alice)
    client.force_login(alice)

    html = client.get(_url(language)).text

    assert f"<td>{label}</td>" in html
    assert ">accounts.user.password_change<" not in html  # the code is not shown
    assert f'<option value="accounts.user.password_change">{label}</option>' in html


def test_time_is_written_as_the_reader_writes_it(client: Client, alice: User) -> None:
    _event(alice, at=datetime(2026, 3, 12, 12, 5, tzinfo=UTC))
    client.force_login(alice)

    assert ">12.3.2026 14.05</time>" in client.get(_url("fi")).text
    assert 'datetime="2026-03-12T14:05:00+02:00"' in client.get(_url("sv")).text


def test_object_reason_changed_fields_actor_county_and_outcome_show(
    client: Client, alice: User, org_x: Organisation
) -> None:
    _event(alice, obj=org_x, changed=["name_fi", "email"], reason="Nimi muuttui.")
    client.force_login(alice)

    html = client.get(_url("en")).text

    assert "Organisation&#x27;s details changed" in html
    assert (
        f'Organisation: Seinäjoen Omaishoitajat ry <span class="meta">({org_x.pk})</span>' in html
    )
    assert "Reason: Nimi muuttui." in html
    assert "Changed: name [fi], email" in html
    assert "Alice Koordinaattori (alice@ep.example.fi)" in html
    with translation.override("en"):
        assert f"<td>{county('16')}</td>" in html
    assert "<td>success</td>" in html and "<td>192.0.2.10</td>" in html


# --- who sees what -------------------------------------------------------------------------


def test_a_coordinator_of_one_county_does_not_see_anothers_events(
    client: Client, alice: User, carol: User
) -> None:
    own = _event(carol, county_code="17")
    _event(alice, county_code="16")
    _event(None, "accounts.user.create", county_code=None)
    client.force_login(carol)

    response = client.get(_url())
    assert _shown(response) == [own]
    assert "alice@ep.example.fi" not in response.text

    # A coordinator of one county has no county filter: asking for another changes nothing.
    response = client.get(_url() + "?county=16")
    assert own in _shown(response)
    assert "alice@ep.example.fi" not in response.text
    export = client.get(_url(name="accounts:audit_log_export") + "?format=csv")
    assert "alice@ep.example.fi" not in export.getvalue().decode()


def test_staff_see_every_countys_events_and_those_of_no_county(
    client: Client, staff: User, alice: User, carol: User
) -> None:
    events = [_event(alice), _event(carol, county_code="17"), _event(None, county_code=None)]
    client.force_login(staff)

    response = client.get(_url())

    assert set(_shown(response)) == set(events)
    assert "county" in response.context["form"].fields


def test_people_without_a_coordinator_role_see_no_events(
    client: Client, alice: User, dave: User, bob: User
) -> None:
    _event(alice)
    for persona in (dave, bob):
        client.force_login(persona)
        response = client.get(_url())
        assert _shown(response) == []
        assert "alice@ep.example.fi" not in response.text


# --- filters -------------------------------------------------------------------------------


@pytest.fixture
def log(alice: User, org_x: Organisation) -> dict[str, AuditEvent]:
    """A few events of Etelä-Pohjanmaa (16) on different days, by different people."""
    volunteer = UserFactory.create(
        email="vapaaehtoinen@example.fi", full_name="Ville Vapaaehtoinen"
    )
    other = OrganisationFactory(name="Lapuan Nuorisoseura ry", municipalities=["408"])
    return {
        "verify": _event(
            alice, "organisations.organisation.verify", obj=org_x,
            at=datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
        ),
        "update": _event(
            volunteer, "organisations.organisation.update", obj=other,
            at=datetime(2026, 3, 5, 22, 30, tzinfo=UTC),  # 6 March in Helsinki
        ),
        "password": _event(
            alice, "accounts.user.password_change", obj=alice,
            at=datetime(2026, 3, 10, 8, 0, tzinfo=UTC),
        ),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["password", "update", "verify"]),
        ("action=organisations.organisation.verify", ["verify"]),
        ("person=ville", ["update"]),  # a part of the name
        ("person=ALICE@ep", ["password", "verify"]),  # a part of the email address
        ("object=omaishoitajat", ["verify"]),  # a part of the object's label
        ("date_from=2026-03-06", ["password", "update"]),
        ("date_to=2026-03-05", ["verify"]),
        ("date_from=2026-03-06&date_to=2026-03-06", ["update"]),
        ("date_from=6.3.2026&date_to=9.3.2026", ["update"]),  # typed, without a date picker
        ("sort=oldest", ["verify", "update", "password"]),
    ],
)
def test_filters(
    client: Client, alice: User, log: dict[str, AuditEvent], query: str, expected: list[str]
) -> None:
    client.force_login(alice)
    with translation.override("fi"):
        response = client.get(_url("fi") + "?" + query)
    assert _shown(response) == [log[name] for name in expected]


def test_object_filter_matches_the_identifier(
    client: Client, alice: User, log: dict[str, AuditEvent]
) -> None:
    client.force_login(alice)
    response = client.get(_url() + f"?object={log['update'].object_id}")
    assert log["update"] in _shown(response)


def test_county_filter_is_offered_to_coordinators_of_several_counties(
    client: Client, alice: User, carol: User
) -> None:
    county_role(alice, "17", CountyRoleKind.COORDINATOR)
    in_16, in_17 = _event(alice), _event(carol, county_code="17")
    client.force_login(alice)

    assert set(_shown(client.get(_url()))) == {in_16, in_17}
    assert _shown(client.get(_url() + "?county=17")) == [in_17]


def test_county_filter_is_not_offered_to_a_coordinator_of_one_county(
    client: Client, alice: User
) -> None:
    client.force_login(alice)
    response = client.get(_url())
    assert "county" not in response.context["form"].fields
    assert 'name="county"' not in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("action=no.such.action", "Choose an action from the list."),
        ("date_from=2026-03-10&date_to=2026-03-01", "The start date is after the end date."),
        ("date_from=yesterday", "Enter the date as day.month.year"),
    ],
)
def test_invalid_filters_explain_and_show_nothing(
    client: Client, alice: User, log: dict[str, AuditEvent], query: str, message: str
) -> None:
    client.force_login(alice)
    response = client.get(_url() + "?" + query)
    assert response.status_code == 200
    assert response.context["page"] is None
    assert message in response.text and 'role="alert"' in response.text


# --- paging, htmx, reading recorded --------------------------------------------------------


def test_log_is_paged_by_50_and_keeps_the_filters_in_page_links(
    client: Client, alice: User, django_assert_max_num_queries: Any
) -> None:
    for _ in range(55):
        _event(alice)
    client.force_login(alice)

    with django_assert_max_num_queries(10):
        first = client.get(_url() + "?person=alice")
    last = client.get(_url() + "?person=alice&page=99")

    assert len(first.context["events"]) == 50
    assert "?person=alice&amp;page=2" in first.text
    # 55 events and the record of reading the first page.
    assert last.context["page"].number == 2 and len(last.context["events"]) == 6


def test_htmx_request_gets_the_results_region(client: Client, alice: User) -> None:
    _event(alice)
    client.force_login(alice)
    response = client.get(_url() + "?person=alice", HTTP_HX_REQUEST="true")
    assert "<html" not in response.text and "alice@ep.example.fi" in response.text
    assert "HX-Request" in response["Vary"]
    assert "HX-Request" in client.get(_url())["Vary"]


def test_reading_the_log_is_recorded(client: Client, alice: User) -> None:
    _event(alice)
    client.force_login(alice)

    client.get(_url() + "?person=alice&page=1")

    read = AuditEvent.objects.get(action="accounts.audit_log.read")
    assert read.actor == alice and read.county == county("16")
    assert read.details == {
        "counties": ["16"],
        "filters": {"person": "alice"},
        "page": 1,
        "rows": 1,
    }
    # The reading shows in the log, in words, for the county's coordinators.
    assert "Audit log viewed" in client.get(_url()).text


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    for name in ("accounts:audit_log", "accounts:audit_log_export"):
        response = client.get(_url(name=name))
        assert response.status_code == 302 and "/sign-in/" in response["Location"]


# --- export --------------------------------------------------------------------------------


def test_export_as_csv_is_audited_and_holds_the_filtered_events_in_words(
    client: Client, alice: User, log: dict[str, AuditEvent]
) -> None:
    client.force_login(alice)

    with translation.override("fi"):
        response = client.get(
            _url("fi", "accounts:audit_log_export") + "?format=csv&person=alice&sort=oldest"
        )

    rows = exports.csv_rows(response)
    assert len(rows[0]) == 12
    assert [row[3] for row in rows[1:]] == [
        "organisations.organisation.verify",
        "accounts.user.password_change",
    ]
    assert rows[2][0] == "2026-03-10 10:00:00" and rows[2][2] == "Salasana vaihdettu"
    export = AuditEvent.objects.get(action="accounts.audit_log.export")
    assert export.county == county("16")
    assert export.details == {
        "counties": ["16"],
        "format": "csv",
        "filters": {"person": "alice", "sort": "oldest"},
        "rows": 2,
    }


def test_export_as_xlsx_has_a_frozen_bold_header_and_date_cells(
    client: Client, alice: User, log: dict[str, AuditEvent]
) -> None:
    client.force_login(alice)
    response = client.get(_url("en", "accounts:audit_log_export") + "?format=xlsx")

    sheet = exports.xlsx_sheet(response)
    exports.assert_date_cells(sheet, "Time")
    assert exports.column_values(sheet, "Time")[0] == datetime(2026, 3, 10, 10, 0)
    assert AuditEvent.objects.get(action="accounts.audit_log.export").details["rows"] == 3


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_neutralises_formulas_in_every_text_cell(
    client: Client, alice: User, file_format: str
) -> None:
    for payload in exports.FORMULA_PAYLOADS:
        actor = UserFactory.create(email=f"{len(payload)}@example.fi", full_name=payload)
        organisation = OrganisationFactory(name=payload)
        _event(actor, obj=organisation, reason=payload, outcome=AuditOutcome.SUCCESS)
    client.force_login(alice)

    response = client.get(_url("en", "accounts:audit_log_export") + f"?format={file_format}")

    columns = exports.export_columns(response, file_format)
    exports.assert_neutralised(columns["Object"])
    exports.assert_neutralised(columns["Reason"])
    assert all(value.startswith("'") for value in columns["Person"]), columns["Person"]


def test_export_with_an_unknown_format_explains(client: Client, alice: User) -> None:
    client.force_login(alice)
    response = client.get(_url("en", "accounts:audit_log_export") + "?format=pdf")
    assert response.status_code == 400
    assert "Choose CSV or Excel as the file format." in response.text
    assert not AuditEvent.objects.filter(action="accounts.audit_log.export").exists()
