"""The text form of `redline analyze`: tables an author reads in a terminal."""

from __future__ import annotations

from typing import Any

from redline.plural import counted


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


def _table(head: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """Columns as wide as their widest cell; numbers (the `right` columns) aligned right."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        out = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  " + "  ".join(out).rstrip()

    return [line(head), "  " + "  ".join("─" * w for w in widths), *map(line, rows)]


def format_analysis(r: dict[str, Any]) -> str:
    lines = [
        f"{r['scenario']}: {counted(r['runs'], 'game')} of random play, seed {r['seed']}",
        f"Success: {', '.join(r['success_endings']) or 'none'} ({r['success_from']})",
        f"Success rate {_pct(r['success_rate'])}, mean score {_num(r['mean_score'])}",
        "",
        "Policy ladder: mean score with its 95% confidence interval",
    ]
    rows = []
    for policy, p in r["policies"].items():
        lo, hi = p["ci95"]
        rows.append(
            [policy, str(p["games"]), _num(p["mean_score"]), f"{lo:.1f} – {hi:.1f}", _pct(p["success_rate"])]
        )
    lines += _table(["policy", "games", "mean", "95% interval", "success"], rows, {1, 2, 4})

    lines += [
        "",
        "Topics: effect = the largest spread of success (best option − worst) on one card,",
        f"among options chosen in at least {counted(r['min_games'], 'game')}",
    ]
    rows = []
    topics = sorted(r["topics"].items(), key=lambda kv: -(kv[1]["effect"] or 0.0))
    for topic, t in topics:
        if t["effect"] is None:
            rows.append([topic, "—", "too few games", "", ""])
        else:
            rows.append([topic, f"{t['effect']:.2f}", t["card"], t["best"], t["worst"]])
    lines += _table(["topic", "effect", "card", "best", "worst"], rows, {1})

    lines += ["", "Red lines: share of games that crossed it, and success with it crossed or kept"]
    rows = [
        [
            rid,
            _pct(x["crossed_share"]),
            _pct(x["success_if_crossed"]),
            _pct(x["success_if_kept"]),
            "—" if x["cost"] is None else f"{x['cost'] * 100:.0f} pts",
        ]
        for rid, x in r["red_lines"].items()
    ]
    lines += _table(["red line", "crossed", "success if crossed", "if kept", "cost"], rows, {1, 2, 3, 4})

    lines += ["", "Options: games in which it was chosen, their success rate and mean score"]
    rows = []
    topic = None
    for o in sorted(r["options"], key=lambda o: o["topic"]):
        shown = o["topic"] if o["topic"] != topic else ""
        topic = o["topic"]
        rows.append(
            [
                shown,
                f"{o['card']}.{o['option']}",
                str(o["games"]),
                _pct(o["success_rate"]),
                _num(o["mean_score"]),
            ]
        )
    lines += _table(["topic", "option", "games", "success", "mean"], rows, {2, 3, 4})
    return "\n".join(lines)
