"""`redline report SAVE --format csv|json`: the session's record as data for a spreadsheet or a
script — every decision (with its vote and rationale), inject, ruling, override, note, the red
cell's moves and the hot-wash's observations — in the words players read, built from the same
after-action record."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from redline.report.aar import AfterAction
from redline.report.words import num
from redline.textsafe import sheet_cell

COLUMNS = ("kind", "turn", "title", "choice", "who", "role", "votes", "rationale", "outcome", "reason")


def rows(record: AfterAction) -> list[dict[str, Any]]:
    """One row per decision, then one per facilitator's or red cell's act, in turn order."""
    out: list[dict[str, Any]] = []
    for turn in record.timeline:
        for e in turn.decisions:
            out.append(
                {
                    "kind": "decision",
                    "turn": e.turn,
                    "title": e.title,
                    "choice": e.text,
                    "who": e.who or "",
                    "role": e.role or "",
                    "votes": "; ".join(f"{v.label}: {v.count}" for v in e.votes),
                    "rationale": e.note or "",
                    "outcome": e.outcome or "",
                    "reason": "",
                }
            )
    for act in record.facilitator:
        out.append(
            {
                "kind": act.kind,
                "turn": act.turn,
                "title": act.text,
                "choice": "",
                "who": act.who or "",
                "role": "",
                "votes": "",
                "rationale": "",
                "outcome": "",
                "reason": act.reason or "",
            }
        )
    for obs in record.observations:
        out.append(
            {
                "kind": obs.kind,
                "turn": obs.turn,
                "title": obs.text,
                "choice": "",
                "who": obs.by or "",
                "role": "",
                "votes": "",
                "rationale": "",
                "outcome": "",
                "reason": "",
            }
        )
    out.sort(key=lambda r: r["turn"])  # stable: decisions keep their order within a turn
    out.append(_result_row(record))
    return out


def _result_row(record: AfterAction) -> dict[str, Any]:
    """The last row: how the game ended, or that it is still in progress, and the score as
    the other reports give it (the current score while the game goes on)."""
    result = record.result
    return {
        "kind": "result",
        "turn": record.reached,
        "title": result.title if result.over else "Game in progress",
        "choice": "",
        "who": "",
        "role": "",
        "votes": "",
        "rationale": "",
        "outcome": f"Score {num(result.score)}",
        "reason": "",
    }


def _cell(value: Any) -> Any:
    return sheet_cell(value)  # never a formula to a spreadsheet


def to_csv(record: AfterAction) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(record):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buf.getvalue()


def to_json(record: AfterAction) -> str:
    result = record.result
    doc = {
        "scenario": record.scenario_id,
        "title": record.title,
        "seed": record.seed,
        "saved": record.saved,
        "over": result.over,  # false: the game is in progress, with no ending yet
        "turn": record.reached,
        "ending": result.title if result.over else None,
        "score": result.score,  # while in progress, the score as the game stands
        "records": rows(record),
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
