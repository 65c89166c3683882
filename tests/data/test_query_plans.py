"""Every hot query reads the big tables by key: the plans are pinned here.

The jobs a user runs most (progress for a year and a quarter, with and
without a breakdown; completeness; the entry grid; a ranking of a
district's communes and of a province's districts; writing one form, which
refreshes the yearly values) run on a small database shaped like the
benchmark's (a three-level province and a two-level one). Every statement
they send that touches `data_value` or `year_value` is explained: on SQLite
every step on those tables must be a search by unit (or by row id), never a
scan nor a search by year or period alone (which reads every unit's rows); on
PostgreSQL no `Seq Scan` may remain once sequential scans are priced out
(so an index can serve every step) and each index condition names the
unit (or the row id). Both before and after `ANALYZE`, which
can change SQLite's choices.
"""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import event, select

from desktop.assess.scoring import score_units
from desktop.assess.store import get_set
from desktop.bench.province import PLAN, PROVINCE, Size, build, monthly_quarter
from desktop.data.grid import grid_data, value_versions
from desktop.data.models import OrgUnit
from desktop.data.values import ValueInput, recorded_versions, write_values
from desktop.engine.checks import validate_period, year_consistency
from desktop.engine.completeness import completeness
from desktop.engine.progress import progress

BIG = ("data_value", "year_value")
FEW_ROWS = 5  # a PostgreSQL step the planner expects to return at most this many rows
ALIAS = re.compile(r"\b(data_value|year_value)\b(?:\s+(?:AS\s+)?(\w+))?", re.IGNORECASE)


YEARS = range(2023, 2025)
# The first district records this quarter as its months: its figures are built from them.
FROM_MONTHS = monthly_quarter(YEARS)


@pytest.fixture
def shaped(db):
    with db.session() as session:
        build(session, Size(2, 4, 2, 6), years=YEARS)
    return db


def _hot_jobs(database) -> None:
    with database.session() as session:
        for period in ("2024", "2024Q2", FROM_MONTHS):
            for unit in (PROVINCE, "H01", "T01"):
                progress(session, PLAN, unit, period)
                progress(session, PLAN, unit, period, by_unit=True)
            progress(session, "LD-2014", PROVINCE, period, by_unit=True)
            completeness(session, PROVINCE, period)
            completeness(session, "T01", period)
            grid_data(session, "H01", period)
            grid_data(session, "T01", period)
            value_versions(session, period, [("STAFF", "H01X01"), ("PCS", "H01X02")])
            recorded_versions(session, "H01X01", period)
            validate_period(session, "H01", period)
            year_consistency(session, "H01X01", "2024Q4")
        for unit, assessment in (("H01", "VD-DTI-XA"), (PROVINCE, "VD-UDCNTT")):
            score_units(session, get_set(session, assessment), "2024", unit, with_previous=True)
    with database.session() as session:
        # wholes only, made large: no part-of-whole rule can refuse them
        write_values(session, [ValueInput("H01X01", code, "2024Q3", 100000.0)
                               for code in ("STAFF", "PCS")])
        write_values(session, [ValueInput("T01X0001", "STAFF", "2024", 100000.0)])


def _statements(database) -> list[tuple[str, object]]:
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, executemany):  # noqa: ANN001
        if not executemany and ALIAS.search(statement) and statement.lstrip().upper().startswith(
                ("SELECT", "WITH", "DELETE", "UPDATE")):
            seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        _hot_jobs(database)
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    assert len(seen) > 20
    return seen


def _scans(database, statements, analyzed: bool = False) -> list[str]:
    sqlite = database.engine.dialect.name == "sqlite"
    connection = database.engine.raw_connection()
    bad = []
    try:
        cursor = connection.cursor()
        if not sqlite:
            for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
                cursor.execute(f"SET {setting} = off")
        for statement, parameters in statements:
            cursor.execute(("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (FORMAT JSON) ")
                           + statement, parameters)
            rows = cursor.fetchall()
            plan = ([str(row[-1]) for row in rows] if sqlite
                    else _pg_steps(_json(rows[0][0])[0]["Plan"]))
            bad += [f"{step}  <-  {statement[:300]}" for step in plan
                    if _scans_big_table(step, statement, sqlite, analyzed)]
        cursor.close()
        connection.rollback()
    finally:
        connection.close()
    return bad


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _pg_steps(node: dict) -> list[str]:
    """'node type on table (rows estimated): index condition' for each node reading a
    big table."""
    steps = []
    if node.get("Relation Name") in BIG:
        condition = node.get("Index Cond", "") + "".join(
            child.get("Index Cond", "") for child in node.get("Plans", []))
        steps.append(f"{node['Node Type']} on {node['Relation Name']} "
                     f"({node.get('Plan Rows', 0)} rows): {condition}")
    for child in node.get("Plans", []):
        steps += _pg_steps(child)
    return steps


# Quarter and month figures of most of the database are read by the period
# index on purpose (desktop.engine.readings): one range instead of a lookup per unit.
BY_PERIOD = "SELECT element_id, unit_id, period_id, value FROM data_value WHERE period_id IN"


def _scans_big_table(step: str, statement: str, sqlite: bool, analyzed: bool) -> bool:
    if statement.startswith(BY_PERIOD):
        return "SCAN" in step or "Seq Scan" in step or "period_id" not in step
    if not sqlite:
        # With statistics PostgreSQL may read a period that holds almost nothing (here
        # the year 2024, which has only the value the jobs wrote) by its own index:
        # that costs what the period holds, and is planned again once it fills.
        # Without statistics its estimates are guesses: every step must name the unit.
        rows = int(re.search(r"\((\d+) rows\)", step).group(1))
        few = analyzed and rows <= FEW_ROWS
        return "Seq Scan" in step or not ("unit_id =" in step or "(id =" in step or few)
    names = {name.lower() for match in ALIAS.finditer(statement) for name in match.groups() if name}
    found = re.match(r"\s*(SCAN|SEARCH) (\w+)", step)
    if not found or found.group(2).lower() not in names:
        return False
    # a search by year or period alone reads every unit's rows of it
    return found.group(1) == "SCAN" or not ("unit_id=" in step or "rowid=" in step)


def _analyze(database) -> None:
    connection = database.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("ANALYZE")
        cursor.close()
        connection.commit()
    finally:
        connection.close()


def test_hot_queries_read_by_key_with_and_without_statistics(shaped):
    assert _scans(shaped, _statements(shaped)) == []
    _analyze(shaped)
    assert _scans(shaped, _statements(shaped), analyzed=True) == []


def test_the_check_itself_sees_a_scan(shaped):
    """A query without a usable key is reported (the test above can fail)."""
    statement = "SELECT count(*) FROM data_value v WHERE v.value > 3"
    assert _scans(shaped, [(statement, ())]) if shaped.engine.dialect.name == "sqlite" else \
        _scans(shaped, [(statement, {})])
    with shaped.session() as session:
        assert session.scalar(select(OrgUnit.id).where(OrgUnit.code == "T01X0001"))
