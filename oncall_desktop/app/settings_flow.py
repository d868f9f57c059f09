"""Settings: the dialog, then applying what changed (saved to the settings file, secrets to
the keyring off the GUI thread, the alert sources reconnected when their token, address or
interval changed, start at login). Sees the console through app/facilities.Console."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from oncall_desktop.app.shell import resolve_language
from oncall_desktop.config.schema import Settings
from oncall_desktop.integrations.sources import source_kinds
from oncall_desktop.services.alert_sources import (
    declaring_source,
    enabled_sources,
    source_options,
)
from oncall_desktop.services.connections import DATABASE_PASSWORD
from oncall_desktop.services.messages import shown

if TYPE_CHECKING:
    from oncall_desktop.app.facilities import Console

log = logging.getLogger(__name__)


class SettingsController(QObject):
    def __init__(self, console: Console, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.console = console

    def open_settings(self) -> None:
        from oncall_desktop.ui.windows.settings_dialog import SettingsDialog

        self.console.window.bring_forward()
        dialog = SettingsDialog(
            self.console.settings, self.console.connections, self.console.window
        )
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.result_settings(), dialog.secrets_to_store())

    def apply_settings(self, settings: Settings, secrets_to_store: dict[str, str]) -> None:
        """Save the settings; store changed secrets in the keyring (off the GUI thread; ''
        removes one) and reconnect PagerDuty when its token, address or interval changed."""
        previous, self.console.settings = self.console.settings, settings
        try:
            self.console.settings_store.save(settings)
        except OSError as error:
            self.console.window.show_message(
                "settings", self.tr("Settings could not be saved: ") + shown(error), "error"
            )
        self.console.cockpit_controller.set_declarable(bool(declaring_source(settings)))
        if settings.engineer_name != previous.engineer_name:
            self.console.refresh_actor()
        if self.console.tray is not None:
            self.console.window.keep_running_in_tray = settings.close_to_tray
            self.console.app.setQuitOnLastWindowClosed(not settings.close_to_tray)
        if settings.start_at_login != previous.start_at_login:
            self._apply_autostart(settings.start_at_login)
        if resolve_language(settings.language) != resolve_language(previous.language):
            self.apply_language(resolve_language(settings.language))
        if settings.database_url != previous.database_url or DATABASE_PASSWORD in secrets_to_store:
            self.console.window.show_message(
                "database-settings",
                self.tr("The team database settings apply at the next start."),
                "info",
            )
        secrets = self.console.secrets

        def reconnect(_: object = None) -> None:
            self.console.poller.reconfigure(
                source_options(settings, self.console.policy),
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

        self.console.runner.run(
            save,
            lambda _: reconnect() if sources_changed or reads_secret(secrets_to_store) else None,
            lambda error: self.console.window.show_message("settings", shown(error), "error"),
            write=True,
        )

    def apply_language(self, language: str) -> None:
        """The new language at once, not at the next start (issue 26): Qt's translators and
        ours, the main window, the tray menu, who is on call, and the open cockpits (built
        again on the incident as stored). The history, KPI, post-mortem, handoff and action
        items windows follow by themselves (Qt tells them: ui/live_language.py), keeping
        what was typed in them."""
        from oncall_desktop.ui.translations import install_translators

        console = self.console
        install_translators(console.app, language)
        console.window.retranslate(language)
        if console.tray is not None:
            console.tray.retranslate()
        if console.handoffs is not None:
            console.handoffs.retranslate()
        for incident_id, cockpit in list(console.cockpits.items()):
            cockpit.close()  # its controller forgets it
            console.open_cockpit(incident_id)
        console.update_tray(console.clock.now())
        console.window.show_message(
            "language",
            self.tr("The new language applies now, in every open window."),
            "info",
        )

    def _apply_autostart(self, enabled: bool) -> None:
        from oncall_desktop.app.autostart import set_autostart, supported

        if not supported():
            self.console.window.show_message(
                "autostart",
                self.tr("Start at login is not available on this system yet."),
                "warning",
            )
            return
        try:
            path = set_autostart(enabled)
        except OSError as error:
            self.console.window.show_message(
                "autostart", self.tr("Start at login could not be set: ") + str(error), "error"
            )
            return
        log.info("start at login %s (%s)", "on" if enabled else "off", path or "removed")
