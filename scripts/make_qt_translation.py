"""Write resources/translations/qt_vi.ts and compile it to qt_vi.qm.

Qt ships no Vietnamese translation of its own dialogs. This is one for the
Qt strings the program shows: the print preview's toolbar, the standard
buttons, the wizard's buttons, the text fields' context menu, the file
dialog (Qt's own, where no system dialog is used), scroll bars and dock
titles. Run from the repository root after changing it:
    .venv/bin/python scripts/make_qt_translation.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "translations"

EDIT_MENU = {"&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "&Cắt", "&Copy": "&Sao chép",
             "&Paste": "&Dán", "Delete": "Xóa", "Select All": "Chọn tất cả"}
STRINGS = {
    "QPrintPreviewDialog": {
        "Print Preview": "Xem trước khi in", "Print": "In", "Page Setup": "Thiết lập trang",
        "Page setup": "Thiết lập trang", "Export to PDF": "Xuất PDF",
        "First page": "Trang đầu", "Previous page": "Trang trước", "Next page": "Trang sau",
        "Last page": "Trang cuối", "Fit width": "Vừa chiều rộng", "Fit page": "Vừa trang",
        "Zoom in": "Phóng to", "Zoom out": "Thu nhỏ", "Portrait": "Trang dọc",
        "Landscape": "Trang ngang", "Show single page": "Xem từng trang",
        "Show facing pages": "Xem hai trang đối diện",
        "Show overview of all pages": "Xem tất cả các trang", "%1%": "%1%"},
    "QPlatformTheme": {
        "OK": "Đồng ý", "Cancel": "Hủy", "&Yes": "&Có", "&No": "&Không", "Close": "Đóng",
        "Save": "Lưu", "Save All": "Lưu tất cả", "Open": "Mở", "Apply": "Áp dụng",
        "Reset": "Đặt lại", "Restore Defaults": "Về mặc định", "Help": "Trợ giúp",
        "Discard": "Bỏ", "Abort": "Dừng", "Retry": "Thử lại", "Ignore": "Bỏ qua",
        "Yes to &All": "Có với &tất cả", "N&o to All": "&Không với tất cả"},
    "QWizard": {
        "< &Back": "< &Quay lại", "&Next >": "&Tiếp >", "&Next": "&Tiếp", "&Finish": "&Hoàn tất",
        "Cancel": "Hủy", "&Help": "&Trợ giúp", "Help": "Trợ giúp", "Go Back": "Quay lại",
        "Continue": "Tiếp tục", "Commit": "Xác nhận", "Done": "Xong"},
    "QMessageBox": {"Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết…",
                    "About Qt": "Giới thiệu Qt"},
    "QLineEdit": EDIT_MENU,
    "QWidgetTextControl": EDIT_MENU | {"Copy &Link Location": "Sao chép địa chỉ &liên kết"},
    "QFileDialog": {
        "&Look in:": "&Tìm trong:", "File &name:": "&Tên tệp:", "Files of &type:": "&Loại tệp:",
        "&Open": "&Mở", "&Save": "&Lưu", "&Choose": "&Chọn", "Open": "Mở", "Save As": "Lưu thành",
        "Back": "Lùi", "Forward": "Tiến", "Go back": "Lùi lại", "Go forward": "Tiến tới",
        "Parent Directory": "Thư mục cha", "Go to the parent directory": "Lên thư mục cha",
        "Create New Folder": "Tạo thư mục mới", "Create a New Folder": "Tạo một thư mục mới",
        "New Folder": "Thư mục mới", "&New Folder": "Thư mục &mới", "List View": "Danh sách",
        "Detail View": "Chi tiết", "Change to list view mode": "Xem dạng danh sách",
        "Change to detail view mode": "Xem dạng chi tiết", "Directory:": "Thư mục:",
        "Directories": "Thư mục", "Files": "Tệp", "All Files (*)": "Mọi tệp (*)",
        "All files (*)": "Mọi tệp (*)", "Recent Places": "Nơi mở gần đây", "Sidebar": "Thanh bên",
        "List of places and bookmarks": "Các nơi và đánh dấu", "Find Directory": "Tìm thư mục",
        "&Rename": "Đổi &tên", "&Delete": "&Xóa", "Delete": "Xóa", "Remove": "Gỡ",
        "Show &hidden files": "Hiện tệp &ẩn",
        "Are you sure you want to delete '%1'?": "Xóa “%1”?",
        "Could not delete directory.": "Không xóa được thư mục.",
        "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nGhi đè lên tệp đó?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nKhông có tệp này.\nHãy kiểm tra lại tên tệp.",
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
            "%1\nKhông có thư mục này.\nHãy kiểm tra lại tên thư mục.",
        "'%1' is write protected.\nDo you want to delete it anyway?":
            "“%1” đang được bảo vệ chống ghi.\nVẫn xóa?"},
    "QFileSystemModel": {"Name": "Tên", "Size": "Kích thước", "Type": "Loại", "Kind": "Loại",
                         "Date Modified": "Ngày sửa", "My Computer": "Máy tính",
                         "Computer": "Máy tính"},
    "QAbstractFileIconProvider": {"Drive": "Ổ đĩa", "File": "Tệp", "File Folder": "Thư mục",
                                  "Folder": "Thư mục", "Shortcut": "Lối tắt", "Alias": "Bí danh",
                                  "Unknown": "Không rõ"},
    "QPrintWidget": {"Printer": "Máy in", "&Name:": "&Tên:", "P&roperties": "&Thuộc tính",
                     "Location:": "Vị trí:", "Type:": "Loại:", "Output &file:": "&Tệp ra:",
                     "Preview": "Xem trước"},
    "QScrollBar": {"Scroll here": "Cuộn tới đây", "Top": "Đầu", "Bottom": "Cuối",
                   "Left edge": "Mép trái", "Right edge": "Mép phải", "Page up": "Lên một trang",
                   "Page down": "Xuống một trang", "Page left": "Sang trái một trang",
                   "Page right": "Sang phải một trang", "Scroll up": "Cuộn lên",
                   "Scroll down": "Cuộn xuống", "Scroll left": "Cuộn trái",
                   "Scroll right": "Cuộn phải"},
    "QDockWidget": {"Close": "Đóng", "Float": "Tách ra",
                    "Closes the dock widget": "Đóng khung này",
                    "Undocks and re-attaches the dock widget": "Tách hoặc gắn lại khung này"},
}


def ts_text() -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="vi_VN">']
    for context, messages in STRINGS.items():
        lines += ["<context>", f"    <name>{context}</name>"]
        for source, translation in messages.items():
            lines += ["    <message>", f"        <source>{escape(source)}</source>",
                      f"        <translation>{escape(translation)}</translation>",
                      "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    ts = OUT / "qt_vi.ts"
    ts.write_text(ts_text(), encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(OUT / "qt_vi.qm")], check=True)
    print(OUT / "qt_vi.qm")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
