"""Qt Linguist translations: extract the UI's strings into resources/i18n/*.ts, and compile
those into oncall_desktop/ui/i18n/*.qm, which the app loads.

    python packaging/build_translations.py            # update the .ts, then compile
    python packaging/build_translations.py --compile  # compile only

The .ts files are what translators edit (Qt Linguist: pyside6-linguist). The compiled .qm are
committed so that `pip install .` needs no Qt tool; tests/unit/test_translations.py checks
they match their .ts and that every string has its French translation.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "i18n"
QM_DIR = ROOT / "oncall_desktop" / "ui" / "i18n"
LANGUAGES = ("fr", "en")


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install -e '.[test]')")
    return found


def sources() -> list[str]:
    # the UI's own strings, and the messages the layers below mark with QT_TR_NOOP
    layers = ("ui", "app", "services", "config", "integrations", "storage", "core")
    folders = [ROOT / "oncall_desktop" / layer for layer in layers]
    return sorted(str(p) for folder in folders for p in folder.rglob("*.py"))


def ts_file(language: str) -> Path:
    return TS_DIR / f"oncall_desktop_{language}.ts"


def update() -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *sources(),
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "en",
                "-target-language",
                language,
                "-ts",
                str(ts_file(language)),
            ],
            check=True,
        )


def compile_to(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in LANGUAGES:
        target = folder / f"oncall_desktop_{language}.qm"
        # written beside it, then renamed over it: a running app (or test run) maps the .qm
        # it loaded, and one rewritten in place under it dies of SIGBUS at its next tr()
        fresh = target.with_suffix(".qm.new")
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts_file(language)), "-qm", str(fresh)],
            check=True,
        )
        os.replace(fresh, target)
        written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compile", action="store_true", help="only compile the .ts files")
    args = parser.parse_args()
    if not args.compile:
        update()
    for path in compile_to(QM_DIR):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
