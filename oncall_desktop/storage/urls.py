"""Database URLs, without importing SQLAlchemy (the app builds them before it needs it)."""

from pathlib import Path


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"
