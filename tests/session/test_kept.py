"""What a save holds, move for move: every save that was written (the autosave, a save under a
name, the file a game was loaded from) is where the game is kept, and the session says how
many moves no save holds. The questions before quitting, loading and starting anew, and the
crash message, read these."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.session.local import Session

MAIN = "reassurance-force"


@pytest.fixture(scope="module")
def by_id(shipped):
    return {s.id: s for s in shipped}


def _decide_first(session: Session) -> None:
    session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]


def test_a_new_game_holds_nothing_saved(by_id, tmp_path):
    session = Session.new(by_id[MAIN], 1, tmp_path)
    assert session.kept_in is None and session.unsaved() == 0 and not session.is_saved_as_is()
    _decide_first(session)
    assert session.unsaved() == 1 and not session.kept_at_turn_start()


def test_a_save_under_a_name_keeps_the_game_mid_month(by_id, tmp_path):
    session = Session.new(by_id[MAIN], 1, tmp_path)
    _decide_first(session)
    path, error = session.save_as("before consent")
    assert error is None and session.kept_in is not None and session.kept_in.path == path
    assert session.is_saved_as_is() and session.unsaved() == 0
    assert not session.kept_at_turn_start()  # one decision into month 1
    _decide_first(session)
    assert session.unsaved() == 1 and not session.is_saved_as_is()


def test_the_turn_end_autosave_is_at_the_start_of_the_next_turn(by_id, tmp_path):
    session = Session.new(by_id[MAIN], 1, tmp_path)
    while session.state.turn == 1:
        _decide_first(session)
    assert session.kept_in is not None and session.kept_in.path == session.autosave_path
    assert session.kept_in.turn == 2 and session.kept_at_turn_start() and session.is_saved_as_is()
    _decide_first(session)
    assert session.kept_at_turn_start() and session.unsaved() == 1


def test_a_move_taken_back_and_made_again_otherwise_is_unsaved(by_id, tmp_path):
    session = Session.new(by_id[MAIN], 1, tmp_path)
    _decide_first(session)
    _decide_first(session)
    session.save_as("two")
    session.undo()
    assert session.unsaved() == 0 and not session.is_saved_as_is()  # the save holds one more
    card = session.state.card
    assert card is not None
    other = [a.option for a in session.state.legal_actions()][-1]  # type: ignore[union-attr]
    session.decide(other)
    saved = session.kept_in.actions[-1]  # type: ignore[union-attr]
    assert session.unsaved() == (0 if saved.option == other else 1)  # type: ignore[attr-defined]


def test_a_loaded_game_is_kept_in_its_file(by_id, tmp_path):
    session = Session.new(by_id["tutorial"], 4, tmp_path)
    _decide_first(session)
    path, _ = session.save_as("mine")
    loaded, message = Session.load(path, tmp_path, None)
    assert message is None and loaded.kept_in is not None and loaded.kept_in.path == path
    assert loaded.is_saved_as_is()


def test_a_save_that_fails_keeps_the_earlier_one(by_id, tmp_path):
    session = Session.new(by_id[MAIN], 1, tmp_path)
    _decide_first(session)
    first, _ = session.save_as("first")
    _decide_first(session)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert session.save_to(blocked / "x.json", {"label": "x"}) is not None
    assert session.kept_in is not None and session.kept_in.path == first and session.unsaved() == 1


@pytest.fixture(scope="module")
def main(by_id):
    return _Quiet(by_id[MAIN])


class _Quiet:
    """The scenario with a short repr, for hypothesis's report of a failing example."""

    def __init__(self, scenario):  # type: ignore[no-untyped-def]
        self.scenario = scenario

    def __repr__(self) -> str:
        return MAIN


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["decide", "undo", "save"]), max_size=12), st.integers(0, 50))
def test_unsaved_counts_the_moves_a_replay_of_the_save_would_not_give(main, tmp_path_factory, moves, seed):
    """Whatever is decided, taken back and saved: the last save, replayed, holds this game's
    first len(actions) - unsaved() moves, and saved-as-is means it holds exactly this game."""
    from redline.saves import read_save

    saves = tmp_path_factory.mktemp("saves")
    session = Session.new(main.scenario, seed, saves)
    for move in moves:
        if move == "decide" and not session.state.is_over:
            _decide_first(session)
        elif move == "undo" and session.can_undo():
            session.undo()
        elif move == "save":
            session.save_as("s")
    actions = list(session.game.actions)
    if session.kept_in is None:
        assert session.unsaved() == len(actions)
        return
    on_disk = list(read_save(session.kept_in.path).actions)
    held = len(actions) - session.unsaved()
    assert on_disk[:held] == actions[:held]
    assert held == len(actions) or on_disk[held : held + 1] != actions[held : held + 1]
    assert session.is_saved_as_is() == (on_disk == actions)
