"""`redline schema` and `redline new scenario`."""

from __future__ import annotations

import json
from pathlib import Path

from redline.content.lint import lint
from redline.content.loader import load_scenario
from redline.content.scaffold import FILES
from redline.content.schema import schema_text
from redline.sim import play
from redline.sim.scenario_tests import run_tests

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "redline.schema.json"


def test_committed_schema_is_up_to_date():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "docs/redline.schema.json is stale: run `redline schema -o docs/redline.schema.json`"
    )


def test_schema_describes_every_section_and_key():
    schema = json.loads(schema_text())
    assert schema["$schema"].startswith("https://json-schema.org/")
    sections = schema["properties"]
    assert {
        "scenario",
        "meters",
        "flags",
        "allies",
        "kremlin",
        "red_lines",
        "cards",
        "events",
        "endings",
        "pack",
    } <= set(sections)
    card = schema["$defs"]["Card"]
    assert card["additionalProperties"] is False  # editors flag unknown keys
    assert all("description" in field for field in card["properties"].values())


def test_schema_command_prints_or_writes_atomically(cli, tmp_path):
    code, out, _ = cli("schema")
    assert code == 0 and out == schema_text()
    target = tmp_path / "docs" / "schema.json"
    code, out, err = cli("schema", "-o", str(target))
    assert code == 2 and "does not exist" in err and not target.parent.exists()  # no folder made
    target.parent.mkdir()
    code, out, err = cli("schema", "-o", str(target))
    assert code == 0 and out == "" and str(target) in err
    assert target.read_text(encoding="utf-8") == schema_text()
    assert [p.name for p in target.parent.iterdir()] == ["schema.json"]  # no temporary left behind


def test_shipped_files_point_at_the_schema():
    for path in (ROOT / "content" / "scenarios" / "tutorial").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../../docs/redline.schema.json"


def test_new_scenario_validates_clean_plays_and_passes_its_tests(cli, tmp_path):
    code, out, _ = cli("new", "scenario", "border_watch", "--dir", str(tmp_path))
    assert code == 0 and "redline validate" in out
    folder = tmp_path / "border_watch"
    assert sorted(p.name for p in folder.iterdir()) == sorted([*FILES, "redline.schema.json"])
    for name in FILES:
        assert (folder / name).read_text().startswith("# yaml-language-server: $schema=")
    code, out, _ = cli("validate", str(folder), "--strict")
    assert code == 0 and "clean" in out
    scenario = load_scenario(folder)
    assert scenario.id == "border_watch" and lint(scenario) == []
    for seed in range(20):
        state, _ = play(scenario, seed)
        assert state.is_over and state.ending is not None
    assert all(r.passed for r in run_tests(scenario))
    code, out, _ = cli("test", str(folder))
    assert code == 0


def test_new_scenario_schema_comment_resolves_wherever_the_folder_moves(tmp_path, cli):
    cli("new", "scenario", "deep", "--dir", str(tmp_path / "a" / "b"))
    moved = tmp_path / "elsewhere" / "deep"
    moved.parent.mkdir()
    (tmp_path / "a" / "b" / "deep").rename(moved)
    for path in moved.glob("*.yaml"):
        ref = path.read_text().splitlines()[0].split("$schema=", 1)[1]
        # yaml-language-server resolves a relative $schema beside the file
        assert (path.parent / ref).read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_one_scenario_id_rule_hyphens_and_clashes(cli, tmp_path):
    code, _, err = cli("new", "scenario", "border-watch", "--dir", str(tmp_path))
    assert code == 0, err
    assert load_scenario(tmp_path / "border-watch").id == "border-watch"
    for taken in ("tutorial", "reassurance-force"):
        code, _, err = cli("new", "scenario", taken, "--dir", str(tmp_path))
        assert code == 1 and "already installed" in err
        assert not (tmp_path / taken).exists()


def test_new_scenario_refuses_to_overwrite_and_bad_names(cli, tmp_path):
    (tmp_path / "taken").mkdir()
    code, _, err = cli("new", "scenario", "taken", "--dir", str(tmp_path))
    assert code == 1 and "already exists" in err
    assert list((tmp_path / "taken").iterdir()) == []
    code, _, err = cli("new", "scenario", "Not An Id", "--dir", str(tmp_path))
    assert code == 2 and "not a scenario id" in err
