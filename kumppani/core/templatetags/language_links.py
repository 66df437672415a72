"""Links to the page the visitor is on, in another language."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[dict[str, Any]]:
    """Return code, name, URL and whether current, for each site language.

    The URL is the same page in that language; a page that has no language prefix (such as
    the bare site root) links to the front page in that language instead.
    """
    request = context.get("request")
    current = translation.get_language()
    path = request.get_full_path() if request is not None else "/"
    links = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if not url.startswith(f"/{code}/"):
            with translation.override(code):
                url = reverse("core:front")
        links.append({"code": code, "url": url, "current": code == current})
    return links
