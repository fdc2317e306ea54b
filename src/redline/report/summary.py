"""The participants' summary: two pages for the room at the hot-wash, apart from the full
archive. It keeps what a debrief talks about — the result, the decisions that moved the game
most, the red lines, the branches a rewind kept (with the red lines each crossed), the injects
and rulings, and the observations — and leaves the ledgers to the full report."""

from __future__ import annotations

from dataclasses import dataclass, replace

from redline.report.aar import AfterAction, BranchRecord, Entry, FacilitatorAct, Observation

# Enough to talk through in a debrief and to fit two printed pages.
MAX_DECISIONS = 5
MAX_ACTS = 8


@dataclass(frozen=True)
class Mattered:
    decision: Entry
    moved: float  # points of meters and support the decision moved, all told


@dataclass(frozen=True)
class Summary:
    record: AfterAction
    mattered: list[Mattered]
    crossed: list[tuple[str, int, str]]  # (label, turn, quote)
    nearest_kept: list[tuple[str, float]]  # (label, highest proximity) of lines kept
    branches: list[BranchRecord]
    acts: list[FacilitatorAct]
    observations: dict[str, list[Observation]]


def _moved(entry: Entry) -> float:
    total = 0.0
    for c in entry.changes:
        if isinstance(c.before, bool) or isinstance(c.after, bool):
            total += 5.0  # a flag turned is worth a few points: it opens and closes cards
        elif isinstance(c.before, int | float) and isinstance(c.after, int | float):
            total += abs(c.after - c.before)
    return total


def build_summary(record: AfterAction) -> Summary:
    ranked = sorted(
        (Mattered(d, _moved(d)) for d in record.decisions), key=lambda m: (-m.moved, m.decision.turn)
    )
    mattered = sorted(ranked[:MAX_DECISIONS], key=lambda m: m.decision.turn)
    crossed = [
        (rl.label, rl.crossed_turn, rl.quote) for rl in record.red_lines if rl.crossed_turn is not None
    ]
    kept = sorted(
        ((rl.label, rl.peak) for rl in record.red_lines if rl.crossed_turn is None and rl.peak is not None),
        key=lambda x: -x[1],
    )[:3]
    acts = [a for a in record.facilitator if a.kind in ("inject", "bulletin", "adjudication", "override")]
    # Every reason here is the facilitator's (an inject's MSEL note, an override's, a free-text
    # inject's, a ruling's): kept from the room, as in play (session/public.py). The full report,
    # the facilitator's archive, keeps them.
    acts = [replace(a, reason=None) for a in acts]
    groups: dict[str, list[Observation]] = {"strength": [], "improvement": [], "observation": []}
    for obs in record.observations:
        groups.setdefault(obs.kind, []).append(obs)
    return Summary(record, mattered, crossed, kept, list(record.branches), acts[:MAX_ACTS], groups)
