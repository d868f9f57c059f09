"""The incident cockpits: one window per open incident, and what its buttons do (compose an
update and send it to the destinations chosen, through app/sending.py; escalate in PagerDuty,
declare there, create the Slack channel, resend a refused post).

Built when the database opens, with the incidents, the alert actions, the outbox, the update
router, the alert sources, the connection tests, the runner, the keyring, the preferences, the
procedure, the clock and the main window. What it asks of others it signals; the composition
root connects the services' signals to its slots.

Signals:
    postmortem_requested(int): a cockpit asks for its incident's post-mortem.
    name_needed(QWidget): a post is about to say who is on call and no name is known: ask now
        (over this window); the preferences hold the answer once the emit returns.
    opened_changed(): a cockpit opened or closed (team mode: the others see it at once).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from oncall_desktop.app.collaborators import raise_window
from oncall_desktop.app.sending import Sending
from oncall_desktop.config.schema import setting_values
from oncall_desktop.core.capabilities import Capability, can
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.messages import UserMessage
from oncall_desktop.core.outbox import Post, PostState
from oncall_desktop.core.paging import Page
from oncall_desktop.core.policy import Audience, Severity
from oncall_desktop.services.alert_sources import declaring_name, declaring_source
from oncall_desktop.services.messages import shown

if TYPE_CHECKING:
    from oncall_desktop.app.collaborators import Preferences
    from oncall_desktop.config.schema import Settings
    from oncall_desktop.core.clock import Clock
    from oncall_desktop.core.policy import Policy
    from oncall_desktop.integrations.secrets import SecretStore
    from oncall_desktop.services.alert_actions import AlertActions
    from oncall_desktop.services.alert_sources import AlertPoller
    from oncall_desktop.services.connections import ConnectionsService
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.outbox import OutboxService
    from oncall_desktop.services.routing import UpdateRouter
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.ui.windows.cockpit_window import CockpitWindow
    from oncall_desktop.ui.windows.main_window import MainWindow

# With many cockpits open, their once-a-second refreshes are spread over this many ms.
COCKPIT_REFRESH_SPREAD_MS = 800


class CockpitController(QObject):
    """The open cockpits by incident id, and the actions they ask for."""

    postmortem_requested = Signal(int)
    name_needed = Signal(QWidget)
    opened_changed = Signal()

    def __init__(
        self,
        incidents: IncidentService,
        actions: AlertActions,
        outbox: OutboxService,
        router: UpdateRouter,
        poller: AlertPoller,
        connections: ConnectionsService,
        runner: TaskRunner,
        secrets: SecretStore,
        preferences: Preferences,
        policy: Policy,
        clock: Clock,
        window: MainWindow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.incidents = incidents
        self.actions = actions
        self.outbox = outbox
        self.router = router
        self.poller = poller
        self.connections = connections
        self.preferences = preferences
        self.policy = policy
        self.clock = clock
        self.window = window
        self.cockpits: dict[int, CockpitWindow] = {}
        self.database_away = ""  # what the cockpits say while the team database is away
        self._team = False  # team mode: who else is on each incident is shown
        self._others: dict[int, list[str]] | None = None  # None: not known (yet)
        # what sending a composed text asks of the user, by destination
        self.sending = Sending(
            router, incidents, runner, secrets, preferences, policy, window, self.cockpits, self
        )
        preferences.changed.connect(self._on_settings)

    def _on_settings(self, settings: Settings) -> None:
        self.set_declarable(declaring_name(settings))

    def compose(self, incident_id: int, audience: str) -> None:
        window = self.cockpits.get(incident_id)
        if window is None:
            return
        from oncall_desktop.core.compose import default_kind
        from oncall_desktop.ui.windows.composer_dialog import ComposerDialog

        self.name_needed.emit(window)  # "On-Call: <me>", never a blank or root
        incident = window.incident
        composition = ComposerDialog.ask(
            incident,
            self.policy,
            self.preferences.message_language,
            self.clock.now(),
            self.preferences.zone,
            self.preferences.actor,
            self.router.offered(incident),  # where each destination would take it
            default_kind(incident, Audience(audience)),
            parent=window,
            ui_language=self.preferences.language,
        )
        if composition is None:
            return
        self.sending.send(
            incident,
            composition.text,
            composition.destinations,
            kind=composition.kind.value,
            audience=composition.audience,
            notify_channel=composition.notify_channel,
            parent=window,
        )

    def open_and_compose(self, incident_id: int, audience: str) -> None:
        """A notification's Compose…: the cockpit, then the composer over it."""
        self.open_cockpit(incident_id, lambda: self.compose(incident_id, audience))

    def request_responders(self, incident_id: int, contact_name: str) -> None:
        """Escalate with one click: a responder request on the incident's page in its source
        (PagerDuty's), with the SOP's message; once the source confirms, the contact is
        recorded as reached through it."""
        window = self.cockpits.get(incident_id)
        contact = next((c for c in self.policy.escalation_contacts if c.name == contact_name), None)
        if window is None or contact is None or contact.pagerduty is None:
            return
        incident = window.incident
        link = incident.alert  # asked of the page's source: what it cannot do is not offered
        if link is None or not can(link.source, Capability.REQUEST_RESPONDERS):
            window.show_problem(self.tr("This incident has no page to ask responders on."))
            return
        page_id, source_id = link.id, link.source
        source = self.poller.watcher(source_id)
        if source is None:
            window.show_problem(self.tr("This incident has no page to ask responders on."))
            return
        message = (
            self.policy.templates["responder_request"]
            .get(self.preferences.message_language)
            .format(severity=incident.severity.value, title=incident.title)
        )

        def done(_requested_at: str) -> None:
            self.incidents.mark_contact_notified(incident_id, contact_name, via=source_id)

        source.request_responders(
            page_id,
            [contact.pagerduty],
            message,
            done,
            lambda problem: self._tell_cockpit(incident_id, problem),
        )

    def acknowledge_incident(self, incident_id: int) -> None:
        """Acknowledge from a notification: in its alert source first when the incident came
        from a page (the local incident follows the answer), else locally. A refusal opens the
        cockpit, which says why and offers a retry."""
        incident = next((i for i in self.incidents.active if i.id == incident_id), None)
        if incident is None:
            return

        def ended(stored: Incident | None, problem: str) -> None:
            if stored is None:
                self.open_cockpit(incident_id)

        self.actions.acknowledge(incident, then=ended)

    def _tell_cockpit(self, incident_id: int, problem: UserMessage | str) -> None:
        """A failed request's message in its cockpit (re-enabled), or in the main window when
        the cockpit was closed while the request ran (a closed window is gone): there, as a
        message, said again in a new language."""
        window = self.cockpits.get(incident_id)
        if window is None:
            self.window.show_message(f"cockpit-{incident_id}", problem, "error")
            return
        window.declare_button.setEnabled(True)
        window.channel_button.setEnabled(True)
        window.show_problem(shown(problem))

    def declare_in_source(self, incident_id: int) -> None:
        """A hand-declared incident raised in the source that declares (PagerDuty, on the
        service from Settings), so the team's escalation policy runs; the page is then linked
        and followed like any other."""
        window = self.cockpits.get(incident_id)
        declaring = declaring_source(self.preferences.settings)
        source = self.poller.watcher(declaring) if declaring else None
        if window is None or source is None:
            return
        incident = window.incident
        window.declare_button.setEnabled(False)  # one click, one page

        def done(page: Page) -> None:
            if (still_open := self.cockpits.get(incident_id)) is not None:
                still_open.declare_button.setEnabled(True)
            self.incidents.link_page(incident_id, page)  # even when the cockpit was closed

        def failed(message: UserMessage | str) -> None:
            self._tell_cockpit(incident_id, message)

        source.declare(
            f"[{incident.severity.value}] {incident.title}",
            "high" if incident.severity is not Severity.SEV3 else "low",
            incident.declaration_key,
            done,
            failed,
        )

    def create_incident_channel(self, incident_id: int) -> None:
        """SOP 1.4: #incident-YYYY-MM-DD-NNN (next free NNN), recorded in the timeline, then
        the declaration posted there through the outbox."""
        window = self.cockpits.get(incident_id)
        if window is None:
            return
        from oncall_desktop.core.compose import MessageKind, compose

        self.name_needed.emit(window)  # the declaration there says who is on call
        incident = window.incident
        day = incident.detected_at.astimezone(self.preferences.zone).date()
        window.channel_button.setEnabled(False)

        def created(channel_id: str) -> None:
            if (still_open := self.cockpits.get(incident_id)) is not None:
                still_open.channel_button.setEnabled(True)
            self.incidents.change(
                incident_id,
                lambda i, now, who: i.add_note(
                    f"Slack channel created for this incident ({channel_id})",
                    at=now,
                    actor=who,
                    slack_channel=channel_id,
                ),
            )
            text = compose(
                MessageKind.DECLARED,
                incident,
                self.policy,
                self.preferences.message_language,
                self.clock.now(),
                zone=self.preferences.zone,
                oncall=self.preferences.actor,
            )
            self.router.post_internal(
                text, kind=MessageKind.DECLARED.value, incident=incident, channel=channel_id
            )

        self.connections.create_incident_channel(
            setting_values(self.preferences.settings),  # what the channel's integration reads
            day,
            created,
            lambda problem: self._tell_cockpit(incident_id, problem),
        )

    def resend(self, post: Post) -> None:
        """Edit a refused post, its destination too, and queue it again."""
        from oncall_desktop.ui.windows.resend_dialog import ResendDialog

        answer = ResendDialog.ask(
            post,
            self.preferences.settings.slack_channel,
            self.cockpits.get(post.incident_id or -1) or self.window,
            self.preferences.language,
        )
        if answer is not None and answer.text:
            self.outbox.resend(post, answer.text, answer.destination)

    def on_post_refused(self, post: Post, problem: str) -> None:
        """A post could not even be queued (the team database is away): nothing is sent and
        nothing kept, so its text goes to the clipboard and the cockpit says so."""
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(post.text)
        window = self.cockpits.get(post.incident_id or -1)
        text = self.tr("Not queued, not sent: %1 The text is on the clipboard.").replace(
            "%1", problem
        )
        if window is not None:
            window.refused(problem, text)
        else:
            self.window.show_message("outbox", text, "error")

    def on_post_changed(self, post: Post) -> None:
        if post.incident_id is None:
            return
        window = self.cockpits.get(post.incident_id)
        if window is not None:
            self.outbox.posts_for(post.incident_id, window.set_posts)
        if post.state is PostState.SENT:
            self.incidents.refresh()  # the countdown it served has been reset
            if window is not None:
                self.incidents.load(post.incident_id, window.set_incident)

    def open_cockpit(self, incident_id: int, then: Callable[[], None] | None = None) -> None:
        """Bring up the cockpit of an incident (loaded fresh from the database); ``then``
        runs once it is on screen (e.g. the composer a notification's action asked for)."""
        window = self.cockpits.get(incident_id)
        if window is not None:
            raise_window(window)
            if then is not None:
                QTimer.singleShot(0, then)
            return

        def shown(incident: Incident) -> None:
            self.show_cockpit(incident)
            if then is not None:
                QTimer.singleShot(0, then)

        self.incidents.load(incident_id, shown)

    def show_cockpit(self, incident: Incident) -> None:
        assert incident.id is not None
        window = self.cockpits.get(incident.id)
        if window is None:
            from oncall_desktop.ui.windows.cockpit_window import CockpitWindow

            window = CockpitWindow(
                incident,
                self.policy,
                self.preferences.language,
                self.preferences.zone,
                self.incidents,
                actions=self.actions,
            )
            window.closed.connect(self._on_closed)
            window.compose_requested.connect(self.compose)
            window.resend_requested.connect(self.resend)
            window.channel_requested.connect(self.create_incident_channel)
            window.responders_requested.connect(self.request_responders)
            window.declare_requested.connect(self.declare_in_source)
            window.set_declarable(declaring_name(self.preferences.settings))
            window.postmortem_requested.connect(self.postmortem_requested)
            self.cockpits[incident.id] = window
            if self._team:
                others = self._others
                window.set_presence(others.get(incident.id, []) if others is not None else None)
            window.roles_bar.set_database_away(self.database_away)
            self.opened_changed.emit()
            self.outbox.posts_for(incident.id, window.set_posts)
            window.set_now(self.clock.now())
        else:
            window.set_incident(incident)
        raise_window(window)

    def on_incident_changed(self, incident: Incident) -> None:
        window = self.cockpits.get(incident.id or -1)
        if window is not None:
            window.set_incident(incident)

    def refresh(self, now: datetime) -> None:
        """Spread the cockpits' refreshes over the second: with many windows open, one
        burst of repaints would stall the event loop; small ones do not. Each window reads
        the clock when its turn comes, so what it shows is exact."""
        windows = list(self.cockpits.values())
        if not windows:
            return
        windows[0].set_now(now)
        spacing = max(1, COCKPIT_REFRESH_SPREAD_MS // len(windows))
        for i, window in enumerate(windows[1:], start=1):
            # with a context object, the call is dropped if the window is gone by then
            QTimer.singleShot(i * spacing, window, lambda w=window: w.set_now(self.clock.now()))

    def refresh_listed(self, incidents: list[Incident]) -> None:
        """Cockpits whose incident changed elsewhere (a colleague acknowledged it in
        PagerDuty) show the stored version."""
        for incident in incidents:
            window = self.cockpits.get(incident.id or -1)
            if window is not None and len(incident.timeline) > len(window.incident.timeline):
                window.set_incident(incident)

    def show_responders(self, pages: list[Page]) -> None:
        """What the source's last poll holds of each cockpit's page: who answered our
        responder requests, beside each contact, and whether it is triggered again there."""
        by_key = {p.key: p for p in pages}
        for cockpit in self.cockpits.values():
            alert = cockpit.incident.alert
            page = by_key.get(alert.key) if alert is not None else None
            if alert is not None:
                cockpit.lifecycle.set_page_status(
                    page.status if page is not None else "",
                    page.acknowledged_by if page is not None else "",
                )
            if page is not None:
                cockpit.set_responder_states(dict(page.responders))

    def _on_closed(self, incident_id: int) -> None:
        self.cockpits.pop(incident_id, None)
        self.opened_changed.emit()

    def show_presence(self, others: dict[int, list[str]] | None) -> None:
        """Who else has each open incident open (team mode; None: unknown, not yet heard or
        the database is away)."""
        self._team, self._others = True, others
        for incident_id, cockpit in self.cockpits.items():
            cockpit.set_presence(None if others is None else others.get(incident_id, []))

    def set_database_away(self, text: str) -> None:
        """The team database is not answering: every open cockpit says what happens to
        changes made meanwhile ("" once it is back)."""
        self.database_away = text
        for cockpit in self.cockpits.values():
            cockpit.roles_bar.set_database_away(text)
            if not text:
                cockpit.database_back()

    def on_change_refused(self, incident_id: int, problem: str) -> None:
        window = self.cockpits.get(incident_id)
        if window is not None:
            window.refused(problem)

    def set_declarable(self, source: str) -> None:
        """The source incidents declared here are raised in, by name ("" for none)."""
        for cockpit in self.cockpits.values():
            cockpit.set_declarable(source)

    def reopen_all(self) -> None:
        """The open cockpits built again (in a new language) on their incident as stored."""
        for incident_id, cockpit in list(self.cockpits.items()):
            cockpit.close()  # forgotten (_on_closed)
            self.open_cockpit(incident_id)

    def close_all(self) -> None:
        for cockpit in list(self.cockpits.values()):
            cockpit.close()
