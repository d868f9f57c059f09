from oncall_desktop.core.paging import Page
from oncall_desktop.ui.tray import Tray, menu_text


def page(pid, title, status="triggered", urgency="high"):
    return Page(pid, 1, title, status, urgency, "svc", None, "")


def test_menu_text_is_literal_and_short():
    # no '&' reaches the menu: Qt's dbusmenu export turned 'AT&&T' into 'AT_&T' in the tray
    assert menu_text("AT&T <b>down</b>") == "AT\uff06T <b>down</b>"
    assert len(menu_text("x" * 200)) == 60
    assert menu_text("multi\nline\ttitle") == "multi line title"


def test_pages_listed_triggered_first_with_actions(qtbot, qapp):
    tray = Tray()
    tray.set_pages([page("A", "acked one", "acknowledged"), page("B", "<b>new</b> & hot")])
    entries = tray._page_entries
    assert [e[1].title() for e in entries] == ["🔴 <b>new</b> \uff06 hot", "🟠 acked one"]
    triggered_actions = [a.text() for a in entries[0][1].actions()]
    assert triggered_actions == ["Acknowledge", "Open"]
    assert [a.text() for a in entries[1][1].actions()] == ["Open"]
    with qtbot.waitSignal(tray.acknowledge_requested) as blocker:
        entries[0][1].actions()[0].trigger()
    assert blocker.args == ["pagerduty:B"]
    tray.set_pages([])
    assert tray._page_entries == []


def test_the_menu_entries_emit_their_signals(qtbot, qapp):
    """Each fixed entry of the menu emits its signal (a signal handed to addAction as the slot
    is called, not emitted: "native Qt signal instance is not callable")."""
    tray = Tray()
    entries = {action.text(): action for action in tray.menu.actions()}
    for text, signal in (
        ("Open On-call Desktop", tray.open_requested),
        ("Declare incident…", tray.declare_requested),
        ("Settings…", tray.settings_requested),
        ("Quit", tray.quit_requested),
    ):
        with qtbot.waitSignal(signal, timeout=10_000):
            entries[text].trigger()
    snooze = entries["Snooze low-urgency alerts"].menu()
    for action, minutes in zip(snooze.actions(), (30, 60, 0), strict=True):
        with qtbot.waitSignal(tray.snooze_requested, timeout=10_000) as blocker:
            action.trigger()
        assert blocker.args == [minutes]
    tray.set_pages([page("B", "hot")])
    with qtbot.waitSignal(tray.open_page_requested, timeout=10_000) as blocker:
        tray._page_entries[0][1].actions()[1].trigger()
    assert blocker.args == ["pagerduty:B"]
