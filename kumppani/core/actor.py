"""Who is acting, passed explicitly to every service that writes or reads personal data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network
from typing import Any

from django.conf import settings
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
    """The address the request came from, for throttling and the audit log alike.

    A request that reaches us through one of the reverse proxies in ``TRUSTED_PROXIES`` (the
    proxy's address is ``REMOTE_ADDR``) came from the last address in ``X-Forwarded-For``
    that is not itself a trusted proxy; what other clients put in that header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    networks = trusted_proxies(tuple(settings.TRUSTED_PROXIES))
    if remote is None or not _in_networks(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed([part for part in forwarded if part]):
        if _parse(address) is None:
            break  # a forged or broken entry: stop believing the header here
        if not _in_networks(address, networks):
            return address
    return remote


@lru_cache(maxsize=8)
def trusted_proxies(entries: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    """The TRUSTED_PROXIES setting as networks ("10.0.0.5", "10.0.0.0/8", "::1")."""
    return tuple(ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def _parse(address: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(address)
    except ValueError:
        return None


def _in_networks(address: str, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in networks)
