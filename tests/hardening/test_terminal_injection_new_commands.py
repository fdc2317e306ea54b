"""The commands added since the first corpus, fed hostile content, a hostile save and a plan
made from them: nothing they print or write holds a control character, whether to the
terminal or to a file (-o), and the content is there, as text. Then arbitrary text in every
field, through the same commands."""

from __future__ import annotations

import pytest
from hostile import PAYLOADS, assert_clean, hostile_tutorial, payload_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.cli import main
from redline.content import load_scenario
from redline.engine import Game, Note
from redline.saves import write_save


def _world(root, text):
    folder = hostile_tutorial(root / "scenarios", text, sid="hostile")
    game = Game.start(load_scenario(folder), 5)
    for _ in range(3):
        game.apply(game.state.legal_actions()[0])
    game.apply(Note(" ".join(PAYLOADS), by="\x1b]2;by\x07[/b]"))
    mid = write_save(root / "mid.json", game, {"label": "\x1b]52;c;AAAA\x07[/x] label"})
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    end = write_save(root / "end.json", game, {"label": "[/x] label"})
    plan = root / "plan.yaml"
    assert main(["plan", "new", "hostile", "-o", str(plan), "--force", "--content", str(root)]) == 0
    return root, mid, end, plan


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return _world(tmp_path_factory.mktemp("new"), payload_text(" ".join(PAYLOADS)))


COMMANDS = [
    ("report-csv", lambda r, m, e, p: ["report", str(e), "--format", "csv"]),
    ("report-json", lambda r, m, e, p: ["report", str(e), "--format", "json"]),
    ("report-summary", lambda r, m, e, p: ["report", str(e), "--format", "html", "--summary"]),
    ("forecast", lambda r, m, e, p: ["forecast", str(m), "--games", "10"]),
    ("forecast-json", lambda r, m, e, p: ["forecast", str(m), "--games", "10", "--format", "json"]),
    (
        "analyze",
        lambda r, m, e, p: [
            "analyze",
            "hostile",
            "--runs",
            "20",
            "--workers",
            "1",
            "--rollout-runs",
            "0",
            "--quiet",
        ],
    ),
    ("graph-dot", lambda r, m, e, p: ["graph", "hostile", "--format", "dot"]),
    ("graph-svg", lambda r, m, e, p: ["graph", "hostile", "--format", "svg"]),
    ("graph-html", lambda r, m, e, p: ["graph", "hostile"]),
    ("where", lambda r, m, e, p: ["where", "escalation", "hostile"]),
    ("cards-export", lambda r, m, e, p: ["cards", "export", "hostile"]),
    ("msel-export", lambda r, m, e, p: ["msel", "export", str(p)]),
    ("brief-facilitator", lambda r, m, e, p: ["brief", str(p), "--seat", "facilitator"]),
    ("brief-seat", lambda r, m, e, p: ["brief", str(p), "--seat", "coalition_lead"]),
    ("validate-plan", lambda r, m, e, p: ["validate", str(p)]),
]


@pytest.mark.parametrize("case, args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_no_new_command_prints_or_writes_a_control_character(world, tmp_path, capsys, case, args):
    root = world[0]
    argv = [*args(*world), "--content", str(root)]
    code = main(argv)
    out = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in out.err, out.err
    assert_clean(out.out)
    assert_clean(out.err)
    if case not in ("validate-plan", "analyze", "where"):
        assert "clipboard" in out.out  # the text is there, as text (cut short in the SVG)
    if case in ("validate-plan", "where", "analyze", "forecast", "forecast-json"):
        return  # no -o: they print only
    target = tmp_path / "out.txt"
    assert main([*argv, "-o", str(target)]) == 0, capsys.readouterr().err
    assert_clean(target.read_text(encoding="utf-8"))


FIELD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from(list("\x1b\x9b[/]x`*_<>=@")),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip())


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=FIELD_TEXT)
def test_arbitrary_text_in_every_field_through_the_new_commands(tmp_path_factory, capsys, text):
    world = _world(tmp_path_factory.mktemp("arbitrary"), lambda key, old: f"{old[:10]} {text}")
    root = world[0]
    for case, args in COMMANDS:
        if case == "analyze":
            continue  # the slowest; its words are those of forecast and report
        code = main([*args(*world), "--content", str(root)])
        out = capsys.readouterr()
        assert code in (0, 1) and "Traceback" not in out.err, (case, out.err)
        assert_clean(out.out + out.err)
