"""Fixtures for the intake tests: a copy of the run's demo database per test
(`demo_template` in tests/conftest.py), forms, filling."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from desktop.data.database import open_database
from desktop.intake.layout import FORM_SHEET

COMMUNE = "H38TS-X02"
AGENCY = "H38TS-P01"
OPEN_PERIOD = "2015Q1"  # before the demo's values (its communes closed on 30/06/2025)


@pytest.fixture
def db_path(demo_template, tmp_path) -> Path:
    path = tmp_path / "itplan.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def make_form(db, tmp_path):
    """make_form(unit, period) -> path of a freshly made form."""
    from desktop.intake import make_forms

    def make(unit: str = COMMUNE, period: str = OPEN_PERIOD, out: Path | None = None) -> Path:
        with db.session() as session:
            return make_forms(session, [unit], period, out or tmp_path / "forms")[0]
    return make


def fill(path: Path, cells: dict[str, object], sheet: str = FORM_SHEET,
         out: Path | None = None) -> Path:
    """Type values into a form with openpyxl, as a commune's Excel user would."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    for ref, value in cells.items():
        workbook[sheet][ref] = value
    target = out or path
    workbook.save(target)
    return target


def element_rows(path: Path) -> dict[str, int]:
    """Element code -> form row, from the form's _meta sheet."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    rows = {}
    for code, row in workbook["_meta"].iter_rows(min_row=10, max_col=2, values_only=True):
        if code:
            rows[code] = int(row)
    workbook.close()
    return rows


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filler():
    return fill


@pytest.fixture
def rows_of():
    return element_rows


@pytest.fixture
def hash_of():
    return file_hash
