"""Drill mode (``oncall-desktop --drill``): the SOP's SEV-1 scenario against built-in local
fakes of PagerDuty and Slack, so a new engineer runs the whole procedure with no real
credentials: the page in the tray, the checklist, the clocks, the updates, the resolution,
the post-mortem; scored at the end.

Everything stays apart from real work: its own data folder (database, log, lock), its own
settings file, tokens that exist only in memory, incidents marked as drills (never in the
KPIs), and every endpoint on 127.0.0.1.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.drill import (
    PAGE_AFTER,
    SCENARIO_TITLE,
    DrillScore,
    notices_due_by,
    scenario_service,
    score,
    score_is_final,
    stand_in,
)
from oncall_desktop.core.incident import Incident
from oncall_desktop.integrations.drillfakes import DRILL_TOKEN, DrillServer
from oncall_desktop.integrations.pagerduty_payloads import SOURCE as PAGERDUTY_SOURCE
from oncall_desktop.integrations.secrets import (
    PAGERDUTY_TOKEN,
    SLACK_BOT_TOKEN,
    InMemorySecretStore,
)
from oncall_desktop.ui.drill_mark import set_title
from oncall_desktop.ui.text import fill, local_time
from oncall_desktop.ui.translations import installed_language

if TYPE_CHECKING:
    from oncall_desktop.app.facilities import DrillContext

log = logging.getLogger(__name__)

DRILL_POLL_SECONDS = 5


def drill_settings(settings: Settings, server: DrillServer) -> Settings:
    """The user's preferences (language, time zone, name), every endpoint on the fakes."""
    return replace(
        settings,
        database_url="",
        pagerduty_base_url=server.pagerduty_url,
        pagerduty_poll_seconds=DRILL_POLL_SECONDS,
        slack_base_url=server.slack_url,
        slack_mode="bot",
        slack_channel="#incidents-drill",
        rotation_source="settings",
        start_at_login=False,
        quiet_hours_start="",
        quiet_hours_end="",
    )


def drill_secrets() -> InMemorySecretStore:
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, DRILL_TOKEN)
    secrets.set(SLACK_BOT_TOKEN, DRILL_TOKEN)
    return secrets


class DrillController(QObject):
    """Signals:
    scored(object): the DrillScore, once the drill incident is resolved.
    """

    scored = Signal(object)

    def __init__(
        self, context: DrillContext, server: DrillServer, show_dialog: bool = True
    ) -> None:
        super().__init__(context.root)
        self.context = context
        self.server = server
        self.show_dialog = show_dialog
        self.page_id: str | None = None
        self.result: DrillScore | None = None
        self._waiting = False  # resolved; the score waits for the resolution notices
        window = context.window  # its title says "Drill": app/container.AppContext.drill
        window.show_message(
            "drill",
            self.tr(
                "Drill: a SEV-1 page arrives in a few seconds. Handle it as the procedure says: "
                "acknowledge, follow the checklist, send the updates, resolve. Nothing reaches "
                "the real PagerDuty or Slack; the score comes after the resolution and its "
                "notices."
            ),
            "info",
        )

    def start(self) -> None:
        assert self.context.incidents is not None
        self.context.incidents.incident_changed.connect(self._on_incident_changed)
        QTimer.singleShot(int(PAGE_AFTER.total_seconds() * 1000), self, self.trigger)

    def trigger(self) -> None:
        service = scenario_service(self.context.preferences.language)
        self.page_id = self.server.trigger(SCENARIO_TITLE, service)
        log.info("drill: page %s triggered", self.page_id)

    def _on_incident_changed(self, incident: Incident) -> None:
        if (
            self.result is not None
            or incident.follows(PAGERDUTY_SOURCE) != self.page_id
            or incident.resolved_at is None
        ):
            return
        policy, now = self.context.policy, self.context.clock.now()
        if score_is_final(incident, policy, now):
            self._score(incident)
            return
        if self._waiting:
            return
        # resolved, notices still owed: the score counts them (or their time running out)
        self._waiting = True
        due_by = notices_due_by(incident, policy)
        assert due_by is not None
        self.context.window.show_message(
            "drill",
            fill(
                self.tr(
                    "Resolved. The procedure now owes the resolution notices: the score comes "
                    "once they are sent, or at %1."
                ),
                local_time(due_by, self.context.preferences.zone, with_date=False),
            ),
            "info",
        )
        wait_ms = max(0, int((due_by - now).total_seconds() * 1000)) + 1000
        QTimer.singleShot(wait_ms, self, lambda: self._score_when_time_is_up(incident.id or -1))

    def _score_when_time_is_up(self, incident_id: int) -> None:
        if self.result is None and self.context.incidents is not None:
            self.context.incidents.load(incident_id, self._score)

    def _score(self, incident: Incident) -> None:
        if self.result is not None:
            return
        policy, now = self.context.policy, self.context.clock.now()
        self.result = score(incident, policy, now)
        lines = self.result.lines(self.context.preferences.language)
        log.info("drill scored: %s", "; ".join(self.result.lines()))
        assert self.context.incidents is not None
        self.context.incidents.add_note(
            incident.id or -1,
            self.tr("Drill result — %1").replace("%1", "; ".join(x.strip() for x in lines)),
        )
        self.context.window.banner.clear_message("drill")
        self.scored.emit(self.result)
        if self.show_dialog:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(
                QMessageBox.Icon.Information,
                "",
                "\n".join(lines),
                QMessageBox.StandardButton.Ok,
                self.context.window,
            )
            set_title(box, self.tr("Score"))  # "Drill: Score"
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
        else:
            print("\n".join(lines), flush=True)


def drill_engineer(name: str) -> str:
    """Who the drill's fake PagerDuty says I am, and so who signs the drill's timeline and
    posts: my name from Settings, else "You" in the UI's language ("Vous"): a post always
    carries a name, never the OS login, and says it in the message's language
    (core.drill.in_language). Called once the UI's language is installed."""
    return name.strip() or stand_in(installed_language() or "en")


def start_drill_server(engineer: str) -> DrillServer:
    return DrillServer(drill_engineer(engineer)).start()
