"""The UI's language: our translations (Qt Linguist, compiled into ui/i18n/*.qm by
packaging/build_translations.py) and Qt's own (the standard buttons of its dialogs)."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []
_language: list[str] = []  # the language last installed, once there is one


def installed_language() -> str | None:
    """The language the UI speaks since the last install_translators, None before any."""
    return _language[-1] if _language else None


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Switch the UI to ``language`` ("fr" or "en"); False when our translation is missing.
    Qt tells every window so (a LanguageChange event; ui/live_language.py follows it)."""
    _language[:] = [language]
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(language), "qtbase", "_", qt_folder):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    path = resources.files("oncall_desktop.ui").joinpath("i18n", f"oncall_desktop_{language}.qm")
    with resources.as_file(path) as file:
        loaded = file.exists() and ours.load(str(file))
    if not loaded:
        log.warning("no %s translation at %s", language, path)
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    return True
