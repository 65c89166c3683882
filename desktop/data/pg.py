"""PostgreSQL, the provincial server: URLs, connecting, the marker, backups.

A district office keeps one SQLite file; a provincial office (Sở TT&TT)
where several clerks work at once keeps the same schema on a PostgreSQL
server, opened with `--db postgresql+psycopg://user@host/dbname`. This
module holds what only a server needs: the URL forms accepted, turning a
failed connection into one clear sentence, checking that the database is
ours, and backups (there is no file to copy: `pg_dump` does it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from desktop.errors import DatabaseFileError, UserError
from desktop.i18n import t

DRIVER = "postgresql+psycopg"
SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
MIGRATION_LOCK = 0x17_91A7  # advisory lock key held while migrating a server database
# A clerk waits at most this long for another clerk's write to the same unit
# (a session left open by mistake must not freeze everyone); then is told.
LOCK_TIMEOUT_MS = 30_000


def sqlite_path(url: str) -> Path | None:
    """The file of a `sqlite:///…` URL (handled as a plain path), else None."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):])
    return None


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://` mean our driver; anything else is refused."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UserError(t(f"Địa chỉ cơ sở dữ liệu “{url}” không hợp lệ.",
                          f"Invalid database URL “{url}”.")) from exc
    if parsed.drivername not in SERVER_SCHEMES:
        raise UserError(t(
            f"Không hỗ trợ loại cơ sở dữ liệu “{parsed.drivername}”; hãy dùng tệp SQLite "
            "hoặc postgresql+psycopg://người_dùng@máy_chủ/tên_csdl.",
            f"Unsupported database kind “{parsed.drivername}”; use a SQLite file or "
            "postgresql+psycopg://user@host/dbname."))
    return parsed.set(drivername=DRIVER).render_as_string(hide_password=False)


def shown(url: str | URL) -> str:
    """The URL as it may be printed: without its password."""
    return make_url(url).render_as_string(hide_password=True)


def server_engine(url: str) -> Engine:
    """An engine for a server URL; connection problems become a UserError."""
    engine = create_engine(url, pool_pre_ping=True,
                           connect_args={"options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"})
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise UserError(t(
            f"Không kết nối được tới máy chủ cơ sở dữ liệu {shown(url)}: {reason}",
            f"Cannot connect to the database server {shown(url)}: {reason}")) from exc
    return engine


def server_revision(connection: Connection, url: str) -> str | None:
    """The schema revision of a server database, None when it is empty.

    Refuses a database that holds tables but not our marker, so that
    another program's data is never touched.
    """
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return None
    marker = None
    if {"setting", "alembic_version"} <= tables:
        marker = connection.execute(
            text("SELECT value FROM setting WHERE key = 'app'")).scalar()
    if marker != "itplan-monitor":
        raise DatabaseFileError(t(
            f"Cơ sở dữ liệu {shown(url)} thuộc chương trình khác; chương trình không ghi vào đó.",
            f"The database {shown(url)} belongs to another program; it was left untouched."))
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def postgres_backup(url: str, out: Path) -> Path:
    """Dump a server database to `out` with pg_dump (custom format); return `out`.

    A server has no file to copy. When pg_dump is not installed, the
    UserError says how to take the backup on the server instead.
    """
    url = normalise_url(url)
    parsed = make_url(url)
    program = shutil.which("pg_dump")
    command_line = f"pg_dump -Fc -f {out} {shown(url.replace(DRIVER, 'postgresql', 1))}"
    if program is None:
        raise UserError(t(
            "Cơ sở dữ liệu trên máy chủ PostgreSQL được sao lưu bằng pg_dump, nhưng máy này "
            f"chưa cài pg_dump; hãy chạy trên máy chủ: {command_line}",
            "A PostgreSQL database is backed up with pg_dump, which is not installed here; "
            f"run on the server: {command_line}"))
    environment = dict(os.environ)
    if parsed.password:
        environment["PGPASSWORD"] = parsed.password
    plain = parsed.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([program, "-Fc", "-f", str(out), "--dbname", plain],
                          env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        out.unlink(missing_ok=True)
        raise UserError(t(f"pg_dump không sao lưu được {shown(url)}: {done.stderr.strip()}",
                          f"pg_dump failed to back up {shown(url)}: {done.stderr.strip()}"))
    return out
