"""The few small things several rooms are handed when they are built (app/container.py makes
one of each): the settings in force and what is read off them, the notifications front, the
update cadence of an incident, and how a window is brought up. None of them knows a room.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import tzinfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from oncall_desktop.app.shell import resolve_language, resolve_zone
from oncall_desktop.config.schema import Settings
from oncall_desktop.core.deadlines import UpdateDue, next_updates
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Audience, Policy
from oncall_desktop.ui.drill_mark import drill_marked
from oncall_desktop.ui.notifier import Notification, Notifier

log = logging.getLogger(__name__)

# A notification whose action composes an update: "compose:<incident id>:<audience>" (said by
# the deadline alerts, answered by the alerts).
COMPOSE_PREFIX = "compose:"
COMPOSE = "compose"
# ...":refused" after it: the refusal of that audience's update (a notification of its own)
REFUSED_SUFFIX = "refused"


class Preferences(QObject):
    """The settings in force (replaced whole when the user saves new ones) and what every room
    reads off them.

    Signals:
        changed(Settings): new settings are in force.
    """

    changed = Signal(object)

    def __init__(
        self,
        settings: Settings,
        my_source_name: Callable[[], str] = lambda: "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._my_source_name = my_source_name  # PagerDuty's /users/me, "" until known

    @property
    def settings(self) -> Settings:
        return self._settings

    def replace(self, settings: Settings) -> None:
        self._settings = settings
        self.changed.emit(settings)

    @property
    def language(self) -> str:
        return resolve_language(self._settings.language)

    @property
    def message_language(self) -> str:
        """The language of what is posted (a team setting, apart from the UI's)."""
        return self._settings.message_language

    @property
    def zone(self) -> tzinfo | None:
        return resolve_zone(self._settings.team_timezone)[0]

    @property
    def actor(self) -> str:
        """Who signs what I record and post: the name in Settings, else my PagerDuty user's
        (/users/me), else "" until one is known (app/identity.py). Never the OS login."""
        return self._settings.engineer_name.strip() or self._my_source_name().strip()


class Notifications(QObject):
    """The desktop notifications, whichever notifier shows them (a better one may be found
    after start-up: ``use``), with bodies escaped where the desktop reads markup.

    Signals:
        action_invoked(str, str): a notification's button (key, action).
    """

    action_invoked = Signal(str, str)

    def __init__(self, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._markup = False
        self.notifier = notifier
        self._listen(notifier)

    def _listen(self, notifier: Notifier) -> None:
        notifier.action_invoked.connect(self.action_invoked)
        notifier.shown.connect(self._shown)

    @staticmethod
    def _shown(key: str) -> None:
        log.info("alert shown for %s", key)

    def use(self, notifier: Notifier, body_markup: bool = False) -> None:
        old, self.notifier = self.notifier, notifier
        self._markup = body_markup
        if old is not notifier:
            self._listen(notifier)
            old.action_invoked.disconnect(self.action_invoked)
            old.close()

    def body(self, text: str) -> str:
        """Notification bodies may be markup on some desktops: text from outside is escaped
        there, so a title like "<b>API</b>" shows as typed."""
        return html.escape(text, quote=False) if self._markup else text

    def notify(self, notification: Notification) -> None:
        """Shown by the notifier in use; in a drill console its title says so (ui/drill_mark):
        "Drill: Acknowledged in PagerDuty · open it" is never taken for a real page's."""
        title = drill_marked(notification.title)
        self.notifier.notify(replace(notification, title=title))

    def withdraw(self, key: str) -> None:
        self.notifier.withdraw(key)

    def close(self) -> None:
        self.notifier.close()


class Dues:
    """The update cadence of an incident, computed once per incident version: the tray, its
    menu and the overdue alerts all ask every second."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._cache: dict[tuple[object, ...], dict[Audience, UpdateDue]] = {}

    def __call__(self, incident: Incident) -> dict[Audience, UpdateDue]:
        key = (incident.id or -1, len(incident.timeline), incident.severity, incident.status)
        cached = self._cache.get(key)
        if cached is None:
            cached = next_updates(incident, self.policy)
            self._cache[key] = cached
            if len(self._cache) > 500:
                self._cache.clear()
        return cached


def raise_window(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
