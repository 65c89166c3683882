# Windows: build the frozen folder with PyInstaller, then the per-user
# installer with Inno Setup 6 (ISCC.exe on PATH or in its default folder).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv)) { py -3 -m venv .venv }
.venv\Scripts\python -m pip install -q -e ".[build]"
$version = (.venv\Scripts\python -c "import desktop; print(desktop.__version__)").Trim()
$parts = ($version.Split(".") + @("0", "0", "0"))[0..3] -join ", "
New-Item -ItemType Directory -Force build | Out-Null
(Get-Content installer\version_info.txt.in -Raw).Replace("@VERSION@", $version).Replace("@TUPLE@", $parts) |
    Set-Content build\version_info.txt -Encoding UTF8
.venv\Scripts\python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\itplan.spec
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" installer\itplan.iss
