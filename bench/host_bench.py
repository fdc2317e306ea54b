"""`redline host` on loopback: how long from one seat's action until every client has the new
view, with 8 clients; 30 clients held at once; the host's memory per client.

The host runs as its own process (as in a room), the clients in this one. Each action is a
real move of the tutorial (the plain choice), replayed from the start when the game ends.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from redline.host.client import SeatClient

ACTIONS = 120


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


async def _host(saves: Path) -> tuple[subprocess.Popen[str], str, dict[str, str]]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "redline", "host", "tutorial", "--port", str(port), "--saves", str(saves)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    text = ""
    while "Projector" not in text:
        line = await asyncio.to_thread(proc.stdout.readline)
        if not line:
            raise RuntimeError("the host did not start")
        text += line
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            async with aiohttp.ClientSession() as http, http.get(url + "/health") as r:
                seats = (await r.json())["seats"]
                break
        except aiohttp.ClientError:
            await asyncio.sleep(0.05)
    codes = re.findall(r"(\S{4}-\S{4}-\S{4})   redline join", text)
    return proc, url, dict(zip(seats, codes, strict=True))


def _move(views: dict[str, dict]) -> tuple[str, dict]:
    view = views["facilitator"]
    if view["over"]:
        return "facilitator", {"type": "rewind", "turn": 1}
    if view["phase"] == "signal":
        first = views["red_cell"]["red_cell"]["signal"][:1]
        return "red_cell", {"type": "signal", "responses": [r["id"] for r in first]}
    if view["phase"] == "kremlin":
        return "red_cell", {"type": "respond", "response": None}
    card = view["card"]
    option = next(o["id"] for o in card["options"] if o["open"])
    return (f"team:{card['role']}" if card["role"] else "facilitator"), {"type": "decide", "option": option}


async def _fanout(clients: list[SeatClient], seats: dict[str, SeatClient], actions: int) -> list[float]:
    """Seconds from sending each action until every client has received its new view."""
    tasks = [asyncio.create_task(c.listen()) for c in clients]
    times = []
    for _ in range(actions):
        views = {s: c.view for s, c in seats.items()}
        seat, message = _move(views)  # type: ignore[arg-type]
        counts = [len(c.received) for c in clients]
        start = time.perf_counter()
        await seats[seat].send(message)
        while any(len(c.received) <= n for c, n in zip(clients, counts, strict=True)):
            await asyncio.sleep(0)
        times.append(time.perf_counter() - start)
        await asyncio.sleep(0.001)  # let the sender's own "done" arrive before the next count
    for c in clients:
        await c.close()
    for t in tasks:
        t.cancel()
    return times


async def _measure() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        proc, url, codes = await _host(Path(tmp))
        try:
            idle = _rss_kb(proc.pid)
            order = list(codes)
            # 8 clients: each seat once, and three more projectors.
            eight = [SeatClient(url, codes[s]) for s in order + ["projector"] * 3]
            for c in eight:
                await c.connect()
            seats = {s: c for s, c in zip(order, eight, strict=False)}
            times = await _fanout(eight, seats, ACTIONS)
            held = [SeatClient(url, codes[order[i % len(order)]]) for i in range(30)]
            for c in held:
                await c.connect()
            seats = {s: c for s, c in zip(order, held, strict=False)}
            times30 = await _fanout(held[:], seats, 20)
            await asyncio.sleep(0.2)
            after = _rss_kb(proc.pid)
            # A second set of 30, still connected when memory is read.
            more = [SeatClient(url, codes["projector"]) for _ in range(30)]
            for c in more:
                await c.connect()
            await asyncio.sleep(0.2)
            loaded = _rss_kb(proc.pid)
            for c in more:
                await c.close()
        finally:
            proc.terminate()
            proc.wait(10)
    median = statistics.median(times) * 1000
    p95 = sorted(times)[int(len(times) * 0.95)] * 1000
    return [
        ("host: action → all 8 clients have the view, median", f"{median:.1f} ms", "≤ 50 ms"),
        ("host: the same, 95th percentile", f"{p95:.1f} ms", "for comparison"),
        (
            "host: 30 clients held, median fan-out",
            f"{statistics.median(times30) * 1000:.1f} ms",
            "all 30 get every view",
        ),
        ("host: resident memory, idle", f"{idle / 1024:.0f} MB", "for comparison"),
        ("host: memory per connected client", f"{max(loaded - after, 0) / 30:.0f} kB", "< 1 MB"),
    ]


def run() -> list[tuple[str, str, str]]:
    if not os.path.exists("/proc/self/status"):
        return []
    return asyncio.run(_measure())


if __name__ == "__main__":
    for name, figure, target in run():
        print(f"{name:<55}  {figure:>10}   target: {target}")
