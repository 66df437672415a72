"""The meetings pages in the browser tests' table."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kumppani.core.actor import Actor
from kumppani.meetings.models import LiaisonRole, Mode, SeriesKind
from kumppani.meetings.services.body import attendance_mark
from kumppani.meetings.services.liaisons import liaison_create
from kumppani.meetings.services.memos import memo_publish, memo_save, topic_propose
from kumppani.meetings.services.registrations import register, registration_token
from kumppani.meetings.services.series import meetings_generate, series_create
from kumppani.meetings.services.voice import consultation_document_set, consultation_respond
from kumppani.testing.factories import county, municipality
from kumppani.testing.pages import Fixtures, PageCase, and_with_errors, detail, page_at

from .body_helpers import body_meeting, make_body, membership
from .conftest import SYSTEM, link, make_meeting
from .test_compliance import last_years_calendar
from .test_voice import make_consultation, make_statements

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

PAGES: list[PageCase] = []
EXEMPT_URL_NAMES: dict[str, str] = {}


# The statutory calendar: Etelä-Pohjanmaa's last year, public, and as its coordinator
# (with the evidence form).
def compliance_year(f: Fixtures) -> None:
    f.compliance_year = last_years_calendar()


def _compliance_url(f: Fixtures) -> str:
    return reverse("meetings:compliance") + f"?county=16&year={f.compliance_year}"


PAGES += [
    PageCase("meetings-compliance", "meetings:compliance", _compliance_url, None, compliance_year),
    PageCase(
        "meetings-compliance-coordinator",
        "meetings:compliance",
        _compliance_url,
        "alice",
        compliance_year,
    ),
]
EXEMPT_URL_NAMES.update(
    {
        "meetings:compliance_export": "a CSV or Excel download, not a page",
        "meetings:requirements_add": "a POST-only action of the compliance page",
        "meetings:requirement_evidence": "a POST-only action of the compliance page",
    }
)


def open_meetings(f: Fixtures) -> None:
    """Two open meetings of Etelä-Pohjanmaa, one of them full with one waiting, and a
    question on the registration form."""
    f.meeting = make_meeting(
        capacity=2,
        questions=[
            {
                "key": "diet",
                "text_fi": "Erityisruokavalio",
                "text_sv": "Specialkost",
                "kind": "text",
            },
            {
                "key": "interpreter",
                "text_fi": "Tarvitsetko tulkin?",
                "text_sv": "Behöver du tolk?",
                "kind": "yes_no",
            },
        ],
    )
    f.full = make_meeting(title_fi="Aamukahvit", mode=Mode.ONLINE, place="", capacity=1)
    for number, user in enumerate((f.alice, f.dave)):
        register(
            f.full,
            actor=Actor(user=user),
            user=user,
            name=f"Osallistuja {number}",
            email=user.email,
        )
    f.registration = f.full.registrations.get(user=f.alice)


def _detail(attribute: str):
    return lambda f: reverse("meetings:meeting_detail", args=[getattr(f, attribute).public_id])


def _link(purpose: str):
    return lambda f: reverse(
        f"meetings:registration_{purpose}",
        args=[registration_token(f.registration, purpose=purpose)],
    )


# The calendar, meeting pages and registration links.
PAGES += [
    page_at("meetings-calendar", "meetings:calendar", setup=open_meetings),
    *and_with_errors(
        PageCase("meeting", "meetings:meeting_detail", _detail("meeting"), None, open_meetings)
    ),
    PageCase(
        "meeting-registered", "meetings:meeting_detail", _detail("full"), "alice", open_meetings
    ),
    PageCase(
        "meeting-signed-in", "meetings:meeting_detail", _detail("meeting"), "bob", open_meetings
    ),
    PageCase(
        "registration-confirm",
        "meetings:registration_confirm",
        _link("confirm"),
        None,
        open_meetings,
    ),
    PageCase(
        "registration-cancel", "meetings:registration_cancel", _link("cancel"), None, open_meetings
    ),
    page_at("my-registrations", "meetings:my_registrations", persona="dave", setup=open_meetings),
]
EXEMPT_URL_NAMES.update(
    {
        "meetings:meeting_ics": "an iCalendar file, not an HTML page",
        "meetings:series_ics": "an iCalendar file, not an HTML page",
    }
)


# --- the organisers' pages ------------------------------------------------------------------


def organised_meetings(f: Fixtures) -> None:
    """A monthly series of Etelä-Pohjanmaa with its coming meetings, a one-off, and
    registrations for one of them (a representative with an answer, an anonymous one)."""
    f.series = series_create(
        actor=SYSTEM,
        county=county("16"),
        kind=SeriesKind.MORNING_COFFEE,
        title_fi="SOTE-aamukahvit",
        title_sv="SOTE-morgonkaffe",
        recurrence="FREQ=MONTHLY;BYDAY=1WE",
        default_start_time=time(8, 15),
        default_duration_minutes=45,
        default_mode=Mode.ONLINE,
        default_online_link="https://teams.example.fi/aamukahvit",
    )
    meetings_generate(f.series, timezone.localdate() + timedelta(days=200), actor=SYSTEM)
    f.meeting = make_meeting(
        questions=[
            {"key": "diet", "text_fi": "Ruokavalio", "text_sv": "Kost", "kind": "text"},
            {"key": "loop", "text_fi": "Tarvitsen induktiosilmukan", "kind": "yes_no"},
        ]
    )
    bob = f.bob
    register(
        f.meeting,
        actor=Actor(user=bob),
        user=bob,
        organisation=f.org_x,
        name="Bob Puheenjohtaja",
        email=bob.email,
        answers={"diet": "Vegaani", "loop": True},
    )
    register(
        f.meeting, actor=SYSTEM, name="Vieras", email="vieras@example.fi", confirmation_link=link
    )


def meetings_organiser(f: Fixtures) -> None:
    """Only alice, the coordinator of Etelä-Pohjanmaa (the persona makes her)."""


PAGES += [
    page_at("meetings-manage", "meetings:manage", persona="alice", setup=organised_meetings),
    *and_with_errors(
        page_at(
            "meetings-series-new",
            "meetings:series_new",
            persona="alice",
            setup=meetings_organiser,
        )
    ),
    PageCase(
        "meetings-series-edit",
        "meetings:series_edit",
        detail("meetings:series_edit", "series"),
        "alice",
        organised_meetings,
    ),
    PageCase(
        "meetings-series-meeting-new",
        "meetings:series_meeting_new",
        detail("meetings:series_meeting_new", "series"),
        "alice",
        organised_meetings,
    ),
    *and_with_errors(
        page_at(
            "meetings-meeting-new",
            "meetings:meeting_new",
            persona="alice",
            setup=meetings_organiser,
        )
    ),
    PageCase(
        "meetings-meeting-edit",
        "meetings:meeting_edit",
        detail("meetings:meeting_edit", "meeting"),
        "alice",
        organised_meetings,
    ),
    PageCase(
        "meetings-meeting-cancel",
        "meetings:meeting_cancel",
        detail("meetings:meeting_cancel", "meeting"),
        "alice",
        organised_meetings,
    ),
    PageCase(
        "meetings-participants",
        "meetings:participants",
        detail("meetings:participants", "meeting"),
        "alice",
        organised_meetings,
    ),
]


# Memos, topics and the liaison roster.


def a_memo(f: Fixtures) -> None:
    """A public meeting of Etelä-Pohjanmaa held three days ago, with its published memo."""
    starts = timezone.now() - timedelta(days=3)
    f.held = make_meeting(starts_at=starts, ends_at=starts + timedelta(hours=2))
    memo_save(
        meeting=f.held,
        actor=SYSTEM,
        body="## Keskustelu\n\nSovittiin **yhteisestä** tapahtumasta.\n\n- tilat\n- viestintä",
        decisions="Seuraava tapaaminen syksyllä.",
        topics_raised="[Järjestöjen tilat](https://example.fi/tilat)",
    )
    memo_publish(meeting=f.held, actor=SYSTEM)


def topics(f: Fixtures) -> None:
    f.series = series_create(
        actor=SYSTEM, county=county("16"), kind=SeriesKind.MORNING_COFFEE, title_fi="Aamukahvit"
    )
    topic_propose(series=f.series, actor=Actor(user=f.dave), title="Omaishoitajien jaksaminen")


def roster(f: Fixtures) -> None:
    hyte = liaison_create(
        municipality=municipality("743"), actor=SYSTEM, name="Heikki Hyte", role=LiaisonRole.HYTE
    )
    f.liaison = liaison_create(
        municipality=municipality("743"),
        actor=SYSTEM,
        name="Liisa Yhdyshenkilö",
        title="Järjestökoordinaattori",
        email="liisa@seinajoki.example.fi",
        phone="040 123 4567",
        role=LiaisonRole.NGO,
        paired_with=hyte,
        publish_consent=True,
    )


def _memo_url(name: str) -> Any:
    return lambda f: reverse(name, args=[f.held.public_id])


PAGES += [
    page_at("meeting-memos", "meetings:memos", persona=None, setup=a_memo),
    page_at("meeting-memos-search", "meetings:memos", "?q=tapahtumasta", setup=a_memo),
    PageCase(
        "meeting-memo", "meetings:memo_detail", _memo_url("meetings:memo_detail"), None, a_memo
    ),
    *and_with_errors(
        PageCase(
            "meeting-memo-edit",
            "meetings:memo_edit",
            _memo_url("meetings:memo_edit"),
            "alice",
            a_memo,
        )
    ),
    *and_with_errors(
        PageCase(
            "meeting-topics",
            "meetings:series_topics",
            lambda f: reverse("meetings:series_topics", args=[f.series.public_id]),
            "bob",
            topics,
        )
    ),
    *and_with_errors(
        PageCase(
            "liaison-roster",
            "meetings:liaison_roster",
            lambda f: reverse("meetings:liaison_roster", args=["743"]),
            "alice",
            roster,
        )
    ),
    PageCase(
        "liaison-edit",
        "meetings:liaison_edit",
        lambda f: reverse("meetings:liaison_edit", args=[f.liaison.pk]),
        "alice",
        roster,
    ),
    PageCase(
        "liaison-coverage",
        "meetings:liaison_coverage",
        lambda f: reverse("meetings:liaison_coverage", args=["16"]),
        "alice",
        roster,
    ),
    page_at("liaison-contact", "meetings:liaison_contact", setup=roster),
    PageCase(
        "liaison-contact-chosen",
        "meetings:liaison_contact",
        lambda f: reverse("meetings:liaison_contact") + f"?municipality={municipality('743').pk}",
        None,
        roster,
    ),
]
EXEMPT_URL_NAMES.update(
    {
        "meetings:series_generate": "POST-only: makes the series' meetings, then redirects",
        "meetings:attendance": "POST-only: saves the attendance, then redirects",
        "meetings:participants_export": "file export: a meeting's participants as CSV or Excel",
        "meetings:memo_attachment": "a file download, not a page",
        "meetings:memo_attachment_add": "POST only; answers on the memo editor",
        "meetings:memo_attachment_remove": "POST only; redirects to the memo editor",
        "meetings:topic_support": "POST only; redirects to the topics page",
        "meetings:topic_take_up": "POST only; redirects to the topics page",
        "meetings:liaison_confirm": "POST only; redirects to the roster",
    }
)


# The influence body, statements and consultations.


def a_body(f: Fixtures) -> None:
    """Etelä-Pohjanmaa's influence body: 5 seats, 2 vacant, a meeting with a deputy present."""
    f.body = make_body()
    f.body_meeting = body_meeting(f.body)
    attendance_mark(
        actor=SYSTEM,
        meeting=f.body_meeting,
        body=f.body,
        marks={membership(f.body, "Maija Jäsen").pk: "deputy"},
    )


def some_statements(f: Fixtures) -> None:
    """Two statements of Etelä-Pohjanmaa, one answered."""
    f.statements = make_statements(2)


def a_consultation(f: Fixtures) -> None:
    """An open consultation of Etelä-Pohjanmaa with bob's public answer for org_x."""
    f.consultation = make_consultation()
    consultation_respond(
        actor=Actor(user=f.bob),
        consultation=f.consultation,
        organisation=f.org_x,
        answers=["Hyvä luonnos", ""],
        is_public=True,
    )


PAGES += [
    *and_with_errors(
        PageCase(
            "body",
            "meetings:body_detail",
            lambda f: reverse("meetings:body_detail", args=[f.body.public_id]),
            "alice",
            a_body,
        )
    ),
    *and_with_errors(
        PageCase(
            "body-seat",
            "meetings:seat_appoint",
            lambda f: reverse(
                "meetings:seat_appoint",
                args=[f.body.public_id, membership(f.body, "Maija Jäsen").seat_id],
            ),
            "alice",
            a_body,
        )
    ),
    PageCase(
        "body-attendance",
        "meetings:body_attendance",
        lambda f: reverse(
            "meetings:body_attendance", args=[f.body.public_id, f.body_meeting.public_id]
        ),
        "alice",
        a_body,
    ),
    page_at("you-said-we-did-choose", "meetings:you_said_we_did_choose"),
    PageCase(
        "you-said-we-did",
        "meetings:you_said_we_did",
        lambda f: reverse("meetings:you_said_we_did", args=["16"]),
        None,
        some_statements,
    ),
    *and_with_errors(
        page_at(
            "statement-manage", "meetings:statement_manage", persona="alice", setup=some_statements
        )
    ),
    *and_with_errors(
        PageCase(
            "statement-answer",
            "meetings:statement_answer",
            lambda f: reverse("meetings:statement_answer", args=[f.statements[0].public_id]),
            "alice",
            some_statements,
        )
    ),
    page_at("consultations", "meetings:consultation_list", setup=a_consultation),
    PageCase(
        "consultation",
        "meetings:consultation_detail",
        lambda f: reverse("meetings:consultation_detail", args=[f.consultation.public_id]),
        "bob",
        a_consultation,
    ),
    *and_with_errors(
        PageCase(
            "consultation-answer",
            "meetings:consultation_respond",
            lambda f: reverse("meetings:consultation_respond", args=[f.consultation.public_id]),
            "bob",
            a_consultation,
        )
    ),
    *and_with_errors(
        page_at(
            "consultation-manage",
            "meetings:consultation_manage",
            persona="alice",
            setup=a_consultation,
        )
    ),
    *and_with_errors(
        PageCase(
            "consultation-close",
            "meetings:consultation_close",
            lambda f: reverse("meetings:consultation_close", args=[f.consultation.public_id]),
            "alice",
            a_consultation,
        )
    ),
]


def a_consultation_with_files(f: Fixtures) -> None:
    """An open consultation of Etelä-Pohjanmaa with its draft as a PDF and bob's public
    answer for org_x with a file."""
    f.consultation = make_consultation()
    consultation_document_set(
        actor=SYSTEM,
        consultation=f.consultation,
        upload=SimpleUploadedFile("Strategialuonnos.pdf", PDF_BYTES),
    )
    consultation_respond(
        actor=Actor(user=f.bob),
        consultation=f.consultation,
        organisation=f.org_x,
        answers=["Hyvä luonnos", ""],
        is_public=True,
        upload=SimpleUploadedFile("Lausunto.pdf", PDF_BYTES),
    )


def _body_url(name: str):
    return lambda f: reverse(name, args=[f.body.public_id])


PAGES += [
    page_at("body-list", "meetings:body_list", persona="alice", setup=a_body),
    *and_with_errors(
        page_at("body-new", "meetings:body_new", persona="alice", setup=meetings_organiser)
    ),
    *and_with_errors(
        PageCase("term-new", "meetings:term_new", _body_url("meetings:term_new"), "alice", a_body)
    ),
    *and_with_errors(
        PageCase(
            "seat-vacate",
            "meetings:seat_vacate",
            lambda f: reverse(
                "meetings:seat_vacate",
                args=[f.body.public_id, membership(f.body, "Maija Jäsen").seat_id],
            ),
            "alice",
            a_body,
        )
    ),
    *and_with_errors(
        PageCase(
            "consultation-document",
            "meetings:consultation_document",
            lambda f: reverse("meetings:consultation_document", args=[f.consultation.public_id]),
            "alice",
            a_consultation_with_files,
        )
    ),
    PageCase(
        "consultation-with-files",
        "meetings:consultation_detail",
        lambda f: reverse("meetings:consultation_detail", args=[f.consultation.public_id]),
        None,
        a_consultation_with_files,
    ),
    PageCase(
        "consultation-answer-with-file",
        "meetings:consultation_respond",
        lambda f: reverse("meetings:consultation_respond", args=[f.consultation.public_id]),
        "bob",
        a_consultation_with_files,
    ),
]
EXEMPT_URL_NAMES.update(
    {
        "meetings:consultation_document_file": "a file download (the draft), not a page",
        "meetings:consultation_response_file": "a file download (an answer's file), not a page",
        "meetings:body_fees": "a CSV or Excel download",
        "meetings:consultation_publish": "a POST that redirects",
    }
)
