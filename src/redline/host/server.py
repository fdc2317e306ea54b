"""The host: one `Table` (a facilitated session and its seats), many websocket clients.

Every message a client sends is checked by the table; every message the host sends is a
seat's `view_for` (or an error meant for that one connection). The host saves after every
action, so `--resume` continues a killed host's game and a client that drops rejoins with
its code and gets its view back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from redline.engine import IllegalAction
from redline.host.codes import seat_for
from redline.host.origin import origin_allowed
from redline.session.seats import Seat, Table
from redline.session.view import view_for

MAX_MESSAGE = 64 * 1024  # bytes; a bigger message closes its own connection (1009)
MAX_CLIENTS = 64
META_KEY = "host"
CLOCK = web.AppKey("clock", asyncio.Task)
log = logging.getLogger("redline.host")


@dataclass
class Host:
    table: Table
    codes: dict[str, str]  # seat id -> join code
    save_path: Path
    max_clients: int = MAX_CLIENTS
    clients: dict[str, set[web.WebSocketResponse]] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    save_error: str | None = None

    def __post_init__(self) -> None:
        # One file holds the hosted session: the session's own autosaves (at a turn's end,
        # after a rewind) go there too, with the codes, never to a second file.
        session = self.table.session
        session.kept_at = self.save_path
        session.label = "hosted session"
        session.more_meta = lambda: {META_KEY: self.meta()}

    # ---- the web application ----------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_MESSAGE)
        app.router.add_get("/health", self.health)
        app.router.add_get("/ws", self.websocket)
        app.on_startup.append(self._start_clock)
        app.on_shutdown.append(self._close_all)
        return app

    async def _start_clock(self, app: web.Application) -> None:
        app[CLOCK] = asyncio.create_task(self._clock())
        app.on_cleanup.append(self._stop_clock)

    async def _stop_clock(self, app: web.Application) -> None:
        app[CLOCK].cancel()

    async def _clock(self) -> None:
        """While the turn timer runs, every screen's timer moves once a second."""
        shown = None
        while True:
            await asyncio.sleep(1)
            timer = self.table.session.timer
            now = timer.text() if timer.is_set else None
            if timer.running and now != shown:
                async with self.lock:
                    await self.broadcast()
            shown = now

    async def health(self, request: web.Request) -> web.Response:
        """What a facilitator (or a monitor) may check without a code: no code, no secret."""
        state = self.table.session.state
        return web.json_response(
            {
                "scenario": self.table.session.scenario.id,
                "seats": list(self.table.seats),
                "connected": {seat: len(ws) for seat, ws in self.clients.items() if ws},
                "turn": state.turn,
                "over": state.is_over,
            }
        )

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        seat = self._admit(request)  # raises before the upgrade
        ws = web.WebSocketResponse(max_msg_size=MAX_MESSAGE, heartbeat=30)
        await ws.prepare(request)
        self.clients.setdefault(seat.id, set()).add(ws)
        try:
            await self._send(ws, seat)
            await self._listen(ws, seat)
        finally:
            self.clients[seat.id].discard(ws)
        return ws

    def _admit(self, request: web.Request) -> Seat:
        token = request.query.get("token")
        if not token:
            raise web.HTTPUnauthorized(text="a join code is needed: /ws?token=CODE\n")
        seat_id = seat_for(token, self.codes)
        if seat_id is None:
            raise web.HTTPForbidden(text="unknown join code\n")
        if not origin_allowed(request.headers.get("Origin"), request.host, request.scheme):
            raise web.HTTPForbidden(text="this page's origin may not join\n")
        if sum(len(c) for c in self.clients.values()) >= self.max_clients:
            raise web.HTTPServiceUnavailable(text="the host holds as many clients as it may\n")
        return self.table.seats[seat_id]

    async def _listen(self, ws: web.WebSocketResponse, seat: Seat) -> None:
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                await ws.close(code=WSCloseCode.UNSUPPORTED_DATA, message=b"text messages only")
                return
            try:
                message = json.loads(msg.data)
            except ValueError:
                message = None
            if not isinstance(message, dict):
                await ws.close(code=WSCloseCode.UNSUPPORTED_DATA, message=b"a message is a JSON object")
                return
            await self.play(seat, message, ws)

    # ---- playing ----------------------------------------------------------------------------

    async def play(
        self, seat: Seat, message: dict[str, Any], ws: web.WebSocketResponse | None = None
    ) -> None:
        async with self.lock:
            try:
                said = self.table.play(seat, message)
            except (IllegalAction, KeyError, ValueError) as exc:
                if ws is not None:
                    reason = exc.args[0] if exc.args else str(exc)
                    await ws.send_str(json.dumps({"type": "error", "message": str(reason)}))
                return
            self.save()
            if ws is not None:
                await ws.send_str(json.dumps({"type": "done", "message": said}))
            await self.broadcast()

    async def broadcast(self) -> None:
        sends = []
        for seat_id, sockets in self.clients.items():
            if not sockets:
                continue
            payload = self._payload(self.table.seats[seat_id])
            sends += [ws.send_str(payload) for ws in list(sockets) if not ws.closed]
        await asyncio.gather(*sends, return_exceptions=True)

    def _payload(self, seat: Seat) -> str:
        """The one door: what leaves the host for `seat` is built by `view_for` alone."""
        return json.dumps({"type": "view", "view": view_for(seat, self.table)})

    async def _send(self, ws: web.WebSocketResponse, seat: Seat) -> None:
        await ws.send_str(self._payload(seat))

    async def _close_all(self, app: web.Application) -> None:
        for sockets in self.clients.values():
            for ws in list(sockets):
                await ws.close(code=WSCloseCode.GOING_AWAY, message=b"the host is stopping")

    # ---- saving -----------------------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        vote = self.table.vote
        return {
            "codes": dict(self.codes),
            "vote": {"card": vote.card, "ballots": dict(vote.ballots)} if vote else None,
        }

    def save(self) -> None:
        self.save_error = self.table.session.autosave()
        if self.save_error:
            log.warning("autosave failed: %s", self.save_error)
            return
        with contextlib.suppress(OSError):  # the save holds the join codes: the host's eyes only
            os.chmod(self.save_path, 0o600)
