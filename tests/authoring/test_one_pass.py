"""Every problem in one pass: a broken file does not hide the others, a structural error
does not hide an expression error, and every unknown name of an expression is reported."""

from __future__ import annotations

from pathlib import Path

from redline.content.errors import ContentErrors
from redline.content.loader import load_scenario

BASE = Path(__file__).resolve().parent / "broken" / "_base" / "scenario.yaml"


def _split(folder: Path) -> None:
    """The corpus base scenario as one file per section, as real scenarios are laid out."""
    text = BASE.read_text(encoding="utf-8")
    head, cards = text.split("\ncards:\n")
    cards, endings = cards.split("\nendings:\n")
    (folder / "scenario.yaml").write_text(head + "\n", encoding="utf-8")
    (folder / "cards.yaml").write_text("cards:\n" + cards + "\n", encoding="utf-8")
    (folder / "endings.yaml").write_text("endings:\n" + endings, encoding="utf-8")


def test_faults_in_three_files_are_all_named_in_one_run(tmp_path, cli, monkeypatch):
    _split(tmp_path)
    (tmp_path / "events.yaml").write_text(
        "events:\n  - {id: storm, title: Storm, text: A storm., chance: 0.1\n", encoding="utf-8"
    )
    cards = tmp_path / "cards.yaml"
    cards.write_text(
        cards.read_text().replace(
            "    role: lead\n", '    role: lead\n    when: "escalaton < 50 and not deployd"\n'
        )
    )
    endings = tmp_path / "endings.yaml"
    endings.write_text(endings.read_text().replace("    priority: 10\n", "    priorty: 10\n"))
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("validate", ".")
    lines = [line for line in out.splitlines() if ": RL" in line]
    got = [line.split(" ")[0] + " " + line.split(" ")[1] for line in lines]
    assert code == 1
    assert got == [
        "cards.yaml:7:12: RL101",
        "cards.yaml:7:35: RL101",
        "endings.yaml:7:5: RL106",
        "events.yaml:2:5: RL001",  # where the { left open is, not the end of the file
    ], out
    assert "unclosed { opened at line 2" in lines[3]
    assert "did you mean 'escalation'" in lines[0] and "did you mean 'deployed'" in lines[1]
    assert "did you mean 'priority'" in lines[2]


def test_a_misspelt_key_does_not_hide_a_wrong_name_in_the_same_card(scenario_dir):
    folder = scenario_dir(("    role: lead\n", '    rol: lead\n    when: "calmm > 3"\n'))
    try:
        load_scenario(folder)
    except ContentErrors as exc:
        codes = sorted(e.code for e in exc.errors)
    assert codes == ["RL101", "RL106"]


def test_names_a_broken_file_defines_are_not_reported_elsewhere(tmp_path):
    """The unreadable file's own ids are not a cascade of unknown names; other names are."""
    _split(tmp_path)
    text = (tmp_path / "scenario.yaml").read_text()
    (tmp_path / "scenario.yaml").write_text(
        text.replace("flags:\n  - {id: deployed, label: Troops deployed}\n", "")
    )
    (tmp_path / "flags.yaml").write_text("flags:\n  - {id: deployed, label: [Troops deployed}\n")
    cards = tmp_path / "cards.yaml"
    cards.write_text(
        cards.read_text().replace("    role: lead\n", '    role: lead\n    when: "deployed or sunk"\n')
    )
    try:
        load_scenario(tmp_path, root=tmp_path)
    except ContentErrors as exc:
        got = [(e.file, e.code, e.message.split(" —")[0]) for e in exc.errors]
    assert ("cards.yaml", "RL101", "unknown name 'sunk'") in got
    assert not any("deployed" in msg for _, code, msg in got if code == "RL101"), got
    assert any(f == "flags.yaml" and c == "RL001" for f, c, _ in got)


def test_the_scenario_file_broken_still_checks_the_cards(tmp_path):
    _split(tmp_path)
    (tmp_path / "scenario.yaml").write_text((tmp_path / "scenario.yaml").read_text() + "  - [oops\n")
    cards = tmp_path / "cards.yaml"
    cards.write_text(
        cards.read_text().replace("    role: lead\n", '    role: lead\n    when: "calm > = 3"\n')
    )
    try:
        load_scenario(tmp_path, root=tmp_path)
    except ContentErrors as exc:
        got = sorted((e.file, e.code) for e in exc.errors)
    assert ("cards.yaml", "RL200") in got and ("scenario.yaml", "RL001") in got
