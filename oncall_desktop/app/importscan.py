"""WORKAROUND: keep PySide6 from reading the source of every module imported after it.

PySide6 replaces ``__import__`` and, for each newly imported module not yet in its
``pyside_feature_dict``, reads the module's whole source with ``inspect.getsource`` to look for
the string "PySide6", so as to know whether ``from __feature__ import ...`` could apply to it.
The text stays in ``linecache``, with the time to read it: registering the big libraries
beforehand still left the standard-library modules they pull in (sqlite3, asyncio, email...);
answering for every module took the idle RSS from 118 to 113.5 MiB (bench_startup).
This app uses no PySide feature (a test checks that no module of ours
imports ``__feature__``), so every module is one PySide may ignore (its select id -1): the scan
is replaced by that answer, once, right after PySide6 is imported. If PySide changes this
internal, nothing breaks: we just skip.
"""

from __future__ import annotations

import logging
import sys
from types import ModuleType

log = logging.getLogger(__name__)


def _uses_no_feature(_module: ModuleType) -> bool:
    return False


def skip_pyside_source_scan() -> bool:
    """Stop PySide's per-import source scan; True when it was there to stop."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        log.debug("PySide's import scan not found; nothing to skip")
        return False
    feature._mod_uses_pyside = _uses_no_feature  # type: ignore[attr-defined]  # PySide's internal
    return True
