"""The "I'm interested" form of a volunteer task."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .common import FriendlyErrorsMixin

# A text box people never see (the stylesheet hides it) but form-filling robots fill in.
HONEYPOT = "homepage"


class InterestForm(FriendlyErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={"required": _("Write your name.")},
    )
    contact = forms.CharField(
        label=_("Email or phone number"),
        max_length=200,
        help_text=_("The organisation contacts you here."),
        error_messages={
            "required": _("Write an email address or a phone number the organisation can use.")
        },
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example when you could start. Do not write health information."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name, contact details and message are sent to the organisation "
            "so that it can contact me about this task."
        ),
        error_messages={"required": _("Tick the box to agree that the details are sent.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"


def is_robot(data: Any) -> bool:
    """Whether the hidden text box was filled in: no person sees it."""
    return bool(str(data.get(HONEYPOT, "")).strip())
