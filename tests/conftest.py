"""Shared fixtures: a fresh database per test, an office, and the demo.

Every test gets its own database file under tmp_path. The demo takes a few
seconds to build, so it is built once per test run and each test that needs
it gets its own copy (SQLite's backup API, so the copy is never torn).

Backends: `backend` is "sqlite" always, and "postgresql" too when
ITPLAN_TEST_PG_URL names a PostgreSQL server (scripts/test.sh starts a
throwaway one when the binaries are installed). `db` runs its test on each:
a file in tmp_path on SQLite; on PostgreSQL a new database copied from a
migrated template, dropped afterwards. `new_db_url` makes further empty
databases on the test's backend (e.g. a transfer's target).
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterator
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


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path_factory, monkeypatch):
    """The user data folder (office key, default database) is the test's own."""
    monkeypatch.setenv("ITPLAN_HOME", str(tmp_path_factory.mktemp("home")))


def hash_every_table(target) -> dict[str, str]:
    """SHA-256 of every table's sorted rows (and, on SQLite, of the schema itself):
    equal before and after a refusal proves the database unchanged."""
    from sqlalchemy import create_engine, inspect, text

    engine = target.engine if isinstance(target, Database) else create_engine(
        f"sqlite:///{target}" if isinstance(target, Path) else target)
    try:
        with engine.connect() as connection:
            hashes = {}
            for table in sorted(inspect(connection).get_table_names()):
                rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
                digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode())
                hashes[table] = digest.hexdigest()
            if engine.dialect.name == "sqlite":
                schema = connection.execute(text("SELECT type, name, sql FROM sqlite_master "
                                                 "ORDER BY type, name")).all()
                hashes["<schema>"] = hashlib.sha256(repr(schema).encode()).hexdigest()
    finally:
        if not isinstance(target, Database):
            engine.dispose()
    return hashes


@pytest.fixture
def table_hashes():
    """table_hashes(Database | Path | URL) -> {table: sha256 of its rows}."""
    return hash_every_table


PG_URL = os.environ.get("ITPLAN_TEST_PG_URL", "").strip()
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


class PgServer:
    """Creates and drops the per-test databases on the test server."""

    def __init__(self, url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        from desktop.data.pg import normalise_url

        self.url = make_url(normalise_url(url))
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self.prefix = f"itplan_test_{os.getpid()}"
        self.counter = itertools.count(1)
        self.template = f"{self.prefix}_template"
        self.copies: list[str] = []
        self._run(f"DROP DATABASE IF EXISTS {self.template}")
        self._run(f"CREATE DATABASE {self.template}")
        self._migrate(self.template)

    def _run(self, sql: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as connection:
            connection.execute(text(sql))

    def _migrate(self, name: str) -> None:
        open_database(self.url_of(name)).close()

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, migrated: bool = True, copy_of: str | None = None) -> str:
        """A new database (a copy of `copy_of`, of the migrated template, or empty); its URL."""
        name = f"{self.prefix}_{next(self.counter)}"
        source = copy_of or (self.template if migrated else None)
        template = f" TEMPLATE {source}" if source else ""
        self._run(f"CREATE DATABASE {name}{template} STRATEGY FILE_COPY")
        return self.url_of(name)

    def template_from(self, path: Path, key: str) -> str:
        """A template database holding the rows of a SQLite file (made once per key)."""
        from desktop.data.transfer import transfer

        name = f"{self.prefix}_{key}"
        if name not in self.copies:
            self._run(f"DROP DATABASE IF EXISTS {name}")
            self._run(f"CREATE DATABASE {name}")
            transfer(str(path), self.url_of(name))
            self.copies.append(name)
        return name

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self._run(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    def close(self) -> None:
        for name in [self.template, *self.copies]:
            self._run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    if not PG_URL:
        pytest.skip("ITPLAN_TEST_PG_URL is not set: no PostgreSQL server for this run")
    server = PgServer(PG_URL)
    yield server
    server.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this test run: "sqlite" or "postgresql"."""
    if request.param != "sqlite" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("a test of a database file (SQLite only)")
    return request.param


@pytest.fixture
def new_db_url(backend: str, tmp_path, request: pytest.FixtureRequest
               ) -> Iterator[Callable[..., str]]:
    """A factory of fresh database locations on the test's backend.

    `new_db_url()` gives an empty database (a file path on SQLite, a URL on
    PostgreSQL); `new_db_url(migrated=True)` one already at the newest schema
    on PostgreSQL (SQLite files are migrated when opened).
    """
    made: list[str] = []
    numbers = itertools.count(1)
    server = request.getfixturevalue("pg_server") if backend == "postgresql" else None

    def make(migrated: bool = False) -> str:
        if server is None:
            return str(tmp_path / f"db{next(numbers)}.sqlite")
        made.append(server.create(migrated))
        return made[-1]

    yield make
    for url in made:
        server.drop(url)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: a test of SQLite itself (pragmas, files); `db` is SQLite only")


@pytest.fixture
def db(backend: str, tmp_path: Path, new_db_url: Callable[..., str],
       request: pytest.FixtureRequest):
    """A new, migrated, empty database of our own, on the test's backend."""
    if backend != "sqlite" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("a test of SQLite itself")
    database = open_database(tmp_path / "test.sqlite" if backend == "sqlite"
                             else new_db_url(migrated=True))
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
def office_db(backend: str, db_factory, request: pytest.FixtureRequest):
    """A district office (H01 under province T01) with two communes and one agency."""
    if backend == "sqlite":
        yield db_factory(office=True)
        return
    yield from _server_copy(request, "office_template", "office")


def _server_copy(request: pytest.FixtureRequest, template_fixture: str, key: str):
    """On the PostgreSQL backend: an open copy of a SQLite template's rows."""
    server = request.getfixturevalue("pg_server")
    template = server.template_from(request.getfixturevalue(template_fixture), key)
    url = server.create(copy_of=template)
    database = open_database(url)
    yield database
    database.close()
    server.drop(url)


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
def demo_db(backend: str, request: pytest.FixtureRequest):
    """This test's own demo database, on the test's backend."""
    if backend != "sqlite":
        yield from _server_copy(request, "demo_template", "demo")
        return
    database = open_database(request.getfixturevalue("demo_path"))
    yield database
    database.close()


@pytest.fixture
def file_hash():
    """sha256 of a file's bytes: to show that a refused file was left untouched."""
    return lambda path: hashlib.sha256(Path(path).read_bytes()).hexdigest()


DUMPED_TABLES = ("org_unit", "period", "data_value", "year_value", "submission", "audit_entry",
                 "setting", "assessment_set", "assessor_score")


@pytest.fixture
def table_dump():
    """Every row of the tables a write can touch: compare before and after a refused write."""
    def dump(database: Database) -> dict[str, list[tuple]]:
        with database.engine.connect() as connection:
            return {table: sorted((tuple(row) for row in connection.exec_driver_sql(
                f"SELECT * FROM {table}")), key=repr) for table in DUMPED_TABLES}
    return dump
