"""`redline report` on bad input: one line, a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from redline.cli import main


def redline(*argv: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redline", *argv], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_missing_save_in_a_real_process(tmp_path):
    result = redline("report", str(tmp_path / "nope.json"))
    assert result.returncode == 1 and result.stdout == ""
    assert "nope.json: cannot read" in one_line(result.stderr)


def test_damaged_save_in_a_real_process(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": 1, "scenario": ')
    result = redline("report", str(bad), "--format", "html")
    assert result.returncode == 1
    assert "damaged save" in one_line(result.stderr)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"\x00\xff garbage", "not UTF-8"),
        (b'{"format": 1, "scenario": ', "damaged save"),
        (
            '{"format": 1, "scenario": "tutorial", "content_hash": "x", "seed": "one", "actions": []}',
            "'seed'",
        ),
        (
            '{"format": 1, "scenario": "tutorial", "content_hash": "x", "seed": 1, "actions": [{"kind": "fly"}]}',
            "unknown action kind",
        ),
        ("[]", "not a redline save"),
    ],
)
def test_damaged_saves(tmp_path, capsys, text, expected):
    bad = tmp_path / "bad.json"
    bad.write_bytes(text if isinstance(text, bytes) else text.encode())
    assert main(["report", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and expected in one_line(err)


def test_output_into_a_missing_folder(save_path, tmp_path, capsys):
    target = tmp_path / "no" / "such" / "folder" / "aar.html"
    assert main(["report", str(save_path), "--format", "html", "-o", str(target)]) == 2
    out, err = capsys.readouterr()
    assert "does not exist" in one_line(err) and str(target.parent) in err
    assert not target.parent.exists(), "the report must not invent folders"


def test_output_onto_a_folder(save_path, tmp_path, capsys):
    assert main(["report", str(save_path), "-o", str(tmp_path)]) == 2
    assert "is a folder" in one_line(capsys.readouterr().err)


def test_output_file_is_written_whole(save_path, tmp_path, capsys):
    target = tmp_path / "aar.md"
    target.write_text("old report")
    assert main(["report", str(save_path), "-o", str(target)]) == 0
    assert target.read_text().startswith("# After-action report")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".aar")] == []  # no temp files left


def test_unknown_format_is_a_usage_error(save_path):
    with pytest.raises(SystemExit) as exc:
        main(["report", str(save_path), "--format", "pdf"])
    assert exc.value.code == 2


def test_save_for_an_unknown_scenario(tmp_path, capsys):
    bad = tmp_path / "other.json"
    bad.write_text('{"format": 1, "scenario": "atlantis", "content_hash": "x", "seed": 1, "actions": []}')
    assert main(["report", str(bad)]) == 2
    assert "no scenario 'atlantis'" in one_line(capsys.readouterr().err)
