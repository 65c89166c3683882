#!/usr/bin/env bash
# Install, make a demo database (once) and open the program on it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
[ -f out/demo.sqlite ] || .venv/bin/itplan --db out/demo.sqlite demo
exec .venv/bin/itplan-gui --db out/demo.sqlite
