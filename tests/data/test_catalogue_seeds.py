"""Checks of the plan catalogue against the seed texts it was built from."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
CATALOGUE = RESOURCES / "catalogue"
PLANS = RESOURCES / "plans"
SEEDS = PLANS / "seeds"

PLAN_CODES = {"NA-2020", "TH-2016", "KT-2009", "TTH-2020", "LD-2014"}
LEVELS = {"tinh", "huyen", "xa", "all"}
COMPARATORS = {">=", ">", "<=", "<", "about", "between", "done"}
ELEMENT_KINDS = {"number", "yesno", "money", "percent"}
INDICATOR_KINDS = {"ratio", "total", "count_yes", "milestone"}
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")


def load(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


ELEMENTS = {e["code"]: e for e in load(CATALOGUE / "elements.toml")["element"]}
INDICATORS = {i["code"]: i for i in load(CATALOGUE / "indicators.toml")["indicator"]}
PLAN_FILES = sorted(p for p in PLANS.glob("*.toml"))
PLAN_DATA = {p.stem: load(p) for p in PLAN_FILES}


# ---------------------------------------------------------------- structure

def test_every_plan_file_is_present_and_named_by_its_code():
    assert set(PLAN_DATA) == PLAN_CODES
    for stem, plan in PLAN_DATA.items():
        assert plan["code"] == stem


def test_codes_are_unique_and_well_formed():
    elements = load(CATALOGUE / "elements.toml")["element"]
    indicators = load(CATALOGUE / "indicators.toml")["indicator"]
    e_codes = [e["code"] for e in elements]
    i_codes = [i["code"] for i in indicators]
    assert len(e_codes) == len(set(e_codes))
    assert len(i_codes) == len(set(i_codes))
    # report tags name either kind of code, so the namespaces must not clash
    assert not set(e_codes) & set(i_codes)
    for code in e_codes + i_codes:
        assert CODE_RE.match(code), code
    assert 40 <= len(e_codes) <= 60


def test_catalogue_files_are_nfc_utf8():
    for path in [CATALOGUE / "elements.toml", CATALOGUE / "indicators.toml", *PLAN_FILES]:
        text = path.read_bytes().decode("utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name


def test_every_element_is_used_by_an_indicator():
    used = {ind.get(k) for ind in INDICATORS.values()
            for k in ("numerator", "denominator", "element")}
    assert set(ELEMENTS) - used == set()


def test_elements_are_complete():
    required = {"name", "name_en", "measure", "measure_en", "kind", "temporal",
                "decimals", "levels", "group"}
    for code, e in ELEMENTS.items():
        assert required <= e.keys(), code
        assert e["kind"] in ELEMENT_KINDS, code
        assert e["temporal"] in {"stock", "flow"}, code
        assert e["levels"] and set(e["levels"]) <= {"tinh", "huyen", "xa"}, code
        assert e["group"] in {"Hạ tầng kỹ thuật", "Ứng dụng nội bộ", "Dịch vụ công",
                              "Nhân lực", "Kinh phí", "Công nghiệp CNTT"}, code
        if e["kind"] == "yesno":
            assert e["decimals"] == 0, code
        if e["kind"] == "money":
            assert e["measure"] == "triệu đồng", code


def test_brief_elements_exist():
    for code in """STAFF PCS PCS_NET STAFF_WITH_PC STAFF_MAILBOX STAFF_EMAIL_USE
    STAFF_IT_TRAINED DOCS_SENT DOCS_SENT_ELEC DOCS_SIGNED DOCS_TO_PPC
    DOCS_TO_PPC_ELEC INVITES INVITES_ELEC DIRECTIVES DIRECTIVES_ON_PORTAL
    PS_TOTAL PS_L3 PS_L4 HAS_LAN HAS_WAN HAS_DMS HAS_ONESTOP HAS_DIGSIG
    HAS_IT_STAFF_DEGREE IT_STAFF IT_STAFF_DEGREE BUDGET_PLANNED BUDGET_SPENT
    BUDGET_CENTRAL BUDGET_LOCAL PORTAL_UPGRADED LEGAL_DOCS_DIGITISED
    EOFFICE_COMMUNE EGOV_MODEL""".split():
        assert code in ELEMENTS, code
    for code in ("PS_TOTAL", "PS_L3", "PS_L4", "STAFF", "PCS"):
        assert ELEMENTS[code]["temporal"] == "stock"
    for code in ("DOCS_SENT", "BUDGET_SPENT", "BUDGET_CENTRAL", "BUDGET_LOCAL"):
        assert ELEMENTS[code]["temporal"] == "flow"


def test_indicators_reference_existing_elements_of_the_right_kind():
    for code, ind in INDICATORS.items():
        kind = ind["kind"]
        assert kind in INDICATOR_KINDS, code
        assert ind["direction"] in {"up", "down"}, code
        assert isinstance(ind["decimals"], int), code
        if kind == "ratio":
            assert ind["numerator"] in ELEMENTS, code
            assert ind["denominator"] in ELEMENTS, code
            assert ind["factor"] > 0, code
            assert "element" not in ind, code
        else:
            assert ind["element"] in ELEMENTS, code
            assert "numerator" not in ind and "denominator" not in ind, code
        if kind in ("count_yes", "milestone"):
            assert ELEMENTS[ind["element"]]["kind"] == "yesno", code
        if kind == "count_yes":
            assert ind["factor"] == 100, code
        if kind == "total":
            assert ELEMENTS[ind["element"]]["kind"] != "yesno", code


def test_key_formulas():
    pc = INDICATORS["PC_PER_STAFF"]
    assert (pc["numerator"], pc["denominator"], pc["factor"]) == ("PCS", "STAFF", 100)
    email = INDICATORS["EMAIL_USE_RATE"]
    assert (email["numerator"], email["denominator"]) == ("STAFF_EMAIL_USE", "STAFF")
    growth = INDICATORS["IT_GROWTH_VS_GDP"]
    assert (growth["numerator"], growth["denominator"]) == ("IT_INDUSTRY_GROWTH", "GDP_GROWTH")


@pytest.mark.parametrize("code", sorted(PLAN_CODES))
def test_plan_header(code):
    plan = PLAN_DATA[code]
    for key in ("title", "title_en", "issuer", "province", "year_from", "year_to", "seed"):
        assert plan.get(key), (code, key)
    assert plan["year_from"] <= plan["year_to"]
    assert (SEEDS / plan["seed"]).is_file()
    for key in ("title", "issuer", "province"):
        assert unicodedata.is_normalized("NFC", plan[key])


def test_plan_decisions():
    kt = PLAN_DATA["KT-2009"]
    assert kt["decision"] == "235/QĐ-UBND"
    assert str(kt["decision_date"]) == "2009-03-17"
    assert PLAN_DATA["TH-2016"]["decision"] == "22/KH-UBND"
    assert str(PLAN_DATA["TH-2016"]["decision_date"]) == "2016-02-15"
    assert PLAN_DATA["LD-2014"]["decision"] == "2770/QĐ-UBND"
    assert PLAN_DATA["KT-2009"]["province"] == "Kon Tum"
    assert PLAN_DATA["TTH-2020"]["province"] == "Thừa Thiên Huế"


@pytest.mark.parametrize("code", sorted(PLAN_CODES))
def test_targets_are_well_formed_and_sourced(code):
    plan = PLAN_DATA[code]
    seed = norm((SEEDS / plan["seed"]).read_text(encoding="utf-8"))
    seen = set()
    for t in plan["target"]:
        where = (code, t["indicator"], t["year"], t["level"])
        assert t["indicator"] in INDICATORS, where
        assert t["level"] in LEVELS, where
        assert t["comparator"] in COMPARATORS, where
        assert plan["year_from"] <= t["year"] <= plan["year_to"], where
        assert where not in seen, f"duplicate target {where}"
        seen.add(where)
        kind = INDICATORS[t["indicator"]]["kind"]
        if t["comparator"] == "done":
            assert kind == "milestone", where
            assert "value" not in t and "min" not in t and "max" not in t, where
        else:
            assert kind != "milestone", where
        if t["comparator"] == "between":
            assert "value" not in t and t["min"] < t["max"], where
        elif t["comparator"] != "done":
            assert isinstance(t["value"], float), where
        if "baseline_value" in t:
            assert t["baseline_year"] < t["year"], where
        if "period_from" in t:
            assert t["period_from"] <= t["year"], where
        assert t["source"].strip(), where
        assert norm(t["source"]) in seed, f"source not verbatim in seed: {where}: {t['source']!r}"


def test_seed_copies_are_unchanged():
    shared = Path("/work/shared/seeds")
    if not shared.is_dir():
        pytest.skip("shared seed folder not available")
    for plan in PLAN_DATA.values():
        assert (SEEDS / plan["seed"]).read_bytes() == (shared / plan["seed"]).read_bytes()


# ---------------------------------------------------------- expected targets

# (plan, indicator, year, level, comparator, value or (min, max), baseline (year, value) or None)
EXPECTED = [
    # Kon Tum 2009-2010
    ("KT-2009", "DIRECTIVES_PORTAL_RATE", 2010, "tinh", ">=", 60.0, (2009, 30.0)),
    ("KT-2009", "EMAIL_USE_RATE", 2010, "tinh", ">=", 60.0, (2009, 40.0)),
    ("KT-2009", "EMAIL_USE_RATE", 2010, "huyen", ">=", 30.0, (2009, 20.0)),
    ("KT-2009", "DMS_RATE", 2010, "tinh", ">=", 80.0, (2009, 50.0)),
    ("KT-2009", "DMS_RATE", 2010, "huyen", ">=", 50.0, (2009, 20.0)),
    ("KT-2009", "PC_PER_STAFF", 2010, "tinh", "between", (60.0, 70.0), None),
    ("KT-2009", "PC_PER_STAFF", 2010, "huyen", "between", (50.0, 60.0), None),
    ("KT-2009", "PS_L3_COUNT", 2010, "tinh", ">=", 2.0, None),
    ("KT-2009", "PORTAL_UPGRADE_DONE", 2010, "tinh", "done", None, None),
    ("KT-2009", "LEGAL_DIGITISED_DONE", 2010, "tinh", "done", None, None),
    ("KT-2009", "BUDGET_SPENT_TOTAL", 2010, "tinh", ">=", 15945.0, None),
    ("KT-2009", "BUDGET_CENTRAL_TOTAL", 2010, "tinh", ">=", 4000.0, None),
    ("KT-2009", "BUDGET_LOCAL_TOTAL", 2010, "tinh", ">=", 11945.0, None),
    # Nghệ An to 2020
    ("NA-2020", "DOCS_ELEC_RATE", 2015, "all", ">=", 70.0, None),
    ("NA-2020", "DOCS_ELEC_RATE", 2020, "all", ">=", 100.0, None),
    ("NA-2020", "IMPORTANT_DB_COUNT", 2015, "tinh", ">=", 12.0, None),
    ("NA-2020", "IMPORTANT_DB_COUNT", 2020, "tinh", "between", (25.0, 35.0), None),
    ("NA-2020", "WAN_RATE", 2015, "xa", ">=", 60.0, None),
    ("NA-2020", "WAN_RATE", 2020, "xa", ">=", 100.0, None),
    ("NA-2020", "PORTAL_UPGRADE_DONE", 2015, "tinh", "done", None, None),
    ("NA-2020", "IT_HIGHSKILL_COUNT", 2015, "tinh", "about", 1500.0, None),
    ("NA-2020", "IT_HIGHSKILL_COUNT", 2020, "tinh", "about", 8000.0, None),
    ("NA-2020", "IT_ENTERPRISE_COUNT", 2015, "tinh", "about", 7.0, None),
    ("NA-2020", "IT_ENTERPRISE_COUNT", 2020, "tinh", "about", 15.0, None),
    # Thanh Hóa 2016-2020
    ("TH-2016", "STAFF_PC_RATE", 2020, "tinh", ">=", 100.0, None),
    ("TH-2016", "STAFF_PC_RATE", 2020, "huyen", ">=", 100.0, None),
    ("TH-2016", "MAILBOX_RATE", 2020, "all", ">=", 100.0, None),
    ("TH-2016", "EMAIL_USE_RATE", 2020, "all", ">=", 100.0, None),
    ("TH-2016", "ONESTOP_RATE", 2020, "tinh", ">=", 100.0, None),
    ("TH-2016", "ONESTOP_RATE", 2020, "huyen", ">=", 100.0, None),
    ("TH-2016", "DMS_RATE", 2020, "all", ">=", 100.0, None),
    ("TH-2016", "DOCS_TO_PPC_ELEC_RATE", 2020, "all", ">=", 100.0, None),
    ("TH-2016", "DOCS_ELEC_RATE", 2020, "tinh", ">=", 80.0, None),
    ("TH-2016", "DOCS_ELEC_RATE", 2020, "huyen", ">=", 80.0, None),
    ("TH-2016", "DOCS_SIGNED_RATE", 2020, "all", ">=", 100.0, None),
    ("TH-2016", "PS_L3_RATE", 2017, "all", ">=", 100.0, None),
    ("TH-2016", "PS_L4_RATE", 2017, "all", ">=", 5.0, None),
    ("TH-2016", "PS_L4_RATE", 2020, "all", ">=", 30.0, None),
    ("TH-2016", "STAFF_TRAINED_RATE", 2020, "all", ">=", 100.0, None),
    # Thừa Thiên Huế to 2020
    ("TTH-2020", "EGOV_MODEL_DONE", 2020, "tinh", "done", None, None),
    ("TTH-2020", "DOCS_ELEC_RATE", 2020, "all", ">=", 100.0, None),
    ("TTH-2020", "INVITES_ELEC_RATE", 2020, "all", ">=", 100.0, None),
    ("TTH-2020", "DIGSIG_RATE", 2020, "all", ">=", 100.0, None),
    ("TTH-2020", "PS_L3_RATE", 2020, "all", ">=", 70.0, None),
    ("TTH-2020", "LAN_RATE", 2020, "all", ">=", 100.0, None),
    ("TTH-2020", "WAN_RATE", 2020, "all", ">=", 100.0, None),
    ("TTH-2020", "BUSINESS_WEB_RATE", 2020, "tinh", ">=", 80.0, None),
    ("TTH-2020", "BUSINESS_DIGSIG_RATE", 2020, "tinh", ">=", 100.0, None),
    ("TTH-2020", "IT_GROWTH_VS_GDP", 2020, "tinh", ">", 100.0, None),
    ("TTH-2020", "ITPARK_SOFTWARE_COUNT", 2020, "tinh", ">", 20.0, None),
    ("TTH-2020", "IT_STAFF_DEGREE_UNIT_RATE", 2020, "all", ">=", 100.0, None),
    ("TTH-2020", "IT_GRAD_INTL_RATE", 2020, "tinh", ">=", 80.0, None),
    ("TTH-2020", "IT_WORKFORCE_COUNT", 2020, "tinh", ">", 1000.0, None),
    # Lâm Đồng 2014
    ("LD-2014", "DOCS_ELEC_RATE", 2014, "all", ">", 90.0, None),
    ("LD-2014", "EMAIL_USE_RATE", 2014, "all", ">", 90.0, None),
    ("LD-2014", "EOFFICE_COMMUNE_DONE", 2014, "tinh", "done", None, None),
    ("LD-2014", "DMS_RATE", 2014, "all", ">=", 100.0, None),
]


def find_target(plan, indicator, year, level):
    hits = [t for t in PLAN_DATA[plan]["target"]
            if (t["indicator"], t["year"], t["level"]) == (indicator, year, level)]
    assert len(hits) == 1, f"{plan} {indicator} {year} {level}: {len(hits)} targets"
    return hits[0]


def test_expected_table_is_large_enough():
    assert len(EXPECTED) >= 30
    assert {row[0] for row in EXPECTED} == PLAN_CODES


@pytest.mark.parametrize("plan,indicator,year,level,comparator,value,baseline", EXPECTED,
                         ids=[f"{r[0]}:{r[1]}:{r[2]}:{r[3]}" for r in EXPECTED])
def test_expected_target(plan, indicator, year, level, comparator, value, baseline):
    t = find_target(plan, indicator, year, level)
    assert t["comparator"] == comparator
    if value is None:
        assert "value" not in t and "min" not in t
    elif isinstance(value, tuple):
        assert (t["min"], t["max"]) == pytest.approx(value)
    else:
        assert t["value"] == pytest.approx(value)
    if baseline is None:
        assert "baseline_value" not in t
    else:
        assert (t["baseline_year"], t["baseline_value"]) == (baseline[0], pytest.approx(baseline[1]))


def test_kon_tum_budget_adds_up():
    central = find_target("KT-2009", "BUDGET_CENTRAL_TOTAL", 2010, "tinh")
    local = find_target("KT-2009", "BUDGET_LOCAL_TOTAL", 2010, "tinh")
    total = find_target("KT-2009", "BUDGET_SPENT_TOTAL", 2010, "tinh")
    assert central["value"] + local["value"] == pytest.approx(total["value"])
    for t in (central, local, total):
        assert t["period_from"] == 2009
        assert INDICATORS[t["indicator"]]["kind"] == "total"
        assert ELEMENTS[INDICATORS[t["indicator"]]["element"]]["kind"] == "money"


# Minimum number of targets per plan: every quantitative target and milestone
# named in the seed text, counted by hand (one per year and level).
MIN_TARGETS = {"KT-2009": 18, "NA-2020": 12, "TH-2016": 17, "TTH-2020": 14, "LD-2014": 4}


@pytest.mark.parametrize("code", sorted(PLAN_CODES))
def test_every_seed_target_is_covered(code):
    assert len(PLAN_DATA[code]["target"]) >= MIN_TARGETS[code]


# Percent figures in each seed that are not plan targets (site polls, counters).
NOT_TARGETS = {"TH-2016": {"88 %", "8 %", "4 %"}}


@pytest.mark.parametrize("code", sorted(PLAN_CODES))
def test_every_percent_in_a_seed_is_in_some_source(code):
    """Each 'NN%' in the seed text is inside a target's source, or repeats one.

    A percent counts as covered when a source spans its position in the seed,
    or when the words that follow it are a repetition (a headline) of a
    sourced statement.
    """
    plan = PLAN_DATA[code]
    seed = norm((SEEDS / plan["seed"]).read_text(encoding="utf-8"))
    spans = []
    for t in plan["target"]:
        s = norm(t["source"])
        spans += [(i.start(), i.start() + len(s)) for i in re.finditer(re.escape(s), seed)]
    sources = [norm(t["source"]) for t in plan["target"]]
    for m in re.finditer(r"\d+(?:-\d+)? ?%", seed):
        if m.group(0) in NOT_TARGETS.get(code, set()):
            continue
        in_span = any(a <= m.start() < b for a, b in spans)
        repeated = any(seed[m.start():m.start() + 60] in s for s in sources)
        assert in_span or repeated, (
            f"{code}: {m.group(0)!r} at {seed[max(0, m.start() - 60):m.end()]!r}")
