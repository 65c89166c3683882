"""Extra named sections of a hand-off file: the extension point for data a
province hands down beside its plan (assessment sets, …).

A feature registers a section with a function that exports its data for a
plan (JSON-able, or None when there is nothing) and one that applies
received data in the importing session. A received section nobody here
registered is not lost: it is kept as a setting (`handoff_section:PLAN:NAME`)
and named in the import summary, so a later version of the program, or the
feature when it arrives, can apply it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop.data.settings import get_setting, set_setting

Exporter = Callable[[Session, str], object]
Applier = Callable[[Session, str, object], str]


@dataclass(frozen=True)
class Section:
    name: str
    export: Exporter
    apply: Applier


_SECTIONS: dict[str, Section] = {}


def register_section(name: str, export: Exporter, apply: Applier) -> None:
    """Carry `name` in hand-off files: export(session, plan) → data or None;
    apply(session, plan, data) → a one-line summary of what was applied."""
    _SECTIONS[name] = Section(name, export, apply)


def unregister_section(name: str) -> None:
    _SECTIONS.pop(name, None)


def _register_builtin() -> None:
    """The program's own sections: the province's assessment sets."""
    from desktop.assess import handoff

    if handoff.SECTION not in _SECTIONS:
        register_section(handoff.SECTION, handoff.export_sets, handoff.apply_sets)


def export_sections(session: Session, plan_code: str) -> dict[str, object]:
    _register_builtin()
    out = {}
    for name, section in sorted(_SECTIONS.items()):
        data = section.export(session, plan_code)
        if data is not None:
            out[name] = data
    return out


def kept_key(plan_code: str, name: str) -> str:
    return f"handoff_section:{plan_code}:{name}"[:64]


def apply_sections(session: Session, plan_code: str, sections: dict[str, object]) -> list[str]:
    """Apply each received section; keep those nobody registered. Summary lines."""
    _register_builtin()
    lines = []
    for name, data in sorted(sections.items()):
        section = _SECTIONS.get(name)
        if section is not None:
            lines.append(section.apply(session, plan_code, data))
        else:
            set_setting(session, kept_key(plan_code, name),
                        json.dumps(data, ensure_ascii=False, sort_keys=True))
            lines.append(name)
    return lines


def kept_section(session: Session, plan_code: str, name: str) -> object | None:
    """A received section kept for later (None when there is none)."""
    text = get_setting(session, kept_key(plan_code, name))
    return json.loads(text) if text else None
