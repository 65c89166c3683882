"""Alembic migrations of the schema, applied when a database is opened."""

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent

# The newest revision this program knows; a database at another revision
# that is not in KNOWN_REVISIONS comes from a newer program.
HEAD_REVISION = "0002"
KNOWN_REVISIONS = ("0001", "0002")
