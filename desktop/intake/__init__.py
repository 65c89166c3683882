"""Excel intake forms: make one form per unit and period, read filled forms back.

Plain functions for the command line and the GUI (no Qt here):

- `make_forms(session, unit_codes, period, out_dir, progress=None)` writes
  `<unit code>_<period>.xlsx` files and returns their paths;
- `preview_files(session, paths, progress=None)` reads forms (files, folders,
  ZIP archives) and reports every problem by file, sheet and cell, writing
  nothing;
- `load_files(database, paths, dry_run=False, progress=None)` writes each good
  file in its own transaction; a file with any problem writes nothing.

`progress` is an optional callable `(done, total)`. openpyxl and
python-calamine are imported only when a form is made or read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from desktop.intake.load import FileProblem, FileReport, load_files, preview_files
    from desktop.intake.make import make_forms

__all__ = ["FileProblem", "FileReport", "load_files", "make_forms", "preview_files"]


def __getattr__(name: str):
    if name == "make_forms":
        from desktop.intake.make import make_forms

        return make_forms
    if name in ("FileProblem", "FileReport", "load_files", "preview_files"):
        from desktop.intake import load

        return getattr(load, name)
    raise AttributeError(name)
