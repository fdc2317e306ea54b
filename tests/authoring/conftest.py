"""Helpers for the authoring-toolkit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.cli import main

HERE = Path(__file__).resolve().parent
BROKEN = HERE / "broken"


@pytest.fixture
def cli(capsys):
    """Run `redline ARGS` in this process: (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run


@pytest.fixture
def scenario_dir(tmp_path):
    """Write a one-file scenario: the corpus base with (old, new) replacements."""

    def make(*changes: tuple[str, str], name: str = "case") -> Path:
        text = (BROKEN / "_base" / "scenario.yaml").read_text(encoding="utf-8")
        for old, new in changes:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        folder = tmp_path / name
        folder.mkdir()
        (folder / "scenario.yaml").write_text(text, encoding="utf-8")
        return folder

    return make
