"""What an option touches, before the player chooses it: which allies its tags move and which
way, and which of Moscow's red lines it brings nearer (or crosses).

Computed by the engine (`State.preview`: the option's certain effects and the allies'
reactions, no dice), compared with the state as it is; nothing here knows a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from redline.content.compiled import COption, CRedLine
from redline.engine import State, ladder


@dataclass(frozen=True)
class AllyMove:
    name: str
    delta: float


@dataclass(frozen=True)
class RedLineMove:
    label: str
    before: float | None  # the gauge, 0-100, when the scenario gives one
    after: float | None
    crosses: bool  # the certain effects alone cross it


@dataclass(frozen=True)
class Touches:
    allies: list[AllyMove] = field(default_factory=list)
    red_lines: list[RedLineMove] = field(default_factory=list)
    chance: bool = False  # the option also has outcomes left to chance, not counted here


def gauge(red_line: CRedLine, state: State) -> float | None:
    """How near a red line is, 0-100, or None when the scenario gives no gauge."""
    return ladder.gauge(state, red_line)


def _crossed(red_line: CRedLine, state: State) -> bool:
    try:
        return bool(red_line.crossed.fn(state))
    except (TypeError, ValueError, ZeroDivisionError):
        return False


def touches(state: State, option: COption) -> Touches:
    after = state.preview(option)
    sc = state.scenario
    allies = [
        AllyMove(sc.allies[aid].name, round(after.support[aid] - before, 2))
        for aid, before in state.support.items()
        if aid not in state.out and abs(after.support[aid] - before) >= 0.01
    ]
    allies.sort(key=lambda a: (-abs(a.delta), a.name))
    lines = []
    for rl in sc.red_lines:
        if rl.id in state.crossed:
            continue
        crosses = _crossed(rl, after) and not _crossed(rl, state)
        g0, g1 = gauge(rl, state), gauge(rl, after)
        nearer = g0 is not None and g1 is not None and g1 - g0 >= 0.5
        if crosses or nearer:
            lines.append(RedLineMove(rl.model.label, g0, g1, crosses))
    return Touches(allies, lines, bool(option.outcomes))
