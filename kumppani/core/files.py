"""Checks of uploaded files shared by the apps: what kind of file an upload really is, read
from its first bytes (the name and the type the browser claims are not believed), whether it
is small enough, and the safe name it is offered under."""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx", ODT: "odt"}


def sniff(file: IO[bytes]) -> str | None:
    """The file's type among those accepted (PDF, Word, Excel, OpenDocument text, PNG,
    JPEG), or None. The file is read from its start and left at its start."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _office(file)
        return None
    finally:
        file.seek(0)


def _office(file: IO[bytes]) -> str | None:
    """Which office document a zip file is: by its parts' names (nothing is unpacked but
    an OpenDocument's short ``mimetype`` entry)."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
            if "xl/workbook.xml" in names and "[Content_Types].xml" in names:
                return XLSX
            if (
                "mimetype" in names
                and archive.getinfo("mimetype").file_size < 100
                and archive.read("mimetype").strip() == ODT.encode()
            ):
                return ODT
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


DOCUMENTS = (PDF, DOCX, ODT)


def safe_name(name: str, content_type: str, fallback: str = "liite") -> str:
    """The name the file is offered under: the uploader's without folders or control
    characters, with the extension of its real type."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable() and c not in '"<>:|?*').strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{(stem or fallback)[:200]}.{EXTENSIONS[content_type]}"


def save_upload(row: Any, upload: UploadedFile, content_type: str, *, uploaded_by: Any) -> None:
    """Save ``row``, a model of an uploaded file (``file``, ``original_name``,
    ``content_type``, ``size``, ``uploaded_by``, ``public_id``), with the checked upload
    kept in its file field under the row's public id."""
    row.original_name = safe_name(upload.name or "", content_type)
    row.content_type = content_type
    row.size = upload.size or 0
    row.uploaded_by = uploaded_by
    row.file.save(row.public_id.hex, upload, save=False)
    row.save()


def delete_on_commit(storage: Storage, name: str) -> None:
    """Delete the stored file ``name`` (none when empty) once the transaction commits, so
    that a change rolled back keeps its file."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def check_upload(
    upload: UploadedFile,
    *,
    limit: int,
    accepted: Collection[str],
    refusal: str,
    field: str = "file",
) -> str:
    """The upload's real type when it is not larger than ``limit`` bytes, not empty and of
    an ``accepted`` type; otherwise a ValidationError on ``field`` (``refusal`` names the
    accepted types to the user)."""
    size = upload.size or 0
    if size > limit:
        message = _("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(limit)}
        raise ValidationError({field: ValidationError(message, code="too_large")})
    content_type = sniff(upload)
    if content_type is None or content_type not in accepted:
        raise ValidationError({field: ValidationError(refusal, code="file_type")})
    if size == 0:
        raise ValidationError({field: ValidationError(_("The file is empty."), code="empty")})
    return content_type
