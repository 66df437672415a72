"""Parse and validate the query parameters of the HSDS API; a bad value raises BadRequest (400)."""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from kumppani.catalogue.search.when import TimeFilterForm, time_filter
from kumppani.core.api import requested_language
from kumppani.core.models import Municipality
from kumppani.core.parameters import MAX_PAGE_NUMBER, MAX_PAGE_SIZE

M = TypeVar("M", bound=Model)

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = MAX_PAGE_SIZE
TRUE_VALUES = {"true", "1", "yes"}
FALSE_VALUES = {"false", "0", "no", ""}


EXAMPLE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


class BadRequest(Exception):
    """A parameter has a value the API cannot use; the message tells the caller which."""


def _shown(raw: str) -> str:
    """A value as the message quotes it (shortened: it may be anything)."""
    return repr(raw[:40])


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def rows(self, queryset: QuerySet[M]) -> tuple[int, list[M]]:
        """Return the total number of rows and this page of them."""
        return queryset.count(), list(queryset[self.offset : self.offset + self.per_page])

    def wrap(self, total: int, contents: list[dict[str, Any]]) -> dict[str, Any]:
        """Return the HSDS Page object around one page of contents."""
        total_pages = math.ceil(total / self.per_page)
        return {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": self.page,
            "size": len(contents),
            "first_page": self.page == 1,
            "last_page": self.page >= total_pages,
            "empty": len(contents) == 0,
            "contents": contents,
        }


def paging(request: HttpRequest) -> Paging:
    return Paging(
        page=int_param(request, "page", default=1, minimum=1, maximum=MAX_PAGE_NUMBER),
        per_page=int_param(
            request, "per_page", default=DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE
        ),
    )


def int_param(
    request: HttpRequest, name: str, *, default: int, minimum: int, maximum: int | None = None
) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"[0-9]{1,9}", raw.strip()):
        raise BadRequest(
            _("'%(name)s' must be a whole number, not %(value)s.")
            % {"name": name, "value": _shown(raw)}
        )
    value = int(raw)
    if value < minimum:
        raise BadRequest(
            _("'%(name)s' must be at least %(limit)s.") % {"name": name, "limit": minimum}
        )
    if maximum is not None and value > maximum:
        raise BadRequest(
            _("'%(name)s' must be at most %(limit)s.") % {"name": name, "limit": maximum}
        )
    return value


def bool_param(request: HttpRequest, name: str) -> bool:
    raw = (request.GET.get(name) or "").strip().lower()
    if raw in TRUE_VALUES:
        return True
    if raw in FALSE_VALUES:
        return False
    raise BadRequest(
        _("'%(name)s' must be true or false, not %(value)s.") % {"name": name, "value": _shown(raw)}
    )


def uuid_value(raw: str, name: str) -> str:
    try:
        return str(uuid.UUID(raw.strip()))
    except (ValueError, AttributeError):
        raise BadRequest(
            _("'%(name)s' must be an id such as %(example)s, not %(value)s.")
            % {"name": name, "example": EXAMPLE_ID, "value": _shown(str(raw))}
        ) from None


def uuid_param(request: HttpRequest, name: str) -> str | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    return uuid_value(raw, name)


def text_param(request: HttpRequest, name: str, *, max_length: int = 200) -> str:
    value = (request.GET.get(name) or "").strip()
    if len(value) > max_length:
        raise BadRequest(
            _("'%(name)s' may be at most %(limit)s characters long.")
            % {"name": name, "limit": max_length}
        )
    return value


def datetime_param(request: HttpRequest, name: str) -> datetime | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        parsed = parse_datetime(raw.replace(" ", "+"))  # '+' arrives as a space if unescaped
        if parsed is None:
            day = parse_date(raw)
            parsed = datetime.combine(day, time.min) if day else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadRequest(
            _(
                "'%(name)s' must be a date or date-time such as 2025-01-31 or "
                "2025-01-31T12:00:00+02:00, not %(value)s."
            )
            % {"name": name, "value": _shown(raw)}
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def municipality_param(request: HttpRequest) -> str | None:
    raw = (request.GET.get("municipality") or "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{3}", raw) or not Municipality.objects.filter(code=raw).exists():
        raise BadRequest(
            _("'municipality' must be a 3-digit municipality code, not %(value)s.")
            % {"value": _shown(raw)}
        )
    return raw


def time_params(request: HttpRequest) -> tuple[date | None, date | None, tuple[int, ...]]:
    """The search's time filters (when, date_from, date_to, weekday): the first and last date
    and the weekdays a service must happen on (None, None, () for none)."""
    form = TimeFilterForm(request.GET)
    if not form.is_valid():
        raise BadRequest(form.error_message())
    return time_filter(form.cleaned_data)


def format_param(request: HttpRequest) -> None:
    raw = (request.GET.get("format") or "json").strip().lower()
    if raw != "json":
        raise BadRequest(_("'format' supports only json; use the HSDS export files for bulk data."))


def language(request: HttpRequest) -> str:
    """Return the language of text fields: ?lang=, else Accept-Language, else Finnish; an
    unknown ?lang= is answered with 400."""
    return requested_language(request)
