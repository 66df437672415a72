"""The audit actions: each named ``app.entity.verb`` (``organisations.organisation.verify``)
and declared once, with a translated label, in its app's ``audit_actions.py``, which
registers it here when the apps load. Recording an undeclared action raises, so the audit
page can always say what happened in words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

ACTION_NAME = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*\.[a-z][a-z_]*$")


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: Promise | str

    def __str__(self) -> str:
        return str(self.label)


_ACTIONS: dict[str, AuditAction] = {}


def register_actions(actions: Mapping[str, Promise | str]) -> None:
    """Declare audit actions (code → translated label); called by each app's
    ``audit_actions.py``."""
    for code, label in actions.items():
        if not ACTION_NAME.match(code):
            raise ValueError(f"Audit action {code!r} is not named app.entity.verb.")
        existing = _ACTIONS.get(code)
        if existing is not None and existing.label != label:
            raise ValueError(f"Audit action {code!r} is declared twice.")
        _ACTIONS[code] = AuditAction(code, label)


def discover_actions() -> None:
    """Import every installed app's ``audit_actions`` module (from CoreConfig.ready)."""
    autodiscover_modules("audit_actions")


def declared_action(code: str) -> AuditAction:
    """The declared action; raises LookupError for an undeclared one."""
    try:
        return _ACTIONS[code]
    except KeyError:
        raise LookupError(
            f"Audit action {code!r} is not declared in an audit_actions.py."
        ) from None


def action_label(code: str) -> str:
    """The action's label in the active language; an action no longer declared (an old
    event's) is shown by its code."""
    found = _ACTIONS.get(code)
    return str(found.label) if found is not None else code


def declared_actions() -> list[AuditAction]:
    """Every declared action, by code."""
    return [_ACTIONS[code] for code in sorted(_ACTIONS)]
