"""A stand-in desktop on a private D-Bus session bus, for the tray tests.

It owns ``org.kde.StatusNotifierWatcher`` (so Qt sees a tray host and registers its icon as a
StatusNotifierItem) and ``org.freedesktop.Notifications`` (so Qt's tray notifications arrive
here). Every call is appended as a JSON line to the file named on the command line. A test-only
``org.oncall.TestControl`` interface lets a test click or close a notification.

Usage: python fake_desktop.py EVENTS.jsonl   (prints READY once both names are owned)
"""

import asyncio
import json
import sys
import time

from dbus_fast import PropertyAccess
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, dbus_property, method, signal

EVENTS_FILE = sys.argv[1]


def record(**event):
    event["t"] = time.time()
    with open(EVENTS_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(event) + "\n")


class StatusNotifierWatcher(ServiceInterface):
    def __init__(self):
        super().__init__("org.kde.StatusNotifierWatcher")
        self.items = []

    @method()
    def RegisterStatusNotifierItem(self, service: "s"):  # noqa: F821
        self.items.append(service)
        record(event="RegisterStatusNotifierItem", service=service)
        self.StatusNotifierItemRegistered(service)

    @method()
    def RegisterStatusNotifierHost(self, service: "s"):  # noqa: F821
        record(event="RegisterStatusNotifierHost", service=service)

    @signal()
    def StatusNotifierItemRegistered(self, service: "s") -> "s":  # noqa: F821
        return service

    @dbus_property(access=PropertyAccess.READ)
    def RegisteredStatusNotifierItems(self) -> "as":  # noqa: F722
        return self.items

    @dbus_property(access=PropertyAccess.READ)
    def IsStatusNotifierHostRegistered(self) -> "b":  # noqa: F821
        return True

    @dbus_property(access=PropertyAccess.READ)
    def ProtocolVersion(self) -> "i":  # noqa: F821
        return 0


class Notifications(ServiceInterface):
    def __init__(self):
        super().__init__("org.freedesktop.Notifications")
        self.last_id = 0

    @method()
    def Notify(
        self,
        app_name: "s",  # noqa: F821
        replaces_id: "u",  # noqa: F821
        app_icon: "s",  # noqa: F821
        summary: "s",  # noqa: F821
        body: "s",  # noqa: F821
        actions: "as",  # noqa: F722
        hints: "a{sv}",  # noqa: F722
        expire_timeout: "i",  # noqa: F821
    ) -> "u":  # noqa: F821
        self.last_id += 1
        record(
            event="Notify",
            id=self.last_id,
            app_name=app_name,
            summary=summary,
            body=body,
            actions=list(actions),
            hints=sorted(hints),
            expire_timeout=expire_timeout,
        )
        return self.last_id

    @method()
    def GetCapabilities(self) -> "as":  # noqa: F722
        return ["body", "actions"]

    @method()
    def GetServerInformation(self) -> "ssss":  # noqa: F821
        return ["fake-desktop", "oncall-desktop tests", "1.0", "1.2"]

    @method()
    def CloseNotification(self, id: "u"):  # noqa: F821
        record(event="CloseNotification", id=id)

    @signal()
    def NotificationClosed(self, id: "u", reason: "u") -> "uu":  # noqa: F821
        return [id, reason]

    @signal()
    def ActionInvoked(self, id: "u", action_key: "s") -> "us":  # noqa: F821
        return [id, action_key]


class TestControl(ServiceInterface):
    def __init__(self, notifications):
        super().__init__("org.oncall.TestControl")
        self.notifications = notifications

    @method()
    def Click(self, id: "u", action_key: "s"):  # noqa: F821
        self.notifications.ActionInvoked(id, action_key)


async def main():
    bus = await MessageBus().connect()
    notifications = Notifications()
    bus.export("/StatusNotifierWatcher", StatusNotifierWatcher())
    bus.export("/org/freedesktop/Notifications", notifications)
    bus.export("/org/oncall/TestControl", TestControl(notifications))
    await bus.request_name("org.kde.StatusNotifierWatcher")
    await bus.request_name("org.freedesktop.Notifications")
    print("READY", flush=True)
    await bus.wait_for_disconnect()


asyncio.run(main())
