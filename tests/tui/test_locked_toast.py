"""Pressing a locked option again and again shows one "locked" toast, not a stack of them."""

from __future__ import annotations

from test_flows import SIZE, start_tutorial
from tui_helpers import make_app


async def test_one_locked_toast_at_a_time(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_tutorial(pilot)
        state = app.session.state
        state.hand = ("tut_roe",)
        state.meters["escalation"] = 85.0  # option 2 is locked at this escalation
        screen.refresh_view()
        await pilot.pause()
        await pilot.press("2", "2", "2")
        await pilot.pause()
        locked = [n for n in app._notifications if "locked" in n.message]
        assert len(locked) == 1
