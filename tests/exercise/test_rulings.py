"""Free-text injects, off-card adjudication and hot-wash observations: actions like any
other, so a save replays them, and the report and its exports show them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.content.catalog import load
from redline.engine import Adjudicate, Bulletin, Game, IllegalAction, Observe, replay
from redline.engine.actions import from_dict, to_dict
from redline.report import export
from redline.report.aar import build
from redline.report.render import summary_html
from redline.saves import read_save, restore, write_save


@pytest.fixture(scope="module")
def tutorial():  # noqa: ANN201
    return load("tutorial")


def test_a_free_text_inject_changes_what_it_says(tutorial) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 3)
    before = game.state.meters["confidence"]
    events = game.apply(
        Bulletin("Kyiv's mayor asks for shelters", "kyiv", (("confidence", -4.0),), "a bad week")
    )
    assert game.state.meters["confidence"] == before - 4
    assert events[0].kind == "bulletin" and events[0].target == "kyiv"


@pytest.mark.parametrize(
    "action, message",
    [
        (Bulletin("  "), "needs its text"),
        (Bulletin("x", "parliament"), "no role"),
        (Bulletin("x", None, (("confidence", -3.0),)), "needs a reason"),
        (Bulletin("x", None, (("confidence", True),), "r"), "takes a change"),
        (Bulletin("x", None, (("nowhere", 1.0),), "r"), "nothing called"),
        (Adjudicate("x", 1.5), "from 0 to 1"),
        (Adjudicate("x", 0.5, success=(("confidence", 3.0),)), "needs a reason"),
        (Observe("x", "rant"), "one of"),
    ],
)
def test_bad_rulings_are_refused_and_change_nothing(tutorial, action, message) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 3)
    fingerprint = game.state.fingerprint()
    with pytest.raises(IllegalAction, match=message):
        game.apply(action)
    assert game.state.fingerprint() == fingerprint


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32), odds=st.floats(0, 1))
def test_a_ruling_rolls_the_same_on_replay(tutorial, seed: int, odds: float) -> None:  # noqa: ANN001
    game = Game.start(tutorial, seed)
    ruling = Adjudicate(
        "Blue offers Ankara a role",
        odds,
        "coalition_lead",
        success=(("confidence", 5.0),),
        failure=(("confidence", -5.0),),
        reason="matrix ruling",
    )
    game.apply(ruling)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    again, failed, _ = replay(tutorial, seed, [from_dict(to_dict(a)) for a in game.actions])
    assert failed is None
    assert again.state.fingerprint() == game.state.fingerprint()
    won = next(e for e in game.all_events() if e.kind == "adjudication").after
    assert won is (odds == 1 or (odds > 0 and won))


def test_observations_come_after_the_end_and_reach_the_report(tutorial, tmp_path: Path) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 8)
    game.apply(
        Bulletin("The press asks for a date", None, (("confidence", -2.0),), "a hard question", "Press")
    )
    game.apply(
        Adjudicate(
            "Ask Ankara to escort grain ships",
            0.5,
            "coalition_lead",
            success=(("confidence", 3.0), ("ally.france", 2.0)),
            failure=(("escalation", 2.0),),
            reason="off-card idea",
        )
    )
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    game.apply(Observe("The vote was quick and clear", "strength", "coalition_lead"))
    game.apply(Observe("Nobody asked Kyiv first", "improvement"))
    path = write_save(tmp_path / "s.json", game)
    restored = restore(read_save(path), tutorial)
    assert restored.game.state.fingerprint() == game.state.fingerprint()
    record = build(restored.game)
    assert [o.text for o in record.observations] == [
        "The vote was quick and clear",
        "Nobody asked Kyiv first",
    ]
    rows = list(csv.DictReader(io.StringIO(export.to_csv(record))))
    decisions = [a for a in game.actions if type(a).__name__ == "Decide"]
    assert sum(r["kind"] == "decision" for r in rows) == len(decisions)
    assert {r["kind"] for r in rows} >= {"decision", "bulletin", "adjudication", "strength", "improvement"}
    doc = json.loads(export.to_json(record))
    assert doc["scenario"] == "tutorial" and len(doc["records"]) == len(rows)
    page = summary_html(record)
    for text in (
        "The vote was quick and clear",
        "Nobody asked Kyiv first",
        "Ask Ankara to escort grain ships",
    ):
        assert text in page


def test_the_summary_lists_the_red_lines_each_branch_crossed(tutorial) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 2)
    # Deploy early, so the branch crosses the line against troops during hostilities.
    while not game.state.is_over:
        actions = game.state.legal_actions()
        game.apply(actions[1] if len(actions) > 1 else actions[0])
    crossed_first = set(game.state.crossed)
    assert crossed_first
    game.rewind(1, "the bold line")
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    record = build(game)
    branch = record.branches[0]
    labels = {rl.id: rl.model.label for rl in tutorial.red_lines}
    assert set(branch.crossed) == {labels[r] for r in crossed_first}
    page = summary_html(record)
    assert "the bold line" in page
    for label in branch.crossed:
        assert label in page


def test_fourteen_allies_get_fourteen_line_styles() -> None:
    from redline.report.charts import styled

    lines = styled([(f"ally {i}", (50.0,)) for i in range(14)])
    assert len({(line.color, line.dash) for line in lines}) == 14
