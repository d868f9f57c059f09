"""Icons drawn in code: the tray states must read at 16 px on any theme, light or dark."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPen, QPixmap


class TrayState(StrEnum):
    IDLE = "idle"
    INCIDENT_OPEN = "incident_open"
    UPDATE_OVERDUE = "update_overdue"
    OFFLINE = "offline"


_COLORS = {
    TrayState.IDLE: "#2e7d32",
    TrayState.INCIDENT_OPEN: "#f57c00",
    TrayState.UPDATE_OVERDUE: "#c62828",
    TrayState.OFFLINE: "#757575",
}
_MARKS = {
    TrayState.IDLE: "",
    TrayState.INCIDENT_OPEN: "!",
    TrayState.UPDATE_OVERDUE: "⏰",
    TrayState.OFFLINE: "×",
}


class _StateIconEngine(QIconEngine):
    """Paints the state icon at whatever size is asked for, when it is asked for."""

    def __init__(self, state: TrayState) -> None:
        super().__init__()
        self._state = state

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        size = min(rect.width(), rect.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = max(1.0, size / 16)
        circle = QRectF(rect.x() + margin, rect.y() + margin, size - 2 * margin, size - 2 * margin)
        painter.setPen(QPen(QColor("#ffffff"), margin))
        painter.setBrush(QColor(_COLORS[self._state]))
        painter.drawEllipse(circle)
        mark = _MARKS[self._state]
        if mark:
            font = painter.font()
            font.setBold(True)
            font.setPixelSize(max(6, int(size * 0.62)))
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, mark)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _StateIconEngine(self._state)


def state_icon(state: TrayState) -> QIcon:
    return QIcon(_StateIconEngine(state))


def app_icon() -> QIcon:
    return state_icon(TrayState.IDLE)
