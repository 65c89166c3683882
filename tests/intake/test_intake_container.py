"""The container check parses what a reader parses: every sheet the workbook names, real cell
references however they are quoted, the dimension; only regular files; fuzzed forms never abort.

Each of these once reached python-calamine, which allocated a grid for XFD1048576 (512 GB) and
aborted the process, or blocked on a FIFO forever.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.intake import load_files
from desktop.intake.read import read_form
from desktop.intake.safety import IntakeFileError, check_workbook_bytes, worksheet_parts

SHEET = "xl/worksheets/sheet1.xml"


def _parts(form: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(form)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _with_cell(form: bytes, cell: bytes, part: str = SHEET) -> bytes:
    """The form with `cell` added to the first row of a worksheet part."""
    parts = _parts(form)
    parts[part] = re.sub(rb"(<row\b[^>]*>)", lambda m: m.group(1) + cell, parts[part], count=1)
    assert cell in parts[part]
    return _zip(parts)


def _renamed_sheet(form: bytes, new_name: str) -> bytes:
    """The first worksheet moved to another part name (and extension); rels follow it."""
    parts = _parts(form)
    parts[new_name] = parts.pop(SHEET)
    relative = os.path.relpath(new_name, "xl").encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"worksheets/sheet1.xml", relative).replace(b"/xl/worksheets/sheet1.xml",
                                                     b"/" + new_name.encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"/xl/worksheets/sheet1.xml", b"/" + new_name.encode())
    return _zip(parts)


FAR = [
    b"<c r='XFD1048576'><v>1</v></c>",
    b'<c r = "XFD1048576"><v>1</v></c>',
    b"<c r='$XFD$40'><v>1</v></c>",
    b'<c r="XFD1"><v>1</v></c>',
]


@pytest.mark.parametrize("cell", FAR, ids=["single-quotes", "spaces", "absolute", "far-right"])
def test_far_cells_are_found_however_written(make_form, cell):
    form = make_form().read_bytes()
    with pytest.raises(IntakeFileError) as caught:
        check_workbook_bytes(_with_cell(form, cell))
    assert "quá" in caught.value.message


def test_a_huge_dimension_is_refused(make_form):
    parts = _parts(make_form().read_bytes())
    parts[SHEET] = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>',
                          parts[SHEET])
    assert b"XFD1048576" in parts[SHEET]
    with pytest.raises(IntakeFileError):
        check_workbook_bytes(_zip(parts))


def test_cells_without_references_count_by_position(make_form):
    form = make_form().read_bytes()
    with pytest.raises(IntakeFileError) as caught:
        check_workbook_bytes(_with_cell(form, b"<c><v>1</v></c>" * 200))
    assert "quá xa bên phải" in caught.value.message


def test_a_sheet_under_another_part_name_is_still_checked(make_form):
    form = make_form().read_bytes()
    moved = _renamed_sheet(form, "xl/data/plain.bin")
    assert "xl/data/plain.bin" in worksheet_parts(zipfile.ZipFile(io.BytesIO(moved)))
    read_form(moved)  # still a readable form: the reader follows the relationships too
    with pytest.raises(IntakeFileError) as caught:
        check_workbook_bytes(_with_cell(_renamed_sheet(form, "xl/data/plain.bin"), FAR[0],
                                        "xl/data/plain.bin"))
    assert "xl/data/plain.bin" in caught.value.message


def test_a_fifo_is_refused_at_once(db, tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = tmp_path / "phieu.xlsx"
    os.mkfifo(fifo)
    zipped = tmp_path / "phieu.zip"
    os.mkfifo(zipped)
    reports = load_files(db, [fifo, zipped], dry_run=True)
    assert [r.ok for r in reports] == [False, False]
    assert all("không phải là một tệp thông thường" in r.problems[0].message for r in reports)


@st.composite
def _mutations(draw, form: bytes):
    parts = _parts(form)
    name = draw(st.sampled_from(sorted(parts)))
    data = bytearray(parts[name])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "cut", "insert"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.sampled_from([b"<c r='ZZZ99999'/>", b'r="XFD1048576"', b"<row>",
                                                b"<!DOCTYPE x>", b"\x00", b"&amp;", b"</c>"]))
    parts[name] = bytes(data)
    return _zip(parts)


def test_fuzzed_forms_are_read_or_refused_never_aborted(make_form):
    """Hypothesis mutates a real form's parts; each is read or refused with one line.

    A Rust panic or an abort in the reader would end the whole test run here.
    The default round is short; `pytest -m slow tests/intake` runs a long one.
    """
    form = make_form().read_bytes()
    _fuzz(form, 60)


@pytest.mark.slow
def test_fuzzed_forms_long_round(make_form):
    _fuzz(make_form().read_bytes(), 2000)


def _fuzz(form: bytes, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, derandomize=examples <= 60,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(_mutations(form))
    def run(mutated: bytes) -> None:
        try:
            raw = read_form(mutated)
        except IntakeFileError as exc:
            assert "\n" not in exc.message
            return
        assert raw.meta.get("form")

    run()
