"""Reading the PDFs the tests make: text, language, title, tagging, embedded fonts."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader


def read_pdf(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    """The text of every page, with runs of white space as one space."""
    text = " ".join(page.extract_text() or "" for page in read_pdf(content).pages)
    return " ".join(text.split())


def is_tagged(reader: PdfReader) -> bool:
    """Whether the PDF is a tagged PDF: marked, with a structure tree."""
    root: Any = reader.trailer["/Root"]
    mark_info = root.get("/MarkInfo")
    return bool(mark_info and mark_info.get_object().get("/Marked")) and "/StructTreeRoot" in root


def document_language(reader: PdfReader) -> str:
    return str(reader.trailer["/Root"].get("/Lang", ""))


def fonts_not_embedded(reader: PdfReader) -> list[str]:
    """The names of the fonts that the PDF uses but does not carry."""
    missing = []
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for font in fonts.get_object().values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            for part in [d.get_object() for d in descendants] if descendants else [font]:
                descriptor = part.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.append(str(part.get("/BaseFont")))
    return missing
