"""The meetings pages in the browser tests' table."""

from __future__ import annotations

from kumppani.testing.pages import PageCase

PAGES: list[PageCase] = []
EXEMPT_URL_NAMES: dict[str, str] = {}


# The influence body, statements and consultations.
from django.urls import reverse  # noqa: E402

from kumppani.core.actor import Actor  # noqa: E402
from kumppani.meetings.services.body import attendance_mark  # noqa: E402
from kumppani.meetings.services.voice import consultation_respond  # noqa: E402
from kumppani.testing.pages import Fixtures, and_with_errors, page_at  # noqa: E402

from .body_helpers import body_meeting, make_body, membership  # noqa: E402
from .conftest import SYSTEM  # noqa: E402
from .test_voice import make_consultation, make_statements  # noqa: E402


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
EXEMPT_URL_NAMES.update(
    {
        "meetings:body_fees": "a CSV or Excel download",
        "meetings:consultation_publish": "a POST that redirects",
    }
)
