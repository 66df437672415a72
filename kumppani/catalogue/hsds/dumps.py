"""The public catalogue dumps (HSDS JSON and the tabular zip, one of each per language) as
files under settings.HSDS_DUMP_DIR, built in the background and served as they are.

A change to what the dumps show (a service written, published, hidden or archived; an
organisation or a taxonomy term changed; an import) calls `dumps_mark_stale()`, which
touches a marker file once the transaction commits. The periodic job `hsds_dumps_refresh`
(settings.PERIODIC_JOBS, every minute) rebuilds every dump when the marker is there, so a
burst of changes costs one build. A build removes the marker first: a change made while it
runs marks the dumps stale again and the next run picks it up. Each file is written to a
temporary file in the same directory and moved into place with os.replace, so a reader
never sees half a file and two overlapping builds only waste work.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction

from kumppani.core.languages import content_languages

from .exporter import write_json, write_tabular

STALE_MARKER = ".stale"


def _json(out: IO[bytes], language: str) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        return write_json(text, language=language)
    finally:
        text.flush()
        text.detach()  # leave `out` open for the caller


def _tabular(out: IO[bytes], language: str) -> int:
    return write_tabular(out, language=language)


# file format -> (file name in the dump directory, writer of the binary file, content type)
FORMATS: dict[str, tuple[str, Callable[[IO[bytes], str], Any], str]] = {
    "json": ("kumppani-hsds-services-{language}.json", _json, "application/json; charset=utf-8"),
    "zip": ("kumppani-hsds-tabular-{language}.zip", _tabular, "application/zip"),
}


def dump_dir() -> Path:
    return Path(settings.HSDS_DUMP_DIR)


def dump_path(file_format: str, language: str) -> Path:
    name, _writer, _content_type = FORMATS[file_format]
    return dump_dir() / name.format(language=language)


def dumps_mark_stale() -> None:
    """Have the dumps rebuilt by the next periodic run, once this transaction commits.

    One mark per transaction, however many writes it holds (an import of thousands of
    activities touches the marker once)."""
    pending = transaction.get_connection().run_on_commit
    if any(callback is _touch_marker for _savepoints, callback, _robust in pending):
        return
    transaction.on_commit(_touch_marker)


def _touch_marker() -> None:
    directory = dump_dir()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / STALE_MARKER).touch()


def dumps_are_stale() -> bool:
    """Whether a change was marked since the last build, or a dump is missing."""
    if (dump_dir() / STALE_MARKER).exists():
        return True
    return any(
        not dump_path(file_format, language).exists()
        for file_format in FORMATS
        for language in content_languages()
    )


def dumps_build() -> int:
    """Write every dump anew; return how many services they hold (per file)."""
    directory = dump_dir()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / STALE_MARKER).unlink(missing_ok=True)
    count = 0
    for file_format in FORMATS:
        for language in content_languages():
            count = dump_write(file_format, language)
    return count


def dump_write(file_format: str, language: str) -> int:
    """Write one dump atomically (a temporary file moved into place); return its services."""
    path = dump_path(file_format, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    _name, writer, _content_type = FORMATS[file_format]
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            count = writer(out, language)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the dump is public
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return int(count)
