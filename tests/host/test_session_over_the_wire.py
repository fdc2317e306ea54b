"""A host and five clients (facilitator, two teams, red cell, projector) play a facilitated
game of the tutorial to its ending, with a vote, an inject, an override and a rewind; the
host's save replays to the same state. Every message the projector and the teams receive is
read for what they may not know."""

from __future__ import annotations

import json

from host_helpers import Room, play_until, running, tutorial_host

from redline.saves import read_save, restore

SEATS = ["facilitator", "team:coalition_lead", "team:kyiv", "red_cell", "projector"]
PUBLIC = ["projector", "team:coalition_lead", "team:kyiv"]
MSEL = "MSEL 12: power cut staged to test the room"
NOTE = "Debrief: ask Kyiv why it waited"
RATIONALE = "Paris fears a walk-out of the Baltic states"
OVERRIDE = "Umpire ruling: the talks stall"


async def test_five_seats_play_the_tutorial_to_its_ending(tmp_path):
    host = tutorial_host(tmp_path)
    scenario = host.table.session.scenario
    async with running(host) as url:
        room = Room(url, host)
        for seat in SEATS:
            await room.join(seat)
        await room.act("facilitator", {"type": "red_lines", "shown": False})

        # Week 1: the red cell signals; the first card goes to a vote of the two teams.
        await play_until(room, lambda v: v["phase"] == "decisions")
        card = room.clients["facilitator"].view["card"]
        assert card["role"] == "coalition_lead"
        # Kyiv may not answer Paris's card; the projector may not act at all.
        assert "not your decision" in await room.refused("team:kyiv", {"type": "decide", "option": "x"})
        assert "only watches" in await room.refused("projector", {"type": "open_vote"})
        await room.act("facilitator", {"type": "open_vote"})
        options = [o["id"] for o in card["options"]]
        await room.act("team:coalition_lead", {"type": "vote", "option": options[1]})
        await room.act("team:kyiv", {"type": "vote", "option": options[0]})
        assert room.clients["projector"].view["vote"]["tally"] == {options[0]: 1, options[1]: 1}
        await room.act("facilitator", {"type": "note", "text": RATIONALE, "attach": True})
        await room.act("facilitator", {"type": "close_vote", "option": options[1]})
        decided = host.table.session.game.actions[-1]
        assert (decided.option, decided.by, decided.note) == (options[1], "coalition_lead", RATIONALE)
        assert dict(decided.votes) == {options[0]: 1, options[1]: 1}

        # An inject scheduled for week 4 with its MSEL note, one fired now, an override, a note.
        await room.act(
            "facilitator", {"type": "inject", "event": "tut_chernihiv", "when": "4", "reason": MSEL}
        )
        await room.act("facilitator", {"type": "inject", "event": "tut_talks", "when": "", "reason": MSEL})
        await room.act(
            "facilitator", {"type": "override", "target": "escalation", "value": "30", "reason": OVERRIDE}
        )
        assert host.table.session.state.meters["escalation"] == 30
        await room.act("facilitator", {"type": "note", "text": NOTE})

        # On to week 3, then rewind to the start of week 2: the line cut off is a branch.
        await play_until(room, lambda v: v["turn"] == 3)
        cut = host.table.session.game.actions[host.table.session.game.turn_starts()[2] :]
        await room.act("facilitator", {"type": "rewind", "turn": 2, "name": "the first try"})
        assert room.clients["projector"].view["turn"] == 2
        assert [len(b.actions) for b in host.table.session.game.branches] == [len(cut)]

        await play_until(room, lambda v: v["over"])
        final = host.table.session.state
        assert final.is_over and room.clients["projector"].view["ending"]["title"] == final.ending.model.title
        received = {seat: [json.loads(m) for m in room.clients[seat].received] for seat in SEATS}
        await room.close()

    # The host's save is the whole game, in one file: it replays to the same state.
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".json"] == [host.save_path.name]
    data = read_save(host.save_path)
    restored = restore(data, scenario)
    assert restored.diverged_at is None
    assert restored.game.state.fingerprint() == final.fingerprint()
    assert [b.name for b in restored.game.branches] == ["the first try"]

    # What the projector and the teams received, message by message.
    never = [MSEL, NOTE, RATIONALE, OVERRIDE]  # every reason is the facilitator's
    kept = {r.id: r for r in scenario.responses.values()}
    carried = {e.target for e in host.table.session.game.all_events() if e.kind == "kremlin"}
    secret_threats = [r.model.text for rid, r in kept.items() if rid not in carried]
    for seat in PUBLIC:
        assert received[seat], seat
        for message in received[seat]:
            wire = json.dumps(message, ensure_ascii=False)
            for text in never + secret_threats:
                assert text not in wire, (seat, text)
            view = message.get("view")
            if view is None:
                continue
            assert "Scheduled for" not in wire and "injects" not in view, seat  # the inject booked
            shown = {r["label"] for r in view["red_lines"]}
            for line in scenario.red_lines:  # hidden red lines, until crossed
                if line.model.label not in shown:
                    assert line.model.label not in wire and line.model.quote not in wire, seat
    # ...while the facilitator saw all of it (so the checks above can fail).
    wire = json.dumps(received["facilitator"], ensure_ascii=False)
    assert MSEL in wire and NOTE in wire and OVERRIDE in wire
    assert "Scheduled for week 4: Power cut in Chernihiv" in wire
    assert all(line.model.label in wire for line in scenario.red_lines)
