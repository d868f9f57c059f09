"""Tokens through the real Secret Service (gnome-keyring on the private session bus)."""

import json
import subprocess
import sys
import textwrap

import pytest

pytestmark = [pytest.mark.desktop, pytest.mark.keyring]

SCRIPT = textwrap.dedent("""
    import json, sys
    from oncall_desktop.integrations.secrets import KeyringSecretStore, PAGERDUTY_TOKEN
    store = KeyringSecretStore(timeout=15)
    status = store.status()
    result = {"usable": status.usable, "backend": status.backend, "message": str(status.message)}
    if status.usable:
        store.set(PAGERDUTY_TOKEN, sys.argv[1])
        result["read_back"] = KeyringSecretStore().get(PAGERDUTY_TOKEN)
        store.delete(PAGERDUTY_TOKEN)
        result["after_delete"] = store.get(PAGERDUTY_TOKEN)
    print(json.dumps(result))
""")


def run_store(env, token="u+Abc_12-TOKEN-ÄÖ"):
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, token], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_token_round_trip_through_secret_service(desktop, tmp_path):
    result = run_store(desktop.env())
    assert result["usable"], result["message"]
    assert result["backend"] == "keyring.backends.SecretService.Keyring"
    assert result["read_back"] == "u+Abc_12-TOKEN-ÄÖ"
    assert result["after_delete"] is None


def test_without_a_session_bus_the_store_says_so(desktop):
    env = desktop.env()
    env.pop("DBUS_SESSION_BUS_ADDRESS")
    env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/bus"
    result = run_store(env)
    assert not result["usable"]
    assert "No usable keyring" in result["message"]


def test_the_consoles_helper_process_reaches_secret_service(desktop):
    """What the app really uses: the keyring in a helper child, on the real gnome-keyring."""
    script = textwrap.dedent("""
        import json, sys
        from oncall_desktop.integrations.keyring_child import KeyringInChild
        from oncall_desktop.integrations.secrets import PAGERDUTY_TOKEN
        store = KeyringInChild(timeout=30)
        status = store.status()
        store.set(PAGERDUTY_TOKEN, sys.argv[1])
        read_back = KeyringInChild(timeout=30).get(PAGERDUTY_TOKEN)
        store.delete(PAGERDUTY_TOKEN)
        after = KeyringInChild(timeout=30).get(PAGERDUTY_TOKEN)
        print(json.dumps([status.usable, status.backend, read_back, after]))
    """)
    out = subprocess.run(
        [sys.executable, "-c", script, "u+Child-TOKEN"],
        env=desktop.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    usable, backend, read_back, after = json.loads(out.stdout)
    assert usable and backend == "keyring.backends.SecretService.Keyring"
    assert (read_back, after) == ("u+Child-TOKEN", None)
