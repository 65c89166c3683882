"""A writer for the crash-safety test (run as a subprocess, not collected).

It imports the program once, then for every "go" line on stdin forks a
child that opens the database and writes values in committed transactions,
printing "C <seq>" after each commit (flushed). The parent prints
"P <pid>" for each child and "E <pid>" when it has ended, so the test can
SIGKILL the child at any moment without paying the start-up each time.
"""

import os
import sys

from sqlalchemy import func, select

from desktop.data.database import open_database
from desktop.data.models import DataElement, DataValue
from desktop.data.values import ValueInput, write_values

ELEMENTS = ("DOCS_SENT", "INVITES", "DIRECTIVES")
UNITS = ("TINH", "H01")


def period_of(seq: int) -> str:
    months = seq // len(UNITS)
    return f"{1990 + months // 12}-{months % 12 + 1:02d}"


def batch(seq: int) -> list[ValueInput]:
    unit = UNITS[seq % len(UNITS)]
    return [ValueInput(unit, code, period_of(seq), float(seq)) for code in ELEMENTS]


def write_forever(path: str) -> None:
    database = open_database(path)
    with database.session() as session:
        last = session.scalar(select(func.max(DataValue.value)).join(DataElement).where(
            DataElement.code == ELEMENTS[0]))
    seq = 0 if last is None else int(last) + 1
    while True:
        with database.session() as session:
            write_values(session, batch(seq), user="crash-test")
        print(f"C {seq}", flush=True)
        seq += 1


def main() -> None:
    path = sys.argv[1]
    for line in sys.stdin:
        if line.strip() != "go":
            continue
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(path)
            finally:
                os._exit(3)
        print(f"P {pid}", flush=True)
        os.waitpid(pid, 0)
        print(f"E {pid}", flush=True)


if __name__ == "__main__":
    main()
