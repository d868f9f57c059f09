"""Who I am (app/identity.py): PagerDuty's name, or asked once; never the OS login name. The
room alone (stand-in alert sources, a real main window and name dialog), then in the
assembled app."""

import getpass
from dataclasses import replace

import pytest
from PySide6.QtCore import QObject, Signal

from oncall_desktop.config.schema import Settings
from oncall_desktop.config.store import SettingsStore
from oncall_desktop.core.incident import EventKind
from oncall_desktop.core.policy import Severity
from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN, InMemorySecretStore
from oncall_desktop.integrations.sources import Me
from oncall_desktop.services.poller import PollState, PollStatus
from tests.helpers.dialogs import answer_dialogs


def _declared_cockpit(qtbot, ctx):
    with qtbot.waitSignal(ctx.incidents.incident_declared, timeout=5000) as declared:
        ctx.incidents.declare("API down", Severity.SEV1, "100%")
    incident = declared.args[0]
    qtbot.waitUntil(lambda: incident.id in ctx.controller.cockpits, timeout=5000)
    return incident, ctx.controller.cockpits[incident.id]


def _capture_oncall(monkeypatch):
    from oncall_desktop.ui.windows import composer_dialog

    signed = []
    monkeypatch.setattr(
        composer_dialog.ComposerDialog,
        "ask",
        classmethod(lambda cls, *args, **kwargs: signed.append(args[5])),
    )
    return signed


def _type_name(name):
    def answer(dialog):
        assert dialog.objectName() == "name-dialog"
        dialog.name.setText(name)
        dialog.save_button.click()

    return answer


# --- the room alone ---------------------------------------------------------------------------


class Sources(QObject):
    """Stands in for the alert sources' poller: PagerDuty's status and who its token names."""

    status_changed = Signal(object)

    def __init__(self, status=None, me=None):
        super().__init__()
        self.status, self.who = status, me

    def status_of(self, source):
        return self.status if source == "pagerduty" else None

    def me(self, source):
        return self.who if source == "pagerduty" else None


@pytest.fixture
def make_identity(qapp):
    from oncall_desktop.app.collaborators import Preferences
    from oncall_desktop.app.identity import Identity
    from oncall_desktop.ui.windows.main_window import MainWindow

    windows = []

    def make(sources, name=""):
        preferences = Preferences(Settings(language="en", engineer_name=name))
        window = MainWindow("en", None)
        windows.append(window)
        identity = Identity(preferences, sources, window)
        # as the settings room keeps it (the composition root connects the two)
        identity.name_chosen.connect(
            lambda chosen: preferences.replace(replace(preferences.settings, engineer_name=chosen))
        )
        return identity

    yield make
    for window in windows:
        window.deleteLater()


def test_alone_pagerduty_names_me_and_nothing_is_asked(qtbot, make_identity):
    sources = Sources(PollStatus(PollState.CONNECTING))
    identity = make_identity(sources)
    identity.start(ask=True)
    assert identity.asking is None  # waits for PagerDuty's answer
    sources.who = Me("P1", "  Alice  ", "alice@example.com")
    with qtbot.waitSignal(identity.name_chosen) as chosen:
        sources.status_changed.emit(PollStatus(PollState.OK))
    assert chosen.args == ["Alice"] and identity.named
    assert "Alice" in identity.window.banner.texts()["your-name"]
    assert identity.asking is None


def test_alone_without_pagerduty_the_first_start_asks_once(qtbot, make_identity):
    identity = make_identity(Sources(status=None))  # no PagerDuty at all
    identity.start(ask=True)
    dialog = identity.asking
    assert dialog is not None and not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.name, "  Ana   Lopez ")
    with qtbot.waitSignal(identity.name_chosen) as chosen:
        dialog.save_button.click()
    assert chosen.args == ["Ana Lopez"] and identity.asking is None
    identity.on_poll_status(PollStatus(PollState.TOKEN_REJECTED))
    assert identity.asking is None  # asked once per start


def test_alone_a_name_in_settings_is_never_replaced_nor_asked(qtbot, make_identity):
    sources = Sources(PollStatus(PollState.OK), Me("P1", "Alice", "alice@example.com"))
    identity = make_identity(sources, name="Ana")
    chosen = []
    identity.name_chosen.connect(chosen.append)
    identity.start(ask=True)
    assert chosen == [] and identity.asking is None
    identity.ensure_named(identity.window)  # known: nothing asked before a post
    assert identity.preferences.actor == "Ana"


# --- in the assembled app ------------------------------------------------------------------------


def test_nothing_is_signed_with_the_login_name(qtbot, context, monkeypatch):
    ctx = context(settings=Settings(language="en"))
    assert ctx.controller.actor == "" != getpass.getuser()
    incident, _window = _declared_cockpit(qtbot, ctx)
    assert incident.timeline[0].actor == ""
    signed = _capture_oncall(monkeypatch)
    ctx.controller.cockpit_controller.compose(incident.id, "internal")  # no dialogs: a test
    assert signed == [""]  # the post says "On-Call: —"


def test_the_pagerduty_name_is_learned_kept_and_signs_from_then_on(
    qtbot, context, pagerduty, tmp_path
):
    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    ctx = context(
        settings=Settings(language="en", pagerduty_base_url=pagerduty.url), secrets=secrets
    )
    ctx.controller.identity.start(ask=True)
    ctx.poller.start()
    qtbot.waitUntil(lambda: ctx.controller.settings.engineer_name == "Alice", timeout=8000)
    assert ctx.controller.identity.asking is None  # PagerDuty named me: nothing asked
    assert SettingsStore(tmp_path / "config").load().settings.engineer_name == "Alice"
    assert "Alice" in ctx.window.banner.texts()["your-name"]
    assert ctx.controller.actor == "Alice" and ctx.incidents.actor == "Alice"
    incident, _window = _declared_cockpit(qtbot, ctx)
    assert incident.timeline[0].actor == "Alice"


def test_without_pagerduty_the_first_start_asks_once_and_keeps_the_answer(qtbot, context, tmp_path):
    ctx = context(settings=Settings(language="en"))
    identity = ctx.controller.identity
    identity.start(ask=True)
    ctx.poller.start()  # no token: PagerDuty cannot name me
    qtbot.waitUntil(lambda: identity.asking is not None, timeout=5000)
    dialog = identity.asking
    assert not dialog.save_button.isEnabled()  # an empty name is no answer
    qtbot.keyClicks(dialog.name, "  Ana   Lopez ")
    dialog.save_button.click()
    assert identity.asking is None
    assert ctx.controller.settings.engineer_name == "Ana Lopez"
    assert SettingsStore(tmp_path / "config").load().settings.engineer_name == "Ana Lopez"
    assert ctx.incidents.actor == "Ana Lopez"
    with qtbot.waitSignal(ctx.poller.status_changed, timeout=10_000):
        ctx.poller.poll_now()  # another poll without a token (its answer waited for) ...
    assert identity.asking is None  # ... asks nothing more


def test_later_leaves_the_name_unknown_and_a_post_then_asks_for_it(qtbot, context, monkeypatch):
    ctx = context(settings=Settings(language="en"))
    identity = ctx.controller.identity
    identity.start(ask=True)  # the poller not started: the question waits for PagerDuty
    assert identity.asking is None
    incident, _window = _declared_cockpit(qtbot, ctx)
    signed = _capture_oncall(monkeypatch)
    seen = answer_dialogs(lambda dialog: dialog.reject())  # Later
    ctx.controller.cockpit_controller.compose(incident.id, "internal")
    assert seen == ["Your name"] and signed == [""]
    answer_dialogs(_type_name("Ana"))
    ctx.controller.cockpit_controller.compose(incident.id, "internal")
    assert signed == ["", "Ana"] and ctx.controller.settings.engineer_name == "Ana"
    ctx.controller.cockpit_controller.compose(incident.id, "internal")  # known: not asked
    assert signed == ["", "Ana", "Ana"]
    ctx.incidents.add_note(incident.id, "checked the load balancer")
    qtbot.waitUntil(
        lambda: bool(ctx.controller.cockpits[incident.id].incident.events(EventKind.NOTE)),
        timeout=5000,
    )
    assert ctx.controller.cockpits[incident.id].incident.events(EventKind.NOTE)[-1].actor == "Ana"


def test_a_name_set_in_settings_signs_at_once(qtbot, context):
    ctx = context(settings=Settings(language="en", engineer_name="Ana"))
    assert ctx.incidents.actor == "Ana"
    ctx.controller.settings_controller.apply_settings(
        Settings(language="en", engineer_name="Ben"), {}
    )
    assert ctx.controller.actor == ctx.incidents.actor == ctx.outbox.actor == "Ben"
