"""The README screenshot: the Finnish front page at 1280 × 800.

Refresh docs/screenshot.png with

    KUMPPANI_WRITE_SCREENSHOT=1 KUMPPANI_TESTING=1 \
        .venv/bin/pytest kumppani/core/tests/browser -k screenshot
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "screenshot.png"
MAX_BYTES = 300_000


def write_front_page_screenshot(page: Page, path: Path) -> None:
    """Save the Finnish front page, as a first-time visitor sees it, as a 1280 × 800 PNG."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/fi/")
    page.screenshot(path=str(path), type="png", full_page=False)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_front_page_screenshot_is_a_small_1280_by_800_png(page: Page, tmp_path: Path) -> None:
    target = (
        SCREENSHOT if os.environ.get("KUMPPANI_WRITE_SCREENSHOT") == "1" else tmp_path / "s.png"
    )

    write_front_page_screenshot(page, target)

    assert png_size(target) == (1280, 800)
    assert target.stat().st_size < MAX_BYTES
