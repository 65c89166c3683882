"""Fixtures for the report tests: a demo database built once, copied for each test."""

from __future__ import annotations

import shutil

import pytest

from desktop.data.database import open_database


@pytest.fixture
def demo_db(demo_template, tmp_path):
    """A fresh copy of the demo database for one test (its path)."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_database(demo_db):
    database = open_database(demo_db)
    yield database
    database.close()
