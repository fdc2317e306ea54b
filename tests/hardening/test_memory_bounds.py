"""The heaviest bad inputs are refused in bounded memory: each runs `redline validate` (or
`replay`, `report`) in a child process under a hard address-space limit, and the child's
peak resident memory is read back from the kernel. None may take 10 seconds."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_bad_content import TUTORIAL, alias_bomb, flow_nesting

LIMIT = 1536 * 2**20  # address space the child may map: Python and its libraries included
PEAK = 150 * 2**20  # the resident memory a refusal may reach (about 70 MB at most, measured)
SAVE_PEAK = 200 * 2**20  # a save's replay or refusal, with the engine and a scenario loaded
HANG = 10.0  # seconds of processor time a case may take (a few at most, measured)
STOP = 60.0  # seconds of wall-clock time after which a child is taken to hang and stopped:
# the machine's cores are shared, so a child's wall-clock time says little of its own work


def fifty_megabytes(d: Path) -> None:
    with (d / "huge.yaml").open("wb") as fh:
        fh.write(b"cards:\n")
        fh.truncate(50 * 1024 * 1024)


def big_but_allowed(d: Path) -> None:
    # Just under the size limit and all one value: read, parsed, then refused by the schema.
    (d / "wide.yaml").write_text("cards: [" + ",".join(["1"] * 3_500_000) + "]\n")


def wrong_throughout(d: Path) -> None:
    # 900,000 cards, every one of them invalid: a hundred problems, then the file is left.
    (d / "wrong.yaml").write_text("cards: [" + ",".join(["1"] * 900_000) + "]\n")


def long_string_aliased(d: Path) -> None:
    # One megabyte of text aliased 2,000 times: a 1 MB file that is 2 GB of text expanded.
    (d / "aliased.yaml").write_text("a: &a " + "x" * 2**20 + "\nb: [" + ", ".join(["*a"] * 2000) + "]\n")


HEAVY = [
    ("long-string-aliased", long_string_aliased, "aliased.yaml", "MB of text once aliases"),
    ("a-file-wrong-throughout", wrong_throughout, "wrong.yaml", "more than 100 problems in this file"),
    ("fifty-megabyte-file", fifty_megabytes, "huge.yaml", "MB"),
    ("nearly-eight-megabytes-of-values", big_but_allowed, "wide.yaml", "RL"),
    ("alias-bomb", lambda d: (d / "bomb.yaml").write_text(alias_bomb()), "bomb.yaml", "alias"),
    ("deep-flow-nesting", flow_nesting(100_000), "deep.yaml", "nested"),
    (
        "long-expression",
        lambda d: (d / "endings.yaml").write_text(
            (d / "endings.yaml").read_text().replace("escalation >= 90", "escalation + " * 50_000 + "1", 1)
        ),
        "endings.yaml",
        "limit is",
    ),
]


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


# The child reports its own peak: the kernel's ru_maxrss of a child counts the memory of the
# process it was forked from (pytest, large after a long run) until it execs, so it would
# measure the test runner, not redline. VmHWM is the high-water mark of the child's own memory.
PEAK_SCRIPT = """
import atexit, os, runpy, sys
def _peak():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                with open(os.environ["REDLINE_TEST_PEAK"], "w") as out:
                    out.write(line.split()[1])
atexit.register(_peak)
sys.argv = ["redline", *sys.argv[1:]]
runpy.run_module("redline", run_name="__main__")
"""


def run_limited(args: list[str], out: Path) -> tuple[int, int, float]:
    """Run redline with `args` in a child under the address-space limit: (exit code, peak
    resident bytes, processor seconds). A child still running after STOP seconds is killed."""
    started = time.monotonic()
    peak_file = out.with_suffix(".peak")
    with out.open("wb") as sink:
        child = subprocess.Popen(
            [sys.executable, "-c", PEAK_SCRIPT, *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            preexec_fn=limited,  # noqa: PLW1509 - a plain resource limit, no threads yet
            env={**os.environ, "REDLINE_NO_CACHE": "1", "REDLINE_TEST_PEAK": str(peak_file)},
        )
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > STOP:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
    # A child that was killed (or died of MemoryError before atexit) reports nothing: then the
    # kernel's figure, which can only be higher.
    peak = int(peak_file.read_text()) * 1024 if peak_file.exists() else usage.ru_maxrss * 1024
    return child.returncode, peak, usage.ru_utime + usage.ru_stime


@pytest.mark.parametrize("case, breaker, file, fragment", HEAVY, ids=[c[0] for c in HEAVY])
def test_heavy_input_is_refused_in_bounded_memory(tmp_path, case, breaker, file, fragment):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    breaker(folder)
    out = tmp_path / "out.txt"
    code, peak, seconds = run_limited(["validate", "--no-warnings", str(folder)], out)
    output = out.read_text(errors="replace")
    assert seconds < HANG, f"{case}: {seconds:.1f} s of processor time"
    assert code == 1, output[-2000:]
    assert "Traceback" not in output and "MemoryError" not in output
    assert file in output.splitlines()[0] and fragment in output
    assert peak < PEAK, f"{case}: peak {peak // 2**20} MB"
    assert len(output.splitlines()) < 120  # a bounded report, not one line per bad value


# ---- saves ---------------------------------------------------------------------------------


def notes_save(d: Path, n: int, text: str = "x", branches: int = 0) -> Path:
    """A save of the tutorial holding `n` notes (and `branches` copies of them as branches),
    written as the game writes saves but without the game's own bounds."""
    note = {"kind": "note", "text": text}
    doc = {
        "format": 1,
        "scenario": "tutorial",
        "content_hash": "x",
        "seed": 1,
        "actions": [note] * n,
        "branches": [{"name": f"b{i}", "from_turn": 1, "actions": [note] * n} for i in range(branches)],
    }
    path = d / "notes.json"
    path.write_text(json.dumps(doc))
    return path


SAVES = [
    # (case, the save, the exit code, what the message says)
    ("560k-notes", lambda d: notes_save(d, 560_000), 1, "the limit is 4.0 MB"),
    ("just-under-4-MB-of-notes", lambda d: notes_save(d, 110_000), 1, "more than 10,000 entries"),
    (
        "actions-spread-over-branches",
        lambda d: notes_save(d, 4_000, branches=2),
        1,
        "a save holds at most 10,000",
    ),
    ("one-note-too-long", lambda d: notes_save(d, 1, "x" * 3_000_000), 1, "longer than 4,000 characters"),
    ("the-most-a-save-may-hold", lambda d: notes_save(d, 9_999, "y" * 300), 0, "9,999 moves"),
    ("dev-zero", lambda d: Path("/dev/zero"), 1, "is a device"),
]


@pytest.mark.parametrize("case, make, code, fragment", SAVES, ids=[c[0] for c in SAVES])
def test_heavy_saves_replay_or_are_refused_in_bounded_memory(tmp_path, case, make, code, fragment):
    save = make(tmp_path)
    out = tmp_path / "out.txt"
    got, peak, seconds = run_limited(["replay", str(save)], out)
    if case == "the-most-a-save-may-hold":  # and its report, every note in it
        report = tmp_path / "report.md"
        got2, peak2, seconds2 = run_limited(["report", str(save), "-o", str(report)], tmp_path / "r.txt")
        assert got2 == 0 and report.read_text().count("y" * 300) >= 9_999  # timeline and log
        assert peak2 < SAVE_PEAK and seconds2 < HANG, (peak2 // 2**20, seconds2)
    output = out.read_text(errors="replace")
    assert seconds < HANG, f"{case}: {seconds:.1f} s of processor time"
    assert got == code, output[-2000:]
    assert "Traceback" not in output and "MemoryError" not in output
    assert fragment in output
    assert peak < SAVE_PEAK, f"{case}: peak {peak // 2**20} MB"


# ---- the inputs of the commands added since: spreadsheets, plans, the biggest save's data ----


def cards_sheet(d: Path, rows: int, cell: str = "x") -> list[str]:
    sheet = d / "cards.csv"
    with sheet.open("w") as fh:
        fh.write("file,card,title,text,option,label\n")
        for i in range(rows):
            fh.write(f"cards.yaml,c{i},T,{cell},o,L\n")
    (d / "into").mkdir()
    return ["cards", "import", str(sheet), "-o", str(d / "into")]


def msel_sheet(d: Path, rows: int) -> list[str]:
    plan = d / "plan.yaml"
    subprocess.run([sys.executable, "-m", "redline", "plan", "new", "tutorial", "-o", str(plan)], check=True)
    sheet = d / "msel.csv"
    sheet.write_text("number,turn,inject\n" + "".join(f"{i % 999 + 1},2,x\n" for i in range(rows)))
    return ["msel", "import", str(sheet), "--plan", str(plan), "-o", str(d / "new.yaml")]


def plan_bomb(d: Path) -> list[str]:
    plan = d / "plan.yaml"
    plan.write_text(
        "plan:\n  scenario: tutorial\n" + "\n".join("  " + line for line in alias_bomb().splitlines()) + "\n"
    )
    return ["validate", str(plan)]


def biggest_save_data(fmt: str):
    def make(d: Path) -> list[str]:
        return ["report", str(notes_save(d, 9_999, "y" * 300)), "--format", fmt, "-o", str(d / f"r.{fmt}")]

    return make


INPUTS = [
    ("cards-sheet-of-16-MB", lambda d: cards_sheet(d, 1, "x" * (16 * 2**20)), 1, "is over 16.0 MB"),
    ("cards-sheet-of-200k-rows", lambda d: cards_sheet(d, 200_000), 1, "more than 20,000 rows"),
    ("cards-sheet-all-wrong", lambda d: cards_sheet(d, 20_000), 1, "more problems, not listed"),
    ("cards-sheet-of-huge-cells", lambda d: cards_sheet(d, 100, "x" * 100_001), 1, "over 100000 characters"),
    ("msel-of-100k-rows", lambda d: msel_sheet(d, 100_000), 1, "more than 500 injects"),
    ("plan-alias-bomb", plan_bomb, 1, "alias"),
    ("report-csv-of-the-biggest-save", biggest_save_data("csv"), 0, "wrote"),
    ("report-json-of-the-biggest-save", biggest_save_data("json"), 0, "wrote"),
]


@pytest.mark.parametrize("case, make, code, fragment", INPUTS, ids=[c[0] for c in INPUTS])
def test_the_new_commands_inputs_are_handled_in_bounded_memory(tmp_path, case, make, code, fragment):
    args = make(tmp_path)
    out = tmp_path / "out.txt"
    got, peak, seconds = run_limited(args, out)
    output = out.read_text(errors="replace")
    assert seconds < HANG, f"{case}: {seconds:.1f} s of processor time"
    assert got == code, output[-2000:]
    assert "Traceback" not in output and "MemoryError" not in output
    assert fragment in output, output[-2000:]
    assert peak < SAVE_PEAK, f"{case}: peak {peak // 2**20} MB"
    assert len(output.splitlines()) < 120
