"""Download the published catalogue as HSDS 3.0 files."""

from __future__ import annotations

import io

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from kumppani.core.access import public

from .exporter import write_json, write_tabular


def export_language() -> str:
    language = get_language() or "fi"
    return language if language in {"fi", "sv", "en"} else "fi"


@public
def export_json(request: HttpRequest) -> HttpResponse:
    buffer = io.StringIO()
    write_json(buffer, language=export_language())
    response = HttpResponse(buffer.getvalue(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kumppani-hsds-services.json"'
    return response


@public
def export_tabular(request: HttpRequest) -> HttpResponse:
    buffer = io.BytesIO()
    write_tabular(buffer, language=export_language())
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="kumppani-hsds-tabular.zip"'
    return response
