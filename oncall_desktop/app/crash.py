"""Unexpected errors: a report (secrets scrubbed) in the log, on disk and in a dialog.

Python exceptions reach :meth:`CrashHandler.handle` through ``sys.excepthook`` (this includes
exceptions raised in Qt slots) and ``threading.excepthook``. Hard crashes (segfaults) are
written by faulthandler to ``fatal.log``, shown at the next start.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from oncall_desktop import __version__
from oncall_desktop.core.redact import redact

log = logging.getLogger(__name__)

EXIT_CRASHED = 70


def build_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    import platform

    from PySide6 import __version__ as pyside_version

    lines = [
        f"oncall-desktop {__version__}",
        f"Python {platform.python_version()} · PySide6 {pyside_version} · {platform.platform()}",
        f"Time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return redact("\n".join(line.rstrip("\n") for line in lines))


class CrashHandler:
    def __init__(self, crash_dir: Path, log_file: Path, show_dialog: bool) -> None:
        self.crash_dir = crash_dir
        self.log_file = log_file
        self.show_dialog = show_dialog
        self._showing = False
        self._fatal_file: IO[str] | None = None
        # once Qt is up (attach_to_qt): a report handed to the GUI thread, and what carries it
        self._to_gui: Callable[[str], None] | None = None
        self._bridge: object = None

    @property
    def fatal_log(self) -> Path:
        return self.crash_dir / "fatal.log"

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        try:
            self.crash_dir.mkdir(parents=True, exist_ok=True)
            self._fatal_file = open(self.fatal_log, "a", encoding="utf-8")  # noqa: SIM115
            faulthandler.enable(self._fatal_file)
        except OSError:
            faulthandler.enable()  # stderr at least

    def attach_to_qt(self) -> None:
        """Call once the QApplication exists: worker-thread reports then reach the GUI."""
        from PySide6.QtCore import QObject, Signal

        class MainThreadBridge(QObject):
            report_ready = Signal(str)

        bridge = MainThreadBridge()
        bridge.report_ready.connect(self._present)
        self._bridge, self._to_gui = bridge, bridge.report_ready.emit

    def previous_fatal_crash(self) -> str | None:
        """The faulthandler output of a hard crash in the last run, moved aside once read."""
        try:
            text = self.fatal_log.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        if not text:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        was_installed = self._fatal_file is not None
        if self._fatal_file is not None:
            faulthandler.disable()
            self._fatal_file.close()
            self._fatal_file = None
        self.fatal_log.rename(self.crash_dir / f"fatal-{stamp}.log")
        if was_installed:
            self.install()  # a fresh fatal.log for this run
        return text

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            from PySide6.QtCore import QCoreApplication

            QCoreApplication.exit(130)
            return
        self.handle(build_report(exc_type, exc, tb))

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        report = build_report(args.exc_type, args.exc_value, args.exc_traceback)
        if self._to_gui is None:
            self.handle(report)
            return
        # On disk and in the log first, from this thread: the dialog may never be seen (the
        # app may be killed, or the GUI thread stuck), the report must survive anyway.
        log.critical("unexpected error in thread %s\n%s", getattr(args.thread, "name", "?"), report)
        self._write(report)
        self._to_gui(report)  # the dialog, queued to the GUI thread

    def handle(self, report: str) -> None:
        log.critical("unexpected error\n%s", report)
        self._write(report)
        self._present(report)

    def _write(self, report: str) -> None:
        try:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            (self.crash_dir / f"crash-{stamp}.txt").write_text(report, encoding="utf-8")
        except OSError:
            pass

    def _present(self, report: str) -> None:
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if not self.show_dialog or app is None:
            # the report already went to stderr through the log's console handler
            if app is not None:
                app.exit(EXIT_CRASHED)
            return
        if self._showing:
            return  # one dialog at a time; the rest is in the log
        self._showing = True
        try:
            from oncall_desktop.ui.windows.crash_dialog import CrashDialog

            if not CrashDialog.ask(report, str(self.log_file)):
                app.exit(EXIT_CRASHED)
        finally:
            self._showing = False
