"""Session plans, the MSEL round trip and role briefs, through the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from redline.cli import main
from redline.exercise.cli import SCHEMA_FILE, plan_schema_text
from redline.exercise.load import load_plan


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "thursday.yaml"
    code, _, err = run(capsys, "plan", "new", "reassurance-force", "-o", str(path))
    assert code == 0, err
    return path


def test_a_new_plan_validates_as_written(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(plan))
    assert code == 0
    assert "1 session plan checked: clean" in out
    loaded = load_plan(plan)
    assert {s.role for s in loaded.plan.seats} == set(loaded.scenario.roles)
    assert any(i.text for i in loaded.plan.injects) and any(i.event for i in loaded.plan.injects)
    first = plan.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://") and first.endswith("plan.schema.json")


def test_plan_new_refuses_to_overwrite_without_force(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = plan.read_text()
    code, _, err = run(capsys, "plan", "new", "tutorial", "-o", str(plan))
    assert code == 2 and "--force" in err
    assert plan.read_text() == before


def test_every_problem_of_a_plan_in_one_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "plan:\n"
        "  scenario: reassurance-force\n"
        "  hide_redlines: true\n"
        "  seats:\n"
        "    - role: kiev\n"
        "      team: Yellow\n"
        "  injects:\n"
        "    - number: 1\n"
        "      turn: 30\n"
        "      event: ev_ryazn\n"
        "    - number: 2\n"
        "      turn: 2\n"
        "      text: A leak\n"
        "      changes: [{target: confidense, value: -3}]\n"
        "      reason: leak\n"
    )
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:3:3: RL106 unknown key 'hide_redlines' — did you mean 'hide_red_lines'?" in out
    assert f"{bad}:5:13: RL104 unknown role 'kiev' — did you mean 'kyiv'?" in out
    assert "RL107 month 30 is after the last (12)" in out
    assert "RL108 unknown event 'ev_ryazn' — did you mean 'ev_ryazan'?" in out
    assert "RL101 unknown meter, flag or ally 'confidense' — did you mean 'confidence'?" in out
    assert "5 errors" in out


@pytest.mark.parametrize(
    "text, message",
    [
        ("plan:\n  scenario: nowhere\n", "RL501 no scenario 'nowhere'"),
        ("plan: [1\n", "RL001"),
        ("plan: !!python/object:os.system {}\n", "RL002"),
        ("plan:\n  scenario: tutorial\n  seed: -4\n", "RL107"),
        (
            "plan:\n  scenario: tutorial\n  injects:\n    - {number: 1, turn: 1}\n",
            "an inject names an `event`",
        ),
    ],
)
def test_bad_plans_are_refused_with_a_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert message in out and f"{bad}:" in out


def test_msel_round_trip(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "msel.csv"
    assert run(capsys, "msel", "export", str(plan), "-o", str(sheet))[0] == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text())))
    assert list(rows[0]) == ["number", "turn", "inject", "from", "to", "expected_action", "notes"]
    # The facilitator edits the spreadsheet: a new free-text row, an event named by its title.
    with sheet.open("a", newline="") as fh:
        csv.writer(fh).writerow(
            [9, "Month 5", "=Kyiv asks for a date", "Kyiv", "Coalition lead (Paris and London)", "", "watch"]
        )
    new = tmp_path / "new.yaml"
    code, _, err = run(capsys, "msel", "import", str(sheet), "--plan", str(plan), "-o", str(new))
    assert code == 0, err
    assert run(capsys, "validate", str(new))[0] == 0
    before, after = load_plan(plan).plan, load_plan(new).plan
    assert after.seats == before.seats
    assert [i for i in after.injects if i.number != 9] == sorted(
        before.injects, key=lambda i: (i.turn, i.number)
    )
    added = next(i for i in after.injects if i.number == 9)
    assert (added.turn, added.text, added.to, added.notes) == (
        5,
        "=Kyiv asks for a date",
        "coalition_lead",
        "watch",
    )
    # Exported again, the formula-like text stays text for the spreadsheet.
    code, out, _ = run(capsys, "msel", "export", str(new))
    assert "'=Kyiv asks for a date" in out


def test_a_bad_row_names_its_line_and_writes_nothing(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "msel.csv"
    sheet.write_text(
        "number,turn,inject,from,to,expected_action,notes\n"
        "1,2,Strike near Ryazan refinery,White cell,all,,\n"
        "2,month x,Something,White cell,all,,\n"
        "3,4,Another,White cell,Parliament,,\n"
    )
    new = tmp_path / "new.yaml"
    code, _, err = run(capsys, "msel", "import", str(sheet), "--plan", str(plan), "-o", str(new))
    assert code == 1
    assert f"{sheet}:3: turn 'month x'" in err
    assert f"{sheet}:4: unknown seat 'Parliament'" in err
    assert "nothing written" in err
    assert not new.exists()


def test_import_never_overwrites_the_plan_it_reads(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "msel.csv"
    run(capsys, "msel", "export", str(plan), "-o", str(sheet))
    before = plan.read_text()
    code, _, err = run(capsys, "msel", "import", str(sheet), "--plan", str(plan), "-o", str(plan), "--force")
    assert code == 2 and "being read" in err
    assert plan.read_text() == before


def test_briefs_keep_what_a_seat_may_not_know(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = plan.read_text().replace("hide_red_lines: false", "hide_red_lines: true")
    text = text.replace('notes: ""', 'notes: "SECRET-NOTE"', 1)
    plan.write_text(text)
    loaded = load_plan(plan)
    red_line = loaded.scenario.red_lines[0].model.label
    code, team, _ = run(capsys, "brief", str(plan), "--seat", "kyiv")
    assert code == 0
    assert "Kyiv" in team and red_line not in team and "SECRET-NOTE" not in team
    assert "not part of this brief" in team
    kyiv_card = next(c for c in loaded.scenario.cards if c.model.role == "kyiv")
    assert kyiv_card.model.title.replace("'", "&#39;") in team
    _, red, _ = run(capsys, "brief", str(plan), "--seat", "moscow")
    assert red_line in red and "SECRET-NOTE" not in red
    _, white, _ = run(capsys, "brief", str(plan), "--seat", "facilitator")
    assert red_line in white and "SECRET-NOTE" in white
    code, _, err = run(capsys, "brief", str(plan), "--seat", "kremlin")
    assert code == 2 and "seats:" in err


def test_the_shipped_plan_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text() == plan_schema_text()
    assert json.loads(SCHEMA_FILE.read_text())["properties"]["plan"]
