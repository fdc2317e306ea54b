"""A scenario's own `balance:` gates, checked by `redline simulate --assert` and in tests."""

from __future__ import annotations

from redline.content.compiled import Scenario
from redline.sim import simulate


def check_gates(
    scenario: Scenario, seed: int = 1, workers: int = 1, packs: tuple[str, ...] = ()
) -> list[str]:
    """Return one line per failed gate (empty when all pass)."""
    failures: list[str] = []
    for gate in scenario.info.balance:
        r = simulate(scenario, gate.runs, seed, gate.policy, workers, packs=packs)
        share = r["ending_share"]
        if gate.ending_max is not None:
            for eid, s in share.items():
                if s > gate.ending_max:
                    failures.append(
                        f"{gate.name}: ending '{eid}' in {s:.1%} of games (max {gate.ending_max:.0%})"
                    )
        for eid, low in gate.ending_min.items():
            if share.get(eid, 0.0) < low:
                failures.append(
                    f"{gate.name}: ending '{eid}' in {share.get(eid, 0.0):.1%} of games (min {low:.0%})"
                )
        if gate.all_endings and r["coverage"]["endings_unreached"]:
            failures.append(
                f"{gate.name}: endings never reached: {', '.join(r['coverage']['endings_unreached'])}"
            )
        if gate.full_coverage:
            cov = r["coverage"]
            if cov["cards_unreached"]:
                failures.append(f"{gate.name}: cards never reached: {', '.join(cov['cards_unreached'])}")
            if cov["options_unreached"]:
                failures.append(f"{gate.name}: options never picked: {', '.join(cov['options_unreached'])}")
    return failures
