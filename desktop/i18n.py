"""Language choice for messages made outside Qt (data layer, engine, CLI).

Vietnamese is the default; English is a switch (`ITPLAN_LANG=en`, the CLI's
`--lang en`, or the GUI's language menu). Messages are chosen when they are
made: `t("Tiếng Việt", "English")`.
"""

from __future__ import annotations

import os

_language = "en" if os.environ.get("ITPLAN_LANG", "").lower().startswith("en") else "vi"


def set_language(code: str) -> None:
    """Switch messages to 'vi' or 'en'."""
    global _language
    _language = "en" if code.lower().startswith("en") else "vi"


def language() -> str:
    return _language


def t(vi: str, en: str) -> str:
    """The message in the current language."""
    return en if _language == "en" else vi
