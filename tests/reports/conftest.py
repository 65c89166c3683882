"""Fixtures for the report tests: a demo database built once, copied for each test."""

from __future__ import annotations

import shutil

import pytest

from desktop.data.database import open_database
from desktop.data.demo import build_demo


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path)
    with database.session() as session:
        build_demo(session)
    database.close()
    return path


@pytest.fixture
def demo_db(demo_file, tmp_path):
    """A fresh copy of the demo database for one test (its path)."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    return path


@pytest.fixture
def demo_database(demo_db):
    database = open_database(demo_db)
    yield database
    database.close()
