"""One program at a time on a database file; a killed holder leaves no stale lock."""

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.data.instance import InstanceLockedError, acquire_instance, hold_instance, lock_path


def test_second_lock_is_refused_until_released(tmp_path):
    path = tmp_path / "office.sqlite"
    first = acquire_instance(path)
    with pytest.raises(InstanceLockedError) as caught:
        acquire_instance(path)
    message = caught.value.message
    assert str(path) in message and f"trên máy {socket.gethostname()}, từ " in message
    assert "pid=" not in message and "host=" not in message  # words, not the lock file's codes
    first.release()
    with hold_instance(path) as again:
        assert again.held
    assert lock_path(path).exists()  # the file may stay; only the OS lock matters


def test_url_database_needs_no_lock():
    with hold_instance(None) as lock:
        assert lock is None


@pytest.mark.skipif(os.name == "nt", reason="uses SIGKILL")
def test_killed_holder_leaves_no_stale_lock(tmp_path):
    path = tmp_path / "office.sqlite"
    code = ("import sys; from desktop.data.instance import acquire_instance; "
            f"lock = acquire_instance({str(path)!r}); print('held', flush=True); sys.stdin.read()")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(InstanceLockedError) as caught:
            acquire_instance(path)
        assert f"trên máy {socket.gethostname()}" in caught.value.message
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        acquire_instance(path).release()
    finally:
        holder.stdin.close()
        holder.stdout.close()
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=30)
