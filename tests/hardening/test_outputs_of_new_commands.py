"""Outputs of the authoring and exercise commands: none replaces a scenario's own file, a
save or the file it reads without --force (the file it reads, not even with it), and a
spreadsheet's cards are never written through a link out of the folder asked for."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from test_bad_content import TUTORIAL

from redline.cli import main
from redline.content import load_scenario
from redline.engine import Game
from redline.saves import write_save


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def world(tmp_path):
    """A scenario of one's own, a save and a session plan."""
    folder = tmp_path / "content" / "scenarios" / "mine"
    shutil.copytree(TUTORIAL, folder)
    (folder / "scenario.yaml").write_text(
        (folder / "scenario.yaml").read_text().replace("id: tutorial", "id: mine")
    )
    game = Game.start(load_scenario(folder), 1)
    game.apply(game.state.legal_actions()[0])
    save = write_save(tmp_path / "game.json", game, {})
    plan = tmp_path / "plan.yaml"
    assert main(["plan", "new", "tutorial", "-o", str(plan)]) == 0
    return tmp_path, folder, save, plan


CASES = [
    (
        "cards-export-over-content",
        lambda t, f, s, p: ["cards", "export", str(f), "-o", str(f / "cards.yaml")],
    ),
    ("cards-export-over-a-save", lambda t, f, s, p: ["cards", "export", str(f), "-o", str(s)]),
    ("graph-over-content", lambda t, f, s, p: ["graph", str(f), "-o", str(f / "meters.yaml")]),
    ("graph-over-a-save", lambda t, f, s, p: ["graph", str(f), "--format", "dot", "-o", str(s)]),
    ("msel-export-over-a-save", lambda t, f, s, p: ["msel", "export", str(p), "-o", str(s)]),
    ("msel-export-over-its-plan", lambda t, f, s, p: ["msel", "export", str(p), "-o", str(p), "--force"]),
    (
        "brief-over-its-plan",
        lambda t, f, s, p: ["brief", str(p), "--seat", "facilitator", "-o", str(p), "--force"],
    ),
    ("plan-new-over-a-save", lambda t, f, s, p: ["plan", "new", "tutorial", "-o", str(s)]),
]


@pytest.mark.parametrize("case, args", CASES, ids=[c[0] for c in CASES])
def test_an_output_never_replaces_content_a_save_or_its_input(world, capsys, case, args):
    tmp, folder, save, plan = world
    files = [*sorted(folder.glob("*.yaml")), save, plan]
    before = {p: _digest(p) for p in files}
    code = main(args(*world))
    out = capsys.readouterr()
    assert code == 2, out
    assert "Traceback" not in out.err and "-o " in out.err and len(out.err.strip().splitlines()) == 1
    assert {p: _digest(p) for p in files} == before


def test_force_replaces_a_file_that_is_not_read(world, capsys):
    tmp, folder, save, plan = world
    target = tmp / "old.csv"
    target.write_text("old")
    assert main(["cards", "export", str(folder), "-o", str(target)]) == 0
    assert target.read_text().startswith("file,card")
    assert main(["cards", "export", str(folder), "-o", str(save), "--force"]) == 0
    assert save.read_text().startswith("file,card")


def test_cards_import_never_writes_through_a_link_out_of_the_folder(world, tmp_path, capsys):
    tmp, folder, save, plan = world
    sheet = tmp / "cards.csv"
    assert main(["cards", "export", str(folder), "-o", str(sheet)]) == 0
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    target = tmp / "target"
    target.mkdir()
    (target / "sub").symlink_to(elsewhere)
    sheet.write_text(sheet.read_text().replace("\ncards.yaml,", "\nsub/cards.yaml,"))
    code = main(["cards", "import", str(sheet), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 1 and "leads out of" in err and "nothing written" in err
    assert list(elsewhere.iterdir()) == [] and sorted(p.name for p in target.iterdir()) == ["sub"]
