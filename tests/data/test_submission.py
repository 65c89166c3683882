"""Submission states and the locks that approval puts on periods."""

from __future__ import annotations

import pytest

from desktop.data import audit
from desktop.data.submission import get_state, is_locked, set_state
from desktop.errors import UserError


def test_approving_a_quarter_locks_its_months_only(office_db):
    with office_db.session() as session:
        set_state(session, "X01", "2024Q3", "approved")
    with office_db.session() as session:
        assert is_locked(session, "X01", "2024Q3") and is_locked(session, "X01", "2024-08")
        assert not is_locked(session, "X01", "2024Q4")
        assert not is_locked(session, "X01", "2024")  # the year as a whole is still open
        assert not is_locked(session, "X02", "2024Q3")  # another unit is not locked


def test_unlocking_needs_a_reason_and_is_audited(office_db):
    with office_db.session() as session:
        set_state(session, "X01", "2024", "submitted")
        set_state(session, "X01", "2024", "approved")
    with pytest.raises(UserError) as caught, office_db.session() as session:
        set_state(session, "X01", "2024", "draft", reason="  ")
    assert "lý do" in caught.value.message
    with office_db.session() as session:
        assert get_state(session, "X01", "2024") == "approved"
        set_state(session, "X01", "2024", "draft", reason="Sửa số máy tính")
    with office_db.session() as session:
        history = audit.history(session, "lock", "X01/2024")
        assert [(h["old"], h["new"], h["reason"]) for h in history] == [
            ("draft", "submitted", ""), ("submitted", "approved", ""),
            ("approved", "draft", "Sửa số máy tính")]


def test_a_bad_state_is_refused(office_db):
    with pytest.raises(UserError) as caught, office_db.session() as session:
        set_state(session, "X01", "2024", "locked")
    assert "locked" in caught.value.message
