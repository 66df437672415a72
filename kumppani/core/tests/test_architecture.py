"""The shape of the code that import-linter cannot see.

import-linter (`make lint`) keeps the layers between apps. These tests keep what it cannot:
no import hidden inside a function (the usual way to dodge a cycle), no view or API module
writing audit events itself (services do), and no module grown past what a reader can hold.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import kumppani

ROOT = Path(kumppani.__file__).parent
MAX_LINES = 600
# Generated schema history and demo content are data, not code to read.
SIZE_EXEMPT = ("migrations", "demo_data.py", "demo/people.py")


def _modules() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _is_test(path: Path) -> bool:
    return "tests" in path.parts or path.name == "conftest.py"


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


class _FunctionImports(ast.NodeVisitor):
    """Imports inside functions, except in an AppConfig's `ready`, where Django wants the
    signal receivers connected."""

    def __init__(self) -> None:
        self.functions: list[str] = []
        self.found: list[tuple[int, str]] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        if self.functions and self.functions[-1] != "ready":
            self.found.append((node.lineno, ast.unparse(node)))

    visit_ImportFrom = visit_Import


def test_no_module_imports_inside_a_function() -> None:
    found = []
    for path in _modules():
        if _is_test(path):
            continue  # nothing imports a test module, so it can close no cycle
        visitor = _FunctionImports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found += [f"{_relative(path)}:{line} {text}" for line, text in visitor.found]
    assert found == [], "move these imports to the top (or what both need, one layer down)"


def _is_view_module(path: Path) -> bool:
    return path.stem in {"views", "api"} or path.stem.endswith("_views") or "views" in path.parts


def _imports_audit(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (
            (node.module or "").endswith("core.audit")
            or ((node.module or "").endswith("core") and any(a.name == "audit" for a in node.names))
        ):
            return True
        if isinstance(node, ast.Import) and any(a.name.endswith("core.audit") for a in node.names):
            return True
    return False


def test_views_and_apis_leave_auditing_to_the_services() -> None:
    auditing = [
        _relative(path)
        for path in _modules()
        if not _is_test(path)
        and _is_view_module(path)
        and _imports_audit(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert auditing == []


def test_the_checks_see_what_they_look_for() -> None:
    """The visitors find what they are meant to find, so an empty result means something."""
    visitor = _FunctionImports()
    source = "def f():\n    import os\n\nclass A:\n    def ready(self):\n        from . import r\n"
    visitor.visit(ast.parse(source))
    assert visitor.found == [(2, "import os")]
    assert _imports_audit(ast.parse("from kumppani.core.audit import audit_record"))
    assert _imports_audit(ast.parse("from kumppani.core import audit"))
    assert not _imports_audit(ast.parse("from kumppani.core.audit_log import x"))
    assert _is_view_module(ROOT / "catalogue" / "views.py")
    assert _is_view_module(ROOT / "grants" / "views" / "applicant.py")


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    too_long = {}
    for path in _modules():
        if any(part in _relative(path) for part in SIZE_EXEMPT):
            continue  # data, not code
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long[_relative(path)] = lines
    assert too_long == {}, "split these along their seams"
