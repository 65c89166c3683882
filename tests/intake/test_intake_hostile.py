"""Hostile and broken files: a one-line reason each, nothing written, no hang."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest

from desktop.data.database import open_database
from desktop.intake import load_files
from desktop.intake.safety import IntakeFileError, check_workbook_bytes


def _rezip(source: bytes, replace: dict[str, bytes], extra: dict[str, bytes] | None = None,
           compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, \
            zipfile.ZipFile(out, "w", compression) as target:
        for info in original.infolist():
            target.writestr(info.filename, replace.get(info.filename, original.read(info)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def _billion_laughs(form: bytes) -> bytes:
    """The form with an entity-expansion DOCTYPE in its workbook part."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(io.BytesIO(form)) as original:
        workbook = original.read("xl/workbook.xml")
    declaration, _, rest = workbook.partition(b"?>")
    attacked = declaration + b"?><!DOCTYPE lolz [" + entities.encode() + b"]>" + rest
    return _rezip(form, {"xl/workbook.xml": attacked.replace(b"<sheets>", b"&lol9;<sheets>")})


def _many_rows(count: int) -> bytes:
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i)
                    for i in range(1, count + 1))
    return head + rows + b"</sheetData></worksheet>"


def _far_cell(column: str, row: int) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1">'
            b'<v>1</v></c></row><row r="%d"><c r="%s%d"><v>1</v></c></row></sheetData>'
            b'</worksheet>' % (row, column.encode(), row))


def _encrypted(form: bytes) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(form)).encrypt("mat-khau", out)
    return out.getvalue()


def _ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return out.getvalue()


def _old_xls() -> bytes:
    # The OLE2 compound-file header of an Excel 97-2003 workbook, no encryption stream.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le")


HOSTILE = {
    "not_a_zip": (lambda form: b"hello, this is text", "ZIP"),
    "truncated": (lambda form: form[: len(form) // 2], "hỏng"),
    "zip_bomb": (lambda form: _rezip(form, {}, {"xl/media/bomb.bin": b"\0" * 30_000_000}),
                 "bom ZIP"),
    "xml_entities": (_billion_laughs, "DOCTYPE"),
    "million_rows": (lambda form: _rezip(form, {"xl/worksheets/sheet1.xml": _many_rows(1_000_000)}),
                     "ZIP"),
    "ten_thousand_rows": (lambda form: _rezip(form, {"xl/worksheets/sheet1.xml": _many_rows(10_000)}),
                          "quá nhiều dòng"),
    # Two cells, but the reader would allocate 1,500 × 16,384 cells (about 1 GB).
    "far_right_cell": (lambda form: _rezip(form, {"xl/worksheets/sheet1.xml": _far_cell("XFD", 1500)}),
                       "quá xa bên phải"),
    "far_down_cell": (lambda form: _rezip(form, {"xl/worksheets/sheet1.xml": _far_cell("A", 1048576)}),
                      "quá nhiều dòng"),
    "password": (_encrypted, "mật khẩu"),
    "xls": (lambda form: _old_xls(), ".xls"),
    "ods": (lambda form: _ods(), ".ods"),
    "empty": (lambda form: b"", "ZIP"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_file_is_refused_with_one_line_and_nothing_written(
        kind, make_form, db, db_path, hash_of, tmp_path):
    make, words = HOSTILE[kind]
    form = make_form().read_bytes()
    bad = tmp_path / f"bad_{kind}.xlsx"
    bad.write_bytes(make(form))
    db.close()
    before = hash_of(db_path)
    database = open_database(db_path)
    [report] = load_files(database, [bad])
    database.close()
    assert hash_of(db_path) == before
    assert not report.ok and len(report.problems) == 1
    message = report.problems[0].message
    assert "\n" not in message and words in message, message
    assert report.problems[0].file == str(bad)


def test_the_table_of_hostile_files_is_really_checked_by_the_container_check(make_form):
    form = make_form().read_bytes()
    check_workbook_bytes(form)  # a real form passes
    for kind, (make, _words) in HOSTILE.items():
        with pytest.raises(IntakeFileError):
            check_workbook_bytes(make(form))
            pytest.fail(kind)


def test_a_form_without_meta_sheet_is_not_ours(tmp_path, db):
    from openpyxl import Workbook

    path = tmp_path / "khac.xlsx"
    workbook = Workbook()
    workbook.active["A1"] = "bảng tính khác"
    workbook.save(path)
    [report] = load_files(db, [path])
    assert "_meta" in report.problems[0].message


def test_a_damaged_zip_archive_of_forms(tmp_path, db):
    archive = tmp_path / "phieu.zip"
    archive.write_bytes(b"PK\x03\x04 broken")
    [report] = load_files(db, [archive])
    assert not report.ok and "ZIP" in report.problems[0].message


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("target", ["xls", "ods"])
def test_real_xls_and_ods_made_by_libreoffice_are_refused(target, make_form, db, tmp_path):
    form = make_form()
    out = tmp_path / "converted"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", target, "--outdir", str(out), str(form)],
                   check=True, capture_output=True, timeout=120)
    [report] = load_files(db, [out / f"{form.stem}.{target}"])
    assert f".{target}" in report.problems[0].message


def test_a_zip_of_forms_holding_a_bomb_refuses_only_that_member(make_form, db, tmp_path):
    form = make_form()
    archive = tmp_path / "phieu.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.write(form, form.name)
        bundle.writestr("bom.xlsx", b"\0" * 30_000_000)
    reports = {r.path.rsplit("/", 1)[-1]: r for r in load_files(db, [archive], dry_run=True)}
    assert reports[form.name].ok
    assert "quá lớn" in reports["bom.xlsx"].problems[0].message
