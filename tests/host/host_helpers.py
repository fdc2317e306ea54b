"""A host on 127.0.0.1 (a free port) and protocol-level seat clients, for the host's tests."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp import web

from redline.host.client import SeatClient
from redline.host.server import Host
from redline.host.setup import new_host

WAIT = 20.0  # seconds: only guards a hang; a step takes milliseconds


@asynccontextmanager
async def running(host: Host):
    runner = web.AppRunner(host.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def tutorial_host(tmp_path: Path, seed: int = 7) -> Host:
    return new_host("tutorial", seed, tmp_path / "host-tutorial.json", None)


class Room:
    """Connected clients, each listening in the background."""

    def __init__(self, url: str, host: Host) -> None:
        self.url = url
        self.host = host
        self.clients: dict[str, SeatClient] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}

    async def join(self, seat: str) -> SeatClient:
        client = SeatClient(self.url, self.host.codes[seat])
        await client.connect()
        self.clients[seat] = client
        self._tasks[seat] = asyncio.create_task(client.listen())
        return client

    async def leave(self, seat: str) -> SeatClient:
        client = self.clients.pop(seat)
        await client.close()
        await self._tasks.pop(seat)
        return client

    async def act(self, seat: str, message: dict) -> None:
        """Send a move and wait until every connected client has the new view."""
        before = {s: len(c.received) for s, c in self.clients.items()}
        sender = self.clients[seat]
        errors = len(sender.errors)
        await sender.send(message)

        async def settled() -> None:
            while True:
                if len(sender.errors) > errors:
                    raise AssertionError(f"{seat} was refused {message}: {sender.errors[-1]}")
                if (
                    all(len(c.received) > before[s] for s, c in self.clients.items())
                    and len(sender.received) >= before[seat] + 2
                ):
                    return
                await asyncio.sleep(0.002)

        await asyncio.wait_for(settled(), WAIT)

    async def refused(self, seat: str, message: dict) -> str:
        sender = self.clients[seat]
        errors = len(sender.errors)
        await sender.send(message)

        async def told() -> str:
            while len(sender.errors) == errors:
                await asyncio.sleep(0.002)
            return sender.errors[-1]

        return await asyncio.wait_for(told(), WAIT)

    async def close(self) -> None:
        for seat in list(self.clients):
            await self.leave(seat)


def next_move(room: Room) -> tuple[str, dict] | None:
    """The plain move due now, read from the seats' views: (seat, message)."""
    view = room.clients["facilitator"].view
    assert view is not None
    if view["over"]:
        return None
    phase = view["phase"]
    if phase == "signal":
        choices = room.clients["red_cell"].view["red_cell"]["signal"]
        return "red_cell", {"type": "signal", "responses": [r["id"] for r in choices[:1]]}
    if phase == "kremlin":
        return "red_cell", {"type": "respond", "response": None}
    card = view["card"]
    option = next(o["id"] for o in card["options"] if o["open"])
    seat = f"team:{card['role']}" if card["role"] else "facilitator"
    return seat, {"type": "decide", "option": option}


async def play_until(room: Room, done) -> None:
    for _ in range(500):
        if done(room.clients["facilitator"].view):
            return
        move = next_move(room)
        assert move is not None, "the game ended first"
        await room.act(*move)
    raise AssertionError("did not get there")


async def until(pilot, check, what: str) -> None:
    """Wait, a hundredth of a second at a time, until `check()` holds (4 s only guards a hang)."""
    for _ in range(400):
        await pilot.pause(0.01)
        if check():
            return
    raise AssertionError(f"never: {what}")


def shown(app) -> str:
    """Every Static of a join client's screen, as text."""
    return " ".join(str(w.render()) for w in app.query("Static"))
