"""What an activity page says about accessibility: each feature's answer, and "not reported"
where the organisation has not said (never shown as a "no", never left out)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Service, accessibility_fields

YES = "yes"
NO = "no"
NOT_REPORTED = "not_reported"

ANSWERS = {YES: _("Yes"), NO: _("No"), NOT_REPORTED: _("Not reported")}


@dataclass(frozen=True)
class FeatureAnswer:
    name: str
    label: Any
    state: str

    @property
    def answer(self) -> Any:
        return ANSWERS[self.state]


@dataclass(frozen=True)
class AccessibilityReport:
    features: list[FeatureAnswer]

    @property
    def reported(self) -> bool:
        """Whether the organisation has answered for at least one feature."""
        return any(feature.state != NOT_REPORTED for feature in self.features)


def accessibility_report(service: Service) -> AccessibilityReport:
    features = []
    for field in accessibility_fields():
        value = getattr(service, field.name)
        state = NOT_REPORTED if value is None else (YES if value else NO)
        features.append(FeatureAnswer(name=field.name, label=field.verbose_name, state=state))
    return AccessibilityReport(features)
