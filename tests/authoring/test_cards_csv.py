"""Cards as a spreadsheet: export, import, the round trip, errors as FILE.csv:LINE."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from redline.content.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "content" / "scenarios"


@pytest.mark.parametrize("name", ["tutorial", "reassurance-force"])
def test_round_trip_loses_nothing(cli, tmp_path, name):
    sheet = tmp_path / "cards.csv"
    code, _, _ = cli("cards", "export", name, "-o", str(sheet))
    assert code == 0
    copy = tmp_path / name
    shutil.copytree(SCENARIOS / name, copy)
    before = load_scenario(SCENARIOS / name)
    code, out, err = cli("cards", "import", str(sheet), "-o", str(copy), "--replace")
    assert code == 0, err
    after = load_scenario(copy)
    assert [c.model for c in after.cards] == [c.model for c in before.cards]
    # and once more: the sheet of the imported cards is the same sheet
    code, again, _ = cli("cards", "export", str(copy))
    assert again == sheet.read_text(encoding="utf-8")


def _sheet(tmp_path: Path, edit) -> Path:  # noqa: ANN001
    code, text, _ = _export()
    rows = list(csv.DictReader(io.StringIO(text)))
    edit(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "edited.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _export() -> tuple[int, str, str]:
    from redline.authoring.cards_csv import export_cards

    return 0, export_cards(load_scenario(SCENARIOS / "tutorial")), ""


def test_errors_name_the_line_and_nothing_is_written(cli, tmp_path):
    def edit(rows):
        rows[0]["effects"] = "escalation: [oops"  # line 2
        rows[2]["title"] = ""  # line 4: the second card's first row, a required field gone
        rows[3]["label"] = ""  # line 5: an option without its label
        assert rows[2]["card"] == rows[3]["card"] != rows[1]["card"]
        third = [i for i, r in enumerate(rows) if r["title"]][3]
        rows[third]["priority"] = "high"
        seen.append(str(third + 2))

    seen = ["2", "4", "5"]
    sheet = _sheet(tmp_path, edit)
    target = tmp_path / "out"
    target.mkdir()
    code, _, err = cli("cards", "import", str(sheet), "-o", str(target))
    assert code == 1 and "nothing written" in err
    lines = [line.split(": ")[0] for line in err.splitlines() if line.startswith(str(sheet))]
    assert [line.rsplit(":", 1)[1] for line in lines] == seen, err
    assert list(target.iterdir()) == []


def test_a_card_row_that_restarts_a_card_is_refused(cli, tmp_path):
    def edit(rows):
        rows[1]["title"] = "A second title"  # the second option's row of the first card

    sheet = _sheet(tmp_path, edit)
    code, _, err = cli("cards", "import", str(sheet), "-o", str(tmp_path))
    assert code == 1 and f"{sheet}:3: card 'tut_timing' already started on line 2" in err


def test_import_refuses_to_overwrite_without_replace(cli, tmp_path):
    sheet = tmp_path / "cards.csv"
    cli("cards", "export", "tutorial", "-o", str(sheet))
    (tmp_path / "cards.yaml").write_text("cards: []\n")
    code, _, err = cli("cards", "import", str(sheet), "-o", str(tmp_path))
    assert code == 1 and "--replace" in err
    assert (tmp_path / "cards.yaml").read_text() == "cards: []\n"


def test_validate_stats_counts_words_per_file(cli):
    code, out, _ = cli("validate", str(SCENARIOS / "tutorial"), "--stats")
    assert code == 0
    lines = out.splitlines()
    cards = next(line for line in lines if line.strip().startswith("cards.yaml"))
    assert int(cards.split()[-1].replace(",", "")) > 200
    total = next(line for line in lines if line.strip().startswith("total"))
    counted = [
        int(line.split()[-1].replace(",", "")) for line in lines if line.strip().startswith(tuple("acekms"))
    ]
    assert int(total.split()[-1].replace(",", "")) == sum(counted)
