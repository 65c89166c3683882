"""The templates shipped in resources/templates/, by name."""

from __future__ import annotations

from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import t
from desktop.paths import resources_dir

DESCRIPTIONS = {
    "bao-cao-chi-tieu": ("Báo cáo kết quả thực hiện chỉ tiêu kế hoạch (theo năm)",
                         "Yearly report of the plan's indicators"),
    "chi-tiet-don-vi": ("Chi tiết theo đơn vị trực thuộc", "Breakdown by subordinate unit"),
}


def templates_dir() -> Path:
    return resources_dir() / "templates"


def builtin_templates() -> dict[str, Path]:
    """Name -> file of every shipped template."""
    return {path.stem: path for path in sorted(templates_dir().glob("*.xlsx"))}


def description(name: str) -> str:
    vi, en = DESCRIPTIONS.get(name, (name, name))
    return t(vi, en)


def template_path(name_or_file: str | Path) -> Path:
    """A built-in template's file, or the given file; UserError if neither exists."""
    text = str(name_or_file)
    builtin = builtin_templates()
    if text in builtin:
        return builtin[text]
    path = Path(text)
    if path.is_file():
        return path
    names = ", ".join(builtin) or "—"
    raise UserError(t(f"Không có mẫu “{text}” (mẫu có sẵn: {names}; hoặc đường dẫn tới tệp .xlsx).",
                      f"No template “{text}” (built-in: {names}; or a path to an .xlsx file)."))
