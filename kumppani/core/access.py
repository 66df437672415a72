"""Access rules shared by every app: deny by default, declare a rule on every view.

Each view and API operation carries the rule that guards it in `access_rule`. The
decorators here both enforce and declare the rule; `tests/test_access_rules.py` walks every
URL pattern and API operation and fails on one that declares nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=Model)

PUBLIC = "public"
SIGNED_IN = "signed-in"
STAFF = "staff"
TOKEN = "token"  # noqa: S105 - the URL carries a signed, expiring token (password reset, invitation)

# Views that come from Django or libraries, and the rule each already applies, keyed by
# "namespace:<url namespace>", "name:<url name>" or "view:<module.qualname>".
THIRD_PARTY_RULES: dict[str, str] = {
    "namespace:admin": STAFF,  # the admin site checks is_staff itself
    "view:django.views.i18n.set_language": PUBLIC,
    "view:django.views.static.serve": PUBLIC,
    # django-ninja's own views: the OpenAPI document, its viewer and the API root.
    "name:openapi-json": PUBLIC,
    "name:openapi-view": PUBLIC,
    "name:api-root": PUBLIC,
}


def declare(rule: str) -> Callable[[F], F]:
    """Mark a view whose checks live in its body (access.py functions it calls)."""

    def decorator(view: F) -> F:
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return decorator


def public(view: F) -> F:
    """Anyone, signed in or not, may call this view; it shows only public data."""
    return declare(PUBLIC)(view)


def signed_in(view: F) -> F:
    """Only signed-in users; anonymous users are sent to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return declare(SIGNED_IN)(wrapper)  # type: ignore[return-value]


def require(condition: bool) -> None:
    """Raise 403 unless the condition holds."""
    if not condition:
        raise PermissionDenied


def first_or_404(rows: QuerySet[M], **lookups: Any) -> M:
    """The first of ``rows`` (those the person may see) that matches ``lookups``, or 404.
    Unlike `get_object_or_404` it takes the first of rows a join may repeat."""
    found = rows.filter(**lookups).first()
    if found is None:
        raise Http404
    return found


def first_readable_or_404(rows: QuerySet[M], may_read: Callable[[M], bool], **lookups: Any) -> M:
    """The first of ``rows`` that matches ``lookups`` when ``may_read`` allows it, or 404:
    a row that is not the person's to read is answered as one that does not exist."""
    found = rows.filter(**lookups).first()
    if found is None or not may_read(found):
        raise Http404
    return found


def declared_rule(callback: Any) -> str | None:
    """Return the rule a view function, class-based view or API operation declares."""
    rule = getattr(callback, "access_rule", None)
    view_class = getattr(callback, "view_class", None)
    if not rule and view_class is not None:
        rule = getattr(view_class, "access_rule", None)
    if rule:
        return str(rule)
    qualified = f"{getattr(callback, '__module__', '')}.{getattr(callback, '__qualname__', '')}"
    return THIRD_PARTY_RULES.get(f"view:{qualified}")


def declared_rule_for_url(callback: Any, *, name: str | None, namespaces: list[str]) -> str | None:
    """Return the rule for a URL pattern, including those of Django's and libraries' views."""
    for namespace in namespaces:
        if f"namespace:{namespace}" in THIRD_PARTY_RULES:
            return THIRD_PARTY_RULES[f"namespace:{namespace}"]
    return declared_rule(callback) or THIRD_PARTY_RULES.get(f"name:{name}")
