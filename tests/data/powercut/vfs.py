"""A SQLite VFS (through APSW) in which only fsynced data survives a power cut.

Every file opened through it keeps its content in memory; `xWrite` and
`xTruncate` change only that image, `xSync` writes the changed ranges to
the real file and fsyncs it. The real files are therefore the disk as it
would be after a power cut at any moment. `PowerCutVFS.arm(n)` cuts the
power at the n-th write, truncate or sync from then on: that operation and
every later one fails with an I/O error, and every unsynced change is gone.
"""

from __future__ import annotations

import apsw


class PowerCut(Exception):
    """Raised inside SQLite's I/O when the power is off."""


class PowerCutVFS(apsw.VFS):
    def __init__(self, name: str = "powercut"):
        self.name = name
        self.files: list[PowerCutFile] = []
        self.off = False
        self.countdown: int | None = None
        super().__init__(name, "")

    def arm(self, operations: int | None) -> None:
        """Power on; cut it at the given count of writes/truncates/syncs (None: never)."""
        self.off, self.countdown, self.files = False, operations, []

    def tick(self) -> None:
        if self.off:
            raise apsw.IOError("the power is off")
        if self.countdown is not None:
            self.countdown -= 1
            if self.countdown <= 0:
                self.cut()
                raise apsw.IOError("power cut")

    def cut(self) -> None:
        """Cut the power now: every unsynced change of every file is lost."""
        self.off = True
        for handle in self.files:
            handle.forget()

    def xOpen(self, name, flags):  # noqa: N802 - APSW's name
        if name is None or self.off:
            if self.off:
                raise apsw.IOError("the power is off")
            return apsw.VFSFile("", name, flags)
        handle = PowerCutFile(self, name, flags)
        self.files.append(handle)
        return handle

    def xDelete(self, name, syncdir):  # noqa: N802
        if self.off:
            raise apsw.IOError("the power is off")
        return super().xDelete(name, syncdir)


class PowerCutFile(apsw.VFSFile):
    def __init__(self, vfs: PowerCutVFS, name, flags):  # noqa: ANN001
        self.vfs = vfs
        super().__init__("", name, flags)
        size = super().xFileSize()
        self.image = bytearray(super().xRead(size, 0)) if size else bytearray()
        self.synced_size = size
        self.dirty: dict[int, int] = {}  # offset -> length changed since the last sync

    def forget(self) -> None:
        self.image, self.dirty = bytearray(), {}

    def xRead(self, amount, offset):  # noqa: N802
        if self.vfs.off:
            raise apsw.IOError("the power is off")
        return bytes(self.image[offset:offset + amount])

    def xWrite(self, data, offset):  # noqa: N802
        self.vfs.tick()
        end = offset + len(data)
        if end > len(self.image):
            self.image.extend(b"\0" * (end - len(self.image)))
        self.image[offset:end] = data
        self.dirty[offset] = max(self.dirty.get(offset, 0), len(data))

    def xTruncate(self, size):  # noqa: N802
        self.vfs.tick()
        del self.image[size:]
        self.dirty = {o: min(n, size - o) for o, n in self.dirty.items() if o < size}

    def xFileSize(self):  # noqa: N802
        return len(self.image)

    def xSync(self, flags):  # noqa: N802
        self.vfs.tick()
        if len(self.image) < self.synced_size:
            super().xTruncate(len(self.image))
        for offset, length in sorted(self.dirty.items()):
            super().xWrite(bytes(self.image[offset:offset + length]), offset)
        super().xSync(flags)
        self.synced_size, self.dirty = len(self.image), {}

    def xClose(self):  # noqa: N802
        if self in self.vfs.files:
            self.vfs.files.remove(self)
        super().xClose()
