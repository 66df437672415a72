"""PDF documents: tagged PDF/UA with a language and a title, fonts embedded, and a fetcher
that reads only the app's static files and data: URLs."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.conf import settings

from kumppani.core.documents import (
    DOCUMENT_BASE_URL,
    RefusedURL,
    StaticFilesFetcher,
    render_pdf,
)

from .pdf import document_language, fonts_not_embedded, is_tagged, pdf_text, read_pdf

STATIC = DOCUMENT_BASE_URL + settings.STATIC_URL.lstrip("/")
# One transparent pixel.
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk"
    "YAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def _document(language: str = "fi", **context: str) -> bytes:
    defaults = {"title": "Testiasiakirja", "heading": "Otsikko", "text": "Tekstiä äöå."}
    return render_pdf("core_tests/document.html", {**defaults, **context}, language=language)


# --- the fetcher ------------------------------------------------------------------------


def test_fetcher_reads_a_static_file_through_the_finders():
    response = StaticFilesFetcher().fetch(STATIC + "core/document.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_fetcher_reads_a_data_url():
    assert StaticFilesFetcher().fetch(PIXEL).read().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://example.com/style.css",
        "https://example.com/style.css",
        "http://127.0.0.1:8000/static/core/document.css",  # the site itself, over the network
        "https://kumppani.invalid/admin/",  # the documents' own base, outside the static files
        "https://kumppani.invalid/static/../settings.py",
        "https://kumppani.invalid/static/core/%2e%2e/%2e%2e/settings.py",
        "https://kumppani.invalid/static/core/document.css?x=1",
        "https://kumppani.invalid/static/no/such/file.css",
        "ftp://example.com/file.css",
        "javascript:alert(1)",
        "gopher://example.com/",
        "/etc/passwd",
        "core/document.css",
    ],
)
def test_fetcher_refuses_everything_but_static_files_and_data(url):
    with pytest.raises(RefusedURL):
        StaticFilesFetcher().fetch(url)


def test_a_document_linking_to_a_file_or_another_server_is_made_without_them(
    test_templates, caplog
):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        content = _document(image="file:///etc/hostname", stylesheet="https://example.com/x.css")
    assert "Otsikko" in pdf_text(content)
    refused = [r.getMessage() for r in caplog.records if "RefusedURL" in r.getMessage()]
    assert any("file:///etc/hostname" in message for message in refused)
    assert any("https://example.com/x.css" in message for message in refused)


# --- the PDF ----------------------------------------------------------------------------


def test_document_is_tagged_pdf_ua_with_language_title_and_embedded_fonts(test_templates):
    content = _document("sv", title="Testdokument", heading="Rubrik", image=PIXEL)

    reader = read_pdf(content)
    assert content.startswith(b"%PDF-1.7")
    assert is_tagged(reader)
    assert document_language(reader) == "sv"
    assert reader.metadata is not None and reader.metadata.title == "Testdokument"
    metadata_stream: Any = reader.root_object["/Metadata"].get_object()
    metadata = metadata_stream.get_data()
    assert b"pdfuaid:part" in metadata  # PDF/UA's identification in the XMP metadata
    assert fonts_not_embedded(reader) == []
    assert "Rubrik" in pdf_text(content)


def test_document_without_a_title_is_refused(test_templates):
    with pytest.raises(ValueError, match="no <title>"):
        _document(title="")
