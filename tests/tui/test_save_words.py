"""The title's Continue line, the Load dialog and the scenario lists say a save in the player's
words: the scenario's title and its own unit ("Month 2 of 12", "12 months"), never the
scenario's id or the word "turn"."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList
from tui_helpers import CONTENT, FIXED_NOW, fixed_clock, flat, make_app, pin_saved_dates, settle

from redline.content import list_scenarios, load_scenario
from redline.tui.facilitation.setup import SetupScreen
from redline.tui.savewords import saved_ago
from redline.tui.screens.picker import PickerScreen
from redline.tui.screens.saves import SavesScreen
from redline.tui.screens.title import TitleScreen
from redline.tui.session import Session

pytestmark = pytest.mark.usefixtures("frozen_save_time")

SIZE = (120, 36)
MAIN = "reassurance-force"


def _main_autosaved_in_month_2(saves: Path) -> None:
    """The main scenario, played through its first month: autosaved at the start of month 2."""
    session = Session.new(load_scenario(CONTENT / "scenarios" / MAIN), 3, saves)
    while session.state.turn < 2:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    assert session.kept_in is not None and session.kept_in[:2] == (saves / f"autosave-{MAIN}.json", 2)


def _tutorial_autosaved_in_week_3(content: list[Path], saves: Path) -> None:
    session = Session.new(load_scenario(content[0] / "scenarios" / "tutorial"), 11, saves)
    while session.state.turn < 3:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]


def _option(app, menu: str, option: str) -> str:  # type: ignore[no-untyped-def]
    return flat(str(app.screen.query_one(menu, OptionList).get_option(option).prompt))


def _no_code(text: str, scenario_id: str) -> None:
    assert scenario_id not in text
    assert "turn" not in text.lower()
    assert ".json" not in text


async def test_continue_names_the_scenario_and_its_month(saves):
    _main_autosaved_in_month_2(saves)
    app = make_app(saves)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        line = _option(app, "#menu", "continue")
        # the save was written at 12:00 (frozen), the clock says 14:30
        assert line == "Continue Red Line: The Reassurance Force Month 2 of 12 (autosaved 2 h ago)"
        _no_code(line, MAIN)


async def test_continue_of_a_scenario_no_longer_installed_names_no_id(saves, tutorial_only, tmp_path):
    _tutorial_autosaved_in_week_3(tutorial_only, saves)
    app = make_app(saves, content_dirs=[tmp_path / "no-content"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = _option(app, "#menu", "continue")
        assert line == "Continue a scenario that is no longer installed (autosaved 2 h ago)"
        _no_code(line, "tutorial")


async def test_the_load_dialog_lists_titles_and_weeks(saves, tutorial_only, tmp_path):
    _tutorial_autosaved_in_week_3(tutorial_only, saves)
    foreign = saves / "elsewhere.json"  # a save of a scenario that is not installed here
    foreign.write_text(
        (saves / "autosave-tutorial.json").read_text(encoding="utf-8").replace('"tutorial"', '"gone-away"'),
        encoding="utf-8",
    )
    pin_saved_dates(saves)
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)  # the saves are listed by a worker
        assert isinstance(app.screen, SavesScreen)
        table = app.screen.query_one("#save-list", DataTable)
        headers = [str(c.label) for c in table.columns.values()]
        assert headers == ["Name", "Scenario", "Reached", "Saved", "State"]
        rows = {Path(str(key.value)).name: [str(cell) for cell in table.get_row(key)] for key in table.rows}
        title, *rest = rows["autosave-tutorial.json"][1:]
        assert rest == ["Week 3", "2025-09-05 12:00", "in progress"]
        # as much of the title as fits beside the other columns
        assert title.endswith("…") and len(title) > 30
        assert "Tutorial: First Month of the Reassurance Force".startswith(title[:-1])
        assert rows["elsewhere.json"][1:3] == ["no longer installed", "—"]
        for row in rows.values():
            _no_code(" ".join(row), "tutorial")
            assert "gone-away" not in " ".join(row)


async def test_the_load_dialog_fits_a_long_title_into_80_columns(saves, tutorial_only):
    _tutorial_autosaved_in_week_3(tutorial_only, saves)
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        table = app.screen.query_one("#save-list", DataTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[1].startswith("Tutorial") and row[1].endswith("…")
        assert table.virtual_size.width <= table.size.width  # every column shows, no sideways scroll


async def test_the_picker_and_the_setup_say_each_length_in_its_unit(saves):
    app = make_app(saves)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, PickerScreen)
        assert "Red Line: The Reassurance Force 12 months" in _option(app, "#scenarios", MAIN)
        assert "5 weeks" in _option(app, "#scenarios", "tutorial")
        for entry in list_scenarios(None):  # the shipped scenarios' summaries too
            assert "turn" not in _option(app, "#scenarios", entry.id).lower()
        await pilot.press("escape", "f")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert _option(app, "#setup-scenarios", MAIN) == "Red Line: The Reassurance Force · 12 months"


def test_the_catalogue_reads_the_unit_from_the_header(tmp_path):
    folder = tmp_path / "scenarios" / "short"
    folder.mkdir(parents=True)
    (folder / "scenario.yaml").write_text(
        "scenario:\n  id: short\n  title: Short\n  turns: 1\n  turn_label: Day\n"
    )
    plain = tmp_path / "scenarios" / "plain"
    plain.mkdir()
    (plain / "scenario.yaml").write_text("scenario:\n  id: plain\n  title: Plain\n  turns: 4\n")
    entries = {e.id: e for e in list_scenarios([tmp_path])}
    assert (entries["short"].turn_label, entries["short"].length()) == ("Day", "1 day")
    # no unit of its own: the engine's default, as the game itself would say it
    assert (entries["plain"].turn_label, entries["plain"].length()) == ("Turn", "4 turns")


def test_saved_ago_speaks_as_a_player_does():
    def ago(**delta: float) -> str:
        return saved_ago((FIXED_NOW - timedelta(**delta)).isoformat(), fixed_clock)

    assert ago(seconds=20) == "just now"
    assert ago(minutes=5) == "5 min ago"
    assert ago(hours=2, minutes=30) == "2 h ago"
    assert ago(days=3) == "2025-09-02 14:30"
    assert ago(hours=-1) == "2025-09-05 15:30"  # a save from the future: its date, not "-1 h"
    assert saved_ago(None, fixed_clock) == "—"


async def test_the_load_dialog_names_a_finished_games_ending_by_its_title(saves, tutorial_only):
    """A finished game of a scenario other than the open one: its ending by the title players
    saw, read from the scenario in the worker, never its id."""
    scenario = load_scenario(tutorial_only[0] / "scenarios" / "tutorial")
    session = Session.new(scenario, 11, saves)
    while not session.state.is_over:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    ending = session.state.ending
    assert ending is not None and "_" in ending.id  # an id that plain words would only respell
    pin_saved_dates(saves)
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.session is None  # the open game is not what names it
        await pilot.press("l")
        await settle(pilot)
        table = app.screen.query_one("#save-list", DataTable)
        (row,) = [[str(cell) for cell in table.get_row(key)] for key in table.rows]
        assert row[-1] == f"over: {ending.model.title}"
        assert ending.id not in row[-1] and ending.id.replace("_", " ") not in row[-1]


async def test_a_long_ending_title_fits_the_load_dialog_at_80_columns(saves):
    """'over: Offshore and over-the-ho' was clipped at the dialog's edge: the state column
    yields its room too, and says where it is cut (an ellipsis)."""
    import json

    scenario = load_scenario(CONTENT / "scenarios" / MAIN)
    longest = max(scenario.endings, key=lambda e: len(e.model.title))
    session = Session.new(scenario, 3, saves)
    while not session.state.is_over:
        session.decide(session.state.legal_actions()[0].option)  # type: ignore[union-attr]
    doc = json.loads(session.autosave_path.read_text(encoding="utf-8"))
    doc["ending"] = longest.id  # as a game that ended there says it
    session.autosave_path.write_text(json.dumps(doc), encoding="utf-8")
    app = make_app(saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        table = app.screen.query_one("#save-list", DataTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert table.virtual_size.width <= table.size.width, row  # every column whole on screen
        state, full = row[-1], f"over: {longest.model.title}"
        assert state != full and state.endswith("…") and full.startswith(state[:-1]), state
