"""Copy a whole database between SQLite and PostgreSQL, verified.

`transfer(source, target)` moves a district's file into the provincial
server (or a server's database into a file): every table of the model in
foreign-key order, in batches, from one consistent snapshot of the source,
inside one transaction on the target. Self-references (a unit's parent and
successor) are filled in after all rows of the table are in. On PostgreSQL
the id sequences are moved past the copied ids. Before committing, every
table is read back and compared with the source by row count and by a
checksum (SHA-256 over the rows in primary-key order, values written in one
canonical form), so a transfer either matches exactly or changes nothing.
A target that already holds data is refused unless `replace=True`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Integer, Table, bindparam, delete, func, select, text
from sqlalchemy.engine import Connection

from desktop.data.database import Database, is_url, open_database
from desktop.data.instance import hold_instance
from desktop.data.models import Base
from desktop.errors import UserError
from desktop.formats import format_number
from desktop.i18n import t

BATCH = 5000


@dataclass
class TableCopy:
    name: str
    rows: int
    checksum: str


@dataclass
class TransferReport:
    source: str
    target: str
    tables: list[TableCopy] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def as_json(self) -> dict:
        return {"source": self.source, "target": self.target, "rows": self.rows,
                "seconds": round(self.seconds, 2),
                "tables": [{"table": c.name, "rows": c.rows, "checksum": c.checksum}
                           for c in self.tables]}


def shown(location: str) -> str:
    """A database location as it may be printed (a URL without its password)."""
    if is_url(location):
        from desktop.data.pg import shown as shown_url

        return shown_url(location)
    return location


def transfer(source: str, target: str, *, replace: bool = False,
             batch: int = BATCH) -> TransferReport:
    """Copy every row of `source` into `target` (paths or URLs); see the module doc."""
    _refuse_missing_file(source)
    if _same(source, target):
        raise UserError(t("Nguồn và đích là cùng một cơ sở dữ liệu.",
                          "The source and the target are the same database."))
    with hold_instance(_target_file(target)):
        return _transfer(source, target, replace=replace, batch=batch)


def _target_file(target: str) -> Path | None:
    """The target's database file, whose instance lock the copy holds (None for a server)."""
    if is_url(target):
        from desktop.data.pg import sqlite_path

        found = sqlite_path(target)
        return None if found is None else Path(found).expanduser().resolve()
    return Path(target).expanduser().resolve()


def _transfer(source: str, target: str, *, replace: bool, batch: int) -> TransferReport:
    """The copy itself, while the target's instance lock is held (a file target)."""
    started = time.perf_counter()
    report = TransferReport(shown(source), shown(target))
    new_file = None if is_url(target) else Path(target).expanduser()
    if new_file is not None and new_file.exists():
        new_file = None
    from_db = open_database(source)
    try:
        to_db = open_database(target)
        try:
            _copy_all(from_db, to_db, report, replace=replace, batch=batch)
        finally:
            to_db.close()
    except BaseException:
        _remove_new_file(new_file)
        raise
    finally:
        from_db.close()
    report.seconds = time.perf_counter() - started
    return report


def _remove_new_file(path: Path | None) -> None:
    """A target file this transfer created is not left behind when it fails."""
    if path is not None:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)


def _refuse_missing_file(source: str) -> None:
    if not is_url(source) and not Path(source).expanduser().is_file():
        raise UserError(t(f"Không tìm thấy tệp nguồn {source}.",
                          f"No such source file: {source}."))


def _same(source: str, target: str) -> bool:
    if is_url(source) or is_url(target):
        return source == target
    return Path(source).expanduser().resolve() == Path(target).expanduser().resolve()


# Kept by each database for itself, never copied: the structure counter (desktop.data.cache).
OWN_TABLES = frozenset({"structure_change"})


def _copy_all(from_db: Database, to_db: Database, report: TransferReport, *,
              replace: bool, batch: int) -> None:
    tables = [table for table in Base.metadata.sorted_tables if table.name not in OWN_TABLES]
    with _snapshot(from_db) as reading, to_db.engine.begin() as writing:
        _refuse_or_clear(writing, tables, replace, report.target)
        for table in tables:
            copied = _copy_table(reading, writing, table, batch)
            report.tables.append(_verify(reading, writing, table, copied))
        if writing.dialect.name == "postgresql":
            _fix_sequences(writing, tables)


@contextlib.contextmanager
def _snapshot(database: Database) -> Iterator[Connection]:
    """A read-only connection that sees one consistent state of the source."""
    with database.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin() as reading:
            yield connection
            reading.rollback()


def _refuse_or_clear(writing: Connection, tables: list[Table], replace: bool,
                     target: str) -> None:
    # The new schema's own marker row in `setting` does not count as data.
    held = {table.name: writing.execute(select(func.count()).select_from(table)).scalar()
            for table in tables}
    held["setting"] = writing.execute(text("SELECT count(*) FROM setting WHERE key <> 'app'")
                                      ).scalar()
    if any(held.values()) and not replace:
        rows = format_number(sum(held.values()))
        raise UserError(t(
            f"Cơ sở dữ liệu đích {target} đã có dữ liệu ({rows} dòng); không ghi gì. "
            "Dùng --replace để thay toàn bộ.",
            f"The target {target} already holds data ({rows} rows); nothing was written. "
            "Use --replace to replace all of it."))
    for table in reversed(tables):
        for column in _self_references(table):
            writing.execute(table.update().values({column: None}))
        writing.execute(delete(table))


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _ordered(table: Table):
    return select(table).order_by(*table.primary_key.columns)


def _rows(connection: Connection, table: Table, batch: int) -> Iterator[list[dict]]:
    result = connection.execute(_ordered(table).execution_options(
        stream_results=True, yield_per=batch))
    for part in result.mappings().partitions(batch):
        yield [dict(row) for row in part]


def _copy_table(reading: Connection, writing: Connection, table: Table, batch: int) -> int:
    """Insert every row (self-references first left empty, then set); the count."""
    links = _self_references(table)
    pending: list[dict] = []
    count = 0
    for rows in _rows(reading, table, batch):
        if links:
            pending += [{"_id": row["id"], **{c: row[c] for c in links}} for row in rows
                        if any(row[c] is not None for c in links)]
            rows = [{**row, **{c: None for c in links}} for row in rows]
        writing.execute(table.insert(), rows)
        count += len(rows)
    for start in range(0, len(pending), batch):
        chunk = pending[start:start + batch]
        writing.execute(table.update().where(table.c.id == bindparam("_id"))
                        .values({c: bindparam(c) for c in links}), chunk)
    return count


def _verify(reading: Connection, writing: Connection, table: Table, copied: int) -> TableCopy:
    source_count, source_sum = table_checksum(reading, table)
    target_count, target_sum = table_checksum(writing, table)
    if (source_count, source_sum) != (target_count, target_sum) or copied != source_count:
        raise UserError(t(
            f"Bảng {table.name}: nguồn {source_count} dòng, đích {target_count} dòng, mã kiểm "
            "tra khác nhau; đã hủy, đích không thay đổi.",
            f"Table {table.name}: source {source_count} rows, target {target_count} rows, "
            "checksums differ; cancelled, the target is unchanged."))
    return TableCopy(table.name, source_count, source_sum)


def table_checksum(connection: Connection, table: Table) -> tuple[int, str]:
    """(rows, SHA-256) of a table: rows in primary-key order, values canonical."""
    digest, count = hashlib.sha256(), 0
    rows = connection.execute(_ordered(table).execution_options(
        stream_results=True, yield_per=BATCH))
    if any(not isinstance(column.type, Integer) for column in table.primary_key.columns):
        # text keys sort differently per database collation: sort them here
        rows = sorted(rows.all(), key=lambda row: [str(row._mapping[c.name]) for c in
                                                    table.primary_key.columns])
    for row in rows:
        digest.update(("\x1f".join(_canonical(value) for value in row) + "\x1e").encode())
        count += 1
    return count, digest.hexdigest()


def _canonical(value: object) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _fix_sequences(writing: Connection, tables: list[Table]) -> None:
    """Move each id sequence past the largest copied id."""
    quote = writing.dialect.identifier_preparer.quote
    for table in tables:
        if list(table.primary_key.columns.keys()) != ["id"]:
            continue
        name = quote(table.name)
        writing.execute(text(
            f"SELECT setval(pg_get_serial_sequence(:name, 'id'), "
            f"COALESCE((SELECT max(id) FROM {name}), 0) + 1, false)"), {"name": name})
