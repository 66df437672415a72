"""Forms of memos, topics and the liaison roster."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kumppani.core.forms import FilterForm, MunicipalityChoiceField, SearchField
from kumppani.core.models import Municipality

from .models import LiaisonPerson, LiaisonRole, Meeting

MARKDOWN_HELP = _(
    "Plain text; a blank line starts a new paragraph. *Stars* emphasise, "
    "a line starting with - makes a list, [text](https://…) makes a link."
)


class MemoForm(forms.Form):
    body = forms.CharField(
        label=_("Memo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=MARKDOWN_HELP,
        max_length=50_000,
    )
    decisions = forms.CharField(
        label=_("Decisions and agreements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
    )
    topics_raised = forms.CharField(
        label=_("Topics raised"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
    )
    language = forms.ChoiceField(
        label=_("Language of the memo"),
        choices=settings.LANGUAGES,
        error_messages={"required": _("Choose the language the memo is written in.")},
    )


class MemoAttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, PNG or JPEG file."),
        error_messages={"required": _("Choose a file to add.")},
    )


class MemoSearchForm(FilterForm):
    q = SearchField(label=_("Search the memos"), max_length=200)


class TopicForm(forms.Form):
    title = forms.CharField(
        label=_("Topic"),
        max_length=200,
        error_messages={"required": _("Write the topic you propose.")},
    )
    description = forms.CharField(
        label=_("Why this topic? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
    )


class TakeUpForm(forms.Form):
    meeting: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("No particular meeting"),
    )

    def __init__(self, *args: Any, meetings: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class LiaisonForm(forms.ModelForm[LiaisonPerson]):
    class Meta:
        model = LiaisonPerson
        fields = [
            "name",
            "title",
            "email",
            "phone",
            "role",
            "paired_with",
            "publish_consent",
            "is_active",
        ]
        help_texts = {
            "publish_consent": _(
                "The person has agreed that their name, email and phone are shown publicly."
            ),
            "paired_with": _("For an NGO liaison: the municipality's health promotion liaison."),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A person is added active; the edit form may retire them.
            del self.fields["is_active"]
        pairs = LiaisonPerson.objects.filter(
            municipality=municipality, role=LiaisonRole.HYTE, is_active=True
        )
        self.fields["paired_with"].queryset = pairs  # type: ignore[attr-defined]
        self.fields["name"].error_messages["required"] = _("Write the person's name.")
        self.fields["role"].error_messages["required"] = _("Choose the person's role.")


class LiaisonContactForm(FilterForm):
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.filter(county__isnull=False),
        empty_label=_("Choose a municipality"),
    )
