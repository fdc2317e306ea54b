"""`redline host`'s numbers are bounded where they are typed: a seed a save can hold (a
session hosted with seed -1 could not be saved, nor resumed), and a cap on connections that
is a cap."""

from __future__ import annotations

import pytest

from redline.cli import build_parser


@pytest.mark.parametrize(
    "args, ok",
    [
        (["--seed", "0"], True),
        (["--seed", str(2**63 - 1)], True),
        (["--seed", "-1"], False),
        (["--seed", str(2**63)], False),
        (["--seed", "x"], False),
        (["--max-clients", "1"], True),
        (["--max-clients", "1000"], True),
        (["--max-clients", "0"], False),
        (["--max-clients", "-5"], False),
        (["--max-clients", "99999999"], False),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else str(v),
)
def test_host_numbers_are_bounded_where_typed(capsys, args, ok):
    parser = build_parser()
    if ok:
        parser.parse_args(["host", "tutorial", *args])
        return
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["host", "tutorial", *args])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and args[0] in err and "Traceback" not in err


@pytest.mark.parametrize("n, ok", [("1", True), ("64", True), ("0", False), ("65", False), ("-1", False)])
def test_serve_caps_its_browser_tabs_where_typed(capsys, n, ok):
    parser = build_parser()
    if ok:
        assert parser.parse_args(["serve", "--max-connections", n]).max_connections == int(n)
        return
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["serve", "--max-connections", n])
    assert exc.value.code == 2 and "--max-connections" in capsys.readouterr().err
