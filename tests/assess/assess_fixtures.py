"""The test set (every kind of rule) and a helper to write values."""

from __future__ import annotations

from desktop.data.values import ValueInput, write_values

SET_TOML = """
code = "T-SET"
name = "Bộ thử"
levels = ["xa"]
total = 40

[[band]]
name = "Tốt"
min = 32

[[band]]
name = "Khá"
min = 20

[[band]]
name = "Yếu"
min = 0

[[group]]
code = "A"
name = "Số liệu"

[[group]]
code = "A1"
name = "Nhóm con"
parent = "A"

[[group]]
code = "B"
name = "Hội đồng chấm"
weight = 2

[[criterion]]
code = "P"
group = "A1"
name = "Thư điện tử"
max_points = 10
rule = "proportional"
indicator = "EMAIL_USE_RATE"
target = 80

[[criterion]]
code = "TH"
group = "A"
name = "Văn bản điện tử"
max_points = 10
rule = "thresholds"
indicator = "DOCS_ELEC_RATE"
steps = [[90, 10], [70, 6], [50, 3]]

[[criterion]]
code = "R"
group = "A"
name = "Ký số"
max_points = 5
rule = "rank"
indicator = "DOCS_SIGNED_RATE"
rank_points = [5, 3]

[[criterion]]
code = "Y"
group = "A"
name = "Mạng LAN"
max_points = 5
rule = "yesno"
element = "HAS_LAN"

[[criterion]]
code = "AS"
group = "B"
name = "Chỉ đạo"
max_points = 5
rule = "assessor"
"""


def values(session, unit: str, period: str, **elements: float) -> None:
    write_values(session, [ValueInput(unit, code, period, value)
                           for code, value in elements.items()])
