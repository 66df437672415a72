from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def dump_dir(settings: Any, tmp_path: Path) -> Path:
    """Each test's own directory for the public HSDS dumps."""
    settings.HSDS_DUMP_DIR = tmp_path / "dumps"
    return settings.HSDS_DUMP_DIR
