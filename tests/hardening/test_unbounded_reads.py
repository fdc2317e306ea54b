"""Every file redline reads is read bounded, and only if it is a regular file: a device,
a pipe (FIFO), a folder or a huge file named as a save, settings, a content file or a cache
entry is refused at once with a one-line reason, never read without end, never waited on."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from redline import safeio
from redline.cli import main
from redline.content import ContentErrors
from redline.content.yamlread import read_yaml
from redline.saves import SaveError, list_saves, read_save
from redline.tui.prefs import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "content" / "scenarios" / "tutorial"


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as fh:
        fh.write(b'{"format": 1, "actions": [')
        fh.truncate(size)
    return path


def strange_files(tmp_path: Path) -> list[tuple[str, Path, str]]:
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    return [
        ("device", Path("/dev/zero"), "is a device"),
        ("fifo", fifo(tmp_path / "pipe.json"), "is a pipe (FIFO)"),
        ("folder", folder, "is a folder"),
        ("five-gigabytes", sparse(tmp_path / "huge.json", 5 * 2**30), "the limit is"),
    ]


def test_safeio_reads_regular_files_and_refuses_the_rest(tmp_path):
    (tmp_path / "ok.txt").write_bytes(b"x" * 100)
    assert safeio.read_bytes(tmp_path / "ok.txt", 100) == b"x" * 100
    with pytest.raises(safeio.UnsafeRead, match="the limit is 99 bytes"):
        safeio.read_bytes(tmp_path / "ok.txt", 99)
    for _, path, reason in strange_files(tmp_path):
        started = time.monotonic()
        with pytest.raises(safeio.UnsafeRead, match=re.escape(reason)):
            safeio.read_bytes(path, 2**20)
        assert time.monotonic() - started < 1
    with pytest.raises(FileNotFoundError):
        safeio.read_bytes(tmp_path / "missing", 10)


@pytest.mark.parametrize("case", ["device", "fifo", "folder", "five-gigabytes"])
def test_replay_and_report_refuse_what_is_not_a_save(tmp_path, capsys, case):
    name, path, reason = next(c for c in strange_files(tmp_path) if c[0] == case)
    for command in (["replay", str(path)], ["report", str(path)]):
        started = time.monotonic()
        code = main(command)
        out = capsys.readouterr()
        assert code == 1 and time.monotonic() - started < 5
        assert reason in out.err and "Traceback" not in out.err
        assert len(out.err.strip().splitlines()) == 1


def test_replay_of_dev_zero_as_a_user_runs_it():
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "redline", "replay", "/dev/zero"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1 and time.monotonic() - started < 30
    assert proc.stderr.strip() == "redline: /dev/zero: cannot read: is a device, not a file"


def test_a_pipe_among_the_saves_is_listed_as_damaged_without_waiting(tmp_path):
    fifo(tmp_path / "autosave-tutorial.json")
    (tmp_path / "dev.json").symlink_to("/dev/zero")
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(list_saves(tmp_path)), daemon=True)
    worker.start()
    worker.join(10)
    assert done, "listing the saves hung on a pipe"
    listed = done[0]
    assert sorted(s.label for s in listed) == ["autosave-tutorial (damaged)", "dev (damaged)"]
    with pytest.raises(SaveError, match="is a pipe"):
        read_save(tmp_path / "autosave-tutorial.json")


async def test_a_planted_pipe_autosave_does_not_hang_the_title_screen(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "tui"))
    from tui_helpers import flat, make_app, screen_text, settle

    saves = tmp_path / "saves"
    saves.mkdir()
    fifo(saves / "autosave-tutorial.json")
    app = make_app(saves)
    started = time.monotonic()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "no unfinished game to continue" in flat(screen_text(app))
        await pilot.press("l")
        await settle(pilot)
        assert "autosave-tutorial (damaged)" in flat(screen_text(app))
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("case", ["device", "fifo", "folder", "five-gigabytes"])
def test_settings_that_are_not_a_file_give_the_defaults_and_a_notice(tmp_path, case):
    _, path, reason = next(c for c in strange_files(tmp_path) if c[0] == case)
    settings, notice = load_settings(path)
    assert settings == Settings()
    assert notice is not None and reason in notice


@pytest.mark.parametrize("case", ["device", "fifo", "five-gigabytes"])
def test_a_content_file_that_is_not_a_file_is_refused_where_it_is(tmp_path, case, capsys):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    _, strange, reason = next(c for c in strange_files(tmp_path) if c[0] == case)
    target = folder / "extra.yaml"
    if case == "fifo":
        os.mkfifo(target)
    elif case == "device":
        os.symlink(strange, target)  # a link to a device elsewhere
        reason = "outside the scenario folder"
    else:
        shutil.move(strange, target)
    with pytest.raises(ContentErrors) as err:
        read_yaml(target)
    if case != "device":
        assert reason in str(err.value.errors[0])
    code = main(["validate", "--no-warnings", str(folder)])
    out = capsys.readouterr().out
    assert code == 1 and "extra.yaml:1:1: RL003" in out and reason in out


def test_a_cache_entry_that_is_a_pipe_is_passed_over(tmp_path, monkeypatch):
    import hashlib

    from redline.content import yamlread

    monkeypatch.setenv("REDLINE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("REDLINE_NO_CACHE", raising=False)
    text = "cards:\n" + "".join(f"  - id: c{i}\n    title: card number {i}\n" for i in range(1500))
    big = tmp_path / "big.yaml"
    big.write_text(text)
    digest = hashlib.sha256(big.read_bytes()).hexdigest()
    folder = yamlread.cache_dir()
    folder.mkdir(parents=True)
    fifo(folder / f"{yamlread._CACHE_VERSION}-{digest}.json")
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(read_yaml(big)[0]), daemon=True)
    worker.start()
    worker.join(10)
    assert done and len(done[0]["cards"]) == 1500


def test_a_save_grown_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"format": 1}))
    real_fstat = os.fstat

    def small(fd):  # the size seen before the read is smaller than what is then read
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    with path.open("ab") as fh:
        fh.write(b" " * 200)
    monkeypatch.setattr(os, "fstat", small)
    with pytest.raises(safeio.UnsafeRead, match="grew past the limit"):
        safeio.read_bytes(path, 100)


def test_a_pipe_swapped_in_after_the_look_neither_hangs_nor_is_read(tmp_path, monkeypatch):
    regular = tmp_path / "regular.json"
    regular.write_text("{}")
    pipe = fifo(tmp_path / "swapped.json")
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: real_stat(regular if Path(p) == pipe else p, *a, **k))
    done: list[BaseException] = []

    def read() -> None:
        try:
            safeio.read_bytes(pipe, 100)
        except safeio.UnsafeRead as exc:
            done.append(exc)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(10)
    assert done and "is a pipe (FIFO)" in str(done[0])


def test_the_language_server_checks_a_folder_with_a_pipe_without_hanging(tmp_path):
    """The editor's diagnostics quote the line a problem is on; a pipe named *.yaml among
    the scenario's files is reported (RL003), never read."""
    from types import SimpleNamespace

    from redline.lsp import server

    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    fifo(folder / "notes.yaml")
    editor = SimpleNamespace(workspace=SimpleNamespace(text_documents={}))
    found: dict = {}
    worker = threading.Thread(target=lambda: found.update(server.check(editor, folder)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # release the reader before failing, so the run goes on
        os.close(os.open(folder / "notes.yaml", os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("the language server waits on the pipe")
    codes = {d.code for d in found[(folder / "notes.yaml").resolve()]}
    assert codes == {"RL003"}
