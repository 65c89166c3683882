"""The same schema and the same migration on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, select, text

from desktop.data.database import open_database
from desktop.data.migrations import HEAD_REVISION
from desktop.data.models import AuditEntry, Base, Indicator, OrgUnit
from desktop.data.office import init_office
from desktop.data.units import add_unit, list_units
from desktop.errors import DatabaseFileError, UserError


def test_migration_makes_every_table_of_the_models(db):
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert set(Base.metadata.tables) <= tables
    assert revision == HEAD_REVISION


def test_reopening_keeps_data_and_does_not_migrate_again(new_db_url):
    url = new_db_url()
    first = open_database(url)
    with first.session() as session:
        add_unit(session, "T38", "Tỉnh Thanh Hóa", "tinh")
    first.close()
    again = open_database(url)
    with again.session() as session:
        assert [u.name for u in list_units(session)] == ["Tỉnh Thanh Hóa"]
    again.close()


def test_types_round_trip(db):
    moment = dt.datetime(2026, 11, 21, 8, 30, 15, 123456)
    with db.session() as session:
        session.add(AuditEntry(at=moment, user="cán bộ", entity="unit", entity_key="X",
                               action="add", old=None, new="Xã Thọ Ngọc", reason=""))
    with db.session() as session:
        row = session.scalar(select(AuditEntry))
        assert (row.at, row.user, row.new, row.old) == (moment, "cán bộ", "Xã Thọ Ngọc", None)


def test_whole_catalogue_fits_the_columns(db):
    """Every shipped plan and indicator loads (PostgreSQL enforces lengths)."""
    with db.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H38TS",
                    unit_name="Huyện Triệu Sơn", level="huyen", plans=["TH-2016"])
    with db.session() as session:
        capped = session.scalars(select(Indicator.capped)).all()
    assert capped and set(capped) <= {True, False} and True in capped


def test_units_below_use_the_path_prefix(db):
    with db.session() as session:
        add_unit(session, "T38", "Tỉnh Thanh Hóa", "tinh")
        add_unit(session, "H38TS", "Huyện Triệu Sơn", "huyen", parent_code="T38")
        add_unit(session, "H38TS-X01", "Xã Dân Lực", "xa", parent_code="H38TS")
        add_unit(session, "H38NC", "Huyện Nga Sơn", "huyen", parent_code="T38")
        below = [row.code for row in list_units(session, "H38TS")]
        paths = dict(session.execute(select(OrgUnit.code, OrgUnit.path)).all())
    assert below == ["H38TS", "H38TS-X01"]
    assert paths["H38TS-X01"].startswith(paths["H38TS"])


def test_too_long_unit_name_is_a_user_error_on_every_backend(db):
    with db.session() as session, pytest.raises(UserError, match="200"):
        add_unit(session, "X1", "Xã " + "rất dài " * 40, "xa")


def test_unknown_database_kind_is_refused():
    with pytest.raises(UserError, match="mysql"):
        open_database("mysql://user@127.0.0.1/itplan")


def test_sqlite_url_is_the_same_as_the_path(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'a.sqlite'}")
    assert database.path == tmp_path / "a.sqlite"
    database.close()


def test_server_database_of_another_program_is_refused(pg_server):
    from sqlalchemy import create_engine

    url = pg_server.create(migrated=False)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE customer (id integer primary key)"))
    engine.dispose()
    with pytest.raises(DatabaseFileError, match="chương trình khác"):
        open_database(url)
    pg_server.drop(url)


def test_unreachable_server_is_one_clear_sentence(pg_server):
    from sqlalchemy.engine import make_url

    url = make_url(pg_server.url_of("itplan")).set(port=1, password="bí-mật")
    with pytest.raises(UserError, match="Không kết nối được") as caught:
        open_database(url.render_as_string(hide_password=False))
    assert "bí-mật" not in caught.value.message


def test_plain_postgresql_scheme_uses_psycopg(pg_server):
    url = pg_server.create(migrated=True)
    database = open_database(url.replace("postgresql+psycopg://", "postgresql://"))
    assert database.engine.dialect.driver == "psycopg"
    database.close()
    pg_server.drop(url)


@pytest.mark.sqlite_only
def test_sqlite_only_tests_get_sqlite(db, backend):
    assert backend == "sqlite" and db.is_sqlite
