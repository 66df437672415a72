"""The client's list in templates: is an activity on it, and where its forms return to."""

from __future__ import annotations

from typing import Any

from django import template

from .. import client_list
from ..search.views import SHOWN_PREFIX

register = template.Library()


@register.simple_tag(takes_context=True)
def on_client_list(context: template.Context, service: Any) -> bool:
    request = context.get("request")
    session = getattr(request, "session", None)
    if session is None:
        return False
    return service.public_id in client_list.entries(session)


@register.simple_tag(takes_context=True)
def return_here(context: template.Context) -> str:
    """The address of the page the form is on, to come back to after it is sent: without
    the search page's list of counts that its htmx updates send along."""
    request = context["request"]
    query = request.GET.copy()
    for key in list(query):
        if key.startswith(SHOWN_PREFIX):
            del query[key]
    return f"{request.path}?{query.urlencode()}" if query else request.path


@register.simple_tag(takes_context=True)
def client_list_size(context: template.Context) -> int:
    """How many activities the client's list of this session holds."""
    session = getattr(context.get("request"), "session", None)
    return len(client_list.entries(session)) if session is not None else 0
