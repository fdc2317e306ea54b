"""The broken-content corpus: every problem code, reported at its exact file:line:col."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from redline.content.errors import CODES
from redline.content.validate import validate_paths

BROKEN = Path(__file__).resolve().parent / "broken"
CASES = sorted(p for p in BROKEN.iterdir() if p.is_dir())
PREFIX = re.compile(r"^(\S+:\d+:\d+: RL\d{3})\b")


def expected(case: Path) -> list[str]:
    return [line.strip() for line in (case / "expect.txt").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_exactly_the_expected_problem(case, cli, monkeypatch):
    monkeypatch.chdir(case)
    code, out, _ = cli("validate", ".")
    got = [m.group(1) for line in out.splitlines() if (m := PREFIX.match(line))]
    assert got == expected(case), out
    is_error = any(not e.split(": ")[1].startswith("RL3") for e in expected(case))
    assert code == (1 if is_error else 0)


def test_every_code_has_a_case():
    assert {c.name for c in CASES} - {"_base"} == set(CODES)


def test_json_output_carries_code_severity_and_position(cli, monkeypatch):
    monkeypatch.chdir(BROKEN / "RL101")
    code, out, _ = cli("validate", ".", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["warnings"] == []
    (err,) = data["errors"]
    assert (err["file"], err["line"], err["col"], err["code"], err["severity"]) == (
        "scenario.yaml",
        73,
        12,
        "RL101",
        "error",
    )
    assert "did you mean 'escalation'" in err["message"]
    monkeypatch.chdir(BROKEN / "RL307")
    code, out, _ = cli("validate", ".", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["errors"] == [] and data["warnings"][0]["severity"] == "warning"


def test_warnings_fail_only_when_strict(cli, monkeypatch):
    monkeypatch.chdir(BROKEN / "RL303")
    assert cli("validate", ".")[0] == 0
    code, out, _ = cli("validate", ".", "--strict")
    assert code == 1 and "RL303 warning:" in out
    code, out, _ = cli("validate", ".", "--no-warnings")
    assert code == 0 and "RL303" not in out


def test_usage_errors_exit_2(cli, tmp_path):
    code, _, err = cli("validate", str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err
    with pytest.raises(SystemExit) as exc:
        cli("validate", "--format", "xml")
    assert exc.value.code == 2


def test_the_whole_corpus_validates_fast(monkeypatch, capsys):
    monkeypatch.chdir(BROKEN)
    start = time.perf_counter()
    result = validate_paths([Path(c.name) for c in CASES])
    took = time.perf_counter() - start
    assert len(result.scenarios) == len(CASES)
    with capsys.disabled():
        print(f"\n[corpus] {len(CASES)} scenarios validated in {took * 1000:.0f} ms")
