"""The office's letterhead and the body its reports go to: settings with defaults by date.

Since 1 March 2025 the Sở Thông tin và Truyền thông is part of the Sở Khoa
học và Công nghệ, so a report made before that date went to the former and
one made since goes to the latter — unless the office has set its own
receiving body (`report_receiver`) or letterhead (`letterhead`, the lines
above the form's title, one per line). Kept in `setting` rows; used by the
built-in report templates (`{{ office.receiver }}`, `{{ office.letterhead }}`)
and the meeting pack's cover.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desktop.data.settings import change_setting, get_setting

RECEIVER_KEY = "report_receiver"
LETTERHEAD_KEY = "letterhead"
# (first day, receiving body) — the latest whose day has come applies.
RECEIVERS_BY_DATE = [
    (dt.date(2000, 1, 1), "Sở Thông tin và Truyền thông"),
    (dt.date(2025, 3, 1), "Sở Khoa học và Công nghệ"),
]


def default_receiver(on: dt.date, province: str = "") -> str:
    body = [name for first, name in RECEIVERS_BY_DATE if first <= on][-1]
    if not province:
        return body
    prefix = "" if province.startswith(("Tỉnh", "Thành phố")) else "tỉnh "
    return f"{body} {prefix}{province}"


def receiver(session: Session, on: dt.date) -> str:
    """The body the office's reports go to on `on`: its setting, else the default."""
    own = (get_setting(session, RECEIVER_KEY) or "").strip()
    return own or default_receiver(on, get_setting(session, "province") or "")


def letterhead(session: Session, unit_name: str) -> str:
    """The letterhead lines: the office's setting, else the unit's own name."""
    return (get_setting(session, LETTERHEAD_KEY) or "").strip() or unit_name


def set_letterhead_settings(session: Session, *, receiver_text: str | None = None,
                            letterhead_text: str | None = None) -> None:
    """Store the office's own texts; an empty text goes back to the default."""
    if receiver_text is not None:
        change_setting(session, RECEIVER_KEY, receiver_text.strip())
    if letterhead_text is not None:
        change_setting(session, LETTERHEAD_KEY, letterhead_text.strip())
