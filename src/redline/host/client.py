"""A seat's connection to a host, without any screen: the Textual client, the tests and the
bench all talk to the host through this."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp

MAX_MESSAGE = 4 * 1024 * 1024  # a view is a few kB; the host's record of a long game more
CLOSE_SECONDS = 2.0
KEPT_BYTES = 16 * 1024 * 1024  # of the raw messages kept in `received`: the newest only


class JoinError(Exception):
    """The host refused the code, or cannot be reached; the message says which."""


def ws_url(url: str) -> str:
    """http://host:port[/...] -> ws://host:port/ws (https -> wss)."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.netloc:
        raise JoinError(f"'{url}' is not a host's address (like http://192.168.1.20:8765)")
    scheme = "wss" if parts.scheme in ("https", "wss") else "ws"
    return urlunsplit((scheme, parts.netloc, "/ws", "", ""))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def read_message(raw: str) -> dict[str, Any] | None:
    """A message from the host as data of the protocol's shape, with every string cleaned
    of terminal controls (`textsafe.clean_data`), or None: not JSON, NaN or infinity, not an
    object with a `type`, a view that is not an object, a message that is not text."""
    from redline import textsafe

    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        return None
    if data["type"] == "view" and not isinstance(data.get("view"), dict):
        return None
    if data["type"] in ("error", "done") and not isinstance(data.get("message"), str):
        return None
    cleaned: dict[str, Any] = textsafe.clean_data(data)
    return cleaned


def _why(exc: BaseException) -> str:
    """Why a connection failed, in a few words (never the library's long account of it)."""
    errno = getattr(exc, "errno", None) or getattr(getattr(exc, "os_error", None), "errno", None)
    reasons = {111: "nothing is listening there", 113: "no route to it", 110: "it did not answer"}
    if errno in reasons:
        return f" ({reasons[errno]})"
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return " (no such address)"
    if isinstance(exc, aiohttp.ServerTimeoutError | TimeoutError):
        return " (it did not answer)"
    return ""


class SeatClient:
    """One connection: `view` is the latest view the host sent this seat."""

    def __init__(self, url: str, code: str) -> None:
        self.url = ws_url(url)
        self.code = code.strip()
        self.view: dict[str, Any] | None = None
        self.errors: list[str] = []
        self.said: list[str] = []
        # The raw messages, newest last, for tests that read the wire: at most KEPT_BYTES of
        # them, so a long session (or a host that floods) does not grow without end.
        self.received: deque[str] = deque()
        self._kept = 0
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
            raise JoinError(f"cannot reach the host at {self.where}{_why(exc)}") from None
        await self.receive()
        if self.view is None:  # the first message of a redline host is the seat's view
            await self.close()
            raise JoinError(f"{self.url} did not answer as a redline host does")
        return self.view

    @property
    def where(self) -> str:
        """The host's address as a person says it: 127.0.0.1:8765."""
        return urlsplit(self.url).netloc

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
        self._keep(msg.data)
        data = read_message(msg.data)
        if data is None:  # not a message of the host's protocol: passed over, never obeyed
            return {}
        kind = data["type"]
        if kind == "view":
            self.view = data["view"]
            self.changed.set()
        elif kind == "error":
            self.errors.append(data["message"])
        elif kind == "done":
            self.said.append(data["message"])
        return data

    def _keep(self, raw: str) -> None:
        self.received.append(raw)
        self._kept += len(raw)
        while self._kept > KEPT_BYTES and len(self.received) > 1:
            self._kept -= len(self.received.popleft())

    async def listen(self) -> None:
        """Receive until the connection closes."""
        while await self.receive() is not None:
            pass

    @property
    def closed(self) -> bool:
        return self._ws is None or self._ws.closed

    async def close(self) -> None:
        if self._ws is not None:
            try:  # a host that never answers the closing handshake is not waited on for long
                await asyncio.wait_for(self._ws.close(), CLOSE_SECONDS)
            except TimeoutError:
                pass
        if self._session is not None:
            await self._session.close()
