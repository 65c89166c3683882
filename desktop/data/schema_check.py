"""Is a database's schema exactly what the migrations create?

The reference is a freshly migrated empty SQLite database, made once per
process, so the check keeps working when later migrations add tables. A
database passes when it has the same tables, the same columns of each,
the same indexes (name, columns, uniqueness), no view and no trigger
beyond the reference's, and (SQLite) `PRAGMA foreign_key_check` is
clean. Restore and transfer refuse a file that fails (`require_sound`);
`itplan check` and the GUI's check list every problem with what to do.
On PostgreSQL the index comparison is left out (the server names the
indexes of unique constraints its own way); tables, columns, views and
triggers are compared.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection

from desktop.errors import UserError
from desktop.i18n import t


@dataclass
class Schema:
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # table -> column names
    indexes: dict[str, tuple[str, tuple[str, ...], bool]] = field(default_factory=dict)
    views: set[str] = field(default_factory=set)
    triggers: set[str] = field(default_factory=set)


def read_schema(connection: Connection) -> Schema:
    """The tables, columns, indexes, views and triggers of an open database."""
    inspector = inspect(connection)
    schema = Schema()
    for table in inspector.get_table_names():
        schema.columns[table] = tuple(sorted(c["name"] for c in inspector.get_columns(table)))
        if connection.dialect.name == "sqlite":
            for index in inspector.get_indexes(table):
                schema.indexes[index["name"]] = (table, tuple(index["column_names"]),
                                                 bool(index["unique"]))
    schema.views = set(inspector.get_view_names())
    if connection.dialect.name == "sqlite":
        schema.triggers = set(connection.scalars(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    else:
        schema.triggers = set(connection.scalars(text(
            "SELECT DISTINCT trigger_name FROM information_schema.triggers "
            "WHERE trigger_schema = current_schema()")))
    return schema


@functools.lru_cache(maxsize=1)
def reference_schema() -> Schema:
    """The schema the migrations create, read from a new database in a temporary folder."""
    from desktop.data.database import open_database

    folder = Path(tempfile.mkdtemp(prefix="itplan-schema-"))
    try:
        database = open_database(folder / "reference.sqlite")
        try:
            with database.engine.connect() as connection:
                return read_schema(connection)
        finally:
            database.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def server_triggers(reference: Schema) -> set[str]:
    """The triggers a server database has: the structure counter's, on every table
    but the value tables and the counter's own (desktop.data.cache)."""
    from desktop.data.cache import VALUE_TABLES

    kept = set(reference.columns) - VALUE_TABLES - {"structure_change", "alembic_version"}
    return {f"itplan_structure_{table}" for table in kept}


@dataclass(frozen=True)
class Problem:
    message: str  # one sentence: what differs
    advice: str  # what to do


def _advice() -> str:
    return t("Không dùng tệp này: khôi phục từ một bản sao lưu tốt (itplan backup --list), hoặc "
             "chuyển dữ liệu từ một bản sạch; nếu không rõ, hỏi người hỗ trợ kỹ thuật.",
             "Do not use this file: restore a sound backup (itplan backup --list) or transfer "
             "the data from a clean copy; if unsure, ask for technical support.")


def schema_problems(connection: Connection) -> list[Problem]:
    """Every difference from the migrations' schema, and foreign-key orphans."""
    actual, reference = read_schema(connection), reference_schema()
    if connection.dialect.name == "postgresql":
        reference = replace(reference, triggers=server_triggers(reference))
    found = [*_table_problems(actual, reference), *_extra_objects(actual, reference)]
    if connection.dialect.name == "sqlite":
        found += _index_problems(actual, reference)
        found += _orphans(connection)
    return found


def _table_problems(actual: Schema, reference: Schema) -> list[Problem]:
    found = []
    for table in sorted(set(reference.columns) - set(actual.columns)):
        found.append(Problem(t(f"thiếu bảng {table}", f"table {table} is missing"), _advice()))
    for table in sorted(set(actual.columns) - set(reference.columns)):
        found.append(Problem(t(f"có bảng lạ {table}", f"unexpected table {table}"), _advice()))
    for table in sorted(set(actual.columns) & set(reference.columns)):
        missing = sorted(set(reference.columns[table]) - set(actual.columns[table]))
        extra = sorted(set(actual.columns[table]) - set(reference.columns[table]))
        if missing:
            found.append(Problem(t(f"bảng {table} thiếu cột {', '.join(missing)}",
                                   f"table {table} lacks column(s) {', '.join(missing)}"),
                                 _advice()))
        if extra:
            found.append(Problem(t(f"bảng {table} có cột lạ {', '.join(extra)}",
                                   f"table {table} has unexpected column(s) {', '.join(extra)}"),
                                 _advice()))
    return found


def _extra_objects(actual: Schema, reference: Schema) -> list[Problem]:
    found = []
    for view in sorted(actual.views - reference.views):
        found.append(Problem(t(f"có view lạ {view}", f"unexpected view {view}"), _advice()))
    for trigger in sorted(actual.triggers - reference.triggers):
        found.append(Problem(t(f"có trigger lạ {trigger} (có thể sửa hoặc xóa dữ liệu ngầm)",
                               f"unexpected trigger {trigger} (it may change or delete data "
                               "unseen)"), _advice()))
    for trigger in sorted(reference.triggers - actual.triggers):
        found.append(Problem(t(f"thiếu trigger {trigger}", f"trigger {trigger} is missing"),
                             _advice()))
    return found


def _index_problems(actual: Schema, reference: Schema) -> list[Problem]:
    found = []
    for name in sorted(set(reference.indexes) - set(actual.indexes)):
        found.append(Problem(t(f"thiếu chỉ mục {name}", f"index {name} is missing"), _advice()))
    for name in sorted(set(actual.indexes) - set(reference.indexes)):
        found.append(Problem(t(f"có chỉ mục lạ {name}", f"unexpected index {name}"), _advice()))
    for name in sorted(set(actual.indexes) & set(reference.indexes)):
        if actual.indexes[name] != reference.indexes[name]:
            found.append(Problem(t(f"chỉ mục {name} khác với bản chuẩn",
                                   f"index {name} differs from the program's"), _advice()))
    return found


def _orphans(connection: Connection) -> list[Problem]:
    rows = connection.execute(text("PRAGMA foreign_key_check")).all()
    if not rows:
        return []
    tables = sorted({row[0] for row in rows})
    return [Problem(t(f"{len(rows)} dòng trỏ tới dòng không tồn tại (bảng {', '.join(tables)})",
                      f"{len(rows)} row(s) point at rows that do not exist (table(s) "
                      f"{', '.join(tables)})"), _advice())]


def require_sound(connection: Connection, label: str) -> None:
    """Refuse (UserError, one sentence naming `label`) a database whose schema differs."""
    found = schema_problems(connection)
    if found:
        more = t(f" (và {len(found) - 1} khác biệt nữa)", f" (and {len(found) - 1} more)") \
            if len(found) > 1 else ""
        raise UserError(t(f"{label}: cấu trúc khác với của chương trình — {found[0].message}"
                          f"{more}; không dùng tệp này.",
                          f"{label}: its structure differs from the program's — "
                          f"{found[0].message}{more}; the file is not used."),
                        [p.message for p in found])


def require_sound_file(path: Path) -> None:
    """`require_sound` on a SQLite file of ours at any revision, never changing it."""
    with checked_file(path):
        pass


def file_problems(path: Path) -> list[Problem]:
    """`schema_problems` of a SQLite file of ours (for `itplan check`); never raises."""
    try:
        with _head_connection(path) as connection:
            return schema_problems(connection)
    except UserError as exc:
        return [Problem(exc.message, _advice())]


@contextlib.contextmanager
def checked_file(path: Path) -> Iterator[Connection]:
    """A read-only connection to a SQLite file of ours whose schema passed `require_sound`."""
    with _head_connection(path) as connection:
        require_sound(connection, path.name)
        yield connection


@contextlib.contextmanager
def _head_connection(path: Path) -> Iterator[Connection]:
    """A read-only connection to the file at the newest revision. The file is never
    changed: one at an older revision is read on a migrated temporary copy."""
    from desktop.data.backup import copy_database
    from desktop.data.database import HEAD_REVISION, check_sqlite_file, open_database

    if check_sqlite_file(path) == HEAD_REVISION:
        engine = create_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()
        return
    folder = Path(tempfile.mkdtemp(prefix="itplan-check-"))
    try:
        copy = folder / path.name
        copy_database(path, copy)
        try:
            database = open_database(copy, backup_dir=folder)
        except Exception as exc:  # noqa: BLE001 - a schema the migrations cannot upgrade
            raise UserError(t(f"{path.name}: cấu trúc khác với của chương trình, không nâng cấp "
                              "được; không dùng tệp này.",
                              f"{path.name}: its structure differs from the program's and cannot "
                              "be upgraded; the file is not used.")) from exc
        try:
            with database.engine.connect() as connection:
                yield connection
        finally:
            database.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
