"""Power-cut testing: a SQLite VFS that loses unsynced writes, and the program's write path on it."""
