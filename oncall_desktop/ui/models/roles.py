"""Custom item-data roles shared by the views."""

from PySide6.QtCore import Qt

IncidentRole = Qt.ItemDataRole.UserRole + 1
StepIdRole = Qt.ItemDataRole.UserRole + 2
PhaseIdRole = Qt.ItemDataRole.UserRole + 3
EventRole = Qt.ItemDataRole.UserRole + 4
