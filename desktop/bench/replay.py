"""The floor of a database job: its own statements, replayed on a bare cursor.

A job is run once with every statement it sends recorded (after a warm-up,
so what it keeps between runs — the unit tree, a plan's groups — is not
read again); the floor sends the same statements with the same parameters
through the DBAPI cursor and fetches every row, then rolls back (or commits
where the job commits). What the
job costs above its floor is the program's own Python work: building
scopes, pairing numbers, measuring, formatting.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event


def record_statements(database, job: Callable[[], object]) -> list[tuple]:
    """(statement, parameters, executemany) of everything `job` sends."""
    sent: list[tuple] = []

    def record(_conn, _cursor, statement, parameters, _context, executemany):  # noqa: ANN001
        sent.append((statement, parameters, executemany))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        job()
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    return sent


def replay(database, statements: list[tuple], commit: bool = False) -> Callable[[], None]:
    """A function sending `statements` through a bare cursor, then rolling back (or
    committing, for a job that commits)."""
    def run() -> None:
        connection = database.engine.raw_connection()
        try:
            cursor = connection.cursor()
            for statement, parameters, many in statements:
                if many:
                    cursor.executemany(statement, parameters)
                else:
                    cursor.execute(statement, parameters)
                    if cursor.description is not None:
                        cursor.fetchall()
            cursor.close()
            if commit:
                connection.commit()
            else:
                connection.rollback()
        finally:
            connection.close()
    return run
