"""'Start a new game?' says what is true of the saves: each scenario has one autosave, so a new
game of a scenario replaces the unfinished game autosaved for it in an earlier sitting. The
question says so, in the scenario's own unit and without a file name, and offers to keep
both; Esc goes back and changes nothing. A finished game's autosave, or none, asks nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import make_app, settle, widget_text

from redline.content import load_scenario
from redline.saves import list_saves, read_save
from redline.tui.dialogs.confirm import ConfirmDialog
from redline.tui.dialogs.message import MessageDialog
from redline.tui.dialogs.replaced import ReplaceDialog
from redline.tui.screens.briefing import BriefingScreen
from redline.tui.screens.picker import PickerScreen
from redline.tui.screens.title import TitleScreen
from redline.tui.session import Session

pytestmark = pytest.mark.usefixtures("frozen_save_time")

SIZE = (120, 36)


def _left_in_week_3(content: list[Path], saves: Path) -> Path:
    """An unfinished tutorial autosaved at the start of week 3, in an earlier sitting."""
    session = Session.new(load_scenario(content[0] / "scenarios" / "tutorial"), 11, saves)
    while session.state.turn < 3:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    assert session.kept_in is not None and session.kept_in[1] == 3
    return session.autosave_path


async def test_the_question_says_the_autosave_is_replaced_and_esc_changes_nothing(saves, tutorial_only):
    autosave = _left_in_week_3(tutorial_only, saves)
    before = autosave.read_bytes()
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")  # a new tutorial, from the title menu
        assert isinstance(app.screen, ReplaceDialog)
        said = widget_text(app.screen)
        assert "Start a new game?" in said
        # the title screen's tests clock is 14:30, the save 12:00
        assert "This replaces the unfinished game autosaved 2 h ago (Week 3 of 5)" in said
        assert "Keep both" in said and "“Week 3 · 2025-09-05 12:00”" in said
        assert ".json" not in said and "turn" not in said.lower() and "tutorial" not in said
        await pilot.press("escape")  # back: nothing started, nothing written
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen) and app.session is None
        assert autosave.read_bytes() == before
        await pilot.press("t", "n")  # "n" is back as well
        assert isinstance(app.screen, TitleScreen) and app.session is None
        assert autosave.read_bytes() == before


async def test_start_anyway_replaces_the_old_autosave(saves, tutorial_only):
    autosave = _left_in_week_3(tutorial_only, saves)
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "y")
        assert isinstance(app.screen, BriefingScreen) and app.session.game.actions == []
        await pilot.press("enter")
        app.session.decide(app.session.state.legal_actions()[0].option)  # the end of week 1
        kept = read_save(autosave)
        assert kept.seed == 7 and len(kept.actions) == 1  # the new game's, the old one gone
        assert [s.path.name for s in list_saves(saves)] == ["autosave-tutorial.json"]


async def test_keep_both_moves_the_old_game_to_a_named_save(saves, tutorial_only):
    autosave = _left_in_week_3(tutorial_only, saves)
    old = read_save(autosave)
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("enter")  # the picker asks the same question
        assert isinstance(app.screen, ReplaceDialog)
        await pilot.press("k")
        assert isinstance(app.screen, BriefingScreen) and app.session.game.actions == []
        assert not autosave.exists()
        kept = saves / "tutorial-2025-09-05-12-00.json"
        copy = read_save(kept)
        assert (copy.seed, copy.actions, copy.meta["turn"]) == (old.seed, old.actions, 3)
        assert copy.meta["label"] == "Week 3 · 2025-09-05 12:00"
        await pilot.press("enter")
        app.session.decide(app.session.state.legal_actions()[0].option)  # the new game's autosave
        assert read_save(kept).actions == old.actions  # untouched by it
        loaded, message = Session.load(kept, saves, tutorial_only)
        assert message is None and loaded.state.turn == 3


async def test_keep_both_that_cannot_write_says_so_and_changes_nothing(saves, tutorial_only, monkeypatch):
    import redline.saves

    autosave = _left_in_week_3(tutorial_only, saves)
    before = autosave.read_bytes()

    def full_disk(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(redline.saves, "write_atomic", full_disk)
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "k")
        assert isinstance(app.screen, MessageDialog)
        assert "could not be kept" in widget_text(app.screen) and app.session is None
        assert autosave.read_bytes() == before
        assert [p.name for p in saves.iterdir()] == ["autosave-tutorial.json"]


async def test_a_finished_game_or_no_autosave_asks_nothing(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:  # no autosave at all
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, BriefingScreen)
    session = Session.new(load_scenario(tutorial_only[0] / "scenarios" / "tutorial"), 11, saves)
    while not session.state.is_over:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    assert read_save(session.autosave_path).meta["over"]
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, BriefingScreen)


async def test_the_open_games_own_autosave_is_said_once(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "enter")
        session = app.session
        for _ in range(2):  # two weeks: the game is autosaved at the start of week 3
            session.decide(session.state.legal_actions()[0].option)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, ConfirmDialog)  # the question about the open game
        said = widget_text(app.screen)
        assert "A new game of the same scenario replaces its autosave" in said
        assert "This replaces the unfinished game" not in said  # the same file, said once
        assert "is autosaved" in said and ".json" not in said  # where it is kept, in words


def _session_left_in_week_2(content: list[Path], saves: Path) -> Path:
    """An unfinished facilitated tutorial session autosaved in an earlier sitting."""
    from redline.session.facilitated import FacilitatedSession

    scenario = load_scenario(content[0] / "scenarios" / "tutorial")
    session = FacilitatedSession.start(scenario, 5, saves, {}, red_cell=False)
    while session.state.turn < 2:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    assert session.kept_in is not None and session.kept_in[0] == session.autosave_path
    return session.autosave_path


async def _start_facilitated(pilot) -> None:
    from redline.tui.facilitation.setup import SetupScreen

    await settle(pilot)
    await pilot.press("f")
    assert isinstance(pilot.app.screen, SetupScreen)
    await pilot.press("enter")  # the only scenario installed: the tutorial
    await pilot.press("ctrl+s")


async def test_a_facilitated_session_asks_before_replacing_an_earlier_sessions_autosave(saves, tutorial_only):
    """A facilitated session has an autosave of its own per scenario: starting one over an
    earlier sitting's unfinished session asks the same question, and keep both keeps it."""
    from redline.tui.facilitation.screens import FacilitatedBriefing

    autosave = _session_left_in_week_2(tutorial_only, saves)
    before = autosave.read_bytes()
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await _start_facilitated(pilot)
        assert isinstance(app.screen, ReplaceDialog)
        said = widget_text(app.screen)
        assert "Start a facilitated session?" in said
        assert "This replaces the unfinished session autosaved" in said and "(Week 2 of 5)" in said
        assert "one autosave of a facilitated session" in said and "“Facilitated · Week 2 · " in said
        assert ".json" not in said and "turn" not in said.lower()
        await pilot.press("escape")  # back to the setup: nothing started, nothing written
        await settle(pilot)
        assert app.session is None and autosave.read_bytes() == before
        await pilot.press("ctrl+s", "k")  # keep both, then the session starts
        await settle(pilot)
        assert isinstance(app.screen, FacilitatedBriefing)
    kept = [s for s in list_saves(saves) if s.path != autosave]
    assert len(kept) == 1 and kept[0].label.startswith("Facilitated · Week 2 · ")
    assert kept[0].path.name.startswith("facilitated-tutorial-")
    assert _actions(kept[0].path.read_bytes()) == _actions(before)  # the same game, moved
    assert not autosave.exists()  # the new session's first autosave comes at the end of its first week


def _actions(raw: bytes) -> list:
    import json

    return json.loads(raw)["actions"]


async def test_a_facilitated_session_over_a_plain_game_asks_nothing_of_its_autosave(saves, tutorial_only):
    """A plain game's autosave is not a facilitated session's: starting a session leaves it be."""
    from redline.tui.facilitation.screens import FacilitatedBriefing

    plain = _left_in_week_3(tutorial_only, saves)
    before = plain.read_bytes()
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await _start_facilitated(pilot)
        assert isinstance(app.screen, FacilitatedBriefing)
    assert plain.read_bytes() == before


async def test_play_scenario_from_the_command_line_asks_before_replacing(saves, tutorial_only):
    """`redline play tutorial` over an earlier sitting's unfinished tutorial asks first too (it
    once started at once, and the new game's first autosave replaced the old game)."""
    autosave = _left_in_week_3(tutorial_only, saves)
    before = autosave.read_bytes()
    app = make_app(saves, content_dirs=tutorial_only, scenario="tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReplaceDialog)
        assert "(Week 3 of 5)" in widget_text(app.screen)
        await pilot.press("escape")  # back: the title, nothing started
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen) and app.session is None
    assert autosave.read_bytes() == before


async def test_play_scenario_without_an_earlier_game_starts_at_once(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, scenario="tutorial")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)


PLAN = """\
plan:
  title: Thursday
  scenario: tutorial
  seed: 7
  seats:
    - {role: coalition_lead, team: Blue}
"""


@pytest.mark.parametrize("answer", ["escape", "k"])
async def test_a_session_from_a_plan_asks_before_replacing_an_earlier_session(
    saves, tutorial_only, tmp_path, answer
):
    """`play --facilitate --plan` over an earlier sitting's unfinished session of the same
    scenario asks the setup screen's question: it once replaced the session without a word."""
    from redline.exercise.load import load_plan
    from redline.tui.facilitation.screens import FacilitatedBriefing

    autosave = _session_left_in_week_2(tutorial_only, saves)
    before = autosave.read_bytes()
    plan = tmp_path / "thursday.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    app = make_app(saves, content_dirs=tutorial_only, plan=load_plan(plan, tutorial_only))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReplaceDialog)
        said = widget_text(app.screen)
        assert "Start the planned session?" in said and "(Week 2 of 5)" in said
        await pilot.press(answer)
        await settle(pilot)
        if answer == "escape":
            assert isinstance(app.screen, TitleScreen) and app.session is None
            assert autosave.read_bytes() == before
        else:  # keep both: the old session waits under Load…, the planned one begins
            assert isinstance(app.screen, FacilitatedBriefing) and app.session.plan is not None
            kept = [s for s in list_saves(saves) if s.path != autosave]
            assert len(kept) == 1 and _actions(kept[0].path.read_bytes()) == _actions(before)
