"""A worksheet's extent: the plain (whole-part) reading and the streamed one agree.

Hypothesis writes worksheet XML every way a file can hold it: references present or not,
quoted and spaced oddly, entity-encoded, prefixed names, error cells, references out of
bounds or invalid, comments, other encodings, damaged bytes. Whatever the sheet, the check
as it runs (plain reading when it can, else streamed) gives the same answer as streaming
alone: the same error cells, or the same one-line refusal.
"""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.intake.layout import MAX_FORM_ROWS, VALUE_COLUMN
from desktop.intake.plainsheet import plain_extent
from desktop.intake.safety import (MAX_COLUMNS, IntakeFileError, SheetExtent,
                                   check_workbook_bytes, worksheet_parts)
from tests.intake.conftest import element_rows, fill

PART = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EXAMPLES = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _outcome(data: bytes, chunk: int, whole_bytes: int | None = None):
    """What the check says of one sheet fed in chunks: its error cells, or its refusal."""
    extent = SheetExtent(PART) if whole_bytes is None else SheetExtent(PART, whole_bytes)
    try:
        for at in range(0, len(data), chunk):
            extent.feed(data[at:at + chunk])
        extent.close()
    except (IntakeFileError, ValueError) as exc:
        return type(exc).__name__, str(exc)
    return "read", extent.errors


def _streamed(data: bytes, chunk: int = 4096):
    return _outcome(data, chunk, whole_bytes=0)


# --- any sheet -------------------------------------------------------------------------

# Plain forms come often (so the plain reading answers often); each odd one now and then.
_COLUMNS = ["A", "b", "F", "Z"]
_ROWS = ["1", "7", "42", "999", "0", "07"]
_EDGE_COLUMNS = ["AA", "cv", "CV", "CW", "XFD", "ABCD"]  # up to and past the bounds
_EDGE_ROWS = ["1000", "2000", "2001", "1048576", "123456789"]
_ODD_REFERENCES = ["", "A", "1", "A1B", "A 1", " A1", "A1 ", "\tB2\n", "A-1", "ABCDE1",
                   "A1234567890", "Ａ1", "A٣", "&#65;1", "A&#49;", "&#x41;&#x31;", "&amp;",
                   "$$A1", "A1:B2"]
_ODD_ROWS = ["", " 5 ", "\t5", "5\n", "x", "-1", "+3", "1e3", "&#52;", "٣", "²", "0x10",
             "1234567890", "3.0"]
_TYPES = ["e", "n", "s", "inlineStr"] * 3 + ["str", "&#101;", "&#x65;", " e", "e ", "E", "b"]
_TEXTS = ["#REF!", "#DIV/0!", "#N/A", "", "a&amp;b", "&#35;VALUE!", "<![CDATA[#NUM!]]>", "€",
          "x\ny", "x\r\ny", "0123456789abcdefghij", "lỗi", "#NAME?<!-- note -->",
          '<![CDATA[<c r="B9" t="e"><v>#X</v></c>]]>', '<!-- <c r="XFD1" t="e"/> -->']
_PREFIXES = [""] * 6 + ["x:", "y:", "a:b:"]


def _reference(draw) -> str:
    odd = draw(st.integers(0, 40))
    if odd == 0:
        return draw(st.sampled_from(_ODD_REFERENCES))
    columns = _COLUMNS + _EDGE_COLUMNS if odd == 1 else _COLUMNS
    rows = _ROWS + _EDGE_ROWS if odd == 2 else _ROWS
    dollar = draw(st.sampled_from(["", "", "$"]))
    return f"{dollar}{draw(st.sampled_from(columns))}{draw(st.sampled_from(['', '', '$']))}" \
           f"{draw(st.sampled_from(rows))}"


def _attribute(draw, name: str, value: str) -> str:
    form = draw(st.sampled_from(['{n}="{v}"'] * 8 + ["{n}='{v}'", '{n} = "{v}"',
                                                    '{n}\n=\t"{v}"']))
    return form.format(n=name, v=value)


def _attributes(draw, attributes: list[tuple[str, str]]) -> str:
    order = draw(st.permutations(attributes)) if draw(st.integers(0, 3)) == 0 else attributes
    return "".join(draw(st.sampled_from([" "] * 8 + ["  ", "\n"])) + _attribute(draw, *pair)
                   for pair in order)


@st.composite
def _cell(draw, prefix: str) -> str:
    attributes = []
    if draw(st.integers(0, 9)):
        attributes.append(("r", _reference(draw)))
    if draw(st.booleans()):
        attributes.append(("s", "1"))
    if draw(st.booleans()):
        attributes.append(("t", draw(st.sampled_from(_TYPES))))
    name = prefix + "c"
    head = f"<{name}{_attributes(draw, attributes)}"
    if draw(st.integers(0, 5)) == 0:
        return head + draw(st.sampled_from(["/>", " />"]))
    parts = draw(st.lists(st.sampled_from(["value"] * 4 + ["formula", "empty", "text",
                                                           "inline", "nested", "comment"]),
                          max_size=3))
    content = ""
    for part in parts:
        text = draw(st.sampled_from(_TEXTS))
        v = draw(st.sampled_from([prefix] * 6 + ["", "z:"])) + "v"
        content += {"value": f"<{v}>{text}</{v}>", "formula": "<f>SUM(A1:A3)&gt;0</f>",
                    "empty": f"<{v}/>", "text": text,
                    "inline": f"<is><t>{text}</t></is>", "comment": "<!-- c r='ZZ9' -->",
                    "nested": f"<c r=\"{_reference(draw)}\"><v>{text}</v></c>"}[part]
    return f"{head}>{content}</{name}>"


@st.composite
def _row(draw, prefix: str) -> str:
    attributes = [("spans", "1:3")] if draw(st.booleans()) else []
    if draw(st.integers(0, 9)):
        odd = draw(st.integers(0, 30))
        number = draw(st.sampled_from(_ODD_ROWS if odd == 0 else
                                      _ROWS + _EDGE_ROWS if odd == 1 else _ROWS))
        attributes.insert(draw(st.integers(0, len(attributes))), ("r", number))
    cells = "".join(draw(st.lists(_cell(prefix), max_size=4)))
    return f"<{prefix}row{_attributes(draw, attributes)}>{cells}</{prefix}row>"


@st.composite
def worksheets(draw) -> bytes:
    prefix = draw(st.sampled_from(_PREFIXES))
    dimension = ""
    if draw(st.booleans()):
        reference = draw(st.sampled_from(["A1", "A1:F54"] * 4 + [
            "A1:XFD1048576", "", ":", "A1:", "B2:C", "A1:B2:C3", "a1:cv2000", "A1:CW1",
            "&#65;1"]))
        dimension = f"<{prefix}dimension{_attributes(draw, [('ref', reference)])}/>"
    rows = draw(st.lists(_row(prefix), max_size=6))
    extras = draw(st.lists(st.sampled_from(["<!-- a comment -->", "<?pi data?>",
                                            "<rowBreaks count=\"0\"/>", "<cols><col min=\"1\"/>"
                                            "</cols>", "<c/>"]), max_size=2)) \
        if draw(st.integers(0, 3)) == 0 else []
    declaration = draw(st.sampled_from([
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'] * 4 + [
        "<?xml version='1.0'?>",
        '<?xml version="1.0" encoding="ISO-8859-1"?>', '<?xml version="1.0" encoding="UTF-16"?>',
        '<?xml version="1.0" encoding="windows-1252"?>', "", "", "UTF-16LE, no mark"]))
    root = "worksheet" if prefix in ("", "y:", "a:b:") else f"{prefix}worksheet"
    encoding = {"U": "utf-16-le", "<": "utf-16"}[declaration[0]] if "UTF-16" in declaration else \
        "latin-1" if "ISO" in declaration else "cp1252" if "1252" in declaration else "utf-8"
    declaration = "" if declaration.startswith("U") else declaration
    text = (f'{declaration}<{root} xmlns="{MAIN}" xmlns:x="{MAIN}">{"".join(extras[:1])}'
            f'{dimension}<sheetData>{"".join(rows)}</sheetData>{"".join(extras[1:])}</{root}>')
    data = text.encode(encoding, errors="xmlcharrefreplace")
    if encoding == "utf-8" and draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    damage = draw(st.sampled_from(["none"] * 8 + ["cut", "byte"]))
    if damage == "cut":
        data = data[:draw(st.integers(0, len(data)))]
    elif damage == "byte":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"<", b"&", b"\x00", b"\xff", b'"'])) + data[at:]
    return data


@EXAMPLES
@given(data=worksheets(), chunk=st.sampled_from([1, 7, 64, 4096, 1 << 20]))
def test_any_sheet_gets_the_answer_streaming_gives(data, chunk):
    assert _outcome(data, chunk) == _streamed(data, chunk)


# --- plainly written sheets: the plain reading answers, and answers the same -----------

@st.composite
def _plain_cell(draw, odd: bool) -> str:
    def now_and_then() -> bool:  # one odd feature among plain ones
        return odd and draw(st.integers(0, 5)) == 0

    columns = _COLUMNS + _EDGE_COLUMNS if now_and_then() else _COLUMNS
    rows = _ROWS + _EDGE_ROWS if now_and_then() else _ROWS
    reference = f"{draw(st.sampled_from(['', '$']))}{draw(st.sampled_from(columns))}" \
                f"{draw(st.sampled_from(['', '$']))}{draw(st.sampled_from(rows))}"
    kind = draw(st.sampled_from(["", ' t="n"', ' t="s"', ' t="e"', ' t="e"', ' t="inlineStr"']))
    style = draw(st.sampled_from(["", ' s="3"', ' cm="1"']))
    head = f'<c r="{reference}"{style}{kind}'
    if draw(st.integers(0, 5)) == 0:
        return head + draw(st.sampled_from(["/>", " />"]))
    text = draw(st.sampled_from(_TEXTS if now_and_then() else
                                _TEXTS[:4] + ["0123456789abcdefghij", "x\ny", "lỗi"]))
    content = draw(st.sampled_from([f"<v>{text}</v>", f"<f>A1/0</f><v>{text}</v>",
                                    f"<v>1</v><v>{text}</v>", "<v/>", f"<is><t>{text}</t></is>",
                                    f"<v>{text}</v><x>tail</x>", ""] +
                                   ([f'<c r="A9"><v>{text}</v></c><v>#REF!</v>',
                                     f'<v>1</v><row r="5"/>{text}'] if now_and_then() else [])))
    return f"{head}>{content}</c>"


@st.composite
def plain_worksheets(draw, odd: bool) -> bytes:
    """A sheet as spreadsheet programs write it; with `odd`, references up to and past the
    bounds, cells within cells, text a plain reading could misread."""
    spans = st.sampled_from(["", ' spans="1:3"', ' spans="1:3" x14ac:dyDescent="0.25"'])
    numbers = _ROWS + _EDGE_ROWS if odd and draw(st.integers(0, 3)) == 0 else _ROWS
    rows = "".join(
        f'<row r="{draw(st.sampled_from(numbers))}"{draw(spans)}>'
        f'{"".join(draw(st.lists(_plain_cell(odd), max_size=4)))}</row>'
        for _ in range(draw(st.integers(0, 5))))
    dimension = draw(st.sampled_from(["", '<dimension ref="A1:F54"/>', '<dimension ref="B2"/>',
                                      '<dimension ref=""/>'] +
                                     (['<dimension ref="A1:CV2000"/>',
                                       '<dimension ref="A1:CW1"/>'] if odd else [])))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"'
            f' xmlns:x14ac="urn:x14ac">{dimension}<sheetData>{rows}</sheetData></worksheet>'
            ).encode()


@EXAMPLES
@given(data=plain_worksheets(odd=False))
def test_a_plain_sheet_is_answered_without_streaming_and_the_same(data):
    errors = plain_extent(data, MAX_FORM_ROWS, MAX_COLUMNS)
    assert errors is not None
    assert ("read", errors) == _streamed(data)


@EXAMPLES
@given(data=plain_worksheets(odd=True))
def test_a_nearly_plain_sheet_is_answered_the_same_or_streamed(data):
    errors = plain_extent(data, MAX_FORM_ROWS, MAX_COLUMNS)
    assert errors is None or ("read", errors) == _streamed(data)


def test_real_form_sheets_are_plain(make_form, tmp_path):
    made = make_form()
    cell = f"{VALUE_COLUMN}{min(element_rows(made).values())}"
    filled = fill(made, {cell: "#DIV/0!"}, out=tmp_path / "filled.xlsx")  # saved by openpyxl
    found = {}
    for path in (made, filled):
        with zipfile.ZipFile(path) as archive:
            for part in worksheet_parts(archive):
                data = archive.read(part)
                found[path.name, part] = plain_extent(data, MAX_FORM_ROWS, MAX_COLUMNS)
                assert ("read", found[path.name, part]) == _streamed(data)
    assert {cell: "#DIV/0!"} in found.values()


def test_an_error_cell_is_found_by_both_readings():
    data = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="3"><c r="$b$07" t="e"><f>1/0</f>'
            f'<v>#DIV/0!</v></c><c r="C3" t="e"/></row></sheetData></worksheet>').encode()
    assert plain_extent(data, MAX_FORM_ROWS, MAX_COLUMNS) == {"B7": "#DIV/0!", "C3": "#N/A"}
    assert _streamed(data) == ("read", {"B7": "#DIV/0!", "C3": "#N/A"})


@pytest.mark.parametrize("declaration, codec", [
    ("", "utf-8"), ("", "utf-8-sig"), ('encoding="ISO-8859-1"', "latin-1"),
    ('encoding="windows-1252"', "cp1252"), ('encoding="UTF-16"', "utf-16"),
    ("", "utf-16-le"), ("", "utf-16-be")])
@pytest.mark.parametrize("far", ["", '<c r="XFD2"/>'])
def test_every_encoding_gets_the_answer_streaming_gives(declaration, codec, far):
    head = f'<?xml version="1.0" {declaration}?>' if declaration else ""
    text = (f'{head}<worksheet xmlns="{MAIN}"><sheetData><row r="2"><c r="B2" t="e"><v>€#REF!'
            f'</v></c>{far}</row></sheetData></worksheet>')
    data = text.encode(codec, errors="xmlcharrefreplace")
    assert _outcome(data, 4096) == _streamed(data)
    assert _streamed(data)[0] == ("IntakeFileError" if far else "read")


# --- the whole check: a sheet too big to hold, and the order of refusals ----------------

def _sheet_of(cells: str, filler: int) -> bytes:
    """A sheet with `cells` in its first row, then `filler` bytes of varied rows."""
    rng = random.Random(7)
    rows = []
    size = 0
    number = 2
    while size < filler:
        row = f'<row r="{number}"><c r="A{number}"><v>{rng.random()}</v></c></row>'
        rows.append(row)
        size += len(row)
        number = number % 900 + 2
    return (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{cells}</row>{"".join(rows)}'
            f'</sheetData></worksheet>').encode()


def _form_with_sheet(form: bytes, sheet: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(form)) as original, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in original.infolist():
            target.writestr(info.filename, sheet if info.filename == PART else original.read(info))
    return out.getvalue()


def test_a_sheet_larger_than_held_is_streamed_and_still_checked():
    sheet = _sheet_of('<c r="XFD1"><v>1</v></c>', 20_000)
    refusal = _outcome(sheet, 4096, whole_bytes=10_000)
    assert refusal[0] == "IntakeFileError" and "quá xa bên phải" in refusal[1]
    assert refusal == _streamed(sheet)


@pytest.mark.parametrize("cells, expected", [('<c r="XFD1"><v>1</v></c>', "quá xa bên phải"),
                                             ('<c r="A1"><v>1</v></c>', "DOCTYPE")])
def test_a_fault_in_the_first_chunk_is_named_before_a_doctype_in_a_later_one(
        make_form, cells, expected):
    sheet = _sheet_of(cells, 100_000)
    sheet = sheet.replace(b"</sheetData>", b"</sheetData><!DOCTYPE x>")
    with pytest.raises(IntakeFileError) as caught:
        check_workbook_bytes(_form_with_sheet(make_form().read_bytes(), sheet))
    assert expected in caught.value.message
