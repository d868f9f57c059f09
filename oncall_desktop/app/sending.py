"""Sending a composed text: one router post per destination chosen (services/routing builds
each post the way its destination says). What a destination asks of the user around its post
is declared on its offer (core.destinations.Offer: a step before it goes, or one instead of it
when it cannot be taken), and the steps are the app's, here, by name: CHOOSE_SERVICES, which
services an incident affects at its first status-page update; MAIL_CLIENT, the text in the
user's mail client (the executives' mail without a mail server).

Built with the cockpits (when the database opens), with the update router, the
incidents, the runner, the keyring, the preferences, the procedure and the main window (where
it speaks when the cockpit it was for has closed).

Its words keep the cockpit controller's translation context (they were said by it before).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from oncall_desktop.core.destinations import CHOOSE_SERVICES, MAIL_CLIENT, destination
from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Audience
from oncall_desktop.core.updates import new_message

if TYPE_CHECKING:
    from oncall_desktop.app.collaborators import Preferences
    from oncall_desktop.core.policy import Policy
    from oncall_desktop.integrations.secrets import SecretStore
    from oncall_desktop.services.incidents import IncidentService
    from oncall_desktop.services.routing import UpdateRouter
    from oncall_desktop.services.tasks import TaskRunner
    from oncall_desktop.ui.windows.cockpit_window import CockpitWindow
    from oncall_desktop.ui.windows.main_window import MainWindow

# what posting a text to a destination takes: () -> whether its destination took it
Posting = Callable[[], bool]


class Sending(QObject):
    """Posts a composed text to each destination chosen, asking the user first or instead
    where its destination needs it."""

    def __init__(
        self,
        router: UpdateRouter,
        incidents: IncidentService,
        runner: TaskRunner,
        secrets: SecretStore,
        preferences: Preferences,
        policy: Policy,
        window: MainWindow,
        cockpits: Mapping[int, CockpitWindow],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.router = router
        self.incidents = incidents
        self.runner = runner
        self.secrets = secrets
        self.preferences = preferences
        self.policy = policy
        self.window = window
        self._cockpits = cockpits
        # the steps a destination's offer may name: taken before the post goes (it is made,
        # or not, by the step: post())
        self._first: dict[str, Callable[[Incident, str, Posting], None]] = {
            CHOOSE_SERVICES: self._choose_services_first,
        }
        # taken when the destination cannot take the text (not set up)
        self._otherwise: dict[str, Callable[[Incident, str, QWidget], None]] = {
            MAIL_CLIENT: self.mail_executives,
        }

    def send(
        self,
        incident: Incident,
        text: str,
        targets: tuple[str, ...],
        *,
        kind: str,
        audience: str,
        notify_channel: bool = False,
        parent: QWidget,
    ) -> None:
        """``text`` to each destination of ``targets`` (their ids), in that order: one
        message, so one update for its audience however many of them take it."""
        router = self.router
        message = new_message()
        for target in targets:

            def post(target: str = target) -> bool:
                return (
                    router.post(
                        target,
                        text,
                        incident=incident,
                        audience=audience,
                        kind=kind,
                        notify_channel=notify_channel,
                        message=message,
                    )
                    is not None
                )

            offer = destination(target).offer
            first = self._first.get(offer.asks_first) if offer is not None else None
            otherwise = self._otherwise.get(offer.otherwise) if offer is not None else None
            if first is not None:
                first(incident, text, post)
            elif not post() and otherwise is not None:
                otherwise(incident, text, parent)

    # --- the status page: its services, chosen at the incident's first update ------------------

    def _choose_services_first(self, incident: Incident, text: str, post: Posting) -> None:
        """At the incident's first status-page update the engineer first chooses the services
        it affects (the page's, read off the GUI thread, all ticked); the choice is kept in
        the incident's timeline for its later updates. Then ``post``."""
        from oncall_desktop.services.status_page import chosen_services, page_services

        settings = self.preferences.settings
        page = settings.status_page_id
        if not page or incident.id is None or chosen_services(incident, page) is not None:
            post()
            return
        incident_id = incident.id

        def unlisted(error: Exception) -> None:  # the update names all the page's services
            from oncall_desktop.services.messages import shown

            post()
            self.say(
                incident_id,
                QCoreApplication.translate(
                    "CockpitController",
                    "The status page's services could not be listed (%1): this update names "
                    "all of them, and the next one asks again.",
                ).replace("%1", shown(error)),
            )

        self.runner.run(
            lambda: page_services(self.secrets, settings.pagerduty_base_url, page),
            lambda services: self._choose_services(incident_id, page, services, text, post),
            unlisted,
            remote=True,
        )

    def _choose_services(
        self,
        incident_id: int,
        page: str,
        services: list[tuple[str, str]],
        text: str,
        post: Posting,
    ) -> None:
        from oncall_desktop.services.status_page import services_note
        from oncall_desktop.ui.windows.status_page_services_dialog import (
            StatusPageServicesDialog,
        )

        chosen = StatusPageServicesDialog.ask(
            services,
            self.preferences.settings.status_page_name or page,
            self._cockpits.get(incident_id) or self.window,
        )
        if chosen is None:  # nothing queued for the status page: its text is kept for later
            from PySide6.QtGui import QGuiApplication

            QGuiApplication.clipboard().setText(text)
            self.say(
                incident_id,
                QCoreApplication.translate(
                    "CockpitController",
                    "Not posted on the status page: the text is on the clipboard.",
                ),
            )
            return
        note, data = services_note(page, chosen)

        def stored(_incident: Incident | None, _problem: str) -> None:
            post()

        # the choice is stored first, then the update queued: it goes out naming them
        self.incidents.change(
            incident_id, lambda i, now, who: i.add_note(note, at=now, actor=who, **data), stored
        )

    # --- the executives: the user's mail client when no mail server is set up ------------------

    def mail_executives(self, incident: Incident, text: str, parent: QWidget) -> None:
        """The executive summary in the user's mail client, addressed to the executives (the
        procedure data's addresses). Its countdown resets only once a mail client opened and
        the user says the mail went (the app cannot see it); when none opens, the cockpit
        says so and nothing is asked."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices, QGuiApplication
        from PySide6.QtWidgets import QMessageBox

        from oncall_desktop.core.mail import mailto_link

        subject = text.splitlines()[0] if text.strip() else incident.title
        link, shortened = mailto_link(
            self.policy.executive_recipients,
            subject,
            text,
            QCoreApplication.translate(
                "CockpitController", "\n\n[…] The full text is on the clipboard: paste it here."
            ),
        )
        if not QDesktopServices.openUrl(QUrl(link)):
            QGuiApplication.clipboard().setText(text)
            self.say(
                incident.id or -1,
                QCoreApplication.translate(
                    "CockpitController",
                    "No mail client could be opened: the executive summary was not sent. It is "
                    "on the clipboard, to mail by hand.",
                ),
                until_sent=Audience.EXECUTIVE,  # mailed by hand, then Mark sent: it goes
            )
            return
        if shortened:
            QGuiApplication.clipboard().setText(text)
        answer = QMessageBox.question(
            parent,  # the cockpit
            QCoreApplication.translate("CockpitController", "Executive summary"),
            QCoreApplication.translate(
                "CockpitController",
                "Was the executive summary sent? Its countdown restarts only then.",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.incidents.mark_update_sent(incident.id or -1, Audience.EXECUTIVE, channel="mail")

    def say(self, incident_id: int, text: str, until_sent: Audience | None = None) -> None:
        """In the incident's cockpit, or in the main window when it was closed meanwhile;
        ``until_sent``: in the cockpit until that audience's update is recorded sent."""
        window = self._cockpits.get(incident_id)
        if window is not None:
            window.show_problem(text, until_sent)
        else:
            self.window.show_message(f"cockpit-{incident_id}", text, "warning")
