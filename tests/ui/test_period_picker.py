"""The period picker: codes in and out, its label, the years it offers, a dialog's picker."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QLabel  # noqa: E402

from desktop.errors import UserError  # noqa: E402
from desktop.periods import MAX_YEAR, MIN_YEAR  # noqa: E402
from desktop.ui.period_picker import PeriodPicker, form_period_picker  # noqa: E402


@pytest.mark.parametrize("code, part", [("2025-07", "Tháng 7"), ("2024Q4", "Quý IV"),
                                        ("2023", "Cả năm"), ("2025-12", "Tháng 12"),
                                        ("2025Q1", "Quý I")])
def test_a_code_round_trips(qtbot, code, part):
    picker = PeriodPicker()
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.changed) as signal:
        picker.set_code(code)
    assert picker.code() == code and signal.args == [code]
    assert picker.part.currentText() == part


def test_loose_spellings_become_the_code(qtbot):
    picker = PeriodPicker()
    qtbot.addWidget(picker)
    for loose, code in (("2026-Q4", "2026Q4"), ("Q3/2024", "2024Q3"), ("7/2025", "2025-07")):
        picker.set_code(loose)
        assert picker.code() == code


def test_choosing_a_part_and_a_year_gives_its_code(qtbot):
    picker = PeriodPicker()
    qtbot.addWidget(picker)
    picker.set_code("2024")
    with qtbot.waitSignal(picker.changed) as signal:
        picker.part.setCurrentIndex(picker.part.findText("Quý III"))
    assert signal.args == ["2024Q3"]
    picker.year.setValue(2022)
    assert picker.code() == "2022Q3"


def test_a_bad_code_is_refused_and_changes_nothing(qtbot):
    picker = PeriodPicker()
    qtbot.addWidget(picker)
    picker.set_code("2024Q2")
    with pytest.raises(UserError):
        picker.set_code("2024Q7")
    assert picker.code() == "2024Q2"


def test_the_label_is_optional(qtbot):
    with_label, without = PeriodPicker(), PeriodPicker(label=False)
    qtbot.addWidget(with_label)
    qtbot.addWidget(without)
    assert [w.text() for w in with_label.findChildren(QLabel)] == ["Kỳ báo cáo:"]
    assert without.findChildren(QLabel) == []


def test_a_year_outside_the_spin_range_is_shown_not_clamped(qtbot):
    picker = PeriodPicker()  # the toolbar's years: 2000 to a few years ahead
    qtbot.addWidget(picker)
    picker.set_code("1995Q2")
    assert picker.code() == "1995Q2"


def test_a_dialogs_picker(qtbot):
    picker = form_period_picker("2019-03")
    qtbot.addWidget(picker)
    assert picker.code() == "2019-03" and picker.findChildren(QLabel) == []
    assert (picker.year.minimum(), picker.year.maximum()) == (MIN_YEAR, MAX_YEAR)
    for unreadable in ("", "20x4", "2024Q7"):
        other = form_period_picker(unreadable)
        qtbot.addWidget(other)
        assert other.code() == str(dt.date.today().year)
