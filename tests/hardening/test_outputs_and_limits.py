"""Outputs never replace what they read, nor a save, without --force; a crash's temporary
files are cleaned at the next start; --runs has a bound; a link out of a scenario folder is
refused, and no message shows a line of another file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_bad_content import TUTORIAL

from redline import safeio
from redline.cli import MAX_RUNS, main
from redline.content import load
from redline.engine import Game
from redline.saves import list_saves, write_save

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def save(tmp_path):
    game = Game.start(load("tutorial", [CONTENT]), 2)
    game.apply(game.state.legal_actions()[0])
    return write_save(tmp_path / "game.json", game)


def test_report_does_not_replace_the_save_it_reads(save, capsys):
    before = save.read_bytes()
    for fmt in ("md", "html"):
        assert main(["report", str(save), "--format", fmt, "-o", str(save)]) == 2
        err = capsys.readouterr().err
        assert "is a file this command reads; use --force" in err and len(err.splitlines()) == 1
    assert save.read_bytes() == before


def test_report_does_not_replace_another_save(save, tmp_path, capsys):
    other = write_save(tmp_path / "other.json", Game.start(load("tutorial", [CONTENT]), 9))
    before = other.read_bytes()
    assert main(["report", str(save), "-o", str(other)]) == 2
    assert "is a saved game; use --force" in capsys.readouterr().err
    damaged = tmp_path / "damaged.json"
    damaged.write_text(other.read_text()[:-40])  # still somebody's save
    assert main(["report", str(save), "-o", str(damaged)]) == 2
    assert other.read_bytes() == before


def test_force_replaces_it(save, capsys):
    assert main(["report", str(save), "-o", str(save), "--force"]) == 0
    assert save.read_text().startswith("# After-action report")


def test_a_link_to_the_save_counts_as_the_save(save, tmp_path, capsys):
    link = tmp_path / "link.md"
    link.symlink_to(save)
    before = save.read_bytes()
    assert main(["report", str(save), "-o", str(link)]) == 2
    assert save.read_bytes() == before


def test_report_writes_a_new_file_and_replaces_an_old_report(save, tmp_path, capsys):
    out = tmp_path / "r.md"
    assert main(["report", str(save), "-o", str(out)]) == 0
    assert main(["report", str(save), "-o", str(out)]) == 0  # its own earlier output: fine


def test_deck_does_not_replace_a_content_file(tmp_path, capsys):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    target = folder / "cards.yaml"
    before = target.read_bytes()
    assert main(["deck", str(folder), "-o", str(target)]) == 2
    assert "is a file this command reads" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main(["deck", str(folder), "-o", str(target), "--force"]) == 0


def test_temporary_files_of_a_crashed_write_are_cleaned_at_the_next_start(tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    gone = int(dead.stdout)
    left = saves / f".autosave-tutorial.json.{gone}.k3j2h1.tmp"  # a writer that died mid-write
    left.write_text('{"format": 1, "act')
    old = saves / ".s.json.abcd1234.tmp"  # an older build's name, without a pid, an hour old
    old.write_text("x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    live = saves / f".mine.json.{os.getpid()}.zz.tmp"  # a write in progress in this process
    live.write_text("x")
    fresh = saves / ".other.json.abcd1234.tmp"  # without a pid, and new: maybe being written
    fresh.write_text("x")
    keep = saves / "notes.tmp"  # not ours
    keep.write_text("x")
    assert list_saves(saves) == []  # what the title screen does as it starts
    assert sorted(p.name for p in saves.iterdir()) == sorted([live.name, fresh.name, keep.name])


def test_a_save_written_now_leaves_no_temporary_file(tmp_path):
    write_save(tmp_path / "s.json", Game.start(load("tutorial", [CONTENT]), 1))
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]
    assert safeio.clean_stale_temps(tmp_path) == []


@pytest.mark.parametrize("runs, ok", [(MAX_RUNS, True), (MAX_RUNS + 1, False), (10**12, False), (0, False)])
def test_runs_has_a_documented_bound(capsys, runs, ok):
    from redline.cli import build_parser

    parser = build_parser()
    if ok:
        assert parser.parse_args(["simulate", "tutorial", "--runs", str(runs)]).runs == runs
        return
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["simulate", "tutorial", "--runs", str(runs)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--runs" in err and ("at most 1,000,000" in err or "at least 1" in err)
    readme = (CONTENT.parent / "README.md").read_text()
    assert "1,000,000" in readme


def test_simulate_hands_out_its_chunks_one_by_one(monkeypatch):
    """The chunks of a run are made as they are played, not listed up front."""
    import redline.sim as sim

    seen = []
    real = sim.run_chunk

    def spy(scenario, seed, start, stop, policy):
        seen.append((start, stop))
        return real(scenario, seed, start, stop, policy)

    monkeypatch.setattr(sim, "run_chunk", spy)
    progress = []
    sim.simulate(
        load("tutorial", [CONTENT]), 2 * sim.CHUNK + 7, 1, "random", 1, lambda d, t: progress.append(d)
    )
    assert seen == [(0, 250), (250, 500), (500, 507)] and progress == [250, 500, 507]


SECRET = "root:x:0:0:the-secret-line:/root:/bin/bash"


@pytest.mark.parametrize("where", ["extra.yaml", "scenario.yaml", "sub/cards2.yaml"])
def test_a_link_out_of_the_scenario_folder_is_refused_and_never_quoted(tmp_path, capsys, where):
    secret = tmp_path / "elsewhere.yaml"
    secret.write_text(f"cards:\n  - {SECRET}\n  - [unclosed\n")
    folder = tmp_path / "content" / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    link = folder / where
    link.parent.mkdir(exist_ok=True)
    if link.exists():
        link.unlink()
    link.symlink_to(secret)
    code = main(["validate", "--no-warnings", str(folder)])
    out = capsys.readouterr()
    assert code == 1
    assert "outside the scenario folder" in out.out
    assert "the-secret-line" not in out.out + out.err


def test_a_link_inside_the_scenario_folder_is_followed(tmp_path, capsys):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    (folder / "kept").mkdir()
    shutil.move(folder / "events.yaml", folder / "kept" / "events.data")  # not read as content
    (folder / "events.yaml").symlink_to(folder / "kept" / "events.data")
    assert main(["validate", "--no-warnings", str(folder)]) == 0


def test_a_save_that_is_not_json_is_not_quoted(tmp_path, capsys):
    path = tmp_path / "shadow.json"
    path.write_text(SECRET + "\n")
    assert main(["replay", str(path)]) == 1
    err = capsys.readouterr().err
    assert "damaged save" in err and "the-secret-line" not in err


@pytest.mark.parametrize(
    "args, ok",
    [
        (["analyze", "tutorial", "--runs", str(MAX_RUNS)], True),
        (["analyze", "tutorial", "--runs", str(MAX_RUNS + 1)], False),
        (["analyze", "tutorial", "--runs", str(10**12)], False),
        (["analyze", "tutorial", "--rollout-runs", "10000"], True),
        (["analyze", "tutorial", "--rollout-runs", "10001"], False),
        (["analyze", "tutorial", "--rollout-runs", str(10**12)], False),
        (["forecast", "save.json", "--games", str(10**12)], False),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else str(v),
)
def test_every_count_of_games_has_a_bound(capsys, args, ok):
    """analyze's --runs and --rollout-runs too, as simulate's --runs and forecast's --games:
    a count beyond its bound is a usage error, before any game is played."""
    from redline.cli import build_parser

    parser = build_parser()
    if ok:
        parser.parse_args(args)
        return
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(args)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and ("at most" in err or "between 1 and 100000" in err), err
