"""An event of the record is said in the players' words once, and shown as it was said.

Saying said text again doubled labels ("Kremlin Kremlin escalation": a meter's name is one of
the words of its label) and hid a consequence due after the last month ("In 2 months: …" no
longer reads as the engine's "In 2 turn(s): …", so it was never seen to come too late). These
tests read what every face built on the record shows: the month report, the after-action
report, the news log and a seat's view.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from redline.content import load
from redline.engine import Game, Inject
from redline.report import build
from redline.report.render import markdown
from redline.report.words import Said
from redline.session.report import report_for_turn

CONTENT = Path(__file__).resolve().parents[2] / "content"
_DOUBLED = re.compile(r"\b([A-Za-z]{3,}) \1\b")


def _played(scenario, seed: int) -> Game:
    game = Game.start(scenario, seed)
    rnd = random.Random(seed)
    while not game.state.is_over:
        game.apply(rnd.choice(game.state.legal_actions()))
    return game


def _month_reports(game: Game) -> list[str]:
    out = []
    for turn in range(1, game.state.turn + 1):
        for section in report_for_turn(game, turn):
            out += [f"{line.text} ({line.why})" if line.why else line.text for line in section.lines]
    return out


def _doubled(lines: list[str], scenario) -> list[str]:
    """Lines with a word said twice in a row that the scenario's own text never has."""
    written = {m.group(0) for m in _DOUBLED.finditer(" ".join(_texts(scenario)))}
    return [line for line in lines for m in _DOUBLED.finditer(line) if m.group(0) not in written]


def _texts(scenario) -> list[str]:
    out = [m.label for m in scenario.meters.values()] + [r.model.text for r in scenario.responses.values()]
    out += [c.model.title for c in scenario.cards] + [e.model.text for e in scenario.events]
    return out


@pytest.fixture
def talks_when_escalation(tmp_path):
    """The tutorial, with the talks offered on a condition that names a meter whose label holds
    its id (escalation: "Kremlin escalation"), and likely: the cause the faces say is then
    "chance 90% when Kremlin escalation ≥ 0"."""
    shutil.copytree(CONTENT / "scenarios" / "tutorial", tmp_path / "scenarios" / "tutorial")
    events = tmp_path / "scenarios" / "tutorial" / "events.yaml"
    text = events.read_text()
    assert 'when: "ceasefire >= 45"' in text and "chance: 0.3\n" in text
    text = text.replace('when: "ceasefire >= 45"', 'when: "escalation >= 0"').replace(
        "chance: 0.3\n", "chance: 0.9\n"
    )
    events.write_text(text)
    return load("tutorial", [tmp_path])


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_no_face_says_a_name_twice(shipped, talks_when_escalation, seed):
    for sc in [*shipped, talks_when_escalation]:
        game = _played(sc, seed)
        shown = _month_reports(game) + markdown(build(game)).splitlines()
        assert _doubled(shown, sc) == [], sc.id
        assert len(shown) > 50
    label = talks_when_escalation.meters["escalation"].label
    assert any(f"when {label} ≥ 0" in line for line in shown), "the edited condition should be shown"


def test_a_cause_with_a_meter_in_it_is_said_once(tutorial):
    game = _played(tutorial, 1)
    event = next(e for e in game.all_events() if e.kind == "decision")
    raw = replace(event, cause="chance 30% when escalation >= 40")
    (said,) = Said(tutorial).events([raw])
    label = tutorial.meters["escalation"].label
    assert said.cause == f"chance 30% when {label} ≥ 40"
    assert f"{label.split()[0]} {label}" not in said.cause


def test_a_consequence_due_after_the_end_is_said_never_to_come_in_every_report(tutorial):
    """The tutorial's talks bring a timetable two weeks later: brought in the last week by the
    facilitator, it would come after the game ends."""
    last = tutorial.info.turns
    game = Game.start(tutorial, 3)
    game.apply(Inject("tut_talks", last, "the room asks for talks"))
    rnd = random.Random(3)
    while not game.state.is_over:
        game.apply(rnd.choice([a for a in game.state.legal_actions() if type(a).__name__ == "Decide"]))
    scheduled = [e for e in game.all_events() if e.kind == "scheduled"]
    assert any(e.turn + 2 > last for e in scheduled), "the inject should schedule a late consequence"
    month = " ".join(line.text for section in report_for_turn(game, last) for line in section.lines)
    assert "Too late to matter (the game ends first): The first round of talks" in month
    assert "In 2 weeks: The first round of talks" not in month
    report = markdown(build(game))
    assert "Too late to matter (the game ends first): The first round of talks" in report
