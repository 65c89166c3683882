"""The consistency rules reach the officer: after an entry, and before a report is made."""

from __future__ import annotations

from desktop.data.values import ValueInput, write_values
from desktop.ui import consistency, dialogs


def _quarters(database, staff=26, mailbox=25):
    with database.session() as session:
        write_values(session, [ValueInput("X1", element, f"2024Q{q}", value)
                               for q in (1, 2, 3, 4)
                               for element, value in (("STAFF", staff), ("STAFF_MAILBOX", mailbox))])


def test_a_yearly_figure_that_disagrees_with_q4_warns_at_entry(window, small_db, errors):
    _quarters(small_db)
    window.set_context("H1", "2024")
    tab = window.entry_tab
    assert tab.apply("2024", [("STAFF", "X1", 23.0, None)])
    assert "Cảnh báo" in tab.status.text() and "Quý IV/2024" in tab.status.text()
    assert errors == []


def test_the_report_waits_for_a_yes_when_the_year_is_inconsistent(small_db, monkeypatch):
    _quarters(small_db)
    with small_db.session() as session:
        write_values(session, [ValueInput("X1", "STAFF", "2024", 23)])
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text: asked.append(text) or False)
    assert not consistency.go_ahead(None, small_db, "H1", "2024", "xuất báo cáo")
    assert "108,7 %" in asked[0] and "Vẫn xuất báo cáo?" in asked[0]
    assert consistency.go_ahead(None, small_db, "H1", "2023", "xuất báo cáo")  # nothing to say
