"""The executive summary in the user's mail client (no mail server in Settings), issue 24 item 4:
the mail counts only once a client opened and the user says it went; the ``mailto:`` names the
executives; a client that cannot open is said in the cockpit, and nothing is asked."""

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox

from oncall_desktop.config.schema import Settings
from oncall_desktop.core.compose import MessageKind
from oncall_desktop.core.incident import EventKind
from oncall_desktop.core.policy import Severity
from oncall_desktop.ui.windows import composer_dialog


@pytest.fixture
def cockpit(qtbot, context, monkeypatch, tmp_path):
    override = tmp_path / "policy.toml"
    override.write_text('[executive_mail]\nto = ["cto@example.com", "ceo@example.com"]\n')
    ctx = context(settings=Settings(language="en"), policy_file=override)
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("Payments down", Severity.SEV1, "all users")
    incident_id = declared.args[0].id
    qtbot.waitUntil(lambda: incident_id in ctx.controller.cockpits, timeout=5000)

    def send(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData(MessageKind.EXECUTIVE.value))
        assert dialog.boxes["executive_mail"].isChecked() and not dialog.boxes["slack"].isChecked()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(composer_dialog.ComposerDialog, "exec", send)
    return ctx, incident_id


def mails(ctx) -> int:
    """The executive mails the incident's timeline counts as sent (as the incidents list has
    it: read after the declaration, it may still be empty)."""
    return sum(
        e.data.get("audience") == "executive" and e.data.get("channel") == "mail"
        for incident in ctx.incidents.active
        for e in incident.events(EventKind.UPDATE_SENT)
    )


def mailed(ctx) -> bool:
    return mails(ctx) > 0


def written_since(qtbot, ctx, incident_id):
    """A note written now and seen back: what was asked of the database before it is done
    (writes go in order), so what did not happen by then will not (no quiet wait)."""
    ctx.incidents.add_note(incident_id, "checkpoint")
    qtbot.waitUntil(lambda: "checkpoint" in repr(ctx.incidents.active), timeout=20_000)


def test_no_mail_client_is_said_in_the_cockpit_and_nothing_is_asked(qtbot, cockpit, monkeypatch):
    ctx, incident_id = cockpit
    window = ctx.controller.cockpits[incident_id]
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes),
    )
    ctx.controller.cockpit_controller.compose(incident_id, "executive")
    assert asked == []  # "Was it sent?" when no mail client opened: no
    assert "No mail client could be opened" in window.problem_label.text()
    assert window.problem_label.isVisibleTo(window)
    assert "mail" not in ctx.window.banner.texts()  # in the cockpit, not the main window
    written_since(qtbot, ctx, incident_id)
    assert not mailed(ctx)  # the countdown did not restart
    from PySide6.QtGui import QGuiApplication

    assert "Payments down" in QGuiApplication.clipboard().text()


def test_the_mail_client_gets_the_executives_and_counts_once_confirmed(qtbot, cockpit, monkeypatch):
    ctx, incident_id = cockpit
    window = ctx.controller.cockpits[incident_id]
    opened = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()) or True)
    )
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    parents = []

    def question(parent, *args, **kwargs):
        parents.append(parent)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    ctx.controller.cockpit_controller.compose(incident_id, "executive")
    assert opened[0].startswith("mailto:cto@example.com,ceo@example.com?subject=")
    assert parents == [window]  # asked in the cockpit
    ctx.controller.cockpit_controller.compose(incident_id, "executive")
    qtbot.waitUntil(lambda: mailed(ctx), timeout=20_000)
    assert mails(ctx) == 1  # the one confirmed; the first, not confirmed, counted nothing


def test_the_no_mail_client_problem_goes_once_the_summary_is_marked_sent(
    qtbot, cockpit, monkeypatch
):
    """Mailed by hand from the clipboard, then Mark sent: the red "No mail client could be
    opened…" left the cockpit only with the next problem. It goes once the executive update is
    recorded sent; another audience's update leaves it."""
    from oncall_desktop.core.policy import Audience

    ctx, incident_id = cockpit
    window = ctx.controller.cockpits[incident_id]
    window.show()
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    ctx.controller.cockpit_controller.compose(incident_id, "executive")
    assert "No mail client could be opened" in window.problem_label.text()
    rows = window.clocks.audience_rows
    rows[Audience.STATUS_PAGE].mark_sent.click()  # the status page's, not the executives'
    qtbot.waitUntil(
        lambda: any(
            e.data.get("audience") == "status_page"
            for e in window.incident.events(EventKind.UPDATE_SENT)
        ),
        timeout=20_000,
    )
    assert window.problem_label.isVisibleTo(window)
    rows[Audience.EXECUTIVE].mark_sent.click()
    qtbot.waitUntil(lambda: not window.problem_label.isVisibleTo(window), timeout=20_000)
    assert window.problem_label.text() == ""
