"""Settings remembered between runs (window, language, last unit and period, database).

Stored with QSettings in an INI file in the data folder (ITPLAN_HOME in
tests), so the program stays portable and tests never touch the user's own.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop.paths import data_dir


def app_settings() -> QSettings:
    return QSettings(str(data_dir() / "itplan-gui.ini"), QSettings.Format.IniFormat)


def get(key: str, default: str = "") -> str:
    value = app_settings().value(key, default)
    return str(value) if value is not None else default


def put(key: str, value) -> None:
    settings = app_settings()
    settings.setValue(key, value)
    settings.sync()
