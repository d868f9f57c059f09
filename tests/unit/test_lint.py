"""The layering contracts (import-linter) and ruff run with the tests, so the one test command
of the README checks them too."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def tool(name):
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def test_import_contracts_hold():
    out = subprocess.run(
        [tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_is_clean():
    out = subprocess.run(
        [tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stdout + out.stderr


# Over the house limit for now, each trimmed by whoever works on it (remove it here then).
OVER_THE_LIMIT_FOR_NOW: set[str] = set()


def test_no_module_is_over_500_lines():
    """The house rule (STYLE): a module over 500 lines is split along a seam that reads well
    (integrations/smtp_mail.py was 501: its session with the server is smtp_session.py)."""
    lines = {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in (ROOT / "oncall_desktop").rglob("*.py")
    }
    over = {path: n for path, n in lines.items() if n > 500}
    assert set(over) <= OVER_THE_LIMIT_FOR_NOW, over
    trimmed = {p for p in OVER_THE_LIMIT_FOR_NOW if p in lines and lines[p] <= 500}
    assert not trimmed, f"within the limit now: take them off OVER_THE_LIMIT_FOR_NOW {trimmed}"
