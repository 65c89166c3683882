"""The benchmark times a job and its floor in turns (desktop.bench.__main__)."""

from __future__ import annotations

import desktop.bench.__main__ as bench


def _fake_clock(monkeypatch):
    """(calls, work): `work(name, seconds)` makes a function that logs its name in
    `calls` and moves the benchmark's clock on by `seconds`."""
    clock, calls = [0.0], []
    monkeypatch.setattr(bench.time, "perf_counter", lambda: clock[0])

    def work(name: str, seconds: float):
        def run() -> None:
            calls.append(name)
            clock[0] += seconds
        return run
    return calls, work


def test_job_and_floor_run_in_turns_and_each_gets_its_own_median(monkeypatch):
    calls, work = _fake_clock(monkeypatch)
    job, floor = bench.paired_medians(work("job", 3.0), work("floor", 1.0), repeat=4, warm_up=2)
    assert (job, floor) == (3.0, 1.0)
    assert calls == ["job", "floor"] * 6  # two warm-up rounds, then four timed


def _figure(name: str, seconds: float, units: int, fixed: bool) -> dict:
    return {"name": name, "seconds": seconds, "units": units, "fixed": fixed}


def test_growth_is_against_the_units_covered_where_they_grow_else_the_database():
    results = {"national": [_figure("GUI: province", 0.04, 726, False),
                            _figure("GUI: district", 0.02, 29, True)],
               "x10": [_figure("GUI: province", 0.2, 7251, False),
                       _figure("GUI: district", 0.02, 29, True)]}
    rows = {row["name"]: row["steps"][0] for row in bench.scaling(results)}
    province, district = rows["GUI: province"], rows["GUI: district"]
    assert province["against"] == "units covered"
    assert abs(province["exponent"] - 0.699) < 0.001  # 5× the time for 10× the units
    assert district["against"] == "database units" and abs(district["exponent"]) < 1e-9


def test_the_reset_runs_after_each_run_and_is_not_timed(monkeypatch):
    calls, work = _fake_clock(monkeypatch)
    job, floor = bench.paired_medians(work("job", 3.0), work("floor", 1.0), repeat=2,
                                      warm_up=1, reset=work("reset", 100.0))
    assert (job, floor) == (3.0, 1.0)
    assert calls == ["job", "reset", "floor", "reset"] * 3
