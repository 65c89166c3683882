#!/usr/bin/env bash
# Set up everything on a fresh Debian/Ubuntu machine: system libraries that Qt
# needs (installed with apt-get when run as root), a virtual environment in
# .venv, and the program with its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# postgresql: the test suite also runs the data layer against a throwaway
# PostgreSQL server (scripts/pg-start.sh) when its binaries are installed.
SYSTEM_PACKAGES=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
                 poppler-utils libreoffice-calc-nogui postgresql)
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    missing=()
    for package in "${SYSTEM_PACKAGES[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test,build]"
