"""Test passages written for these tests (not copied from any published plan):
a commune's 2025 plan, a province's digital-transformation plan and a
district plan, each with the targets a careful reader takes from it."""

COMMUNE_2025 = """KẾ HOẠCH
Chuyển đổi số của xã Tân Phú năm 2025

Căn cứ Kế hoạch số 118/KH-UBND ngày 12/01/2025 của UBND tỉnh, Ủy ban nhân dân xã Tân Phú
ban hành Kế hoạch chuyển đổi số năm 2025 như sau.

I. MỤC TIÊU
Hiện có 1.680 thủ tục hành chính trên Cổng dịch vụ công của tỉnh. Phấn đấu 100% thủ tục
hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình; ít nhất 65% hồ sơ
được xử lý trực tuyến; tối thiểu 85% giao dịch thanh toán trực tuyến trong giải quyết thủ tục.
Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt trên 90% (năm 2024 là 72%).
Khoảng 80% người dân trưởng thành có tài khoản định danh điện tử.
Năm 2024 xã đã chi 350 triệu đồng cho hạ tầng; năm 2025 bố trí kinh phí 1 tỷ 200 triệu đồng.
"""
COMMUNE_2025_EXPECTED = [
    # (value, min, max, comparator, year, level)
    (100.0, None, None, ">=", 2025, "xa"),
    (65.0, None, None, ">=", 2025, "xa"),
    (85.0, None, None, ">=", 2025, "xa"),
    (90.0, None, None, ">", 2025, "xa"),
    (80.0, None, None, "about", 2025, None),
    (1200.0, None, None, ">=", 2025, "xa"),
]

PROVINCE_DX = """Kế hoạch chuyển đổi số tỉnh Bình Sơn giai đoạn 2026-2030
Quyết định số 45/QĐ-UBND ngày 03/02/2026 của UBND tỉnh Bình Sơn.

Mục tiêu đến năm 2028 đạt 70%, đến năm 2030 đạt 100% văn bản giữa các cơ quan nhà
nước được ký số và gửi nhận hoàn toàn dưới dạng điện tử.
Tỷ lệ cán bộ, công chức được tập huấn kỹ năng số ở cấp tỉnh, cấp xã đạt 95%.
Các cấp triển khai hệ thống quản lý văn bản và điều hành tới 100% cơ quan.
Xây dựng từ 25-35 cơ sở dữ liệu chuyên ngành vào năm 2030.
Không quá 5% hồ sơ giải quyết quá hạn; dưới 10 thủ tục còn thực hiện bằng giấy vào năm 2027.
Hiện nay có 12 doanh nghiệp công nghệ số; phấn đấu năm 2030 có hơn 1.000 doanh nghiệp số.
"""
PROVINCE_DX_EXPECTED = [
    (70.0, None, None, ">=", 2028, "all"),
    (100.0, None, None, ">=", 2030, "all"),
    (95.0, None, None, ">=", 2030, "tinh"),
    (95.0, None, None, ">=", 2030, "xa"),
    (100.0, None, None, ">=", 2030, "all"),
    (None, 25.0, 35.0, "between", 2030, "tinh"),
    (5.0, None, None, "<=", 2030, "all"),
    (10.0, None, None, "<", 2027, "tinh"),
    (1000.0, None, None, ">", 2030, None),
]

# The same plan as pasted from a PDF: decomposed Unicode, a line broken
# inside a sentence, odd spacing and a non-breaking space before "%".
BROKEN_PASTE = ("Ke\u0302\u0301 hoa\u0323ch ứng dụng CNTT huyện Đông Hòa năm 2022\n"
                "Ty\u0309 lệ   cán bộ, công chức thường xuyên sử dụng thư\n"
                "điện tử trong công việc đạt tối thiểu 95\u00a0% ; kết nối mạng chuyên dùng đến\n"
                "100% xã, thị trấn.\n")
BROKEN_PASTE_EXPECTED = [
    (95.0, None, None, ">=", 2022, "huyen"),
    (100.0, None, None, ">=", 2022, "xa"),
]

# A commune plan with a heading year over a list, and a table of targets by
# year as copied from Word (tab-separated).
COMMUNE_LIST_TABLE = (
    "Kế hoạch chuyển đổi số xã Hòa An giai đoạn 2026-2028\n"
    "\n"
    "Đến hết năm 2026:\n"
    "- 100% cán bộ, công chức xã được cấp hộp thư điện tử công vụ;\n"
    "- Trên 80% văn bản đi được ký số.\n"
    "\n"
    "Bảng chỉ tiêu:\n"
    "STT\tChỉ tiêu\tĐVT\tNăm 2027\tNăm 2028\n"
    "1\tTỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến\t%\t60\t75\n"
    "2\tSố cơ sở dữ liệu dùng chung của xã\tCSDL\t2\t4\n"
)
COMMUNE_LIST_TABLE_EXPECTED = [
    (100.0, None, None, ">=", 2026, "xa"),
    (80.0, None, None, ">", 2026, "xa"),
    (60.0, None, None, ">=", 2027, "xa"),
    (75.0, None, None, ">=", 2028, "xa"),
    (2.0, None, None, ">=", 2027, "xa"),
    (4.0, None, None, ">=", 2028, "xa"),
]

# A ward's one-year plan: targets about people and the economy have no level;
# "trở lên", "không dưới", "từ … đến …"; a past year's figure is not a target.
WARD_2026 = (
    "Kế hoạch chuyển đổi số năm 2026 của UBND phường Tân Lập\n"
    "Phấn đấu đến năm 2026: tỷ lệ dịch vụ công trực tuyến toàn trình đạt tối thiểu 80%; "
    "100% hồ sơ được số hóa; tỷ lệ người dân có chữ ký số cá nhân đạt 50% trở lên.\n"
    "Kinh tế số chiếm khoảng 20% GRDP. Tỷ lệ hồ sơ trực tuyến đạt từ 60% đến 70%. "
    "Không dưới 90% cán bộ được bồi dưỡng kỹ năng số.\n"
    "Tổ chức 2 lớp tập huấn trong quý II/2026. Năm 2025 phường đạt 45%.\n"
)
WARD_2026_EXPECTED = [
    (80.0, None, None, ">=", 2026, "xa"),
    (100.0, None, None, ">=", 2026, "xa"),
    (50.0, None, None, ">=", 2026, None),
    (20.0, None, None, "about", 2026, None),
    (None, 60.0, 70.0, "between", 2026, "xa"),
    (90.0, None, None, ">=", 2026, "xa"),
    (2.0, None, None, ">=", 2026, "xa"),
]
