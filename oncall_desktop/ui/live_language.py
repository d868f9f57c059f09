"""A window's texts said again, at once, when the UI's language changes in Settings.

Installing a translator makes Qt post a LanguageChange event to every window
(ui/translations.install_translators). A window that follows the language registers each of
its texts here once, as the setter and a function that says it (``self.tr(...)`` evaluated
again), or a function of the language for what depends on it (the SOP's own words, dates).
The several events one change posts are answered once; what the user typed is never touched:
only labels, titles and headers are set again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget

from oncall_desktop.core.policy import Text
from oncall_desktop.ui.translations import installed_language

T = TypeVar("T")


class LiveLanguage(QObject):
    """Follows the UI's language for ``window``; ``language`` is the one it speaks now."""

    def __init__(self, window: QWidget, language: str | None = None) -> None:
        super().__init__(window)
        self.language = language or installed_language() or "en"
        self._texts: list[Callable[[], object]] = []
        self._calls: list[Callable[[str], object]] = []
        # one answer for the several events a change posts (a translator out, others in)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.apply)
        window.installEventFilter(self)

    def text(self, setter: Callable[[T], object], say: Callable[[], T]) -> None:
        """``setter(say())`` now and at each language change (a text, or a table's headers)."""
        setter(say())
        self._texts.append(lambda: setter(say()))

    def said(self, text: Text) -> Callable[[], str]:
        """The SOP's own words (``text``) in the language the UI speaks."""
        return lambda: text.get(self.language)

    def row(self, form: QFormLayout, say: Callable[[], str], field: QWidget | QLayout) -> QLabel:
        """A form's row whose label follows the language."""
        label = QLabel()
        self.text(label.setText, say)
        if isinstance(field, QWidget):
            label.setBuddy(field)
        form.addRow(label, field)
        return label

    def call(self, then: Callable[[str], object]) -> None:
        """``then(language)`` at each language change (after the texts)."""
        self._calls.append(then)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._pending.start()
        return False

    def apply(self) -> None:
        """Every registered text in the language the UI speaks now."""
        self.language = installed_language() or self.language
        for again in self._texts:
            again()
        for then in self._calls:
            then(self.language)
