"""Save one chart as PNG, SVG or PDF (the format follows the file's extension)."""

from __future__ import annotations

from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import t

FORMATS = ("png", "svg", "pdf")
PNG_DPI = 150


def check_output(path: Path | str, formats: tuple[str, ...] = FORMATS) -> Path:
    """The path, if its extension is one of `formats` and its folder exists."""
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in formats:
        raise UserError(t(f"Tệp {path.name}: chỉ lưu được dạng {', '.join(formats).upper()}.",
                          f"File {path.name}: only {', '.join(formats).upper()} can be saved."))
    if not path.parent.is_dir():
        raise UserError(t(f"Không có thư mục {path.parent} để lưu tệp.",
                          f"No folder {path.parent} to save the file in."))
    return path


def save_figure(figure, path: Path | str) -> Path:
    """Write the figure; fonts are embedded as TrueType in a PDF."""
    from desktop.charts.mplsetup import prepare_matplotlib

    prepare_matplotlib()
    path = check_output(path)
    try:
        figure.savefig(path, dpi=PNG_DPI, format=path.suffix.lower().lstrip("."),
                       metadata=_metadata(path))
    except PermissionError as exc:
        raise UserError(t(f"Không ghi được tệp {path} (tệp đang mở trong chương trình khác?).",
                          f"Cannot write {path} (is it open in another program?).")) from exc
    return path


def _metadata(path: Path) -> dict:
    if path.suffix.lower() == ".png":
        return {"Software": "IT Plan Monitor"}
    return {"Creator": "IT Plan Monitor"}
