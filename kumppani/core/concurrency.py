"""Edits that hold when someone else edits the same thing.

An edit form carries the version of the object it was filled in from (`version_of`: its
``updated_at``). The update service locks the row (`core.workflow.lock`), and when the
stored version is no longer the form's, refuses with `ChangedMeanwhile`, naming each field
whose stored value now differs from what was sent, and what it is now. The page shows the
form again with the person's own input and the new version, so a second save, after a look
at the differences, goes through.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .languages import content_languages, in_language

VERSION_FIELD = "base_version"


def apply_changes(obj: models.Model, values: Mapping[str, Any]) -> list[str]:
    """Set each value that differs from the object's (text without surrounding spaces) and
    return the names set: what an update then saves (``update_fields``) and audits."""
    changed = []
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def version_of(obj: models.Model) -> str:
    """The object's version: the time it was last saved, to the microsecond."""
    updated_at = getattr(obj, "updated_at", None)
    return updated_at.isoformat() if updated_at is not None else ""


class ChangedMeanwhile(ValidationError):
    """The object was saved by someone else after the form was filled in."""

    def __init__(self, differences: list[tuple[str, str]]) -> None:
        self.differences = differences
        messages = [
            _(
                "Someone else saved these details while you were editing them. Your changes "
                "are still in the form: check them against the current values and save again."
            )
        ]
        messages += [
            _("%(field)s is now: %(value)s") % {"field": field, "value": value or "–"}
            for field, value in differences
        ]
        super().__init__(messages, code="changed_meanwhile")


def check_version(
    obj: models.Model,
    base_version: str | None,
    submitted: Mapping[str, Any],
    *,
    current: Callable[[str], Any] | None = None,
) -> None:
    """Refuse an edit made on an older version of the (locked, freshly read) object.

    ``submitted`` are the values the edit sets; ``current`` reads a field's stored value (by
    default the attribute). No version (an API call, a script) means no check.
    """
    if not base_version or base_version == version_of(obj):
        return
    read = current or (lambda name: getattr(obj, name, None))
    differences = []
    for name, value in submitted.items():
        stored = read(name)
        if _comparable(stored) != _comparable(value):
            differences.append((_label(obj, name), _shown(stored)))
    raise ChangedMeanwhile(differences)


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(getattr(item, "pk", item) for item in value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _shown(value: Any) -> str:
    if isinstance(value, models.Manager):
        value = list(value.all())
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _label(obj: models.Model, name: str) -> str:
    """The field's name in words; a translated field's as "name in Finnish"."""
    base, _sep, language = name.rpartition("_")
    if language in content_languages():
        return f"{_label(obj, base)} {in_language(language)}"
    try:
        return str(getattr(obj._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:  # a computed value: show its name
        return name.replace("_", " ")


class VersionedForm(forms.Form):
    """A form that carries the version of the object it edits (a hidden field)."""

    base_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def renew_version(self, obj: models.Model) -> None:
        """After a ChangedMeanwhile, keep the person's input but take the current version."""
        data = self.data.copy()  # type: ignore[attr-defined]
        data[self.add_prefix(VERSION_FIELD)] = version_of(obj)
        self.data = data
