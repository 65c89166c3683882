"""A server that ends a connection in the middle of an action (restarted, an
administrator, the network): the action is refused in one sentence naming the
server, nothing is written, and the next action connects anew."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from desktop.data import sent
from desktop.data.models import DataValue
from desktop.data.values import ValueInput, write_values
from desktop.errors import UserError
from desktop.intake import load

UNIT = "X01"


@pytest.fixture
def server(office_db, backend):
    if backend != "postgresql":
        pytest.skip("a server's connection")
    return office_db


def _end_connection_of(session, database) -> None:  # noqa: ANN001
    """What a server restart does to the session's connection, done by another one."""
    pid = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    with database.engine.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        other.commit()


def _names_the_server(message: str, database) -> bool:  # noqa: ANN001
    url = make_url(database.url)
    return (f"{url.host}:{url.port}/{url.database}" in message and "\n" not in message
            and (not url.password or url.password not in message))


def test_an_action_whose_connection_ended_is_refused_and_the_next_works(server, table_hashes):
    before = table_hashes(server)
    with pytest.raises(UserError) as raised:
        with server.session() as session:
            sent.run(session, "UPDATE org_unit SET name = ? WHERE code = ?", ("Xã Đổi", UNIT))
            _end_connection_of(session, server)
            sent.fetch(session, "SELECT id FROM org_unit WHERE code = ?", (UNIT,))
    assert _names_the_server(raised.value.message, server)
    assert table_hashes(server) == before
    with server.session() as session:
        write_values(session, [ValueInput(UNIT, "STAFF", "2024Q1", 20)])
    with server.session() as session:
        assert session.scalar(select(DataValue.value)) == 20


def test_a_batch_of_forms_whose_connection_ended_is_refused(server, table_hashes,
                                                            monkeypatch):
    """The intake's own transaction: the same sentence, no form written."""
    before = table_hashes(server)
    checked = load._check_and_write

    def ended_first(session, candidates, progress):  # noqa: ANN001, ANN202
        _end_connection_of(session, server)
        return checked(session, candidates, progress)

    monkeypatch.setattr(load, "_check_and_write", ended_first)
    with pytest.raises(UserError) as raised:
        load.load_files(server, [])
    assert _names_the_server(raised.value.message, server)
    assert table_hashes(server) == before
