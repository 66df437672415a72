"""Forms of sign-in, invitations and accepting one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.db.models import QuerySet
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import CountyChoiceField, MunicipalityChoiceField
from kumppani.core.models import County, Municipality
from kumppani.core.outbox import email_queue_templated

from .models import CountyRoleKind, InvitationStatus, OrganisationTitle


class RequiredMessages:
    """Give the fields of Django's own forms a required message of their own."""

    required_messages: ClassVar[Mapping[str, Promise]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, message in self.required_messages.items():
            self.fields[name].error_messages["required"] = message  # type: ignore[attr-defined]


class SignInForm(RequiredMessages, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": _("Enter the email address you sign in with."),
            "invalid": _("Enter the email address in the form name@example.fi."),
        },
    )
    error_messages = {
        "invalid_login": _("The email address or password is wrong. Check them and try again."),
        "inactive": _("This account is not in use."),
    }
    required_messages = {"password": _("Enter your password.")}

    def clean_username(self) -> str:
        # One spelling per address, so that throttling counts Alice@ and alice@ together.
        return str(self.cleaned_data.get("username") or "").strip().lower()


NEW_PASSWORD_MESSAGES = {
    "new_password1": _("Choose a new password."),
    "new_password2": _("Type the new password again."),
}


class PasswordChangeForm(RequiredMessages, auth_forms.PasswordChangeForm):
    required_messages = {"old_password": _("Enter your current password."), **NEW_PASSWORD_MESSAGES}


class SetPasswordForm(RequiredMessages, auth_forms.SetPasswordForm):
    required_messages = NEW_PASSWORD_MESSAGES


class PasswordResetForm(RequiredMessages, auth_forms.PasswordResetForm):
    """Django's password reset form, with the email put in the outbox: the page answers at
    once whether or not the mail relay does."""

    required_messages = {"email": _("Enter the email address you sign in with.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["invalid"] = _(
            "Enter the email address in the form name@example.fi."
        )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        email_queue_templated(
            to=to_email,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            subject_template=subject_template_name,
            body_template=email_template_name,
            context=context,
            related=context.get("user"),
        )


class InviteAs:
    ORGANISATION = "organisation"
    COUNTY = "county"


class CountyChoiceForm(forms.Form):
    """Pick which of the coordinator's counties to invite into (a GET form)."""

    county = CountyChoiceField(
        empty_label=None,
        error_messages={"required": _("Choose the wellbeing services county.")},
    )

    def __init__(self, *args: Any, counties: QuerySet[County], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    """Whom to invite, and to what, inside one county."""

    county = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The county of the invitation is missing. Open this page again.")
        },
    )
    email = forms.EmailField(
        label=_("Email address of the person"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter the email address of the person you invite."),
            "invalid": _("Enter the email address in the form name@example.fi."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The invitation email is written in this language."),
        error_messages={"required": _("Choose the language of the invitation.")},
    )
    invite_as = forms.ChoiceField(
        label=_("What is the invitation for?"),
        choices=[
            (InviteAs.ORGANISATION, _("Representing an organisation")),
            (InviteAs.COUNTY, _("A role in the wellbeing services county")),
        ],
        error_messages={"required": _("Choose what the invitation is for.")},
    )
    # The page (organisations.invitations) gives the county's organisations.
    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("– choose an organisation –"),
        help_text=_("Organisations operating in the county, in alphabetical order."),
        error_messages={
            "invalid_choice": _("Choose an organisation from the list."),
        },
    )
    title = forms.ChoiceField(
        label=_("Role in the organisation"),
        choices=[("", _("– choose a role –")), *OrganisationTitle.choices],
        required=False,
    )
    county_role = forms.ChoiceField(
        label=_("Role in the county"),
        choices=[("", _("– choose a role –")), *CountyRoleKind.choices],
        required=False,
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality (for a liaison person)"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("– choose a municipality –"),
        help_text=_("Only a liaison person is named for a municipality."),
        error_messages={
            "invalid_choice": _("Choose a municipality of the county from the list."),
        },
    )

    def __init__(
        self, *args: Any, county: County, organisations: QuerySet[Any], **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial",
            {"county": county.code, "language": translation.get_language() or "fi"},
        )
        super().__init__(*args, **kwargs)
        self.target_county = county
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = county.municipalities.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        invite_as = data.get("invite_as")
        if invite_as == InviteAs.ORGANISATION:
            if not data.get("organisation") and "organisation" not in self.errors:
                self.add_error(
                    "organisation", _("Choose the organisation the person will represent.")
                )
            if not data.get("title"):
                self.add_error("title", _("Choose the person's role in the organisation."))
            data["county_role"] = ""
            data["municipality"] = None
        elif invite_as == InviteAs.COUNTY:
            role = data.get("county_role")
            if not role:
                self.add_error("county_role", _("Choose the person's role in the county."))
            elif role == CountyRoleKind.LIAISON:
                if not data.get("municipality") and "municipality" not in self.errors:
                    self.add_error(
                        "municipality",
                        _("Choose the municipality the liaison person works for."),
                    )
            else:
                data["municipality"] = None
            data["organisation"] = None
            data["title"] = ""
        return data


class InvitationFilterForm(forms.Form):
    county = CountyChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Choose one of your counties from the list.")},
        empty_label=_("All my counties"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *InvitationStatus.choices],
        required=False,
    )
    q = forms.CharField(label=_("Email address contains"), required=False, max_length=254)

    def __init__(self, *args: Any, counties: QuerySet[County], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = counties  # type: ignore[attr-defined]


class AcceptInvitationForm(forms.Form):
    """Name and password for a new account; empty for an account that has a password."""

    full_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Choose a password.")},
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the same password again.")},
    )

    def __init__(self, *args: Any, needs_password: bool, needs_name: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not needs_password:
            del self.fields["password"]
            del self.fields["password_again"]
        else:
            self.fields["password"].help_text = " ".join(
                str(text) for text in password_validation.password_validators_help_texts()
            )
        if not needs_name:
            del self.fields["full_name"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password"), data.get("password_again")
        if first and second and first != second:
            self.add_error(
                "password_again",
                _("The two passwords are different. Type the same password twice."),
            )
        return data
