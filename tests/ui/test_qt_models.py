"""Every Qt model of the program passes pytest-qt's model tester on real data."""

from __future__ import annotations


from desktop.data.audit import history
from desktop.data.grid import grid_data, submission_rows
from desktop.data.plan_editor import target_rows
from desktop.data.units import list_units
from desktop.data.values import ValueInput, write_values
from desktop.engine.progress import progress
from desktop.ui.entry.entry_model import EntryModel
from desktop.ui.entry.history import HistoryModel
from desktop.ui.plans.plans_tab import TargetsModel
from desktop.ui.progress.progress_model import ProgressModel
from desktop.ui.entry.submission_tab import SubmissionModel
from desktop.ui.unit_tree import build_unit_model


def test_entry_model(qtmodeltester, demo_db):
    with demo_db.session() as session:
        data = grid_data(session, "H38TS", "2024Q2")
    model = EntryModel(data)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(data.elements) and model.columnCount() == len(data.units)
    assert model.columnCount() == 23  # 8 agencies and 15 communes; merged ones are gone


def test_entry_model_shows_vietnamese_numbers(small_db):
    with small_db.session() as session:
        write_values(session, [ValueInput("X1", "STAFF", "2024", 15945)])
    with small_db.session() as session:
        data = grid_data(session, "H1", "2024")
    model = EntryModel(data)
    row = [e.code for e in data.elements].index("STAFF")
    assert model.data(model.index(row, 0)) == "15.945"


def test_progress_model(qtmodeltester, demo_db):
    with demo_db.session() as session:
        rows = progress(session, "TH-2016", "H38TS", "2020", by_unit=True)
    model = ProgressModel(rows)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == sum(1 for r in rows if r.parent is None)
    first_children = model.rowCount(model.index(0, 0))
    assert first_children > 0


def test_history_and_submission_models(qtmodeltester, small_db):
    with small_db.session() as session:
        write_values(session, [ValueInput("X1", "STAFF", "2024", 10)])
    with small_db.session() as session:
        write_values(session, [ValueInput("X1", "STAFF", "2024", 11)])
    with small_db.session() as session:
        rows = history(session, "value", "X1/STAFF/2024")
        states = submission_rows(session, "H1", "2024")
    qtmodeltester.check(HistoryModel(rows), force_py=True)
    qtmodeltester.check(SubmissionModel(states), force_py=True)


def test_targets_and_unit_models(qtmodeltester, small_db):
    with small_db.session() as session:
        targets = target_rows(session, "TH-2016")
        units = list_units(session)
    qtmodeltester.check(TargetsModel(targets), force_py=True)
    qtmodeltester.check(build_unit_model(units, detailed=True), force_py=True)


def test_year_grid_shows_values_built_from_quarters(small_db):
    with small_db.session() as session:
        write_values(session, [ValueInput("X1", "STAFF", "2024Q1", 20),
                               ValueInput("X1", "STAFF", "2024Q4", 22)])
    with small_db.session() as session:
        data = grid_data(session, "H1", "2024")
    model = EntryModel(data)
    from PySide6.QtCore import Qt

    index = model.index([e.code for e in data.elements].index("STAFF"), 0)
    assert model.data(index) == "22"  # a stock: the last quarter
    assert model.data(index, Qt.ItemDataRole.EditRole) == ""
    assert "quý" in model.data(index, Qt.ItemDataRole.ToolTipRole)
