"""The rules never depend on the interface: engine, content, saves and sim load without Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = ["redline.engine", "redline.content", "redline.saves", "redline.sim", "redline.cli"]


@pytest.mark.parametrize("module", PURE)
def test_core_does_not_import_textual(module):
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'redline.tui')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} pulled in {out.stdout.strip()}"


def test_engine_does_no_file_io():
    """The engine package never opens files: content comes in as a compiled Scenario."""
    from pathlib import Path

    import redline.engine as engine

    for path in Path(engine.__file__).parent.glob("*.py"):
        text = path.read_text()
        for forbidden in ("open(", "Path(", "import os", "import json", "eval(", "exec("):
            assert forbidden not in text, f"{path.name} uses {forbidden}"
