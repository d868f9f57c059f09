"""Open the database: SQLite in the data folder by default, PostgreSQL for a team.

Opening runs the Alembic migrations up to this app's head before anything else touches the
data, all of them in one transaction: on PostgreSQL and on SQLite (whose DDL is transactional
once the driver stops managing transactions itself), so a start killed or failing mid-way
leaves the database exactly as it was. A SQLite file is copied aside first. A database stamped
by a newer app is refused, so an older console never writes into a schema it does not know. A
half-made database left by an older build (our tables, no version stamp) is moved aside with a
notice on SQLite, and named with what to do on PostgreSQL: never a dead end.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, CursorResult, Result, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from oncall_desktop.core.messages import QT_TR_NOOP, UserMessage
from oncall_desktop.storage.errors import Conflict, StorageUnavailable
from oncall_desktop.storage.pool import name_connections, team_engine
from oncall_desktop.storage.urls import sqlite_url  # noqa: F401 - re-exported

log = logging.getLogger(__name__)

# Migrates a database given its URL; returns (the backup made, a notice for the user).
Migrator = Callable[[str], tuple[Path | None, UserMessage | None]]

VERSION_TABLE = "alembic_version"
# The newest migration this app ships. Kept here so that a start on an up-to-date database
# never imports Alembic (about 150 ms and 20 MB); a test pins it to the migrations' head.
SCHEMA_HEAD = "0013"
# PostgreSQL advisory lock held by a migration (any number, the same in every console).
MIGRATION_LOCK_KEY = 5_181_320_017
# How long a write waits for another process holding the SQLite lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 5000


@dataclass
class Database:
    """An open, migrated database. ``notice``: something the user should know about how it
    was opened (a half-made file moved aside), or None."""

    engine: Engine
    url: URL
    backup_path: Path | None = None
    notice: UserMessage | None = None

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # names this handle in the change announcements (storage/changes.py): a console does
        # not reload what it wrote itself; its connections carry it (pg_stat_activity)
        self.origin = uuid.uuid4().hex[:12]
        if not self.is_sqlite:
            name_connections(self.engine, self.origin)

    @property
    def conninfo(self) -> str:
        """A libpq connection string for this PostgreSQL database (the change listener's own
        connection); the password, if the URL has one, stays in it (never logged)."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)

    @property
    def display_url(self) -> str:
        return where(self.url)

    @property
    def key(self) -> str:
        """A stable name for this database (local drafts are filed under it)."""
        return self.url.render_as_string(hide_password=True)

    @property
    def description(self) -> str:
        """For the log and the status bar's tooltip: the file for SQLite, the server and
        database otherwise."""
        if self.is_sqlite:
            return f"SQLite {self.url.database}"
        return (
            f"PostgreSQL {self.url.host or 'localhost'}:{self.url.port or 5432}/{self.url.database}"
        )

    @property
    def short_description(self) -> str:
        """For the status bar, where a laptop's width has room: the file's name for SQLite
        (its folder is in ``description``)."""
        if self.is_sqlite:
            return f"SQLite {Path(self.url.database or '').name}"
        return self.description

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error. Environment failures
        (locked, disk full, server gone) surface as :class:`StorageUnavailable`."""
        session = self._sessions()
        try:
            with translate_errors(self.display_url):
                yield session
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def rows_matched(result: Result[Any]) -> int:
    """How many rows an UPDATE matched: ``Session.execute`` is typed as returning a plain
    ``Result``, but for an UPDATE it gives the ``CursorResult``, which counts them."""
    assert isinstance(result, CursorResult)
    return result.rowcount


def where(url: URL) -> str:
    """A database as a person names it in a message: the file for SQLite (not
    ``sqlite+pysqlite:////home/…``), the URL without its password otherwise."""
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return url.render_as_string(hide_password=True)


# --- error translation -------------------------------------------------------------------------


def _describe(error: BaseException, where: str) -> UserMessage:
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    low = detail.lower()
    if "database is locked" in low:
        template = QT_TR_NOOP(
            "The database {where} is locked by another program. Close the other "
            "program (or the other copy of this app) and try again."
        )
    elif "file is not a database" in low or "malformed" in low:
        template = QT_TR_NOOP(
            "The database file {where} is damaged or is not a database. Move it aside "
            "to start afresh, or restore a backup (*.bak files beside it)."
        )
    elif "readonly" in low or "read-only" in low:
        template = QT_TR_NOOP("The database {where} is read-only. Check the folder's permissions.")
    elif "unable to open database file" in low:
        template = QT_TR_NOOP(
            "The database file {where} cannot be opened: the folder is missing or not writable."
        )
    elif "disk" in low and ("full" in low or "i/o" in low):
        template = QT_TR_NOOP(
            "The disk holding the database {where} is full or failing ({detail})."
        )
    elif "password authentication failed" in low or "authentication failed" in low:
        template = QT_TR_NOOP("The database server refused the login for {where}.")
    elif "does not exist" in low and "database" in low:
        template = QT_TR_NOOP("The database in {where} does not exist on the server.")
    elif "connection refused" in low or "could not connect" in low or "timeout" in low:
        template = QT_TR_NOOP("The database server at {where} cannot be reached ({detail}).")
    else:
        template = QT_TR_NOOP("The database {where} cannot be used: {detail}")
    return template.format(where=where, detail=detail)


@contextmanager
def translate_errors(where: str) -> Iterator[None]:
    try:
        yield
    except IntegrityError as error:  # before DatabaseError, its base
        raise Conflict(_describe(error, where)) from error
    except (OperationalError, DatabaseError) as error:
        raise StorageUnavailable(_describe(error, where)) from error
    except sqlite3.DatabaseError as error:
        raise StorageUnavailable(_describe(error, where)) from error


# --- opening -----------------------------------------------------------------------------------


def _parse_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except ArgumentError:
        raise StorageUnavailable(
            QT_TR_NOOP(
                "The database URL is not valid. Expected for example "
                "postgresql+psycopg://user@host:5432/oncall, or leave it empty for the "
                "built-in SQLite database."
            )
        ) from None
    backend = url.get_backend_name()
    if url.drivername in ("postgresql", "postgres"):
        # The driver the app ships with (the [postgresql] extra) is psycopg 3; a plain
        # postgresql:// URL, as psql and most tools write it, would ask for psycopg2.
        url = url.set(drivername="postgresql+psycopg")
        backend = "postgresql"
    if backend not in ("sqlite", "postgresql"):
        raise StorageUnavailable(
            QT_TR_NOOP(
                "Database type '{backend}' is not supported; use PostgreSQL, or leave the URL "
                "empty for the built-in SQLite database."
            ).format(backend=backend)
        )
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _make_engine(url: URL) -> Engine:
    display = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            folder = Path(url.database).expanduser().parent
            try:
                if not folder.is_dir():
                    folder.mkdir(parents=True)
            except OSError as error:
                raise StorageUnavailable(
                    QT_TR_NOOP("The data folder {folder} cannot be created ({reason}).").format(
                        folder=folder, reason=error.strerror
                    )
                ) from error
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        # none kept at rest: with its change feed's LISTEN, one resident connection per
        # console (storage/pool.py; issue 27; README, "Team mode")
        return team_engine(url)
    except (NoSuchModuleError, ModuleNotFoundError) as error:
        raise StorageUnavailable(
            QT_TR_NOOP(
                "The driver for {url} is not installed. Install it with "
                "pip install 'oncall-desktop[postgresql]'."
            ).format(url=display)
        ) from error
    except ArgumentError as error:
        raise StorageUnavailable(
            QT_TR_NOOP("The database URL {url} is not valid: {reason}").format(
                url=display, reason=error
            )
        ) from error


def _script_location() -> str:
    return str(resources.files("oncall_desktop.storage").joinpath("migrations"))


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config  # imported here: only needed when opening

    config = Config()
    config.set_main_option("script_location", _script_location())
    config.attributes["connection"] = connection
    return config


def known_revisions() -> tuple[set[str], str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(_script_location())
    head = script.get_current_head()
    assert head is not None
    return {rev.revision for rev in script.walk_revisions()}, head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def check_server(raw_url: str, password: str | None = None) -> UserMessage:
    """Settings' *Test connection* for a team database: connect and read, change nothing.
    Says the server's version, the role, and whether this app's tables are there; raises
    :class:`StorageUnavailable` with a message for the user (the driver missing too)."""
    url = _with_password(_parse_url(raw_url), password)
    if url.get_backend_name() != "postgresql":
        raise StorageUnavailable(
            QT_TR_NOOP(
                "A team database is PostgreSQL (postgresql://user@host/database); leave the "
                "address empty for this computer's own database."
            )
        )
    engine = _make_engine(url)
    try:
        with translate_errors(where(url)):
            with engine.connect() as connection:
                version = connection.execute(text("SHOW server_version")).scalar()
                role = connection.execute(text("SELECT current_user")).scalar()
            revision = current_revision(engine)
    finally:
        engine.dispose()
    server = f"PostgreSQL {str(version).split()[0]}"
    if revision is None:
        return QT_TR_NOOP(
            "Connected to {server} as {role}. The database has no tables of this app yet: "
            "they are made at its first start on it."
        ).format(server=server, role=role)
    return QT_TR_NOOP(
        "Connected to {server} as {role}. The app's tables are there (schema {revision})."
    ).format(server=server, role=role, revision=revision)


def _backup_sqlite(url: URL, revision: str | None) -> Path | None:
    """Copy the SQLite file aside with SQLite's own backup API (consistent even with WAL)."""
    if not url.database or url.database == ":memory:":
        return None
    source = Path(url.database)
    if not source.exists() or source.stat().st_size == 0:
        return None
    with sqlite3.connect(source) as probe:
        if probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            return None  # a brand-new file: nothing to keep
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = source.with_name(f"{source.name}.{revision or 'unversioned'}.{stamp}.bak")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    log.info("database backed up to %s before migrating", target)
    return target


# The first migration's table: present without a version stamp, it marks a half-made database.
FIRST_TABLE = "incidents"


def _with_password(url: URL, password: str | None) -> URL:
    """A PostgreSQL URL given the team database's password (kept in the keyring, never in the
    settings), unless it names one itself."""
    if password and not url.password and url.get_backend_name() == "postgresql":
        return url.set(password=password)
    return url


def open_database(
    raw_url: str, migrate_elsewhere: Migrator | None = None, password: str | None = None
) -> Database:
    """Open and migrate; raises :class:`StorageUnavailable` with a message for the user.

    ``migrate_elsewhere``: when the schema is not this app's, let this migrate it (the console
    passes storage.migrate.migrate_in_child, so that Alembic never loads in its process), then
    open the result; without it, migrate here. ``password``: for a PostgreSQL URL without
    one (the team database's, from the keyring)."""
    url = _with_password(_parse_url(raw_url), password)
    display = where(url)
    engine = _make_engine(url)
    if migrate_elsewhere is not None:
        try:
            with translate_errors(display):
                current = current_revision(engine)
        except BaseException:
            engine.dispose()
            raise
        if current != SCHEMA_HEAD:
            engine.dispose()
            backup, notice = migrate_elsewhere(url.render_as_string(hide_password=False))
            engine = _make_engine(url)
            try:
                with translate_errors(display):
                    if current_revision(engine) != SCHEMA_HEAD:
                        raise StorageUnavailable(
                            QT_TR_NOOP("The database {url} could not be migrated.").format(
                                url=display
                            )
                        )
            except BaseException:
                engine.dispose()
                raise
            return Database(engine=engine, url=url, backup_path=backup, notice=notice)
        return Database(engine=engine, url=url)
    notice = None
    try:
        with translate_errors(display):
            revision = current_revision(engine)
            if revision is None and _has_table(engine, FIRST_TABLE):
                engine, notice = _half_made(engine, url, display)
            backup = None
            if revision != SCHEMA_HEAD:
                known, head = known_revisions()
                if revision is not None and revision not in known:
                    raise StorageUnavailable(
                        QT_TR_NOOP(
                            "The database {url} was written by a newer version of "
                            "oncall-desktop (schema {revision}). Update the app; nothing was "
                            "changed."
                        ).format(url=display, revision=revision)
                    )
                if url.get_backend_name() == "sqlite":
                    backup = _backup_sqlite(url, revision)
                _upgrade(engine, url)
                log.info("database %s migrated from %s to %s", display, revision, head)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine=engine, url=url, backup_path=backup, notice=notice)


def _has_table(engine: Engine, name: str) -> bool:
    with engine.connect() as connection:
        return inspect(connection).has_table(name)


def _half_made(engine: Engine, url: URL, display: str) -> tuple[Engine, UserMessage]:
    """Our tables without a version stamp: a first start of an older build, interrupted."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise StorageUnavailable(
            QT_TR_NOOP(
                "The database {url} holds some of oncall-desktop's tables but no schema "
                "version: an older version was interrupted while creating it. Use a new, empty "
                "database, or drop those tables, then start again."
            ).format(url=display)
        )
    engine.dispose()
    source = Path(url.database)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = source.with_name(f"{source.name}.incomplete-{stamp}")
    source.replace(aside)
    for suffix in ("-wal", "-shm"):
        companion = source.with_name(source.name + suffix)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + suffix))
    log.warning("half-made database moved aside to %s; starting a new one", aside)
    notice = QT_TR_NOOP(
        "The database file was left incomplete by an interrupted first start; it was moved "
        "aside to {aside} and a new one was created."
    ).format(aside=aside)
    return _make_engine(url), notice


def _transactional_sqlite_engine(url: URL) -> Engine:
    """An engine on which BEGIN really starts the transaction, DDL included: Python's sqlite3
    module otherwise runs CREATE TABLE outside any transaction (SQLAlchemy's documented
    recipe for SQLite transactional DDL)."""
    engine = create_engine(url)

    def connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver stops issuing BEGIN/COMMIT itself
        _sqlite_pragmas(dbapi_connection, record)

    def begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", connect)
    event.listen(engine, "begin", begin)
    return engine


def _upgrade(engine: Engine, url: URL) -> None:
    """Every pending migration in one transaction: all of them, or none."""
    from alembic import command

    migrating = engine
    if url.get_backend_name() == "sqlite":
        engine.dispose()  # nothing else holds the file while it migrates
        migrating = _transactional_sqlite_engine(url)
    try:
        with migrating.begin() as connection:
            if url.get_backend_name() == "postgresql":
                # consoles starting together on a new team database take turns; the later
                # one then reads the version the first committed, and has nothing to do
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            command.upgrade(_alembic_config(connection), "head")
    finally:
        if migrating is not engine:
            migrating.dispose()
