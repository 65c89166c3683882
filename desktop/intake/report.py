"""What the loader says about each file: plain data for the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FileProblem:
    """One problem, located by file, sheet and cell (sheet/cell empty for the whole file)."""

    file: str
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        place = ", ".join(part for part in (self.file, self.sheet, self.cell) if part)
        return f"{place}: {self.message}"

    def as_json(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "cell": self.cell,
                "message": self.message}


@dataclass
class FileReport:
    """One form file: whom and which period it is for, its values, its problems."""

    path: str
    unit: str = ""
    unit_name: str = ""
    period: str = ""
    values: int = 0
    problems: list[FileProblem] = field(default_factory=list)
    written: bool = False
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    # Consistency across periods once the form's values are in (a yearly figure
    # against its last quarter, a part above its whole): warnings, the form loads.
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, message: str, sheet: str = "", cell: str = "") -> None:
        self.problems.append(FileProblem(self.path, sheet, cell, message))

    def as_json(self) -> dict:
        return {"path": self.path, "unit": self.unit, "unit_name": self.unit_name,
                "period": self.period, "values": self.values, "ok": self.ok,
                "written": self.written, "inserted": self.inserted, "updated": self.updated,
                "unchanged": self.unchanged, "warnings": list(self.warnings),
                "problems": [problem.as_json() for problem in self.problems]}
