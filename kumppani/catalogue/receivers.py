"""How the catalogue follows the organisation registry (connected in CatalogueConfig.ready)."""

from __future__ import annotations

from typing import Any

from kumppani.core.actor import Actor
from kumppani.organisations.models import Organisation
from kumppani.organisations.signals import PageSection

from . import access
from .hsds.dumps import dumps_mark_stale
from .search.index import index_organisation_services
from .selectors import services_of_organisation
from .services.organisation_entries import organisation_entries_archive, restorable_entries


def reindex_organisation_activities(
    sender: Any, *, organisation: Organisation, changed: list[str], **kwargs: Any
) -> None:
    """Activities are found by, and show, their organisation's name and description."""
    if any(name.startswith(("name", "description")) for name in changed):
        index_organisation_services(organisation)


def mark_dumps_stale(sender: Any, *, organisation: Organisation, **kwargs: Any) -> None:
    """The public dumps show each service's organisation in full."""
    dumps_mark_stale()


def take_down_entries(
    sender: Any, *, organisation: Organisation, actor: Actor, reason: str, **kwargs: Any
) -> None:
    """A dissolved organisation's activities and tasks leave the public catalogue."""
    organisation_entries_archive(organisation=organisation, actor=actor, reason=reason)


def organisation_activities(
    sender: Any, *, organisation: Organisation, user: Any, **kwargs: Any
) -> PageSection:
    """The organisation's public activities, listed on its page; for its representatives,
    also what marking it dissolved took down, to publish again."""
    restorable = None
    if organisation.is_active and access.can_manage_entries_of(user, organisation):
        restorable = restorable_entries(organisation) or None
    return PageSection(
        "catalogue/includes/organisation_services.html",
        {
            "services": services_of_organisation(organisation),
            "restorable": restorable,
            "organisation": organisation,
        },
    )
