"""The text form of a simulation report, for authors reading a terminal."""

from __future__ import annotations

from typing import Any

from redline.plural import counted


def _bar(share: float, width: int = 30) -> str:
    full = round(share * width)
    return "█" * full + "·" * (width - full)


def format_report(r: dict[str, Any], turn_label: str = "Turn") -> str:
    """The report as text, a turn called by the scenario's word for it (`turn_label`)."""
    unit = turn_label.lower()
    lines = [
        f"{r['scenario']}: {counted(r['runs'], 'game')}, policy {r['policy']}, seed {r['seed']}",
        "",
        "Endings",
    ]
    for eid, count in sorted(r["endings"].items(), key=lambda kv: -kv[1]):
        share = r["ending_share"][eid]
        lines.append(f"  {eid:<32} {_bar(share)} {share:6.1%}  ({count})")
    lines += ["", f"{turn_label} of ending"]
    total = max(r["runs"], 1)
    for turn, count in r["end_turn"].items():
        lines.append(f"  {turn:>4} {_bar(count / total, 20)} {count}")
    lines += [
        "",
        f"Score: mean {r['mean_score']:g}, spread {r['score_spread']:g}, range {r['score_min']:g} to {r['score_max']:g}",
        "",
        "Cards (reached · option picks)",
    ]
    for cid, c in r["cards"].items():
        picks = ", ".join(f"{oid} {o['picked']}" for oid, o in c["options"].items())
        lines.append(f"  {cid:<32} {c['reached']:>6} · {picks}")
    cov = r["coverage"]
    lines += ["", "Coverage"]
    for key, label in (
        ("cards_unreached", "cards never reached"),
        ("options_unreached", "options never picked"),
        ("events_unfired", "events never fired"),
        ("red_lines_uncrossed", "red lines never crossed"),
        ("endings_unreached", "endings never reached"),
    ):
        items = cov[key]
        lines.append(f"  {label}: {', '.join(items) if items else 'none'}")
    if r["dominant_options"]:
        lines += ["", "Options that dominate their card (mean score)"]
        for d in r["dominant_options"]:
            lines.append(f"  {d['card']}.{d['option']}: {d['mean_score']:g} vs next best {d['next_best']:g}")
    lines += ["", f"Meters by {unit}: the mean after each {unit} (0 = start), and [lowest–highest] ever"]
    longest = max((len(rows) for rows in r["meters_by_turn"].values()), default=0)
    lines.append(f"  {unit:<18} " + " ".join(f"{t:>3}" for t in range(longest)))
    for mid, rows in r["meters_by_turn"].items():
        cells = " ".join(f"{row['mean']:>3.0f}" for row in rows)
        lo = min(row["min"] for row in rows)
        hi = max(row["max"] for row in rows)
        lines.append(f"  {mid:<18} {cells}  [{lo:.0f}–{hi:.0f}]")
    return "\n".join(lines)
