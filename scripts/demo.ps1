# Windows: install, make a demo database (once) and open the program on it.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv)) { py -3 -m venv .venv }
.venv\Scripts\python -m pip install -q -e ".[test]"
New-Item -ItemType Directory -Force out | Out-Null
if (-not (Test-Path out\demo.sqlite)) { .venv\Scripts\itplan --db out\demo.sqlite demo }
.venv\Scripts\itplan-gui --db out\demo.sqlite
