"""Loading filled forms: values written once, every problem located, nothing half-done."""

from __future__ import annotations

import zipfile

from openpyxl import load_workbook
from sqlalchemy import event, func, select

from desktop.data.models import AuditEntry, DataElement, DataValue, OrgUnit, Period
from desktop.data.settings import set_setting
from desktop.data.submission import set_state
from desktop.intake import load_files, preview_files
from desktop.intake.layout import FORM_SHEET, META_SHEET

COMMUNE, OTHER = "H38TS-X02", "H38TS-X03"


def _value(db, unit: str, element: str, period: str):
    with db.session() as session:
        return session.scalar(
            select(DataValue.value).join(OrgUnit, OrgUnit.id == DataValue.unit_id)
            .join(DataElement, DataElement.id == DataValue.element_id)
            .join(Period, Period.id == DataValue.period_id)
            .where(OrgUnit.code == unit, DataElement.code == element, Period.code == period))


def _audit_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count(AuditEntry.id)))


def _filled(make_form, filler, rows_of, values: dict[str, object], unit=COMMUNE,
            period="2015Q1"):
    path = make_form(unit, period)
    rows = rows_of(path)
    return filler(path, {f"E{rows[code]}": value for code, value in values.items()}), rows


def test_a_filled_form_loads_with_audit(db, make_form, filler, rows_of):
    path, rows = _filled(make_form, filler, rows_of, {
        "STAFF": 40, "STAFF_MAILBOX": 35, "PCS": "1.234",
        "BUDGET_SPENT": "60,5", "HAS_LAN": "Có", "HAS_WAN": "Không"})
    filler(path, {f"F{rows['PCS']}": "kể cả máy xách tay"})
    before = _audit_count(db)
    [report] = load_files(db, [path])
    assert report.ok and report.written, report.problems
    assert (report.unit, report.period, report.values, report.inserted) == (
        COMMUNE, "2015Q1", 6, 6)
    assert _value(db, COMMUNE, "PCS", "2015Q1") == 1234
    assert _value(db, COMMUNE, "BUDGET_SPENT", "2015Q1") == 60.5
    assert _value(db, COMMUNE, "HAS_LAN", "2015Q1") == 1
    assert _value(db, COMMUNE, "HAS_WAN", "2015Q1") == 0
    assert _audit_count(db) == before + 6
    with db.session() as session:
        comment = session.scalar(select(DataValue.comment).join(DataElement).where(
            DataElement.code == "PCS", DataValue.comment != ""))
    assert comment == "kể cả máy xách tay"


def test_loading_the_same_file_again_changes_nothing(db, make_form, filler, rows_of, db_path,
                                                      hash_of):
    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40, "PCS": 12})
    assert load_files(db, [path])[0].inserted == 2
    audits = _audit_count(db)
    [again] = load_files(db, [path])
    assert again.ok and (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    assert _audit_count(db) == audits


def test_changed_value_is_updated_and_audited(db, make_form, filler, rows_of):
    path, rows = _filled(make_form, filler, rows_of, {"STAFF": 40})
    load_files(db, [path])
    filler(path, {f"E{rows['STAFF']}": 41})
    [report] = load_files(db, [path])
    assert report.updated == 1 and _value(db, COMMUNE, "STAFF", "2015Q1") == 41
    with db.session() as session:
        action, old, new = session.execute(
            select(AuditEntry.action, AuditEntry.old, AuditEntry.new)
            .where(AuditEntry.entity_key == f"{COMMUNE}/STAFF/2015Q1")
            .order_by(AuditEntry.id.desc())).first()
    assert action == "update" and float(old) == 40 and float(new) == 41


def _problems(report) -> list[tuple[str, str]]:
    return [(p.sheet, p.cell) for p in report.problems]


def test_value_problems_are_reported_by_cell_and_nothing_is_written(
        db, db_path, make_form, filler, rows_of, hash_of):
    path, rows = _filled(make_form, filler, rows_of, {
        "STAFF": 10, "STAFF_MAILBOX": 25,  # a part above its whole
        "PCS": "mười", "PCS_NET": -3, "IT_STAFF": 2.5, "HAS_LAN": "có lẽ"})
    db.close()
    before = hash_of(db_path)
    from desktop.data.database import open_database

    database = open_database(db_path)
    [report] = load_files(database, [path])
    database.close()
    assert hash_of(db_path) == before
    assert not report.ok and not report.written
    cells = {p.cell: p.message for p in report.problems}
    assert "mười" in cells[f"E{rows['PCS']}"]
    assert "âm" in cells[f"E{rows['PCS_NET']}"]
    assert "số nguyên" in cells[f"E{rows['IT_STAFF']}"]
    assert "có lẽ" in cells[f"E{rows['HAS_LAN']}"]
    ratio = cells[f"E{rows['STAFF_MAILBOX']}"]  # the part, not the whole
    assert "lớn hơn" in ratio and "Tổng số cán bộ, công chức" in ratio
    assert [p.cell for p in report.problems] == sorted(
        (p.cell for p in report.problems), key=lambda cell: int(cell[1:]))
    assert all(p.sheet == FORM_SHEET and p.file == str(path) for p in report.problems)


def _edit_meta(path, cells: dict[str, object]):
    workbook = load_workbook(path)
    for ref, value in cells.items():
        workbook[META_SHEET][ref] = value
    workbook.save(path)


def test_form_level_problems(db, make_form, filler, rows_of, tmp_path):
    # An edited unit or office breaks the seal (B7); the version and period are read first.
    cases = {"B2": ("0", "phiên bản", "B2"), "B3": ("NOPE", "niêm phong", "B7"),
             "B5": ("H99XX", "niêm phong", "B7"), "B4": ("2026Q9", "2026Q9", "B4")}
    for index, (ref, (value, words, cell)) in enumerate(cases.items()):
        path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
        _edit_meta(path, {ref: value})
        [report] = load_files(db, [path])
        assert (META_SHEET, cell) in _problems(report) and words in str(report.problems), ref
        assert _value(db, COMMUNE, "STAFF", "2015Q1") is None


def test_unit_outside_the_office_is_refused(db, make_form, filler, rows_of):
    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    _edit_meta(path, {"B3": "T38"})  # the province: exists, but not under H38TS
    [report] = load_files(db, [path])
    assert (META_SHEET, "B7") in _problems(report)  # the seal no longer matches
    assert "niêm phong" in report.problems[0].message


def test_element_list_mismatch_is_refused(db, make_form, filler, rows_of):
    """An edited element list breaks the seal; a sealed form whose list no longer matches the
    catalogue (made before the catalogue changed) is refused by the element check."""
    from desktop.intake.read import read_form
    from desktop.intake.seal import form_seal, seal_key

    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    _edit_meta(path, {"A10": "NOT_AN_ELEMENT"})
    [report] = load_files(db, [path])
    assert _problems(report) == [(META_SHEET, "B7")]
    raw = read_form(path.read_bytes())
    with db.session() as session:
        _edit_meta(path, {"B7": form_seal(seal_key(session), raw.meta, raw.rows)})
    [report] = load_files(db, [path])
    assert report.problems[0].sheet == META_SHEET and "NOT_AN_ELEMENT" in report.problems[0].message


def test_locked_period_is_refused(db, make_form, filler, rows_of):
    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    with db.session() as session:
        set_state(session, COMMUNE, "2015", "approved")
    [report] = load_files(db, [path])
    assert (META_SHEET, "B4") in _problems(report) and "khóa" in report.problems[0].message
    assert _value(db, COMMUNE, "STAFF", "2015Q1") is None


def test_same_unit_and_period_twice_in_a_batch(db, make_form, filler, rows_of, tmp_path):
    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    copy = tmp_path / "copy" / "ban sao.xlsx"
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())
    other, _ = _filled(make_form, filler, rows_of, {"STAFF": 20}, unit=OTHER)
    reports = load_files(db, [path, copy, other])
    assert [r.ok for r in reports] == [False, False, True]
    assert "nhiều tệp" in reports[0].problems[0].message
    assert _value(db, COMMUNE, "STAFF", "2015Q1") is None
    assert _value(db, OTHER, "STAFF", "2015Q1") == 20


def test_good_files_load_even_when_another_is_bad(db, make_form, filler, rows_of, tmp_path):
    good, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    bad, _ = _filled(make_form, filler, rows_of, {"STAFF": -1}, unit=OTHER)
    reports = load_files(db, [good, bad])
    assert [r.written for r in reports] == [True, False]
    assert _value(db, COMMUNE, "STAFF", "2015Q1") == 40
    assert _value(db, OTHER, "STAFF", "2015Q1") is None


def test_preview_and_dry_run_write_nothing(db, db_path, make_form, filler, rows_of, hash_of):
    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40, "PCS": 3})
    seen = []
    with db.session() as session:
        [report] = preview_files(session, [path], progress=lambda d, t: seen.append((d, t)))
    assert report.ok and report.values == 2 and seen[-1] == (3, 3)
    [dry] = load_files(db, [path], dry_run=True)
    assert dry.ok and not dry.written and dry.inserted == 2
    assert _value(db, COMMUNE, "STAFF", "2015Q1") is None


def test_folders_and_zip_archives_of_forms(db, make_form, filler, rows_of, tmp_path):
    first, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    second, _ = _filled(make_form, filler, rows_of, {"STAFF": 20}, unit=OTHER)
    (first.parent / "~$H38TS-X02_2015Q1.xlsx").write_bytes(b"lock file")  # Excel's, skipped
    reports = load_files(db, [first.parent], dry_run=True)
    assert sorted(r.unit for r in reports) == [COMMUNE, OTHER] and all(r.ok for r in reports)
    archive = tmp_path / "phieu.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(first, "quy3/" + first.name)
        bundle.write(second, "quy3/" + second.name)
        bundle.writestr("readme.txt", "not a form")
    reports = load_files(db, [archive])
    assert [r.path.endswith(".xlsx") and r.written for r in reports] == [True, True]
    assert _value(db, OTHER, "STAFF", "2015Q1") == 20


def test_load_accepts_a_session_factory_and_reports_progress(db, make_form, filler, rows_of):
    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    seen = []
    [report] = load_files(db.make_session, [path], progress=lambda d, t: seen.append((d, t)))
    assert report.written and seen == [(1, 3), (2, 3), (3, 3)]
    assert _value(db, COMMUNE, "STAFF", "2015Q1") == 40


def test_the_command_line_start_does_not_import_spreadsheet_libraries():
    import subprocess
    import sys

    code = ("import sys; from desktop.cli import build_parser; build_parser(); "
            "print(any(m.startswith(('openpyxl', 'python_calamine')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_rows_moved_in_an_unprotected_copy_are_refused(db, make_form, filler, rows_of):
    path, rows = _filled(make_form, filler, rows_of, {"STAFF": 40, "PCS": 12})
    workbook = load_workbook(path)
    sheet = workbook[FORM_SHEET]
    sheet.protection.sheet = False
    sheet.insert_rows(rows["PCS"])  # every value below now sits one row lower
    workbook.save(path)
    [report] = load_files(db, [path])
    assert not report.ok and report.problems[0].cell == f"B{rows['PCS']}"
    assert "Số máy tính" in report.problems[0].message
    assert _value(db, COMMUNE, "STAFF", "2015Q1") is None


def test_a_batch_is_one_transaction_and_a_bad_file_in_it_writes_nothing(
        db, make_form, filler, rows_of):
    first, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    bad, _ = _filled(make_form, filler, rows_of, {"STAFF": 10, "STAFF_MAILBOX": 25},
                     unit=OTHER)  # its part above its whole: refused after reading
    last, _ = _filled(make_form, filler, rows_of, {"STAFF": 50}, period="2015Q2")
    commits = []

    def count(_connection):  # noqa: ANN001
        commits.append(1)

    event.listen(db.engine, "commit", count)
    try:
        reports = load_files(db, [first, bad, last])
    finally:
        event.remove(db.engine, "commit", count)
    assert [r.written for r in reports] == [True, False, True]
    assert _value(db, COMMUNE, "STAFF", "2015Q1") == 40
    assert _value(db, COMMUNE, "STAFF", "2015Q2") == 50
    assert _value(db, OTHER, "STAFF", "2015Q1") is None
    with db.session() as session:
        audited = session.scalars(select(AuditEntry.entity_key)).all()
    assert not [key for key in audited if key.startswith(OTHER + "/") and key.endswith("/2015Q1")]
    assert len(commits) == 1
def test_forms_cannot_be_re_aimed(db, make_form, filler, rows_of, tmp_path):
    """Swapped rows, another period, another unit's form copied in: the seal catches each."""
    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40, "PCS": 7})
    workbook = load_workbook(path)
    meta = workbook[META_SHEET]
    rows = {meta.cell(r, 1).value: r for r in range(10, meta.max_row + 1)}
    first, second = rows["STAFF"], rows["PCS"]
    meta.cell(first, 2).value, meta.cell(second, 2).value = (meta.cell(second, 2).value,
                                                             meta.cell(first, 2).value)
    workbook.save(path)
    [report] = load_files(db, [path])
    assert _problems(report) == [(META_SHEET, "B7")]
    assert _value(db, COMMUNE, "STAFF", "2015Q1") is None


def test_a_form_of_another_database_is_refused(db, make_form, filler, rows_of, tmp_path):
    from desktop.intake.seal import SETTING_KEY

    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    with db.session() as session:
        set_setting(session, SETTING_KEY, "00" * 32)  # another office's database: another key
    [report] = load_files(db, [path])
    assert "niêm phong" in report.problems[0].message and str(path) == report.problems[0].file


def test_the_visible_heading_must_agree_with_meta(db, make_form, filler, rows_of):
    path, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    filler(path, {"A6": "Kỳ báo cáo: Quý II/2015", "A7": "Đơn vị báo cáo: Xã Khác (mã H38TS-X09)"})
    [report] = load_files(db, [path])
    assert [(p.sheet, p.cell) for p in report.problems] == [(FORM_SHEET, "A6"), (FORM_SHEET, "A7")]
    assert "Quý I/2015" in report.problems[0].message
    assert _value(db, COMMUNE, "STAFF", "2015Q1") is None


def test_excel_error_cells_are_problems_named_by_cell(db, make_form, filler, rows_of):
    path, rows = _filled(make_form, filler, rows_of, {"STAFF": 40})
    workbook = load_workbook(path)
    sheet = workbook[FORM_SHEET]
    for code, error in (("PCS", "#REF!"), ("IT_STAFF", "#DIV/0!")):
        sheet[f"E{rows[code]}"] = error
        sheet[f"E{rows[code]}"].data_type = "e"
    workbook.save(path)
    [report] = load_files(db, [path])
    cells = {p.cell: p.message for p in report.problems}
    assert "#REF!" in cells[f"E{rows['PCS']}"] and "#DIV/0!" in cells[f"E{rows['IT_STAFF']}"]
    assert not report.written


def test_a_batch_leaves_out_each_form_with_a_problem_at_any_stage(db, make_form, filler,
                                                                   rows_of, tmp_path):
    """The batch's values are checked together: problems of different kinds (a negative,
    a part above its whole, a cell that is not a number) each stay with their form."""
    first, _ = _filled(make_form, filler, rows_of, {"STAFF": 40, "PCS": 12})
    negative, _ = _filled(make_form, filler, rows_of, {"STAFF": -1}, unit=OTHER)
    load_files(db, [first])
    part, rows = _filled(make_form, filler, rows_of, {"STAFF": 10, "STAFF_MAILBOX": 30,
                                                      "PCS": 13}, unit=COMMUNE, period="2015Q2")
    text, _ = _filled(make_form, filler, rows_of, {"STAFF": "mười"}, unit=OTHER,
                      period="2015Q2")
    reports = load_files(db, [first, negative, part, text])
    assert [r.written for r in reports] == [True, False, False, False]
    assert (reports[0].inserted, reports[0].unchanged) == (0, 2)
    assert [p.cell for p in reports[2].problems] == [f"E{rows['STAFF_MAILBOX']}"]
    assert reports[1].problems and reports[3].problems
    assert _value(db, COMMUNE, "PCS", "2015Q2") is None


def test_when_the_joint_write_is_refused_each_form_is_written_alone(
        db, make_form, filler, rows_of, monkeypatch):
    import desktop.intake.load as load
    from desktop.errors import UserError

    calls = []

    def refuse_the_joint_write(session, checked):  # noqa: ANN001
        calls.append(len(checked.resolved))
        raise UserError("refused meanwhile")

    monkeypatch.setattr(load, "write_checked", refuse_the_joint_write)
    one, _ = _filled(make_form, filler, rows_of, {"STAFF": 40})
    two, _ = _filled(make_form, filler, rows_of, {"STAFF": 7, "PCS": 2}, unit=OTHER)
    reports = load_files(db, [one, two])
    assert calls == [3]  # checked and refused together, then written one by one
    assert [(r.written, r.inserted) for r in reports] == [(True, 1), (True, 2)]
    assert _value(db, OTHER, "PCS", "2015Q1") == 2
