"""Text from content and saves never drives the terminal, and Markdown never reads it as
markup: control characters and escape sequences are removed where content and saves are
read (textsafe), and again on everything the command line prints."""

from __future__ import annotations

import json
import re

import pytest
from hostile import CONTROL, PAYLOADS, assert_clean, hostile_tutorial, payload_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.cli import main
from redline.content import load_scenario
from redline.engine import Game, Note
from redline.report import render
from redline.report.aar import build
from redline.saves import read_save, write_save
from redline.textsafe import CleanStream, clean, clean_line

CASES = [
    ("osc-52-clipboard", "a\x1b]52;c;cHduZWQ=\x07b", "ab"),
    ("osc-2-title-st", "x\x1b]2;pwned\x1b\\y", "xy"),
    ("csi-colour", "red\x1b[31mX\x1b[0m", "redX"),
    ("clear-screen", "\x1b[2J\x1b[Hhome", "home"),
    ("c1-csi", "c1\x9b31mz", "c1z"),
    ("c1-osc", "t\x9d0;title\x9cz", "tz"),
    ("dcs", "d\x1bPq#0;2;0;0;0\x1b\\e", "de"),
    ("bidi-override", "bidi\u202eevil\u202c", "bidievil"),
    ("bidi-isolate", "iso\u2066late\u2069", "isolate"),
    ("nul-bell-del", "n\x00b\x07d\x7f", "nbd"),
    ("lone-esc", "esc\x1b", "esc"),
    ("carriage-return", "real\rfake", "realfake"),
    ("crlf", "line\r\nnext", "line\nnext"),
    ("kept", "tab\tnewline\n“quotes” — Ü ✓ 中文", "tab\tnewline\n“quotes” — Ü ✓ 中文"),
]


@pytest.mark.parametrize("case, text, expected", CASES, ids=[c[0] for c in CASES])
def test_clean_removes_controls_and_keeps_text(case, text, expected):
    assert clean(text) == expected
    assert CONTROL.search(clean_line(text)) is None and "\n" not in clean_line(text)


@given(st.text())
def test_clean_leaves_no_control_character_whatever_the_text(text):
    out = clean(text)
    assert CONTROL.search(out) is None and "\r" not in out
    assert clean(out) == out  # once is enough


def test_clean_stream_keeps_a_progress_bars_carriage_returns():
    import io

    raw = io.StringIO()
    CleanStream(raw, keep_cr=True).write("50%\r\x1b]2;x\x07100%\n")
    assert raw.getvalue() == "50%\r100%\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The tutorial with every payload in every text field, a game of it and its save."""
    root = tmp_path_factory.mktemp("hostile")
    folder = hostile_tutorial(root / "scenarios", payload_text(" ".join(PAYLOADS)), sid="hostile")
    scenario = load_scenario(folder)
    game = Game.start(scenario, 5)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    game.apply(Note(" ".join(PAYLOADS), by="\x1b]2;by\x07[/b]"))
    save = write_save(root / "game.json", game, {"label": "\x1b]52;c;AAAA\x07[/x] label"})
    return root, folder, save


COMMANDS = [
    ("scenarios", lambda r, f, s: ["scenarios", "--content", str(r)]),
    ("validate", lambda r, f, s: ["validate", str(f)]),
    ("trace", lambda r, f, s: ["simulate", str(f), "--trace", "3"]),
    ("simulate", lambda r, f, s: ["simulate", str(f), "--runs", "20", "--workers", "1"]),
    ("test", lambda r, f, s: ["test", str(f)]),
    ("replay", lambda r, f, s: ["replay", str(s), "--content", str(r)]),
    ("report-md", lambda r, f, s: ["report", str(s), "--content", str(r)]),
    ("report-html", lambda r, f, s: ["report", str(s), "--format", "html", "--content", str(r)]),
    ("deck", lambda r, f, s: ["deck", str(f), "--effects"]),
]


@pytest.mark.parametrize("case, args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_no_command_prints_a_control_character_from_content_or_a_save(hostile, capsys, case, args):
    code = main(args(*hostile))
    out = capsys.readouterr()
    assert code in (0, 1), out.err
    assert "Traceback" not in out.err
    assert_clean(out.out)
    assert_clean(out.err)
    if case in ("scenarios", "replay", "report-md", "trace", "deck"):
        assert "closes nothing" in out.out  # the text is there, as text


def test_a_file_name_with_controls_is_not_echoed_raw(tmp_path, capsys):
    bad = tmp_path / "x\x1b]2;pwned\x07.json"
    bad.write_text("{ damaged")
    code = main(["replay", str(bad)])
    err = capsys.readouterr().err
    assert code == 1 and "damaged save" in err
    assert_clean(err)


def test_an_argument_with_controls_is_not_echoed_raw(capsys):
    # --policy takes rollout:N too, so the command (not argparse's choices) refuses it: exit 2.
    assert main(["simulate", "tutorial", "--policy", "x\x1b]52;c;AAAA\x07"]) == 2
    err = capsys.readouterr().err
    assert "--policy" in err
    assert_clean(err)


def test_saves_are_cleaned_as_they_are_read(hostile):
    _, _, save = hostile
    data = read_save(save)
    assert data.meta["label"] == "[/x] label"
    note = data.actions[-1]
    assert CONTROL.search(note.text) is None and note.by == "[/b]"


def test_markdown_report_escapes_every_field_from_content_and_saves(hostile):
    _, folder, save = hostile
    data = read_save(save)
    game = Game.start(load_scenario(folder), data.seed)
    for a in data.actions:
        game.apply(a)
    md = render.markdown(build(game, meta=data.meta, source="`tick`s.json"))
    assert_clean(md)
    # No field can open a link, an image, an HTML tag, emphasis or code of its own.
    body = md.split("\n", 1)[1]
    for raw in ("<script>", "[link](", "*md*", "`code`", "_u_", "[/x]"):
        assert raw not in body, raw
    assert "\\<script\\>" in body and "\\[link\\](http://x)" in body
    assert "from ``` `tick`s.json ```" in md or "from `` `tick`s.json ``" in md


# ---- arbitrary text in every text field: the command line and the reports ---------------------

FIELD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(list("\x1b\x9b[/]x`*_<>")),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=FIELD_TEXT)
def test_arbitrary_text_in_every_field_comes_out_clean(tmp_path_factory, capsys, text):
    root = tmp_path_factory.mktemp("arbitrary")
    folder = hostile_tutorial(root / "scenarios", lambda key, old: f"{old[:10]} {text}", sid="hostile")
    for args in (
        ["simulate", str(folder), "--trace", "2"],
        ["deck", str(folder)],
        ["scenarios", "--content", str(root)],
    ):
        code = main(args)
        out = capsys.readouterr()
        assert code in (0, 1) and "Traceback" not in out.err
        assert_clean(out.out + out.err)
    scenario = load_scenario(folder)
    game = Game.start(scenario, 1)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    game.apply(Note(text, by=text[:50]))
    record = build(game, meta={"label": text}, source=text)
    for rendered in (render.markdown(record), render.html(record)):
        assert_clean(rendered)
    md = render.markdown(record)
    assert not re.search(r"(?<!\\)\[/x\]", md)
    json.dumps(record.title)  # plain text, nothing else


def test_play_refuses_a_scenario_name_with_controls_without_echoing_them(capsys):
    code = main(["play", "no-such\x1b]2;pwned\x07"])
    err = capsys.readouterr().err
    assert code == 2 and "no scenario 'no-such'" in err
    assert_clean(err)
