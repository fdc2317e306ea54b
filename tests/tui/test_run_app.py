"""`run_app` refuses bad input with a message and an exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

from conftest import FROZEN
from redline.tui.app import RedlineApp, create_app, run_app


def test_a_damaged_save_exits_1_with_a_message(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": 1, "scenario": "tutorial"')
    assert run_app(load=str(bad), content_dirs=[FROZEN], saves=str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err and "damaged save" in err and "Traceback" not in err


def test_a_missing_save_exits_1(tmp_path, capsys):
    assert run_app(load=str(tmp_path / "nope.json"), content_dirs=[FROZEN]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_content_errors_exit_1_with_file_and_line(tmp_path, capsys):
    folder = tmp_path / "content" / "scenarios" / "broken"
    folder.mkdir(parents=True)
    (folder / "scenario.yaml").write_text("scenario:\n  id: broken\n  title: Broken\n  turns: many\n")
    assert run_app(scenario="broken", content_dirs=[tmp_path / "content"]) == 1
    err = capsys.readouterr().err
    assert "scenario.yaml" in err and "content error" in err and "Traceback" not in err


def test_an_unknown_scenario_exits_2(capsys):
    assert run_app(scenario="no-such-thing", content_dirs=[FROZEN]) == 2
    assert "no scenario 'no-such-thing'" in capsys.readouterr().err


def test_one_factory(tmp_path):
    app = create_app("tutorial", 3, None, [FROZEN], tmp_path)
    assert isinstance(app, RedlineApp)
    assert app.seed == 3 and app.saves == Path(tmp_path) and app.start_scenario == "tutorial"
