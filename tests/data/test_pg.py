"""PostgreSQL helpers: URL forms and backups with pg_dump."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from desktop.data import pg
from desktop.data.database import open_database
from desktop.data.units import add_unit
from desktop.errors import UserError


@pytest.mark.parametrize("url", ["postgres://u:p@db.so/itplan", "postgresql://u:p@db.so/itplan",
                                 "postgresql+psycopg://u:p@db.so/itplan"])
def test_server_urls_use_psycopg(url):
    assert pg.normalise_url(url) == "postgresql+psycopg://u:p@db.so/itplan"
    assert pg.shown(pg.normalise_url(url)) == "postgresql+psycopg://u:***@db.so/itplan"


def test_backup_without_pg_dump_says_what_to_run(monkeypatch, tmp_path):
    monkeypatch.setattr(pg.shutil, "which", lambda _name: None)
    with pytest.raises(UserError, match="pg_dump") as caught:
        pg.postgres_backup("postgresql://so:mật-khẩu@10.0.0.5/itplan", tmp_path / "so.dump")
    assert "mật-khẩu" not in caught.value.message
    assert f"pg_dump -Fc -f {tmp_path / 'so.dump'}" in caught.value.message


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_backup_with_pg_dump_restores_the_data(pg_server, tmp_path):
    url = pg_server.create(migrated=True)
    database = open_database(url)
    with database.session() as session:
        add_unit(session, "T38", "Tỉnh Thanh Hóa", "tinh")
    database.close()
    out = pg.postgres_backup(url, tmp_path / "so" / "itplan.dump")
    assert out.read_bytes()[:5] == b"PGDMP"
    listing = subprocess.run(["pg_restore", "--list", str(out)], capture_output=True,
                             text=True, check=True).stdout
    assert "TABLE DATA public org_unit" in listing
    pg_server.drop(url)


def test_backup_of_a_missing_database_is_a_user_error(pg_server, tmp_path):
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    url = pg_server.url_of("itplan_no_such_database")
    with pytest.raises(UserError, match="pg_dump"):
        pg.postgres_backup(url, tmp_path / "x.dump")
    assert not (tmp_path / "x.dump").exists()
