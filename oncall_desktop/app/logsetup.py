"""Logging: a rotating file in the data folder, warnings on stderr, secrets scrubbed from both."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.core.redact import redact


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(log_file: Path, verbose: bool = False) -> UserMessage | None:
    """Configure the root logger; returns a problem for the user, or None."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    fmt = RedactingFormatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(fmt)
    root.addHandler(console)
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as error:
        return QT_TR_NOOP(
            "The log file {file} cannot be written ({reason}); logging to stderr."
        ).format(file=log_file, reason=error.strerror)
    handler.setFormatter(fmt)
    root.addHandler(handler)
    return None
