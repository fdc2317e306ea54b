"""The player comes first: the forecast's thread waits while an input is being drawn, and
gives way without changing what it counts."""

from __future__ import annotations

import threading

from tui_helpers import make_app

from redline.engine import Game
from redline.sim.forecast import Forecast
from redline.tui import pacing
from redline.tui.pacing import Pacer
from redline.tui.screens.turn import TurnScreen


def _steps_while(pacer: Pacer, act) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """A worker taking steps through `give_way`: how many it took before and after `act`."""
    steps = 0
    stop = threading.Event()
    started = threading.Event()

    def work() -> None:
        nonlocal steps
        started.set()
        while not stop.is_set():
            pacer.give_way()
            steps += 1

    thread = threading.Thread(target=work)
    thread.start()
    started.wait(5)
    before = steps
    act()
    after = steps
    stop.set()
    pacer.drawn()
    thread.join(5)
    return before, after


def test_an_idle_pacer_never_waits():
    pacer = Pacer()
    for _ in range(1000):
        pacer.give_way()
    assert not pacer.busy


def test_a_worker_waits_from_the_input_to_its_frame(monkeypatch):
    monkeypatch.setattr(pacing, "HOLD", 30.0)  # only the frame may let it go on
    pacer = Pacer()
    pacer.input_arrived()
    waited = threading.Event()
    went_on = threading.Event()

    def work() -> None:
        waited.set()
        pacer.give_way()
        went_on.set()

    thread = threading.Thread(target=work)
    thread.start()
    waited.wait(5)
    assert not went_on.wait(0.2)  # still held: no frame yet
    pacer.drawn()
    assert went_on.wait(5)
    thread.join(5)


def test_an_input_that_draws_nothing_holds_the_worker_only_once(monkeypatch):
    monkeypatch.setattr(pacing, "HOLD", 0.05)
    pacer = Pacer()
    pacer.input_arrived()
    pacer.give_way()  # waits out the hold
    assert not pacer.busy  # and then the worker goes on at full speed
    for _ in range(1000):
        pacer.give_way()


def test_giving_way_leaves_the_counts_as_they_are():
    from tui_helpers import CONTENT

    from redline.content import load_scenario

    state = Game.start(load_scenario(CONTENT / "scenarios" / "tutorial"), 5).state
    plain, paced = Forecast(state), Forecast(state)
    calls = 0

    def give_way() -> None:
        nonlocal calls
        calls += 1

    plain.run(12)
    paced.run(12, give_way)
    assert calls == 12 * len(paced.options)  # once before every playout
    assert paced.as_dict() == plain.as_dict()


async def test_a_key_holds_background_work_until_its_frame(saves, tutorial_only):
    app = make_app(saves, content_dirs=tutorial_only, seed=3)
    seen: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        arrived, drawn = app.pacer.input_arrived, app.pacer.drawn
        app.pacer.input_arrived = lambda: (seen.append("input"), arrived())[1]  # type: ignore[method-assign]
        app.pacer.drawn = lambda: (seen.append("frame"), drawn())[1]  # type: ignore[method-assign]
        await pilot.press("down")
        await pilot.pause()
        assert seen[0] == "input" and "frame" in seen  # held from the key to a frame
        assert seen[-1] == "frame" and not app.pacer.busy
