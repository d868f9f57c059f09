"""What the contract-checked fakes share: a threaded HTTP server on 127.0.0.1, a queue of
faults to inject, and the contract violations collected for the fixture to report."""

from __future__ import annotations

import re
import threading
from collections import deque
from typing import Any

from pytest_httpserver import HTTPServer


class FakeServer:
    URL_PATH = ""  # the API's base path on the fake

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.violations: list[str] = []
        self.faults: deque[Any] = deque()
        self._port = 0
        self._new_server()

    def _new_server(self) -> None:
        self.server = HTTPServer(host="127.0.0.1", port=self._port, threaded=True)
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._handle)

    def _handle(self, request: Any) -> Any:
        raise NotImplementedError

    def restart(self, down_for: float = 0.0) -> None:
        """Stop listening (connections are refused), then serve again on the same port."""
        import time

        self._port = self.server.port
        self.server.stop()
        time.sleep(down_for)
        self._new_server()
        self.server.start()

    def start(self) -> FakeServer:
        self.server.start()
        return self

    def stop(self) -> None:
        self.faults.clear()
        if self.server.is_running():
            self.server.stop()

    @property
    def url(self) -> str:
        return self.server.url_for(self.URL_PATH or "").rstrip("/")

    def fail_next(self, *faults: Any) -> None:
        self.faults.extend(faults)

    def take_violations(self) -> list[str]:
        with self.lock:
            taken, self.violations = self.violations, []
        return taken

    def violation(self, text: str) -> None:
        with self.lock:
            self.violations.append(text)

    def take_fault(self, matches: Any) -> Any:
        """The first queued fault for which ``matches(fault)`` is true, removed."""
        with self.lock:
            for fault in list(self.faults):
                if matches(fault):
                    self.faults.remove(fault)
                    return fault
        return None
