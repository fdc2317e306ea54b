"""A hosted session started from a plan: the plan's seats, hidden red lines and MSEL, and the
rulings (free-text injects, off-card adjudication, observations) — and nothing leaks on the wire."""

from __future__ import annotations

import json
from pathlib import Path

from host_helpers import Room, play_until, running

from redline.exercise.load import load_plan
from redline.host.setup import planned_host

PLAN = """\
plan:
  title: Wire test
  scenario: tutorial
  seed: 11
  hide_red_lines: true
  moves: {months: 1, minutes: 10, when_time_is_up: move_on}
  seats:
    - {role: coalition_lead, team: Blue}
    - {role: kyiv, team: Yellow}
    - {role: moscow, team: Red cell, red_cell: true}
  injects:
    - {number: 1, turn: 2, event: tut_ryazan, notes: SECRET-MSEL-NOTE}
    - number: 2
      turn: 1
      text: PRIVATE-TO-KYIV the Rada wants an answer
      from: Rada
      to: kyiv
      notes: SECRET-FREE-NOTE
      changes: [{target: confidence, value: -2}]
      reason: HIDDEN-REASON
"""


def _host(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return planned_host(load_plan(path), None, tmp_path / "host.json")


def _wire(client) -> str:
    return "\n".join(client.received)


async def test_a_planned_session_keeps_its_secrets_on_the_wire(tmp_path):
    host = _host(tmp_path)
    session = host.table.session
    assert session.teams["kyiv"] == "Yellow" and session.game.red_cell and session.seed == 11
    assert not session.show_red_lines and session.timer.minutes == 10
    assert session.state.injects == ((2, "tut_ryazan"),)
    async with running(host) as url:
        room = Room(url, host)
        fac = await room.join("facilitator")
        projector = await room.join("projector")
        blue = await room.join("team:coalition_lead")
        kyiv = await room.join("team:kyiv")
        red = await room.join("red_cell")
        due = fac.view["facilitator"]["due"]
        assert [d["number"] for d in due] == [2] and due[0]["notes"] == "SECRET-FREE-NOTE"
        assert fac.view["move"]["number"] == 1 and fac.view["move"]["of"] == 5

        await room.act("facilitator", {"type": "deliver", "number": 2})
        assert fac.view["facilitator"]["due"] == []
        assert any("PRIVATE-TO-KYIV" in line for line in kyiv.view["log"])
        assert any("PRIVATE-TO-KYIV" in line for line in fac.view["log"])
        await room.act(
            "facilitator",
            {
                "type": "adjudicate",
                "proposal": "PUBLIC-RULING Kyiv asks Warsaw for a corridor",
                "odds": "likely",
                "by": "kyiv",
                "success": "confidence +3",
                "failure": "confidence -1",
                "reason": "a corridor was on the table",
            },
        )
        said = fac.said[-1]
        assert said.startswith(("Succeeds: roll", "Fails: roll")) and "likely (2/3)" in said
        await room.act(
            "facilitator", {"type": "observe", "category": "strength", "text": "FAC-ONLY-OBS", "by": "Blue"}
        )
        assert fac.view["facilitator"]["observations"][0]["text"] == "FAC-ONLY-OBS"
        for client in (projector, blue, kyiv, red):
            assert any("PUBLIC-RULING" in line for line in client.view["log"])

        await play_until(room, lambda v: v["turn"] >= 3)  # the scheduled event has fired

        for name, client in {"projector": projector, "blue": blue, "red": red, "kyiv": kyiv}.items():
            wire = _wire(client)
            for secret in ("SECRET-MSEL-NOTE", "SECRET-FREE-NOTE", "HIDDEN-REASON", "FAC-ONLY-OBS"):
                assert secret not in wire, (name, secret)
            if name != "kyiv":
                assert "PRIVATE-TO-KYIV" not in wire, name
        assert "PRIVATE-TO-KYIV" in _wire(kyiv)
        assert "tut_ryazan" not in json.dumps(projector.view["log"])
        # The hidden red lines never reached the projector (none was crossed in two weeks).
        assert projector.view["red_lines"] == [] or all(r["crossed"] for r in projector.view["red_lines"])
        await room.close()


async def test_a_team_cannot_rule_and_a_bad_ruling_changes_nothing(tmp_path):
    host = _host(tmp_path)
    async with running(host) as url:
        room = Room(url, host)
        await room.join("facilitator")
        await room.join("team:kyiv")
        before = len(host.table.session.game.actions)
        said = await room.refused("team:kyiv", {"type": "bulletin", "text": "x"})
        assert "cannot" in said
        said = await room.refused("facilitator", {"type": "adjudicate", "proposal": "x", "odds": "sure"})
        assert "is not odds" in said
        said = await room.refused(
            "facilitator", {"type": "bulletin", "text": "x", "changes": "nothing_here +3", "reason": "r"}
        )
        assert "nothing called" in said
        assert len(host.table.session.game.actions) == before
        await room.close()
