"""`transfer`: a whole database between SQLite and PostgreSQL, both ways."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.data import transfer as transfer_module
from desktop.data.database import open_database
from desktop.data.models import DataValue, OrgUnit
from desktop.data.office import init_office
from desktop.data.submission import set_state
from desktop.data.transfer import transfer
from desktop.data.units import add_unit, list_units, merge_units
from desktop.data.values import ValueInput, write_values
from desktop.data.values_csv import export_values_csv
from desktop.errors import UserError


def fill(database) -> None:
    """A small office with every kind of row: merges (self-references), locks, audit."""
    with database.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H38TS",
                    unit_name="Huyện Triệu Sơn", level="huyen", plans=["TH-2016"])
        for number, name in enumerate(["Xã Dân Lực", "Xã Dân Lý", "Xã Minh Dân"], 1):
            add_unit(session, f"H38TS-X{number:02d}", name, "xa", parent_code="H38TS")
        # a successor added after its predecessors: a forward self-reference
        add_unit(session, "H38TS-X10", "Xã Minh Sơn", "xa", parent_code="H38TS")
        write_values(session, [ValueInput(f"H38TS-X{n:02d}", element, f"2024Q{q}", 10 * n + q,
                                          comment="số liệu điện tử" if q == 1 else "")
                               for n in (1, 2, 3) for element in ("STAFF", "PCS")
                               for q in (1, 2, 3, 4)], user="Lan")
        write_values(session, [ValueInput("H38TS-X01", "BUDGET_SPENT", "2024", 60.5)])
        set_state(session, "H38TS-X01", "2024", "approved")
        merge_units(session, ["H38TS-X03"], "H38TS-X10", dt.date(2025, 7, 1))


def snapshot(database) -> tuple:
    with database.session() as session:
        return ([row.as_json() for row in list_units(session)], export_values_csv(session))


def test_file_to_backend_and_back(tmp_path, new_db_url):
    source = open_database(tmp_path / "district.sqlite")
    fill(source)
    expected = snapshot(source)
    source.close()
    target = new_db_url()
    report = transfer(str(tmp_path / "district.sqlite"), target)
    assert report.rows > 0 and {c.name for c in report.tables} >= {"data_value", "org_unit"}
    copied = open_database(target)
    assert snapshot(copied) == expected
    with copied.session() as session:  # ids continue after the copied ones
        unit = add_unit(session, "H38TS-X11", "Xã Thọ Dân", "xa", parent_code="H38TS")
        write_values(session, [ValueInput("H38TS-X11", "STAFF", "2025", 12)])
        assert unit.id > max(session.scalars(select(OrgUnit.id).where(OrgUnit.id != unit.id)))
    copied.close()
    back = transfer(target, str(tmp_path / "back.sqlite"))
    # the unit, its value, a period, a yearly value and two audit entries
    assert back.rows == report.rows + 6
    again = open_database(tmp_path / "back.sqlite")
    units, values = snapshot(again)
    assert len(units) == len(expected[0]) + 1 and "H38TS-X11,STAFF,2025,12," in values
    again.close()


def test_backend_to_file_checksums_match_both_ways(db, tmp_path):
    fill(db)
    forward = transfer(db.url, str(tmp_path / "copy.sqlite"))
    backward = transfer(str(tmp_path / "copy.sqlite"), str(tmp_path / "copy2.sqlite"))
    assert [(c.name, c.rows, c.checksum) for c in forward.tables] == [
        (c.name, c.rows, c.checksum) for c in backward.tables]


def test_target_with_data_is_refused_unless_replace(db, tmp_path):
    fill(db)
    other = open_database(tmp_path / "other.sqlite")
    with other.session() as session:
        add_unit(session, "T40", "Tỉnh Nghệ An", "tinh")
    other.close()
    with pytest.raises(UserError, match="đã có dữ liệu"):
        transfer(db.url, str(tmp_path / "other.sqlite"))
    reopened = open_database(tmp_path / "other.sqlite")
    assert [unit["code"] for unit in snapshot(reopened)[0]] == ["T40"]
    reopened.close()
    transfer(db.url, str(tmp_path / "other.sqlite"), replace=True)
    replaced = open_database(tmp_path / "other.sqlite")
    assert snapshot(replaced) == snapshot(db)
    replaced.close()


def test_a_mismatch_cancels_and_leaves_the_target_as_it_was(db, tmp_path, monkeypatch):
    fill(db)
    real_copy = transfer_module._copy_table

    def lose_a_row(reading, writing, table, batch):
        count = real_copy(reading, writing, table, batch)
        if table.name == "data_value":
            writing.execute(DataValue.__table__.delete().where(
                DataValue.id == select(DataValue.id).limit(1).scalar_subquery()))
        return count

    monkeypatch.setattr(transfer_module, "_copy_table", lose_a_row)
    with pytest.raises(UserError, match="data_value"):
        transfer(db.url, str(tmp_path / "target.sqlite"))
    assert not (tmp_path / "target.sqlite").exists()  # made by the transfer: removed
    existing = open_database(tmp_path / "existing.sqlite")
    existing.close()
    with pytest.raises(UserError, match="data_value"):
        transfer(db.url, str(tmp_path / "existing.sqlite"))
    target = open_database(tmp_path / "existing.sqlite")
    assert snapshot(target)[0] == []  # was empty, still empty
    target.close()


def test_missing_source_and_same_database_are_refused(tmp_path):
    with pytest.raises(UserError, match="nguồn"):
        transfer(str(tmp_path / "none.sqlite"), str(tmp_path / "x.sqlite"))
    open_database(tmp_path / "a.sqlite").close()
    with pytest.raises(UserError, match="cùng một"):
        transfer(str(tmp_path / "a.sqlite"), str(tmp_path / "." / "a.sqlite"))


def test_cli_transfer(db, tmp_path, capsys):
    fill(db)
    target = str(tmp_path / "cli.sqlite")
    assert main(["transfer", "--from", db.url, "--to", target]) == 0
    assert "khớp" in capsys.readouterr().out
    assert main(["transfer", "--from", db.url, "--to", target]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main(["transfer", "--from", db.url, "--to", target, "--replace", "--json"]) == 0
    assert '"data_value"' in capsys.readouterr().out
