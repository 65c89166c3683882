"""`itplan report`, `itplan template check|list`, `itplan export raw`."""

from __future__ import annotations

import json

import openpyxl
import pytest

from desktop.cli import main
from desktop.data.database import open_database
from desktop.data.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    database = open_database(path)
    with database.session() as session:
        build_demo(session)
    database.close()
    return path


def test_template_list_and_check(capsys, tmp_path):
    assert main(["template", "list", "--json"]) == 0
    names = {row["name"] for row in json.loads(capsys.readouterr().out)}
    assert {"bao-cao-chi-tieu", "chi-tiet-don-vi"} <= names
    assert main(["template", "check", "chi-tiet-don-vi", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["errors"] == [] and any(c["cell"] == "A12" for c in result["tags"])
    bad = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    wb.active["C3"] = "{{ value:KHONG_CO }}"
    wb.save(bad)
    assert main(["template", "check", str(bad)]) == 1
    assert "Sheet!C3" in capsys.readouterr().out


def test_report_and_overwrite(demo, tmp_path, capsys):
    out = tmp_path / "bc.xlsx"
    args = ["--db", str(demo), "report", "--template", "bao-cao-chi-tieu", "--period", "2024",
            "--out", str(out), "--date", "2026-11-21"]
    assert main(args) == 0
    assert "Triệu Sơn, ngày 21 tháng 11 năm 2026" in [
        c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert main(args) == 1
    assert "--force" in capsys.readouterr().err
    assert main(args + ["--force"]) == 0
    assert main(["--db", str(demo), "report", "--template", "khong-co", "--period", "2024",
                 "--out", str(tmp_path / "x.xlsx")]) == 1
    assert main(["--db", str(demo), "report", "--template", "bao-cao-chi-tieu", "--period", "2024",
                 "--out", str(tmp_path / "x.csv")]) == 1


def test_export_raw(demo, tmp_path, capsys):
    out = tmp_path / "raw.xlsx"
    assert main(["--db", str(demo), "export", "raw", "--period", "2024", "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Số liệu", "Bảng tổng hợp"]


def _encrypted(path) -> bytes:
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with open(path, "rb") as handle:
        OOXMLFile(handle).encrypt("mat-khau", out)
    return out.getvalue()


def _bad_templates(folder):
    """name -> (template path, words the one-sentence refusal must hold)."""
    import zipfile

    good = folder / "good.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Mẫu"
    wb.active["A2"], wb.active["B2"] = "{{ each:units }}{{ row.no }}", "{{ unit.name }}"
    wb.save(good)
    text = folder / "text.xlsx"
    text.write_text("không phải bảng tính", encoding="utf-8")
    locked = folder / "locked.xlsx"
    locked.write_bytes(_encrypted(good))
    tag = folder / "tag.xlsx"
    wb.active["C5"] = "{{ value:KHONG_CO }}"
    wb.save(tag)
    odd = folder / "odd.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(odd, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/_rels/sheet1.xml.rels" or name.endswith("sheet1.xml.rels"):
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId9" Type="urn:x/gizmo" '
                                    b'Target="../gizmos/g1.xml"/></Relationships>')
            target.writestr(name, data)
        if "xl/worksheets/_rels/sheet1.xml.rels" not in source.namelist():
            target.writestr("xl/worksheets/_rels/sheet1.xml.rels",
                            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                            b'relationships"><Relationship Id="rId9" Type="urn:x/gizmo" '
                            b'Target="../gizmos/g1.xml"/></Relationships>')
        target.writestr("xl/gizmos/g1.xml", "<g/>")
    strict = folder / "strict.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(strict, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/workbook.xml":
                data = data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                    b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            target.writestr(name, data)
    return {"not a workbook": (text, "text.xlsx"), "encrypted": (locked, "mật khẩu"),
            "strict": (strict, "Strict Open XML"),
            "tag error": (tag, "Mẫu!C5"), "unkeepable part": (odd, "xl/gizmos/g1.xml")}


@pytest.mark.parametrize("case", ["not a workbook", "encrypted", "strict", "tag error", "unkeepable part"])
def test_bad_templates_refused_in_one_sentence(demo, tmp_path, capsys, case):
    template, words = _bad_templates(tmp_path)[case]
    out = tmp_path / "out.xlsx"
    assert main(["--db", str(demo), "report", "--template", str(template), "--period", "2024",
                 "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists() and not list(tmp_path.glob(".itplan-*"))
