"""`cards import` checks the scenario as it would be after the import, before writing:
a cell that breaks it (an unknown meter, a condition cut short, a duplicate option) is
reported at the sheet's own line, and nothing is written, with or without --replace. The
round trip keeps whole numbers whole and the editor's schema line."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "content" / "scenarios"


def _rows(cli, name: str = "reassurance-force") -> list[dict[str, str]]:
    code, text, _ = cli("cards", "export", name)
    assert code == 0
    return list(csv.DictReader(io.StringIO(text)))


def _write(rows: list[dict[str, str]], path: Path) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _copy(tmp_path: Path, name: str = "reassurance-force") -> Path:
    folder = tmp_path / "rt2"
    shutil.copytree(SCENARIOS / name, folder)
    return folder


def _second_option(rows: list[dict[str, str]]) -> None:
    rows[1]["option"] = rows[0]["option"]


def _bad_effects(rows: list[dict[str, str]]) -> None:
    rows[5]["effects"] = "escalaton: 5, confidence: x"


def _bad_when(rows: list[dict[str, str]]) -> None:
    rows[0]["when"] = "turn >= "


# (edit, the sheet line reported (header is line 1, rows[i] is line i + 2), the code)
BREAKING: list[tuple[Callable[[list[dict[str, str]]], None], int, str]] = [
    (_bad_effects, 7, "RL101"),
    (_bad_when, 2, "RL200"),
    (_second_option, 3, "RL105"),
]


@pytest.mark.parametrize(
    "edit, line, code", BREAKING, ids=["unknown-meter", "cut-condition", "duplicate-option"]
)
@pytest.mark.parametrize("replace", [True, False], ids=["replace", "no-replace"])
def test_an_import_that_would_break_the_scenario_writes_nothing(cli, tmp_path, edit, line, code, replace):
    rows = _rows(cli)
    edit(rows)
    sheet = _write(rows, tmp_path / "c.csv")
    folder = _copy(tmp_path)
    before = (folder / "cards.yaml").read_bytes()
    args = ["cards", "import", str(sheet), "-o", str(folder)] + (["--replace"] if replace else [])
    exit_code, out, err = cli(*args)
    assert exit_code == 1, err
    assert "Wrote" not in out and "nothing written" in err
    # the scenario's problem first, at the sheet's line: not the overwrite question
    assert f"c.csv:{line}: {code} " in err, err
    assert "--replace" not in err
    assert (folder / "cards.yaml").read_bytes() == before


def test_a_good_import_still_writes_and_validates(cli, tmp_path):
    sheet = _write(_rows(cli), tmp_path / "c.csv")
    folder = _copy(tmp_path)
    code, out, err = cli("cards", "import", str(sheet), "-o", str(folder), "--replace")
    assert code == 0, err
    assert cli("validate", str(folder))[0] == 0


def test_export_keeps_whole_numbers_whole(cli):
    rows = _rows(cli)
    effects = " ".join(r["effects"] + " " + r["option_more"] for r in rows)
    assert "escalation: -4," in rows[0]["effects"]
    assert ".0," not in effects and ".0}" not in effects and not effects.rstrip().endswith(".0")


def test_import_keeps_the_schema_line_for_the_editor(cli, tmp_path):
    sheet = _write(_rows(cli), tmp_path / "c.csv")
    folder = _copy(tmp_path)
    first = (folder / "cards.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert cli("cards", "import", str(sheet), "-o", str(folder), "--replace")[0] == 0
    assert (folder / "cards.yaml").read_text(encoding="utf-8").splitlines()[0] == first


def test_a_new_scenarios_cards_point_at_its_own_schema(cli, tmp_path):
    folder = tmp_path / "fresh"
    assert cli("new", "scenario", "fresh", "--dir", str(tmp_path))[0] == 0
    (folder / "cards.yaml").write_text("cards: []\n", encoding="utf-8")  # its line lost
    _, text, _ = cli("cards", "export", "tutorial")
    sheet = tmp_path / "t.csv"
    sheet.write_text(text, encoding="utf-8")
    # the tutorial's cards read the tutorial's meters: the fresh scenario does not have them
    code, _, err = cli("cards", "import", str(sheet), "-o", str(folder), "--replace")
    assert code == 1 and "RL101" in err and "t.csv:" in err
    # into an empty folder there is no scenario to check: the file is written, with the line
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "redline.schema.json").write_text("{}", encoding="utf-8")
    assert cli("cards", "import", str(sheet), "-o", str(empty))[0] == 0
    assert (
        (empty / "cards.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=redline.schema.json\n")
    )


def test_an_unclosed_quote_is_named_as_such(cli, tmp_path):
    _, text, _ = cli("cards", "export", "tutorial")
    lines = text.splitlines(keepends=True)
    broken = tmp_path / "b12.csv"
    broken.write_text("".join(lines[:3]) + ',tut_timing,,,,,,,,,,x,"Send teams\n', encoding="utf-8")
    code, _, err = cli("cards", "import", str(broken), "-o", str(tmp_path))
    assert code == 1
    assert f"{broken}:4: a quote opened on this row is not closed" in err, err
    assert "missing columns" not in err
    header = tmp_path / "b13.csv"
    header.write_text('card,"option,label\nx,y,z\n', encoding="utf-8")
    code, _, err = cli("cards", "import", str(header), "-o", str(tmp_path))
    assert code == 1 and f"{header}:1: a quote opened on this row is not closed" in err, err


def test_one_file_taken_is_said_in_the_singular(cli, tmp_path):
    _, text, _ = cli("cards", "export", "tutorial")
    sheet = tmp_path / "t.csv"
    sheet.write_text(text, encoding="utf-8")
    target = tmp_path / "imp2"
    target.mkdir()
    (target / "cards.yaml").write_text("cards: []\n", encoding="utf-8")
    code, _, err = cli("cards", "import", str(sheet), "-o", str(target))
    assert code == 1 and "cards.yaml already exists: add --replace" in err and "(s)" not in err


def test_a_pack_is_checked_over_the_scenario_it_extends(cli, tmp_path):
    pack = tmp_path / "extra"
    shutil.copytree(Path(__file__).resolve().parent / "packs" / "extra", pack)
    sheet = tmp_path / "p.csv"
    rows = "card,topic,title,text,option,label,effects\n"
    rows += 'pk_one,mandate,A pack card,Some text,a,Option A,"escalation: 2"\n'
    rows += 'pk_one,,,,b,Option B,"confidence: 1"\n'
    sheet.write_text(rows, encoding="utf-8")
    # the tutorial's meters are known: the pack's cards import
    code, _, err = cli("cards", "import", str(sheet), "-o", str(pack), "--replace")
    assert code == 0, err
    sheet.write_text(rows.replace("escalation: 2", "escalaton: 2"), encoding="utf-8")
    before = (pack / "cards.yaml").read_bytes()
    code, _, err = cli("cards", "import", str(sheet), "-o", str(pack), "--replace")
    assert code == 1 and "p.csv:2: RL101" in err, err
    assert (pack / "cards.yaml").read_bytes() == before
