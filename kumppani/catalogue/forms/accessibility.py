"""An accessibility feature as the editor asks it: yes, no, or not reported."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityAnswerField(forms.NullBooleanField):
    """Three radio buttons; "not reported" (None) is the answer until someone knows."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)
        self.widget.choices = [
            ("True", _("Yes")),
            ("False", _("No")),
            ("", _("Not reported")),
        ]

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        # A form written for the old checkbox sends "on" for a ticked feature.
        if value == "on":
            return True
        return super().to_python(value)
