"""Which approved periods a replacement loses or changes."""

import shutil

from desktop.data.approval_guard import approvals_lost
from desktop.data.database import open_database
from desktop.data.office import init_office
from desktop.data.submission import set_state
from desktop.data.values import ValueInput, write_values


def make(path):
    database = open_database(path)
    with database.session() as session:
        init_office(session, province="Kon Tum", unit_code="KT01", unit_name="Huyện Đăk Hà",
                    level="huyen", plans=[])
        write_values(session, [ValueInput("KT01", "STAFF", p, 10)
                               for p in ("2023", "2023Q2", "2024Q1")])
        set_state(session, "KT01", "2023", "approved")
        set_state(session, "KT01", "2024Q1", "approved")
    database.close()


def lost(current, incoming):
    a, b = open_database(current), open_database(incoming)
    try:
        with a.engine.connect() as here, b.engine.connect() as there:
            return approvals_lost(here, there)
    finally:
        a.close()
        b.close()


def write(path, *items, state=None):
    database = open_database(path)
    with database.session() as session:
        if state:
            set_state(session, *state)
        if items:
            write_values(session, [ValueInput(*item) for item in items])
    database.close()


def test_lost_and_changed_approvals_are_named(tmp_path):
    current, incoming = tmp_path / "current.sqlite", tmp_path / "incoming.sqlite"
    make(current)
    shutil.copy(current, incoming)
    assert lost(current, incoming) == []
    write(incoming, ("KT01", "STAFF", "2025", 3))  # outside every approved period
    assert lost(current, incoming) == []
    write(incoming, state=("KT01", "2024Q1", "draft", "sửa"))
    write(incoming, ("KT01", "STAFF", "2023Q3", 4), state=("KT01", "2023", "draft", "sửa"))
    write(incoming, state=("KT01", "2023", "approved"))  # approved again, with a new quarter
    assert lost(current, incoming) == ["KT01 kỳ 2024Q1: mất duyệt",
                                       "KT01 kỳ 2023: số liệu đã duyệt bị thay đổi"]
    assert lost(incoming, current) == ["KT01 kỳ 2023: số liệu đã duyệt bị thay đổi"]
