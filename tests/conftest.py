"""Shared fixtures: a fresh database per test, an office, and the demo.

Every test gets its own database file under tmp_path. The demo takes a few
seconds to build, so it is built once per test run and each test that needs
it gets its own copy (SQLite's backup API, so the copy is never torn).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.data.backup import copy_database
from desktop.data.database import Database, open_database
from desktop.i18n import set_language


@pytest.fixture(autouse=True)
def vietnamese_messages():
    """Tests read messages in Vietnamese, the default, whatever the environment says."""
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def db(tmp_path: Path):
    """A new, migrated, empty database of our own."""
    database = open_database(tmp_path / "test.sqlite")
    yield database
    database.close()


def set_up_office(database: Database) -> Database:
    """A district office (H01 under province T01) with two communes and one agency."""
    from desktop.data.office import init_office
    from desktop.data.units import add_unit

    with database.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T01", unit_code="H01",
                    unit_name="Huyện Thử", level="huyen", plans=["TH-2016"])
        add_unit(session, "X01", "Xã Một", "xa", "area", "H01")
        add_unit(session, "X02", "Xã Hai", "xa", "area", "H01")
        add_unit(session, "P01", "Phòng Nội vụ", "huyen", "agency", "H01")
    return database


@pytest.fixture(scope="session")
def office_template(tmp_path_factory) -> Path:
    """The office database, built once per run; tests get copies (see `office_db`)."""
    path = tmp_path_factory.mktemp("office") / "office.sqlite"
    set_up_office(open_database(path)).close()
    return path


@pytest.fixture
def db_factory(tmp_path: Path, office_template: Path):
    """Make as many fresh databases as a test needs (`office=True`: a copy of the office)."""
    made: list[Database] = []

    def make(office: bool = False) -> Database:
        path = tmp_path / f"extra-{len(made)}.sqlite"
        if office:
            copy_database(office_template, path)
        made.append(open_database(path))
        return made[-1]

    yield make
    for database in made:
        database.close()


@pytest.fixture
def office_db(db_factory) -> Database:
    """A district office (H01 under province T01) with two communes and one agency."""
    return db_factory(office=True)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo database, built once per run; copy it before use (see `demo_db`)."""
    from desktop.data.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path)
    with database.session() as session:
        build_demo(session)
    database.close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo database file."""
    target = tmp_path / "demo.sqlite"
    copy_database(demo_template, target)
    return target


@pytest.fixture
def demo_db(demo_path: Path):
    database = open_database(demo_path)
    yield database
    database.close()


@pytest.fixture
def file_hash():
    """sha256 of a file's bytes: to show that a refused file was left untouched."""
    return lambda path: hashlib.sha256(Path(path).read_bytes()).hexdigest()


DUMPED_TABLES = ("org_unit", "period", "data_value", "year_value", "submission", "audit_entry",
                 "setting")


@pytest.fixture
def table_dump():
    """Every row of the tables a write can touch: compare before and after a refused write."""
    def dump(database: Database) -> dict[str, list[tuple]]:
        with database.engine.connect() as connection:
            return {table: sorted((tuple(row) for row in connection.exec_driver_sql(
                f"SELECT * FROM {table}")), key=repr) for table in DUMPED_TABLES}
    return dump
