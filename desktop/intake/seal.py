"""The integrity seal of an intake form: who it is for, which period, which element on which row.

The hidden `_meta` sheet says whose figures a form carries; anyone can edit
it (its sheet password only stops accidents). So `_meta` also carries a
seal: an HMAC-SHA256, keyed by a secret kept in the office database
(`setting` row `intake_seal_key`, made when the first form is made), over the
form kind, version, unit, period, office and the element code of each row.
A form whose seal does not match — `_meta` edited to send a commune's
figures to another unit, period or row, or a form made by another office's
database — is refused, naming the file. The key never leaves the database.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy.orm import Session

from desktop.data.settings import get_setting, set_setting

SETTING_KEY = "intake_seal_key"


def seal_key(session: Session, *, create: bool = False) -> bytes | None:
    """The office's sealing key (made on first use when `create`); None when there is none."""
    text = get_setting(session, SETTING_KEY)
    if text is None and create:
        text = secrets.token_hex(32)
        set_setting(session, SETTING_KEY, text, overwrite=False)
        text = get_setting(session, SETTING_KEY)
    return None if text is None else bytes.fromhex(text)


def form_seal(key: bytes, meta: dict[str, str], rows: list[tuple[str, int]]) -> str:
    """The seal of a form's identity and element rows (hex)."""
    fields = [meta.get(name, "") for name in ("form", "version", "unit", "period", "office")]
    message = "\x1f".join(fields + [f"{code}@{row}" for code, row in rows])
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def seal_matches(key: bytes | None, meta: dict[str, str], rows: list[tuple[str, int]]) -> bool:
    return key is not None and hmac.compare_digest(meta.get("seal", ""),
                                                   form_seal(key, meta, rows))
