"""Bad saves and bad command-line arguments: a one-line reason, a non-zero exit, no
traceback, and the file left exactly as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.cli import main
from redline.content import load
from redline.engine import Game
from redline.saves import write_save

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def good_save(tmp_path):
    game = Game.start(load("tutorial", [CONTENT]), 3)
    for _ in range(3):
        game.apply(game.state.legal_actions()[0])
    return write_save(tmp_path / "good.json", game)


def mutate(doc: dict, case: str) -> dict | bytes:
    if case == "wrong-version":
        doc["format"] = 7
        doc["oldest"] = 5
        return doc
    if case == "another-scenario":
        doc["scenario"] = "no-such-scenario"
        return doc
    if case == "edited-content":
        doc["content_hash"] = "feedface"
        doc["actions"][1]["option"] = "renamed_option"
        return doc
    if case == "tampered-card":
        doc["actions"][0]["card"] = "tut_exit"
        return doc
    if case == "tampered-kind":
        doc["actions"][0]["kind"] = "exec"
        return doc
    if case == "extra-field":
        doc["actions"][0]["python"] = "__import__('os')"
        return doc
    if case == "negative-seed-type":
        doc["seed"] = [1]
        return doc
    raise AssertionError(case)


SAVE_CASES = [
    # case, exit code, message fragment
    ("truncated", 1, "not valid JSON"),
    ("not-json", 1, "not valid JSON"),
    ("binary", 1, "not UTF-8"),
    ("empty", 1, "not valid JSON"),
    ("wrong-version", 1, "needs a newer redline"),
    ("another-scenario", 2, "no scenario 'no-such-scenario'"),
    ("edited-content", 1, "content has changed"),
    ("tampered-card", 1, "diverged at action 1"),
    ("tampered-kind", 1, "unknown action kind"),
    ("extra-field", 1, "unknown field"),
    ("negative-seed-type", 1, "'seed'"),
    ("deeply-nested", 1, "damaged save"),
]


@pytest.mark.parametrize("case, code, fragment", SAVE_CASES, ids=[c[0] for c in SAVE_CASES])
def test_bad_save(good_save, capsys, case, code, fragment):
    raw = good_save.read_bytes()
    if case == "truncated":
        data = raw[: len(raw) // 2]
    elif case == "not-json":
        data = b"this is not a save\n"
    elif case == "binary":
        data = bytes(range(256))
    elif case == "empty":
        data = b""
    elif case == "deeply-nested":
        data = b'{"format": 1, "actions": ' + b"[" * 100000 + b"]" * 100000 + b"}"
    else:
        data = json.dumps(mutate(json.loads(raw), case)).encode()
    good_save.write_bytes(data)
    rc = main(["replay", str(good_save)])
    out = capsys.readouterr()
    assert rc == code, out.err
    assert fragment in out.err, out.err
    assert "Traceback" not in out.err
    assert good_save.read_bytes() == data, "a bad save is never modified"


ARG_CASES = [
    (["simulate"], "required"),
    (["simulate", "tutorial", "--runs", "-5"], "at least 1"),
    (["simulate", "tutorial", "--runs", "1e9x"], "not a whole number"),
    (["simulate", "tutorial", "--seed", "-1"], "between 0"),
    (["simulate", "tutorial", "--seed", str(2**70)], "between 0"),
    (["simulate", "tutorial", "--workers", "0"], "at least 1"),
    (["simulate", "tutorial", "--format", "xml"], "invalid choice"),
    (["simulate", "tutorial", "--content", "/no/such/dir"], "no such folder"),
    (["play", "--seed", "abc"], "not a whole number"),
    (["replay"], "required"),
    (["validate", "--format", "yaml"], "invalid choice"),
    (["--no-such-flag"], "unrecognized arguments"),
    (["nonsense-command"], "invalid choice"),
]


@pytest.mark.parametrize("args, fragment", ARG_CASES, ids=[" ".join(a) for a, _ in ARG_CASES])
def test_bad_arguments(capsys, args, fragment):
    with pytest.raises(SystemExit) as exit_info:
        rc = main(args)
        raise SystemExit(rc)
    out = capsys.readouterr()
    assert exit_info.value.code == 2, out.err
    assert fragment in out.err
    assert "Traceback" not in out.err
