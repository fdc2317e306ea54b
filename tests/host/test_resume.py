"""Kill the host (SIGKILL, no goodbye) in the middle of a month and start it again with
`--resume`: the same seats, the same codes, the same game; nothing lost."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
from host_helpers import Room, play_until

WAIT = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def start_host(*args: str) -> tuple[subprocess.Popen[str], str, dict[str, str], Path]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "redline", "host", *args, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = []
    assert proc.stdout is not None
    while True:
        line = await asyncio.wait_for(asyncio.to_thread(proc.stdout.readline), WAIT)
        assert line, proc.stderr.read() if proc.stderr else "the host ended"
        lines.append(line)
        if line.startswith("  Projector"):
            break
    text = "".join(lines)
    save = Path(re.search(r"saving every action to (\S+)", text).group(1))
    names = re.findall(r"^  (.+?)\s{2,}(\S{4}-\S{4}-\S{4})", text, re.M)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):  # until it answers
        try:
            async with aiohttp.ClientSession() as http, http.get(url + "/health") as r:
                health = await r.json()
                break
        except aiohttp.ClientError:
            await asyncio.sleep(0.05)
    codes = dict(zip(health["seats"], [code for _, code in names], strict=True))
    return proc, url, codes, save


class Codes:  # the Room helper reads host.codes
    def __init__(self, codes: dict[str, str]) -> None:
        self.codes = codes


async def test_a_killed_host_resumes_where_it_was(tmp_path):
    saves = tmp_path / "saves"
    proc, url, codes, save = await start_host("tutorial", "--saves", str(saves), "--seed", "11")
    try:
        room = Room(url, Codes(codes))  # type: ignore[arg-type]
        for seat in codes:
            await room.join(seat)
        await play_until(room, lambda v: v["turn"] == 2 and v["phase"] == "decisions")
        await room.act("facilitator", {"type": "open_vote"})
        first = room.clients["facilitator"].view["card"]["options"][0]["id"]
        await room.act("team:kyiv", {"type": "vote", "option": first})
        before = room.clients["facilitator"].view
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(WAIT)
    for client in room.clients.values():
        await client.close()

    proc, url, again, _ = await start_host("--resume", str(save), "--saves", str(saves))
    try:
        assert again == codes  # every seat rejoins with the code it had
        room = Room(url, Codes(codes))  # type: ignore[arg-type]
        for seat in codes:
            await room.join(seat)
        after = room.clients["facilitator"].view
        for key in ("turn", "phase", "card", "meters", "allies", "signals", "log", "vote"):
            assert after[key] == before[key], key
        assert room.clients["team:kyiv"].view["vote"]["mine"] == first
        await room.act("facilitator", {"type": "close_vote"})
        await play_until(room, lambda v: v["over"])
        await room.close()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(WAIT)
    assert proc.returncode == 0
