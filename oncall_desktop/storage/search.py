"""An index of the incidents' titles by trigrams, so that searching a million titles for a few
letters reads the few titles that have them.

SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34) over incidents.title, kept
by triggers (every writer keeps it, even one that bypasses the repositories). PostgreSQL: a
GIN index of the pg_trgm extension on sort_title (lower(title), computed by the database).
Either is made only where the database has it (FTS5 compiled in; the extension installed, or
creatable by the app's role); without it the history searches as before, title by title. The
index narrows the search; the condition the history always applied (``lower(title) LIKE
'%text%'``, on sort_title) decides, so the results are the same with it or without.

Neither is a SQLAlchemy table or index (the metadata cannot say "if available"): their names
are in ``OUTSIDE_METADATA``. A later migration that rebuilds the incidents table (Alembic's
batch mode on SQLite) drops the triggers: it must call :func:`create` again; until then
:func:`available` says no, and the history searches without the index.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

FTS_TABLE = "incident_titles"
FTS_TRIGGERS = (f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update")
TRIGRAM_INDEX = "ix_incidents_title_trigrams"
OUTSIDE_METADATA = frozenset(
    {
        FTS_TABLE,
        *(f"{FTS_TABLE}_{shadow}" for shadow in ("data", "idx", "content", "docsize", "config")),
        TRIGRAM_INDEX,
    }
)
MIN_LETTERS = 3  # a trigram index finds nothing shorter


_SQLITE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, content='incidents', "
    "content_rowid='id', tokenize='trigram', detail='none')",
    f"CREATE TRIGGER {FTS_TRIGGERS[0]} AFTER INSERT ON incidents BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, title) VALUES (new.id, new.title); END",
    f"CREATE TRIGGER {FTS_TRIGGERS[1]} AFTER DELETE ON incidents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title) VALUES ('delete', old.id, old.title); "
    "END",
    f"CREATE TRIGGER {FTS_TRIGGERS[2]} AFTER UPDATE OF title ON incidents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title) VALUES ('delete', old.id, old.title); "
    f"INSERT INTO {FTS_TABLE}(rowid, title) VALUES (new.id, new.title); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)
_POSTGRESQL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON incidents "
    "USING gin (sort_title gin_trgm_ops)",
)


def create(connection: Connection) -> bool:
    """Make the index (filled with the titles stored) if this database can; False if not.
    In a savepoint: a database without it is left as it was, its transaction going on."""
    drop(connection)
    statements = _SQLITE if connection.dialect.name == "sqlite" else _POSTGRESQL
    try:
        with connection.begin_nested():
            for statement in statements:
                connection.execute(text(statement))
    except DBAPIError:
        return False
    return True


def drop(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for trigger in FTS_TRIGGERS:
            connection.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        connection.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
    else:
        connection.execute(text(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}"))


def available(connection: Connection) -> bool:
    """Whether the index is there, and kept."""
    if connection.dialect.name == "sqlite":
        names = set(
            connection.execute(
                text("SELECT name FROM sqlite_master WHERE name IN (:t, :a, :b, :c)"),
                {"t": FTS_TABLE, "a": FTS_TRIGGERS[0], "b": FTS_TRIGGERS[1], "c": FTS_TRIGGERS[2]},
            ).scalars()
        )
        return names == {FTS_TABLE, *FTS_TRIGGERS}
    found = connection.execute(
        text("SELECT 1 FROM pg_indexes WHERE indexname = :name AND tablename = 'incidents'"),
        {"name": TRIGRAM_INDEX},
    ).scalar()
    return found is not None


def searchable(words: str) -> bool:
    """Words the index can look up: three letters or more, and no LIKE wildcard (a LIKE with
    an ESCAPE clause does not use SQLite's trigram index)."""
    return len(words) >= MIN_LETTERS and not any(c in words for c in "%_")
