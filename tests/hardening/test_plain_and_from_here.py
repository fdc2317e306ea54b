"""`play --plain` and `play --from SAVE --turn N`, with hostile content and a hostile save:
every line comes out as text, --from is honoured in plain mode, and what plain mode cannot
do is refused in words rather than silently left out."""

from __future__ import annotations

import io

import pytest
from hostile import PAYLOADS, assert_clean, hostile_tutorial, payload_text

from redline.cli import main
from redline.content import load_scenario
from redline.engine import Game, Note
from redline.saves import write_save


@pytest.fixture(scope="module")
def midgame(tmp_path_factory):
    root = tmp_path_factory.mktemp("plain")
    folder = hostile_tutorial(root / "scenarios", payload_text(" ".join(PAYLOADS)), sid="hostile")
    game = Game.start(load_scenario(folder), 5)
    for _ in range(3):
        game.apply(game.state.legal_actions()[0])
    game.apply(Note(" ".join(PAYLOADS), by="\x1b]2;by\x07[/b]"))
    return root, write_save(root / "mid.json", game, {"label": "\x1b]52;c;AAAA\x07[/x] label"})


def test_plain_play_from_a_turn_of_a_hostile_save_prints_only_text(midgame, tmp_path, monkeypatch, capsys):
    root, save = midgame
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    code = main(
        [
            "play",
            "--from",
            str(save),
            "--turn",
            "2",
            "--plain",
            "--content",
            str(root),
            "--saves",
            str(tmp_path),
        ]
    )
    out = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in out.err
    assert "Playing from turn 2" in out.err and "Choose a scenario" not in out.out
    assert "closes nothing" in out.out  # the content is shown, as text
    assert_clean(out.out)
    assert_clean(out.err)


@pytest.mark.parametrize("extra", [["--facilitate"], ["--watch"], ["--plan", "plan.yaml"]])
def test_plain_refuses_what_it_cannot_do(capsys, extra):
    code = main(["play", "tutorial", "--plain", *extra])
    err = capsys.readouterr().err
    assert code == 2 and "--plain" in err and len(err.strip().splitlines()) == 1
