"""`itplan progress|completeness|validate` on the demo and on a hand-made database."""

from __future__ import annotations

import json
import re

import pytest

from desktop.cli import main
from desktop.data.catalogue import load_catalogue
from desktop.data.database import open_database
from desktop.data.demo import build_demo
from desktop.data.units import add_unit
from desktop.data.values import ValueInput, write_values
from desktop.engine.status import SEVERITY
from desktop.i18n import set_language

ROW_KEYS = {"indicator", "unit", "level", "target", "actual", "numerator", "denominator",
            "percent_of_target", "status"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    """The demo database, built once for this module and only read by its tests."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path)
    with database.session() as session:
        build_demo(session)
    database.close()
    return str(path)


@pytest.fixture(autouse=True)
def vietnamese():
    set_language("vi")
    yield
    set_language("vi")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_progress_prints_a_vietnamese_table(demo, capsys):
    code, out, _ = run(capsys, "--db", demo, "progress", "--period", "2020")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Huyện Triệu Sơn — kế hoạch TH-2016 — Năm 2020"
    headers = ("Chỉ tiêu", "Cấp", "Mục tiêu", "Thực hiện", "% mục tiêu", "Trạng thái")
    for word in headers:
        assert word in lines[1]
    assert "Tỷ lệ cán bộ, công chức thường xuyên sử dụng thư điện tử" in out
    assert "Đạt" in out and "≥ 100 %" in out
    assert any(status in out for status in ("Chậm", "Có nguy cơ", "Đúng tiến độ"))
    assert "Cấp huyện" in out and "Các cấp" in out
    assert re.search(r"\d+,\d %", out)  # Vietnamese decimals: 93,3 %
    assert "achieved" not in out and "behind" not in out


def test_progress_json_rows(demo, capsys):
    code, out, _ = run(capsys, "--db", demo, "progress", "--plan", "TH-2016", "--unit", "H38TS",
                       "--period", "2020", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows and all(ROW_KEYS <= set(row) for row in rows)
    assert all(row["unit"] == "H38TS" and row["parent"] is None for row in rows)
    for row in rows:
        assert row["status"] in SEVERITY
        target = row["target"]
        assert target["value"] is not None or (target["min"] is not None
                                               and target["max"] is not None)
        if row["denominator"]:
            assert row["actual"] == pytest.approx(row["numerator"] / row["denominator"] * 100)
            assert row["percent_of_target"] == pytest.approx(
                row["actual"] / (target["value"] if target["value"] is not None
                                 else target["min"]) * 100)


def test_progress_by_unit_adds_the_units_below_lagging_first(demo, capsys):
    code, out, _ = run(capsys, "--db", demo, "progress", "--period", "2021", "--by-unit",
                       "--json")
    assert code == 0
    rows = json.loads(out)
    blocks: list[list[dict]] = []
    for row in rows:
        if row["parent"] is None:
            blocks.append([row])
        else:
            assert row["parent"] == "H38TS"
            blocks[-1].append(row)
    for main_row, *units in blocks:
        assert units, main_row["indicator"]
        ranks = [SEVERITY[u["status"]] for u in units]
        assert ranks == sorted(ranks)
        codes = {u["unit"] for u in units}
        # X16 and X17 merged into X12 on 1/1/2020: not listed for 2021
        assert not codes & {"H38TS-X16", "H38TS-X17"}
        numerators = [u["numerator"] for u in units if u["numerator"] is not None]
        if main_row["denominator"] is not None and main_row["level"] != "all":
            assert sum(numerators) == pytest.approx(main_row["numerator"])


def test_progress_by_unit_in_the_table(demo, capsys):
    code, out, _ = run(capsys, "--db", demo, "progress", "--period", "2019", "--by-unit")
    assert code == 0
    assert "    Xã Minh Dân" in out  # before the merge the old commune has its own row
    code, out, _ = run(capsys, "--db", demo, "progress", "--period", "2021", "--by-unit")
    assert "Xã Minh Dân" not in out and "    Xã Minh Sơn" in out


def test_progress_errors(demo, capsys):
    code, _, err = run(capsys, "--db", demo, "progress", "--period", "2020", "--unit", "NOPE")
    assert code == 1 and "NOPE" in err
    code, _, err = run(capsys, "--db", demo, "progress", "--period", "20x0")
    assert code == 1 and err.startswith("Lỗi: ")
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", demo, "progress"])
    assert exit_info.value.code == 2


def test_completeness_json_on_the_demo(demo, capsys):
    code, out, _ = run(capsys, "--db", demo, "completeness", "--unit", "T38", "--period",
                       "2026Q3", "--json")
    assert code == 0
    data = json.loads(out)
    # the six communes under the province since 1/7/2025; the closed district is not expected
    assert data["units_expected"] == 6
    assert data["units_complete"] == 4
    missing = [u for u in data["units"] if u["reported"] == 0]
    assert {u["unit_name"] for u in missing} == {"Xã Hợp Tiến", "Xã Thọ Phú"}
    assert data["units"][:2] == missing  # least complete first
    expected = sum(u["expected"] for u in data["units"])
    reported = sum(u["reported"] for u in data["units"])
    assert data["share"] == round(100 * reported / expected, 1)


def test_completeness_table(demo, capsys):
    code, out, _ = run(capsys, "--db", demo, "completeness", "--unit", "T38", "--period", "2026Q3")
    assert code == 0
    assert out.startswith("Đã báo cáo đủ: 4/6 đơn vị; tỷ lệ số liệu: ")
    assert "Còn thiếu" in out


@pytest.fixture
def small(tmp_path) -> str:
    """H1 with commune A: DOCS_SENT 10 in 2020Q1 and 40 in 2020Q2 (a 4× jump)."""
    path = tmp_path / "small.sqlite"
    database = open_database(path)
    with database.session() as session:
        load_catalogue(session)
        add_unit(session, "H1", "Huyện Một", "huyen")
        add_unit(session, "A", "Xã A", "xa", "area", "H1")
        write_values(session, [ValueInput("A", "DOCS_SENT", "2020Q1", 10),
                               ValueInput("A", "DOCS_SENT", "2020Q2", 40)])
    database.close()
    return str(path)


def test_validate_with_a_jump_factor(small, capsys):
    base = ["--db", small, "validate", "--unit", "H1", "--period", "2020Q2"]
    code, out, _ = run(capsys, *base, "--json")
    assert code == 0
    [finding] = json.loads(out)
    assert finding == {"unit": "A", "unit_name": "Xã A", "element": "DOCS_SENT",
                       "severity": "warning", "rule": "jump", "message": finding["message"]}
    assert finding["message"].endswith("thay đổi nhiều so với kỳ trước (10 → 40).")
    code, out, _ = run(capsys, *base, "--jump-factor", "4", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(capsys, *base, "--jump-factor", "3.9")
    assert code == 0 and "Cảnh báo" in out and "Xã A" in out
    code, out, _ = run(capsys, *base, "--jump-factor", "4")
    assert out.strip() == "Không phát hiện lỗi."


def test_validate_and_completeness_need_an_office_or_a_unit(small, capsys):
    code, _, err = run(capsys, "--db", small, "validate", "--period", "2020")
    assert code == 1 and err.startswith("Lỗi: ")
    code, out, _ = run(capsys, "--db", small, "completeness", "--unit", "H1", "--period",
                       "2020Q2", "--json")
    assert code == 0
    assert json.loads(out)["units"] == [{"unit": "A", "unit_name": "Xã A", "level": "xa",
                                         "expected": 1, "reported": 1, "share": 100.0,
                                         "missing": []}]


def test_progress_json_of_a_range_target(demo, capsys):
    # Kon Tum's "khoảng 60-70 %" computers per staff; its 2010 target stays in force in 2020
    code, out, _ = run(capsys, "--db", demo, "progress", "--plan", "KT-2009", "--unit", "H38TS",
                       "--period", "2020", "--json")
    assert code == 0
    [pcs] = [r for r in json.loads(out) if r["indicator"] == "PC_PER_STAFF"]
    assert (pcs["level"], pcs["target"]["comparator"], pcs["target"]["min"],
            pcs["target"]["max"], pcs["target"]["value"]) == ("huyen", "between", 50, 60, None)
    assert pcs["actual"] == pytest.approx(100 * pcs["numerator"] / pcs["denominator"])
    assert pcs["percent_of_target"] == pytest.approx(pcs["actual"] / 50 * 100)
    assert pcs["actual"] >= 50 and pcs["status"] == "achieved"  # the demo has enough PCs
    code, out, _ = run(capsys, "--db", demo, "progress", "--plan", "KT-2009", "--unit", "H38TS",
                       "--period", "2020")
    assert "50–60 %" in out
