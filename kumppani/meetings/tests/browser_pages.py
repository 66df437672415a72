"""The meetings pages in the browser tests' table."""

from __future__ import annotations

from typing import Any

from kumppani.testing.pages import PageCase

PAGES: list[PageCase] = []
EXEMPT_URL_NAMES: dict[str, str] = {}


# Memos, topics and the liaison roster.
from datetime import timedelta  # noqa: E402

from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from kumppani.core.actor import Actor  # noqa: E402
from kumppani.meetings.models import LiaisonRole, SeriesKind  # noqa: E402
from kumppani.meetings.services.liaisons import liaison_create  # noqa: E402
from kumppani.meetings.services.memos import memo_publish, memo_save, topic_propose  # noqa: E402
from kumppani.meetings.services.series import series_create  # noqa: E402
from kumppani.testing.factories import county, municipality  # noqa: E402
from kumppani.testing.pages import Fixtures, and_with_errors, page_at  # noqa: E402

from .conftest import SYSTEM, make_meeting  # noqa: E402


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
        "meetings:memo_attachment": "a file download, not a page",
        "meetings:memo_attachment_add": "POST only; answers on the memo editor",
        "meetings:memo_attachment_remove": "POST only; redirects to the memo editor",
        "meetings:topic_support": "POST only; redirects to the topics page",
        "meetings:topic_take_up": "POST only; redirects to the topics page",
        "meetings:liaison_confirm": "POST only; redirects to the roster",
    }
)
