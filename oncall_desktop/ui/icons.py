"""Icons drawn in code: the tray states must read at 16 px on any theme, light or dark."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


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


def state_icon(state: TrayState) -> QIcon:
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64, 128):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = max(1.0, size / 16)
        rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
        painter.setPen(QPen(QColor("#ffffff"), margin))
        painter.setBrush(QColor(_COLORS[state]))
        painter.drawEllipse(rect)
        mark = _MARKS[state]
        if mark:
            font = painter.font()
            font.setBold(True)
            font.setPixelSize(int(size * 0.62))
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, mark)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def app_icon() -> QIcon:
    return state_icon(TrayState.IDLE)
