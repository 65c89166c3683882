"""The migration graph: the head read from the revision files is alembic's own,
and a database at the first revision migrates to the head with a backup."""

from __future__ import annotations

import sqlite3

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from desktop.data import migrations
from desktop.data.database import open_database


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations.MIGRATIONS_DIR))
    return config


def test_head_and_known_revisions_agree_with_alembic():
    script = ScriptDirectory.from_config(_config())
    assert migrations.HEAD_REVISION == script.get_current_head()
    assert set(migrations.KNOWN_REVISIONS) == {r.revision for r in script.walk_revisions()}


def test_a_database_at_the_first_revision_migrates_to_the_head(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    open_database(path, backup_dir=tmp_path / "backups").close()
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    connection.close()
    assert {"assessment_set", "assessor_score"} <= tables
    assert version == migrations.HEAD_REVISION
    assert [p.name.endswith("-before-migration-0001.sqlite")
            for p in (tmp_path / "backups").iterdir()] == [True]
