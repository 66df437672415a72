"""Format the benchmark table and write it into docs/benchmarks.md between the markers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
GRANTS_MARKERS = ("<!-- bench:grants:start -->", "<!-- bench:grants:end -->")
SEARCH_HEADING = "Search performance (`make bench`)"
DOC_HEADER = "# Benchmarks\n\n"


@dataclass
class Target:
    label: str
    value: float
    limit: float
    unit: str
    higher_is_better: bool = False

    @property
    def measured(self) -> bool:
        return not math.isnan(self.value)

    @property
    def passed(self) -> bool:
        if not self.measured:
            return False
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def line(self) -> str:
        op = "≥" if self.higher_is_better else "≤"
        verdict = "PASS" if self.passed else ("FAIL" if self.measured else "NOT MEASURED")
        return (
            f"| {self.label} | {fmt(self.value)} {self.unit} | {op} {fmt(self.limit)} "
            f"{self.unit} | **{verdict}** |"
        )


def fmt(x: float) -> str:
    if math.isnan(x):
        return "–"
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def ratio(a: float, b: float) -> str:
    if math.isnan(a) or math.isnan(b) or b == 0:
        return "–"
    return f"{a / b:.2f}×"


def write_doc(
    path: Path,
    body: str,
    *,
    markers: tuple[str, str] = (START, END),
    heading: str = SEARCH_HEADING,
) -> None:
    """Replace the text between the markers (creating the file, or the section under
    ``heading`` at the end, if missing)."""
    start, end = markers
    block = f"{start}\n{body.rstrip()}\n{end}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{DOC_HEADER}## {heading}\n\n{block}\n")
        return
    text = path.read_text(encoding="utf-8")
    if start in text and end in text:
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
        text = pattern.sub(lambda _m: block, text, count=1)
    else:
        text = text.rstrip() + f"\n\n## {heading}\n\n{block}\n"
    path.write_text(text, encoding="utf-8")
