"""`redline host`, `join` and `serve --join` on bad input: one line, a non-zero exit, no traceback."""

from __future__ import annotations

import json

import pytest

from redline.cli import main


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["host"], 2, "needs a SCENARIO, or --resume SAVE"),
        (["host", "tutorial", "--resume", "x.json"], 2, "not both"),
        (["host", "atlantis"], 2, "no scenario 'atlantis'"),
        (["host", "tutorial", "--bind", "no-such-host.invalid"], 2, "cannot listen on host"),
        (["join", "ftp://x", "--code", "A"], 2, "is not a host's address"),
        (["serve", "--join", "ftp://x"], 2, "is not a host's address"),
    ],
)
def test_bad_input_is_one_line_and_an_exit_code(argv, code, says, capsys):
    assert main(argv) == code
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_a_save_that_is_not_a_hosted_sessions_is_refused_untouched(tmp_path, capsys):
    from redline.engine import Game
    from redline.saves import write_save
    from redline.session.local import find_entry, load_entry

    path = tmp_path / "solo.json"
    write_save(path, Game.start(load_entry(find_entry("tutorial", None)), 3), {"label": "solo"})
    before = path.read_bytes()
    assert main(["host", "--resume", str(path), "--port", "18997"]) == 2
    assert "not a hosted session's save" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert json.loads(before)["scenario"] == "tutorial"
