"""DNS rebinding: a web page whose own name now points at 127.0.0.1 sends an Origin and a
Host that agree, so the Origin check alone lets it drive `redline serve`. On a loopback
address the Host must be a loopback name or address too."""

from __future__ import annotations

import aiohttp
import pytest
from aiohttp import web

from redline.host.origin import host_allowed
from redline.serve import room_server


@pytest.mark.parametrize(
    "host, bound, ok",
    [
        ("127.0.0.1:8000", "127.0.0.1", True),
        ("localhost:8000", "127.0.0.1", True),
        ("[::1]:8000", "::1", True),
        ("127.0.0.2", "localhost", True),
        ("evil.example:8000", "127.0.0.1", False),
        ("evil.example", "localhost", False),
        ("127.0.0.1.evil.example:8000", "127.0.0.1", False),
        ("192.168.1.20:8000", "127.0.0.1", False),
        ("", "127.0.0.1", False),
        (None, "127.0.0.1", False),
        ("[::1", "127.0.0.1", False),
        ("room.lan:8000", "0.0.0.0", True),  # opened to the network on purpose
        ("192.168.1.20:8000", "192.168.1.20", True),
    ],
)
def test_a_loopback_server_answers_loopback_names_only(host, bound, ok):
    assert host_allowed(host, bound) is ok


async def _status(url: str, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url.replace("http", "ws") + "/ws", headers=headers):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_serve_refuses_a_rebound_name_before_the_upgrade():
    server = room_server("true", "127.0.0.1", 0, None, 0)  # a cap of 0: no game is ever started
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    url = f"http://127.0.0.1:{port}"
    try:
        rebound = {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}
        assert await _status(url, rebound) == 403
        # The same request by the machine's own name passes both checks and meets the cap.
        local = {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"}
        assert await _status(url, local) == 503
    finally:
        await runner.cleanup()
