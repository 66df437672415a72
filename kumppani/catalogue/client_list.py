"""A professional's list of activities for a client, kept in the session.

The list holds the public ids of activities in the order the professional chose; it lives
only in the session (nothing about the client is stored), survives several searches and is
printed, downloaded as a PDF or emailed to the client in the client's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.contrib.sessions.backends.base import SessionBase

from .models import Location, Service
from .places import place
from .schedules import service_occurrences
from .search.presenters import Text, in_language

SESSION_KEY = "catalogue_client_list"
MAX_ENTRIES = 30  # as many as the printable list shows
CLIENT_LANGUAGES = ("fi", "sv")


def _parse(value: object) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


def entries(session: SessionBase) -> list[UUID]:
    """The activities on the list, in order (anything unreadable in the session dropped)."""
    found = (_parse(value) for value in session.get(SESSION_KEY, []) or [])
    return list(dict.fromkeys(public_id for public_id in found if public_id is not None))


def _save(session: SessionBase, public_ids: list[UUID]) -> None:
    session[SESSION_KEY] = [str(public_id) for public_id in public_ids]


def add(session: SessionBase, public_id: UUID) -> bool:
    """Put the activity at the end of the list; False when it is full (already there is fine)."""
    current = entries(session)
    if public_id in current:
        return True
    if len(current) >= MAX_ENTRIES:
        return False
    _save(session, [*current, public_id])
    return True


def remove(session: SessionBase, public_id: UUID) -> None:
    _save(session, [entry for entry in entries(session) if entry != public_id])


def move(session: SessionBase, public_id: UUID, step: int) -> None:
    """Move the activity ``step`` places towards the end (negative: towards the start)."""
    current = entries(session)
    if public_id not in current:
        return
    index = current.index(public_id)
    target = max(0, min(len(current) - 1, index + step))
    current.insert(target, current.pop(index))
    _save(session, current)


def clear(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


@dataclass(frozen=True)
class Entry:
    """What the client's list shows of one activity, in the client's language."""

    service: Service
    name: Text
    summary: Text
    is_easy_read: bool
    organisation: str
    occurrences: list[tuple[datetime, datetime | None]]
    places: list[str]

    @property
    def is_stale(self) -> bool:
        return self.service.is_stale


def _occurrences(service: Service, count: int) -> list[tuple[datetime, datetime | None]]:
    return [(start, end) for start, end, _schedule in service_occurrences(service, count=count)]


def _place(location: Location, language: str) -> str:
    """The place on one line: its name, and street and post office in the client's language."""
    where = place(location, language)
    town = " ".join(part for part in (where.postal_code, where.city) if part)
    name = in_language(location, "name", language).text
    return ", ".join(part for part in (name, where.street, town) if part)


def list_entries(services: list[Service], language: str, *, easy_read: bool) -> list[Entry]:
    """The activities as the list shows them: ``easy_read`` takes the easy-to-read summary
    where the activity has one in some language."""
    found = []
    for service in services:
        summary = in_language(service, "summary", language)
        easy = in_language(service, "easy_read_summary", language) if easy_read else None
        found.append(
            Entry(
                service=service,
                name=in_language(service, "name", language),
                summary=easy if easy and easy.text else summary,
                is_easy_read=bool(easy and easy.text),
                organisation=in_language(service.organisation, "name", language).text,
                occurrences=_occurrences(service, 3),
                places=[
                    _place(link.location, language) for link in service.service_locations.all()
                ],
            )
        )
    return found
