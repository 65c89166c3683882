"""The PyInstaller spec builds a frozen program that runs without a screen."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.frozen


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    if shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]')")
    work = tmp_path_factory.mktemp("frozen")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                    str(ROOT / "installer" / "itplan.spec")], check=True, cwd=ROOT)
    return work / "dist" / "ITPlanMonitor"


def _run(folder: Path, *args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ITPLAN_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([str(folder / "itplan"), *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=300)


def test_folder_is_small_enough(frozen):
    # Symbolic links (PyInstaller links shared libraries on Linux) take no space.
    size = sum(f.stat().st_size for f in frozen.rglob("*") if f.is_file() and not f.is_symlink())
    # 254 MB measured with lxml (report filling), python-docx and pypdf (plans from text).
    assert size < 270 * 1024 * 1024, f"{size / 1048576:.0f} MB"


def test_version_starts_quickly(frozen, tmp_path):
    start = time.perf_counter()
    result = _run(frozen, "--version", home=tmp_path)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("itplan ")
    assert elapsed < 3.0


def test_frozen_program_makes_a_demo_and_reports_progress(frozen, tmp_path):
    database = tmp_path / "demo.sqlite"
    made = _run(frozen, "--db", str(database), "demo", home=tmp_path)
    assert made.returncode == 0, made.stderr
    result = _run(frozen, "--db", str(database), "progress", "--period", "2020", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Tỷ lệ cán bộ, công chức" in result.stdout
    assert "Trạng thái" in result.stdout


def test_frozen_program_fills_a_built_in_report(frozen, tmp_path):
    database = tmp_path / "demo.sqlite"
    assert _run(frozen, "--db", str(database), "demo", home=tmp_path).returncode == 0
    out = tmp_path / "bao-cao.xlsx"
    result = _run(frozen, "--db", str(database), "report", "--template", "bao-cao-chi-tieu",
                  "--unit", "H38TS", "--period", "2024", "--out", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text for text in texts)
    assert any("Huyện Triệu Sơn" in text for text in texts)


def test_frozen_program_makes_the_meeting_pack(frozen, tmp_path):
    """matplotlib, numpy and their bundled libraries load in the frozen program."""
    database = tmp_path / "demo.sqlite"
    assert _run(frozen, "--db", str(database), "demo", home=tmp_path).returncode == 0
    out = tmp_path / "pack.pdf"
    result = _run(frozen, "--db", str(database), "charts", "--period", "2020", "--out", str(out),
                  home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert (tmp_path / "mpl").is_dir()  # the font cache lives in the data folder when frozen


def test_frozen_gui_shows_its_window_without_matplotlib(frozen, tmp_path):
    database = tmp_path / "demo.sqlite"
    assert _run(frozen, "--db", str(database), "demo", home=tmp_path).returncode == 0
    env = dict(os.environ, ITPLAN_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([str(frozen / "ITPlanMonitor"), "--db", str(database),
                             "--quit-when-shown"], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == ["SHOWN", "READY matplotlib=False"]


def test_the_user_guides_and_their_pictures_are_shipped(frozen):
    import re

    for name in ("huong-dan.md", "user-guide.md"):
        if not (ROOT / "docs" / name).exists():
            continue
        [guide] = frozen.rglob(name)
        pictures = re.findall(r"\]\((screenshots/[^)]+)\)", guide.read_text(encoding="utf-8"))
        assert pictures and all((guide.parent / picture).is_file() for picture in pictures), name
