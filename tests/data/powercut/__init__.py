"""Power-cut testing: a VFS that loses unsynced writes, and the program's write path on it."""
