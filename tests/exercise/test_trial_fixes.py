"""What a facilitator's trial found in plans, briefs and the MSEL import: every problem of a
plan in one run and in plain words, a YAML slip said where it is, seats named by id or name
in any case, a formula cell flagged; and Moscow's climbs said in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.cli import main
from redline.content import load_scenario
from redline.engine.game import Game

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "thursday.yaml"
    assert run(capsys, "plan", "new", "reassurance-force", "-o", str(path))[0] == 0
    return path


BAD_ROWS = """\
plan:
  scenario: reassurance-force
  seed: 7
  seats:
    - role: coalition_lead
      team: Blue
  injects:
    - number: 1
      turn: 2
      event: ev_ryazan
    - number: 1
      turn: 0
      text: A journalist asks when the soldiers come home.
      changes:
        - {target: publc, value: -3}
      reason: the question lands badly at home
"""


def test_a_bad_value_hides_none_of_the_other_problems(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad4.yaml"
    bad.write_text(BAD_ROWS)
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    lines = out.splitlines()
    assert f"{bad}:12:13: RL107 inject 1: turn must be at least 1" in lines
    assert any("RL105 inject number 1 is used twice" in line for line in lines)
    assert any("RL101 unknown meter, flag or ally 'publc'" in line for line in lines)
    assert "3 errors" in out
    # Plain words: not the validator's, no dotted path, no list index counted from 0.
    assert "Input should" not in out and "plan.injects" not in out


def test_schema_problems_are_said_in_words_with_rows_counted_from_one(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "plan:\n"
        "  scenario: reassurance-force\n"
        "  seed: -3\n"
        "  format: fast\n"
        "  moves: {minutes: 900}\n"
        "  seats:\n"
        "    - {role: kyiv, team: ''}\n"
        "    - {team: Red}\n"
        "  injects:\n"
        "    - {number: x, turn: 2, text: hi}\n"
        "    - {number: 4, turn: 1, text: a, changes: [{target: public, value: lots}], reason: r}\n"
    )
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    for said in (
        "RL107 seed must be at least 0",
        "RL107 format must be one of full, ninety_minutes",
        "RL107 in moves, minutes must be at most 600",
        "RL107 seat kyiv: team must not be empty",
        "RL107 the second seat in the list: missing key 'role'",
        "RL107 the first inject in the list: number must be a whole number",
        "RL107 inject 4: in change 1, value must be a number",
    ):
        assert said in out, said
    assert "Input should" not in out


def test_an_unclosed_bracket_is_said_at_its_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad1.yaml"
    bad.write_text(
        "plan:\n"
        "  title: Thursday\n"
        "  scenario: reassurance-force\n"
        "  seed: 7\n"
        "  format: full\n"
        "  show_odds: true\n"
        "  hide_red_lines: [true\n"
        "  moves:\n"
        "    months: 1\n"
    )
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:7:19: RL001 unclosed [ opened at line 7" in out


@pytest.mark.parametrize("seat", ["Kyiv", "KYIV", "kyiv", "coalition lead (paris and london)", "Facilitator"])
def test_brief_finds_a_seat_by_id_or_name_in_any_case(plan: Path, seat: str, capsys) -> None:
    code, out, err = run(capsys, "brief", str(plan), "--seat", seat)
    assert code == 0, err
    assert out.startswith("<!doctype html>")


def test_msel_import_names_a_seat_as_brief_does(plan: Path, tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "msel.csv"
    sheet.write_text(
        "number,turn,inject,to\n1,2,The Rada votes,KYIV\n2,3,A leak,coalition LEAD (Paris and London)\n"
    )
    new = tmp_path / "new.yaml"
    code, _, err = run(capsys, "msel", "import", str(sheet), "--plan", str(plan), "-o", str(new))
    assert code == 0, err
    text = new.read_text()
    assert "to: kyiv" in text and "to: coalition_lead" in text


def test_msel_import_warns_of_a_formula_cell_and_keeps_its_text(plan: Path, tmp_path: Path, capsys) -> None:
    sheet = tmp_path / "msel.csv"
    sheet.write_text(
        "number,turn,inject,to,notes\n1,2,=1+1,all,\n2,3,A leak,all,-3\n3,3,A vote,all,@SUM(A1)\n"
    )
    new = tmp_path / "new.yaml"
    code, _, err = run(capsys, "msel", "import", str(sheet), "--plan", str(plan), "-o", str(new))
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "formula" in line]
    assert len(warnings) == 2, err  # `-3` is a number, not a formula
    assert warnings[0].startswith(
        f"{sheet}:2: warning: the inject cell '=1+1' looks like a spreadsheet formula"
    )
    assert warnings[1].startswith(f"{sheet}:4: warning: the notes cell '@SUM(A1)'")
    assert "text: =1+1" in new.read_text()  # imported as the text written


def test_moscow_climbing_the_ladder_is_said_in_words() -> None:
    sc = load_scenario(CONTENT / "reassurance-force")
    meter = sc.meters[sc.escalation]
    moves = []
    for seed in range(1, 9):
        game = Game.start(sc, seed)
        while not game.state.is_over:
            legal = game.state.legal_actions()
            game.apply(legal[-1] if seed % 2 else legal[0])
        moves += [e for e in game.all_events() if e.kind == "rung"]
    by_meter = [e for e in moves if e.cause != "red line crossed"]
    assert by_meter
    for e in by_meter:  # "Moscow climbs to “Probing drones” — Kremlin escalation at 62"
        assert e.cause != sc.escalation and e.cause.startswith(f"{meter.label} at "), e.cause


def test_the_decks_scoring_words_say_the_scenarios_unit() -> None:
    from redline.report.words import condition

    sc = load_scenario(CONTENT / "reassurance-force")
    said = condition("0.3 * crossed_now", sc)
    assert said.endswith(f"red lines crossed this {sc.info.turn_label.lower()}")
    assert "turn" not in said


def test_an_override_says_the_meters_name(tmp_path: Path, plan: Path) -> None:
    from redline.exercise.load import load_plan
    from redline.session.planned import start_from_plan

    session = start_from_plan(load_plan(plan), tmp_path / "saves")
    sc = session.scenario
    said = session.override(sc.escalation, "50", "the room asked")
    assert said == f"{sc.meters[sc.escalation].label} set to 50"
