"""Refuse requests whose address or parameters hold characters no text of ours contains.

A NUL byte, an unpaired surrogate or another C0 control character (tab, newline and carriage
return aside: a browser sends a textarea's line breaks as CR LF) is never part of a real
search, filter or form field. PostgreSQL cannot store or even compare a string holding NUL
(psycopg refuses it), so without this check such a parameter reaches the database and ends
in a 500. `InvalidCharactersMiddleware` checks the path and every GET and POST name and value
once, before any view runs, and raises `InvalidCharacters`: Django answers it with handler400
(`core.views.bad_request`: a translated 400 page, or JSON under /api/) and logs it to the
``django.security.InvalidCharacters`` logger, as it does every suspicious request.
`InvalidCookiesMiddleware` drops cookies holding such characters.

Paging helpers for list pages live here too: a page number from the query string, parsed
without trusting its size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext_lazy

# C0 controls except tab (09), newline (0a) and carriage return (0d); unpaired surrogates.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

INVALID_CHARACTERS_MESSAGE = gettext_lazy(
    "The request holds characters that cannot be used, such as a NUL byte or another "
    "control character. Remove them and try again."
)

# The largest page number any list or API accepts: past it a page is refused (API) or the
# last page shown (pages), never an offset the database cannot hold.
MAX_PAGE_NUMBER = 1_000_000
# The most rows any list or API operation returns at once.
MAX_PAGE_SIZE = 100


class InvalidCharacters(SuspiciousOperation):
    """The request's address or a parameter holds a character no text may hold."""


def has_invalid_characters(text: str) -> bool:
    return _INVALID.search(text) is not None


def _invalid_in(data: QueryDict) -> bool:
    values: Iterable[str] = (
        item for key, items in data.lists() for item in (key, *items) if isinstance(item, str)
    )
    return any(has_invalid_characters(value) for value in values)


def request_has_invalid_characters(request: HttpRequest) -> bool:
    """Whether the path, a query-string parameter or a form field holds an invalid character."""
    if has_invalid_characters(request.path) or _invalid_in(request.GET):
        return True
    return request.method == "POST" and _invalid_in(request.POST)


class InvalidCharactersMiddleware:
    """Refuse (400) a request whose path or parameters hold NUL or another control character."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request_has_invalid_characters(request):
            raise InvalidCharacters(str(INVALID_CHARACTERS_MESSAGE))
        return self.get_response(request)


class InvalidCookiesMiddleware:
    """Ignore a cookie holding such characters (a session id with NUL), as an unknown session
    id is ignored: no browser of ours was given one, and refusing it would lock that browser
    out. Comes before SessionMiddleware, which reads the session cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.COOKIES = {
            name: value
            for name, value in request.COOKIES.items()
            if not has_invalid_characters(name + value)
        }
        return self.get_response(request)


def page_number(raw: object, *, maximum: int = MAX_PAGE_NUMBER) -> int:
    """The page a list page was asked for: 1 for a missing or malformed number, at most
    ``maximum`` (a list shows its last page for any number past its end)."""
    text = str(raw or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > len(str(maximum)):  # no int() of a thousand digits
        return maximum
    return max(1, min(int(text), maximum))
