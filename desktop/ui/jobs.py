"""Long work off the GUI thread: a QThread, a progress dialog, errors in a message box.

`run_job(parent, title, function, *args)` calls `function(*args, progress=callback)`
in a worker thread (callback(done, total) may be called from there), keeps
the window responsive with a QProgressDialog, and returns the result — or
None after showing a UserError's message.

Python's cyclic garbage collector is paused while the worker runs: a
collection started in the worker thread may destroy Qt objects (a closed
dialog's wrappers) that belong to the GUI thread, which crashes Qt. Cycles
are collected in the GUI thread before and after instead.
"""

from __future__ import annotations

import gc
from typing import Any, Callable

from PySide6.QtCore import QEventLoop, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.errors import UserError
from desktop.i18n import t
from desktop.ui import dialogs


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, function: Callable, args: tuple):
        super().__init__()
        self.function, self.args = function, args
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.function(*self.args, progress=self._report)
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread
            self.error = exc
        self.finished.emit()

    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))


class _Relay(QObject):
    """Lives in the GUI thread, so the worker's progress reaches the dialog queued."""

    def __init__(self, dialog: QProgressDialog):
        super().__init__()
        self.dialog = dialog

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total))


def run_job(parent: QWidget | None, title: str, function: Callable, *args: Any) -> Any:
    """Run `function(*args, progress=cb)` in a thread with a progress dialog."""
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setWindowTitle(dialogs.app_title())
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    worker, thread, loop = _Worker(function, args), QThread(), QEventLoop()
    worker.moveToThread(thread)
    gc.collect()
    collecting = gc.isenabled()
    gc.disable()
    relay = _Relay(dialog)
    worker.progressed.connect(relay.show_progress)
    worker.finished.connect(thread.quit)
    thread.finished.connect(loop.quit)
    thread.started.connect(worker.run)
    thread.start()
    try:
        loop.exec()
        thread.wait()
    finally:
        if collecting:
            gc.enable()
    dialog.close()
    if isinstance(worker.error, UserError):
        dialogs.show_error(parent, worker.error.message, worker.error.problems)
        return None
    if worker.error is not None:
        dialogs.show_error(parent, t(f"Lỗi không mong đợi: {worker.error}",
                                     f"Unexpected error: {worker.error}"))
        raise worker.error
    return worker.result
