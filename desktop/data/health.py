"""Health of a database file: `itplan check` and the GUI's check at start.

`check_database(path)` runs every check (full `integrity_check`,
`foreign_key_check`, schema version, sizes, last backup, free disk space,
and the structure against the migrations' — `schema_check`);
`quick_check(path)` runs the fast part for the GUI's start. Both return
plain rows: what was checked, ok / warning / error, what was found and, in
plain words, what to do. Nothing is written to the database.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.data.backup import backup_problem, last_backup
from desktop.errors import DatabaseFileError, plain_sqlite_error
from desktop.formats import format_number
from desktop.i18n import t

BACKUP_WARN_DAYS = 7
LOW_DISK_BYTES = 200 * 1024 * 1024
COUNTED_TABLES = ("org_unit", "data_value", "year_value", "submission", "audit_entry")


@dataclass(frozen=True)
class CheckRow:
    """One check: a short name, its status, what was found, what to do."""

    check: str
    status: str  # ok | warning | error
    detail: str
    advice: str = ""

    def as_json(self) -> dict:
        return asdict(self)


def worst(rows: list[CheckRow]) -> str:
    """ok, warning or error: the worst status among the rows."""
    statuses = {row.status for row in rows}
    return "error" if "error" in statuses else "warning" if "warning" in statuses else "ok"


def quick_check(path: Path) -> list[CheckRow]:
    """The fast checks for start-up: file, schema version, last backup, disk space."""
    path = Path(path)
    rows = [_file_row(path)]
    if rows[0].status == "error":
        return rows
    return rows + [_last_backup_row(path, full=False), _disk_row(path)]


def check_database(path: Path) -> list[CheckRow]:
    """Every check, the slow ones included (the full integrity check)."""
    path = Path(path)
    rows = [_file_row(path)]
    if rows[0].status == "error":
        return rows
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:  # pragma: no cover - the file row caught it
        return rows + [CheckRow(t("Mở tệp", "Opening"), "error", plain_sqlite_error(exc),
                                _restore_advice())]
    try:
        rows += [_integrity_row(connection), _foreign_key_row(connection),
                 _sizes_row(path, connection)]
    finally:
        connection.close()
    sound = rows[1].status == "ok"
    rows += [_last_backup_row(path), _disk_row(path)]
    return rows + [_schema_row(path)] if sound else rows


def _schema_row(path: Path) -> CheckRow:
    """Tables, columns, indexes, triggers and views as the migrations make them."""
    from desktop.data.schema_check import file_problems

    name = t("Cấu trúc dữ liệu (bảng, cột, chỉ mục, bộ kích hoạt, khung nhìn)",
             "Structure (tables, columns, indexes, triggers, views)")
    problems = file_problems(path)
    if not problems:
        return CheckRow(name, "ok", t("Đúng như chương trình tạo ra.",
                                      "Exactly as the program makes it."))
    detail = "; ".join(p.message for p in problems[:5])
    if len(problems) > 5:
        detail += t(f"; và {len(problems) - 5} khác biệt nữa", f"; and {len(problems) - 5} more")
    return CheckRow(name, "error", detail + ".", problems[0].advice)


TABLE_WORDS = {
    "data_value": ("số liệu", "values"), "year_value": ("số liệu cả năm", "yearly values"),
    "org_unit": ("đơn vị", "units"), "target": ("chỉ tiêu kế hoạch", "targets"),
    "plan": ("kế hoạch", "plans"), "indicator": ("chỉ số", "indicators"),
    "data_element": ("chỉ tiêu dữ liệu", "data elements"), "period": ("kỳ báo cáo", "periods"),
    "submission": ("trạng thái duyệt", "approval states"), "audit_entry": ("nhật ký", "log entries"),
}


def table_words(table: str) -> str:
    """A table's name in words (the kind of data it holds)."""
    vi, en = TABLE_WORDS.get(table, (table, table))
    return t(vi, en)


def _restore_advice() -> str:
    return t("Khôi phục từ bản sao lưu gần nhất: itplan restore TỆP (xem itplan backup --list).",
             "Restore the newest backup: itplan restore FILE (see itplan backup --list).")


def _file_row(path: Path) -> CheckRow:
    """Is it a sound database of ours, at which schema revision (quick_check)."""
    from desktop.data.database import check_sqlite_file
    from desktop.data.migrations import HEAD_REVISION

    name = t("Tệp và phiên bản lược đồ", "File and schema version")
    if not path.is_file():
        return CheckRow(name, "error", t(f"Không có tệp {path}.", f"No file {path}."),
                        t("Kiểm tra đường dẫn --db, hoặc chạy itplan init.",
                          "Check the --db path, or run itplan init."))
    try:
        revision = check_sqlite_file(path)
    except DatabaseFileError as exc:
        return CheckRow(name, "error", exc.message, _restore_advice())
    if revision is None:
        return CheckRow(name, "error", t(f"Tệp {path} trống.", f"{path} is empty."),
                        t("Chạy itplan init hoặc khôi phục một bản sao lưu.",
                          "Run itplan init or restore a backup."))
    if revision != HEAD_REVISION:
        return CheckRow(name, "warning",
                        t(f"Lược đồ {revision}, chương trình dùng {HEAD_REVISION}.",
                          f"Schema {revision}; this program uses {HEAD_REVISION}."),
                        t("Mở cơ sở dữ liệu một lần để nâng cấp (có sao lưu trước).",
                          "Open the database once to upgrade it (a backup is taken first)."))
    return CheckRow(name, "ok", t(f"Của chương trình, lược đồ {revision}.",
                                  f"This program's, schema {revision}."))


def _integrity_row(connection: sqlite3.Connection) -> CheckRow:
    name = t("Toàn vẹn dữ liệu", "Integrity")
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        problems = [plain_sqlite_error(exc)]
    if problems == ["ok"]:
        return CheckRow(name, "ok", t("Không có lỗi.", "No problems."))
    return CheckRow(name, "error", "; ".join(problems[:5]), _restore_advice())


def _foreign_key_row(connection: sqlite3.Connection) -> CheckRow:
    name = t("Liên kết giữa các loại dữ liệu", "Links between kinds of data")
    try:
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return CheckRow(name, "error", plain_sqlite_error(exc), _restore_advice())
    if not broken:
        return CheckRow(name, "ok", t("Không có liên kết hỏng.", "No broken links."))
    tables = sorted({table_words(row[0]) for row in broken})
    return CheckRow(name, "error",
                    t(f"{len(broken)} dòng trỏ tới dữ liệu không còn ({', '.join(tables)}).",
                      f"{len(broken)} rows point at missing data ({', '.join(tables)})."),
                    _restore_advice())


def _sizes_row(path: Path, connection: sqlite3.Connection) -> CheckRow:
    wal = path.with_name(path.name + "-wal")
    size = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    counts = []
    for table in COUNTED_TABLES:
        try:
            count = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.DatabaseError:
            continue
        counts.append(f"{table_words(table)} {format_number(count)}")
    detail = t(f"{_megabytes(size)} MB; {', '.join(counts)}.",
               f"{_megabytes(size)} MB; {', '.join(counts)}.")
    return CheckRow(t("Dung lượng", "Size"), "ok", detail)


def _megabytes(size: int) -> str:
    return format_number(size / 1024 / 1024, 1)


def _last_backup_row(path: Path, *, full: bool = True) -> CheckRow:
    name = t("Sao lưu gần nhất", "Last backup")
    newest = last_backup(path)
    if newest is None:
        return CheckRow(name, "warning", t("Chưa có bản sao lưu tự động nào.", "No automatic backup yet."),
                        t("Chạy itplan backup để sao lưu ngay.", "Run itplan backup now."))
    age = dt.datetime.now() - newest.taken_at
    when = newest.taken_at.strftime("%d/%m/%Y %H:%M")
    problem = backup_problem(newest.path, full=full)
    if problem is not None:
        return CheckRow(name, "error",
                        t(f"Bản sao lưu mới nhất {newest.path} ({when}) không mở được: {problem}.",
                          f"The newest backup {newest.path} ({when}) does not open: {problem}."),
                        t("Chạy itplan backup để có một bản sao lưu tốt.",
                          "Run itplan backup to get a sound backup."))
    if age.days >= BACKUP_WARN_DAYS:
        return CheckRow(name, "warning", t(f"{when}, cách đây {age.days} ngày.",
                                           f"{when}, {age.days} days ago."),
                        t("Chạy itplan backup để sao lưu ngay.", "Run itplan backup now."))
    return CheckRow(name, "ok", t(f"{when} ({newest.path.name}).", f"{when} ({newest.path.name})."))


def _disk_row(path: Path) -> CheckRow:
    name = t("Dung lượng trống trên đĩa", "Free disk space")
    free = shutil.disk_usage(path.parent).free
    detail = f"{_megabytes(free)} MB"
    if free < LOW_DISK_BYTES:
        return CheckRow(name, "warning", detail,
                        t("Ổ đĩa sắp đầy: xóa bớt tệp hoặc chép sao lưu sang ổ khác.",
                          "The disk is nearly full: free some space or move backups elsewhere."))
    return CheckRow(name, "ok", detail)
