"""The audit trail viewer: who changed what and when, filtered, exported to CSV.

Menu Công cụ → Nhật ký thay đổi… opens `AuditDialog`. The filter is the
kind of thing (value, target, unit, lock, …) and a key: a unit code finds
the unit's own changes, its values and its locks (see audit.entries). The
newest `SHOWN_ROWS` entries are shown; the CSV export writes every entry
that matches the filter.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.data import audit
from desktop.data.database import Database
from desktop.engine.targets import comparator_name
from desktop.formats import format_number, format_plain
from desktop.i18n import t
from desktop.ui import dialogs
from desktop.ui.row_table import Column, RowsModel, rows_view

SHOWN_ROWS = 5000
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ENTITY_NAMES = {"value": ("Số liệu", "Value"), "target": ("Chỉ tiêu kế hoạch", "Target"),
                "unit": ("Đơn vị", "Unit"), "lock": ("Khóa sổ", "Lock"),
                "user": ("Người dùng", "User"), "key": ("Khóa tin cậy", "Trusted key"),
                "setting": ("Cài đặt", "Setting"), "score": ("Điểm đánh giá", "Assessment score"),
                "score_set": ("Bộ tiêu chí", "Assessment set"), "plan": ("Kế hoạch", "Plan"),
                "element": ("Chỉ tiêu dữ liệu", "Data element"),
                "indicator": ("Chỉ tiêu", "Indicator"), "database": ("Cơ sở dữ liệu", "Database")}


ACTION_NAMES = {"insert": ("nhập mới", "added"), "update": ("sửa", "changed"),
                "delete": ("xóa", "deleted"), "comment": ("sửa ghi chú", "comment"),
                "add": ("thêm", "added"), "rename": ("đổi tên", "renamed"),
                "close": ("ngừng hoạt động", "closed"), "merge": ("sáp nhập vào", "merged into"),
                "state": ("đổi trạng thái", "state"), "set": ("đặt", "set"),
                "password": ("đổi mật khẩu", "password"), "remove": ("xóa", "removed"),
                "trust": ("tin cậy", "trusted"), "revoke": ("thu hồi", "revoked"),
                "recover": ("lấy lại quyền người duyệt", "recovered as approver"),
                "restore": ("khôi phục từ bản sao lưu", "restored from a backup"),
                "approvals-dropped": ("bỏ kỳ đã duyệt", "approvals dropped")}


# The fields of a target or a plan, as an audit row records them (JSON, or "set:FIELD").
FIELD_NAMES = {"indicator": ("chỉ tiêu", "indicator"), "year": ("năm", "year"),
               "period_from": ("cộng dồn từ năm", "cumulative from"), "level": ("cấp", "level"),
               "comparator": ("so sánh", "comparison"), "value": ("mục tiêu", "target"),
               "min_value": ("từ", "from"), "max_value": ("đến", "to"),
               "baseline_year": ("năm mốc", "baseline year"),
               "baseline_value": ("giá trị mốc", "baseline value"), "source": ("nguồn", "source"),
               "note": ("ghi chú", "note"), "title": ("tên", "title"),
               "issuer": ("cơ quan ban hành", "issuer"), "decision": ("số quyết định", "decision"),
               "province": ("tỉnh", "province"), "year_from": ("từ năm", "from year"),
               "year_to": ("đến năm", "to year"), "decision_date": ("ngày quyết định", "decided on")}
YEAR_FIELDS = ("year", "period_from", "baseline_year", "year_from", "year_to")


def action_name(action: str) -> str:
    if action.startswith("set:") and action[4:] in FIELD_NAMES:  # a plan's field
        return t("sửa ", "changed ") + t(*FIELD_NAMES[action[4:]])
    return t(*ACTION_NAMES.get(action, (action, action)))


def value_text(row: dict, text: str | None, names: dict[str, str] | None = None) -> str:
    """An old or new value as a reader expects it: 30,5; 31/12/2019; Đã duyệt (khóa); a
    target's fields by their names (năm: 2026; cấp: Cấp xã; mục tiêu: ≥ 95)."""
    from desktop.data.submission import STATE_NAMES
    from desktop.data.users import ROLES, role_name

    if text is None:
        return ""
    if _PLAIN_NUMBER.match(text):
        return format_plain(float(text))
    if _ISO_DAY.match(text):
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    if row["action"] == "state" and text in STATE_NAMES:
        return t(*STATE_NAMES[text])
    if row["entity"] == "user" and text in ROLES:
        return role_name(text)
    fields = _json_fields(text)
    shown = [f"{t(*FIELD_NAMES[k])}: {_field_text(k, fields[k], names or {})}"
             for k in FIELD_NAMES if fields and fields.get(k) not in (None, "")]
    return "; ".join(shown) if shown else text


def _json_fields(text: str) -> dict | None:
    """The fields of a JSON object recorded as one value, or None for any other text."""
    if not text.startswith("{"):
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _field_text(field: str, value: object, names: dict[str, str]) -> str:
    from desktop.data.units import level_name

    if field == "level":
        return level_name(str(value))
    if field == "comparator":
        return comparator_name(str(value))
    if field == "indicator":
        return names.get(str(value), str(value))
    if field in YEAR_FIELDS:
        return str(value)
    return value_text({"action": "", "entity": ""}, str(value))


def entity_name(entity: str) -> str:
    return t(*ENTITY_NAMES.get(entity, (entity, entity)))


def audit_model(rows: list[dict] = (), names: dict[str, str] | None = None) -> RowsModel:
    """The change log; things by their names (`names` from desktop.data.names), the
    codes in each row's tooltip."""
    from desktop.data.names import readable_key

    names = names or {}
    columns = [Column(lambda: t("Thời điểm", "When"), lambda r: r["at"].strftime("%d/%m/%Y %H:%M:%S")),
               Column(lambda: t("Người", "User"), lambda r: r["user"]),
               Column(lambda: t("Loại", "Kind"), lambda r: entity_name(r["entity"])),
               Column(lambda: t("Đối tượng", "What"), lambda r: readable_key(r["key"], names)),
               Column(lambda: t("Thao tác", "Action"), lambda r: action_name(r["action"])),
               Column(lambda: t("Cũ", "Old"), lambda r: value_text(r, r["old"], names)),
               Column(lambda: t("Mới", "New"), lambda r: value_text(r, r["new"], names)),
               Column(lambda: t("Lý do", "Reason"), lambda r: r["reason"])]
    return RowsModel(columns, rows, tooltip=lambda r: "\n".join(
        [readable_key(r["key"], names), t(f"Mã: {r['key']}", f"Code: {r['key']}")]
        + [f"{label}: {value_text(r, r[field], names)}" for field, label in (
            ("old", t("Cũ", "Old")), ("new", t("Mới", "New"))) if r[field] is not None]))


class AuditDialog(QDialog):
    """The audit trail, newest first, with a filter and a CSV export."""

    def __init__(self, database: Database, parent: QWidget | None = None, key: str = ""):
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(t("Nhật ký thay đổi", "Audit trail"))
        dialogs.fit_to_screen(self, 1040, 560)
        self.entity = dialogs.compact_combo(QComboBox())
        self.entity.addItem(t("Tất cả", "All"), None)
        for code in audit.AUDIT_ENTITIES:
            self.entity.addItem(entity_name(code), code)
        self.key = QLineEdit(key)
        self.key.setPlaceholderText(t("mã đơn vị, hoặc ĐƠNVỊ/CHỈTIÊU/KỲ", "unit code, or UNIT/ELEMENT/PERIOD"))
        self.key.returnPressed.connect(self.reload)
        self.entity.currentIndexChanged.connect(self.reload)
        show = QPushButton(t("Lọc", "Filter"))
        show.clicked.connect(self.reload)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(t("Loại:", "Kind:")))
        bar.addWidget(self.entity)
        bar.addWidget(QLabel(t("Mã:", "Key:")))
        bar.addWidget(self.key, 1)
        bar.addWidget(show)
        self.count = QLabel()
        from desktop.data.names import code_names

        with database.session() as session:
            self.names = code_names(session)
        self.model = audit_model(names=self.names)
        self.view = rows_view(self.model)
        export = QPushButton(t("Xuất CSV…", "Export CSV…"))
        export.clicked.connect(self.export_csv)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)
        dialogs.translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.reload()

    def filters(self) -> tuple[str | None, str | None]:
        return self.entity.currentData(), self.key.text().strip() or None

    def reload(self) -> None:
        entity, key = self.filters()
        with self.database.session() as session:
            rows = audit.entries(session, entity, key, SHOWN_ROWS + 1)
        self.model.load(rows[:SHOWN_ROWS])
        shown = format_number(min(len(rows), SHOWN_ROWS))
        self.count.setText(
            t(f"{shown} dòng (mới nhất trước).", f"{shown} entries (newest first).")
            if len(rows) <= SHOWN_ROWS else
            t(f"Hiện {shown} dòng mới nhất; xuất CSV để có tất cả.",
              f"Showing the newest {shown}; export CSV for all."))

    def export_csv(self) -> Path | None:
        """Write every entry matching the filter to a CSV file the user picks."""
        out = dialogs.ask_save_file(self, t("Xuất nhật ký thay đổi", "Export the audit trail"),
                                    "nhat-ky-thay-doi.csv", t("Tệp CSV (*.csv)", "CSV files (*.csv)"))
        if not out:
            return None
        entity, key = self.filters()
        with self.database.session() as session:
            rows = audit.entries(session, entity, key)
        path = Path(out)
        try:
            path.write_text(audit.entries_csv(rows), encoding="utf-8-sig", newline="")
        except OSError as exc:
            dialogs.show_error(self, t(f"Không ghi được {path}: {exc.strerror}.",
                                       f"Cannot write {path}: {exc.strerror}."))
            return None
        dialogs.show_info(self, t(f"Đã ghi {format_number(len(rows))} dòng vào {path}.",
                                  f"Wrote {format_number(len(rows))} entries to {path}."))
        return path
