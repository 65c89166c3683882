# Windows: install and run every test.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv)) { py -3 -m venv .venv }
.venv\Scripts\python -m pip install -q -e ".[test,build]"
$env:QT_QPA_PLATFORM = "offscreen"
.venv\Scripts\python -m pytest -q @args
