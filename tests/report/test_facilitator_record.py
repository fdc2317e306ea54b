"""The record and the reports say what the facilitator's acts did: the value an override took
(held to the target's range), each inject's and ruling's effects where they happened with
values that chain, the score in every format, and clean punctuation."""

from __future__ import annotations

import csv
import io
import json

import pytest

from redline.engine import Adjudicate, Bulletin, Game, Override, Signal
from redline.engine.events import RefKind
from redline.report import export, render
from redline.report.aar import build, describe
from redline.report.words import colon, joined
from redline.session.facilitated import FacilitatedSession
from redline.session.report import report_for_turn


def _facilitated(tutorial) -> Game:  # noqa: ANN001
    """Month 1 of a facilitated game: a free-text inject, another with an ally's support, a
    ruling, and an override past the meter's top; then the month played out."""
    game = Game.start(tutorial, 3)
    game.apply(Bulletin("Kyiv's grid is hit", None, (("ceasefire", -3.0),), "a bad night"))
    game.apply(Bulletin("Berlin hesitates", None, (("ceasefire", -2.0), ("ally.germany", -5.0)), "wobble"))
    game.apply(
        Adjudicate("Blue asks Ankara", 1.0, success=(("ceasefire", 3.0), ("ally.poland", 2.0)), reason="r")
    )
    game.apply(Override("confidence", 500, reason="the umpire's call"))
    first = game.state.turn
    while game.state.turn == first and not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    return game


# ---- an override out of range ------------------------------------------------------------------


@pytest.mark.parametrize(
    "target, asked, taken",
    [("escalation", 500, 100.0), ("escalation", -40, 0.0), ("ally.germany", 150, 100.0)],
)
def test_an_override_out_of_range_records_the_value_taken(tutorial, target, asked, taken) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 3)
    events = game.apply(Override(target, asked, reason="why"))
    said = next(e for e in events if e.kind == "override")
    assert said.after == taken
    assert f"to {taken:g} (asked {asked:g}" in said.text
    # The override's event comes first, then the change it made.
    assert events[0].kind == "override"
    assert [e.after for e in events if e.kind == "change" and e.target == target] == [taken]


def test_an_override_in_range_says_the_value_only(tutorial) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 3)
    said = game.apply(Override("escalation", 55, reason="why"))[0]
    assert said.kind == "override" and said.after == 55 and said.text.endswith("to 55")
    said = game.apply(Override("escalation", 55.555, reason="why"))[0]
    assert "asked" not in said.text and said.after == game.state.meters["escalation"]


def test_the_console_toast_says_the_value_taken_by_its_label(tutorial, tmp_path) -> None:  # noqa: ANN001
    session = FacilitatedSession.start(tutorial, 3, tmp_path, {}, red_cell=False)
    said = session.override("escalation", "500", "the umpire's call")
    assert said.startswith("Kremlin escalation set to 100")
    assert "500" in said and "escalation set to 500" not in said
    assert session.state.meters["escalation"] == 100


def test_the_report_says_the_value_the_override_took(tutorial) -> None:  # noqa: ANN001
    record = build(_facilitated(tutorial))
    md = render.markdown(record)
    assert "Facilitator set Ukrainian confidence to 100 (asked 500" in md
    assert "to 500" not in md and "= 500" not in md
    act = next(f for f in record.facilitator if f.kind == "override")
    assert act.text == "Override: Ukrainian confidence = 100 (asked 500)"
    entry = next(e for t in record.timeline for e in t.entries if e.kind == "override")
    assert [c.after for c in entry.changes] == [100]


# ---- effects where they happened ------------------------------------------------------------------


def test_inject_and_ruling_effects_sit_under_their_act_and_chain(tutorial) -> None:  # noqa: ANN001
    game = _facilitated(tutorial)
    start = game.states[0].meters
    month = build(game).timeline[0]
    kinds = [e.kind for e in month.entries]
    assert kinds[:4] == ["bulletin", "bulletin", "adjudication", "override"]
    assert not game.state.is_over and game.state.turn == 2
    for end in (e for e in month.entries if e.kind == "turn_end"):  # nothing left for the month's end
        assert not any(
            (c.cause or "").startswith(("a free-text inject", "ruling", "override")) for c in end.changes
        )
    bulletin, other, ruling, override = month.entries[:4]
    assert [(c.label, c.before, c.after) for c in bulletin.changes] == [
        ("Ceasefire stability", start["ceasefire"], start["ceasefire"] - 3)
    ]
    assert [c.after - c.before for c in other.changes] == [-2, -5]
    assert [c.after - c.before for c in ruling.changes] == [3, 2]
    assert [(c.before, c.after) for c in override.changes] == [(start["confidence"], 100)]
    # Each value follows from the one before it, down the month, for every meter and ally.
    last: dict[str, float] = {}
    for entry in month.entries:
        for c in entry.changes:
            if c.label in last and not isinstance(c.after, bool):
                assert c.before == last[c.label], (entry.title, c.label)
            last[c.label] = c.after


def test_the_month_report_puts_each_effect_under_its_own_act(tutorial) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 3)
    game.apply(Override("confidence", 500, reason="the umpire's call"))
    # A free-text inject for Kyiv only: the room sees its effect, not its text.
    game.apply(Bulletin("For Kyiv's eyes", "kyiv", (("ceasefire", -3.0),), "private"))
    while game.state.turn == 1:
        game.apply(game.state.legal_actions()[0])
    events = next(s for s in report_for_turn(game, 1) if s.title == "Events").lines
    head = next(i for i, line in enumerate(events) if line.kind == "override")
    assert events[head + 1].text.startswith("Ukrainian confidence +") and events[head + 1].indent == 1
    shown = next(
        s for s in report_for_turn(game, 1, public=True, role="coalition_lead") if s.title == "Events"
    )
    hidden = next(line for line in shown.lines if line.text.startswith("Ceasefire stability −3"))
    assert hidden.indent == 0  # on its own line, never under the override's headline
    assert not any(line.text == "For Kyiv's eyes" for line in shown.lines)


def test_the_record_orders_each_act_before_its_changes(tutorial) -> None:  # noqa: ANN001
    game = _facilitated(tutorial)
    for batch in game.events[1:5]:
        assert batch[0].kind in ("bulletin", "adjudication", "override")
        origin = batch[0].ref
        assert origin is not None and origin.kind in (
            RefKind.BULLETIN,
            RefKind.ADJUDICATION,
            RefKind.OVERRIDE,
        )
        assert all(e.ref == origin for e in batch[1:] if e.kind == "change")


# ---- the score in every format ------------------------------------------------------------------


def test_json_and_csv_carry_the_score_of_a_game_in_progress(tutorial) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 3)
    game.apply(game.state.legal_actions()[0])
    record = build(game)
    assert not record.result.over
    doc = json.loads(export.to_json(record))
    assert doc["over"] is False and doc["ending"] is None
    assert doc["score"] == record.result.score == game.state.score
    rows = list(csv.DictReader(io.StringIO(export.to_csv(record))))
    assert rows[-1]["kind"] == "result" and rows[-1]["title"] == "Game in progress"
    assert rows[-1]["outcome"] == f"Score {record.result.score:g}"
    assert len(doc["records"]) == len(rows)


def test_json_of_a_finished_game_names_its_ending(tutorial) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 3)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    doc = json.loads(export.to_json(build(game)))
    assert doc["over"] is True and doc["ending"] == game.state.ending.model.title
    assert doc["score"] == game.state.score


# ---- punctuation ------------------------------------------------------------------------------------


def test_a_sentence_is_followed_by_a_dash_and_a_question_by_nothing() -> None:
    assert joined("They come home.", "Public −3") == "They come home. — Public −3"
    assert joined("Grid hit", "Public −3") == "Grid hit; Public −3"
    assert joined("Grid hit", "") == "Grid hit"
    assert colon("Strictly after a ceasefire, or earlier?") == "Strictly after a ceasefire, or earlier?"
    assert colon("On whose consent") == "On whose consent:"


def test_no_title_ending_in_a_question_mark_is_followed_by_a_colon(tutorial) -> None:  # noqa: ANN001
    game = Game.start(tutorial, 3)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    record = build(game)
    assert any(d.title.endswith("?") for d in record.decisions)
    for text in (render.markdown(record), render.summary_html(record)):
        assert "?:" not in text
    assert not any("?:" in e.text for e in game.all_events())  # the engine's record too
    steps = [describe(a, tutorial) for a in game.actions]
    assert not any("?:" in s for s in steps)


def test_an_empty_signal_is_said_in_words(tutorial) -> None:  # noqa: ANN001
    assert describe(Signal(()), tutorial) == "Red cell signals nothing"
    said = describe(Signal(("tv_warning",)), tutorial)
    assert "_" not in said and said.startswith("Red cell signals: ")
