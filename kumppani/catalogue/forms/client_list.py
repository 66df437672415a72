"""Forms of a professional's list of activities for a client."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from kumppani.core.languages import language_name

from ..client_list import CLIENT_LANGUAGES

_language_name = lazy(language_name, str)


class ClientListOptionsForm(forms.Form):
    """The client's language and whether easy-to-read summaries are used."""

    language = forms.ChoiceField(
        label=_("The client's language"),
        choices=[(code, _language_name(code)) for code in CLIENT_LANGUAGES],
        widget=forms.RadioSelect,
        initial="fi",
        error_messages={"required": _("Choose the client's language.")},
    )
    easy_read = forms.BooleanField(
        label=_("Use easy-to-read summaries where the activity has one"), required=False
    )


class ClientListSendForm(ClientListOptionsForm):
    email = forms.EmailField(
        label=_("The client's email address"),
        help_text=_("The address is used for this message only; it is not saved."),
        error_messages={"required": _("Give the client's email address.")},
    )
