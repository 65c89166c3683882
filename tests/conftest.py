"""Shared fixtures: a fresh database on every backend the run can reach.

`backend` is "sqlite" always, and "postgresql" too when ITPLAN_TEST_PG_URL
names a PostgreSQL server (scripts/test.sh starts a throwaway one when the
binaries are installed). `db` is an opened desktop.data.database.Database,
new for every test: a file in tmp_path on SQLite; on PostgreSQL a new
database copied from a migrated template, dropped afterwards.
`new_db_url` makes further empty databases (e.g. a transfer's target).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator

import pytest

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
        self._run(f"DROP DATABASE IF EXISTS {self.template}")
        self._run(f"CREATE DATABASE {self.template}")
        self._migrate(self.template)

    def _run(self, sql: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as connection:
            connection.execute(text(sql))

    def _migrate(self, name: str) -> None:
        from desktop.data.database import open_database

        open_database(self.url_of(name)).close()

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, migrated: bool = True) -> str:
        """A new database (a copy of the migrated template, or empty); its URL."""
        name = f"{self.prefix}_{next(self.counter)}"
        template = f" TEMPLATE {self.template}" if migrated else ""
        self._run(f"CREATE DATABASE {name}{template} STRATEGY FILE_COPY")
        return self.url_of(name)

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self._run(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")

    def close(self) -> None:
        self._run(f"DROP DATABASE IF EXISTS {self.template} WITH (FORCE)")
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


@pytest.fixture
def db(new_db_url: Callable[..., str]):
    """A new, empty, migrated Database on the test's backend."""
    from desktop.data.database import open_database

    database = open_database(new_db_url(migrated=True))
    yield database
    database.close()
