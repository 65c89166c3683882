"""A key trusted for a district writes only that district's units, well-formed and
not from the future; each attack is one sentence, exit code 1, nothing written."""

import contextlib
import datetime as dt
import json
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.data.database import open_database
from desktop.data.office import init_office
from desktop.data.units import add_unit
from desktop.data.values import ValueInput, write_values
from desktop.packages import keys
from desktop.packages.container import build_package
from desktop.packages.export import package_contents


@contextlib.contextmanager
def home(folder):
    """ITPLAN_HOME (where an office's key lives) for a module fixture's work."""
    old = os.environ.get("ITPLAN_HOME")
    os.environ["ITPLAN_HOME"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            del os.environ["ITPLAN_HOME"]
        else:
            os.environ["ITPLAN_HOME"] = old


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A district (H38TS, its key in d-home) and its province (T38) that trusts the key and
    already knows another district (H38NS) with a commune; made once."""
    folder = tmp_path_factory.mktemp("offices")
    with home(folder / "d-home"):
        district = open_database(folder / "district.sqlite")
        with district.session() as session:
            init_office(session, province="Thanh Hóa", province_code="T38", unit_code="H38TS",
                        unit_name="Huyện Triệu Sơn", level="huyen", plans=["TH-2016"])
            add_unit(session, "H38TS-X01", "Xã Dân Lực", "xa", parent_code="H38TS")
            write_values(session, [ValueInput(u, "STAFF", "2024", 40)
                                   for u in ("H38TS", "H38TS-X01")])
            contents = package_contents(session, "H38TS", "2024")
        keys.export_public_key(folder / "key.json", "H38TS", "Huyện Triệu Sơn")
        district.close()
    province = open_database(folder / "province.sqlite")
    with province.session() as session:
        init_office(session, province="Thanh Hóa", unit_code="T38", unit_name="Tỉnh Thanh Hóa",
                    level="tinh", plans=["TH-2016"])
        add_unit(session, "H38NS", "Huyện Nông Cống", "huyen", parent_code="T38")
        add_unit(session, "H38NS-X01", "Xã Tế Lợi", "xa", parent_code="H38NS")
        keys.trust(session, folder / "key.json")
    province.close()
    return contents, folder


@pytest.fixture
def offices(template, tmp_path):
    """(package contents, this test's copy of the province, its folder, the district's home)."""
    contents, folder = template
    for name in ("province.sqlite", "key.json"):
        shutil.copy(folder / name, tmp_path / name)
    return contents, tmp_path / "province.sqlite", tmp_path, folder / "d-home"


def signed(offices, change, name="pkg.zip"):
    """A package signed by the district's key, its contents changed by `change`."""
    contents, _province, folder, _home = offices
    contents = json.loads(json.dumps(contents))
    change(contents)
    path = folder / name
    path.write_bytes(build_package(contents, {"office": "H38TS", "office_name": "Huyện Triệu Sơn"}))
    return path


def import_cli(capsys, monkeypatch, offices, path):
    _contents, province, folder, _home = offices
    monkeypatch.setenv("ITPLAN_HOME", str(folder / "p-home"))
    code = main(["--db", str(province), "package", "import", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def value_row(**fields):
    row = {"unit": "H38TS", "element": "STAFF", "period": "2024", "value": 41, "comment": "",
           "changed_at": "2024-05-01T10:00:00", "changed_by": "x"}
    return {**row, **fields}


def future() -> str:
    return (dt.datetime.now() + dt.timedelta(days=1)).isoformat(timespec="seconds")


ATTACKS = {
    "another district's commune": (lambda c: c["values.json"].append(value_row(unit="H38NS-X01")),
                                   "values.json, dòng 3", "ngoài H38TS"),
    "the province's own unit": (lambda c: c["values.json"].append(value_row(unit="T38")),
                                "values.json, dòng 3", "ngoài H38TS"),
    "a unit under another district": (
        lambda c: c["units.json"].append({"code": "H38NS-X99", "name": "Xã giả", "level": "xa",
                                          "kind": "area", "parent": "H38NS"}),
        "units.json, dòng 3", "ngoài H38TS"),
    "an existing unit of another district": (
        lambda c: c["units.json"].append({"code": "H38NS-X01", "name": "Xã Tế Lợi", "level": "xa",
                                          "kind": "area", "parent": "H38TS"}),
        "units.json, dòng 3", "H38NS-X01 nằm ngoài H38TS"),
    "a successor elsewhere": (lambda c: c["units.json"][1].update(successor="H38NS-X01"),
                              "units.json, dòng 2", "kế thừa H38NS-X01"),
    "a province-level unit under the district": (
        lambda c: c["units.json"].append({"code": "H38TS-S99", "name": "Sở giả", "level": "tinh",
                                          "kind": "agency", "parent": "H38TS"}),
        "units.json, dòng 3", "cấp tinh không thể nằm dưới H38TS cấp huyen"),
    "a district-level unit under a new commune": (
        lambda c: c["units.json"].extend([
            {"code": "H38TS-X88", "name": "Xã mới", "level": "xa", "kind": "area",
             "parent": "H38TS"},
            {"code": "H38TS-X88-P", "name": "Phòng giả", "level": "huyen", "kind": "agency",
             "parent": "H38TS-X88"}]),
        "units.json, dòng 4", "cấp huyen không thể nằm dưới H38TS-X88 cấp xa"),
    "another office in metadata": (lambda c: c["metadata.json"].update(office="H38NS"),
                                   "metadata.json", "chỉ được tin cậy cho H38TS"),
    "a missing metadata.office": (lambda c: c["metadata.json"].pop("office"),
                                  "metadata.json", "trường office"),
    "a future changed_at": (lambda c: c["values.json"][0].update(changed_at=future()),
                            "values.json, dòng 1", "ở tương lai"),
    "a time zone in changed_at": (
        lambda c: c["values.json"][0].update(changed_at="2024-05-01T10:00:00+07:00"),
        "values.json, dòng 1", "múi giờ"),
    "NaN": (lambda c: c["values.json"][0].update(value=float("nan")), "values.json, dòng 1",
            "không phải một số hữu hạn"),
    "Infinity": (lambda c: c["values.json"][1].update(value=float("inf")), "values.json, dòng 2",
                 "không phải một số hữu hạn"),
    "1e400 as text": (lambda c: c["values.json"][0].update(value="1e400"), "values.json, dòng 1",
                      "không phải một số hữu hạn"),
    "an integer beyond any float": (lambda c: c["values.json"][0].update(value=10 ** 400),
                                    "values.json, dòng 1", "không phải một số hữu hạn"),
    "a unit code that is an object": (lambda c: c["values.json"][0].update(unit={"code": "H38TS"}),
                                      "values.json, dòng 1", "unit không phải chữ"),
    "a unit's code that is an object": (lambda c: c["units.json"][1].update(code={"x": 1}),
                                        "units.json, dòng 2", "mã đơn vị không phải chữ"),
    "a valid_from that is not a date": (lambda c: c["units.json"][1].update(valid_from="hôm qua"),
                                        "units.json, dòng 2", "valid_from “hôm qua”"),
    "a bad period": (lambda c: c["values.json"][0].update(period="2024Q9"),
                     "values.json, dòng 1", "kỳ “2024Q9”"),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_each_attack_is_one_sentence_and_writes_nothing(attack, offices, capsys, monkeypatch,
                                                        table_hashes):
    change, where, what = ATTACKS[attack]
    monkeypatch.setenv("ITPLAN_HOME", str(offices[3]))
    path = signed(offices, change)
    before = table_hashes(offices[1])
    code, out, err = import_cli(capsys, monkeypatch, offices, path)
    assert code == 1 and out == "", err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"pkg.zip: {where}" in err and what in err and "không nhận gói" in err
    assert table_hashes(offices[1]) == before


def test_the_untouched_package_is_received(offices, capsys, monkeypatch):
    monkeypatch.setenv("ITPLAN_HOME", str(offices[3]))
    path = signed(offices, lambda c: None)
    code, out, err = import_cli(capsys, monkeypatch, offices, path)
    assert code == 0 and "2 giá trị mới" in out, err


def fresh_public_key() -> str:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return base64.b64encode(keys.public_raw(Ed25519PrivateKey.generate())).decode()


def test_a_key_is_trusted_for_its_office_only(offices, tmp_path, table_hashes):
    province = open_database(offices[1])
    try:
        with province.session() as session:
            listed = keys.trusted_keys(session)
        assert [k.office for k in listed] == ["H38TS"]
        own = tmp_path / "own.json"
        own.write_text(json.dumps({"format": keys.KEY_FILE_FORMAT, "office": "T38",
                                   "office_name": "Tỉnh", "public_key": fresh_public_key()}))
        before = table_hashes(province)
        with province.session() as session, pytest.raises(keys.PackageError) as caught:
            keys.trust(session, own)
        assert "chỉ tin cậy khóa của đơn vị cấp dưới" in caught.value.message
        with province.session() as session, pytest.raises(keys.PackageError) as caught:
            keys.trust(session, tmp_path / "key.json", "H38NS")
        assert "ký cho H38TS, không phải H38NS" in caught.value.message
        assert table_hashes(province) == before
    finally:
        province.close()


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["unit", "element", "period", "value", "changed_at", "comment",
                              "changed_by"]), value=JSON)
def test_any_field_value_is_accepted_or_refused_in_one_sentence(offices, field, value):
    """Whatever a trusted package holds in a value's field, the check either passes or
    raises PackageError naming the file — never another exception."""
    from pathlib import Path

    from desktop.packages.container import VerifiedPackage
    from desktop.packages.trust import check_package

    contents = json.loads(json.dumps(offices[0]))
    contents["values.json"][0][field] = value
    files = {name: json.dumps(data).encode() for name, data in contents.items()}
    province = open_database(offices[1])
    try:
        with province.session() as session:
            key = keys.trusted_keys(session)[0]
            package = VerifiedPackage(Path("goi.zip"), key.key_id, {}, files)
            try:
                check_package(session, package, key)
            except keys.PackageError as exc:
                assert exc.message.startswith("goi.zip: values.json, dòng 1: ")
            session.rollback()
    finally:
        province.close()


def test_a_key_trusted_before_the_rule_for_this_office_is_refused(offices, capsys, monkeypatch,
                                                                  table_hashes):
    """A trusted-key row for the province's own unit (made before keys were checked at
    trust time) writes nothing."""
    from desktop.data.settings import set_setting

    province = open_database(offices[1])
    with province.session() as session:
        [key] = keys.trusted_keys(session)
        set_setting(session, "trusted_key:" + key.key_id,
                    json.dumps({**key.__dict__, "office": "T38"}))
    province.close()
    monkeypatch.setenv("ITPLAN_HOME", str(offices[3]))
    path = signed(offices, lambda c: c["metadata.json"].update(office="T38"))
    before = table_hashes(offices[1])
    code, _out, err = import_cli(capsys, monkeypatch, offices, path)
    assert code == 1 and "pkg.zip: signer: khóa được tin cậy cho T38" in err, err
    assert table_hashes(offices[1]) == before


def test_a_new_unit_whose_code_has_a_space_around_it_gets_its_successor(offices, capsys,
                                                                      monkeypatch):
    """The unit is stored under its trimmed code (add_unit's rule); its successor is linked
    under that code, not looked up by the code as the file wrote it."""
    monkeypatch.setenv("ITPLAN_HOME", str(offices[3]))  # signed with the district's key
    path = signed(offices, lambda c: c["units.json"].append(
        {"code": " H38TS-X77", "name": "Xã mới", "level": "xa", "kind": "area",
         "parent": "H38TS", "successor": "H38TS-X01"}))
    code, _out, err = import_cli(capsys, monkeypatch, offices, path)
    assert code == 0, err
    database = open_database(offices[1])
    try:
        with database.session() as session:
            from sqlalchemy import select

            from desktop.data.models import OrgUnit
            units = {u.code: u for u in session.scalars(select(OrgUnit))}
            assert units["H38TS-X77"].successor_id == units["H38TS-X01"].id
    finally:
        database.close()


def test_a_signed_manifest_listing_files_as_a_list_is_refused(offices, capsys, monkeypatch,
                                                              table_hashes):
    """The manifest is signed, but its list of hashes is not a table: nothing matches it."""
    import base64
    import io
    import zipfile

    from desktop.packages import container
    from desktop.packages.keys import office_private_key, public_raw

    contents, province, folder, d_home = offices
    monkeypatch.setenv("ITPLAN_HOME", str(d_home))
    key = office_private_key()
    files = {name: container._dumps(contents[name]) for name in container.CONTENT_FILES}
    files["manifest.json"] = container._dumps({"format": container.PACKAGE_FORMAT,
                                               "algorithm": "sha256", "files": []})
    files["manifest.sig"] = base64.b64encode(key.sign(files["manifest.json"]))
    files["signer.json"] = container._dumps({"office": "H38TS", "office_name": "Huyện Triệu Sơn",
                                             "public_key": base64.b64encode(
                                                 public_raw(key)).decode()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in container.ALLOWED:
            archive.writestr(name, files[name])
        archive.comment = b"\0" * container.SEAL_SIZE
    body = buffer.getvalue()[:-container.SEAL_SIZE]
    path = folder / "pkg.zip"
    path.write_bytes(body + key.sign(body))
    before = table_hashes(province)
    code, _out, err = import_cli(capsys, monkeypatch, offices, path)
    assert code == 1 and "pkg.zip" in err and "bảng băm đã ký" in err
    assert len(err.strip().splitlines()) == 1 and table_hashes(province) == before
