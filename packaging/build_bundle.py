"""Build the one-folder bundle and smoke-start it.

    python packaging/build_bundle.py            # builds dist/oncall-desktop/, then starts it

The smoke start runs the bundled app offscreen on a fresh data folder: it must open its
database (migrations included), show its window and quit cleanly on its own. Needs the
project installed in the running Python (pip install -e '.[test]'); PyInstaller is installed
into it if missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "oncall-desktop"


def ensure_pyinstaller() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pyinstaller>=6"], check=True)


def build() -> float:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(ROOT / "packaging" / "oncall-desktop.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return time.monotonic() - started


def smoke_start() -> str:
    work = Path(tempfile.mkdtemp(prefix="oncall-bundle-smoke-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ONCALL_CONFIG_DIR": str(work / "config"),
        "ONCALL_DATA_DIR": str(work / "data"),
    }
    # in French: the compiled translations must have travelled with the bundle
    (work / "config").mkdir(parents=True)
    (work / "config" / "settings.json").write_text('{"schema_version": 1, "language": "fr"}')
    try:
        started = time.monotonic()
        result = subprocess.run(
            [str(BUNDLE / "oncall-desktop"), "--no-dialogs", "--quit-after", "2"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        log = (work / "data" / "logs" / "oncall-desktop.log").read_text(errors="replace")
        if result.returncode != 0 or "database ready" not in log:
            raise SystemExit(
                f"smoke start failed (exit {result.returncode})\n{result.stderr}\n{log}"
            )
        if "no fr translation" in log:
            raise SystemExit(f"the bundle has no French translation\n{log}")
        version = subprocess.run(
            [str(BUNDLE / "oncall-desktop"), "--version"], capture_output=True, text=True
        ).stdout.strip()
        took = time.monotonic() - started
        return f"{version}: started, opened its database, quit cleanly in {took:.1f} s"
    finally:
        shutil.rmtree(work, ignore_errors=True)


def size_of(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main() -> int:
    ensure_pyinstaller()
    seconds = build()
    print(f"built {BUNDLE} in {seconds:.0f} s ({size_of(BUNDLE):.0f} MiB)")
    print("smoke start:", smoke_start())
    return 0


if __name__ == "__main__":
    sys.exit(main())
