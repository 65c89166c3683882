#!/usr/bin/env bash
# Build the one-folder frozen program into dist/ITPlanMonitor (Linux; the same
# spec builds the Windows folder, see build.ps1 for the installer too).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installer/itplan.spec
du -sh dist/ITPlanMonitor
