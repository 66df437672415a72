"""Read typed values out of one HSDS record, noting each problem with its file, record and
field: text must be text (of a sane length), flags true or false, dates real dates."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kumppani.core.languages import content_languages

from ..errors import Problem, quoted
from ..limits import Limits
from ..reader import Obj, Record

MISSING = object()
T = TypeVar("T")

# The problems of a date, a time and a date and time that do not parse (translated when told).
_NOT_A_DATE = gettext_noop("%(value)s is not a date such as 2025-01-31.")
_NOT_A_TIME = gettext_noop("%(value)s is not a time such as 18:00.")
_NOT_A_MOMENT = gettext_noop("%(value)s is not a date and time.")


@dataclass
class Fields:
    """The reader of one record's values; problems go to the shared list."""

    record: Record
    limit: Limits
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.record.source, self.record.label, where, message))

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(Problem(self.record.source, self.record.label, where, message))

    def obj(self, parent: Obj, key: str, where: str) -> Obj | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(where, _("expected an object."))
            return None
        return value

    def items(self, parent: Obj, key: str, where: str) -> list[tuple[str, Obj]]:
        """The objects of a list, each with where it is (`key[0]`…)."""
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(where, _("expected a list."))
            return []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                found.append((f"{where}[{index}]", item))
            else:
                self.problem(f"{where}[{index}]", _("expected an object."))
        return found

    def text(self, parent: Obj, key: str, where: str, *, max_length: int | None = None) -> str:
        """A string (absent or null: empty); anything else is a problem."""
        value = parent.get(key)
        if value is None:
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # numbers in text columns, e.g. a postal code in a CSV
        if not isinstance(value, str):
            self.problem(where, _("expected text, not %(value)s.") % {"value": quoted(value)})
            return ""
        limit = min(max_length or self.limit.text_length, self.limit.text_length)
        if len(value) > limit:
            self.problem(
                where,
                _("the text is %(length)s characters long; at most %(limit)s are accepted.")
                % {"length": len(value), "limit": limit},
            )
            return ""
        return value

    def texts(
        self, parent: Obj, name: str, lang: str, where: str, target: str = ""
    ) -> dict[str, str]:
        """Values of `<target>_<lang>`: every language from our `x_<name>`, else the one."""
        target = target or name
        multilingual = parent.get(f"x_{name}")
        if multilingual is not None:
            if not isinstance(multilingual, dict):
                self.problem(f"{where}x_{name}", _("expected an object of languages."))
                return {}
            return {
                f"{target}_{code}": self.text(multilingual, code, f"{where}x_{name}.{code}")
                for code in content_languages()
            }
        if name in parent:
            return {f"{target}_{lang}": self.text(parent, name, f"{where}{name}")}
        return {}

    def flag(self, parent: Obj, key: str, where: str, default: bool | None) -> bool | None:
        value = parent.get(key, MISSING)
        if value is MISSING or value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "false"}:  # a CSV cell
            return value.lower() == "true"
        self.problem(where, _("expected true or false, not %(value)s.") % {"value": quoted(value)})
        return default

    def count(self, parent: Obj, key: str, where: str) -> int | None:
        value = parent.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31:
            return value
        self.problem(where, _("expected a whole number, not %(value)s.") % {"value": quoted(value)})
        return None

    def coordinate(self, parent: Obj, key: str, where: str) -> Decimal | None:
        """A number that fits the coordinate columns (nine digits, six decimals)."""
        value = parent.get(key)
        if value is None or value == "":
            return None
        try:
            number = Decimal(str(value)) if not isinstance(value, bool) else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) >= 1000:
            self.problem(where, _("%(value)s is not a coordinate.") % {"value": quoted(value)})
            return None
        return round(number, 6)

    def public_id(self, parent: Obj, key: str, where: str) -> str | None:
        value = parent.get(key)
        if value is None or value == "":
            return None
        try:
            if isinstance(value, str):
                return str(uuid.UUID(value))
        except ValueError:
            pass
        self.problem(where, _("%(value)s is not a UUID.") % {"value": quoted(value)})
        return None

    def day(self, value: Any, where: str) -> date | None:
        return self._parsed(value, where, lambda text: parse_date(text[:10]), _NOT_A_DATE)

    def clock(self, value: Any, where: str) -> time | None:
        if value is None or value == "":
            return None
        return self._parsed(value, where, lambda text: parse_time(text[:8]), _NOT_A_TIME)

    def moment(self, value: Any, where: str) -> datetime | None:
        if value is None or value == "":
            return None
        parsed = self._parsed(value, where, parse_datetime, _NOT_A_MOMENT)
        if parsed is None:
            return None
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)

    def _parsed(
        self, value: Any, where: str, parse: Callable[[str], T | None], problem: str
    ) -> T | None:
        """The text parsed; None, with the problem, when it is not text or does not parse."""
        parsed: T | None = None
        if isinstance(value, str):
            try:
                parsed = parse(value)
            except ValueError:
                parsed = None
        if parsed is None:
            self.problem(where, _(problem) % {"value": quoted(value)})
        return parsed
