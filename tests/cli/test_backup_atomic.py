"""Backups are written whole or not at all, checked when listed, and never overwrite by accident."""

import json
import os
import time

import pytest

from desktop.cli import main
from desktop.data import backup
from desktop.errors import DatabaseFileError


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office(tmp_path, capsys):
    db = tmp_path / "office.sqlite"
    code, _, err = run(capsys, "--db", str(db), "init", "--province", "Kon Tum",
                       "--unit-code", "KT01", "--unit-name", "Huyện Đăk Hà")
    assert code == 0, err
    return db


def test_backup_out_refuses_an_existing_file_without_force(office, tmp_path, capsys):
    out = tmp_path / "keep.sqlite"
    out.write_bytes(b"precious")
    code, _, err = run(capsys, "--db", str(office), "backup", "--out", str(out))
    assert code == 1 and str(out) in err and "--force" in err
    assert out.read_bytes() == b"precious"
    assert run(capsys, "--db", str(office), "backup", "--out", str(out), "--force")[0] == 0
    assert backup.backup_problem(out) is None


def test_a_failed_backup_leaves_no_file(office, tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    before = sorted(p.name for p in folder.iterdir())

    def cut(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup.os, "replace", cut)
    with pytest.raises(OSError):
        backup.backup_file(office, folder, reason="manual")
    assert sorted(p.name for p in folder.iterdir()) == before


def test_an_empty_newest_backup_is_reported_by_list_and_check(office, tmp_path, capsys):
    folder = tmp_path / "backups"
    empty = folder / "office-29991231-235959-000000-before-import.sqlite"
    empty.write_bytes(b"")  # what a kill left under the final name before backups were atomic
    code, out, err = run(capsys, "--db", str(office), "backup", "--list")
    assert code == 1 and str(empty) in err
    code, out, _ = run(capsys, "--db", str(office), "backup", "--list", "--json")
    assert code == 1 and json.loads(out)[0]["sound"] is False
    code, out, _ = run(capsys, "--db", str(office), "check", "--json")
    rows = {row["check"]: row for row in json.loads(out)["checks"]}
    assert code == 1 and rows["Sao lưu gần nhất"]["status"] == "error"
    empty.unlink()
    code, out, _ = run(capsys, "--db", str(office), "backup", "--list")
    assert code == 0 and "mở được và toàn vẹn" in out


def test_a_damaged_copy_is_never_named_a_backup(office, tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    before = sorted(p.name for p in folder.iterdir())
    monkeypatch.setattr(backup, "backup_problem", lambda path, full=True: "page 2 is never used")
    with pytest.raises(DatabaseFileError) as caught:
        backup.backup_file(office, folder)
    assert "page 2" in caught.value.message
    assert sorted(p.name for p in folder.iterdir()) == before


def test_stale_partials_are_swept_by_the_rotation(office, tmp_path):
    folder = tmp_path / "backups"
    stale = folder / (backup.PARTIAL_PREFIX + "old.partial")
    fresh = folder / (backup.PARTIAL_PREFIX + "new.partial")
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    old = time.time() - 2 * backup.STALE_PARTIAL_SECONDS
    os.utime(stale, (old, old))
    backup.rotate_backups(office, folder)
    assert not stale.exists() and fresh.exists()
    assert all(row.path.suffix == ".sqlite" for row in backup.list_backups(office, folder))


def test_every_writing_command_waits_for_the_instance_lock(office, tmp_path, capsys):
    """intake load and transfer --to FILE --replace refuse while the program holds the file."""
    from desktop.data.instance import acquire_instance

    other = tmp_path / "other.sqlite"
    assert run(capsys, "transfer", "--from", str(office), "--to", str(other))[0] == 0
    forms = tmp_path / "forms"
    forms.mkdir()
    before = {path: path.read_bytes() for path in (office, other)}
    for held, argv in ((office, ("--db", str(office), "intake", "load", str(forms))),
                       (other, ("transfer", "--from", str(office), "--to", str(other),
                                "--replace")),
                       (other, ("transfer", "--from", str(office), "--to",
                                f"sqlite:///{other}", "--replace"))):
        lock = acquire_instance(held)
        try:
            code, _, err = run(capsys, "--lang", "en", *argv)
        finally:
            lock.release()
        assert code == 1 and "Another program is using" in err and str(held) in err
    assert {path: path.read_bytes() for path in (office, other)} == before
    lock = acquire_instance(office)
    try:  # a dry run writes nothing and needs no lock: it says there is no form
        code, _, err = run(capsys, "--lang", "en", "--db", str(office), "intake", "load",
                           "--dry-run", str(forms))
    finally:
        lock.release()
    assert code == 1 and "No form" in err
