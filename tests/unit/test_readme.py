"""The README's quick start stays true: CI runs exactly its test command."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_readme_test_command():
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    command = ci_lines[ci_lines.index("# test command:") + 1]
    assert command in (ROOT / "README.md").read_text()


def test_readme_launch_command_uses_the_entry_point():
    readme = (ROOT / "README.md").read_text()
    assert ".venv/bin/pip install . && .venv/bin/oncall-desktop" in readme
