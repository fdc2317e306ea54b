"""`redline join` against a host that is not what it claims (any address a seat is given):
what it sends is data of the protocol's shape or passed over, cleaned of terminal controls,
never read as markup, never a crash, and what the seat keeps of the wire is bounded."""

from __future__ import annotations

import asyncio
import json
import socket
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiohttp import web
from hostile import assert_clean

from redline.host.client import KEPT_BYTES, JoinError, SeatClient, read_message
from redline.tui.join import JoinApp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "host"))
from host_helpers import shown, until  # noqa: E402  (the join client's helpers, shared with tests/host)

SIZE = (100, 30)


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[1, 2]",
        '"view"',
        '{"type": 5}',
        '{"type": "view", "view": "a string"}',
        '{"type": "view", "view": [1]}',
        '{"type": "error", "message": {"x": 1}}',
        '{"type": "view", "view": {"turn": NaN}}',
        '{"type": "view", "view": {"turn": Infinity}}',
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=lambda r: r[:30],
)
def test_a_message_not_of_the_protocol_is_passed_over(raw):
    assert read_message(raw) is None


def test_every_string_of_a_message_is_cleaned():
    raw = json.dumps({"type": "view", "view": {"seat": {"name": "\x1b]52;c;AAAA\x07Paris\x9b31m"}}})
    data = read_message(raw)
    assert data is not None and data["view"]["seat"]["name"] == "Paris"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@asynccontextmanager
async def fake_host(messages):
    """A websocket server on 127.0.0.1 that sends `messages` (raw text), then reads until the seat goes."""

    async def ws(request):
        sock = web.WebSocketResponse()
        await sock.prepare(request)
        for m in messages:
            await sock.send_str(m)
        async for _ in sock:  # until the seat goes
            pass
        return sock

    app = web.Application()
    app.router.add_get("/ws", ws)
    runner = web.AppRunner(app)
    await runner.setup()
    port = _port()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def test_a_flood_of_large_messages_is_not_kept_without_end():
    big = json.dumps({"type": "done", "message": "x" * (1024 * 1024)})
    first = json.dumps({"type": "view", "view": {}})
    async with fake_host([first] + [big] * 40) as url:
        client = SeatClient(url, "code")
        await asyncio.wait_for(_connect_and_read(client, 41), 10)
        kept = sum(len(m) for m in client.received)
        assert kept <= KEPT_BYTES + len(big) and len(client.received) < 41
        await client.close()


async def _connect_and_read(client: SeatClient, n: int) -> None:
    await client.connect()  # the first message
    for _ in range(n - 1):
        await client.receive()


async def test_an_address_that_is_not_a_redline_host_is_said_so():
    async with fake_host(["not json"]) as url:
        client = SeatClient(url, "code")
        with pytest.raises(JoinError, match="did not answer as a redline host"):
            await asyncio.wait_for(client.connect(), 10)


async def test_the_join_screen_survives_a_host_that_sends_anything():
    messages = [
        json.dumps({"type": "view", "view": {"seat": "not a seat"}}),  # a view of no known shape
        "not json",  # a view of no known shape
        json.dumps({"type": "error", "message": "[/x] closes nothing \x1b]2;pwned\x07"}),
        json.dumps({"type": "done", "message": "[@click=app.quit]quit[/] [b]"}),
        json.dumps([1, 2, 3]),
    ]
    async with fake_host(messages) as url:
        app = JoinApp(url, "code")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "cannot show" in shown(app), "the view refused in words")
            await pilot.pause(0.2)
            await pilot.press("1", "0", "enter")  # the keys wait: no view was drawn
            await pilot.pause(0.1)
            assert app.view is None and app.is_running
            assert_clean(shown(app))


async def test_every_seat_of_a_hosted_session_of_hostile_content_shows_it_as_text(tmp_path):
    """A real host of content whose every text field holds the payloads: each seat's join
    screen (red cell, team, facilitator, projector) renders it as text, markup unread."""
    from host_helpers import running
    from hostile import PAYLOADS, hostile_tutorial, payload_text

    from redline.host.setup import new_host

    content = tmp_path / "content"
    hostile_tutorial(content / "scenarios", payload_text(" ".join(PAYLOADS)), sid="hostile")
    host = new_host("hostile", 7, tmp_path / "host.json", [content])
    async with running(host) as url:
        for seat in ("red_cell", "team:coalition_lead", "facilitator", "projector"):
            app = JoinApp(url, host.codes[seat])
            async with app.run_test(size=(120, 40)) as pilot:
                await until(pilot, lambda app=app: app.view is not None, f"{seat}'s view")
                text = shown(app)
                assert_clean(text)
                assert "clipboard" in text and app.is_running, seat
