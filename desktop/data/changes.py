"""Has a database file changed since a moment? Asked of SQLite, not of the file.

`ChangeWatch(path)` keeps its own read-only connection to the file and
notes `PRAGMA data_version`, which SQLite changes whenever another
connection (of this process or any other) commits. The watch itself never
writes, so every commit — the GUI's own, a command run beside it — counts.
Reading the file's bytes instead would drop this process's locks on it
(see the SQLite pitfalls in the design notes) and cost a full read.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


class ChangeWatch:
    def __init__(self, path: Path):
        self._connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True,
                                           check_same_thread=False)
        self._start = self._version()

    def _version(self) -> int:
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        """Whether anything was committed to the file since the watch began."""
        return self._version() != self._start

    def close(self) -> None:
        self._connection.close()
