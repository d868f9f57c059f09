"""Where the cockpit says what the incident's alert source (PagerDuty) holds: acknowledged or
still escalating, resolved there or left open, and any request on its way, refused or never
answered, with a retry. Hidden for an incident declared here (no source to agree with)."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from oncall_desktop.core.alert_requests import (
    AlertAction,
    AlertRequest,
    RequestState,
    outstanding,
    source_confirmed,
)
from oncall_desktop.core.incident import Incident, Status
from oncall_desktop.services.messages import shown
from oncall_desktop.ui.text import fill, local_time
from oncall_desktop.ui.widgets.clocks_panel import LATE
from oncall_desktop.ui.widgets.labels import plain_label, set_style

WARN = "color: #8d6e00"


class AlertSourceBar(QWidget):
    """Signals:
    retry_requested(str, str): ask the source (again): the action, the resolution note. Also
        what "Acknowledge in PagerDuty" (a page triggered again there) and "Resolve in
        PagerDuty" (an incident resolved here only) ask.
    resolve_here_requested(str): resolve locally only, leaving the page open in the source.
    """

    retry_requested = Signal(str, str)
    resolve_here_requested = Signal(str)

    def __init__(self, zone: tzinfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._request: AlertRequest | None = None
        self._asked_of_source = ""  # what source_button asks: "acknowledge", "resolve" or ""
        self.label = plain_label("", self)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.clicked.connect(self._retry)
        self.here_button = QPushButton(self.tr("Resolve here only"), self)
        self.here_button.setToolTip(
            self.tr("Resolves the incident in this console; the page stays open in its source")
        )
        self.here_button.clicked.connect(
            lambda: self.resolve_here_requested.emit(self._request.note if self._request else "")
        )
        self.source_button = QPushButton(self)
        self.source_button.clicked.connect(
            lambda: self.retry_requested.emit(self._asked_of_source, "")
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.here_button)
        layout.addWidget(self.source_button)
        self.setVisible(False)

    def show_for(
        self,
        incident: Incident,
        source: str,
        in_flight: set[str],
        page_status: str = "",
        acknowledged_by: str = "",
    ) -> None:
        """``source``: the source's name as people read it; ``in_flight``: the actions this
        console is waiting on the source for right now; ``page_status``: the page as the
        source's last poll has it ("" when not listed: resolved there, or not polled)."""
        if incident.alert is None:
            self.setVisible(False)
            return
        self.setVisible(True)
        pending = outstanding(incident)
        self._request = pending[-1] if pending else None
        request = self._request
        self._asked_of_source = ""
        if request is None:
            text, style = self._state_line(
                incident, source, page_status, in_flight, acknowledged_by
            )
        else:
            text, style = self._request_line(request, source, request.action.value in in_flight)
        self.label.setText(text)
        set_style(self.label, style)
        refused_or_lost = request is not None and request.action.value not in in_flight
        self.retry_button.setVisible(refused_or_lost)
        self.here_button.setVisible(
            refused_or_lost and request is not None and request.action is AlertAction.RESOLVE
        )
        self.source_button.setVisible(bool(self._asked_of_source))

    def _state_line(
        self,
        incident: Incident,
        source: str,
        page_status: str,
        in_flight: set[str],
        acknowledged_by: str = "",
    ) -> tuple[str, str]:
        if incident.status is Status.TRIGGERED:
            return (
                fill(self.tr("%1: not acknowledged; it keeps escalating until it is."), source),
                WARN,
            )
        if not incident.is_active and not source_confirmed(incident, Status.RESOLVED):
            if AlertAction.RESOLVE.value in in_flight:
                return fill(self.tr("Asking %1 to resolve…"), source), WARN
            self._asked_of_source = AlertAction.RESOLVE.value
            self.source_button.setText(fill(self.tr("Resolve in %1"), source))
            return fill(self.tr("Resolved here only: still open in %1."), source), WARN
        if not incident.is_active:
            return fill(self.tr("%1: resolved."), source), ""
        if page_status == "triggered":  # acknowledged once; the source took it back
            if AlertAction.ACKNOWLEDGE.value in in_flight:
                return fill(self.tr("Asking %1 to acknowledge…"), source), WARN
            self._asked_of_source = AlertAction.ACKNOWLEDGE.value
            self.source_button.setText(fill(self.tr("Acknowledge in %1"), source))
            return (
                fill(self.tr("%1: triggered again; it escalates until acknowledged."), source),
                LATE,
            )
        if acknowledged_by:  # another engineer did, there: not said as mine
            return fill(self.tr("%1: acknowledged by %2."), source, acknowledged_by), ""
        return fill(self.tr("%1: acknowledged."), source), ""

    def _request_line(self, request: AlertRequest, source: str, waiting: bool) -> tuple[str, str]:
        acknowledge = request.action is AlertAction.ACKNOWLEDGE
        if waiting:
            text = (
                self.tr("Asking %1 to acknowledge…")
                if acknowledge
                else self.tr("Asking %1 to resolve…")
            )
            return fill(text, source), WARN
        if request.state is RequestState.REFUSED:
            text = (
                self.tr("%1 has not acknowledged it: %2 It keeps escalating there.")
                if acknowledge
                else self.tr("%1 has not resolved it: %2 It is still open there.")
            )
            why = shown(request.reason_message) if request.reason_message else request.reason
            return fill(text, source, why), LATE
        asked = local_time(request.asked_at, self._zone, with_date=False)
        text = (
            self.tr("Acknowledge asked of %1 at %2 never got an answer: it may not be done there.")
            if acknowledge
            else self.tr("Resolve asked of %1 at %2 never got an answer: it may not be done there.")
        )
        return fill(text, source, asked), LATE

    def says(self, problem: str) -> bool:
        """Whether ``problem`` is already said here (a refusal of the source)."""
        return bool(problem) and self.isVisible() and problem in self.label.text()

    def _retry(self) -> None:
        if self._request is not None:
            self.retry_requested.emit(self._request.action.value, self._request.note)
