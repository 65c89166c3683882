"""The `itplan` command: listings and their JSON fields, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

PLANS = {"KT-2009", "NA-2020", "TH-2016", "TTH-2020", "LD-2014",
         "DEMO-CDS-2026"}  # the catalogue's five and the demo's current plan
TARGET_FIELDS = {"indicator", "year", "level", "value", "min", "max", "comparator",
                 "baseline_year", "baseline_value", "source"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the command in-process; (exit code, stdout, stderr)."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse: bad usage, --help, --version
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str):
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_demo_then_plans_list(capsys, tmp_path, demo_template):
    db = tmp_path / "demo.sqlite"
    code, out, err = run(capsys, "--db", db, "demo")
    assert (code, err) == (0, "")
    assert "Huyện Triệu Sơn" in out
    # every demo is the same: this one holds exactly the values of the fixtures' one
    exported = run(capsys, "--db", db, "values", "export")[1]
    assert exported == run(capsys, "--db", demo_template, "values", "export")[1]
    assert len(exported.splitlines()) > 10000
    plans = run_json(capsys, "--db", db, "plans", "list")
    assert {p["code"] for p in plans} == PLANS
    for plan in plans:
        assert plan["title"] and {"code", "title", "decision"} <= set(plan)
    assert next(p for p in plans if p["code"] == "KT-2009")["decision"] == "235/QĐ-UBND"


def test_plans_show_gives_every_target_with_its_source(capsys, demo_path):
    plan = run_json(capsys, "--db", demo_path, "plans", "show", "KT-2009")
    assert plan["code"] == "KT-2009"
    assert len(plan["targets"]) >= 10
    seed = (Path(__file__).resolve().parents[2] / "resources" / "plans" / "seeds" /
            "002_88e26dcc6fe67dae.txt").read_text(encoding="utf-8")
    flat_seed = " ".join(seed.split())
    for target in plan["targets"]:
        assert TARGET_FIELDS <= set(target)
        assert target["source"], target
        assert target["level"] in {"tinh", "huyen", "xa", "all"}
        assert target["value"] is not None or target["min"] is not None or \
            target["comparator"] == "done"
    email = [t for t in plan["targets"] if t["indicator"] == "EMAIL_USE_RATE"
             and t["level"] == "tinh"]
    assert email and email[0]["value"] == 60 and email[0]["baseline_year"] == 2009
    assert email[0]["baseline_value"] == 40
    for target in plan["targets"]:  # each source is the seed's own words
        assert " ".join(target["source"].split()) in flat_seed, target["source"]


def test_plans_show_as_text(capsys, demo_path):
    code, out, _ = run(capsys, "--db", demo_path, "plans", "show", "KT-2009")
    assert code == 0
    assert "235/QĐ-UBND" in out and "EMAIL_USE_RATE" in out and "năm 2009" in out


def test_units_list_json(capsys, demo_path):
    units = run_json(capsys, "--db", demo_path, "units", "list")
    assert {"code", "name", "level", "kind", "parent"} <= set(units[0])
    by_code = {u["code"]: u for u in units}
    assert (by_code["H38TS-X16"]["valid_to"], by_code["H38TS-X16"]["successor"]) == (
        "2019-12-31", "H38TS-X12")
    assert by_code["H38TS-P01"]["parent"] == "H38TS" and by_code["H38TS-P01"]["kind"] == "agency"
    assert [u["code"] for u in units][:2] == ["T38", "H38TS"]
    under = run_json(capsys, "--db", demo_path, "units", "list", "--under", "H38TS-X05")
    assert [u["code"] for u in under] == ["H38TS-X05"]


def test_elements_and_indicators_list_json(capsys, demo_path):
    elements = run_json(capsys, "--db", demo_path, "elements", "list")
    assert len(elements) >= 40
    for element in elements:
        assert {"code", "name", "kind", "unit"} <= set(element)
    staff = next(e for e in elements if e["code"] == "STAFF")
    assert (staff["kind"], staff["unit"]) == ("number", "người")
    indicators = run_json(capsys, "--db", demo_path, "indicators", "list")
    for indicator in indicators:
        assert {"code", "name", "kind", "unit", "numerator", "denominator", "factor"} <= set(
            indicator)
    rate = next(i for i in indicators if i["code"] == "EMAIL_USE_RATE")
    assert (rate["kind"], rate["numerator"], rate["denominator"], rate["factor"]) == (
        "ratio", "STAFF_EMAIL_USE", "STAFF", 100.0)


def test_listings_as_text(capsys, demo_path):
    for argv in (["units", "list"], ["elements", "list"], ["indicators", "list"],
                 ["plans", "list"]):
        code, out, err = run(capsys, "--db", demo_path, *argv)
        assert (code, err) == (0, "") and len(out.splitlines()) > 3
    assert "Xã Minh Sơn" in run(capsys, "--db", demo_path, "units", "list")[1]


def test_values_export_and_import_round_trip(capsys, demo_path, tmp_path):
    out_file = tmp_path / "export.csv"
    code, _, _ = run(capsys, "--db", demo_path, "values", "export", "--unit", "H38TS-X03",
                     "--period", "2025Q1", "--out", out_file)
    assert code == 0
    lines = out_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "unit_code,element_code,period,value,comment" and len(lines) > 10
    code, out, err = run(capsys, "--db", demo_path, "values", "import", out_file)
    assert (code, err) == (0, "")
    assert f"0 giá trị mới, 0 sửa, {len(lines) - 1} không đổi" in out


def _one_line_error(err: str, *words: str) -> None:
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("Lỗi: ")
    for word in words:
        assert word in err


def test_a_bad_csv_is_exit_1_and_changes_nothing(capsys, demo_path, tmp_path, file_hash):
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_code,element_code,period,value\nH38TS-X01,STAFF,2025Q1,30\n"
                   "H38TS-X99,STAFF,2025Q1,31\n", encoding="utf-8")
    before = file_hash(demo_path)
    code, out, err = run(capsys, "--db", demo_path, "values", "import", bad)
    assert (code, out) == (1, "")
    _one_line_error(err, "bad.csv, dòng 3", "H38TS-X99")
    assert file_hash(demo_path) == before


def test_a_locked_period_is_exit_1(capsys, demo_path, tmp_path):
    bad = tmp_path / "locked.csv"
    bad.write_text("H38TS-X01,STAFF,2023Q2,30\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", demo_path, "values", "import", bad)
    assert code == 1
    _one_line_error(err, "locked.csv, dòng 1", "Quý II/2023", "khóa")


@pytest.mark.parametrize("argv, words", [
    (["plans", "show", "XX-1999"], ["XX-1999"]),
    (["values", "import", "no-such-file.csv"], ["no-such-file.csv"]),
    (["units", "import", "no-such-units.csv"], ["no-such-units.csv"]),
    (["values", "export", "--period", "2024Q9"], ["2024Q9"]),
    (["units", "list", "--under", "NOPE"], ["NOPE"]),
    (["units", "merge", "H38TS-X01", "--into", "H38TS-X01", "--date", "01/01/2026"],
     ["H38TS-X01"]),
    (["units", "close", "H38TS-X01", "--last-day", "31/02/2026"], ["31/02/2026"]),
    (["init", "--province", "Kon Tum", "--unit-code", "H1", "--unit-name", "Huyện",
      "--plan", "ZZ-1"], ["ZZ-1"]),
])
def test_user_errors_are_exit_1_with_one_line(capsys, demo_path, argv, words):
    code, out, err = run(capsys, "--db", demo_path, *argv)
    assert code == 1
    _one_line_error(err, *words)


def test_a_file_that_is_not_a_database_is_exit_1(capsys, tmp_path, file_hash):
    path = tmp_path / "notes.txt"
    path.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    before = file_hash(path)
    code, _, err = run(capsys, "--db", path, "units", "list")
    assert code == 1
    _one_line_error(err, "notes.txt")
    assert file_hash(path) == before


def test_english_messages(capsys, demo_path):
    code, _, err = run(capsys, "--db", demo_path, "--lang", "en", "plans", "show", "XX-1")
    assert code == 1 and err.startswith("Error: ") and "No plan" in err


@pytest.mark.parametrize("argv", [
    ["frobnicate"], [], ["plans"], ["plans", "show"], ["units", "add", "X1", "Xã"],
    ["init", "--unit-code", "H1", "--unit-name", "Huyện"], ["units", "add", "X1", "Xã",
                                                           "--level", "commune"],
    ["values", "import"], ["--lang", "fr", "plans", "list"],
])
def test_bad_usage_is_exit_2(capsys, tmp_path, argv):
    code, out, err = run(capsys, "--db", tmp_path / "x.sqlite", *argv)
    assert code == 2
    assert "usage:" in err
    assert not (tmp_path / "x.sqlite").exists()


def test_version_and_help_are_exit_0(capsys):
    assert run(capsys, "--version")[0] == 0
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "COMMAND" in out


def test_init_then_init_again_is_refused(capsys, tmp_path, file_hash):
    db = tmp_path / "office.sqlite"
    argv = ["--db", db, "init", "--province", "Kon Tum", "--unit-code", "H62KH",
            "--unit-name", "Huyện Kon Rẫy", "--plan", "KT-2009"]
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "") and "Huyện Kon Rẫy" in out
    units = run_json(capsys, "--db", db, "units", "list")
    assert [(u["code"], u["parent"]) for u in units] == [("TINH", None), ("H62KH", "TINH")]
    assert units[0]["name"] == "Tỉnh Kon Tum"
    code, _, err = run(capsys, *argv)
    assert code == 1
    _one_line_error(err, "đã được khởi tạo")
    assert len(run_json(capsys, "--db", db, "units", "list")) == 2


def test_demo_on_a_database_with_data_is_refused(capsys, demo_path, tmp_path, file_hash):
    before = file_hash(demo_path)
    code, _, err = run(capsys, "--db", demo_path, "demo")
    assert code == 1
    _one_line_error(err, "đã có dữ liệu")
    assert file_hash(demo_path) == before
    db = tmp_path / "units-only.sqlite"
    assert run(capsys, "--db", db, "units", "add", "X1", "Xã Một", "--level", "xa")[0] == 0
    code, _, err = run(capsys, "--db", db, "demo")
    assert code == 1
    _one_line_error(err, "đã có dữ liệu")
    assert [u["code"] for u in run_json(capsys, "--db", db, "units", "list")] == ["X1"]


def test_units_commands(capsys, tmp_path):
    db = tmp_path / "units.sqlite"
    csv_file = tmp_path / "units.csv"
    csv_file.write_text("code,name,level,kind,parent\nH1,Huyện Một,huyen,area,\n"
                        "X1,Xã Một,xa,area,H1\nX2,Xã Hai,xa,area,H1\n", encoding="utf-8")
    assert run(capsys, "--db", db, "units", "import", csv_file)[0] == 0
    assert run(capsys, "--db", db, "units", "rename", "X2", "Xã Hai Mới")[0] == 0
    assert run(capsys, "--db", db, "units", "merge", "X2", "--into", "X1",
               "--date", "01/07/2025")[0] == 0
    units = {u["code"]: u for u in run_json(capsys, "--db", db, "units", "list")}
    assert units["X2"]["name"] == "Xã Hai Mới"
    assert (units["X2"]["valid_to"], units["X2"]["successor"]) == ("2025-06-30", "X1")
    code, _, err = run(capsys, "--db", db, "units", "import", csv_file)
    assert code == 1
    _one_line_error(err, "units.csv, dòng 2", "H1")
    assert len(run_json(capsys, "--db", db, "units", "list")) == 3


def test_as_a_separate_process(demo_path, tmp_path):
    env = dict(os.environ, ITPLAN_HOME=str(tmp_path / "home"), PYTHONIOENCODING="ascii")
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(demo_path),
                           "plans", "list", "--json"], capture_output=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert {p["code"] for p in json.loads(done.stdout.decode("utf-8"))} == PLANS
    failed = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(demo_path),
                             "plans", "show", "XX-1"], capture_output=True, env=env,
                            timeout=120)
    assert failed.returncode == 1
    assert failed.stderr.decode("utf-8").startswith("Lỗi: Không có kế hoạch mã “XX-1”")
    usage = subprocess.run([sys.executable, "-m", "desktop.cli", "nonsense"],
                           capture_output=True, env=env, timeout=120)
    assert usage.returncode == 2


def test_a_closed_pipe_is_not_a_crash(demo_path, tmp_path):
    env = dict(os.environ, ITPLAN_HOME=str(tmp_path / "home"))
    process = subprocess.Popen([sys.executable, "-m", "desktop.cli", "--db", str(demo_path),
                                "plans", "show", "NA-2020", "--json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()  # like `| head -0`: nobody reads the output
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err.decode("utf-8"), err.decode("utf-8")
    assert process.returncode in (0, 1)
