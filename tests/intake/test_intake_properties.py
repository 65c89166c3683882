"""Property tests: random cell values and randomly damaged files never crash the loader."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.intake import load_files
from desktop.intake.read import read_form
from desktop.intake.safety import IntakeFileError

FIXTURES = settings(max_examples=int(os.environ.get("INTAKE_EXAMPLES", "40")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

cell_values = st.one_of(
    st.none(),
    st.integers(min_value=-10**18, max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["1.234", "60,5", "1 234", "Có", "Không", "có", "x", "-3", "1e400",
                     "%", "12,5 %", "=1+1", "", " "]),
    st.booleans(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
)


@pytest.fixture
def blank_form(make_form, rows_of):
    path = make_form()
    return path, rows_of(path)


@FIXTURES
@given(values=st.dictionaries(st.sampled_from(["STAFF", "STAFF_MAILBOX", "PCS", "HAS_LAN",
                                               "BUDGET_SPENT", "DOCS_SENT"]),
                              cell_values, max_size=6))
def test_random_values_give_a_report_never_an_exception(values, blank_form, filler, db,
                                                        tmp_path_factory):
    path, rows = blank_form
    target = tmp_path_factory.mktemp("random") / path.name
    cells = {f"E{rows[code]}": _cell(value) for code, value in values.items()}
    filler(path, cells, out=target)
    [report] = load_files(db, [target], dry_run=True)
    assert report.ok or all(p.message and "\n" not in p.message for p in report.problems)
    if report.ok:
        assert report.values <= len(values)


def _cell(value):
    # openpyxl refuses control characters in strings; a real file cannot hold them either.
    if isinstance(value, str):
        return "".join(ch for ch in value if ch.isprintable())
    if isinstance(value, float) and value != value:
        return "nan"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return str(value)
    return value


@FIXTURES
@given(data=st.data())
def test_randomly_damaged_files_never_raise_unexpectedly(data, blank_form, db, tmp_path_factory):
    path, _ = blank_form
    original = bytearray(path.read_bytes())
    damaged = _damage(data, original)
    try:
        read_form(bytes(damaged))
    except IntakeFileError as exc:
        assert exc.message and "\n" not in exc.message
    target = tmp_path_factory.mktemp("damaged") / "hong.xlsx"
    target.write_bytes(bytes(damaged))
    [report] = load_files(db, [target], dry_run=True)
    assert report.ok or report.problems[0].message


def _damage(data, original: bytearray) -> bytearray:
    how = data.draw(st.sampled_from(["flip", "truncate", "insert", "zero_block"]))
    size = len(original)
    if how == "truncate":
        return original[:data.draw(st.integers(0, size - 1))]
    if how == "insert":
        at = data.draw(st.integers(0, size))
        return original[:at] + data.draw(st.binary(min_size=1, max_size=64)) + original[at:]
    if how == "zero_block":
        at = data.draw(st.integers(0, size - 1))
        length = data.draw(st.integers(1, 512))
        return original[:at] + bytearray(min(length, size - at)) + original[at + length:]
    for _ in range(data.draw(st.integers(1, 20))):
        at = data.draw(st.integers(0, size - 1))
        original[at] ^= data.draw(st.integers(1, 255))
    return original


@FIXTURES
@given(data=st.data())
def test_damaged_xml_inside_a_sound_zip_never_raises_unexpectedly(data, blank_form, db,
                                                                  tmp_path_factory):
    import io
    import zipfile

    path, _ = blank_form
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    parts[name] = bytes(_damage(data, bytearray(parts[name])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    damaged = tmp_path_factory.mktemp("xml") / "hong.xlsx"
    damaged.write_bytes(out.getvalue())
    [report] = load_files(db, [damaged], dry_run=True)
    assert report.ok or all(p.message and "\n" not in p.message for p in report.problems)
