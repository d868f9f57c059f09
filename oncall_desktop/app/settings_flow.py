"""Settings: the dialog, then applying what changed (saved to the settings file, secrets to
the keyring off the GUI thread, the alert sources reconnected when their token, address or
interval changed, start at login, the language at once).

Built at start with the main window, the application, the preferences (whose ``changed``
tells the other rooms), the settings file, the keyring, the runner, the alert sources' poller,
the connection tests and the procedure. A new language is said by ``language_changed``, which
the composition root connects to the tray, the handoff and the cockpits.

Signals:
    language_changed(str): the UI's language is now this one ("fr", "en").
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from oncall_desktop.app.shell import resolve_language
from oncall_desktop.config.schema import Settings
from oncall_desktop.integrations.sources import source_kinds
from oncall_desktop.services.alert_sources import enabled_sources, source_options
from oncall_desktop.services.connections import DATABASE_PASSWORD
from oncall_desktop.services.messages import said, shown

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from oncall_desktop.app.collaborators import Preferences
    from oncall_desktop.config.store import SettingsStore
    from oncall_desktop.core.policy import Policy
    from oncall_desktop.integrations.secrets import SecretStore
    from oncall_desktop.services.alert_sources import AlertPoller
    from oncall_desktop.services.connections import ConnectionsService
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.ui.windows.main_window import MainWindow

log = logging.getLogger(__name__)


class SettingsController(QObject):
    language_changed = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        app: QApplication,
        preferences: Preferences,
        store: SettingsStore,
        secrets: SecretStore,
        runner: TaskRunner,
        poller: AlertPoller,
        connections: ConnectionsService,
        policy: Policy,
        in_tray: bool,
        parent: QObject | None = None,
    ) -> None:
        """``in_tray``: there is a tray icon (closing the window may leave the app there)."""
        super().__init__(parent)
        self.window = window
        self.app = app
        self.preferences = preferences
        self.store = store
        self.secrets = secrets
        self.runner = runner
        self.poller = poller
        self.connections = connections
        self.policy = policy
        self.in_tray = in_tray

    def open_settings(self) -> None:
        from oncall_desktop.ui.windows.settings_dialog import SettingsDialog

        self.window.bring_forward()
        dialog = SettingsDialog(self.preferences.settings, self.connections, self.window)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.result_settings(), dialog.secrets_to_store())

    def apply_settings(self, settings: Settings, secrets_to_store: dict[str, str]) -> None:
        """Save the settings; store changed secrets in the keyring (off the GUI thread; ''
        removes one) and reconnect PagerDuty when its token, address or interval changed."""
        previous = self.preferences.settings
        self.preferences.replace(settings)  # the rooms that read them hear it
        try:
            self.store.save(settings)
        except OSError as error:
            self.window.show_message(
                "settings", self.tr("Settings could not be saved: ") + shown(error), "error"
            )
        if self.in_tray:
            self.window.keep_running_in_tray = settings.close_to_tray
            self.app.setQuitOnLastWindowClosed(not settings.close_to_tray)
        if settings.start_at_login != previous.start_at_login:
            self._apply_autostart(settings.start_at_login)
        if resolve_language(settings.language) != resolve_language(previous.language):
            self.apply_language(resolve_language(settings.language))
        if settings.database_url != previous.database_url or DATABASE_PASSWORD in secrets_to_store:
            self.window.show_message(
                "database-settings",
                self.tr("The team database settings apply at the next start."),
                "info",
            )
        secrets = self.secrets

        def reconnect(_: object = None) -> None:
            self.poller.reconfigure(
                source_options(settings, self.policy),
                timedelta(seconds=settings.pagerduty_poll_seconds),
            )

        # a setting a source reads, the interval, a source switched on or off, or a source's
        # token stored
        def reads_secret(names: Iterable[str]) -> bool:
            return any(n in kind.secrets for kind in source_kinds() for n in names)

        def watched(chosen: Settings) -> tuple[object, ...]:
            options = source_options(chosen)
            read = tuple(options.get(name) for kind in source_kinds() for name in kind.reads)
            return (chosen.pagerduty_poll_seconds, enabled_sources(chosen), read)

        sources_changed = watched(settings) != watched(previous)
        if not secrets_to_store:
            if sources_changed:
                reconnect()
            return

        def save() -> None:
            for name, value in secrets_to_store.items():
                if value:
                    secrets.set(name, value)
                else:
                    secrets.delete(name)

        self.runner.run(
            save,
            lambda _: reconnect() if sources_changed or reads_secret(secrets_to_store) else None,
            lambda error: self.window.show_message("settings", said(error), "error"),
            write=True,
        )

    def apply_language(self, language: str) -> None:
        """The new language at once, not at the next start (issue 26): Qt's translators and
        ours, the main window, then whoever listens to ``language_changed`` (the tray menu,
        who is on call, the open cockpits built again on the incident as stored). The
        history, KPI, post-mortem, handoff and action items windows follow by themselves (Qt
        tells them: ui/live_language.py), keeping what was typed in them."""
        from oncall_desktop.ui.translations import install_translators

        install_translators(self.app, language)
        self.window.retranslate(language)
        self.language_changed.emit(language)
        self.window.show_message(
            "language",
            self.tr("The new language applies now, in every open window."),
            "info",
            fades=True,  # done: it goes by itself
        )

    def _apply_autostart(self, enabled: bool) -> None:
        from oncall_desktop.app.autostart import set_autostart, supported

        if not supported():
            self.window.show_message(
                "autostart",
                self.tr("Start at login is not available on this system yet."),
                "warning",
            )
            return
        try:
            path = set_autostart(enabled)
        except OSError as error:
            self.window.show_message(
                "autostart", self.tr("Start at login could not be set: ") + str(error), "error"
            )
            return
        log.info("start at login %s (%s)", "on" if enabled else "off", path or "removed")
