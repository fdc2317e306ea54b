"""RL311: a consequence booked too late to come is a warning, reckoned from the earliest turn
its card can come up in (the card's condition read turn by turn)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.content import load_scenario
from redline.content.lint import lint

BASE = Path(__file__).resolve().parent / "broken" / "_base" / "scenario.yaml"


def _scenario(tmp_path: Path, when: str, after: int):  # type: ignore[no-untyped-def]
    text = BASE.read_text(encoding="utf-8")
    old = "    role: lead\n    options:\n"
    assert old in text
    text = text.replace(old, f'    role: lead\n    when: "{when}"\n    options:\n', 1)
    old = "        effects: {deployed: true, escalation: 5}\n"
    text = text.replace(
        old, old + f"        later:\n          - {{after: {after}, text: Later., effects: {{calm: 1}}}}\n", 1
    )
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    return load_scenario(folder)


@pytest.mark.parametrize(
    ("when", "after", "warned"), [("turn >= 2", 1, False), ("turn >= 2", 2, True), ("turn >= 1", 2, False)]
)
def test_a_consequence_after_the_last_turn_is_warned_of(tmp_path, when, after, warned):
    sc = _scenario(tmp_path, when, after)  # the game lasts 3 turns
    found = [w for w in lint(sc) if w.code == "RL311"]
    assert bool(found) == warned, found
    if warned:
        assert "booked in turn 2 at the earliest" in found[0].message


def test_the_shipped_scenarios_promise_no_consequence_that_cannot_come():
    root = Path(__file__).resolve().parents[2] / "content" / "scenarios"
    for sid in ("tutorial", "reassurance-force"):
        assert not [w for w in lint(load_scenario(root / sid)) if w.code == "RL311"], sid
