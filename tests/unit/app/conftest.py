"""The app assembled in-process (offscreen: no tray), with a real SQLite database."""

import pytest

from oncall_desktop.app.container import build_shell
from oncall_desktop.config.schema import Settings
from oncall_desktop.config.store import SettingsStore
from oncall_desktop.core.policy_file import load_policy
from oncall_desktop.integrations.secrets import InMemorySecretStore
from oncall_desktop.storage.db import open_database, sqlite_url


@pytest.fixture
def shell(qapp, tmp_path, clock):
    """The app without its database, as it is in the first instants after launch."""
    ctx = build_shell(
        qapp,
        Settings(),
        load_policy(),
        clock,
        [],
        SettingsStore(tmp_path / "config"),
        InMemorySecretStore(),
    )
    yield ctx
    ctx.dispose()


@pytest.fixture
def context(qapp, qtbot, tmp_path, clock):
    """The app with its database open and its incidents read, as a user finds it."""
    contexts = []

    def make(settings=None, problems=(), policy_file=None, secrets=None, notifier=None, tray=None):
        """``notifier``: shows the notifications from the start (before the database opens);
        ``tray``: True for a tray icon though offscreen has no tray host (its menu driven by
        hand)."""
        settings = settings or Settings()
        ctx = build_shell(
            qapp,
            settings,
            load_policy(policy_file),
            clock,
            list(problems),
            SettingsStore(tmp_path / "config"),
            secrets or InMemorySecretStore(),
            tray_icon=tray,
        )
        ctx.drafts_dir = tmp_path / "drafts"
        if notifier is not None:
            ctx.controller.notifications.use(notifier)
        ctx.attach_database(open_database(sqlite_url(tmp_path / "oncall.sqlite3")))
        contexts.append(ctx)
        qtbot.waitUntil(lambda: ctx.incidents.listed, timeout=10_000)
        return ctx

    yield make
    for ctx in contexts:
        ctx.dispose()


class RecordingNotifier:
    """Stands in for the desktop: records what would be shown, and taken off the screen."""

    def __init__(self):
        from oncall_desktop.ui.notifier import Notifier

        self.notifier = Notifier()
        self.shown = []
        self._screen = []  # what is up, as the desktop would have it
        self.notifier.notify = self._notify
        self.notifier.withdraw = self._withdraw

    def _notify(self, notification):
        self.shown.append(notification)
        # one notification up per key: a new one replaces it (the notifier's replaces_id)
        self._screen = [n for n in self._screen if not (n.key and n.key == notification.key)]
        self._screen.append(notification)

    def _withdraw(self, key):
        self._screen = [n for n in self._screen if n.key != key]

    def on_screen(self):
        """The notifications shown and not withdrawn since (withdrawing a key takes off every
        notification about it, as the desktop does)."""
        return list(self._screen)


# --- a room built alone: its real services on a throwaway SQLite store ---------------------------


@pytest.fixture
def database(tmp_path):
    db = open_database(sqlite_url(tmp_path / "room.sqlite3"))
    yield db
    db.close()


@pytest.fixture
def runner(qapp, database):
    """Real workers; waited for before the database closes."""
    from oncall_desktop.services.tasks import TaskRunner

    tasks = TaskRunner()
    yield tasks
    tasks.wait(10_000)


@pytest.fixture
def preferences(qapp):
    from oncall_desktop.app.collaborators import Preferences

    return Preferences(Settings(language="en", team_timezone="UTC"))


def connected_to_pagerduty(context, pagerduty, **settings):
    """The app with the fake PagerDuty's token in its keyring and its address in the settings
    (English unless said), as a user who has set it up finds it."""
    from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN

    secrets = InMemorySecretStore()
    secrets.set(PAGERDUTY_TOKEN, pagerduty.token)
    settings = {"language": "en", **settings}
    return context(settings=Settings(pagerduty_base_url=pagerduty.url, **settings), secrets=secrets)
