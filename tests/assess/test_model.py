"""Checking a set: each refusal is one sentence naming what is wrong; nothing saved."""

from __future__ import annotations

import pytest
from assess_fixtures import SET_TOML

from desktop.assess import store
from desktop.assess.model import parse_set
from desktop.errors import UserError


def _refusal(text: str) -> str:
    with pytest.raises(UserError) as caught:
        parse_set(text, lambda code: code != "NO_SUCH", "thử")
    message = caught.value.message
    assert message.endswith(".") and "\n" not in message
    return message


def test_the_shipped_example_sets_are_valid_and_marked(district):
    sets = {s.code: s for s in store.all_sets(district)}
    assert set(sets) == {"VD-UDCNTT", "VD-DTI-XA"}
    assert all(s.example and s.name.startswith("VÍ DỤ") for s in sets.values())
    assert sets["VD-DTI-XA"].total == 1000 and sets["VD-UDCNTT"].total == 100
    for code, path in store.shipped_files().items():
        assert sets[code].code == path.stem  # an edited copy replaces the file by code


def test_points_not_adding_up_to_the_total():
    message = _refusal(SET_TOML.replace("total = 40", "total = 45"))
    assert "“T-SET”" in message and "40" in message and "45" in message


def test_an_unknown_indicator_names_the_criterion():
    message = _refusal(SET_TOML.replace('"DOCS_ELEC_RATE"', '"NO_SUCH"'))
    assert message.startswith("Tiêu chí “TH”") and "NO_SUCH" in message


def test_a_yes_no_rule_on_a_share_is_refused(district):
    from desktop.assess import store

    text = SET_TOML.replace('element = "HAS_LAN"', 'indicator = "LAN_RATE"')
    with pytest.raises(UserError, match="Tiêu chí “Y”.*LAN_RATE"):
        parse_set(text, store.known_codes(district))


def test_bands_that_overlap_or_leave_a_gap():
    assert "chồng lên" in _refusal(SET_TOML.replace("min = 20", "min = 32"))
    assert "“Yếu”" in _refusal(SET_TOML.replace("min = 0", "min = 5"))
    spans = SET_TOML.replace('min = 20', 'min = 20\nmax = 30').replace('min = 32', 'min = 32\nmax = 40')
    assert "hở với" in _refusal(spans)


def test_a_step_above_the_criterions_maximum():
    message = _refusal(SET_TOML.replace("[[90, 10]", "[[90, 12]"))
    assert message.startswith("Tiêu chí “TH”") and "12" in message


def test_a_refused_set_saves_nothing(district, table_dump):
    database_before = _dump(district)
    with pytest.raises(UserError):
        store.save_set(district, SET_TOML.replace("total = 40", "total = 41"))
    assert _dump(district) == database_before


def test_saving_an_edited_set_replaces_the_shipped_one_and_is_audited(district):
    from desktop.data import audit

    assert store.get_set(district, "VD-UDCNTT").bands[0].min == 80  # read, and kept
    text = store.shipped_files()["VD-UDCNTT"].read_text(encoding="utf-8").replace(
        'name = "Tốt"\nmin = 80', 'name = "Tốt"\nmin = 85')
    store.save_set(district, text)
    assert store.get_set(district, "VD-UDCNTT").bands[0].min == 85  # the kept sets dropped
    [entry] = audit.entries(district, "score_set")
    assert entry["key"] == "VD-UDCNTT" and "min = 80" in entry["old"] and "min = 85" in entry["new"]


def _dump(session) -> dict:
    session.flush()
    tables = ("assessment_set", "assessor_score", "audit_entry")
    return {t: sorted(map(tuple, session.connection().exec_driver_sql(f"SELECT * FROM {t}")))
            for t in tables}


def test_groups_under_themselves_are_refused_at_once():
    """A group that is its own ancestor would make working out weights loop for ever."""
    cyclic = SET_TOML.replace('code = "A"\nname = "Số liệu"\n',
                              'code = "A"\nname = "Số liệu"\nparent = "A1"\n')
    assert 'parent = "A1"' in cyclic
    message = _refusal(cyclic)
    assert "nằm dưới chính nó" in message and "“A" in message


@pytest.mark.parametrize("before, after", [
    ('code = "A1"\nname = "Nhóm con"\nparent = "A"', 'code = "A1"\nname = "Nhóm con"\nparent = ["A"]'),
    ('indicator = "EMAIL_USE_RATE"', 'indicator = ["EMAIL_USE_RATE"]'),
    ('code = "T-SET"', 'code = "T-SET"\nyears = []'),
])
def test_a_field_of_the_wrong_shape_is_named_not_a_crash(before, after):
    assert before in SET_TOML
    message = _refusal(SET_TOML.replace(before, after, 1))
    assert "thiếu hoặc sai trường" in message
