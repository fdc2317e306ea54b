"""Terminal interface benchmarks: start-up to first frame, and key press to redrawn screen.

    .venv/bin/python bench/tui_bench.py [--runs N] [--keys N]

(a) Start-up: `python -m redline play` and a minimal Textual app are each started in a
    pseudo-terminal, many times, alternating, with REDLINE_EXIT_AFTER_FIRST_FRAME set so
    that each leaves right after its first screen is drawn. Target: redline's median at
    most 1.5x the minimal app's.
(b) Key press to redraw: Pilot drives the turn screen; the time from sending a key to the
    first frame the compositor renders after it (App._display). Target: median < 50 ms.
(c) The same while the live forecast plays its games in a thread. Target: median < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXIT_ENV = "REDLINE_EXIT_AFTER_FIRST_FRAME"
MINIMAL = """
import os
from textual.app import App
from textual.widgets import Footer, Static

class Minimal(App):
    def compose(self):
        yield Static("minimal")
        yield Footer()

    def on_mount(self):
        if os.environ.get("REDLINE_EXIT_AFTER_FIRST_FRAME"):
            self.call_after_refresh(lambda: self.call_after_refresh(self.exit))

Minimal().run()
"""


# ---- (a) start-up ---------------------------------------------------------------------------


def run_in_pty(argv: list[str], env: dict[str, str], size: tuple[int, int] = (120, 36)) -> float:
    """Seconds from spawning `argv` in a pseudo-terminal to its exit."""
    master, slave = pty.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    try:
        while proc.poll() is None:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        proc.wait(timeout=30)
    finally:
        os.close(master)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} exited {proc.returncode}")
    return elapsed


TUI_ONLY = "import sys; from redline.tui.app import run_app; sys.exit(run_app())"


def startup(runs: int) -> dict[str, float]:
    """Median seconds to the first frame: `redline play`, the interface alone, minimal Textual."""
    programs = {
        "redline play": [sys.executable, "-m", "redline", "play"],
        "run_app() alone": [sys.executable, "-c", TUI_ONLY],
        "minimal Textual": [sys.executable, "-c", MINIMAL],
    }
    times: dict[str, list[float]] = {name: [] for name in programs}
    with tempfile.TemporaryDirectory() as saves:
        env = {**os.environ, EXIT_ENV: "1", "REDLINE_SAVES": saves, "TEXTUAL_ANIMATIONS": "none"}
        for argv in programs.values():  # warm the file system cache
            run_in_pty(argv, env)
        for _ in range(runs):  # alternate, so that a busy moment hurts all alike
            for name, argv in programs.items():
                times[name].append(run_in_pty(argv, env))
    return {name: statistics.median(values) for name, values in times.items()}


# ---- (b) key press to redraw ----------------------------------------------------------------


async def key_latencies(scenario: str, seed: int, keys: int, size: tuple[int, int]) -> dict[str, list[float]]:
    from redline.tui.app import create_app
    from redline.tui.screens.report import ReportScreen
    from redline.tui.screens.turn import TurnScreen

    frames: list[float] = []
    out: dict[str, list[float]] = {
        "pick (turn screen)": [],
        "move (turn screen)": [],
        "decide (to report)": [],
        "continue (to turn screen)": [],
    }
    with tempfile.TemporaryDirectory() as saves:
        app = create_app(scenario, seed, None, None, saves, animations=False, cursor_blink=False)
        original = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            if renderable is not None:
                frames.append(time.perf_counter())
            original(screen, renderable)

        app._display = display  # type: ignore[method-assign]

        async def timed(pilot, key: str, what: str) -> None:  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            after = [t for t in frames if t > start]
            if after:
                out[what].append(after[0] - start)

        async with app.run_test(size=size, headless=True) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # past the briefing
            while sum(len(v) for v in out.values()) < keys and app.session is not None:
                screen = app.screen
                if isinstance(screen, ReportScreen):
                    await timed(pilot, "enter", "continue (to turn screen)")
                    continue
                if not isinstance(screen, TurnScreen):
                    break
                state = app.session.state
                open_ = [i for i, o in enumerate(state.card.options) if state.available(o)]
                await timed(pilot, "down", "move (turn screen)")  # highlights the first open option
                choice = open_[-1]
                if choice != open_[0]:
                    await timed(pilot, str(choice + 1), "pick (turn screen)")
                    await timed(pilot, str(choice + 1), "decide (to report)")
                else:
                    await timed(pilot, "enter", "decide (to report)")
    return out


# ---- (c) key press to redraw while the live forecast plays games in its thread --------------


async def forecast_latencies(
    scenario: str, seed: int, keys: int, size: tuple[int, int]
) -> tuple[list[float], int, float]:
    """Move between options (down) on the first card while its forecast runs, timed from the
    key event to the next frame. The key goes in as an event and the clock polls for the
    frame: Pilot's `press` waits for the app to fall idle, which it never does while the
    forecast keeps posting its counts. The forecast is made long enough to outlast the run.
    Returns the latencies, and the games per option the forecast played meanwhile and in how
    many seconds: it gives way while a key is drawn, and must still get on with its games."""
    from textual import events

    from redline.tui.app import create_app
    from redline.tui.screens import turn
    from redline.tui.screens.turn import TurnScreen

    frames: list[float] = []
    out: list[float] = []
    kept = turn.FORECAST_GAMES
    turn.FORECAST_GAMES = 10**6
    try:
        with tempfile.TemporaryDirectory() as saves:
            app = create_app(scenario, seed, None, None, saves, animations=False, cursor_blink=False)
            original = app._display

            def display(screen, renderable):  # type: ignore[no-untyped-def]
                if renderable is not None:
                    frames.append(time.perf_counter())
                original(screen, renderable)

            app._display = display  # type: ignore[method-assign]
            async with app.run_test(size=size, headless=True) as pilot:
                await pilot.pause()
                await pilot.press("enter")  # past the briefing
                screen = app.screen
                assert isinstance(screen, TurnScreen)
                await asyncio.sleep(0.3)  # the forecast is under way
                began = time.perf_counter()
                games_before = screen.forecast_games()
                for _ in range(keys):
                    worker = screen.forecast_worker
                    if worker is None or not worker.is_running:
                        break
                    start = time.perf_counter()
                    app.post_message(events.Key("down", None))
                    while time.perf_counter() - start < 2:
                        await asyncio.sleep(0.001)
                        after = [t for t in frames if t > start]
                        if after:
                            out.append(after[0] - start)
                            break
                    await asyncio.sleep(0.05)  # the player reads
                await asyncio.sleep(0.5)  # the last count of games reaches the screen
                games = screen.forecast_games() - games_before
                seconds = time.perf_counter() - began
                screen.workers.cancel_group(screen, "forecast")
    finally:
        turn.FORECAST_GAMES = kept
    return out, games, seconds


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="start-up repetitions of each program")
    parser.add_argument("--keys", type=int, default=80, help="key presses to time per scenario")
    parser.add_argument("--scenario", action="append", help="scenario id (default: every shipped one)")
    args = parser.parse_args()

    print("(a) start-up to the first frame of the title screen, in a pseudo-terminal (120x36)")
    medians = startup(args.runs)
    base = medians["minimal Textual"]
    for name, median in medians.items():
        ratio = median / base
        verdict = "" if name == "minimal Textual" else ("ok" if ratio <= 1.5 else "OVER")
        print(f"    {name:<17} median {median * 1000:7.1f} ms  {ratio:5.2f} x   target <= 1.50 x  {verdict}")
    print(f"    ({args.runs} runs each, alternating)")

    from redline.content import list_scenarios

    scenarios = args.scenario or [e.id for e in list_scenarios()]
    print("(b) key press to redrawn screen, via Pilot")
    worst = 0.0
    for size in ((120, 36), (200, 60)):
        for sid in scenarios:
            lat = asyncio.run(key_latencies(sid, 1, args.keys, size))
            for what, values in lat.items():
                if not values:
                    continue
                med = statistics.median(values) * 1000
                if "turn screen" in what:
                    worst = max(worst, med)
                print(
                    f"    {sid:<18} {size[0]}x{size[1]:<4} {what:<26} median {med:6.1f} ms  (n={len(values)})"
                )
    verdict = "ok" if worst < 50 else "OVER"
    print(f"    slowest median redraw of the turn screen {worst:6.1f} ms   target < 50 ms   {verdict}")

    print("(c) key press to redrawn screen while the live forecast runs, via Pilot")
    for sid in scenarios:
        lat, games, seconds = asyncio.run(forecast_latencies(sid, 1, min(args.keys, 40), (120, 36)))
        if lat:
            med = statistics.median(lat) * 1000
            verdict = "ok" if med < 50 else "OVER"
            print(
                f"    {sid:<18} 120x36 move, forecast running   median {med:6.1f} ms  (n={len(lat)})  {verdict}"
                f"   meanwhile {games} games per option in {seconds:.1f} s"
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
