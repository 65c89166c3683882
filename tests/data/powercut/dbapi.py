"""Just enough of the DB-API over APSW for SQLAlchemy's SQLite dialect (tests only).

The program's engine uses the standard sqlite3 module, whose SQLite cannot
load a Python VFS; APSW can. This module lets the program's own write path
(desktop.data.values.write_values, its sessions and its connection pragmas)
run on an APSW connection through the power-cut VFS.
"""

from __future__ import annotations

import apsw

paramstyle = "qmark"
apilevel = "2.0"
threadsafety = 1
sqlite_version = apsw.sqlite_lib_version()
sqlite_version_info = tuple(int(part) for part in sqlite_version.split("."))
version_info = (2, 6, 0)
Error = DatabaseError = OperationalError = InterfaceError = InternalError = apsw.Error
ProgrammingError = NotSupportedError = DataError = apsw.Error
IntegrityError = apsw.ConstraintError
Warning = UserWarning  # noqa: A001 - the DB-API name


class Connection:
    def __init__(self, path: str, vfs: str):
        self.raw = apsw.Connection(path, vfs=vfs)
        self.isolation_level = None

    def cursor(self) -> Cursor:
        return Cursor(self.raw)

    @property
    def in_transaction(self) -> bool:
        """As sqlite3's: whether SQLite holds a transaction open (desktop.data.cache)."""
        return self.raw.in_transaction

    @property
    def total_changes(self) -> int:
        """As sqlite3's: the program's caches key on it (desktop.data.cache)."""
        return self.raw.total_changes()

    def commit(self) -> None:
        if self.raw.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        if self.raw.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close(True)  # force: after a power cut, nothing can be written anyway

    def create_function(self, name, arguments, function, deterministic=False):  # noqa: ANN001
        self.raw.create_scalar_function(name, function, arguments, deterministic=deterministic)


class Cursor:
    arraysize = 1

    def __init__(self, raw: apsw.Connection):
        self.raw, self.cursor = raw, raw.cursor()
        self.description, self.rowcount, self.lastrowid, self.rows = None, -1, None, []

    def execute(self, sql: str, parameters=()):  # noqa: ANN001
        described: list = []

        def trace(cursor, _sql, _bindings) -> bool:  # noqa: ANN001 - runs once prepared
            described[:] = [cursor.get_description()]
            return True

        self.cursor.exec_trace = trace
        results = list(self.cursor.execute(sql, tuple(parameters or ())))
        names = described[0] if described else None
        self.rows = results if names else []
        self.description = tuple((name, None, None, None, None, None, None)
                                 for name, _type in names) if names else None
        self.rowcount = self.raw.changes()
        self.lastrowid = self.raw.last_insert_rowid()
        return self

    def executemany(self, sql: str, sequence):  # noqa: ANN001
        before = self.raw.total_changes()
        self.cursor.executemany(sql, [tuple(row) for row in sequence])
        self.description, self.rows = None, []
        self.rowcount = self.raw.total_changes() - before
        return self

    def fetchone(self):
        return self.rows.pop(0) if self.rows else None

    def fetchmany(self, size: int | None = None):
        size = size or self.arraysize
        taken, self.rows = self.rows[:size], self.rows[size:]
        return taken

    def fetchall(self):
        taken, self.rows = self.rows, []
        return taken

    def close(self) -> None:
        self.rows = []
