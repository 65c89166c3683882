"""A demo database for the chart tests: built once, copied into each test's tmp_path."""

from __future__ import annotations

import shutil

import pytest

from desktop.data.database import open_database
from desktop.data.demo import build_demo
from desktop.i18n import set_language


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("charts-demo") / "demo.sqlite"
    database = open_database(path)
    with database.session() as session:
        build_demo(session)
    database.close()
    return path


@pytest.fixture
def demo_path(tmp_path, demo_file):
    """The test's own copy of the demo database file."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    return path


@pytest.fixture
def demo(demo_path):
    database = open_database(demo_path)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def vietnamese():
    set_language("vi")
    yield
    set_language("vi")
