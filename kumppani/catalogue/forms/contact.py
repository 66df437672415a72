"""The contact person's fields, shared by the activity and volunteer task editors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kumppani.core.languages import content_languages, format_date

from .common import _translated_fields, stored_values

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


class ContactPersonForm(forms.Form):
    """Role, person and consent. The role is always public; the person only with consent."""

    contact_name = forms.CharField(label=_("Contact person's name"), required=False, max_length=200)
    contact_email = forms.EmailField(
        label=_("Contact person's email"),
        required=False,
        error_messages={"invalid": _("Write the email address in the form name@example.fi.")},
    )
    contact_phone = forms.CharField(
        label=_("Contact person's phone"), required=False, max_length=40
    )
    contact_consent = forms.BooleanField(
        label=_("The person has agreed that their name and contact details are shown publicly"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated_fields(self, "contact_title", str(_("Contact person's role")), max_length=200)
        self.fields[f"contact_title_{content_languages()[0]}"].help_text = _(
            "Shown publicly, e.g. activity coordinator."
        )
        self.fields["contact_consent"].help_text = consent_note(self.initial)
        # The role first, then the person, then the consent.
        names = [name for name in self.fields if not name.startswith("contact_")]
        titles = [f"contact_title_{code}" for code in content_languages()]
        self.order_fields([*names, *titles, *CONTACT_FIELDS, "contact_consent"])


def consent_note(initial: Mapping[str, Any]) -> str:
    """Who recorded the consent and when, or what is shown without it."""
    recorded_at = initial.get("contact_consent_at")
    if recorded_at is None:
        return str(
            _(
                "Without it, the public sees only the role, the activity's website and the "
                "organisation's contact details."
            )
        )
    recorded_by = initial.get("contact_consent_by")
    return str(
        _("Consent recorded by %(person)s on %(date)s.")
        % {
            "person": recorded_by or _("the system"),
            "date": format_date(recorded_at),
        }
    )


def contact_initial(entry: Any) -> dict[str, Any]:
    """The contact fields' initial values (and the consent record) from an entry."""
    consent = ("contact_consent", "contact_consent_at", "contact_consent_by")
    return stored_values(entry, texts=("contact_title",), fields=(*CONTACT_FIELDS, *consent))
