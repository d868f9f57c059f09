import re
import subprocess
import sys
from pathlib import Path

import oncall_desktop
from oncall_desktop.app.importscan import skip_pyside_source_scan

PROBE = """
import linecache, sys
import PySide6.QtCore
from oncall_desktop.app.importscan import skip_pyside_source_scan
if sys.argv[1] == "skip":
    skip_pyside_source_scan()
before = set(linecache.cache)
import json, sqlite3, xml.dom.minidom  # what a library would import later, on a worker
print(len(set(linecache.cache) - before))
"""


def test_modules_imported_after_pyside_are_not_read_into_memory():
    def cached_sources(mode: str) -> int:
        out = subprocess.run(
            [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True
        )
        return int(out.stdout)

    assert cached_sources("scan") > 5  # PySide reads each module's source...
    assert cached_sources("skip") == 0  # ...unless told that none uses its features


def test_no_module_of_ours_uses_pyside_features():
    """What makes skipping the scan right: ``from __feature__ import`` would need it."""
    package = Path(oncall_desktop.__file__).parent
    feature_import = re.compile(r"^\s*(from __feature__ import|import __feature__)", re.MULTILINE)
    users = [p for p in package.rglob("*.py") if feature_import.search(p.read_text("utf-8"))]
    assert users == []


def test_without_the_pyside_internal_nothing_happens(monkeypatch):
    monkeypatch.delitem(sys.modules, "PySide6.support.feature")
    assert skip_pyside_source_scan() is False
