"""The main window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from desktop.data.database import Database
from desktop.data.office import get_office


class MainWindow(QMainWindow):
    def __init__(self, database: Database):
        super().__init__()
        self.database = database
        with database.session() as session:
            office = get_office(session)
        title = office.unit_name if office else "Chưa khởi tạo cơ quan"
        self.setWindowTitle(f"Theo dõi Kế hoạch ứng dụng CNTT — {title}")
        self.setCentralWidget(QLabel(title))
        self.resize(1200, 760)
