"""Private files: kept under ``PRIVATE_MEDIA_ROOT`` (outside the static and media
directories), never given a public URL; a view that checks access reads them."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage whose directory is read from the settings when used (so tests
    can move it) and that refuses to make a URL."""

    @property
    def base_location(self) -> Any:
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view.")


def private_storage() -> PrivateStorage:
    """The storage of private files (a callable, so migrations do not freeze a path)."""
    return PrivateStorage()
