"""The rule for an element's or indicator's definition: the catalogue's own pass, and
each malformed field is named."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.data.catalogue import catalogue_dir, read_toml
from desktop.data.definitions import element_problem, indicator_problem

ELEMENTS = read_toml(catalogue_dir() / "elements.toml")["element"]
INDICATORS = read_toml(catalogue_dir() / "indicators.toml")["indicator"]
CODES = {row["code"] for row in ELEMENTS}


def _element(**changes) -> dict:
    return {"code": "E_X", "name": "Số hộ", "kind": "number", "temporal": "stock",
            "decimals": 0, "levels": "huyen,xa"} | changes


def test_the_catalogues_own_definitions_pass():
    shipped = [{"levels": ",".join(row.get("levels", ["tinh", "huyen", "xa"]))} | {
        key: value for key, value in row.items() if key != "levels"} for row in ELEMENTS]
    assert [element_problem(row) for row in shipped] == [None] * len(shipped)
    assert [indicator_problem(row, CODES) for row in INDICATORS] == [None] * len(INDICATORS)


@pytest.mark.parametrize("changes, named", [
    ({"levels": "xa'); DROP TABLE unit; --"}, "cấp báo cáo"),
    ({"levels": "xa,"}, "cấp báo cáo"),
    ({"kind": None}, "loại"),
    ({"decimals": True}, "số chữ số thập phân"),
    ({"decimals": 2.5}, "số chữ số thập phân"),
    ({"name": "  "}, "tên"),
    ({"code": "X" * 49}, "mã"),
    ({"code": "E_X\nDROP"}, "mã"),
])
def test_a_malformed_element_is_named_by_its_field(changes, named):
    problem = element_problem(_element(**changes))
    assert problem is not None and named in problem and "\n" not in problem


@pytest.mark.parametrize("changes, named", [
    ({"numerator": "NOT_AN_ELEMENT"}, "tử số"),
    ({"factor": float("inf")}, "hệ số"),
    ({"factor": 0}, "hệ số"),
    ({"capped": "yes"}, "giới hạn tử số"),
])
def test_a_malformed_indicator_is_named_by_its_field(changes, named):
    ratio = next(row for row in INDICATORS if row["kind"] == "ratio")
    problem = indicator_problem(ratio | changes, CODES)
    assert problem is not None and named in problem and ratio["code"] in problem


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
JSON = SCALARS | st.lists(SCALARS, max_size=3) | st.dictionaries(st.text(max_size=5), SCALARS,
                                                                  max_size=3)
FIELDS = ("code", "name", "kind", "temporal", "decimals", "levels", "direction", "factor",
          "capped", "numerator", "denominator", "element")


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a loaded machine
@given(st.dictionaries(st.sampled_from(FIELDS), JSON | st.sampled_from(
    ["xa", "huyen,xa", "ratio", "number", "stock", "up", "E_A"])))
def test_any_row_from_a_file_gets_an_answer_never_an_error(row):
    """Whatever a file holds, the rule answers with a sentence or None; None only for a
    definition whose levels are all real levels."""
    for problem in (element_problem(row), indicator_problem(row, {"E_A"})):
        assert problem is None or (isinstance(problem, str) and "\n" not in problem)
    if element_problem(row) is None:
        assert set(row["levels"].split(",")) <= {"tinh", "huyen", "xa"}
