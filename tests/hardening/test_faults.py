"""Faults: a save killed mid-write, a full disk, a folder that cannot be written."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from redline.content import load
from redline.engine import Game
from redline.saves import SaveError, read_save, restore, write_save

CONTENT = Path(__file__).resolve().parents[2] / "content"

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from redline.content import load
    from redline.engine import Game, Note
    from redline.saves import write_save

    path = Path(sys.argv[1])
    game = Game.start(load("tutorial", [Path(sys.argv[2])]), 1)
    # Many long notes make each write take a while, so the kill lands inside one.
    for _ in range(850):
        game.apply(Note("x" * 3_900))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        game.apply(Note(f"save {n}"))
        write_save(path, game)
    """
)


@pytest.mark.parametrize("delay", [0.05, 0.13, 0.31, 0.57])
def test_save_killed_mid_write_leaves_a_loadable_save(tmp_path, delay):
    tutorial = load("tutorial", [CONTENT])
    path = tmp_path / "autosave.json"
    write_save(path, Game.start(tutorial, 1))  # the previous save
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(CONTENT)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    data = read_save(path)  # never a half-written file
    restored = restore(data, tutorial)
    assert restored.message(path) is None
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "autosave.json"]
    assert all(name.endswith(".tmp") for name in leftovers)


def test_full_disk_gives_a_message_and_keeps_the_old_save(tmp_path, monkeypatch):
    tutorial = load("tutorial", [CONTENT])
    path = write_save(tmp_path / "s.json", Game.start(tutorial, 1))
    before = path.read_bytes()

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    game = Game.start(tutorial, 2)
    with pytest.raises(SaveError, match="No space left on device"):
        write_save(path, game)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_unwritable_folder_gives_a_message(tmp_path):
    tutorial = load("tutorial", [CONTENT])
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the saves folder should be")
    with pytest.raises(SaveError, match="cannot save"):
        write_save(blocker / "s.json", Game.start(tutorial, 1))
