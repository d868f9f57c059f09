"""What the notifier puts on the session bus (issue 15, item 11)."""

from oncall_desktop.ui.notifier import FreedesktopNotifier, Notification


class Router:
    def __init__(self, fail: Exception | None = None) -> None:
        self.sent = []
        self.fail = fail

    def send_and_get_reply(self, message, timeout):
        if self.fail is not None:
            raise self.fail
        self.sent.append(message)

        class Reply:
            body = (7,)

        return Reply()


def new_method_call(address, method, signature, body):
    return body


def test_no_nul_or_lone_surrogate_reaches_the_bus(qapp):
    notifier = FreedesktopNotifier("test")
    try:
        router = Router()
        item = Notification(key="k", title="API\x00 down\udc80", body="line\nnext\x00")
        notifier._send(router, None, new_method_call, item)
        body = router.sent[0]
        assert body[3] == "API down\ufffd" and body[4] == "line next"
    finally:
        notifier.close()


def test_a_broken_connection_resends_the_item_once(qapp):
    import pytest

    notifier = FreedesktopNotifier("test")
    try:
        item = Notification(key="k", title="t", body="b")
        broken = Router(fail=ConnectionResetError("bus gone"))
        with pytest.raises(ConnectionResetError):
            notifier._send(broken, None, new_method_call, item)
        assert notifier._outbox.get_nowait() == item  # queued again for the new connection
        with pytest.raises(ConnectionResetError):
            notifier._send(broken, None, new_method_call, item)
        assert notifier._outbox.empty()  # not twice: an item that breaks the bus is dropped
    finally:
        notifier.close()


def test_open_is_offered_once_even_when_the_item_names_it(qapp):
    """A colleague's SEV-1 showed "Open" twice (the notifier always offers it, and the team
    news named it too)."""
    from oncall_desktop.ui.notifier import OPEN

    notifier = FreedesktopNotifier("test")
    try:
        router = Router()
        item = Notification(
            key="incident:7",
            title="SEV-1 declared by Ben",
            body="API down",
            actions=((OPEN, "Open"), ("acknowledge", "Acknowledge")),
        )
        notifier._send(router, None, new_method_call, item)
        assert router.sent[0][5] == ["default", "Open", "acknowledge", "Acknowledge"]
    finally:
        notifier.close()
