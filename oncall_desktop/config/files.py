"""Reading and writing the user's files safely: a crash or a full disk never leaves half a
file behind, and a file that is not what it should be (a FIFO, a device, something huge, bytes
that are not text) is refused at once instead of blocking or exhausting the app."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from oncall_desktop.core.userfiles import UnreadableFile, read_user_file

__all__ = ["UnreadableFile", "keep_aside", "read_user_file", "write_atomically"]


def keep_aside(path: Path, now: datetime | None = None) -> Path:
    """Move a file the app cannot use out of the way under a name of its own, so that the
    next bad file never overwrites it: ``settings.json.invalid-20261201-231500``."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.invalid-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.invalid-{stamp}-{number}")
    os.replace(path, aside)
    return aside


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over
    ``path``: a reader (or the next start after a crash) sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
