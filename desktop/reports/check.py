"""Checking a template before filling it: tags by sheet and cell, errors, warnings.

Errors (nothing is filled while any remains): an unknown tag or option, an
unknown code, a target/status tag on a data element, a loop tag that does
not open its row's first cell, row fields or code-less value tags outside
a repeated row. Warnings: parts of the file that openpyxl cannot keep (text
boxes and shapes, header/footer pictures, extension lists such as
drop-downs whose list is on another sheet), found by reading the XML inside
the .xlsx.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop.data.catalogue import catalogue_dir, read_toml
from desktop.errors import UserError
from desktop.i18n import t
from desktop.reports.tags import (
    INDICATOR_FIELDS,
    INDICATOR_ONLY,
    ROW_FIELDS,
    UNIT_FIELDS,
    CellTags,
    LoopPlacementError,
    TagError,
    cell_tags,
)


@dataclass
class TaggedCell:
    sheet: str
    cell: str
    row: int
    column: int
    tags: CellTags


@dataclass
class CheckResult:
    cells: list[TaggedCell] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"tags": [{"sheet": c.sheet, "cell": c.cell, "tags": [tag.text for tag in c.tags.tags]}
                         for c in self.cells],
                "errors": self.errors, "warnings": self.warnings}

    def loop_rows(self, sheet: str) -> dict[int, TaggedCell]:
        return {c.row: c for c in self.cells if c.sheet == sheet and c.tags.loop is not None}


def catalogue_codes() -> dict[str, bool]:
    """Code -> is an indicator, for every element and indicator of the catalogue."""
    codes = {e["code"]: False for e in read_toml(catalogue_dir() / "elements.toml")["element"]}
    codes.update({i["code"]: True for i in read_toml(catalogue_dir() / "indicators.toml")["indicator"]})
    return codes


def load_template(path: Path):
    """The workbook, loaded to keep everything openpyxl can keep; UserError if unreadable."""
    import openpyxl

    if not Path(path).is_file():
        raise UserError(t(f"Không tìm thấy tệp mẫu {path}.", f"No such template file: {path}."))
    try:
        return openpyxl.load_workbook(path, rich_text=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise UserError(t(f"Không đọc được tệp mẫu {path} (cần tệp .xlsx): {exc}",
                          f"Cannot read the template {path} (an .xlsx is needed): {exc}")) from exc


def scan_workbook(wb, codes: dict[str, bool]) -> CheckResult:
    """Every tagged cell of every sheet, and every error, named by sheet and cell."""
    result = CheckResult()
    for ws in wb.worksheets:
        first_columns = _first_columns(ws)
        for (row, column), cell in sorted(ws._cells.items()):
            where = f"{ws.title}!{cell.coordinate}"
            try:
                tags = cell_tags(cell._value)
            except LoopPlacementError as exc:
                result.errors.append(_loop_message(where, str(exc)))
                continue
            except TagError as exc:
                result.errors.append(t(f"{where}: thẻ không hợp lệ {exc}", f"{where}: unknown tag {exc}"))
                continue
            if tags is None:
                continue
            if tags.loop is not None and column != first_columns.get(row):
                result.errors.append(_loop_message(where, tags.loop.text))
            result.cells.append(TaggedCell(ws.title, cell.coordinate, row, column, tags))
        _check_rows(ws.title, result, codes)
    return result


def _loop_message(where: str, tag: str) -> str:
    return t(f"{where}: thẻ lặp {tag} phải đứng đầu ô đầu tiên của dòng.",
             f"{where}: the loop tag {tag} must open the first cell of its row.")


def _first_columns(ws) -> dict[int, int]:
    first: dict[int, int] = {}
    for (row, column), cell in ws._cells.items():
        if cell._value not in (None, "") and column < first.get(row, 10**6):
            first[row] = column
    return first


def _check_rows(sheet: str, result: CheckResult, codes: dict[str, bool]) -> None:
    loops = {c.row: c.tags.loop.code for c in result.cells if c.sheet == sheet and c.tags.loop}
    for tagged in (c for c in result.cells if c.sheet == sheet):
        where = f"{sheet}!{tagged.cell}"
        loop = loops.get(tagged.row)
        for tag in tagged.tags.tags:
            problem = _tag_problem(tag, loop, codes)
            if problem:
                result.errors.append(f"{where}: {problem}")


def _tag_problem(tag, loop: str | None, codes: dict[str, bool]) -> str | None:
    if tag.head == "score":
        from desktop.reports.scores import score_problem

        return score_problem(tag, loop)
    if tag.head in ROW_FIELDS:
        allowed = {"units": UNIT_FIELDS | {"row.no"}, "indicators": INDICATOR_FIELDS | {"row.no"}}
        if loop is None or tag.head not in allowed[loop]:
            return t(f"thẻ {tag.text} chỉ dùng trong dòng lặp phù hợp.",
                     f"the tag {tag.text} belongs in a matching repeated row.")
    if not tag.is_value:
        return None
    if tag.code is None:
        if loop != "indicators":
            return t(f"thẻ {tag.text} cần mã (ví dụ value:PS_L3_RATE) ngoài dòng lặp chỉ tiêu.",
                     f"the tag {tag.text} needs a code (e.g. value:PS_L3_RATE) outside an indicator row.")
        return None
    if tag.code not in codes:
        return t(f"không có chỉ tiêu hay số liệu mã “{tag.code}” ({tag.text}).",
                 f"no indicator or data element with code “{tag.code}” ({tag.text}).")
    if tag.head in INDICATOR_ONLY and not codes[tag.code]:
        return t(f"{tag.text}: “{tag.code}” là số liệu, không có mục tiêu hay trạng thái.",
                 f"{tag.text}: “{tag.code}” is a data element; it has no target or status.")
    return None


def check_template(path: Path, codes: dict[str, bool] | None = None) -> CheckResult:
    """Tags, errors and warnings of a template file."""
    wb = load_template(path)
    result = scan_workbook(wb, codes if codes is not None else catalogue_codes())
    result.warnings = dropped_parts(path)
    return result


def dropped_parts(path: Path) -> list[str]:
    """What openpyxl would drop from the file, sheet by sheet."""
    from defusedxml import ElementTree

    warnings = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for sheet, part in _sheet_parts(archive, ElementTree):
            xml = archive.read(part)
            if b"legacyDrawingHF" in xml:
                warnings.append(t(f"Trang “{sheet}”: ảnh trong đầu/chân trang sẽ bị mất.",
                                  f"Sheet “{sheet}”: header/footer pictures will be lost."))
            if b"<extLst" in xml or b":extLst" in xml:
                warnings.append(t(f"Trang “{sheet}”: phần mở rộng của Excel (ví dụ danh sách chọn "
                                  f"lấy từ trang khác) sẽ bị mất.",
                                  f"Sheet “{sheet}”: Excel extensions (e.g. drop-down lists "
                                  f"from another sheet) will be lost."))
            for drawing in _related(archive, part, "drawing", names):
                if _has_shapes(ElementTree.fromstring(archive.read(drawing))):
                    warnings.append(t(f"Trang “{sheet}”: hộp văn bản/hình vẽ sẽ bị mất (chỉ giữ ảnh).",
                                      f"Sheet “{sheet}”: text boxes and shapes will be lost (only pictures are kept)."))
    return warnings


def _has_shapes(root) -> bool:
    """Whether a drawing holds shapes or text boxes (sp, grpSp, cxnSp), not only pictures."""
    return any(element.tag.rsplit("}", 1)[-1] in ("sp", "grpSp", "cxnSp") for element in root.iter())


def _sheet_parts(archive: zipfile.ZipFile, ElementTree) -> list[tuple[str, str]]:
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.findall("p:Relationship", ns)}
    parts = []
    for sheet in workbook.iterfind("m:sheets/m:sheet", ns):
        target = targets.get(sheet.get(f"{{{ns['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
        parts.append((sheet.get("name"), part))
    return parts


def _related(archive: zipfile.ZipFile, part: str, kind: str, names: set[str]) -> list[str]:
    from defusedxml import ElementTree

    folder, name = posixpath.split(part)
    rels_name = f"{folder}/_rels/{name}.rels"
    if rels_name not in names:
        return []
    found = []
    for rel in ElementTree.fromstring(archive.read(rels_name)):
        if rel.get("Type", "").endswith("/" + kind):
            raw = rel.get("Target", "")
            target = (raw.lstrip("/") if raw.startswith("/")
                      else posixpath.normpath(posixpath.join(folder, raw)))
            if target in names:
                found.append(target)
    return found
