"""`redline join`'s screen as a facilitator's trial found it: every pane scrolls from the
keyboard, a team reads its options' words and odds, red lines read SAFE/NEAR with their
gauge, the record is grouped by month, and a lost host is said in words."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from host_helpers import Room, play_until, running, shown, tutorial_host, until
from textual.widgets import Input

from redline.host import cli_host
from redline.host.setup import new_host
from redline.tui import join
from redline.tui.join import JoinApp, main_text

SIZE = (140, 45)


async def _after_the_first_week(url: str, host) -> None:
    room = Room(url, host)
    for seat in host.codes:
        await room.join(seat)
    await play_until(room, lambda v: v["turn"] == 2 and v["phase"] == "decisions")
    await room.close()


async def test_the_facilitators_panes_scroll_from_the_keyboard(tmp_path):
    host = tutorial_host(tmp_path)
    async with running(host) as url:
        await _after_the_first_week(url, host)
        app = JoinApp(url, host.codes["facilitator"])
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.view is not None, "the console")
            main = app.query_one("#main")
            await until(pilot, lambda: main.max_scroll_y > 0, "a pane taller than the screen")
            assert app.query_one("#command", Input).has_focus
            await pilot.press("pagedown")  # from the command line: the main pane scrolls
            await until(pilot, lambda: main.scroll_y > 0, "scrolled down a page")
            await pilot.press("tab")
            assert app.focused is main
            await pilot.press("home")
            await until(pilot, lambda: main.scroll_y == 0, "back to the top")
            await pilot.press("down", "down")
            await until(pilot, lambda: main.scroll_y > 0, "scrolled by the arrows")
            await pilot.press("tab")
            assert app.focused is app.query_one("#room")
            await pilot.press("tab")
            assert app.query_one("#command", Input).has_focus
            keys = {k for k, b in app.active_bindings.items() if b.binding.show}
            assert {"tab", "pagedown"} <= keys  # said in the footer

            text = shown(app)
            assert "red lines: shown" in text and "False" not in text and "True" not in text
            assert "rewind to: Week 1" in text
            assert "1 Power cut in Chernihiv region" in text  # inject by the number shown
            assert "Kremlin escalation (" in text  # override's targets, by name
            assert "  Week 1" in text
            log = app.view["log"]
            assert log and all(line.startswith("1. ") or line.startswith("2. ") for line in log)
            assert "\n  1. " not in text  # never a list where each line is item 1


async def test_a_team_scrolls_its_own_screen(tmp_path):
    host = tutorial_host(tmp_path)
    async with running(host) as url:
        await _after_the_first_week(url, host)
        app = JoinApp(url, host.codes["team:kyiv"])
        async with app.run_test(size=(100, 24)) as pilot:
            await until(pilot, lambda: app.view is not None, "the team's view")
            main = app.query_one("#main")
            await until(pilot, lambda: main.max_scroll_y > 0, "a report taller than the screen")
            await pilot.press("end")
            await until(pilot, lambda: main.scroll_y == main.max_scroll_y, "the end of the report")
            await pilot.press("tab")
            room = app.query_one("#room")
            assert app.focused is room


async def test_a_team_reads_its_options_words_and_odds(tmp_path):
    host = new_host("reassurance-force", 7, tmp_path / "host.json", None)
    session = host.table.session
    session.show_odds = True  # as a plan's `show_odds: true` sets it
    host.table.play(host.table.seats["red_cell"], {"type": "signal", "responses": []})
    card = session.state.card
    seat = f"team:{card.model.role}"
    async with running(host) as url:
        app = JoinApp(url, host.codes[seat])
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.view is not None, "the team's view")
            text = shown(app)
            assert card.options[0].model.text.split()[0] in text
            assert "Odds: Corridors open without incident" in text

    session.show_odds = False  # the session hides the odds: they never leave the host
    view = host._payload(host.table.seats[seat])
    assert "Corridors open without incident" not in view


def test_the_red_lines_say_safe_or_near_with_their_gauge():
    view = {
        "over": False,
        "ending": None,
        "card": None,
        "log": [],
        "report": [],
        "scenario": {"turn_label": "Month"},
        "red_lines": [],
    }
    from redline.tui.join import red_line_rows

    near = " ".join(
        str(r) for r in red_line_rows({"label": "No troops", "crossed": None, "near": 55.0}, "month")
    )
    assert "NEAR" in near and "55/100" in near
    safe = " ".join(str(r) for r in red_line_rows({"label": "Air", "crossed": None, "near": 10.0}, "month"))
    assert "SAFE" in safe and "10/100" in safe
    crossed = " ".join(str(r) for r in red_line_rows({"label": "Air", "crossed": 3, "near": 100.0}, "month"))
    assert "CROSSED" in crossed and "crossed in month 3" in crossed
    assert str(main_text(view, [])) == ""


async def test_the_red_cell_sees_each_red_lines_status(tmp_path):
    host = tutorial_host(tmp_path)
    async with running(host) as url:
        app = JoinApp(url, host.codes["red_cell"])
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.view is not None, "the red cell's view")
            text = shown(app)
            assert "SAFE    Foreign troops during" in text and "/100" in text


async def test_a_lost_host_is_said_in_words(tmp_path):
    host = tutorial_host(tmp_path)
    async with running(host) as url:
        app = JoinApp(url, host.codes["projector"])
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.view is not None, "the projector's view")
            where = url.removeprefix("http://")
            client = app.client
            assert client is not None
            await client.close()  # the connection drops: the client tries again
            await until(pilot, lambda: "Lost the host at " + where in shown(app), "said it is lost")
    status = shown(app)
    assert "ws://" not in status and "ssl:default" not in status


async def test_an_unreachable_host_gives_up_in_words(tmp_path, monkeypatch):
    monkeypatch.setattr(join, "RETRY_SECONDS", 0.05)
    app = JoinApp("http://127.0.0.1:1", "ABCD-EFGH-JKLM")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Cannot reach the host at 127.0.0.1:1 yet" in shown(app), "trying")
        await until(pilot, lambda: app.failure is not None, "gave up")
    assert app.failure is not None
    assert app.failure.startswith("cannot reach the host at 127.0.0.1:1")
    assert "ssl" not in app.failure and "Connect call failed" not in app.failure


def test_the_host_says_where_the_session_is_kept_as_it_stops(tmp_path, capsys, monkeypatch):
    from aiohttp import web

    monkeypatch.setattr(web, "run_app", lambda *a, **k: None)  # as if Ctrl+C ended it at once
    args = Namespace(
        scenario="tutorial",
        resume=None,
        plan=None,
        port=18899,
        bind="127.0.0.1",
        saves=str(tmp_path),
        no_red_cell=False,
        seed=3,
        max_clients=4,
    )
    assert cli_host.run(args, None) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    save = next(Path(tmp_path).glob("host-tutorial-*.json"))
    assert "stopped" in last and str(save) in last and f"--resume {save}" in last
