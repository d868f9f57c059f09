"""Start at login: the XDG autostart entry follows the setting."""

import subprocess

from oncall_desktop import APP_ID
from oncall_desktop.config.schema import Settings
from tests.unit.test_packaging import tool


def test_start_at_login_writes_a_valid_entry_and_removes_it(context, tmp_path, monkeypatch):
    from oncall_desktop.app.autostart import autostart_file

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    ctx = context()
    ctx.controller.settings_controller.apply_settings(Settings(start_at_login=True), {})
    path = autostart_file()
    assert path == tmp_path / "xdg" / "autostart" / f"{APP_ID}.desktop"
    text = path.read_text()
    assert "X-GNOME-Autostart-enabled=true" in text and "Exec=" in text
    result = subprocess.run(
        [tool("desktop-file-validate"), str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    ctx.controller.settings_controller.apply_settings(Settings(start_at_login=False), {})
    assert not path.exists()
