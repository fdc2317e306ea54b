"""The browser gets the seat client through textual-serve: `redline serve --join URL` runs
`redline join URL` for each tab, which asks for the code and then shows that seat's screen.
Driven here the way the browser page drives it: the same websocket messages."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys

import aiohttp
from host_helpers import running, tutorial_host
from test_resume import free_port

WAIT = 30.0


async def _screen(ws: aiohttp.ClientWebSocketResponse, until: str) -> str:
    seen = ""

    async def read() -> None:
        nonlocal seen
        while until not in seen:
            msg = await ws.receive()
            if msg.type == aiohttp.WSMsgType.BINARY:
                seen += msg.data.decode("utf-8", "replace")
            elif msg.type == aiohttp.WSMsgType.TEXT:
                seen += msg.data
            else:
                raise AssertionError(f"closed before {until!r}")

    await asyncio.wait_for(read(), WAIT)
    return seen


async def test_a_browser_tab_joins_a_hosted_session_as_the_red_cell(tmp_path):
    host = tutorial_host(tmp_path)
    async with running(host) as url:
        port = free_port()
        serve = subprocess.Popen(
            [sys.executable, "-m", "redline", "serve", "--join", url, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the finally ends the tab's game too
        )
        try:
            async with aiohttp.ClientSession() as http:
                for _ in range(int(WAIT * 20)):
                    try:
                        ws = await http.ws_connect(f"ws://127.0.0.1:{port}/ws?width=120&height=36")
                        break
                    except aiohttp.ClientError:
                        await asyncio.sleep(0.05)
                else:
                    raise AssertionError("serve did not answer")
                await _screen(ws, "join code")
                await ws.send_str(json.dumps(["stdin", host.codes["red_cell"] + "\r"]))
                await _screen(ws, "Signal up to")
                assert host.clients["red_cell"]
                await ws.close()
        finally:
            os.killpg(serve.pid, signal.SIGTERM)
            serve.wait(WAIT)
