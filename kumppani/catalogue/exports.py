"""Columns of the catalogue's exports: the list of activities that may be out of date."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.exports import Column, ColumnType
from kumppani.core.languages import translated
from kumppani.core.models import County

from .models import Service


def _link(service: Service) -> str:
    return settings.SITE_URL + reverse("catalogue:service_detail", args=[service.public_id])


STALE_COLUMNS: list[Column[Service]] = [
    Column(_("Activity"), lambda service: translated(service, "name").text, width=40),
    Column(_("Organisation"), lambda service: service.organisation.name, width=40),
    Column(_("Last confirmed"), lambda service: service.last_verified_at, ColumnType.DATE),
    Column(_("Link"), _link, width=50),
]


def stale_counties(counties: list[County], filters: Mapping[str, Any]) -> list[County]:
    """The counties the stale list covers: the chosen one, or all the coordinator's."""
    chosen: County | None = filters.get("county")
    return [chosen] if chosen is not None else counties
