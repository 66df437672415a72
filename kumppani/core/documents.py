"""Documents: a Django template rendered to a tagged, accessible PDF (PDF/UA-1) with
WeasyPrint.

A document template extends ``documents/base.html``, which sets ``<html lang>``, the
``<title>`` (the PDF's title; required) and the document stylesheet. Fonts are embedded, as
PDF/UA requires.

WeasyPrint fetches what a document links to (stylesheets, images, fonts) through
`StaticFilesFetcher`, which serves only the app's static files, found through
``django.contrib.staticfiles`` (its finders, or the collected files of its storage), and
``data:`` URLs. A document's relative URLs, such as ``{% static 'core/document.css' %}``
gives, resolve against ``DOCUMENT_BASE_URL``, an address on the reserved ``.invalid``
domain that is never looked up. Everything else is refused without being opened: ``file:``,
``http:`` and ``https:`` (other hosts, or other paths than the static files), ``ftp:``, and
any other scheme. So a text an organisation typed can never make the server read its disk
or call another server.
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse

# Relative URLs in a document resolve against this; it is never looked up (RFC 2606).
DOCUMENT_BASE_URL = "https://kumppani.invalid/"
PDF_CONTENT_TYPE = "application/pdf"


class RefusedURL(ValueError):
    """A document linked to something other than a static file or a data: URL."""


class StaticFilesFetcher(URLFetcher):
    """Fetch the app's static files and ``data:`` URLs; refuse everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        name = self.static_name(url)
        if name is None:
            raise RefusedURL(f"A document may link only to static files: {url}")
        found = finders.find(name)
        if isinstance(found, str):
            with open(found, "rb") as file:
                body = file.read()
        elif staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as file:
                body = file.read()
        else:
            raise RefusedURL(f"No such static file: {name}")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

    @staticmethod
    def static_name(url: str) -> str | None:
        """The static file's name for a URL under ``DOCUMENT_BASE_URL`` + STATIC_URL, or None
        for any other URL (and for one that climbs out of the static files with ``..``)."""
        static_root = DOCUMENT_BASE_URL.rstrip("/") + "/" + settings.STATIC_URL.strip("/") + "/"
        parts = urlsplit(url)
        if parts.query or parts.fragment or not url.startswith(static_root):
            return None
        name = unquote(parts.path[len(urlsplit(static_root).path) :])
        normalised = posixpath.normpath(name)
        if not name or normalised != name or normalised.startswith(("..", "/")) or "\\" in name:
            return None
        return name


def render_pdf(template_name: str, context: Mapping[str, Any], *, language: str) -> bytes:
    """Render the template in ``language`` to a PDF/UA-1 document with that language.

    The template gets ``document_language`` besides ``context``. Raises ValueError when the
    rendered document has no title.
    """
    with translation.override(language):
        html = render_to_string(template_name, {**context, "document_language": language})
        document = HTML(
            string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=StaticFilesFetcher()
        ).render(pdf_variant="pdf/ua-1")
    if not (document.metadata.title or "").strip():
        raise ValueError(f"The document {template_name} has no <title>.")
    document.metadata.lang = language
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    assert isinstance(pdf, bytes)
    return pdf


def pdf_response(pdf: bytes, *, filename: str, inline: bool = False) -> HttpResponse:
    """The PDF as a file to save, named ``filename`` (with its ``.pdf``), or with
    ``inline`` to show in the browser under that name."""
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
