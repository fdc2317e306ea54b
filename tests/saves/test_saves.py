"""Saves: atomic JSON of the seed and actions; loading replays; bad saves are refused untouched."""

from __future__ import annotations

import json

import pytest

from redline.engine import Decide, Game, Inject, Note, Override
from redline.saves import FORMAT, SaveError, read_save, restore, write_save


def played(tutorial, seed=5, decisions=3):
    game = Game.start(tutorial, seed)
    game.apply(Note("opening note", by="coalition_lead"))
    game.apply(Override("ally.germany", 60, "Berlin reassured off the record"))
    game.apply(Inject("tut_ryazan", reason="test"))
    for _ in range(decisions):
        if game.state.is_over:
            break
        a = game.state.legal_actions()[-1]
        game.apply(Decide(a.card, a.option, by="coalition_lead", votes=(("x", 2), ("y", 1))))
    return game


def test_save_round_trip_replays_identical_state(tutorial, tmp_path):
    game = played(tutorial)
    path = write_save(tmp_path / "a.json", game, {"label": "round trip"})
    data = read_save(path)
    assert data.seed == 5 and data.scenario == "tutorial"
    restored = restore(data, tutorial)
    assert restored.message(path) is None
    assert restored.game.actions == game.actions
    assert restored.game.state.fingerprint() == game.state.fingerprint()


def test_save_document_shape(tutorial, tmp_path):
    game = played(tutorial)
    path = write_save(tmp_path / "a.json", game)
    doc = json.loads(path.read_text())
    assert doc["format"] == FORMAT and doc["oldest"] <= FORMAT
    assert doc["content_hash"] == tutorial.content_hash
    kinds = [a["kind"] for a in doc["actions"]]
    assert kinds[:3] == ["note", "override", "inject"]
    decide = doc["actions"][3]
    assert set(decide) >= {"card", "option"} and "index" not in decide  # ids, never positions
    assert decide["votes"] == {"x": 2, "y": 1}


def test_no_temporary_files_left(tutorial, tmp_path):
    write_save(tmp_path / "a.json", played(tutorial))
    write_save(tmp_path / "a.json", played(tutorial, 6))
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "not valid JSON"),
        (b'{"format": 1, "scenario": "tutorial"', "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "no format version"),
        (b'{"format": 99, "oldest": 50}', "needs a newer redline"),
        (b'{"format": 0}', "too old"),
        (
            b'{"format": 1, "scenario": "tutorial", "content_hash": "x", "seed": "one", "actions": []}',
            "'seed'",
        ),
        (
            b'{"format": 1, "scenario": "tutorial", "content_hash": "x", "seed": 1, "actions": [{"kind": "explode"}]}',
            "unknown action kind",
        ),
        (
            b'{"format": 1, "scenario": "tutorial", "content_hash": "x", "seed": 1, "actions": [{"kind": "decide", "card": 3, "option": "a"}]}',
            "must be text",
        ),
    ],
)
def test_damaged_saves_are_refused_with_a_reason_and_left_untouched(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(SaveError, match=message) as err:
        read_save(path)
    assert str(path) in str(err.value)
    assert path.read_bytes() == content


def test_tampered_actions_replay_as_far_as_they_can(tutorial, tmp_path):
    game = played(tutorial, decisions=3)
    path = write_save(tmp_path / "t.json", game)
    doc = json.loads(path.read_text())
    doc["actions"][4]["option"] = "no_such_option"
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    restored = restore(read_save(path), tutorial)
    msg = restored.message(path)
    assert restored.diverged_at == 4
    assert "action 5" in msg and "no option 'no_such_option'" in msg
    assert len(restored.game.actions) == 4
    assert path.read_bytes() == before


def test_edited_content_is_reported(tutorial, tmp_path):
    game = played(tutorial)
    path = write_save(tmp_path / "c.json", game)
    doc = json.loads(path.read_text())
    doc["content_hash"] = "0000"
    doc["actions"].append({"kind": "decide", "card": "gone_card", "option": "x"})
    path.write_text(json.dumps(doc))
    restored = restore(read_save(path), tutorial)
    assert restored.content_changed
    assert "content has changed" in restored.message(path)


def test_save_for_another_scenario(tutorial, tmp_path):
    path = write_save(tmp_path / "o.json", played(tutorial))
    doc = json.loads(path.read_text())
    doc["scenario"] = "elsewhere"
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="for scenario 'elsewhere'"):
        restore(read_save(path), tutorial)


def test_read_only_folder_gives_a_message(tutorial, tmp_path, monkeypatch):
    import errno
    import os
    import tempfile

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # root writes anywhere: refuse the write as the OS would

        def refused(*args, **kw):
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))

        monkeypatch.setattr(tempfile, "mkstemp", refused)
    try:
        with pytest.raises(SaveError, match="cannot save.*Permission denied"):
            write_save(folder / "x.json", played(tutorial))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
