"""The meetings pages in the browser tests' table."""

from __future__ import annotations

from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.meetings.models import Mode
from kumppani.meetings.services.registrations import register, registration_token
from kumppani.testing.pages import Fixtures, PageCase, and_with_errors, page_at

from .conftest import make_meeting
from .test_compliance import last_years_calendar

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
