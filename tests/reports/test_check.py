"""`template check`: tags by cell, errors, and warnings for what the fill could not keep or move."""

from __future__ import annotations

import zipfile

import openpyxl
from openpyxl.drawing.image import Image

from desktop.reports.check import check_template
from tests.reports.test_rows import png_bytes


def rewrite(path, changes: dict[str, tuple[bytes, bytes]]) -> None:
    """Edit parts of an .xlsx in place: {part: (old, new)}."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name, (old, new) in changes.items():
        assert old in parts[name]
        parts[name] = parts[name].replace(old, new, 1)
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_tags_and_errors_named_by_cell(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 1"
    ws["A1"] = "{{ office.name }} {{ period.label }}"
    ws["B3"] = "{{ value:PS_L3_RATE level=xa }}"
    ws["C4"] = "{{ bogus }}"
    ws["D5"] = "{{ status:STAFF }}"  # a data element has no status
    ws["A6"], ws["B6"] = "1", "{{ each:units }}"
    ws["A7"] = "{{ unit.name }}"
    ws["A8"] = "{{ value }}"
    path = tmp_path / "t.xlsx"
    wb.save(path)
    result = check_template(path)
    found = {c.cell: [t.text for t in c.tags.tags] for c in result.cells}
    assert found["A1"] == ["{{ office.name }}", "{{ period.label }}"]
    assert found["B3"] == ["{{ value:PS_L3_RATE level=xa }}"]
    errors = "\n".join(result.errors)
    for cell in ("Biểu 1!C4", "Biểu 1!D5", "Biểu 1!B6", "Biểu 1!A7", "Biểu 1!A8"):
        assert cell in errors
    assert "Biểu 1!B3" not in errors and len(result.errors) == 5


def test_warns_only_about_what_cannot_move(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Mẫu"
    ws["A3"], ws["B3"] = "{{ each:units }}{{ row.no }}", "{{ unit.name }}"
    ws.add_image(Image(png_bytes()), "B6")
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert check_template(path).warnings == []
    # header/footer pictures, extension lists and shapes are kept: no warning for them
    rewrite(path, {
        "xl/worksheets/sheet1.xml": (b"</worksheet>",
                                     b'<legacyDrawingHF xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
                                     b' r:id="rId9"/><extLst><ext uri="x14"/></extLst></worksheet>'),
        "xl/drawings/drawing1.xml": (b"<pic>", b"<sp><nvSpPr/></sp><pic>"),
    })
    assert check_template(path).warnings == []
    # a part of a kind the fill does not know, on a sheet with repeated rows
    rewrite(path, {"xl/worksheets/_rels/sheet1.xml.rels": (
        b"</Relationships>",
        b'<Relationship Id="rId7" Type="http://example.org/relationships/gizmo" '
        b'Target="../gizmos/gizmo1.xml"/></Relationships>')})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/gizmos/gizmo1.xml", "<gizmo/>")
    warnings = check_template(path).warnings
    assert len(warnings) == 1 and "Mẫu" in warnings[0] and "xl/gizmos/gizmo1.xml" in warnings[0]
