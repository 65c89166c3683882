"""Writing a report file safely: never over an existing or open file unless told."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import t


def check_output(path: Path, force: bool = False, suffix: str = ".xlsx") -> None:
    """Refuse a path that does not end in `suffix` (.xlsm for a template with macros); without `force`, one that exists or that Excel has open
    (its lock file `~$name.xlsx` beside it: it may be stale after a crash, so `force` passes
    it, and then a file that cannot be opened for writing is still refused)."""
    path = Path(path)
    if path.suffix.lower() != suffix:
        raise UserError(t(f"Tệp kết quả phải có đuôi {suffix}: {path}"
                          + (" (mẫu có macro VBA)." if suffix == ".xlsm" else "."),
                          f"The output file must end in {suffix}: {path}"
                          + (" (the template has VBA macros)." if suffix == ".xlsm" else ".")))
    if not path.parent.is_dir():
        raise UserError(t(f"Không có thư mục {path.parent}.", f"No such folder: {path.parent}."))
    lock = path.with_name("~$" + path.name)
    if lock.exists() and not force:
        raise UserError(t(f"Tệp {path} đang mở trong Excel: hãy đóng nó rồi thử lại (hoặc dùng --force).",
                          f"{path} is open in Excel: close it and try again (or use --force)."))
    if not path.exists():
        return
    if not force:
        raise UserError(t(f"Tệp {path} đã có; dùng --force để ghi đè.",
                          f"{path} already exists; use --force to overwrite it."))
    try:
        with open(path, "r+b"):
            pass
    except OSError as exc:
        raise UserError(t(f"Không ghi được vào {path} (tệp đang được mở?): {exc.strerror}",
                          f"Cannot write {path} (is it open?): {exc.strerror}")) from exc


def save_workbook(wb, path: Path) -> None:
    """Save a workbook (anything with .save(path)) through a temporary file in the same folder, then replace: no half-written file."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", prefix=".itplan-", dir=path.parent)
    os.close(handle)
    try:
        wb.save(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(t(f"Không ghi được tệp {path}: {exc.strerror or exc}",
                          f"Cannot write {path}: {exc.strerror or exc}")) from exc
