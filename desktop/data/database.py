"""Opening a database: file checks, connection pragmas, migrations, sessions.

`open_database()` accepts a file path or a database URL (a PostgreSQL server,
see desktop.data.pg; `sqlite:///FILE` is the same as FILE). A SQLite file is
checked before anything is written: it must be a SQLite file, sound
(`PRAGMA quick_check`), ours (our marker in the `setting` table) and not
from a newer program. An older schema is migrated after a backup copy of
the file is taken. Alembic is imported only when a migration is needed, so
opening an up-to-date database stays fast.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop.data import sent
from desktop.data.cache import watch_writes
from desktop.data.migrations import HEAD_REVISION, KNOWN_REVISIONS, MIGRATIONS_DIR
from desktop.errors import DatabaseFileError, UserError, plain_sqlite_error
from desktop.i18n import t

APP_MARKER_KEY = "app"
APP_MARKER = "itplan-monitor"
APPLICATION_ID = 0x49545043  # "ITPC" in the file header; 0 in files made before it was set
QUICK_CHECK_MAX_BYTES = 50 * 1024 * 1024
# FULL: every commit is fsynced before it returns, so a power cut loses no saved value.
# tests/data/test_power_cut.py fails when this is lowered (NORMAL, OFF).
SQLITE_SYNCHRONOUS = "FULL"


@dataclass
class Database:
    """An open database: its engine, a session factory, and its file if any."""

    url: str
    engine: Engine
    path: Path | None
    make_session: sessionmaker

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one user action: committed on success, else rolled back."""
        session = self.make_session()
        with server_loss_told(session):
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                session.close()

    def close(self) -> None:
        self.engine.dispose()


@contextlib.contextmanager
def server_loss_told(session: Session) -> Iterator[None]:
    """A server that ended the session's connection during the action (restarted, the
    network dropped) told as a UserError naming it, once the session is rolled back:
    nothing of the action was written, and the next action connects anew."""
    try:
        yield
    except DBAPIError as exc:
        bind = session.get_bind()
        if not exc.connection_invalidated or bind.dialect.name == "sqlite":
            raise  # a file's connection is never "lost": a closed one is a bug
        from desktop.data.pg import shown

        where = shown(bind.url)
        raise UserError(t(
            f"Mất kết nối tới máy chủ cơ sở dữ liệu {where}; thao tác vừa rồi không được "
            "ghi. Hãy kiểm tra mạng rồi làm lại.",
            f"The connection to the database server {where} was lost; the last action was "
            "not saved. Check the network and do it again.")) from exc


def is_url(target: str) -> bool:
    return "://" in target


def is_network_path(path: Path) -> bool:
    """True when the file lives on a network share, where WAL is unsafe."""
    text_path = str(path)
    if text_path.startswith(("\\\\", "//")):
        return True
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text_path))[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
    return _mount_type(path) in {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs"}


def _mount_type(path: Path) -> str:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    resolved = str(path.resolve().parent)
    best, best_type = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and resolved.startswith(parts[1]) and len(parts[1]) > len(best):
            best, best_type = parts[1], parts[2]
    return best_type


def _install_sqlite_pragmas(engine: Engine, network: bool) -> None:
    journal = "DELETE" if network else "WAL"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions
        # begin, so that DDL (migrations) and SAVEPOINTs are transactional.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA journal_mode = {journal}")
        cursor.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # noqa: ANN001
        sent.begin(connection)

    watch_writes(engine)  # what invalidates the caches (desktop.data.cache)


def check_sqlite_file(path: Path) -> str | None:
    """Check a file before opening it; return its schema revision (None if new).

    Raises DatabaseFileError naming the file when it is not a SQLite file,
    is damaged, is not ours, or comes from a newer version. The file is read
    only through SQLite, never with a plain open()/close(): closing any
    descriptor of a database file drops every POSIX lock this process holds
    on it, and another process could then delete the open connections' WAL
    (SQLite's "How To Corrupt" §2.2). New means no file or an empty one: a
    SQLite file without our marker, even one without any table, is foreign.
    """
    if path.is_dir():
        raise DatabaseFileError(t(f"{path} là một thư mục, không phải tệp cơ sở dữ liệu.",
                                  f"{path} is a folder, not a database file."))
    if not path.exists() or path.stat().st_size == 0:
        return None
    if not path.is_file():
        raise DatabaseFileError(t(f"{path} không phải là một tệp thông thường.",
                                  f"{path} is not a regular file."))
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            return _inspect_sqlite(connection, path)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
            raise DatabaseFileError(
                t(f"Tệp {path} không phải là cơ sở dữ liệu của chương trình.",
                  f"{path} is not a database of this program.")) from exc
        raise DatabaseFileError(
            t(f"Tệp {path} bị hỏng và không mở được ({plain_sqlite_error(exc)}). Hãy khôi phục "
              "từ bản sao lưu.",
              f"{path} is damaged and cannot be opened ({plain_sqlite_error(exc)}). Restore it "
              "from a backup.")
        ) from exc


def _inspect_sqlite(connection: sqlite3.Connection, path: Path) -> str | None:
    # quick_check reads the whole file (~0.8 s for a 150 MB province database);
    # above the threshold it is left to `itplan check` and the GUI's background check.
    full = path.stat().st_size <= QUICK_CHECK_MAX_BYTES
    result = connection.execute("PRAGMA quick_check" if full else "PRAGMA schema_version").fetchone()[0]
    if full and result != "ok":
        # SQLite reports over several lines; the message must stay one line.
        result = " ".join(result.replace("*** in database main ***", "").split())
        raise DatabaseFileError(
            t(f"Tệp {path} bị hỏng ({result}). Hãy khôi phục từ bản sao lưu.",
              f"{path} is damaged ({result}). Restore it from a backup.")
        )
    tables = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    if not tables and application_id == APPLICATION_ID:
        return None  # made by us, stopped before its schema was written
    if application_id not in (0, APPLICATION_ID):
        _refuse_foreign(path)
    marker = None
    if "setting" in tables:
        row = connection.execute(
            "SELECT value FROM setting WHERE key=?", (APP_MARKER_KEY,)).fetchone()
        marker = row[0] if row else None
    if marker != APP_MARKER or "alembic_version" not in tables:
        _refuse_foreign(path)
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    _refuse_newer(revision, str(path))
    return revision


def _refuse_foreign(path: Path) -> None:
    raise DatabaseFileError(
        t(f"Tệp {path} là cơ sở dữ liệu của chương trình khác; chương trình không ghi vào đó.",
          f"{path} belongs to another program; it was left untouched."))


def _refuse_newer(revision: str | None, where: str) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseFileError(
            t(f"Cơ sở dữ liệu {where} được tạo bởi phiên bản mới hơn (lược đồ {revision}); "
              "hãy cập nhật chương trình.",
              f"{where} was made by a newer version (schema {revision}); update the program.")
        )


def open_database(target: str | Path, *, backup_dir: Path | None = None) -> Database:
    """Open (creating or migrating if needed) the database at a path or URL."""
    target_text = str(target)
    if is_url(target_text):
        from desktop.data.pg import sqlite_path

        file_path = sqlite_path(target_text)
        if file_path is None:
            return _open_server(target_text)
        target_text = str(file_path)
    path = Path(target_text).expanduser().resolve()
    if not path.parent.exists():
        raise DatabaseFileError(
            t(f"Thư mục {path.parent} không tồn tại.", f"Folder {path.parent} does not exist.")
        )
    revision = check_sqlite_file(path)
    engine = create_engine(f"sqlite:///{path}", future=True)
    _install_sqlite_pragmas(engine, is_network_path(path))
    database = Database(f"sqlite:///{path}", engine, path, sessionmaker(engine))
    if revision is None:
        _mark_ours(engine)
    if revision != HEAD_REVISION:
        if revision is not None:
            from desktop.data.backup import backup_file

            backup_file(path, (backup_dir or path.parent / "backups"),
                        reason=f"before-migration-{revision}")
        _upgrade(database)
    return database


def _mark_ours(engine: Engine) -> None:
    """Write our application_id into a new file's header before anything else."""
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def _open_server(url: str) -> Database:
    """A PostgreSQL database: connect, check it is ours, migrate it if needed."""
    from desktop.data import pg

    url = pg.normalise_url(url)
    engine = pg.server_engine(url)
    watch_writes(engine)  # what invalidates the caches (desktop.data.cache)
    database = Database(url, engine, None, sessionmaker(engine))
    try:
        with engine.connect() as connection:
            revision = pg.server_revision(connection, url)
        _refuse_newer(revision, pg.shown(url))
        if revision != HEAD_REVISION:
            with engine.begin() as connection:
                # several clerks may start a new version at once: one migrates
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": pg.MIGRATION_LOCK})
                revision = pg.server_revision(connection, url)
                if revision != HEAD_REVISION:
                    _upgrade(database, connection)
    except BaseException:
        engine.dispose()
        raise
    return database


def _upgrade(database: Database, connection: Connection | None = None) -> None:
    """Migrate to the newest schema, in one transaction (on `connection` if given)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        return
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
