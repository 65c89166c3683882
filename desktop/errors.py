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


# SQLite's own error texts and what they mean to an officer.
SQLITE_WORDS = (
    ("disk I/O error", ("lỗi đọc/ghi ổ đĩa (ổ đĩa hỏng, đầy, hoặc thư mục mạng bị ngắt)",
                        "a disk read/write error (a failing or full disk, or a dropped network folder)")),
    ("database disk image is malformed", ("tệp dữ liệu bị hỏng", "the data file is damaged")),
    ("file is not a database", ("không phải tệp dữ liệu", "not a data file")),
    ("database is locked", ("tệp đang bị một chương trình khác giữ", "another program holds the file")),
    ("unable to open database file", ("không mở được tệp dữ liệu", "cannot open the data file")),
    ("database or disk is full", ("ổ đĩa đã đầy", "the disk is full")),
)


def plain_sqlite_error(error: object) -> str:
    """An SQLite error in words the officer understands (the original for anything else)."""
    from desktop.i18n import t

    text = str(error)
    for raw, (vi, en) in SQLITE_WORDS:
        if raw in text:
            return t(vi, en)
    return text
