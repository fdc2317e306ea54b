"""What the shared screen must never show in a hot-seat facilitated session, through the keys:
the facilitator's scheduled injects and rationales in the month report, the red cell's own
screen without a hand-over, and a facilitator's note credited to a team."""

from __future__ import annotations

from test_facilitation import SEED, SIZE, on, play_on, set_up, shown, type_text
from tui_helpers import make_app

from redline.engine import Inject, Note
from redline.report import report_command
from redline.tui.facilitation.handover import PassScreen, SignalScreen
from redline.tui.facilitation.screens import FacilitatedTurnScreen
from redline.tui.screens.report import ReportScreen

MSEL = "MSEL 7: the lights go out in Chernihiv"
RATIONALE = "Blue fears the Baltic states walk out"
NOTE_NOW = "Watch how Gold reacts to the delay"


async def test_the_month_report_keeps_injects_and_rationales_off_the_shared_screen(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"])
        await pilot.press("enter", "f")
        await pilot.press("i", "enter")  # schedule the first event for week 3, with its MSEL note
        await type_text(pilot, "3")
        await pilot.press("tab")
        await type_text(pilot, MSEL)
        await pilot.press("enter")
        assert session.game.actions[-1] == Inject("tut_chernihiv", 3, MSEL)
        await pilot.press("n")  # the next decision's rationale
        await type_text(pilot, RATIONALE)
        await pilot.press("enter", "enter", "escape")
        report = await _first_report(pilot)
        assert "Chernihiv" not in report and "MSEL" not in report and "Scheduled" not in report
        assert RATIONALE not in report
        assert "Decided" in report or "→" in report  # the room still sees what was decided
        # The facilitator's record still holds both, for the after-action report.
        assert any(e.kind == "inject" and e.cause == MSEL for e in session.game.all_events())
        assert any(e.kind == "note" and e.text == RATIONALE for e in session.game.all_events())


async def _first_report(pilot) -> str:
    await play_on(pilot, on(ReportScreen))
    return shown(pilot.app)


async def test_the_red_cell_screen_never_opens_on_the_shared_screen_without_a_hand_over(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"], red_cell="Red")
        seen: list[str] = []
        for _ in range(400):  # every screen up to the end of week 3
            await pilot.pause()
            screen = app.screen
            seen.append(type(screen).__name__)
            if session.state.turn > 3 or session.state.is_over:
                break
            if isinstance(screen, PassScreen | ReportScreen | SignalScreen):
                await pilot.press("enter")
            elif isinstance(screen, FacilitatedTurnScreen):
                state = session.state
                first = next(i for i, o in enumerate(state.card.options) if state.available(o))
                await pilot.press(str(first + 1), str(first + 1))
            else:
                await pilot.press("enter")
        # Every red cell screen (signals, response) comes straight after a hand-over.
        private = [i for i, name in enumerate(seen) if name in ("SignalScreen", "RespondScreen")]
        assert len(private) >= 4
        for i in private:
            before = [n for n in seen[:i] if n != seen[i]]
            assert before and before[-1] == "PassScreen", seen[: i + 1]


async def test_a_note_written_now_is_the_facilitators_not_the_last_teams(saves, tutorial_only, tmp_path):
    app = make_app(saves, content_dirs=tutorial_only, seed=SEED)
    async with app.run_test(size=SIZE) as pilot:
        session = await set_up(pilot, ["Blue", "Gold"])
        await play_on(pilot, lambda app: bool(session.game.actions))  # Blue decides the first card
        assert session.game.actions[-1].by == "coalition_lead"
        await play_on(pilot, on(PassScreen))  # the month report, then the hand-over to Gold
        await pilot.press("f", "n")
        await type_text(pilot, NOTE_NOW)
        await pilot.press("enter", "down", "enter", "escape")  # "note now", after the last move
        assert session.game.actions[-1] == Note(NOTE_NOW, "facilitator")
        assert session.save_as("leak")[1] is None
    out = tmp_path / "aar.md"
    assert report_command(str(saves / "leak.json"), "md", str(out), content_dirs=tutorial_only) == 0
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if NOTE_NOW in line]
    assert lines and all("Blue" not in line and "Coalition lead" not in line for line in lines)
