"""Test-wide setup: no test touches the developer's real config, data, keyring or display."""

import os
import sys

# Before any Qt import: in-process GUI tests run offscreen. The real X server tests start the
# app as a separate process (tests/desktop); the screenshot run (tests/desktop/
# test_screenshots.py) is such a process, on the X server it started.
if not os.environ.get("ONCALL_SCREENSHOTS"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("ONCALL_DATABASE_URL", None)

import pytest

from oncall_desktop.core.clock import FakeClock
from oncall_desktop.core.policy_file import load_policy

# the built-in destinations and sources, as the app's composition root loads them
from oncall_desktop.integrations import builtins  # noqa: F401


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Config, data and logs of every test go to its own temporary folder."""
    monkeypatch.setenv("ONCALL_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ONCALL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ONCALL_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def policy():
    return load_policy().policy


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, freeing Qt objects on the GUI thread only, as the app does
    (services/lifetime.py): Python's cycle collector running on a worker freed widgets there,
    and in-process runs died with SIGSEGV."""
    from oncall_desktop.services.lifetime import collect_garbage_on_gui_thread

    collect_garbage_on_gui_thread(qapp)
    return qapp


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item):
    """A test that never ran the event loop left its garbage to this thread's collector."""
    lifetime = sys.modules.get("oncall_desktop.services.lifetime")  # no Qt for pure tests
    if lifetime is not None:
        lifetime.collect_due()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
        if "postgres_url" in getattr(item, "fixturenames", ()) or "[postgresql]" in item.nodeid:
            item.add_marker(pytest.mark.postgres)
        if "alertmanager" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.alertmanager)


_REAL_SERVICES = ("postgres", "desktop", "keyring", "alertmanager")
_service_outcomes: dict[str, dict[str, int]] = {m: {} for m in _REAL_SERVICES}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        for marker in _REAL_SERVICES:
            if marker in report.keywords:
                counts = _service_outcomes[marker]
                counts[report.outcome] = counts.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter):
    """Say plainly which real services the run exercised (PostgreSQL, the X server with its
    tray host, the Secret Service), so a green run cannot hide that they were skipped."""
    terminalreporter.section("real services exercised")
    labels = {
        "postgres": "PostgreSQL server",
        "desktop": "Xvfb + tray host + D-Bus",
        "keyring": "Secret Service (gnome-keyring)",
        "alertmanager": "Prometheus Alertmanager",
    }
    for marker in _REAL_SERVICES:
        counts = _service_outcomes[marker]
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())) or "none"
        terminalreporter.write_line(f"{labels[marker]}: {summary}")
    from tests.helpers.services import FIGURES

    for line in terminalreporter.config.stash.get(FIGURES, []):
        terminalreporter.write_line(line)


# --- databases ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server: ONCALL_TEST_POSTGRES_URL (as .ci/run sets it) or a throwaway
    cluster started here. Skipped when neither can be had, except in CI where it fails."""
    from tests.helpers.services import PostgresServer, ThrowawayPostgres, unavailable

    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install -e '.[test]')")
    url = os.environ.get("ONCALL_TEST_POSTGRES_URL")
    cluster = None
    if not url:
        cluster = ThrowawayPostgres()
        try:
            url = cluster.start()
        except Exception as error:  # noqa: BLE001 - any failure means "no server here"
            cluster.stop()
            unavailable(f"no PostgreSQL server: {error}")
    server = PostgresServer(url)
    try:
        server.wait_ready()
    except Exception as error:  # noqa: BLE001 - reported as unavailable
        unavailable(f"PostgreSQL at {url} is not answering: {error}")
    yield server
    server.close()
    if cluster:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_server):
    name, url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """Each test using this runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        from oncall_desktop.storage.db import sqlite_url

        return sqlite_url(tmp_path / "data" / "oncall.sqlite3")
    return request.getfixturevalue("postgres_url")


# --- fake services on 127.0.0.1 -----------------------------------------------------------------


@pytest.fixture
def pagerduty():
    """A contract-checked fake PagerDuty. Fails the test if a request or an answer broke the
    official spec and the test did not take the violation itself."""
    from tests.helpers.contracts import pagerduty_contract
    from tests.helpers.fake_pagerduty import FakePagerDuty

    fake = FakePagerDuty(pagerduty_contract()).start()
    yield fake
    fake.stop()
    violations = fake.take_violations()
    assert not violations, "contract violations:\n" + "\n".join(violations)


@pytest.fixture
def smtp():
    """A fake SMTP server, checked against the protocol contract written down in
    tests/helpers/fake_smtp.py."""
    from tests.helpers.fake_smtp import FakeSmtp

    fake = FakeSmtp().start()
    yield fake
    fake.stop()
    violations = fake.take_violations()
    assert not violations, "protocol violations:\n" + "\n".join(violations)


@pytest.fixture
def teams():
    """A fake Microsoft Teams Workflows webhook, checked against the payload contract written
    down in tests/helpers/fake_teams.py."""
    from tests.helpers.fake_teams import FakeTeams

    fake = FakeTeams().start()
    yield fake
    fake.stop()
    violations = fake.take_violations()
    assert not violations, "contract violations:\n" + "\n".join(violations)


@pytest.fixture
def slack():
    """A contract-checked fake Slack Web API (base URL: ``slack.url``)."""
    from tests.helpers.fake_slack import FakeSlack, slack_contract

    fake = FakeSlack(slack_contract()).start()
    yield fake
    fake.stop()
    violations = fake.take_violations()
    assert not violations, "contract violations:\n" + "\n".join(violations)


# --- real Prometheus Alertmanager on 127.0.0.1 ------------------------------------------------


@pytest.fixture
def alertmanager():
    """Debian's prometheus-alertmanager, started for the test with a throwaway config and
    storage on a free port (``alertmanager.url``), stopped after. Skipped when it is not
    installed (apt-get install prometheus-alertmanager), except in CI where it fails."""
    from tests.helpers.services import ThrowawayAlertmanager, unavailable

    server = ThrowawayAlertmanager()
    if server.bin is None:
        unavailable("prometheus-alertmanager is not installed (apt-get install it)")
    try:
        server.start()
    except Exception as error:  # noqa: BLE001 - any failure means "no server here"
        server.stop()
        unavailable(f"prometheus-alertmanager did not start: {error}")
    yield server
    server.stop()
