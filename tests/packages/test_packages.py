"""Signed data packages: district → province round trip, refusals, conflict rule."""

import json
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.data.database import open_database
from desktop.data.models import DataValue, OrgUnit, Setting
from desktop.data.office import init_office
from desktop.data.submission import set_state
from desktop.data.units import add_unit
from desktop.data.values import ValueInput, write_values
from desktop.data.values_csv import export_values_csv
from desktop.packages import keys
from desktop.packages.container import open_package
from desktop.packages.export import export_package
from desktop.packages.keys import PackageError
from desktop.packages.merge import apply_import, plan_import


class Office:
    """A database plus the data folder (and so the key) of one office."""

    def __init__(self, tmp_path, name, monkeypatch):
        self.home = tmp_path / f"home-{name}"
        self.db_path = tmp_path / f"{name}.sqlite"
        self.monkeypatch = monkeypatch
        self.database = open_database(self.db_path)

    def session(self):
        self.monkeypatch.setenv("ITPLAN_HOME", str(self.home))
        return self.database.session()


@pytest.fixture
def district(tmp_path, monkeypatch):
    office = Office(tmp_path, "district", monkeypatch)
    with office.session() as session:
        init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H38TS",
                    unit_name="Huyện Triệu Sơn", level="huyen", plans=["TH-2016"])
        add_unit(session, "H38TS-X01", "Xã Dân Lực", "xa", parent_code="H38TS")
        add_unit(session, "H38TS-P01", "Phòng Nội vụ", "huyen", "agency", parent_code="H38TS")
        items = [ValueInput(unit, element, period, value)
                 for unit in ("H38TS", "H38TS-X01", "H38TS-P01")
                 for element, value in (("STAFF", 40), ("STAFF_EMAIL_USE", 30), ("PCS", 38))
                 for period in ("2023", "2024Q1", "2024Q2", "2024")]
        write_values(session, items)
    yield office
    office.database.close()


@pytest.fixture
def province(tmp_path, monkeypatch):
    office = Office(tmp_path, "province", monkeypatch)
    with office.session() as session:
        init_office(session, province="Thanh Hóa", unit_code="T38", unit_name="Tỉnh Thanh Hóa",
                    level="tinh", plans=["TH-2016"])
    yield office
    office.database.close()


def export(district, tmp_path, name="pkg.zip", period="2024"):
    out = tmp_path / name
    with district.session() as session:
        export_package(session, "H38TS", period, out)
    return out


def trust_district(district, province, tmp_path):
    key_file = tmp_path / "district-key.json"
    with district.session() as session:
        keys.export_public_key(key_file, "H38TS", "Huyện Triệu Sơn")
    with province.session() as session:
        keys.trust(session, key_file)


def import_package(office, path, dry_run=False):
    with office.session() as session:
        plan = plan_import(session, open_package(session, path))
        if dry_run:
            session.rollback()
        else:
            apply_import(session, plan)
    return plan


def values_2024(office):
    with office.session() as session:
        lines = export_values_csv(session, "H38TS").splitlines()
    return sorted(line for line in lines if ",2024" in line)


def test_round_trip_district_to_province_gives_identical_values(district, province, tmp_path):
    path = export(district, tmp_path)
    trust_district(district, province, tmp_path)
    dry = import_package(province, path, dry_run=True)
    assert dry.count("insert") == 27 and [u.code for u in dry.new_units][0] == "H38TS"
    with province.session() as session:  # the dry run wrote nothing
        assert session.scalar(select(OrgUnit).where(OrgUnit.code == "H38TS")) is None
        assert session.scalars(select(DataValue)).all() == []
    plan = import_package(province, path)
    assert values_2024(province) == values_2024(district) and len(values_2024(district)) == 27
    with province.session() as session:
        parents = dict(session.execute(select(OrgUnit.code, OrgUnit.parent_id)).all())
        codes = {u.id: u.code for u in session.scalars(select(OrgUnit))}
        assert codes[parents["H38TS"]] == "T38" and codes[parents["H38TS-X01"]] == "H38TS"
    assert plan.count("conflict") == 0
    again = import_package(province, path)
    assert again.count("unchanged") == 27 and not again.new_units


def test_private_key_stays_in_data_folder_not_database(district, tmp_path):
    export(district, tmp_path)
    key_file = district.home / "keys" / "office-ed25519.pem"
    assert key_file.is_file() and b"PRIVATE KEY" in key_file.read_bytes()
    if os.name != "nt":
        assert key_file.stat().st_mode & 0o777 == 0o600
    with district.session() as session:
        stored = " ".join(row.value for row in session.scalars(select(Setting)))
    assert "PRIVATE" not in stored and key_file.read_text()[40:80] not in stored


def refused(province, path):
    with province.session() as session:
        with pytest.raises(PackageError) as caught:
            open_package(session, path)
    assert path.name in caught.value.message
    return caught.value.message


def test_untrusted_and_revoked_keys_are_refused(district, province, tmp_path):
    path = export(district, tmp_path)
    assert "keys trust" in refused(province, path)
    trust_district(district, province, tmp_path)
    with province.session() as session:
        key = keys.revoke(session, keys.trusted_keys(session)[0].key_id[:8])
        assert key.state == "revoked"
    assert "revoked" in refused(province, path) or "thu hồi" in refused(province, path)
    with province.session() as session, pytest.raises(PackageError):
        keys.trust(session, path)  # a revoked key is not trusted again


def test_unsigned_package_is_refused(district, province, tmp_path):
    path = export(district, tmp_path)
    trust_district(district, province, tmp_path)
    unsigned = tmp_path / "unsigned.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(unsigned, "w") as target:
        for name in ("metadata.json", "units.json", "values.json", "plans.json"):
            target.writestr(name, source.read(name))
    message = refused(province, unsigned)
    assert "ký" in message or "signed" in message


def test_package_signed_by_another_office_key_is_refused(district, province, tmp_path,
                                                        monkeypatch):
    trust_district(district, province, tmp_path)
    district.home = tmp_path / "home-impostor"  # same data, a key nobody trusts
    path = export(district, tmp_path, "impostor.zip")
    assert "keys trust" in refused(province, path)


def test_changed_content_is_refused_even_when_zip_is_rebuilt(district, province, tmp_path):
    path = export(district, tmp_path)
    trust_district(district, province, tmp_path)
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(forged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "values.json":
                data = data.replace(b'"value": 40.0', b'"value": 41.0', 1)
            target.writestr(info, data)
        target.comment = source.comment
    refused(province, forged)


@pytest.fixture
def signed_bytes(district, province, tmp_path):
    path = export(district, tmp_path)
    trust_district(district, province, tmp_path)
    return path.read_bytes()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.floats(min_value=0, max_value=1, exclude_max=True),
       delta=st.integers(min_value=1, max_value=255))
def test_one_changed_byte_anywhere_is_refused(province, tmp_path, signed_bytes, position, delta):
    data = bytearray(signed_bytes)
    index = int(position * len(data))
    data[index] = (data[index] + delta) % 256
    path = tmp_path / "changed.zip"
    path.write_bytes(bytes(data))
    refused(province, path)


def test_absurd_entries_are_refused_before_reading(province, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("values.json", b"0" * (3 * 1024 * 1024))
    assert "values.json" in refused(province, bomb)
    extra = tmp_path / "extra.zip"
    with zipfile.ZipFile(extra, "w") as archive:
        archive.writestr("../evil.txt", b"x")
    assert "evil" in refused(province, extra)
    text = tmp_path / "text.zip"
    text.write_text("not a zip", encoding="utf-8")
    refused(province, text)


def test_conflicts_locks_and_updates_follow_the_rule(district, province, tmp_path):
    trust_district(district, province, tmp_path)
    import_package(province, export(district, tmp_path, "first.zip"))
    with district.session() as session:  # the district corrects three values
        write_values(session, [ValueInput("H38TS", "STAFF", "2024", 42),
                               ValueInput("H38TS-X01", "STAFF", "2024", 43),
                               ValueInput("H38TS-P01", "STAFF", "2024", 44)])
    with province.session() as session:  # …the province edits one of them afterwards,
        write_values(session, [ValueInput("H38TS-X01", "STAFF", "2024", 50)])
        set_state(session, "H38TS-P01", "2024", "approved")  # …and locks another unit's year
    plan = import_package(province, export(district, tmp_path, "second.zip"))
    actions = {(c.unit, c.element, c.period): c.action for c in plan.changes}
    assert actions[("H38TS", "STAFF", "2024")] == "update"
    assert actions[("H38TS-X01", "STAFF", "2024")] == "conflict"
    assert actions[("H38TS-P01", "STAFF", "2024")] == "locked"
    assert plan.count("update") == 1 and plan.count("unchanged") == 24
    lines = values_2024(province)
    assert "H38TS,STAFF,2024,42," in lines  # updated from the district
    assert "H38TS-X01,STAFF,2024,50," in lines  # the conflict kept the province's value
    assert "H38TS-P01,STAFF,2024,40," in lines  # the locked year was not overwritten


def test_plan_as_json_is_plain(district, province, tmp_path):
    trust_district(district, province, tmp_path)
    plan = import_package(province, export(district, tmp_path), dry_run=True)
    data = json.loads(json.dumps(plan.as_json()))
    assert data["counts"]["insert"] == 27 and data["office"] == "H38TS"
