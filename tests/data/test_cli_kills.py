"""SIGKILL of the command-line writers at random moments loses nothing committed and tears nothing.

`itplan values import`, `intake load`, `package import`, `restore` and `backup`
run as real processes (their lock, their automatic backup, their
transactions) and are killed after a random delay. After each kill: the
database opens, integrity_check and foreign_key_check are clean, the year
values agree with the values, the instance lock is free, each import is
there whole or not at all, a restore left the old or the new database and
nothing in between, and every file under a backup's name opens.

Short round in the default suite; the long one: `pytest -m slow tests/data/test_cli_kills.py`.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from desktop.cli import main
from desktop.data.backup import backup_problem, list_backups
from desktop.data.database import open_database
from desktop.data.instance import acquire_instance
from desktop.data.values_csv import export_values_csv
from tests.data.consistency import year_value_problems

pytestmark = pytest.mark.skipif(os.name == "nt", reason="uses SIGKILL")
ROOT = Path(__file__).resolve().parents[2]
PERIODS = [f"20{year:02d}-{month:02d}" for year in range(10, 20) for month in range(1, 13)]


class Offices:
    """A district (values, forms, backups) and a province that trusts its packages."""

    def __init__(self, tmp_path: Path, monkeypatch):  # noqa: ANN001
        self.tmp, self.monkeypatch = tmp_path, monkeypatch
        self.district, self.province = tmp_path / "district.sqlite", tmp_path / "province.sqlite"
        self.d_home, self.p_home = tmp_path / "d-home", tmp_path / "p-home"
        self.cli(self.d_home, self.district, "init", "--province", "Kon Tum", "--unit-code",
                 "KT-DH", "--unit-name", "Huyện Đăk Hà")
        self.cli(self.d_home, self.district, "units", "add", "X01", "Xã Một", "--level", "xa",
                 "--parent", "KT-DH")
        self.cli(self.p_home, self.province, "init", "--province", "Kon Tum", "--unit-code",
                 "TINH", "--unit-name", "Tỉnh Kon Tum", "--level", "tinh")
        self.cli(self.d_home, self.district, "values", "import", str(self.csv(0)))
        self.package = tmp_path / "package.zip"
        self.cli(self.d_home, self.district, "package", "export", "--unit", "KT-DH", "--period",
                 "2010", "--out", str(self.package))
        key = tmp_path / "key.json"
        self.cli(self.d_home, self.district, "keys", "export", "--out", str(key))
        self.cli(self.p_home, self.province, "keys", "trust", str(key))
        self.snapshot = tmp_path / "snapshot.sqlite"
        self.cli(self.d_home, self.district, "backup", "--out", str(self.snapshot))
        self.forms = tmp_path / "forms"
        self.cli(self.d_home, self.district, "intake", "make", "--unit", "KT-DH", "--unit", "X01",
                 "--period", "2021", "--out", str(self.forms))

    def cli(self, home: Path, db: Path, *argv: str) -> None:
        self.monkeypatch.setenv("ITPLAN_HOME", str(home))
        assert main(["--db", str(db), *argv]) == 0, argv

    def csv(self, value: int) -> Path:
        path = self.tmp / f"values-{value}.csv"
        lines = ["unit_code,element_code,period,value,comment"] + [
            f"KT-DH,{element},{period},{value},r{value}"
            for period in PERIODS for element in ("DOCS_SENT", "INVITES")]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def fill_forms(self, value: int) -> None:
        for form in sorted(self.forms.glob("*.xlsx")):
            workbook = load_workbook(form)
            meta, sheet = workbook["_meta"], workbook.worksheets[0]
            rows = {meta.cell(r, 1).value: meta.cell(r, 2).value
                    for r in range(10, meta.max_row + 1)}
            for code in ("DOCS_SENT", "INVITES"):
                sheet[f"E{rows[code]}"] = value
            workbook.save(form)


def _kill_at_random(home: Path, db: Path, argv: list[str], delay: float) -> int | None:
    """Run one command; SIGKILL it after `delay` seconds unless it ended; its exit code or None."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), ITPLAN_HOME=str(home))
    process = subprocess.Popen([sys.executable, "-m", "desktop.cli", "--db", str(db), *argv],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        return process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return None


def _sound(db: Path) -> dict[str, int]:
    """The file-level checks after a kill; the count of values per comment."""
    acquire_instance(db).release()
    for backup in list_backups(db):
        assert backup_problem(backup.path) is None, backup.path
    database = open_database(db)
    try:
        with database.session() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            assert year_value_problems(session) == []
            counts = dict(session.execute(text(
                "SELECT comment, count(*) FROM data_value GROUP BY comment")).all())
            session.rollback()
            return counts
    finally:
        database.close()


def _export(db: Path) -> str:
    database = open_database(db)
    try:
        with database.session() as session:
            return export_values_csv(session)
    finally:
        database.close()


def _run(tmp_path: Path, monkeypatch, rounds: int, seed: int) -> None:  # noqa: ANN001
    offices = Offices(tmp_path, monkeypatch)
    rng = random.Random(seed)
    whole = 2 * len(PERIODS)
    for number in range(1, rounds + 1):
        # values import: all rows of the file or none
        code = _kill_at_random(offices.d_home, offices.district,
                               ["values", "import", str(offices.csv(number))], rng.uniform(0.3, 3))
        counts = _sound(offices.district)
        assert counts.get(f"r{number}", 0) in ((whole,) if code == 0 else (0, whole))
        # intake load: each form whole or not at all
        offices.fill_forms(1000 + number)
        code = _kill_at_random(offices.d_home, offices.district,
                               ["intake", "load", str(offices.forms)], rng.uniform(0.3, 3))
        _sound(offices.district)
        # backup, automatic and to a file
        for argv in (["backup"], ["backup", "--out", str(tmp_path / "out.sqlite"), "--force"]):
            _kill_at_random(offices.d_home, offices.district, argv, rng.uniform(0.2, 2))
            _sound(offices.district)
            out = tmp_path / "out.sqlite"
            assert not out.exists() or backup_problem(out) is None
        # restore: the old database or the snapshot, nothing in between
        before = _export(offices.district)
        code = _kill_at_random(offices.d_home, offices.district,
                               ["restore", str(offices.snapshot)], rng.uniform(0.2, 2))
        _sound(offices.district)
        assert _export(offices.district) in ((_export(offices.snapshot),) if code == 0 else
                                             (before, _export(offices.snapshot)))
        # package import into the province: all its values or none
        code = _kill_at_random(offices.p_home, offices.province,
                               ["package", "import", str(offices.package)], rng.uniform(0.3, 3))
        imported = sum(_sound(offices.province).values())
        assert imported in ((len(PERIODS[:12]) * 2,) if code == 0 else (0, len(PERIODS[:12]) * 2))


def test_killed_cli_writers_keep_the_database_whole(tmp_path, monkeypatch):
    _run(tmp_path, monkeypatch, rounds=2, seed=20261201)


@pytest.mark.slow
def test_killed_cli_writers_long_round(tmp_path, monkeypatch):
    _run(tmp_path, monkeypatch, rounds=25, seed=11)
