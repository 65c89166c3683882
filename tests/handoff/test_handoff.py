"""The province's plan file: export, verify, preview, apply, newer versions, refusals."""

from __future__ import annotations

import hashlib
import shutil
import zipfile

import pytest
from sqlalchemy import func, select, text

from desktop.cli import main
from desktop.data import plan_editor
from desktop.data.database import open_database
from desktop.data.models import Base, DataElement, DataValue, Indicator, Plan, Target
from desktop.data.office import get_office, init_office
from desktop.data.plan_from_text import save_plan_from_text
from desktop.data.units import add_unit
from desktop.data.values import ValueInput, write_values
from desktop.errors import UserError
from desktop.handoff import sections
from desktop.handoff.export import export_handoff
from desktop.handoff.receive import apply_handoff, read_handoff
from desktop.packages import keys
from desktop.packages.export import export_package
from desktop.packages.keys import PackageError
from desktop.paths import resources_dir

TEMPLATE = resources_dir() / "templates" / "bao-cao-chi-tieu.xlsx"


class Office:
    def __init__(self, tmp_path, name, monkeypatch):
        self.home = tmp_path / f"home-{name}"
        self.path = tmp_path / f"{name}.sqlite"
        self.monkeypatch = monkeypatch
        self.database = open_database(self.path)

    def session(self):
        self.monkeypatch.setenv("ITPLAN_HOME", str(self.home))
        return self.database.session()

    def tables_hash(self) -> str:
        digest = hashlib.sha256()
        with self.session() as session:
            for table in Base.metadata.sorted_tables:
                rows = session.execute(text(f'SELECT * FROM "{table.name}"')).all()
                digest.update(repr(sorted(map(repr, rows))).encode())
        return digest.hexdigest()


PLAN = {"code": "BS-2026", "title": "Kế hoạch chuyển đổi số tỉnh Bình Sơn 2026-2030",
        "year_from": 2026, "year_to": 2030, "issuer": "UBND tỉnh Bình Sơn"}
TARGETS = [
    {"indicator": "DOCS_ELEC_RATE", "year": 2028, "level": "all", "comparator": ">=",
     "value": 70.0, "source": "đến năm 2028 đạt 70%"},
    {"indicator": "DOCS_ELEC_RATE", "year": 2030, "level": "all", "comparator": ">=",
     "value": 100.0, "source": "đến năm 2030 đạt 100%"},
    {"indicator": None, "new_indicator": {"name": "Tỷ lệ hộ gia đình dùng ví điện tử",
                                          "unit": "%", "kind": "ratio",
                                          "numerator": "Hộ gia đình dùng ví điện tử",
                                          "denominator": "Hộ gia đình"},
     "year": 2030, "level": "tinh", "comparator": ">=", "value": 60.0, "source": "60% hộ"},
]


@pytest.fixture
def province(tmp_path, monkeypatch):
    office = Office(tmp_path, "province", monkeypatch)
    with office.session() as session:
        init_office(session, province="Bình Sơn", unit_code="T99", unit_name="Tỉnh Bình Sơn",
                    level="tinh", plans=[])
        add_unit(session, "T99-X01", "Xã Tân Phú", "xa", parent_code="T99")
        save_plan_from_text(session, PLAN, TARGETS)
    yield office
    office.database.close()


@pytest.fixture
def commune(tmp_path, monkeypatch):
    office = Office(tmp_path, "commune", monkeypatch)
    with office.session() as session:
        init_office(session, province="Bình Sơn", province_code="T99", unit_code="T99-X01",
                    unit_name="Xã Tân Phú", level="xa", plans=["TH-2016"])
        write_values(session, [ValueInput("T99-X01", "STAFF", "2025", 40),
                               ValueInput("T99-X01", "DOCS_SENT", "2025", 120)])
    yield office
    office.database.close()


def _export(province, tmp_path, name="bs.itplan", **options):
    out = tmp_path / name
    with province.session() as session:
        export_handoff(session, "BS-2026", out, **options)
    return out


def _trust(province, commune, tmp_path):
    key_file = tmp_path / "province-key.json"
    with province.session():
        keys.export_public_key(key_file, "T99", "Tỉnh Bình Sơn")
    with commune.session() as session:
        keys.trust(session, key_file)


def _receive(office, path, dry_run=False):
    with office.session() as session:
        result = read_handoff(session, path)
        done = None
        if dry_run:
            session.rollback()
        else:
            done = apply_handoff(session, result)
    return result, done


def test_commune_receives_the_plan_indicators_template_and_units(province, commune, tmp_path):
    with province.session() as session:
        add_unit(session, "T99-X02", "Xã Hòa Bình", "xa", parent_code="T99")
    path = _export(province, tmp_path, templates=[TEMPLATE], with_units=True)
    _trust(province, commune, tmp_path)
    before = commune.tables_hash()
    preview, _ = _receive(commune, path, dry_run=True)
    assert preview.new_plan and len(preview.added) == 3 and len(preview.new_indicators) == 1
    assert len(preview.new_elements) == 2 and commune.tables_hash() == before
    result, done = _receive(commune, path)
    assert done["units"] == ["T99-X02"]
    assert (commune.home / "templates" / TEMPLATE.name).read_bytes() == TEMPLATE.read_bytes()
    with commune.session() as session:
        plan = session.scalar(select(Plan).where(Plan.code == "BS-2026"))
        assert sorted((t.indicator.code[:2], t.year, t.value) for t in plan.targets) == [
            ("DO", 2028, 70.0), ("DO", 2030, 100.0), ("I_", 2030, 60.0)]
        assert get_office(session).plans[0] == "BS-2026"  # the progress tab shows it first


def test_a_newer_version_shows_its_changes_keeps_values_and_duplicates_nothing(
        province, commune, tmp_path):
    _trust(province, commune, tmp_path)
    _receive(commune, _export(province, tmp_path, "v1.itplan"))
    with province.session() as session:
        rows = {(r["year"], r["value"]): r["id"] for r in plan_editor.target_rows(session, "BS-2026")}
        plan_editor.update_target_fields(session, rows[(2028, 70.0)], value=75.0)
        plan_editor.delete_target(session, rows[(2030, 60.0)])
        plan_editor.add_target_fields(session, "BS-2026", "MAILBOX_RATE", year=2027, level="xa",
                                      comparator=">=", value=90.0)
    with commune.session() as session:
        counts = (session.scalar(select(func.count()).select_from(DataElement)),
                  session.scalar(select(func.count()).select_from(Indicator)))
        values = sorted(session.execute(select(DataValue.element_id, DataValue.value)).all())
    preview, _ = _receive(commune, _export(province, tmp_path, "v2.itplan"), dry_run=True)
    assert not preview.new_plan
    assert [(a["year"], a["value"]) for _i, _b, a in preview.changed] == [(2028, 75.0)]
    assert [r["year"] for r in preview.removed] == [2030] and preview.removed[0]["value"] == 60.0
    assert [(r["indicator"], r["year"]) for r in preview.added] == [("MAILBOX_RATE", 2027)]
    _receive(commune, _export(province, tmp_path, "v2b.itplan"))
    with commune.session() as session:
        assert (session.scalar(select(func.count()).select_from(DataElement)),
                session.scalar(select(func.count()).select_from(Indicator))) == counts
        assert sorted(session.execute(select(DataValue.element_id, DataValue.value)).all()) \
            == values
        targets = session.scalars(select(Target).join(Plan).where(Plan.code == "BS-2026")).all()
        assert sorted((t.year, t.value) for t in targets) == [(2027, 90.0), (2028, 75.0),
                                                               (2030, 100.0)]


def test_an_older_file_is_refused_after_a_newer_one(province, commune, tmp_path):
    _trust(province, commune, tmp_path)
    old = _export(province, tmp_path, "old.itplan")
    _receive(commune, _export(province, tmp_path, "new.itplan"))
    before = commune.tables_hash()
    with pytest.raises(PackageError, match="cũ hơn"):
        _receive(commune, old)
    assert commune.tables_hash() == before


def _unsigned(path, tmp_path):
    out = tmp_path / "unsigned.itplan"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for name in ("metadata.json", "units.json", "values.json", "plans.json"):
            target.writestr(name, source.read(name))
    return out


def _tampered(path, tmp_path):
    out = tmp_path / "tampered.itplan"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize("spoil, words", [
    (None, "chưa tin cậy"), (_unsigned, "không được ký"), (_tampered, None)])
def test_untrusted_unsigned_and_tampered_files_are_refused(province, commune, tmp_path,
                                                           spoil, words):
    path = _export(province, tmp_path)
    if spoil is not None:
        _trust(province, commune, tmp_path)
        path = spoil(path, tmp_path)
    before = commune.tables_hash()
    with pytest.raises(PackageError, match=words or ".") as caught:
        _receive(commune, path)
    assert "\n" not in caught.value.message and path.name in caught.value.message
    assert commune.tables_hash() == before


def test_a_data_package_is_not_a_plan_file_and_back(province, commune, tmp_path, capsys):
    _trust(province, commune, tmp_path)
    with province.session() as session:
        write_values(session, [ValueInput("T99", "STAFF", "2025", 10)])
        export_package(session, "T99", "2025", tmp_path / "data.zip")
    with pytest.raises(PackageError, match="gói số liệu"):
        _receive(commune, tmp_path / "data.zip")
    path = _export(province, tmp_path)
    assert main(["--db", str(commune.path), "package", "import", str(path)]) == 1
    assert "không hợp lệ" in capsys.readouterr().err


def test_plans_flow_down_and_data_flows_up(province, commune, tmp_path):
    """The province's key, trusted at the commune, brings plans but no values; a plan file
    signed by an office below is refused; both leave every table unchanged."""
    _trust(province, commune, tmp_path)
    with province.session() as session:
        write_values(session, [ValueInput("T99-X01", "STAFF", "2025", 99)])
        export_package(session, "T99", "2025", tmp_path / "down.zip")
    before = commune.tables_hash()
    with commune.session() as session, pytest.raises(PackageError, match="cấp trên chỉ gửi"):
        from desktop.packages.container import open_package
        from desktop.packages.merge import plan_import
        plan_import(session, open_package(session, tmp_path / "down.zip"))
    assert commune.tables_hash() == before
    commune_key = tmp_path / "commune-key.json"
    with commune.session():
        keys.export_public_key(commune_key, "T99-X01", "Xã Tân Phú")
    with province.session() as session:
        keys.trust(session, commune_key)
        save_plan_from_text(session, {**PLAN, "code": "XA-2026"}, TARGETS[:1])
    with commune.session() as session:
        export_handoff(session, "TH-2016", tmp_path / "up.itplan")
    before = province.tables_hash()
    with pytest.raises(PackageError, match="không phải cấp trên") as caught:
        _receive(province, tmp_path / "up.itplan")
    assert "up.itplan" in caught.value.message and province.tables_hash() == before


def test_extra_sections_are_carried_applied_or_kept(province, commune, tmp_path):
    """The extension point for assessment sets: a registered section travels and is
    applied; one this office does not know is kept for later."""
    applied = []
    sections.register_section("example_section", lambda s, plan: [{"code": "DTI", "points": 1000}],
                              lambda s, plan, data: applied.append((plan, data)) or "DTI")
    sections.register_section("future_thing", lambda s, plan: {"x": 1}, lambda s, p, d: "x")
    try:
        path = _export(province, tmp_path)
    finally:
        sections.unregister_section("future_thing")
    _trust(province, commune, tmp_path)
    try:
        result, done = _receive(commune, path)
    finally:
        sections.unregister_section("example_section")
    assert applied == [("BS-2026", [{"code": "DTI", "points": 1000}])]
    assert done["sections"] == ["DTI", "future_thing"]
    with commune.session() as session:
        assert sections.kept_section(session, "BS-2026", "future_thing") == {"x": 1}


def test_the_province_assessment_sets_travel_with_the_plan(province, commune, tmp_path):
    """A set the province made travels, is checked and saved at the office (audited);
    a bad set in the file refuses the whole file, nothing written."""
    from desktop.assess.store import get_set, save_set, shipped_files
    from desktop.data.models import AuditEntry, StoredAssessmentSet

    example = shipped_files()["VD-UDCNTT"].read_text(encoding="utf-8")
    own = example.replace('code = "VD-UDCNTT"', 'code = "BS-UDCNTT-2026"', 1)
    assert own != example
    with province.session() as session:
        save_set(session, own)
    _trust(province, commune, tmp_path)
    _result, done = _receive(commune, _export(province, tmp_path, "sets.itplan"))
    assert any("BS-UDCNTT-2026" in line for line in done["sections"])
    with commune.session() as session:
        assert get_set(session, "BS-UDCNTT-2026").source == own
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "score_set", AuditEntry.entity_key == "BS-UDCNTT-2026")) == 1
    with province.session() as session:  # a set saved around the checks: points do not add up
        session.get(StoredAssessmentSet, "BS-UDCNTT-2026").body = own.replace(
            "total = 100", "total = 90", 1)
    path = _export(province, tmp_path, "bad-sets.itplan")
    before = commune.tables_hash()
    with pytest.raises(UserError) as caught:
        _receive(commune, path)
    assert "BS-UDCNTT-2026" in caught.value.message or "100" in caught.value.message, \
        caught.value.message
    assert "\n" not in caught.value.message and commune.tables_hash() == before


def test_cli_export_and_import(province, commune, tmp_path, capsys):
    _trust(province, commune, tmp_path)
    out = tmp_path / "cli.itplan"
    province.monkeypatch.setenv("ITPLAN_HOME", str(province.home))
    assert main(["--db", str(province.path), "plans", "export", "BS-2026", "--out", str(out),
                 "--template", str(TEMPLATE)]) == 0
    assert "3 mục tiêu" in capsys.readouterr().out
    commune.monkeypatch.setenv("ITPLAN_HOME", str(commune.home))
    before = commune.tables_hash()
    assert main(["--db", str(commune.path), "plans", "import", str(out), "--dry-run"]) == 0
    assert "3 mục tiêu thêm" in capsys.readouterr().out and commune.tables_hash() == before
    assert main(["--db", str(commune.path), "plans", "import", str(out)]) == 0
    assert "Đã áp dụng" in capsys.readouterr().out
    shutil.rmtree(commune.home / "templates")


def test_after_import_progress_follows_the_province_plan_by_default(province, commune, tmp_path,
                                                                    capsys):
    _trust(province, commune, tmp_path)
    _receive(commune, _export(province, tmp_path))
    commune.monkeypatch.setenv("ITPLAN_HOME", str(commune.home))
    assert main(["--db", str(commune.path), "progress", "--unit", "T99-X01", "--period", "2028",
                 "--json"]) == 0
    out = capsys.readouterr().out
    assert "DOCS_ELEC_RATE" in out and "70" in out


def test_a_plan_from_text_and_a_province_file_on_either_backend(province, db, tmp_path,
                                                                 monkeypatch):
    """The commune's database on SQLite, and on PostgreSQL when a server is given."""
    from desktop.plantext.extract import extract_plan
    from desktop.plantext.score import shipped_catalogue
    from desktop.data.plan_from_text import proposal_row

    path = _export(province, tmp_path)
    key_file = tmp_path / "province-key.json"
    with province.session():
        keys.export_public_key(key_file, "T99", "Tỉnh Bình Sơn")
    monkeypatch.setenv("ITPLAN_HOME", str(tmp_path / "home-db"))
    with db.session() as session:
        init_office(session, province="Bình Sơn", province_code="T99", unit_code="T99-X01",
                    unit_name="Xã Tân Phú", level="xa", plans=[])
        keys.trust(session, key_file)
        apply_handoff(session, read_handoff(session, path))
        result = extract_plan("Kế hoạch chuyển đổi số xã Tân Phú năm 2026. Tối thiểu 70% hộ "
                              "gia đình có người dùng ví điện tử.", shipped_catalogue())
        save_plan_from_text(session, {"code": "TP-2026", "title": "Kế hoạch xã", "year_from":
                                      2026, "year_to": 2026},
                            [proposal_row(p, "xa") for p in result.targets])
    with db.session() as session:
        codes = set(session.scalars(select(Plan.code)))
        assert {"BS-2026", "TP-2026"} <= codes
        assert session.scalar(select(func.count()).select_from(Indicator)
                              .where(Indicator.code.startswith("I_", autoescape=True))) == 2


def _spoil_definition(province, table, column, value):
    """The province's own definition of one new element or indicator (those the plan
    from text made, codes E_… and I_…) changed before the file is signed."""
    model = DataElement if table == "element" else Indicator
    prefix = "E_" if table == "element" else "I_"
    with province.session() as session:
        row = next(row for row in session.scalars(select(model).order_by(model.code))
                   if row.code.startswith(prefix))
        setattr(row, column, value)
        return row.code


@pytest.mark.parametrize("table, column, value", [
    ("element", "levels", "xa') OR ('1' = '1"),
    ("element", "levels", ""),
    ("element", "levels", "xa,thon"),
    ("element", "kind", "text"),
    ("element", "temporal", "daily"),
    ("element", "decimals", 99),
    ("indicator", "kind", "average"),
    ("indicator", "direction", "sideways"),
    ("indicator", "numerator_id", None),
])
def test_a_signed_plan_file_with_a_malformed_definition_is_refused(province, commune, tmp_path,
                                                                   table, column, value):
    """A new element or indicator is checked as the catalogue's are before anything is
    written: a level outside tinh/huyen/xa (text that would reach the engine's SQL), an
    unknown kind, a ratio without its numerator. One sentence names the file, the code
    and the field; the database is unchanged."""
    code = _spoil_definition(province, table, column, value)
    path = _export(province, tmp_path)
    _trust(province, commune, tmp_path)
    before = commune.tables_hash()
    with pytest.raises(PackageError) as caught:
        _receive(commune, path)
    message = caught.value.message
    assert "\n" not in message and path.name in message and code in message
    assert commune.tables_hash() == before


def _forged(province, tmp_path, change):
    """A plan file signed by the province's key whose content `change` spoiled first."""
    import json

    from desktop.handoff.export import handoff_contents
    from desktop.packages.container import build_package

    with province.session() as session:
        contents = json.loads(json.dumps(handoff_contents(session, "BS-2026", [], False)))
        change(contents)
        data = build_package(contents, {"office": "T99", "office_name": "Tỉnh Bình Sơn"})
    path = tmp_path / "forged.itplan"
    path.write_bytes(data)
    return path


def _plan_part(contents):
    return contents["plans.json"]


FORGED = {
    "a year beyond any number": lambda c: _plan_part(c)["plan"].update(year_from=1e400),
    "a target's indicator as a list": lambda c: _plan_part(c)["targets"][0].update(
        indicator=["X"]),
    "a target's value as text": lambda c: _plan_part(c)["targets"][0].update(value="70%"),
    "a target's value not a number": lambda c: _plan_part(c)["targets"][0].update(
        value=float("nan")),
    "a cumulative target's first year as text": lambda c: _plan_part(c)["targets"][0].update(
        period_from="2026 trở đi"),
    "a cumulative target's first year not whole": lambda c: _plan_part(c)["targets"][0].update(
        period_from=2026.5),
    "a decision date not ISO": lambda c: _plan_part(c)["plan"].update(
        decision_date="31/12/2026"),
    "a template as text": lambda c: _plan_part(c)["templates"].append("x.xlsx"),
    "an element listed twice": lambda c: _plan_part(c)["elements"].append(
        dict(_plan_part(c)["elements"][0])),
    "a unit as text": lambda c: c["units.json"].append("T99-X09"),
    "a unit's date not ISO": lambda c: c["units.json"].append(
        {"code": "T99-X09", "name": "Xã", "level": "xa", "parent": "T99",
         "valid_from": "01/01/2026"}),
    "no creation time": lambda c: c["metadata.json"].pop("created_at"),
    "a comma in the plan's code": lambda c: _plan_part(c)["plan"].update(code="XX,BS-2026"),
}


@pytest.mark.parametrize("spoil", list(FORGED), ids=list(FORGED))
def test_a_signed_plan_file_with_malformed_content_is_refused_before_anything_is_written(
        province, commune, tmp_path, spoil):
    _trust(province, commune, tmp_path)
    path = _forged(province, tmp_path, FORGED[spoil])
    before = commune.tables_hash()
    with pytest.raises(PackageError) as caught:
        _receive(commune, path)
    assert path.name in caught.value.message and "\n" not in caught.value.message
    assert commune.tables_hash() == before
