"""`redline plan new`: a commented plan for a scenario that validates as written."""

from __future__ import annotations

import json

from redline.content.compiled import Scenario

TEAM_NAMES = ("Blue", "Yellow", "Green", "Orange", "Purple", "Grey")
SCHEMA_NAME = "plan.schema.json"


def _q(value: object) -> str:
    """A YAML scalar that reads back as exactly `value` (JSON is YAML, and escapes everything)."""
    return json.dumps(value, ensure_ascii=False)


def _line(text: str, limit: int = 200) -> str:
    """Text from the scenario on one line, within `limit`: in a comment, a line break would
    start a line of YAML of its own; in a value, the plan's own limits apply."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def plan_text(scenario: Scenario, schema_ref: str | None = None) -> str:
    info = scenario.info
    month = _line(info.turn_label.lower(), 40)
    suffix = " - tabletop exercise"
    lines = []
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    lines += [
        f"# A session plan for {_line(info.title)}.",
        "# Check it with `redline validate THIS_FILE`; start it with",
        "# `redline play --facilitate --plan THIS_FILE` or `redline host --plan THIS_FILE`.",
        "plan:",
        f"  title: {_q(_line(info.title, 120 - len(suffix)) + suffix)}",
        f"  scenario: {info.id}",
        "  seed:            # empty: a new seed each time; a number replays a known game",
        "  # full: one move per " + month + "; ninety_minutes: four moves of three " + month + "s",
        "  format: full",
        "  hide_red_lines: false   # true keeps Moscow's red lines from the players until the debrief",
        "  show_odds: true",
        "  moves:",
        f"    months: 1          # {month}s of play in one move",
        "    minutes: 15          # the time box of each move; 0 for no timer",
        "    when_time_is_up: warn   # or move_on",
        "  seats:",
    ]
    names = iter(TEAM_NAMES)
    for role in scenario.roles.values():
        lines.append(f"    - role: {role.id}")
        team = "Red cell" if role.red_cell else next(names, _line(role.name, 60))
        lines.append(f"      team: {_q(team)}")
        if role.red_cell:
            lines.append("      red_cell: true")
        lines.append("      objectives: []   # one line each, e.g. - Keep every ally in the coalition")
    lines.append("  # The MSEL: each inject is an event of the scenario or a free text.")
    lines.append("  injects:")
    events = [e for e in scenario.events if e.model.turn is None][:2]
    for n, ev in enumerate(events, start=1):
        lines += [
            f"    - number: {n}",
            f"      turn: {min(n + 1, info.turns)}",
            f"      event: {ev.id}   # {_line(ev.model.title)}",
            '      from: "White cell"',
            "      to: all",
            '      expected_action: ""',
            '      notes: ""',
        ]
    n = len(events) + 1
    lines += [
        f"    - number: {n}",
        f"      turn: {min(n + 1, info.turns)}",
        f"      text: {_q('A journalist asks the coalition when its soldiers will come home.')}",
        '      from: "Press"',
        "      to: all",
        f"      expected_action: {_q('The teams agree on one public answer.')}",
        '      notes: ""',
    ]
    return "\n".join(lines) + "\n"
