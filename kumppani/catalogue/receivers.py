"""How the catalogue follows the organisation registry (connected in CatalogueConfig.ready)."""

from __future__ import annotations

from typing import Any

from kumppani.organisations.models import Organisation
from kumppani.organisations.signals import PageSection

from .search.index import index_organisation_services
from .selectors import services_of_organisation


def reindex_organisation_activities(
    sender: Any, *, organisation: Organisation, changed: list[str], **kwargs: Any
) -> None:
    """Activities are found by, and show, their organisation's name and description."""
    if any(name.startswith(("name", "description")) for name in changed):
        index_organisation_services(organisation)


def organisation_activities(
    sender: Any, *, organisation: Organisation, **kwargs: Any
) -> PageSection:
    """The organisation's public activities, listed on its page."""
    return PageSection(
        "catalogue/includes/organisation_services.html",
        {"services": services_of_organisation(organisation)},
    )
