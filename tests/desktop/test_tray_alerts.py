"""A page reaches the desktop as a notification; its buttons act on PagerDuty. The real app
process, the real Secret Service, the contract-checked fake PagerDuty, a real X server."""

import json
import sqlite3
import subprocess

import pytest

from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN
from tests.desktop.test_app_on_desktop import exit_report, launch, log_of, stop
from tests.helpers.desktop import wait_for
from tests.helpers.fake_pagerduty import ME_EMAIL

pytestmark = [pytest.mark.desktop, pytest.mark.keyring, pytest.mark.slow]

HOSTILE = '<b>API</b> down & <a href="https://evil.example">click</a> <!channel>'


def configure(tmp_path, pagerduty):
    config = tmp_path / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(
        json.dumps(
            {
                "pagerduty_base_url": pagerduty.url,
                "pagerduty_poll_seconds": 5,
                "engineer_name": "Alice",
            }
        )
    )


def notifications(desktop, body=None):
    return [
        e
        for e in desktop.events()
        if e["event"] == "Notify" and (body is None or e["body"] == body)
    ]


def click(desktop, notification_id, action):
    subprocess.run(
        [
            "dbus-send",
            "--session",
            "--type=method_call",
            "--dest=org.freedesktop.Notifications",
            "/org/oncall/TestControl",
            "org.oncall.TestControl.Click",
            f"uint32:{notification_id}",
            f"string:{action}",
        ],
        env=desktop.env(),
        check=True,
        timeout=10,
    )


def test_page_notifies_and_acknowledges_from_the_notification(desktop, tmp_path, pagerduty):
    desktop.store_secret(PAGERDUTY_TOKEN, pagerduty.token)
    configure(tmp_path, pagerduty)
    incident = pagerduty.add_incident(HOSTILE)
    app = launch(desktop, tmp_path)
    try:
        shown = wait_for(lambda: notifications(desktop, HOSTILE), timeout=20)
        assert shown, f"no notification; log:\n{log_of(tmp_path)}"
        note = shown[-1]
        assert note["summary"].startswith("🔴 High urgency")
        assert note["actions"][:4] == ["default", "Open", "acknowledge", "Acknowledge"]
        assert "sound-name" in note["hints"] and "urgency" in note["hints"]
        click(desktop, note["id"], "acknowledge")
        assert wait_for(
            lambda: pagerduty.requests_to("PUT", f"/incidents/{incident}"), timeout=15
        ), "the acknowledge never reached PagerDuty"
        put = pagerduty.requests_to("PUT", f"/incidents/{incident}")[0]
        assert put.headers["From"] == ME_EMAIL
        assert wait_for(
            lambda: pagerduty.incidents[incident]["status"] == "acknowledged", timeout=10
        )
        # handled: the notification is taken off the screen (CloseNotification over D-Bus)
        assert wait_for(
            lambda: [
                e
                for e in desktop.events()
                if e["event"] == "CloseNotification" and e["id"] == note["id"]
            ],
            timeout=10,
        ), "the handled notification stayed on screen"
        # "Open" creates the local incident with PagerDuty's times
        click(desktop, note["id"], "default")
        database = tmp_path / "data" / "oncall.sqlite3"

        def local_incident():
            if not database.exists():
                return None
            try:
                with sqlite3.connect(database) as conn:
                    return conn.execute(
                        "SELECT title, alert_id, acknowledged_at FROM incidents"
                    ).fetchone()
            except sqlite3.OperationalError:  # created, not migrated yet (a busy machine)
                return None

        # acknowledged, so MTTA can be computed (even when "Open" was clicked before the
        # acknowledgement came back from PagerDuty)
        row = wait_for(lambda: (r := local_incident()) and r[2] is not None and r, timeout=15)
        assert row, f"no acknowledged local incident: {local_incident()}"
        assert row[0] == HOSTILE and row[1] == incident
    finally:
        code, _out, err = stop(app)
    assert code == 0, exit_report(tmp_path, err)
    assert pagerduty.token not in log_of(tmp_path)


def test_rejected_token_is_shown_not_retried_forever(desktop, tmp_path, pagerduty):
    desktop.store_secret(PAGERDUTY_TOKEN, "u+revoked-token-000")
    configure(tmp_path, pagerduty)
    app = launch(desktop, tmp_path)
    try:
        assert wait_for(lambda: "PagerDuty: token_rejected" in log_of(tmp_path), timeout=20)
        wait_for(lambda: False, timeout=6)  # more than one poll interval
        assert len(pagerduty.requests_to("GET", "/users/me")) == 1
    finally:
        code, _out, err = stop(app)
    assert code == 0, exit_report(tmp_path, err)
