"""Desktop notifications with buttons ("Acknowledge", "Open").

On Linux the freedesktop notification server is called directly over D-Bus (jeepney, which
keyring already brings), because Qt's tray notifications cannot carry action buttons. All D-Bus
traffic happens on one background thread; button clicks come back as a Qt signal. Where no
notification server is running, the tray's own message is used and a click on it means "open".
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from oncall_desktop.core.plaintext import clean_line
from oncall_desktop.ui.text import fill

log = logging.getLogger(__name__)

OPEN = "default"  # the freedesktop action invoked by clicking the notification itself
ACKNOWLEDGE = "acknowledge"
RECONNECT_FIRST_S, RECONNECT_MAX_S = 1.0, 30.0  # after losing the session bus
CLOSE_WAIT_S = 1.0  # at quit, for the withdrawals to reach the bus


@dataclass(frozen=True)
class Notification:
    key: str  # what the notification is about, e.g. a PagerDuty incident id
    title: str
    body: str
    urgent: bool = False
    actions: tuple[tuple[str, str], ...] = ()  # (action id, label)
    sound: bool = False
    # stays on screen until handled or withdrawn (no expiry), though not urgent: a follow-up
    # whose Open is the way on (desktops that honour a 15 s expiry dropped it)
    stays: bool = False


class Notifier(QObject):
    """Signals:
    action_invoked(str, str): (notification key, action id) when the user clicks.
    shown(str): the notification key, once the desktop accepted it.
    """

    action_invoked = Signal(str, str)
    shown = Signal(str)

    def notify(self, notification: Notification) -> None:
        raise NotImplementedError

    def withdraw(self, key: str) -> None:
        """The notifications about ``key`` were handled (acknowledged, opened): take them off
        the screen. Where the desktop cannot, nothing happens."""

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class _Withdraw:
    key: str


class WindowNotifier(Notifier):
    """No tray and no notification server: the alert goes to the main window's banner, and
    the desktop is asked to draw attention to the window."""

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window

    def notify(self, notification: Notification) -> None:
        show = getattr(self._window, "show_message", None)
        if show is not None:
            level = "error" if notification.urgent else "warning"
            # "%1: %2" is "%1 : %2" in French
            text = fill(self.tr("%1: %2"), notification.title, notification.body)
            show(f"alert-{notification.key}", text, level)
        QApplication.alert(self._window)
        self.shown.emit(notification.key)

    def withdraw(self, key: str) -> None:
        banner = getattr(self._window, "banner", None)
        if banner is not None:
            banner.clear_message(f"alert-{key}")


class TrayNotifier(Notifier):
    """Qt's own tray message: no buttons; a click opens."""

    def __init__(self, tray_icon: QSystemTrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = tray_icon
        self._last_key = ""
        tray_icon.messageClicked.connect(lambda: self.action_invoked.emit(self._last_key, OPEN))

    def notify(self, notification: Notification) -> None:
        self._last_key = notification.key
        kind = (
            QSystemTrayIcon.MessageIcon.Critical
            if notification.urgent
            else QSystemTrayIcon.MessageIcon.Information
        )
        self._icon.showMessage(notification.title, notification.body, kind, 15_000)
        self.shown.emit(notification.key)


class FreedesktopNotifier(Notifier):
    _clicked = Signal(str, str)  # from the D-Bus thread, queued to the GUI thread
    _accepted = Signal(str)

    BUS_NAME = "org.freedesktop.Notifications"
    PATH = "/org/freedesktop/Notifications"

    def __init__(self, app_name: str, parent: QObject | None = None) -> None:
        # Owned by Qt, never by Python alone: the bus thread holds it until it ends, and a
        # Qt object whose last Python reference goes on another thread is freed there.
        super().__init__(parent if parent is not None else QApplication.instance())
        self._app_name = app_name
        self._outbox: queue.Queue[Notification | _Withdraw | None] = queue.Queue()
        self._keys: dict[int, str] = {}
        self._early_clicks: dict[int, str] = {}
        self._resent: set[Notification] = set()
        self._withdrawn: set[int] = set()
        self._up: dict[str, int] = {}  # the notification up about each key: a new one replaces it
        self._staying: set[str] = set()  # keys of notifications that stay (Notification.stays)
        self._open_label = self.tr("Open")  # here, on the GUI thread; sent from the bus thread
        self._closed = False
        self._lock = threading.Lock()
        self._clicked.connect(self.action_invoked)
        self._accepted.connect(self.shown)
        self._thread = threading.Thread(target=self._run, name="notifications", daemon=True)
        self._thread.start()

    @classmethod
    def available(cls) -> bool:
        """True when a notification server owns its name on the session bus (quick check)."""
        if not sys.platform.startswith("linux"):
            return False
        try:
            from jeepney import DBusAddress, new_method_call
            from jeepney.io.blocking import open_dbus_connection

            with open_dbus_connection(bus="SESSION") as connection:
                bus = DBusAddress(
                    "/org/freedesktop/DBus",
                    bus_name="org.freedesktop.DBus",
                    interface="org.freedesktop.DBus",
                )
                reply = connection.send_and_get_reply(
                    new_method_call(bus, "NameHasOwner", "s", (cls.BUS_NAME,)), timeout=2
                )
                return bool(reply.body[0])
        except Exception as error:  # noqa: BLE001 - no bus, no jeepney, no server: unavailable
            log.info("no desktop notification server: %s", error)
            return False

    @classmethod
    def has_body_markup(cls) -> bool:
        """Whether the server renders markup in bodies (then ours must be escaped)."""
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(bus="SESSION") as connection:
            address = DBusAddress(cls.PATH, bus_name=cls.BUS_NAME, interface=cls.BUS_NAME)
            reply = connection.send_and_get_reply(
                new_method_call(address, "GetCapabilities"), timeout=2
            )
            return "body-markup" in reply.body[0]

    def notify(self, notification: Notification) -> None:
        """Shown in place of the one up about the same key (one notification per page, per
        audience); its Open in the language of the moment, not that of the start."""
        if not any(action == OPEN for action, _ in notification.actions):
            notification = replace(
                notification, actions=((OPEN, self.tr("Open")), *notification.actions)
            )
        if notification.stays:
            self._staying.add(notification.key)
        else:
            self._staying.discard(notification.key)
        self._outbox.put(notification)

    def withdraw(self, key: str) -> None:
        self._staying.discard(key)
        self._outbox.put(_Withdraw(key))

    def _close_notifications(
        self, router: Any, address: Any, new_method_call: Any, item: _Withdraw
    ) -> None:
        """CloseNotification for every notification shown about the key."""
        with self._lock:  # the ids stay known: a click already on its way is still routed
            ids = [nid for nid, key in self._keys.items() if key == item.key]
            ids = [nid for nid in ids if nid not in self._withdrawn]
            self._withdrawn.update(ids)
            self._up.pop(item.key, None)
        for nid in ids:
            message = new_method_call(address, "CloseNotification", "u", (nid,))
            try:
                router.send_and_get_reply(message, timeout=5)
            except TimeoutError:
                log.warning("notification %s not withdrawn", nid)

    def close(self) -> None:
        """At quit: a notification that stays exists only to open something in this app, so
        it goes with it (left up, its Open would do nothing and nothing would ever take it
        down); then the bus thread ends, given a moment to say so."""
        staying = sorted(self._staying)
        for key in staying:
            self.withdraw(key)
        self._closed = True
        self._outbox.put(None)
        if staying and self._thread is not threading.current_thread():
            self._thread.join(CLOSE_WAIT_S)

    # --- the D-Bus thread ----------------------------------------------------------------------

    def _run(self) -> None:
        try:
            from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
            from jeepney.io.threading import DBusRouter, Proxy, open_dbus_router
        except ImportError:
            log.warning("jeepney is missing: desktop notifications are off")
            return
        delay = RECONNECT_FIRST_S
        while True:
            try:
                with open_dbus_router(bus="SESSION") as router:
                    assert isinstance(router, DBusRouter)
                    rule = MatchRule(type="signal", interface=self.BUS_NAME, path=self.PATH)
                    Proxy(message_bus, router).AddMatch(rule)
                    with router.filter(rule, bufsize=64) as signals:
                        listener = threading.Thread(
                            target=self._listen,
                            args=(signals,),
                            name="notification-clicks",
                            daemon=True,
                        )
                        listener.start()
                        address = DBusAddress(
                            self.PATH, bus_name=self.BUS_NAME, interface=self.BUS_NAME
                        )
                        while (item := self._outbox.get()) is not None:
                            if isinstance(item, _Withdraw):
                                self._close_notifications(router, address, new_method_call, item)
                            else:
                                self._send(router, address, new_method_call, item)
                            delay = RECONNECT_FIRST_S
                        return  # closed
            except Exception:  # the bus went away: connect again, later
                log.exception("desktop notifications lost the session bus; reconnecting")
            if self._closed:
                return
            time.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_S)

    def _send(self, router: Any, address: Any, new_method_call: Any, item: Notification) -> None:
        actions: list[str] = []
        others = [(i, label) for i, label in item.actions if i != OPEN]  # "Open" is always there
        # the item's own Open was translated when it was asked for (notify, GUI thread)
        open_label = next((label for i, label in item.actions if i == OPEN), self._open_label)
        for action_id, label in ((OPEN, open_label), *others):
            actions += [action_id, clean_line(label, 64)]
        hints: dict[str, tuple[str, Any]] = {"urgency": ("y", 2 if item.urgent else 1)}
        if item.sound:
            hints["sound-name"] = ("s", "alarm-clock-elapsed")
        message = new_method_call(
            address,
            "Notify",
            "susssasa{sv}i",
            (
                self._app_name,
                self._up.get(item.key, 0) if item.key else 0,  # replaces the one up, if any
                "dialog-warning" if item.urgent else "dialog-information",
                clean_line(item.title, 200),  # no NUL or lone surrogate may reach the bus
                clean_line(item.body),
                actions,
                hints,
                0 if item.urgent or item.stays else 15_000,
            ),
        )
        try:
            reply = router.send_and_get_reply(message, timeout=5)
        except TimeoutError as error:  # a slow server must not stop us
            log.warning("notification not shown: %s", error)
            return
        except Exception:
            if item not in self._resent:  # once: an item that breaks the bus again is dropped
                self._resent.add(item)
                self._outbox.put(item)
            raise
        notification_id = int(reply.body[0])
        with self._lock:
            self._keys[notification_id] = item.key
            if item.key:
                self._up[item.key] = notification_id
            early = self._early_clicks.pop(notification_id, None)
        self._accepted.emit(item.key)
        if early is not None:
            self._clicked.emit(item.key, early)

    def _listen(self, signals: Any) -> None:
        while True:
            try:
                message = signals.get()
            except Exception:  # noqa: BLE001 - the router closed
                return
            member = message.header.fields.get(3)  # HeaderFields.member
            if member != "ActionInvoked":
                continue
            notification_id, action = message.body
            with self._lock:
                key = self._keys.get(int(notification_id))
                if key is None:
                    # The server can deliver a click before our Notify call has returned
                    # the notification's id: keep it until the id is known.
                    self._early_clicks[int(notification_id)] = str(action)
            if key is not None:
                self._clicked.emit(key, str(action))
