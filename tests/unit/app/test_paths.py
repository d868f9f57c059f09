"""Where the app keeps its files, and who may read them."""

import os
import stat


def test_data_and_config_folders_are_made_private(tmp_path):
    """Issue 15, item 9: another local user must not read the database or the logs."""
    from oncall_desktop.app.paths import AppPaths

    paths = AppPaths(config_dir=tmp_path / "config", data_dir=tmp_path / "data")
    (tmp_path / "data" / "logs").mkdir(parents=True, mode=0o755)
    (tmp_path / "data").chmod(0o755)
    database = tmp_path / "data" / "oncall.sqlite3"
    database.write_text("x")
    database.chmod(0o644)
    log = tmp_path / "data" / "logs" / "oncall-desktop.log"
    log.write_text("x")
    log.chmod(0o644)
    assert paths.make_private() == []
    for folder in (paths.config_dir, paths.data_dir, paths.log_dir):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    for file in (database, log):
        assert stat.S_IMODE(os.stat(file).st_mode) == 0o600
