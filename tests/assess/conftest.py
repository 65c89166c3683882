"""A small district for the assessment tests: three communes and a set that
uses every kind of rule, so every expected score can be worked out by hand."""

from __future__ import annotations

import pytest

from desktop.data.catalogue import load_catalogue
from desktop.data.database import open_database
from desktop.data.settings import set_setting
from desktop.data.units import add_unit



@pytest.fixture
def district(tmp_path):
    """An open session on a district H1 (the office) with communes X1, X2, X3."""
    database = open_database(tmp_path / "assess.sqlite")
    try:
        with database.session() as session:
            load_catalogue(session)
            add_unit(session, "T1", "Tỉnh Thử", "tinh")
            add_unit(session, "H1", "Huyện Thử", "huyen", "area", "T1")
            for code, name in (("X1", "Xã Một"), ("X2", "Xã Hai"), ("X3", "Xã Ba")):
                add_unit(session, code, name, "xa", "area", "H1")
            set_setting(session, "office_unit", "H1")
            yield session
    finally:
        database.close()
