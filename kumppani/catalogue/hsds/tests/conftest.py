from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def dump_dir(settings: Any, tmp_path: Path) -> Path:
    """Each test's own directory for the public HSDS dumps."""
    settings.HSDS_DUMP_DIR = tmp_path / "dumps"
    return settings.HSDS_DUMP_DIR


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The import's messages are asserted in English, the language its command speaks."""
    with translation.override("en"):
        yield
