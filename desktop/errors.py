"""Errors a user can cause and fix, kept apart from bugs.

A `UserError` carries one sentence, already in the user's language, that
names the file, row, cell or argument at fault. The CLI prints it and exits
with 1; the GUI shows it in a message box. Anything else is a bug and is
reported as such.
"""


class UserError(Exception):
    """Bad input or a state the user can fix; nothing was changed."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class DatabaseFileError(UserError):
    """The database file is not ours, is damaged, or is from a newer version."""


class LockedError(UserError):
    """The period is approved (locked) for that unit."""


class ConflictError(UserError):
    """Someone else changed the value first."""
