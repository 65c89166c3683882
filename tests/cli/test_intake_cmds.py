"""`itplan intake make|load` from the command line: output, JSON, exit codes."""

from __future__ import annotations

import json
import shutil

import pytest
from openpyxl import load_workbook

from desktop.cli import main


@pytest.fixture
def db_file(demo_template, tmp_path):
    path = tmp_path / "itplan.db"
    shutil.copy(demo_template, path)
    return str(path)


def _fill_staff(path, value):
    workbook = load_workbook(path)
    meta = workbook["_meta"]
    row = next(int(r[1].value) for r in meta.iter_rows(min_row=10) if r[0].value == "STAFF")
    workbook["Phiếu số liệu"][f"E{row}"] = value
    workbook.save(path)


def test_make_for_children_skips_merged_units(db_file, tmp_path, capsys):
    out = tmp_path / "phieu"
    assert main(["--db", db_file, "intake", "make", "--children-of", "H38TS",
                 "--period", "2025Q1", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.glob("*.xlsx"))
    assert len(names) == 23  # 8 agencies + 15 communes; X16, X17 merged in 2020
    assert "H38TS-X16_2025Q1.xlsx" not in names
    assert main(["--db", db_file, "intake", "make", "--children-of", "T38",
                 "--period", "2026Q1", "--out", str(tmp_path / "moi")]) == 0
    assert len(list((tmp_path / "moi").glob("*.xlsx"))) == 6  # the new communes of 1/7/2025
    assert "23" in capsys.readouterr().out


def test_load_ok_then_problems_exit_codes_and_json(db_file, tmp_path, capsys):
    out = tmp_path / "phieu"
    assert main(["--db", db_file, "intake", "make", "--unit", "H38TS-X02", "--unit", "H38TS-X03",
                 "--period", "2015Q1", "--out", str(out)]) == 0
    good, bad = out / "H38TS-X02_2015Q1.xlsx", out / "H38TS-X03_2015Q1.xlsx"
    _fill_staff(good, 40)
    _fill_staff(bad, "bốn mươi")
    capsys.readouterr()
    assert main(["--db", db_file, "intake", "load", str(good)]) == 0
    printed = capsys.readouterr().out
    assert "ok, 1 giá trị" in printed and "(H38TS-X02), Quý I/2015" in printed
    assert main(["--db", db_file, "intake", "load", str(bad), "--dry-run"]) == 1
    printed = capsys.readouterr().out  # a refused file says whose it is, too
    assert f"{bad} — " in printed and "(H38TS-X03), Quý I/2015" in printed
    assert main(["--db", db_file, "intake", "load", str(out), "--dry-run", "--json"]) == 1
    reports = {r["unit"]: r for r in json.loads(capsys.readouterr().out)}
    assert reports["H38TS-X02"]["ok"] and reports["H38TS-X02"]["unchanged"] == 1
    [problem] = reports["H38TS-X03"]["problems"]
    assert problem["sheet"] == "Phiếu số liệu" and problem["cell"].startswith("E")
    assert "bốn mươi" in problem["message"]


def test_usage_and_user_errors(db_file, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", db_file, "intake", "make", "--period", "2026"])
    assert exit_info.value.code == 2
    assert main(["--db", db_file, "intake", "load", str(tmp_path / "missing.xlsx")]) == 1
    assert main(["--db", db_file, "intake", "make", "--unit", "NOPE", "--period", "2026",
                 "--out", str(tmp_path)]) == 1
    assert "NOPE" in capsys.readouterr().err


def test_a_yearly_form_that_disagrees_with_the_quarters_loads_with_a_warning(db_file, tmp_path,
                                                                             capsys):
    out = tmp_path / "phieu"
    assert main(["--db", db_file, "intake", "make", "--unit", "H38TS-X02",
                 "--period", "2024", "--out", str(out)]) == 0
    form = out / "H38TS-X02_2024.xlsx"
    _fill_staff(form, 3)  # the quarters say some twenty staff
    capsys.readouterr()
    assert main(["--db", db_file, "intake", "load", str(form)]) == 0
    printed = capsys.readouterr().out
    assert "cảnh báo" in printed and "quý cuối" in printed and "vượt 100 %" in printed


def test_load_signs_the_user_in_on_a_shared_pc(db_file, tmp_path, capsys, monkeypatch,
                                              table_hashes):
    """With named users, `--user NAME` signs in for the load as for every command; nobody
    signed in is refused, nothing written."""
    import io
    from pathlib import Path

    from desktop.data import users
    from desktop.data.database import open_database

    database = open_database(Path(db_file))
    with database.session() as session:
        users.add_user(session, "duyet", "approver", "matkhau-1")
        users.sign_in(session, "duyet", "matkhau-1")
        users.add_user(session, "canbo", "officer", "matkhau-2")
    users.sign_out()
    database.close()
    out = tmp_path / "phieu"
    assert main(["--db", db_file, "intake", "make", "--unit", "H38TS-X02", "--period", "2015Q1",
                 "--out", str(out)]) == 0
    form = out / "H38TS-X02_2015Q1.xlsx"
    _fill_staff(form, 41)
    capsys.readouterr()
    before = table_hashes(Path(db_file))
    assert main(["--db", db_file, "intake", "load", str(form)]) == 1
    assert "Cần đăng nhập để nhập hoặc nhập khẩu số liệu" in capsys.readouterr().out
    assert table_hashes(Path(db_file)) == before
    monkeypatch.setattr("sys.stdin", io.StringIO("matkhau-2\n"))
    assert main(["--db", db_file, "--user", "canbo", "intake", "load", str(form)]) == 0, \
        capsys.readouterr()
    assert "ok, 1 giá trị" in capsys.readouterr().out
