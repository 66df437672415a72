"""Private files sent as downloads, and a zip archive written while it is sent: the files
are read one chunk at a time and the archive never sits whole in memory or on disk (zipfile
writes to a stream it cannot seek with data descriptors)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from django.http import FileResponse

CHUNK = 64 * 1024


def file_download(opened: IO[bytes], *, filename: str, content_type: str | None) -> FileResponse:
    """A private file, always a download (never shown in the browser as a page, its type
    not guessed) and never kept in a shared cache."""
    response = FileResponse(
        opened, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class _Pipe:
    """A write-only stream whose written bytes are taken out as they come."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.position = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def zip_stream(files: Iterable[tuple[str, Callable[[], IO[bytes]]]]) -> Iterator[bytes]:
    """The bytes of a zip holding each (name, opener) file, as they are written."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for name, opener in files:
            with opener() as source, archive.open(name, mode="w", force_zip64=True) as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    yield pipe.take()
            yield pipe.take()
    yield pipe.take()
