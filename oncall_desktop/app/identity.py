"""Who I am: the name that signs what I post ("On-Call: …") and what I do in the timeline.

It is *Your name* in Settings. When that is empty, PagerDuty's answer to ``/users/me`` gives it
(kept in Settings, and said in the window, so that it stays when PagerDuty is away); without a
PagerDuty name, the first start asks once (*Later* asks again at the next start). A post
composed while no name is known asks then; declined, it says "On-Call: —". The OS account's
login name is never used: it is no one's name in the team ("On-Call: root").

Built at start with the preferences, the alert sources' poller and the main window; a name
learnt or given is said by ``name_chosen``, which the composition root connects to the settings.

Signals:
    name_chosen(str): keep this as my name (in Settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from oncall_desktop.services.poller import PollState, PollStatus

if TYPE_CHECKING:
    from oncall_desktop.app.collaborators import Preferences
    from oncall_desktop.services.alert_sources import AlertPoller
    from oncall_desktop.ui.windows.main_window import MainWindow
    from oncall_desktop.ui.windows.name_dialog import NameDialog

SOURCE = "pagerduty"  # the alert source whose account names me


class Identity(QObject):
    name_chosen = Signal(str)

    def __init__(
        self,
        preferences: Preferences,
        poller: AlertPoller,
        window: MainWindow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.poller = poller
        self.window = window
        self.may_ask = False  # the real console, with dialogs (not tests, not --no-dialogs)
        self.asking: NameDialog | None = None  # the first start's question, while it is open
        self._started = self._asked = False

    @property
    def named(self) -> bool:
        return bool(self.preferences.settings.engineer_name.strip())

    def start(self, ask: bool = True) -> None:
        """At the start of a real console (not a drill): learn the name from PagerDuty once it
        answers, or ask (``ask``: False for scripts and --no-dialogs) when it cannot."""
        if self._started:
            return
        self._started, self.may_ask = True, ask
        self.poller.status_changed.connect(self.on_poll_status)
        status = self.poller.status_of(SOURCE)
        if status is None:  # no PagerDuty at all: nothing will name me
            self._ask_at_start()
        else:
            self.on_poll_status(status)

    def on_poll_status(self, status: PollStatus) -> None:
        if status.source != SOURCE or self.named:
            return
        me = self.poller.me(SOURCE)
        if status.state == PollState.OK and me is not None and me.name.strip():
            self.adopt(me.name.strip(), from_pagerduty=True)
        elif status.state not in (PollState.CONNECTING, PollState.OK):
            self._ask_at_start()  # no token, a refused one, offline: PagerDuty cannot tell

    def adopt(self, name: str, from_pagerduty: bool = False) -> None:
        """Keep ``name`` as mine in Settings (what records and posts signs with it from now)."""
        if self.asking is not None:
            self.asking.reject()
        self.name_chosen.emit(name)
        if from_pagerduty:
            text = self.tr("Your name, from PagerDuty: %1. It signs what you post (Settings).")
            self.window.show_message("your-name", text.replace("%1", name), "info", fades=True)

    def _ask_at_start(self) -> None:
        if not self.may_ask or self._asked:
            return
        self._asked = True  # once per start
        from oncall_desktop.ui.windows.name_dialog import NameDialog

        dialog = NameDialog(parent=self.window)
        self.asking = dialog

        def answered(result: int) -> None:
            self.asking = None
            if result == NameDialog.DialogCode.Accepted and not self.named:
                self.adopt(dialog.chosen())
            dialog.deleteLater()

        dialog.finished.connect(answered)
        dialog.open()  # not modal to the app: a page arriving meanwhile is still seen

    def ensure_named(self, parent: QWidget) -> None:
        """Before a post that says who is on call: when no name is known, ask now. Declined,
        the post says "On-Call: —"."""
        if self.preferences.actor or not self.may_ask:
            return
        from oncall_desktop.ui.windows.name_dialog import NameDialog

        if self.asking is not None:
            self.asking.reject()  # one question at a time: this one, about this post
        dialog = NameDialog(before_post=True, parent=parent)
        if dialog.exec() == NameDialog.DialogCode.Accepted and dialog.chosen():
            self.adopt(dialog.chosen())
        dialog.deleteLater()
