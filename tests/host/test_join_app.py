"""`redline join`, through its keys, against a host on 127.0.0.1: the red cell signals, a
team decides its own card, the facilitator types a command, and the projector only watches."""

from __future__ import annotations

import asyncio

from host_helpers import running, shown, tutorial_host, until

from redline.tui.join import JoinApp

SIZE = (120, 36)


text = shown  # what a seat's screen shows, as text


async def test_each_seat_plays_through_its_own_client(tmp_path):
    host = tutorial_host(tmp_path)
    session = host.table.session
    async with running(host) as url:
        red = JoinApp(url, host.codes["red_cell"])
        async with red.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: red.view is not None, "the red cell's view")
            assert "Signal up to" in text(red) and "if carried out" in text(red)
            await pilot.press("1", "enter")
            await until(pilot, lambda: session.state.phase == "decisions", "the signal sent")
            assert len(session.state.signals) == 1

        paris = JoinApp(url, host.codes["team:coalition_lead"])
        async with paris.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: paris.view is not None, "Paris's view")
            assert "Your decision" in text(paris) and "if carried out" not in text(paris)
            await pilot.press("2")
            await until(pilot, lambda: session.game.actions[-1].__class__.__name__ == "Decide", "decided")
            assert session.game.actions[-1].by == "coalition_lead"

        facilitator = JoinApp(url, host.codes["facilitator"])
        async with facilitator.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: facilitator.view is not None, "the console")
            await pilot.press(*"note watch Kyiv", "enter")
            await until(pilot, lambda: session.game.actions[-1].__class__.__name__ == "Note", "noted")
            assert session.game.actions[-1].by == "facilitator"

        projector = JoinApp(url, host.codes["projector"])
        async with projector.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: projector.view is not None, "the projector's view")
            before = len(session.game.actions)
            await pilot.press("1", "2", "0", "enter")
            await asyncio.sleep(0.1)
            assert len(session.game.actions) == before
            assert "watch Kyiv" not in text(projector)


async def test_a_wrong_code_ends_the_client_with_a_message(tmp_path):
    host = tutorial_host(tmp_path)
    async with running(host) as url:
        app = JoinApp(url, "NOPE-NOPE-NOPE")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.failure is not None, "refused")
        assert "does not know this code" in (app.failure or "")
