"""Who is acting, passed explicitly to every service that writes or reads personal data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Actor:
    """The person (or system job) behind an action, and the address it came from.

    ``user`` is the project's user model (``settings.AUTH_USER_MODEL``); core does not import
    the accounts app that defines it.
    """

    user: Any | None
    ip_address: str | None = None
    label: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        user = request.user if request.user.is_authenticated else None
        return cls(user=user, ip_address=client_ip(request))

    @classmethod
    def system(cls, label: str) -> Actor:
        return cls(user=None, label=label)

    @property
    def display(self) -> str:
        if self.user is not None:
            return str(self.user.get_username())
        return self.label or "anonymous"


def client_ip(request: HttpRequest) -> str | None:
    """Return the client's address; the reverse proxy must set REMOTE_ADDR correctly."""
    return request.META.get("REMOTE_ADDR") or None
