"""Who gets in, and what one bad client can break: codes and Origin are checked before the
upgrade; an oversized or malformed message closes only its own connection; connections are
capped; a client that drops rejoins with its code and gets its view back."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from host_helpers import Room, play_until, running, tutorial_host

from redline.host.client import JoinError, SeatClient
from redline.host.server import MAX_MESSAGE


async def _status(url: str, **kw) -> int:
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url.replace("http", "ws") + "/ws", **kw):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_a_missing_or_wrong_code_or_a_foreign_origin_is_refused_before_the_upgrade(tmp_path):
    host = tutorial_host(tmp_path)
    code = host.codes["team:kyiv"]
    async with running(host) as url:
        assert await _status(url) == 401
        assert await _status(url, params={"token": "ABCD-EFGH-JKLM"}) == 403
        assert await _status(url, params={"token": code}, headers={"Origin": "http://evil.example"}) == 403
        same = url.replace("127.0.0.1", "127.0.0.1")
        assert await _status(url, params={"token": code}, headers={"Origin": same}) == 101
        assert await _status(url, params={"token": code.lower()}) == 101  # as typed, any case
        async with aiohttp.ClientSession() as http, http.get(url + "/health") as response:
            health = await response.json()
        assert health["scenario"] == "tutorial" and "projector" in health["seats"]
        assert code not in str(health)
        with pytest.raises(JoinError, match="does not know this code"):
            await SeatClient(url, "WRONG").connect()


async def test_a_bad_message_closes_only_its_own_connection(tmp_path):
    host = tutorial_host(tmp_path)
    async with running(host) as url:
        room = Room(url, host)
        for seat in ("facilitator", "red_cell", "projector", "team:kyiv"):
            await room.join(seat)
        kyiv, projector = room.clients["team:kyiv"], room.clients["projector"]
        await kyiv._ws.send_str("x" * (MAX_MESSAGE + 1))  # type: ignore[union-attr]
        await room._tasks["team:kyiv"]
        assert kyiv.closed and not projector.closed
        bad = await room.join("team:coalition_lead")
        await bad._ws.send_str("{not json")  # type: ignore[union-attr]
        await room._tasks["team:coalition_lead"]
        assert bad.closed
        room.clients.pop("team:kyiv")
        room.clients.pop("team:coalition_lead")
        # The others play on.
        await play_until(room, lambda v: v["phase"] == "decisions")
        assert projector.view["phase"] == "decisions"
        await room.close()


async def test_connections_are_capped(tmp_path):
    host = tutorial_host(tmp_path)
    host.max_clients = 2
    async with running(host) as url:
        room = Room(url, host)
        await room.join("projector")
        await room.join("facilitator")
        assert await _status(url, params={"token": host.codes["team:kyiv"]}) == 503
        await room.leave("projector")
        await room.join("team:kyiv")
        await room.close()


async def test_a_client_that_drops_mid_month_rejoins_with_its_view(tmp_path):
    host = tutorial_host(tmp_path)
    async with running(host) as url:
        room = Room(url, host)
        for seat in ("facilitator", "team:coalition_lead", "team:kyiv", "red_cell", "projector"):
            await room.join(seat)
        await play_until(room, lambda v: v["phase"] == "decisions" and v["card"]["role"] == "kyiv")
        await room.leave("team:kyiv")  # Kyiv's laptop dies with its card due
        await room.act("facilitator", {"type": "note", "text": "Kyiv is reconnecting"})
        back = await room.join("team:kyiv")
        assert back.view["yours"] is True and back.view["card"]["role"] == "kyiv"
        assert back.view["turn"] == room.clients["projector"].view["turn"]
        await play_until(room, lambda v: v["over"])
        assert back.view["over"]
        await room.close()


async def test_a_running_timer_reaches_every_screen_without_an_action(tmp_path):
    host = tutorial_host(tmp_path)
    async with running(host) as url:
        room = Room(url, host)
        await room.join("facilitator")
        projector = await room.join("projector")
        await room.act("facilitator", {"type": "timer", "minutes": 5, "run": True})
        first = projector.view["timer"]
        count = len(projector.received)
        for _ in range(400):  # a second or two
            if len(projector.received) > count and projector.view["timer"] != first:
                break
            await asyncio.sleep(0.01)
        assert projector.view["timer"] != first and projector.view["timer"].startswith("4:5")
        await room.close()


async def test_without_a_red_cell_moscow_plays_itself_and_the_teams_play_on(tmp_path):
    from redline.host.setup import new_host

    host = new_host("tutorial", 5, tmp_path / "host.json", None, red_cell=False)
    assert "red_cell" not in host.codes and "red_cell" not in host.table.seats
    async with running(host) as url:
        room = Room(url, host)
        for seat in ("facilitator", "team:coalition_lead", "team:kyiv", "projector"):
            await room.join(seat)
        await play_until(room, lambda v: v["over"])
        assert room.clients["projector"].view["ending"] is not None
        await room.close()
