"""A facilitated session's autosave is where its game is kept, as for a game played alone: the
questions before quitting, loading or starting anew read `kept_in` to say what is true."""

from __future__ import annotations

from redline.saves import read_save
from redline.session.facilitated import FacilitatedSession


def test_a_written_autosave_is_where_the_session_is_kept(tutorial, tmp_path):
    session = FacilitatedSession.start(tutorial, 5, tmp_path, {}, red_cell=False)
    assert session.kept_in is None  # nothing written yet: a question must say it would be lost
    while session.state.turn < 2:
        session.decide(session.state.legal_actions()[0].option)
    assert session.kept_in is not None and session.kept_in[:2] == (session.autosave_path, 2)
    assert read_save(session.autosave_path).actions == session.game.actions


def test_a_failed_autosave_is_not_where_the_session_is_kept(tutorial, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the saves folder should be")
    session = FacilitatedSession.start(tutorial, 5, blocked, {}, red_cell=False)
    while session.state.turn < 2:
        decided = session.decide(session.state.legal_actions()[0].option)
    assert decided.autosave_error and session.kept_in is None
