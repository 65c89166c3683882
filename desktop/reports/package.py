"""A workbook package (.xlsx/.xlsm) read part by part and written back whole.

The fill works on the package's XML (see docs/architecture.md, "Report
templates"): every part is kept as the bytes it was read as, unless the fill
changed its XML tree, so VBA, custom XML, printer settings, pictures and
everything else no code here understands pass through untouched.

XML is parsed with lxml without entities, DTDs or network access: a
template is a file from outside.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from desktop.errors import UserError
from desktop.i18n import t

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
MAX_UNPACKED = 1 << 30  # a template that unpacks to more is refused, not read into memory
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                         remove_blank_text=False)


def parse_xml(data: bytes):
    return etree.fromstring(data, PARSER)


@dataclass
class SheetRef:
    name: str
    part: str


class Package:
    """The parts of one workbook: bytes as read, XML trees once parsed, which trees changed."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.parts: dict[str, bytes] = {}
        self.infos: list[zipfile.ZipInfo] = []
        self.trees: dict[str, object] = {}
        self.changed: set[str] = set()
        self.removed: set[str] = set()
        self._read()
        self.sheets = self._sheets()

    def _read(self) -> None:
        path = self.path
        if not path.is_file():
            raise UserError(t(f"Không tìm thấy tệp mẫu {path}.", f"No such template file: {path}."))
        with open(path, "rb") as handle:
            head = handle.read(8)
        if head == OLE_SIGNATURE:
            raise UserError(t(f"Tệp mẫu {path} có mật khẩu (mã hóa) hoặc là tệp .xls cũ: hãy bỏ mật khẩu "
                              f"và lưu lại dạng .xlsx.",
                              f"The template {path} is password-protected (encrypted) or an old .xls: "
                              f"remove the password and save it as .xlsx."))
        try:
            with zipfile.ZipFile(path) as archive:
                self.infos = archive.infolist()
                if sum(info.file_size for info in self.infos) > MAX_UNPACKED:
                    raise UserError(t(f"Tệp mẫu {path} quá lớn khi giải nén (trên 1 GB).",
                                      f"The template {path} is too large once unpacked (over 1 GB)."))
                for info in self.infos:
                    if info.flag_bits & 0x1:
                        raise UserError(t(f"Tệp mẫu {path}: tệp ZIP được mã hóa.",
                                          f"The template {path}: the ZIP container is encrypted."))
                    self.parts[info.filename] = archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise UserError(t(f"Không đọc được tệp mẫu {path} (cần tệp .xlsx): {exc}",
                              f"Cannot read the template {path} (an .xlsx is needed): {exc}")) from exc
        if "xl/workbook.xml" not in self.parts:
            raise UserError(t(f"Tệp mẫu {path} không phải bảng tính Excel (thiếu xl/workbook.xml).",
                              f"The template {path} is not an Excel workbook (no xl/workbook.xml)."))

    def tree(self, part: str):
        """The part's XML tree, parsed once; UserError naming the part if it is not XML."""
        if part not in self.trees:
            try:
                self.trees[part] = parse_xml(self.parts[part])
            except etree.XMLSyntaxError as exc:
                raise UserError(t(f"Tệp mẫu {self.path}: phần {part} hỏng ({exc}).",
                                  f"The template {self.path}: the part {part} is damaged ({exc}).")) from exc
        return self.trees[part]

    def touch(self, part: str) -> None:
        self.changed.add(part)

    def related(self, part: str, kind: str | None = None) -> list[tuple[str, str]]:
        """(type suffix, target part) of the relationships of a part, internal targets only."""
        folder, name = posixpath.split(part)
        rels = f"{folder}/_rels/{name}.rels"
        if rels not in self.parts:
            return []
        found = []
        for rel in self.tree(rels):
            if rel.get("TargetMode") == "External":
                continue
            rel_type = rel.get("Type", "").rsplit("/", 1)[-1]
            if kind is not None and rel_type != kind:
                continue
            found.append((rel_type, resolve(folder, rel.get("Target", ""))))
        return found

    def _sheets(self) -> list[SheetRef]:
        workbook = self.tree("xl/workbook.xml")
        targets = dict((rel_id, target) for rel_id, target in self._workbook_targets())
        sheets = []
        for sheet in workbook.iterfind(f"{{{MAIN}}}sheets/{{{MAIN}}}sheet"):
            part = targets.get(sheet.get(f"{{{REL}}}id"))
            if part in self.parts:
                sheets.append(SheetRef(sheet.get("name"), part))
        return sheets

    def _workbook_targets(self):
        rels = "xl/_rels/workbook.xml.rels"
        if rels not in self.parts:
            return []
        return [(rel.get("Id"), resolve("xl", rel.get("Target", ""))) for rel in self.tree(rels)]

    @property
    def macro_enabled(self) -> bool:
        return "xl/vbaProject.bin" in self.parts or b"macroEnabled" in self.parts.get("[Content_Types].xml", b"")

    def drop_calc_chain(self) -> None:
        """The calculation chain lists formula cells by address; Excel rebuilds it when absent."""
        if "xl/calcChain.xml" not in self.parts:
            return
        self.removed.add("xl/calcChain.xml")
        rels = self.tree("xl/_rels/workbook.xml.rels")
        for rel in list(rels):
            if rel.get("Type", "").endswith("/calcChain"):
                rels.remove(rel)
        self.touch("xl/_rels/workbook.xml.rels")
        types = self.tree("[Content_Types].xml")
        for override in list(types):
            if override.get("PartName") == "/xl/calcChain.xml":
                types.remove(override)
        self.touch("[Content_Types].xml")

    def data(self, part: str) -> bytes:
        if part in self.changed:
            return etree.tostring(self.trees[part], xml_declaration=True, encoding="UTF-8",
                                  standalone=True)
        return self.parts[part]

    def save(self, out: Path) -> None:
        """Every part in its original order and compression; changed parts serialised anew."""
        with zipfile.ZipFile(out, "w") as archive:
            for info in self.infos:
                if info.filename in self.removed:
                    continue
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                archive.writestr(copy, self.data(info.filename))


def resolve(folder: str, target: str) -> str:
    """A relationship target as a part name."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))
