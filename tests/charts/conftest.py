"""The chart tests' demo database (a copy of the run's demo, see tests/conftest.py)."""

from __future__ import annotations

import pytest

from desktop.data.database import open_database
from desktop.i18n import set_language


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
