"""A seat's connection to a host, without any screen: the Textual client, the tests and the
bench all talk to the host through this."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp

MAX_MESSAGE = 4 * 1024 * 1024  # a view is a few kB; the host's record of a long game more


class JoinError(Exception):
    """The host refused the code, or cannot be reached; the message says which."""


def ws_url(url: str) -> str:
    """http://host:port[/...] -> ws://host:port/ws (https -> wss)."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.netloc:
        raise JoinError(f"'{url}' is not a host's address (like http://192.168.1.20:8765)")
    scheme = "wss" if parts.scheme in ("https", "wss") else "ws"
    return urlunsplit((scheme, parts.netloc, "/ws", "", ""))


class SeatClient:
    """One connection: `view` is the latest view the host sent this seat."""

    def __init__(self, url: str, code: str) -> None:
        self.url = ws_url(url)
        self.code = code.strip()
        self.view: dict[str, Any] | None = None
        self.errors: list[str] = []
        self.said: list[str] = []
        self.received: list[str] = []  # every raw message, for tests that read the wire
        self.changed = asyncio.Event()
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None

    async def connect(self) -> dict[str, Any]:
        self._session = aiohttp.ClientSession()
        try:
            self._ws = await self._session.ws_connect(
                self.url, params={"token": self.code}, max_msg_size=MAX_MESSAGE, heartbeat=30
            )
        except aiohttp.WSServerHandshakeError as exc:
            await self.close()
            why = {401: "no join code given", 403: "the host does not know this code"}.get(exc.status)
            raise JoinError(why or f"the host refused to connect ({exc.status})") from None
        except (aiohttp.ClientError, OSError) as exc:
            await self.close()
            raise JoinError(f"cannot reach {self.url}: {exc}") from None
        await self.receive()
        assert self.view is not None
        return self.view

    async def send(self, message: dict[str, Any]) -> None:
        if self._ws is None or self._ws.closed:
            raise JoinError("not connected")
        await self._ws.send_str(json.dumps(message))

    async def receive(self) -> dict[str, Any] | None:
        """Wait for the next message; returns it (None when the connection closed)."""
        if self._ws is None:
            return None
        msg = await self._ws.receive()
        if msg.type != aiohttp.WSMsgType.TEXT:
            return None
        self.received.append(msg.data)
        data = json.loads(msg.data)
        if data.get("type") == "view":
            self.view = data["view"]
            self.changed.set()
        elif data.get("type") == "error":
            self.errors.append(data["message"])
        elif data.get("type") == "done":
            self.said.append(data["message"])
        return data

    async def listen(self) -> None:
        """Receive until the connection closes."""
        while await self.receive() is not None:
            pass

    @property
    def closed(self) -> bool:
        return self._ws is None or self._ws.closed

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._session is not None:
            await self._session.close()
