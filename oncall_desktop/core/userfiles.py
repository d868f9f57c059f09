"""Reading a small text file the user controls (settings, the procedure override) without
letting it block or exhaust the app: a FIFO or a device is refused before it is opened, size is
bounded, and bytes that are not UTF-8 text are refused (a UTF-8 byte-order mark is accepted)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_USER_FILE_BYTES = 1024 * 1024  # settings and procedure files are a few KiB


class UnreadableFile(Exception):
    """The file exists but is not a readable text file; ``str()`` says why, in English."""


def read_user_file(path: Path, limit: int = MAX_USER_FILE_BYTES) -> str | None:
    """The text of a small regular file (a UTF-8 byte-order mark is accepted), or None when
    it does not exist. Never blocks: a FIFO or a device is refused before it is opened.

    Raises:
        UnreadableFile: not a regular file, too large, unreadable, or not UTF-8.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile("not a regular file")
    if info.st_size > limit:
        raise UnreadableFile(f"larger than {limit // 1024} KiB")
    try:
        # O_NONBLOCK: should it have been swapped for a FIFO since the stat, open still returns
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise UnreadableFile("not a regular file")
            raw = handle.read(limit + 1)
    except OSError as error:
        raise UnreadableFile(error.strerror or str(error)) from None
    if len(raw) > limit:
        raise UnreadableFile(f"larger than {limit // 1024} KiB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"not UTF-8 text (byte {error.start})") from None
