"""The benchmark times a job and its floor in turns (desktop.bench.__main__)."""

from __future__ import annotations

import desktop.bench.__main__ as bench


def test_job_and_floor_run_in_turns_and_each_gets_its_own_median(monkeypatch):
    clock, calls = [0.0], []
    monkeypatch.setattr(bench.time, "perf_counter", lambda: clock[0])

    def work(name: str, seconds: float):
        def run() -> None:
            calls.append(name)
            clock[0] += seconds
        return run

    job, floor = bench.paired_medians(work("job", 3.0), work("floor", 1.0), repeat=4, warm_up=2)
    assert (job, floor) == (3.0, 1.0)
    assert calls == ["job", "floor"] * 6  # two warm-up rounds, then four timed
