"""The heaviest bad inputs are refused in bounded memory: each runs `redline validate` in a
child process under a hard address-space limit, and the child's peak resident memory is
read back from the kernel."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_bad_content import TUTORIAL, alias_bomb, flow_nesting

LIMIT = 1536 * 2**20  # address space the child may map: Python and its libraries included
PEAK = 150 * 2**20  # the resident memory a refusal may reach (about 70 MB at most, measured)


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


HEAVY = [
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


@pytest.mark.parametrize("case, breaker, file, fragment", HEAVY, ids=[c[0] for c in HEAVY])
def test_heavy_input_is_refused_in_bounded_memory(tmp_path, case, breaker, file, fragment):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    breaker(folder)
    out = tmp_path / "out.txt"
    with out.open("wb") as sink:
        child = subprocess.Popen(
            [sys.executable, "-m", "redline", "validate", "--no-warnings", str(folder)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            preexec_fn=limited,  # noqa: PLW1509 - a plain resource limit, no threads yet
            env={**os.environ, "REDLINE_NO_CACHE": "1"},
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    output = out.read_text(errors="replace")
    assert child.returncode == 1, output[-2000:]
    assert "Traceback" not in output and "MemoryError" not in output
    assert file in output.splitlines()[0] and fragment in output
    assert usage.ru_maxrss * 1024 < PEAK, f"{case}: peak {usage.ru_maxrss // 1024} MB"
    assert len(output.splitlines()) < 120  # a bounded report, not one line per bad value
