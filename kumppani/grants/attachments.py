"""What kind of file an upload really is, read from its first bytes (the name and the
type the browser claims are not believed)."""

from __future__ import annotations

import zipfile
from typing import IO

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
