"""Hot reload for `play --watch`, and content packs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from redline.content import find_scenario, list_scenarios, load_scenario
from redline.content.watch import fingerprint
from redline.engine import Game
from redline.sim import play
from redline.tui.reload import reload_game

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "content" / "scenarios" / "tutorial"
PACKS = Path(__file__).resolve().parent / "packs"


def _copy_tutorial(tmp_path: Path) -> Path:
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    return folder


def _played(folder: Path, decisions: int = 3) -> Game:
    game = Game.start(load_scenario(folder), 11)
    for _ in range(decisions):
        game.apply(game.state.legal_actions()[0])
    return game


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()  # make the change visible even on coarse-grained clocks
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_fingerprint_changes_when_a_file_changes(tmp_path):
    folder = _copy_tutorial(tmp_path)
    before = fingerprint([folder])
    assert before == fingerprint([folder])
    cards = folder / "cards.yaml"
    _touch(cards, cards.read_text().replace("When does the force deploy?", "When does it deploy?"))
    assert fingerprint([folder]) != before
    after_edit = fingerprint([folder])
    (folder / "notes.yaml").write_text("events: []\n")
    assert fingerprint([folder]) != after_edit


def test_reload_replays_the_game_onto_edited_content(tmp_path):
    folder = _copy_tutorial(tmp_path)
    game = _played(folder)
    cards = folder / "cards.yaml"
    _touch(cards, cards.read_text().replace("When does the force deploy?", "When does it deploy?"))
    new, message = reload_game(game, folder)
    assert new is not None and "replayed all 3 moves" in message
    assert new.actions == game.actions
    assert new.state.fingerprint() == game.state.fingerprint()
    assert new.scenario.card_by_id["tut_timing"].model.title == "When does it deploy?"


def test_reload_with_errors_keeps_the_old_game_and_says_where(tmp_path):
    folder = _copy_tutorial(tmp_path)
    game = _played(folder)
    meters = folder / "meters.yaml"
    _touch(meters, meters.read_text().replace("start: 35", "start: lots"))
    new, message = reload_game(game, folder)
    assert new is None
    assert "still playing the previous version" in message
    assert "meters.yaml:" in message and "RL107" in message


def test_reload_stops_where_the_content_no_longer_fits(tmp_path):
    folder = _copy_tutorial(tmp_path)
    game = _played(folder)
    first = game.actions[0]
    cards = folder / "cards.yaml"
    text = cards.read_text()
    _touch(
        cards, text.replace(f"- id: {first.option}\n", f'- id: {first.option}\n        when: "turn > 99"\n')
    )
    new, message = reload_game(game, folder)
    assert new is not None and new.actions == []
    assert "Stopped at move 1" in message and first.option in message


def test_a_pack_adds_a_card_and_overrides_an_ally():
    entries = {e.id: e for e in list_scenarios([ROOT / "content", PACKS / "extra"])}
    entry = entries["tutorial"]
    assert entry.packs == (PACKS / "extra",)
    scenario = load_scenario(entry.folder, entry.packs)
    assert "pack_patrols" in scenario.card_by_id
    assert scenario.allies["germany"].name == "Germany (pack)"
    assert scenario.where("allies", "germany", "id")[0].endswith("packs/extra/allies.yaml")
    state, decisions = play(scenario, 1)
    assert state.is_over and decisions[0][0] == "pack_patrols"  # priority 20 draws it first
    assert find_scenario(str(PACKS / "extra")).packs[-1] == PACKS / "extra"


def test_validate_checks_a_pack_with_the_scenario_it_extends(cli):
    code, out, _ = cli("validate", str(PACKS / "extra"))
    assert code == 0 and "1 scenario checked: clean" in out


def test_a_broken_pack_reports_its_own_file_line_col(cli, monkeypatch):
    monkeypatch.chdir(PACKS / "broken")
    code, out, _ = cli("validate", ".")
    expected = (PACKS / "broken" / "expect.txt").read_text().strip()
    assert code == 1
    assert [line for line in out.splitlines() if " RL" in line][0].startswith(expected)


def test_a_pack_for_a_scenario_not_installed(cli, tmp_path):
    (tmp_path / "scenario.yaml").write_text("pack: nowhere\n")
    code, out, _ = cli("validate", str(tmp_path))
    assert code == 1 and "RL004" in out and "'nowhere', which is not installed" in out
    code, _, err = cli("simulate", str(tmp_path), "--runs", "5", "--quiet")
    assert code == 2 and "is a pack for 'nowhere'" in err


def test_packs_apply_when_the_scenario_is_named_by_its_folder():
    by_folder = find_scenario(str(TUTORIAL), [ROOT / "content", PACKS])
    by_id = find_scenario("tutorial", [ROOT / "content", PACKS])
    assert by_id.packs and by_folder.packs == by_id.packs
    sc = load_scenario(by_folder.folder, by_folder.packs)
    assert "germany" in sc.allies and sc.allies["germany"].name == "Germany (pack)"


def test_validate_content_dir_checks_that_dir(cli, tmp_path):
    code, out, _ = cli("validate", "--content", str(PACKS))
    # the folder given is checked (its broken pack fails), not only the shipped content
    assert code == 1 and "packs/broken" in out.replace("\\", "/"), out


def test_fixing_the_content_brings_the_held_moves_back(tmp_path):
    from redline.tui.reload import reload_keeping

    folder = _copy_tutorial(tmp_path)
    game = _played(folder)
    second = game.actions[1]
    cards = folder / "cards.yaml"
    text = cards.read_text()
    locked = f'- id: {second.option}\n        when: "turn > 99"\n'
    assert text.count(f"- id: {second.option}\n") == 1
    _touch(cards, text.replace(f"- id: {second.option}\n", locked))
    stopped, message, held = reload_keeping(game, folder)
    assert stopped is not None and stopped.actions == game.actions[:1]
    assert "Stopped at move 2" in message and held == tuple(game.actions)
    # a save of the file with a typo: the moves stay held
    _touch(cards, text.replace("start: ", "start: ").replace("title:", "titel:", 1))
    broken, _, still = reload_keeping(stopped, folder, held=held)
    assert broken is None and still == held
    # the fix: every move is back, to the same state
    _touch(cards, text)
    fixed, message, held = reload_keeping(stopped, folder, held=still)
    assert fixed is not None and fixed.actions == game.actions and held == ()
    assert fixed.state.fingerprint() == game.state.fingerprint()
    assert "2 moves held since the last reload are back" in message
    # a new move after the stop leaves the held line: it is not replayed over the new one
    stopped, _, held = reload_keeping(game, folder)
    _touch(cards, text.replace(f"- id: {second.option}\n", locked))
    stopped, _, held = reload_keeping(game, folder)
    other = stopped.state.legal_actions()[-1]
    stopped.apply(other)
    _touch(cards, text)
    again, _, _ = reload_keeping(stopped, folder, held=held)
    assert again.actions == stopped.actions
