"""What the registry tells the apps built on it.

The registry sits below the catalogue, grants and meetings and imports none of them. Its
services send these signals explicitly, at the step where the change happens, and the apps
above connect their receivers in their `AppConfig.ready` (the catalogue re-indexes the
activities that show an organisation's name, and lists them on its page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.dispatch import Signal

# Sent by the organisation services inside their transaction, after saving:
# kwargs ``organisation`` and ``changed`` (the names of the fields that changed).
organisation_changed = Signal()

# Sent by organisation_dissolve inside its transaction: kwargs ``organisation``, ``actor``
# and ``reason``. The apps above take the organisation's public entries down (with history).
organisation_dissolved = Signal()

# Sent by the organisation page: kwargs ``organisation`` and ``user``; each receiver returns
# a `PageSection` to show on the page, or None.
organisation_page = Signal()


@dataclass(frozen=True)
class PageSection:
    """A part of the organisation page that another app renders from its own template."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


def page_sections(*, organisation: Any, user: Any) -> list[PageSection]:
    """The sections the apps add to an organisation's page, in the apps' order."""
    responses = organisation_page.send(
        sender=type(organisation), organisation=organisation, user=user
    )
    sections: list[PageSection] = []
    for _receiver, section in responses:
        if isinstance(section, PageSection):
            sections.append(section)
    return sections
