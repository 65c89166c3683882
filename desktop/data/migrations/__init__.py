"""Alembic migrations of the schema, applied when a database is opened.

The newest revision and the known ones are read from the revision files
(their `revision` and `down_revision` lines), the same graph alembic walks,
so adding a migration needs no edit here. Reading them with `ast` costs a
millisecond; importing alembic's script machinery to ask it would cost half
a second of every start-up (tests check that both answers agree).
"""

import ast
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent


def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision of every file in versions/."""
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                if node.targets[0].id in ("revision", "down_revision"):
                    found[node.targets[0].id] = ast.literal_eval(node.value)
        if "revision" in found:
            graph[str(found["revision"])] = found.get("down_revision")  # type: ignore[assignment]
    return graph


def _head(graph: dict[str, str | None]) -> str:
    """The one revision no other revision builds on."""
    parents = {down for down in graph.values() if down}
    heads = sorted(set(graph) - parents)
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {heads}")
    return heads[0]


_GRAPH = _revision_graph()
# The newest revision this program knows; a database at another revision
# that is not in KNOWN_REVISIONS comes from a newer program.
HEAD_REVISION = _head(_GRAPH)
KNOWN_REVISIONS = tuple(sorted(_GRAPH))
