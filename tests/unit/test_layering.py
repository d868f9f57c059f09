"""Layering rules that import-linter (run in CI) cannot express, checked on the source."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "oncall_desktop"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_services_use_qtcore_only():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m
            for m in imported_modules(path)
            if m.startswith("PySide6.") and m not in ("PySide6.QtCore",)
        )
        for path in (PACKAGE / "services").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_is_pure_python():
    banned = ("PySide6", "sqlalchemy", "alembic", "requests", "keyring", "oncall_desktop.")
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m
            for m in imported_modules(path)
            if m.startswith(banned) and not m.startswith("oncall_desktop.core")
        )
        for path in (PACKAGE / "core").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
