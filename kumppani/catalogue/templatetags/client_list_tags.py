"""``{% on_client_list service as listed %}``: whether the activity is on the client's list."""

from __future__ import annotations

from typing import Any

from django import template

from .. import client_list

register = template.Library()


@register.simple_tag(takes_context=True)
def on_client_list(context: template.Context, service: Any) -> bool:
    request = context.get("request")
    session = getattr(request, "session", None)
    if session is None:
        return False
    return service.public_id in client_list.entries(session)
