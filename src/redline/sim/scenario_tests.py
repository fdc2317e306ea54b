"""Scenario tests written in YAML under `scenario.tests`, run by `redline test` and pytest.

A test plays one game: when a card named in `choices` comes up, its listed option is
played; any other card is decided by the test's `policy` (by default the first available
option). When the game is over the `expect` block is checked, and every difference is
reported as an expected/got pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from redline.content import models as m
from redline.content.compiled import Scenario
from redline.engine import Action, Decide, IllegalAction, State, new_game
from redline.sim.policies import POLICIES, PolicyRng


@dataclass
class TestResult:
    scenario: str
    name: str
    seed: int
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (what, expected, got)
    notes: list[str] = field(default_factory=list)
    played: list[str] = field(default_factory=list)  # "turn card.option"
    ending: str | None = None
    turn: int = 0

    @property
    def id(self) -> str:
        return f"{self.scenario}::{self.name}"

    @property
    def passed(self) -> bool:
        return not self.problems

    def report(self, verbose: bool = False) -> str:
        head = f"{'PASS' if self.passed else 'FAIL'} {self.id}"
        if self.passed and not verbose:
            return head
        lines = [f"{head}  (seed {self.seed}, ended {self.ending or 'not'} at turn {self.turn})"]
        for what, expected, got in self.problems:
            lines.append(f"  - {what}: {expected}")
            lines.append(f"  + {what}: {got}")
        lines += [f"  note: {n}" for n in self.notes]
        if self.played:
            lines.append("  played: " + " · ".join(self.played))
        return "\n".join(lines)


def _first(state: State, legal: list[Action], r: PolicyRng) -> Action:
    return legal[0]


def run_test(scenario: Scenario, test: m.ScenarioTest) -> TestResult:
    """Play `test` on `scenario` and check its expectations."""
    result = TestResult(scenario.id, test.name, test.seed)
    planned: dict[str, list[str]] = {}
    for choice in test.choices:
        card, _, option = choice.partition(".")
        planned.setdefault(card, []).append(option)
    unused = {card: list(options) for card, options in planned.items()}
    policy = POLICIES.get(test.policy or "first", _first)
    rng = PolicyRng(test.seed)
    state, _ = new_game(scenario, test.seed, quiet=True)
    while not state.is_over:
        legal = state.legal_actions()
        card = state.card
        if not legal:  # pragma: no cover - only a human red cell stops without choices
            result.problems.append(("play", "a legal action", f"none at turn {state.turn} ({state.phase})"))
            break
        if card is not None and card.id in planned:
            options = planned[card.id]
            option = options.pop(0) if len(options) > 1 else options[0]
            if unused.get(card.id):
                unused[card.id].pop(0)
            action: Action = Decide(card.id, option)
            if action not in legal:
                why = card.option_by_id[option].model.locked_text or _needs(card.option_by_id[option])
                result.problems.append(
                    (f"choice {card.id}.{option}", "available", f"locked at turn {state.turn}: {why}")
                )
                break
        else:
            action = policy(state, legal, rng)
        if isinstance(action, Decide):
            result.played.append(f"{state.turn} {action.card}.{action.option}")
        try:
            state.apply_quiet(action)
        except IllegalAction as exc:  # pragma: no cover - legal actions apply
            result.problems.append(("play", "legal actions", str(exc)))
            break
    result.ending = state.ending.id if state.ending else None
    result.turn = state.turn
    for card, options in unused.items():
        for option in options:
            result.notes.append(f"{card}.{option} never came up")
    if state.is_over:
        _check(scenario, test.expect, state, result)
    return result


def _needs(option: object) -> str:
    when = getattr(option, "when", None)
    return f"needs {when.text}" if when is not None else "locked"


def _check(sc: Scenario, exp: m.Expectation, state: State, result: TestResult) -> None:
    problems = result.problems
    ending = state.ending
    if exp.ending is not None and (ending is None or ending.id != exp.ending):
        got = f"{ending.id} ({ending.model.title}" if ending else "none ("
        why = f", because {ending.when.text}" if ending and ending.when else ""
        problems.append(("ending", exp.ending, f"{got}{why}, turn {state.turn})"))
    if exp.turn is not None and state.turn != exp.turn:
        problems.append(("turn", str(exp.turn), str(state.turn)))
    for mid, bounds in exp.meters.items():
        value = state.meters[mid]
        if len(bounds) != 2:
            problems.append((f"meters.{mid}", "[low, high]", f"{bounds} in the test"))
        elif not bounds[0] <= value <= bounds[1]:
            problems.append((f"meters.{mid}", f"{bounds[0]:g}–{bounds[1]:g}", f"{value:g}"))
    crossed = ", ".join(state.crossed) or "none"
    for rid in exp.crossed:
        if rid not in state.crossed:
            problems.append(("crossed", rid, f"not crossed (crossed: {crossed})"))
    for rid in exp.not_crossed:
        if rid in state.crossed:
            problems.append(("not_crossed", rid, f"{rid} crossed at turn {state.crossed[rid]}"))
    for aid in exp.allies_in:
        if aid in state.out:
            why = state.grievance.get(aid, "support fell too low")
            problems.append(("allies_in", aid, f"{aid} left at turn {state.out[aid]} ({why})"))
    for aid in exp.allies_out:
        if aid not in state.out:
            problems.append(("allies_out", aid, f"{aid} stayed in (support {state.support[aid]:g})"))


def run_tests(scenario: Scenario, names: list[str] | None = None) -> list[TestResult]:
    """Run the scenario's tests (or those named), in the order written."""
    return [run_test(scenario, t) for t in scenario.info.tests if names is None or t.name in names]
