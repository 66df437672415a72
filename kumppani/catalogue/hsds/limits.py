"""What an import file may be: its size, depth and paths, and how a zipped package is
unpacked. The limits come from settings (``HSDS_IMPORT_*``), read when an import starts."""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import HsdsFileError, Problem, quoted

# Entries smaller than this are not held to the compression ratio: a short CSV of repeated
# values compresses well without being a bomb.
RATIO_FLOOR = 2**20
CHUNK = 2**16


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    package_bytes: int
    zip_entries: int
    zip_ratio: int
    records: int
    depth: int
    text_length: int


def limits() -> Limits:
    return Limits(
        file_bytes=settings.HSDS_IMPORT_MAX_FILE_BYTES,
        package_bytes=settings.HSDS_IMPORT_MAX_PACKAGE_BYTES,
        zip_entries=settings.HSDS_IMPORT_MAX_ZIP_ENTRIES,
        zip_ratio=settings.HSDS_IMPORT_MAX_ZIP_RATIO,
        records=settings.HSDS_IMPORT_MAX_RECORDS,
        depth=settings.HSDS_IMPORT_MAX_DEPTH,
        text_length=settings.HSDS_IMPORT_MAX_TEXT_LENGTH,
    )


def refuse(file: str, message: str, record: str = "", field: str = "") -> HsdsFileError:
    return HsdsFileError([Problem(file, record, field, message)])


def check_size(path: Path, limit: int, *, label: str | None = None) -> None:
    """Refuse a file larger than `limit` bytes before reading it."""
    size = path.stat().st_size
    if size > limit:
        raise refuse(
            label or str(path),
            _("the file is %(size)s bytes; at most %(limit)s are accepted.")
            % {"size": size, "limit": limit},
        )


def bad_relative_path(name: str) -> bool:
    """Whether a path from a file is absolute, climbs out (`..`) or is otherwise unsafe."""
    if not name or "\\" in name or "\x00" in name or ":" in name:
        return True
    path = PurePosixPath(name)
    return path.is_absolute() or ".." in path.parts


def inside(directory: Path, name: Any, *, file: str, record: str, field: str) -> Path:
    """Return `directory/name` when it is a relative path that stays in the directory (also
    after following links); refuse anything else without opening it."""
    if not isinstance(name, str) or bad_relative_path(name):
        raise refuse(
            file,
            _("%(path)s is not a path inside the package.") % {"path": quoted(name)},
            record,
            field,
        )
    base = directory.resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base):
        raise refuse(
            file, _("%(path)s leads outside the package.") % {"path": quoted(name)}, record, field
        )
    return target


def depth_of(value: Any, limit: int) -> int:
    """How deeply lists and objects nest in `value`, counted up to `limit + 1` at most."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if depth > limit:
            return depth
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


def unpack_zip(archive: Path, into: Path, limit: Limits) -> None:
    """Unpack a zipped package into an empty directory, refusing absolute paths, `..`,
    links, too many entries, entries or a total too large and entries compressed
    suspiciously well (a zip bomb). Sizes are counted as the data is read, not believed
    from the archive's headers."""
    label = str(archive)
    check_size(archive, limit.file_bytes)
    try:
        package = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError):
        raise refuse(label, _("the file is not a readable zip archive.")) from None
    with package:
        entries = package.infolist()
        if len(entries) > limit.zip_entries:
            raise refuse(
                label,
                _("the archive has %(count)s entries; at most %(limit)s are accepted.")
                % {"count": len(entries), "limit": limit.zip_entries},
            )
        total = 0
        for entry in entries:
            name = entry.filename
            if bad_relative_path(name.rstrip("/")):
                raise refuse(
                    label,
                    _("the entry %(name)s is not a path inside the package.")
                    % {"name": quoted(name)},
                )
            if stat.S_ISLNK(entry.external_attr >> 16):
                raise refuse(label, _("the entry %(name)s is a link.") % {"name": quoted(name)})
            if entry.is_dir():
                continue
            if entry.file_size > limit.file_bytes:
                raise refuse(label, _("the entry %(name)s is too large.") % {"name": quoted(name)})
            if entry.file_size > RATIO_FLOOR and entry.file_size > limit.zip_ratio * max(
                entry.compress_size, 1
            ):
                raise refuse(
                    label,
                    _("the entry %(name)s is compressed suspiciously well.")
                    % {"name": quoted(name)},
                )
            total += _extract(package, entry, into / name, limit, label)
            if total > limit.package_bytes:
                raise refuse(label, _("the unpacked package is too large."))


def _extract(
    package: zipfile.ZipFile, entry: zipfile.ZipInfo, target: Path, limit: Limits, label: str
) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        with package.open(entry) as source, target.open("wb") as sink:
            while chunk := source.read(CHUNK):
                written += len(chunk)
                if written > min(entry.file_size, limit.file_bytes):
                    raise refuse(
                        label,
                        _("the entry %(name)s is too large.") % {"name": quoted(entry.filename)},
                    )
                sink.write(chunk)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError):
        raise refuse(
            label, _("the entry %(name)s cannot be read.") % {"name": quoted(entry.filename)}
        ) from None
    return written


def package_root(directory: Path) -> Path:
    """The folder of an unpacked zip that holds the package: its top, or its one folder."""
    if (directory / "datapackage.json").exists() or (directory / "services.csv").exists():
        return directory
    children = list(directory.iterdir())
    if len(children) == 1 and children[0].is_dir():
        return children[0]
    return directory
