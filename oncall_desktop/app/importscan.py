"""WORKAROUND: keep PySide6 from reading the source of every library imported after it.

PySide6 replaces ``__import__`` and, for each newly imported module not yet in its
``pyside_feature_dict``, reads the module's whole source with ``inspect.getsource`` to look for
``from __feature__ import ...``. For SQLAlchemy, keyring and the HTTP stack, all imported after
Qt because the window must come first, that left ~8 MB of source text in ``linecache`` and
~15 MB more resident memory. None of these libraries can use PySide features, so their modules
are registered beforehand with the select id -1, which PySide's own feature module documents
as "ignore this module". Our own package is registered the same way as soon as PySide6 is
imported (it uses no PySide feature either), so that the modules the window needs load without
the scan. If PySide changes this internal, nothing breaks: we just skip.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys

log = logging.getLogger(__name__)

# Libraries the app imports after PySide6 (lazily, on workers).
LATE_LIBRARIES = (
    "sqlalchemy",
    "alembic",
    "mako",
    "psycopg",
    "keyring",
    "secretstorage",
    "jeepney",
    "cryptography",
    "jaraco",
    "requests",
    "urllib3",
    "idna",
    "charset_normalizer",
    "certifi",
)


def skip_pyside_source_scan(packages: tuple[str, ...] = LATE_LIBRARIES) -> int:
    """Mark every module of ``packages`` as not using PySide features; returns how many."""
    feature = sys.modules.get("PySide6.support.feature")
    registry = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(registry, dict):
        return 0
    marked = 0
    for package in packages:
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.submodule_search_locations:
            continue
        for location in spec.submodule_search_locations:
            parent = os.path.dirname(location)
            for folder, dirs, files in os.walk(location):
                dirs[:] = [d for d in dirs if d != "__pycache__"]
                dotted = os.path.relpath(folder, parent).replace(os.sep, ".")
                for name in files:
                    if name.endswith(".py"):
                        module = dotted if name == "__init__.py" else f"{dotted}.{name[:-3]}"
                        registry.setdefault(module, -1)
                        marked += 1
    log.debug("PySide source scan skipped for %d library modules", marked)
    return marked
