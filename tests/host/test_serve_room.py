"""`redline serve` from another machine: the page's websocket address follows the Host the
browser used (no --public-url), a foreign Origin is refused before the upgrade, connections
are capped and so is the terminal size a client asks for."""

from __future__ import annotations

import aiohttp
from aiohttp import web

from redline.serve import MAX_COLUMNS, MAX_ROWS, clamp_size, room_server


async def _serve(max_connections: int = 4):
    server = room_server("true", "127.0.0.1", 0, None, max_connections)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


async def _status(url: str, **kw) -> int:
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url.replace("http", "ws") + "/ws", **kw):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_the_page_follows_the_address_the_browser_used():
    runner, url = await _serve()
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.get(url + "/", headers={"Host": "room.lan:8000"}) as response,
        ):
            page = await response.text()
        assert "ws://room.lan:8000/ws" in page and "127.0.0.1" not in page
    finally:
        await runner.cleanup()


async def test_a_foreign_origin_and_one_too_many_are_refused_before_the_upgrade():
    runner, url = await _serve(max_connections=0)
    try:
        assert await _status(url, headers={"Origin": "http://evil.example"}) == 403
        assert await _status(url) == 503  # the cap (0 here): no game process is started
    finally:
        await runner.cleanup()


def test_the_terminal_size_a_client_asks_for_is_capped():
    assert clamp_size("100000", "99999") == (MAX_COLUMNS, MAX_ROWS)
    assert clamp_size("abc", None) == (80, 24)
    assert clamp_size("120", "36") == (120, 36)
    assert clamp_size("-5", "3") == (10, 10)
