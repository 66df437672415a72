"""Every required field of every form says what to do when it is left empty.

The test imports every module of kumppani, builds each form class (with the arguments
`BUILDERS` gives those that need some) and fails on a required field whose message is
Django's "This field is required."
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django import forms
from django.utils import translation

import kumppani
from kumppani.accounts.models import User
from kumppani.catalogue.models import Service
from kumppani.core.models import County, Municipality
from kumppani.grants.models import CountyGoal
from kumppani.meetings.models import Meeting
from kumppani.organisations.models import Organisation

DJANGO_DEFAULT = forms.Field.default_error_messages["required"]


def _every_county() -> object:
    return County.objects.all()


def _an_activity() -> Service:
    organisation = Organisation.objects.create(name="Kerhoyhdistys ry")
    return Service.objects.create(organisation=organisation, name_fi="Kerho")


def _step_of_an_activity(cls: Any) -> forms.BaseForm:
    return cls(service=_an_activity())


# Form classes whose __init__ needs arguments, and how to build one.
BUILDERS: dict[str, Callable[[Any], forms.BaseForm]] = {
    "kumppani.accounts.forms.CountyChoiceForm": lambda cls: cls(counties=_every_county()),
    "kumppani.accounts.forms.InviteForm": lambda cls: cls(
        county=County.objects.get(code="16"), organisations=Organisation.objects.none()
    ),
    "kumppani.accounts.forms.InvitationFilterForm": lambda cls: cls(counties=_every_county()),
    "kumppani.accounts.forms.AcceptInvitationForm": lambda cls: cls(
        needs_password=True, needs_name=True
    ),
    "kumppani.accounts.forms.PasswordChangeForm": lambda cls: cls(user=User()),
    "kumppani.accounts.forms.SetPasswordForm": lambda cls: cls(user=User()),
    "kumppani.catalogue.forms.common.OrganisationChoiceForm": lambda cls: cls(
        organisations=Organisation.objects.none()
    ),
    "kumppani.catalogue.forms.service_steps.LanguagesStepForm": _step_of_an_activity,
    "kumppani.catalogue.forms.service_steps.TermsStepForm": _step_of_an_activity,
    "kumppani.catalogue.forms.service_steps.TargetGroupsStepForm": _step_of_an_activity,
    "kumppani.catalogue.forms.service_steps.ServiceClassesStepForm": _step_of_an_activity,
    "kumppani.catalogue.forms.service_steps.AccessibilityStepForm": _step_of_an_activity,
    "kumppani.catalogue.forms.service_steps.DetailsStepForm": _step_of_an_activity,
    "kumppani.catalogue.forms.filters.ManageFilterForm": lambda cls: cls(
        organisations=Organisation.objects.none()
    ),
    "kumppani.catalogue.forms.filters.StaleFilterForm": lambda cls: cls(counties=[]),
    "kumppani.accounts.audit_log.AuditLogFilterForm": lambda cls: cls(counties=_every_county()),
    "kumppani.grants.forms.AnswersForm": lambda cls: cls(questions=[]),
    "kumppani.grants.forms.ScoresForm": lambda cls: cls(criteria=[], given={}),
    "kumppani.grants.agreement_forms.NewAgreementForm": lambda cls: cls(
        county=County.objects.get(code="16")
    ),
    "kumppani.meetings.public_forms.RegistrationForm": lambda cls: cls(
        meeting=Meeting(questions=[]), signed_in=False, organisations=Organisation.objects.none()
    ),
    "kumppani.meetings.organiser_forms.SeriesForm": lambda cls: cls(
        counties=_every_county(), municipalities=Municipality.objects.all()
    ),
    "kumppani.meetings.memo_forms.LiaisonForm": lambda cls: cls(
        municipality=Municipality.objects.get(code="743")
    ),
    "kumppani.meetings.body_forms.AttendanceForm": lambda cls: cls(memberships=[]),
    "kumppani.meetings.body_forms.ResponseForm": lambda cls: cls(
        questions=[], organisations=Organisation.objects.none()
    ),
    "kumppani.grants.programme_forms.CriterionForm": lambda cls: cls(
        goals=CountyGoal.objects.none()
    ),
}


def _import_every_module() -> None:
    for module in pkgutil.walk_packages(kumppani.__path__, prefix="kumppani."):
        parts = module.name.split(".")
        if "tests" in parts or "migrations" in parts:
            continue
        importlib.import_module(module.name)


def _subclasses(cls: type) -> Iterator[type]:
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def kumppani_form_classes() -> list[type[forms.BaseForm]]:
    _import_every_module()
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("kumppani.") and ".tests" not in cls.__module__
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def test_the_walk_finds_the_forms() -> None:
    names = {_name(cls) for cls in kumppani_form_classes()}
    assert "kumppani.organisations.forms.OrganisationForm" in names
    assert "kumppani.catalogue.forms.service_editor.ServicePracticalForm" in names
    assert len(names) > 20
    assert set(BUILDERS) <= names, f"BUILDERS names forms that are gone: {set(BUILDERS) - names}"


@pytest.mark.django_db
def test_every_required_field_has_a_message_of_its_own() -> None:
    missing: list[str] = []
    unbuildable: list[str] = []
    for cls in kumppani_form_classes():
        name = _name(cls)
        try:
            form = BUILDERS[name](cls) if name in BUILDERS else cls()
        except TypeError as error:
            unbuildable.append(f"{name}: {error}")
            continue
        with translation.override("en"):
            for field_name, field in form.fields.items():
                message = str(field.error_messages.get("required", DJANGO_DEFAULT))
                if field.required and message == str(DJANGO_DEFAULT):
                    missing.append(f"{name}.{field_name}")
    assert not unbuildable, f"Tell BUILDERS how to build these forms: {unbuildable}"
    assert not missing, (
        "These required fields would say only 'This field is required.'; give each an "
        f"error_messages['required'] that says what to do: {missing}"
    )
