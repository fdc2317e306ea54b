"""A save names the scenario's things by their ids, of the content's own shape: a card, an
option, an event, a response or an ending that could not be an id is refused as a damaged
save, and a replay that stops says so on one line, whatever the save held."""

from __future__ import annotations

import json

import pytest

from redline.content.models import MAX_ID
from redline.saves import SaveError, read_save, restore


def _save(path, actions, **more):  # type: ignore[no-untyped-def]
    doc = {"format": 1, "scenario": "tutorial", "content_hash": "x", "seed": 1, "actions": actions, **more}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("action", "field"),
    [
        ({"kind": "decide", "card": "tut_timing", "option": "\n"}, "actions[1].option"),
        ({"kind": "decide", "card": "Tut Timing", "option": "deploy_now"}, "actions[1].card"),
        ({"kind": "decide", "card": "t" * (MAX_ID + 1), "option": "x"}, "actions[1].card"),
        ({"kind": "inject", "event": "ev.1"}, "actions[1].event"),
        ({"kind": "signal", "responses": ["ok", "no way"]}, "actions[1].responses[2]"),
        ({"kind": "respond", "response": "-x"}, "actions[1].response"),
    ],
)
def test_an_id_of_another_shape_is_a_damaged_save(tmp_path, action, field):
    path = _save(tmp_path / "s.json", [action])
    with pytest.raises(SaveError) as caught:
        read_save(path)
    said = str(caught.value)
    assert said.startswith(str(path)) and field in said and "\n" not in said
    assert "pattern" not in said and "^[" not in said


def test_a_scenario_id_may_have_hyphens_but_no_spaces(tmp_path):
    assert (
        read_save(_save(tmp_path / "a.json", [], scenario="reassurance-force")).scenario
        == "reassurance-force"
    )
    with pytest.raises(SaveError):
        read_save(_save(tmp_path / "b.json", [], scenario="reassurance force"))


def test_a_stopped_replay_is_said_on_one_line_in_the_scenarios_unit(tmp_path, tutorial):
    path = _save(tmp_path / "s.json", [{"kind": "decide", "card": "tut_timing", "option": "no_such_option"}])
    restored = restore(read_save(path), tutorial)
    said = restored.message(path)
    assert said is not None and "\n" not in said
    assert "(week 1)" in said and "Replayed none of its actions" in said and "(s)" not in said
