"""The write path, units and CSV import on every backend (SQLite, PostgreSQL)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select, text, update

from desktop.data.models import AuditEntry, DataValue, YearValue
from desktop.data.office import init_office
from desktop.data.submission import set_state
from desktop.data.units import add_unit, import_units_csv, list_units, merge_units, rename_unit
from desktop.data.values import ValueInput, recorded_versions, write_values
from desktop.data.values_csv import export_values_csv, import_values_csv
from desktop.errors import ConflictError, UserError
from desktop.text import control_character

UNIT, OTHER = "H38TS-X01", "H38TS-X02"


@pytest.fixture
def office(db):
    with db.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H38TS",
                    unit_name="Huyện Triệu Sơn", level="huyen", plans=["TH-2016"])
        add_unit(session, UNIT, "Xã Dân Lực", "xa", parent_code="H38TS")
        add_unit(session, OTHER, "Xã Dân Lý", "xa", parent_code="H38TS")
    return db


def stored(db, unit=UNIT, element="STAFF", period="2024Q1"):
    from desktop.data.models import DataElement, OrgUnit, Period

    with db.session() as session:
        return session.execute(
            select(DataValue.value, DataValue.version)
            .join(OrgUnit, OrgUnit.id == DataValue.unit_id)
            .join(DataElement, DataElement.id == DataValue.element_id)
            .join(Period, Period.id == DataValue.period_id)
            .where(OrgUnit.code == unit, DataElement.code == element, Period.code == period)
        ).one_or_none()


def test_insert_update_delete_with_audit_and_year_values(office):
    with office.session() as session:
        result = write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20),
                                        ValueInput(UNIT, "STAFF", "2024Q2", 22)], user="a")
    assert (result.inserted, result.updated) == (2, 0)
    with office.session() as session:
        result = write_values(session, [ValueInput(UNIT, "STAFF", "2024Q2", 23),
                                        ValueInput(UNIT, "STAFF", "2024Q1", None)], user="b")
        assert (result.updated, result.deleted) == (1, 1)
        assert session.scalar(select(YearValue.value).where(YearValue.year == 2024)) == 23
        actions = session.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == "value").order_by(AuditEntry.id)).all()
    assert actions == ["insert", "insert", "update", "delete"]
    assert stored(office, period="2024Q2") == (23, 2)
    assert stored(office) is None


def test_bad_batch_writes_nothing(office):
    with office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20)])
    with pytest.raises(UserError) as caught, office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 30),
                               ValueInput(UNIT, "NO_SUCH", "2024Q1", 1, where="dòng 3")])
    assert "dòng 3" in caught.value.message
    assert stored(office) == (20, 1)


def test_locked_period_is_refused(office):
    with office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2023Q4", 18)])
        set_state(session, UNIT, "2023", "approved")
    with pytest.raises(UserError, match="khóa"), office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2023Q4", 19)])
    assert stored(office, period="2023Q4") == (18, 1)


def test_units_rename_merge_and_list(office):
    with office.session() as session:
        rename_unit(session, OTHER, "Xã Dân Lý mới")
        import datetime as dt

        merge_units(session, [OTHER], UNIT, dt.date(2025, 7, 1))
        rows = {row.code: row for row in list_units(session, "H38TS")}
    assert rows[OTHER].name == "Xã Dân Lý mới"
    assert (rows[OTHER].successor, str(rows[OTHER].valid_to)) == (UNIT, "2025-06-30")


def test_units_csv_import_on_every_backend(office, tmp_path):
    source = tmp_path / "units.csv"
    source.write_text("code,name,level,kind,parent,valid_from,valid_to\n"
                      "H38TS-P01,Phòng Nội vụ,huyen,agency,H38TS,,\n"
                      "H38TS-X03,Xã Thọ Dân,xa,area,H38TS,01/01/2020,30/06/2025\n",
                      encoding="utf-8")
    with office.session() as session:
        assert import_units_csv(session, source) == 2
        rows = {row.code: row for row in list_units(session, "H38TS")}
    assert rows["H38TS-P01"].kind == "agency"
    assert (str(rows["H38TS-X03"].valid_from), str(rows["H38TS-X03"].valid_to)) == (
        "2020-01-01", "2025-06-30")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,level,parent\nH38TS-X04,Xã Một,xa,H38TS\n"
                   "H38TS-X05,Xã Hai,xa,KHONG_CO\n", encoding="utf-8")
    with pytest.raises(UserError, match="dòng 3"), office.session() as session:
        import_units_csv(session, bad)
    with office.session() as session:  # the whole file was refused
        assert "H38TS-X04" not in {row.code for row in list_units(session)}


def test_csv_import_and_export_round_trip(office, tmp_path):
    source = tmp_path / "values.csv"
    source.write_text("unit_code,element_code,period,value,comment\n"
                      f"{UNIT},STAFF,2024,1.234,đủ\n{OTHER},BUDGET_SPENT,2024Q3,\"60,5\",\n",
                      encoding="utf-8")
    with office.session() as session:
        assert import_values_csv(session, source).inserted == 2
        exported = export_values_csv(session)
    assert f"{UNIT},STAFF,2024,1234,đủ" in exported
    assert f"{OTHER},BUDGET_SPENT,2024Q3,60,5" in exported or \
        f"{OTHER},BUDGET_SPENT,2024Q3,\"60,5\"" in exported
    again = tmp_path / "again.csv"
    again.write_text(exported, encoding="utf-8")
    with office.session() as session:
        assert import_values_csv(session, again).changed == 0
    assert stored(office, OTHER, "BUDGET_SPENT", "2024Q3") == (60.5, 1)


def test_csv_with_a_bad_line_changes_nothing(office, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(f"{UNIT},STAFF,2024,10\n{UNIT},PCS,2024,mười\n", encoding="utf-8")
    with pytest.raises(UserError, match="dòng 2"), office.session() as session:
        import_values_csv(session, source)
    assert stored(office, period="2024") is None


def test_value_changed_after_it_was_shown_is_a_conflict(office):
    with office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20)], user="a")
    shown_version = stored(office)[1]
    with office.session() as session:  # the first clerk saves
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 21,
                                          expected_version=shown_version)], user="Lan")
    with pytest.raises(ConflictError, match="Lan") as caught, office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 25,
                                          expected_version=shown_version)], user="Minh")
    assert "21" in caught.value.message and "tải lại" in caught.value.message
    assert stored(office) == (21, 2)


def test_grid_reads_versions_and_saves_with_them(office):
    with office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20),
                               ValueInput(UNIT, "PCS", "2024Q1", 9)])
    with office.session() as session:
        shown = recorded_versions(session, UNIT, "2024q1")
    assert shown == {"STAFF": (20, 1), "PCS": (9, 1)}
    with office.session() as session:
        result = write_values(session, [
            ValueInput(UNIT, element, "2024Q1", value + 1, expected_version=shown[element][1])
            for element, (value, _version) in shown.items()] + [
            ValueInput(UNIT, "PCS_NET", "2024Q1", 5, expected_version=0)])
    assert (result.updated, result.inserted) == (2, 1)
    with office.session() as session:
        assert recorded_versions(session, UNIT, "2024Q1") == {
            "STAFF": (21, 2), "PCS": (10, 2), "PCS_NET": (5, 1)}


def test_empty_cell_filled_by_someone_else_is_a_conflict(office):
    with office.session() as session:
        write_values(session, [ValueInput(UNIT, "PCS", "2024Q1", 9)], user="Lan")
    with pytest.raises(ConflictError), office.session() as session:
        write_values(session, [ValueInput(UNIT, "PCS", "2024Q1", 7, expected_version=0)])
    assert stored(office, element="PCS") == (9, 1)


def test_change_between_read_and_write_is_a_conflict(office):
    """Another writer commits while this batch is being applied: never overwritten."""
    with office.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20)])
    session, saved = office.make_session(), []

    def someone_else_saves(_conn, _cursor, statement, *_args):  # noqa: ANN001
        if saved or not statement.startswith("UPDATE data_value"):
            return  # only just before this batch's own change of the value
        saved.append(True)
        with office.engine.begin() as other:
            other.execute(update(DataValue).values(value=99, version=DataValue.version + 1))

    event.listen(office.engine, "before_cursor_execute", someone_else_saves)
    try:
        with pytest.raises(ConflictError):
            write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 21)])
    finally:
        event.remove(office.engine, "before_cursor_execute", someone_else_saves)
        session.rollback()
        session.close()
    assert saved and stored(office) == (99, 2)


def test_counts_are_the_same_on_every_backend(office):
    items = [ValueInput(unit, element, f"2024Q{q}", 10 + q)
             for unit in (UNIT, OTHER) for element in ("STAFF", "PCS") for q in (1, 2, 3, 4)]
    with office.session() as session:
        write_values(session, items)
        counts = (session.scalar(select(func.count()).select_from(DataValue)),
                  session.scalar(select(func.count()).select_from(YearValue)),
                  session.execute(text("SELECT sum(value) FROM year_value")).scalar())
    assert counts == (16, 4, 56.0)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False),
       comment=st.text(max_size=60))
def test_any_value_and_comment_round_trip_or_are_refused(office, value, comment):
    """Whatever the backend, a written value reads back exactly or the write is refused."""
    item = ValueInput(UNIT, "BUDGET_SPENT", "2024", value, comment=comment)
    try:
        with office.session() as session:
            write_values(session, [item])
    except UserError as exc:
        assert control_character(comment) and "ký tự điều khiển" in exc.message
        return
    with office.session() as session:
        row = session.scalar(select(DataValue).where(DataValue.value == value))
        assert row is not None and row.value == value
        assert row.comment == (comment or row.comment)
