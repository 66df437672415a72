"""What every JSON API under /api/ shares: errors as JSON with a translated message, the
reader's language from ``?lang=`` or Accept-Language, and the error responses in OpenAPI.

Every error under /api/ answers ``{"detail": "<a sentence>"}`` (validation errors add
``"errors": {"<parameter>": ["<sentence>", ...]}``), never an HTML page: ninja's own errors
through `install_error_handlers`, Django's 404 and 500 through `core.views`, and the rest
(405, a refused host) through `ApiMiddleware`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination

from .forms import FilterForm
from .languages import content_languages, current_language
from .parameters import MAX_PAGE_NUMBER, MAX_PAGE_SIZE, has_invalid_characters

FilterFormT = TypeVar("FilterFormT", bound=FilterForm)

API_PREFIX = "/api/"
DOCS = {"/api/hsds/": "/api/hsds/docs"}
DEFAULT_DOCS = "/api/v1/docs"


class ErrorOut(Schema):
    """An error: a sentence saying what went wrong, and per parameter its problems."""

    detail: str
    errors: dict[str, list[str]] = {}


# The message of an error response that carries none of its own, by status.
STATUS_MESSAGES = {
    400: gettext_lazy("The request cannot be answered as it is. Check its parameters."),
    403: gettext_lazy("You may not do this."),
    404: gettext_lazy("Nothing was found at this address."),
    405: gettext_lazy("This address does not answer this method."),
    500: gettext_lazy("Something went wrong on our side. Try again later."),
}

_DATE_MESSAGE = gettext_lazy("'%(name)s' must be a date such as 2026-12-31.")
_DATETIME_MESSAGE = gettext_lazy(
    "'%(name)s' must be a date or a date and time such as 2026-12-31 or 2026-12-31T14:30:00+02:00."
)
_CHOICE_MESSAGE = gettext_lazy("'%(name)s' must be one of: %(expected)s.")

# Pydantic's error types in the parameters of an operation, in words.
_VALIDATION_MESSAGES = {
    "uuid_parsing": gettext_lazy(
        "'%(name)s' must be an id such as 3fa85f64-5717-4562-b3fc-2c963f66afa6."
    ),
    "uuid_type": gettext_lazy(
        "'%(name)s' must be an id such as 3fa85f64-5717-4562-b3fc-2c963f66afa6."
    ),
    "int_parsing": gettext_lazy("'%(name)s' must be a whole number."),
    "int_type": gettext_lazy("'%(name)s' must be a whole number."),
    "bool_parsing": gettext_lazy("'%(name)s' must be true or false."),
    "bool_type": gettext_lazy("'%(name)s' must be true or false."),
    "float_parsing": gettext_lazy("'%(name)s' must be a number."),
    "decimal_parsing": gettext_lazy("'%(name)s' must be a number."),
    "date_parsing": _DATE_MESSAGE,
    "date_from_datetime_parsing": _DATE_MESSAGE,
    "date_from_datetime_inexact": _DATE_MESSAGE,
    "date_type": _DATE_MESSAGE,
    "datetime_parsing": _DATETIME_MESSAGE,
    "datetime_from_date_parsing": _DATETIME_MESSAGE,
    "datetime_type": _DATETIME_MESSAGE,
    "enum": _CHOICE_MESSAGE,
    "literal_error": _CHOICE_MESSAGE,
    "missing": gettext_lazy("'%(name)s' is missing."),
    "string_too_long": gettext_lazy("'%(name)s' is too long."),
    "less_than_equal": gettext_lazy("'%(name)s' must be at most %(le)s."),
    "greater_than_equal": gettext_lazy("'%(name)s' must be at least %(ge)s."),
}
_OTHER_VALIDATION_MESSAGE = gettext_lazy("'%(name)s' has a value that cannot be used here.")


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(status: int, detail: str = "", **extra: Any) -> JsonResponse:
    """A JSON error response: ``{"detail": ...}`` with the status's message by default."""
    message = detail or str(STATUS_MESSAGES.get(status, STATUS_MESSAGES[400]))
    return JsonResponse({"detail": message, **extra}, status=status)


def not_found(request: HttpRequest) -> JsonResponse:
    """404 for an address under /api/ that no operation answers, naming the documentation."""
    docs = next(
        (url for prefix, url in DOCS.items() if request.path.startswith(prefix)), DEFAULT_DOCS
    )
    return api_error(
        404,
        _("There is nothing at this address. The operations are listed at %(docs)s.")
        % {"docs": docs},
    )


def unsupported_language(value: str) -> JsonResponse:
    """400 for a ``lang`` the platform does not speak, in the request's language."""
    message = _("'lang' must be one of %(codes)s, not '%(value)s'.") % {
        "codes": ", ".join(content_languages()),
        "value": value[:20],
    }
    return api_error(400, message, errors={"lang": [message]})


def requested_language(request: HttpRequest) -> str:
    """The language a reader asks for: ``?lang=`` (fi, sv or en), else the request's language
    (Accept-Language). An unknown ``lang`` is answered with 400."""
    raw = request.GET.get("lang", "")
    if not raw:
        return current_language()
    if raw not in content_languages():
        raise HttpError(
            400,
            _("'lang' must be one of %(codes)s, not '%(value)s'.")
            % {"codes": ", ".join(content_languages()), "value": raw[:20]},
        )
    return raw


def validation_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Pydantic's errors of an operation's parameters as sentences, by parameter."""
    by_name: dict[str, list[str]] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
        name = location[-1] if location else "body"
        message = _VALIDATION_MESSAGES.get(str(error.get("type")), _OTHER_VALIDATION_MESSAGE)
        values = {"ge": "", "le": "", **(error.get("ctx") or {}), "name": name}
        # Pydantic lists the choices joined by an English "or"; a comma reads in any language.
        values["expected"] = str(values.get("expected", "")).replace("' or '", "', '")
        by_name.setdefault(name, []).append(str(message) % values)
    return by_name


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer the API's 404s and invalid parameters with translated JSON messages."""

    def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = validation_errors(exc.errors)
        detail = " ".join(message for messages in errors.values() for message in messages)
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400)

    def missing(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Nothing was found with this id.")}, status=404
        )

    api.exception_handler(NinjaValidationError)(invalid)
    api.exception_handler(Http404)(missing)


class Pagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (default NINJA_PAGINATION_PER_PAGE, at most
    MAX_PAGE_SIZE); a number out of range is a 400 naming it, never a query the database
    cannot run."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE_NUMBER)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"max_page_size": MAX_PAGE_SIZE, **kwargs})


# How the OpenAPI document (in English, like the rest of it) describes each error.
_OPENAPI_DESCRIPTIONS = {
    400: "Invalid parameters: `detail` says which, in the reader's language (`lang` or "
    "Accept-Language); `errors` lists them by parameter.",
    404: "Not found: no such id, or it is not public.",
    500: "Server error.",
}


def error_responses(*statuses: int) -> dict[str, Any]:
    """``openapi_extra`` documenting the error responses an operation can give."""
    schema = ErrorOut.model_json_schema()
    return {
        "responses": {
            str(status): {
                "description": _OPENAPI_DESCRIPTIONS.get(status, "Error"),
                "content": {"application/json": {"schema": schema}},
            }
            for status in statuses
        }
    }


def valid_query(form: FilterFormT) -> FilterFormT:
    """The form of an operation's query parameters once valid; otherwise 400 with its
    errors in sentences."""
    if not form.is_valid():
        raise HttpError(400, " ".join(form.error_sentences()))
    return form


class ApiMiddleware:
    """Under /api/: speak the language ``?lang=`` names, and answer an error that carries an
    HTML page or nothing (405 from ninja, a refused host) with JSON instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api_request(request):
            return self.get_response(request)
        language = request.GET.get("lang", "")
        if language in content_languages():
            translation.activate(language)
            request.LANGUAGE_CODE = language
        elif language and not has_invalid_characters(language):
            # Refused before any operation runs, so no API can ignore it silently. (A NUL or
            # another control character gets its own answer from InvalidCharactersMiddleware.)
            return unsupported_language(language)
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if response.status_code >= 400 and not content_type.startswith("application/json"):
            replacement = api_error(response.status_code)
            for header in ("Allow", "Vary"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response
