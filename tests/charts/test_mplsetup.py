"""matplotlib's cache folder: fixed in the user data folder when frozen."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
sys.frozen = {frozen}
from desktop.charts.mplsetup import prepare_matplotlib
prepare_matplotlib()
import matplotlib
print(matplotlib.get_configdir())
print(matplotlib.rcParams["pdf.fonttype"], matplotlib.rcParams["font.sans-serif"][0])
"""


def _configdir(tmp_path, frozen: bool) -> list[str]:
    env = dict(os.environ, ITPLAN_HOME=str(tmp_path / "home"))
    env.pop("MPLCONFIGDIR", None)
    result = subprocess.run([sys.executable, "-c", SCRIPT.format(frozen=frozen)], env=env,
                            capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_frozen_program_keeps_its_cache_in_the_data_folder(tmp_path):
    folder, settings = _configdir(tmp_path, True)
    assert folder == str(tmp_path / "home" / "mpl")
    assert (tmp_path / "home" / "mpl").is_dir()
    assert settings == "42 DejaVu Sans"


def test_source_checkout_leaves_the_cache_alone(tmp_path):
    folder, settings = _configdir(tmp_path, False)
    assert not folder.startswith(str(tmp_path))
    assert settings == "42 DejaVu Sans"
