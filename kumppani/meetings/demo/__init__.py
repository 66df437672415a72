"""The demo's meetings and cooperation structures (development only), for both demo
counties and the current year, each area in its own module:

- `calendar`: series, meetings held and to come, registrations and the statutory calendar
  with its gaps;
- `memos`: published memos of held meetings;
- `body`: Etelä-Pohjanmaa's NGO council with its term, seats, members and attendance;
- `voice`: statements with and without the county's answers, open and closed consultations;
- `liaisons`: the municipalities' liaison persons, with gaps in the coverage.

Every write goes through the meetings services (audited); each part finds what it made
before, so running the seed again adds nothing. The organisations come from the demo's
people step, keyed by their serial (this app cannot import the demo app)."""

from __future__ import annotations

from collections.abc import Mapping

from kumppani.organisations.models import Organisation

from .body import seed_body
from .calendar import seed_calendar
from .liaisons import seed_liaisons
from .memos import seed_memos
from .voice import seed_voice


def seed_meetings_demo(organisations: Mapping[int, Organisation]) -> int:
    """Make all of the demo's meetings data; return how many things were made."""
    return (
        seed_calendar()
        + seed_memos()
        + seed_body(organisations)
        + seed_voice(organisations)
        + seed_liaisons()
    )
