"""A session plan is held at load to what the engine takes in play: a free-text inject's
change beyond what a ruling may make (or not a finite number) is refused with the plan's
file:line:col, never met as an error in the middle of a session."""

from __future__ import annotations

import pytest

from redline.cli import main
from redline.engine.rulings import MAX_CHANGE

INJECT = '      text: "A journalist'


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "plan.yaml"
    assert main(["plan", "new", "tutorial", "-o", str(path)]) == 0
    return path


def _with_changes(path, changes: str) -> None:
    text = path.read_text()
    assert INJECT in text
    path.write_text(text.replace(INJECT, f"      changes: [{changes}]\n      reason: a ruling\n{INJECT}", 1))


@pytest.mark.parametrize(
    "changes, says",
    [
        ("{target: escalation, value: 1e308}", "outside -100 to +100"),
        ("{target: escalation, value: -101}", "outside -100 to +100"),
        ("{target: ally.france, value: 1000}", "outside -100 to +100"),
        ("{target: escalation, value: .nan}", "not a finite number"),
        ("{target: escalation, value: -.inf}", "not a finite number"),
    ],
)
def test_a_change_the_engine_would_refuse_is_refused_at_load(plan, capsys, changes, says):
    _with_changes(plan, changes)
    capsys.readouterr()
    code = main(["validate", str(plan)])
    out = capsys.readouterr().out
    assert code == 1 and says in out and f"{plan.name}:" in out.splitlines()[0], out


def test_the_largest_change_loads(plan, capsys):
    _with_changes(
        plan, f"{{target: escalation, value: {MAX_CHANGE}}}, {{target: ally.france, value: -{MAX_CHANGE}}}"
    )
    capsys.readouterr()
    assert main(["validate", str(plan)]) == 0, capsys.readouterr().out
