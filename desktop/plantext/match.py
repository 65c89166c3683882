"""The catalogue's indicator that best fits a target's words.

Each shipped indicator has key phrases (folded) with weights and a subject
(what is counted: staff, documents, agencies, businesses); an indicator the
user added is matched by the words of its name. Only indicators whose unit
fits the value are considered: a percent goes to a rate, "12 cơ sở dữ liệu"
to a count of databases, money to a budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.plantext.clean import fold

STAFF, DOCS, AGENCY, BIZ, SERVICE = "can bo", "van ban", "co quan", "doanh nghiep", "dich vu"
# code: (subject, ((phrase, weight), …))
KEYWORDS: dict[str, tuple[str, tuple[tuple[str, int], ...]]] = {
    "PC_PER_STAFF": ("may tinh", (("may tinh/can bo", 5), ("may tinh tren can bo", 5),
                                  ("trung binh may tinh", 4))),
    "PC_NET_RATE": ("may tinh", (("may tinh duoc ket noi", 5), ("may tinh ket noi", 5))),
    "STAFF_PC_RATE": (STAFF, (("co may tinh", 4), ("duoc trang bi may tinh", 4))),
    "LAN_RATE": (AGENCY, (("mang lan", 5), ("mang noi bo", 4), ("co so ha tang ky thuat", 3))),
    "WAN_RATE": (AGENCY, (("mang chuyen dung", 5), ("mang wan", 5), ("mang dien rong", 4),
                          ("truyen so lieu chuyen dung", 5), ("cap quang", 2))),
    "STAFF_TRAINED_RATE": (STAFF, (("tap huan", 4), ("boi duong", 3), ("dao tao", 3),
                                   ("ky nang", 2))),
    "IT_STAFF_DEGREE_UNIT_RATE": (AGENCY, (("can bo chuyen trach", 4), ("dai hoc", 2))),
    "IT_STAFF_DEGREE_RATE": ("can bo chuyen trach", (("can bo chuyen trach", 3),
                                                      ("dai hoc", 2))),
    "MAILBOX_RATE": (STAFF, (("hop thu", 5), ("dia chi thu", 5), ("tai khoan thu", 5))),
    "EMAIL_USE_RATE": (STAFF, (("su dung thu dien tu", 5), ("su dung he thong thu", 5),
                               ("thuong xuyen su dung", 3), ("thu dien tu", 2))),
    "DOCS_ELEC_RATE": (DOCS, (("dang dien tu", 3), ("moi truong mang", 2), ("luu chuyen", 2),
                              ("trao doi", 2), ("van ban dien tu", 2), ("qua mang", 2))),
    "DOCS_SIGNED_RATE": (DOCS, (("chu ky so", 4), ("ky so", 3))),
    "DOCS_TO_PPC_ELEC_RATE": (DOCS, (("trinh ubnd tinh", 6), ("trinh uy ban nhan dan tinh", 6))),
    "INVITES_ELEC_RATE": ("giay moi", (("giay moi", 7),)),
    "DMS_RATE": (AGENCY, (("quan ly van ban", 5), ("van phong dien tu", 4),
                          ("ho so cong viec", 2))),
    "DIGSIG_RATE": (AGENCY, (("chu ky so", 4), ("ky so", 3))),
    "DIRECTIVES_PORTAL_RATE": ("thong tin", (("chi dao, dieu hanh", 6), ("thong tin chi dao", 6))),
    "LEGAL_DOCS_PORTAL_RATE": (DOCS, (("quy pham phap luat", 6),)),
    "PS_L3_RATE": (SERVICE, (("dich vu cong", 2), ("dich vu hanh chinh cong", 2),
                             ("muc do 3", 3), ("muc 3", 3), ("truc tuyen", 1))),
    "PS_L4_RATE": (SERVICE, (("dich vu cong", 2), ("dich vu hanh chinh cong", 2),
                             ("muc do 4", 4), ("muc 4", 4), ("len muc do 4", 3),
                             ("toan trinh", 4))),
    "PS_L3_COUNT": (SERVICE, (("dich vu cong", 2), ("dich vu hanh chinh cong", 2),
                              ("muc do 3", 3), ("muc 3", 3))),
    "PS_L4_COUNT": (SERVICE, (("dich vu cong", 2), ("muc do 4", 4), ("muc 4", 4),
                              ("toan trinh", 4))),
    "ONESTOP_RATE": (AGENCY, (("mot cua", 6),)),
    "IMPORTANT_DB_COUNT": ("co so du lieu", (("co so du lieu", 5), ("csdl", 5))),
    "BUDGET_SPENT_TOTAL": ("kinh phi", (("nguon von", 3), ("tong kinh phi", 4), ("kinh phi", 2),
                                        ("von dau tu", 3))),
    "BUDGET_CENTRAL_TOTAL": ("kinh phi", (("ngan sach trung uong", 7),)),
    "BUDGET_LOCAL_TOTAL": ("kinh phi", (("ngan sach dia phuong", 7),)),
    "BUDGET_EXEC_RATE": ("kinh phi", (("giai ngan", 4), ("thuc hien kinh phi", 5))),
    "IT_HIGHSKILL_COUNT": ("lao dong", (("trinh do cao", 5), ("lao dong", 2))),
    "IT_WORKFORCE_COUNT": ("nhan luc", (("nhan luc", 5),)),
    "IT_ENTERPRISE_COUNT": (BIZ, (("doanh nghiep", 3), ("cong nghiep", 2))),
    "ITPARK_SOFTWARE_COUNT": (BIZ, (("doanh nghiep phan mem", 5), ("khu cntt", 3),
                                    ("khu cong nghe thong tin", 3))),
    "BUSINESS_WEB_RATE": (BIZ, (("trang thong tin", 3), ("website", 3))),
    "BUSINESS_DIGSIG_RATE": (BIZ, (("chu ky so", 3),)),
    "IT_GRAD_INTL_RATE": ("sinh vien", (("sinh vien", 4), ("thi truong lao dong", 3))),
    "IT_GROWTH_VS_GDP": ("cong nghiep", (("tang truong", 5),)),
}
MIN_SCORE = 3
# Subjects of the catalogue's indicators, and people and households (never an agency's).
SUBJECTS = {subject for subject, _phrases in KEYWORDS.values()} | {"nguoi dan", "ho gia dinh",
                                                                   "nguoi su dung"}


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    kind: str
    measure: str


def _fits(candidate: Candidate, unit: str) -> bool:
    if unit == "done":
        return candidate.kind == "milestone"
    if candidate.kind == "milestone":
        return False
    if unit == "%":
        return candidate.measure == "%"
    if unit == "triệu đồng":
        return candidate.measure == "triệu đồng"
    return candidate.measure != "%" and candidate.measure != "triệu đồng"


def _name_phrases(name: str) -> tuple[tuple[str, int], ...]:
    words = [w for w in re.findall(r"[a-z0-9]+", fold(name)) if w not in ("ty", "le", "so")]
    return tuple((f"{a} {b}", 2) for a, b in zip(words, words[1:]))


def score(candidate: Candidate, words: str, subject: str) -> int:
    subject_word, phrases = KEYWORDS.get(candidate.code, ("", _name_phrases(candidate.name)))
    total = sum(weight for phrase, weight in phrases if phrase in words)
    if not total or not subject_word:
        return total
    subject = subject.removeprefix("cac ")
    if subject.startswith(subject_word):
        return total + 2
    if any(subject.startswith(other) for other in SUBJECTS if other != subject_word):
        return total - 5
    return total


def best_indicator(candidates: list[Candidate], folded_words: str, subject: str,
                   unit: str) -> tuple[Candidate | None, int]:
    """The best-fitting indicator and its score (None below MIN_SCORE)."""
    best, best_score = None, 0
    for candidate in candidates:
        if not _fits(candidate, unit):
            continue
        value = score(candidate, folded_words, subject)
        if value > best_score:
            best, best_score = candidate, value
    return (best, best_score) if best_score >= MIN_SCORE else (None, best_score)
