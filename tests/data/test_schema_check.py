"""Hostile schemas: restore, transfer and check compare with a freshly migrated database."""

import shutil
import sqlite3

import pytest

from desktop.cli import main
from desktop.data import health
from desktop.data.schema_check import reference_schema

HOSTILE = {
    "a trigger that drops audit rows": (
        "CREATE TRIGGER forget AFTER INSERT ON audit_entry BEGIN DELETE FROM audit_entry; END",
        "trigger lạ forget"),
    "a trigger that doubles values": (
        "CREATE TRIGGER twice AFTER INSERT ON data_value BEGIN "
        "UPDATE data_value SET value = value * 2 WHERE id = NEW.id; END", "trigger lạ twice"),
    "a view in place of a table": (
        "DROP TABLE year_value; CREATE VIEW year_value AS SELECT 1 AS unit_id, 1 AS element_id, "
        "2024 AS year, 1.0 AS value", "thiếu bảng year_value"),
    "a missing table": ("DROP TABLE year_value", "thiếu bảng year_value"),
    "a missing column": ("ALTER TABLE data_value DROP COLUMN comment",
                         "bảng data_value thiếu cột comment"),
    "an extra index": ("CREATE INDEX ix_spy ON setting(value)", "chỉ mục lạ ix_spy"),
    "foreign-key orphans": (
        "INSERT INTO data_value (unit_id, element_id, period_id, value, comment, changed_at, "
        "changed_by, version) VALUES (9999, 9999, 9999, 1, '', '2024-01-01 00:00:00', 'x', 1)",
        "trỏ tới dòng không tồn tại"),
}


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def office_file(tmp_path_factory):
    """An office with one value, made once; each test copies it."""
    folder = tmp_path_factory.mktemp("office")
    db = folder / "office.sqlite"
    csv = folder / "v.csv"
    csv.write_text("unit_code,element_code,period,value\nKT01,STAFF,2024,120\n", encoding="utf-8")
    assert main(["--db", str(db), "init", "--province", "Kon Tum", "--unit-code", "KT01",
                 "--unit-name", "Huyện Đăk Hà"]) == 0
    assert main(["--db", str(db), "values", "import", str(csv)]) == 0
    return db


def hostile_copy(office_file, tmp_path, kind):
    path = tmp_path / "hostile.sqlite"
    shutil.copy(office_file, path)
    connection = sqlite3.connect(path)
    connection.executescript("PRAGMA foreign_keys = OFF;" + HOSTILE[kind][0])
    connection.close()
    return path


def test_the_reference_is_what_the_migrations_make():
    reference = reference_schema()
    assert {"data_value", "audit_entry", "submission", "alembic_version"} <= set(reference.columns)
    assert not reference.views and not reference.triggers


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_restore_refuses_a_hostile_schema(kind, office_file, tmp_path, capsys, table_hashes):
    db = tmp_path / "current.sqlite"
    shutil.copy(office_file, db)
    source = hostile_copy(office_file, tmp_path, kind)
    before = table_hashes(db)
    code, out, err = run(capsys, "--db", db, "restore", source)
    first = err.splitlines()[0]  # one sentence; further lines list the other differences
    assert code == 1 and out == "" and "Traceback" not in err, err
    assert "hostile.sqlite" in first and HOSTILE[kind][1] in err and "không dùng tệp này" in first
    assert table_hashes(db) == before


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_transfer_refuses_a_hostile_source(kind, office_file, tmp_path, capsys, table_hashes):
    source = hostile_copy(office_file, tmp_path, kind)
    before = table_hashes(source)
    target = tmp_path / "copy.sqlite"
    code, out, err = run(capsys, "transfer", "--from", source, "--to", target)
    assert code == 1 and "hostile.sqlite" in err.splitlines()[0] and HOSTILE[kind][1] in err, err
    assert not target.exists() and table_hashes(source) == before


def test_transfer_refuses_a_hostile_target(office_file, tmp_path, capsys, table_hashes):
    target = hostile_copy(office_file, tmp_path, "a trigger that doubles values")
    before = table_hashes(target)
    code, _out, err = run(capsys, "transfer", "--from", office_file, "--to", target, "--replace")
    assert code == 1 and "trigger lạ twice" in err
    assert table_hashes(target) == before


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_check_reports_a_hostile_schema_with_what_to_do(kind, office_file, tmp_path, capsys):
    db = hostile_copy(office_file, tmp_path, kind)
    code, out, _err = run(capsys, "--db", db, "check")
    assert code == 1 and HOSTILE[kind][1] in out
    assert "khôi phục từ một bản sao lưu tốt" in out
    rows = health.check_database(db)
    assert health.worst(rows) == "error"


def test_a_sound_database_passes_every_check(office_file):
    rows = health.check_database(office_file)
    assert rows[-1].status == "ok" and "Đúng như chương trình" in rows[-1].detail


def test_each_backend_passes_and_reports_an_extra_trigger_and_view(db):
    """SQLite and (when configured) PostgreSQL: a migrated database is sound; a trigger
    and a view added behind the program's back are reported."""
    from sqlalchemy import text

    from desktop.data.schema_check import schema_problems

    with db.engine.connect() as connection:
        assert schema_problems(connection) == []
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("CREATE FUNCTION forget() RETURNS trigger AS "
                                    "$$ BEGIN DELETE FROM audit_entry; RETURN NULL; END $$ "
                                    "LANGUAGE plpgsql"))
            connection.execute(text("CREATE TRIGGER forget AFTER INSERT ON audit_entry "
                                    "FOR EACH ROW EXECUTE FUNCTION forget()"))
        else:
            connection.execute(text("CREATE TRIGGER forget AFTER INSERT ON audit_entry "
                                    "BEGIN DELETE FROM audit_entry; END"))
        connection.execute(text("CREATE VIEW spy AS SELECT * FROM setting"))
    with db.engine.connect() as connection:
        found = [p.message for p in schema_problems(connection)]
    assert found == ["có view lạ spy", "có trigger lạ forget (có thể sửa hoặc xóa dữ liệu ngầm)"]
