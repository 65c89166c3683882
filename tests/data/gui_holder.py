"""The main window holding a database, for the file-lock test (a subprocess, not collected).

It opens the database the way the program does (instance lock, open_database,
MainWindow offscreen, its start-up health check), prints "ready", and for each
"edit <value>" line on stdin saves one value through the window's database
and prints "saved <value>". The test kills it with SIGKILL afterwards.
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.data.values import ValueInput, write_values  # noqa: E402
from desktop.ui.lifecycle import open_for_gui  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402


def main() -> None:
    path = sys.argv[1]
    app = QApplication([])
    database, lock = open_for_gui(path)
    window = MainWindow(database, lock)
    window.show()
    for _ in range(20):  # the banner's quick check runs from the event loop
        app.processEvents()
    window.switch_language("en")  # rebuilds every tab and checks again
    for _ in range(20):
        app.processEvents()
    print("ready", flush=True)
    for line in sys.stdin:
        word, _, value = line.strip().partition(" ")
        if word != "edit":
            continue
        with database.session() as session:
            write_values(session, [ValueInput("H1", "DOCS_SENT", "2024", float(value))],
                         user="gui")
        print(f"saved {value}", flush=True)


if __name__ == "__main__":
    main()
