"""The vocabulary of Vietnamese plan language, folded (no diacritics, lower case).

Every phrase here is matched against `clean.fold` of the text, so "tối
thiểu", "toi thieu" and a decomposed "tối thiểu" are the same phrase.
"""

from __future__ import annotations

# Words just before a value and the comparator they make; the longest first.
COMPARATOR_CUES = (
    ("khong duoi", ">="), ("khong it hon", ">="), ("toi thieu", ">="), ("it nhat", ">="),
    ("phan dau dat", ">="), ("khong qua", "<="), ("khong vuot qua", "<="), ("toi da", "<="),
    ("cao hon", ">"), ("vuot", ">"), ("tren", ">"), ("hon", ">"),
    ("thap hon", "<"), ("duoi", "<"), ("it hon", "<"),
    ("xap xi", "about"), ("khoang", "about"), ("chung", "about"),
)
# Words before a number that make it a label, not a value: "mức độ 3", "Điều 28".
LABEL_BEFORE = ("muc do", "muc", "dieu", "khoan", "so hieu", "cap do", "lan thu", "giai doan",
                "nghi quyet", "quyet dinh", "thong tu", "nghi dinh", "chuong", "phu luc",
                "bieu so", "mau so", "ma so", "ngay", "thang", "phien ban", "so")
# A current state or a past result, not a target.
STATUS_CUES = ("hien co", "hien nay co", "hien dang", "hien nay da", "da co", "da dat",
               "da cung cap", "da trien khai", "da chi", "da giai ngan", "da su dung",
               "da thuc hien", "tinh den nay", "tinh den thoi diem", "hien tai", "ket qua dat",
               "nam qua", "nam truoc", "da hoan thanh", "con lai", "moi dat", "chi dat")
# Nouns counted by a plain number ("12 cơ sở dữ liệu"), with the unit shown.
COUNT_NOUNS = (
    ("co so du lieu", "CSDL"), ("csdl", "CSDL"), ("doanh nghiep", "doanh nghiệp"),
    ("dich vu", "dịch vụ"), ("thu tuc", "thủ tục"), ("ho so", "hồ sơ"),
    ("lao dong", "người"), ("nguoi", "người"), ("can bo", "người"), ("cong chuc", "người"),
    ("chuyen gia", "người"), ("ky su", "người"), ("sinh vien", "người"),
    ("hoc vien", "người"), ("so luong lao dong", "người"), ("nhan luc", "người"),
    ("may tinh", "máy"), ("may chu", "máy"), ("camera", "camera"), ("diem", "điểm"),
    ("he thong", "hệ thống"), ("nen tang", "nền tảng"), ("ung dung", "ứng dụng"),
    ("phan mem", "phần mềm"), ("trang thong tin", "trang"), ("tai khoan", "tài khoản"),
    ("ho gia dinh", "hộ"), ("ho dan", "hộ"), ("xa", "xã"), ("don vi", "đơn vị"),
    ("co quan", "cơ quan"), ("lop", "lớp"), ("khoa dao tao", "khóa"), ("luot", "lượt"),
    ("giao dich", "giao dịch"), ("thue bao", "thuê bao"), ("trung tam", "trung tâm"),
    ("mo hinh", "mô hình"), ("san pham", "sản phẩm"), ("ban ghi", "bản ghi"),
    ("van ban", "văn bản"),
)
# Subjects that are not state bodies: the target has no administrative level.
NON_STATE = ("doanh nghiep", "ho gia dinh", "ho dan", "nguoi dan", "nguoi truong thanh",
             "dan so", "sinh vien", "hoc sinh", "lao dong", "nhan luc", "thue bao",
             "hop tac xa", "nguoi dung", "nguoi su dung", "cong nghiep cntt",
             "tong so nhan luc", "so luong lao dong", "truong hoc", "benh vien", "nguoi",
             "kinh te so", "kinh te", "xa hoi so", "cong dong")

# Administrative levels named in a clause.
ALL_LEVELS = ("cac cap", "tu cap tinh den cap xa", "tu tinh den xa", "tu cap tinh den co so",
              "ca ba cap", "ca 3 cap", "3 cap", "ba cap", "tu cap tinh den cap huyen, cap xa")
LEVEL_PATTERNS = {
    "tinh": (r"cap tinh", r"(thuoc|cua|truc thuoc) (ubnd|uy ban nhan dan) tinh",
             r"so, ban, nganh", r"so ban nganh", r"cac so\b", r"so, nganh"),
    "huyen": (r"cap huyen", r"(ubnd|uy ban nhan dan) (cac )?huyen", r"cac huyen\b",
              r"quan, huyen"),
    "xa": (r"cap xa", r"xa, phuong", r"xa phuong", r"cac xa\b", r"(ubnd|uy ban nhan dan) xa",
           r"phuong, xa", r"xa, thi tran"),
}
# Words that say "every one of them": a target of 100 % without a number.
EVERY_WORDS = (("tat ca cac", ">="), ("tat ca", ">="), ("toan bo", ">="), ("moi", ">="),
               ("100% cac", ">="), ("da so", ">"))
# What such a word must quantify to be a measurable target.
EVERY_NOUNS = ("can bo", "cong chuc", "van ban", "co quan", "don vi", "may tinh", "xa",
               "dich vu", "thu tuc", "ho so", "so, ban, nganh", "ubnd")
# Verbs that turn a clause with a date into a milestone ("… vào năm 2015").
MILESTONE_VERBS = ("xay dung", "nang cap", "hoan thanh", "hoan thien", "trien khai",
                   "ban hanh", "hinh thanh", "dua vao", "dau tu", "mo rong", "thiet lap")
# Money: "15 tỷ 945 triệu đồng" in million VND; spent money is not a target.
SPENT_CUES = ("da chi", "da giai ngan", "da su dung", "da thanh toan", "da quyet toan")
# Verbs that open a new clause after a comma ("…, mở rộng văn phòng điện tử đến cấp xã").
CLAUSE_VERBS = ("mo rong", "xay dung", "phat trien", "dau tu", "nang cap", "hoan thien",
                "dao tao", "trien khai", "ban hanh", "hinh thanh", "tang cuong")
