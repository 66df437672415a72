"""Download the published catalogue as HSDS 3.0 files.

The files are the dumps the periodic job builds (`dumps.py`); a request only sends one, with
an ETag and Last-Modified so that a client can ask whether it changed (304). Only when no
dump exists yet (a new installation, an emptied directory) does the request build that one
file itself, once; from then on the periodic job keeps it current.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe

from kumppani.core.access import public
from kumppani.core.languages import content_languages

from .dumps import FORMATS, dump_path, dump_write

DOWNLOAD_NAMES = {"json": "kumppani-hsds-services.json", "zip": "kumppani-hsds-tabular.zip"}


def export_language() -> str:
    language = get_language() or ""
    languages = content_languages()
    return language if language in languages else languages[0]


def _stat(file_format: str) -> os.stat_result:
    path = dump_path(file_format, export_language())
    if not path.exists():
        dump_write(file_format, export_language())
    return path.stat()


def _etag(request: HttpRequest, file_format: str) -> str:
    stat = _stat(file_format)
    return f"{stat.st_mtime_ns:x}-{stat.st_size:x}"


def _last_modified(request: HttpRequest, file_format: str) -> datetime:
    return datetime.fromtimestamp(_stat(file_format).st_mtime, tz=UTC)


@public
@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def export(request: HttpRequest, file_format: str) -> HttpResponseBase:
    """Send the dump in this format (the URL gives it: `json`, or `zip` for the tables)."""
    _name, _writer, content_type = FORMATS[file_format]
    response = FileResponse(
        dump_path(file_format, export_language()).open("rb"),
        as_attachment=True,
        filename=DOWNLOAD_NAMES[file_format],
        content_type=content_type,
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
