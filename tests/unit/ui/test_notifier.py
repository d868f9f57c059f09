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


def test_a_new_notification_about_the_same_key_replaces_the_one_up(qapp):
    """QA tour: two 'NOT acknowledged' notifications for one page sat side by side (one from
    the notification's Acknowledge, one from the terminal's ack)."""
    from oncall_desktop.ui.notifier import _Withdraw

    notifier = FreedesktopNotifier("test")
    try:
        router = Router()
        first = Notification(key="pagerduty:P1", title="NOT acknowledged", body="API down")
        notifier._send(router, None, new_method_call, first)
        notifier._send(router, None, new_method_call, first)  # refused again
        assert [sent[1] for sent in router.sent] == [0, 7]  # the second replaces the first
        notifier._send(router, None, new_method_call, Notification("other", "t", "b"))
        assert router.sent[-1][1] == 0  # another page's is its own
        notifier._close_notifications(router, None, new_method_call, _Withdraw("pagerduty:P1"))
        notifier._send(router, None, new_method_call, first)
        assert router.sent[-1][1] == 0  # withdrawn: a new one
    finally:
        notifier.close()


def test_open_is_in_the_language_of_the_moment_not_of_the_start(qapp):
    """QA tour: after a live switch to English, new notifications still said 'Ouvrir'."""
    from oncall_desktop.ui.translations import install_translators

    install_translators(qapp, "fr")
    notifier = FreedesktopNotifier("test")
    notifier.close()  # its bus thread ends: what is asked stays queued here, where it is read
    notifier._thread.join(10)
    try:
        install_translators(qapp, "en")  # switched while the app runs
        while not notifier._outbox.empty():
            notifier._outbox.get_nowait()
        notifier.notify(Notification(key="k", title="t", body="b"))
        item = notifier._outbox.get_nowait()
        router = Router()
        notifier._send(router, None, new_method_call, item)
        assert router.sent[0][5][:2] == ["default", "Open"]
    finally:
        install_translators(qapp, "en")
        notifier.close()


def test_a_notification_that_stays_has_no_expiry_on_the_bus(qapp):
    """Second QA tour: the 'Acknowledged · open it' follow-up went out with a 15 s expiry, so a
    desktop that honours it dropped the only Open left."""
    notifier = FreedesktopNotifier("test")
    try:
        router = Router()
        notifier._send(router, None, new_method_call, Notification("a", "passing", "b"))
        notifier._send(router, None, new_method_call, Notification("b", "t", "b", stays=True))
        assert [sent[7] for sent in router.sent] == [15_000, 0]
    finally:
        notifier.close()


def test_at_quit_a_notification_that_stays_is_taken_down(qapp, monkeypatch, tmp_path):
    """Second QA tour: after a restart the old follow-up was never closed, its Open dead."""
    from oncall_desktop.ui.notifier import _Withdraw

    # no bus to reach: what the notifier sends stays in its queue, to be read here
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    notifier = FreedesktopNotifier("test")
    notifier.notify(Notification("pagerduty:P1", "Acknowledged · open it", "b", stays=True))
    notifier.notify(Notification("pagerduty:P2", "Acknowledged · open it", "b", stays=True))
    notifier.withdraw("pagerduty:P2")  # opened meanwhile
    notifier.notify(Notification("pagerduty:P3", "High urgency", "b", urgent=True))
    queued = []
    notifier.close()
    while not notifier._outbox.empty():
        queued.append(notifier._outbox.get_nowait())
    withdrawn = [item.key for item in queued if isinstance(item, _Withdraw)]
    assert withdrawn == ["pagerduty:P2", "pagerduty:P1"]  # the page alert itself stays up
