"""How well the extractor reads the shipped plans: `python -m desktop.plantext.score`.

For each plan in resources/plans/ its seed text is extracted against the
shipped catalogue and compared with the plan's hand-made targets:
found = share of the catalogue's numeric targets proposed with the right
value and year (from the same clause); precision = share of proposals that
are targets of the catalogue (numeric or milestone); comparator and level =
share right among those found (a target about businesses or people has no
level; the catalogue files it under the province, so null counts as "tinh").
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass

from desktop.paths import resources_dir
from desktop.plantext.clean import fold
from desktop.plantext.extract import Proposal, extract_plan
from desktop.plantext.match import Candidate


@dataclass
class Score:
    plan: str
    numeric: int
    found: int
    proposals: int
    real: int
    comparator_ok: int
    level_ok: int

    def ratios(self) -> dict:
        return {"found": self.found / max(self.numeric, 1),
                "precision": self.real / max(self.proposals, 1),
                "comparator": self.comparator_ok / max(self.found, 1),
                "level": self.level_ok / max(self.found, 1)}


def shipped_catalogue() -> list[Candidate]:
    data = tomllib.loads((resources_dir() / "catalogue" / "indicators.toml").read_text("utf-8"))
    return [Candidate(i["code"], i["name"], i["kind"], i.get("measure", ""))
            for i in data["indicator"]]


def _words(text: str) -> set[str]:
    return set(fold(text).replace(",", " ").replace(".", " ").split())


def _same_clause(proposal: Proposal, source: str) -> bool:
    words = _words(source)
    return len(words & _words(proposal.quote)) >= 0.6 * len(words) or \
        fold(" ".join(source.split())[:60]) in fold(proposal.quote) or \
        fold(" ".join(proposal.quote.split())[:60]) in fold(source)


def _value_matches(proposal: Proposal, target: dict) -> bool:
    if target["comparator"] == "done":
        return proposal.comparator == "done"
    if target["comparator"] == "between":
        return (proposal.min, proposal.max) == (target.get("min"), target.get("max"))
    return proposal.value == target.get("value")


def _matches(proposal: Proposal, target: dict) -> bool:
    return proposal.year == target["year"] and _value_matches(proposal, target) and \
        _same_clause(proposal, target["source"])


def score_plan(code: str, catalogue: list[Candidate] | None = None) -> Score:
    plan = tomllib.loads((resources_dir() / "plans" / f"{code}.toml").read_text("utf-8"))
    text = (resources_dir() / "plans" / "seeds" / plan["seed"]).read_text("utf-8")
    proposals = extract_plan(text, catalogue or shipped_catalogue()).targets
    targets = plan["target"]
    numeric = [t for t in targets if t["comparator"] != "done"]
    used: set[int] = set()
    found = comparator_ok = level_ok = 0
    for target in numeric:
        match = _best(proposals, target, used)
        if match is None:
            continue
        used.add(match)
        found += 1
        proposal = proposals[match]
        comparator_ok += proposal.comparator == target["comparator"]
        level_ok += (proposal.level or "tinh") == target["level"]
    real = sum(any(_matches(p, t) for t in targets) for p in proposals)
    return Score(code, len(numeric), found, len(proposals), real, comparator_ok, level_ok)


def _best(proposals: list[Proposal], target: dict, used: set[int]) -> int | None:
    candidates = [i for i, p in enumerate(proposals) if i not in used and _matches(p, target)]
    if not candidates:
        return None
    same_level = [i for i in candidates if (proposals[i].level or "tinh") == target["level"]]
    same_indicator = [i for i in same_level if proposals[i].indicator == target["indicator"]]
    return (same_indicator or same_level or candidates)[0]


SHIPPED = ("NA-2020", "TH-2016", "KT-2009", "TTH-2020", "LD-2014")


def main() -> int:
    catalogue = shipped_catalogue()
    scores = [score_plan(code, catalogue) for code in SHIPPED]
    print(f"{'plan':10} {'targets':>7} {'found':>6} {'proposed':>8} {'real':>5} "
          f"{'found%':>7} {'prec%':>6} {'comp%':>6} {'level%':>6}")
    for s in scores + [_total(scores)]:
        r = s.ratios()
        print(f"{s.plan:10} {s.numeric:7} {s.found:6} {s.proposals:8} {s.real:5} "
              f"{r['found']:7.1%} {r['precision']:6.1%} {r['comparator']:6.1%} {r['level']:6.1%}")
    return 0


def _total(scores: list[Score]) -> Score:
    return Score("all", *(sum(getattr(s, f) for s in scores) for f in
                          ("numeric", "found", "proposals", "real", "comparator_ok", "level_ok")))


if __name__ == "__main__":
    sys.exit(main())
