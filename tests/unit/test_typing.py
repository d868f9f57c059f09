"""The type checker runs with the tests, as ruff and the import contracts do (test_lint.py): mypy
as pyproject.toml's [tool.mypy] sets it (strict on core, storage and integrations, the bodies of
every function checked elsewhere) must find nothing."""

import subprocess

from tests.unit.test_lint import ROOT, tool


def test_mypy_is_clean():
    out = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
