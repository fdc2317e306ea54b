"""docs/authoring.md works: follow the tutorial in a temporary folder, and check that the
reference names every key, name, function and problem code, with real example messages."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from redline.cli import main
from redline.content import models as m
from redline.content.errors import CODES
from redline.content.expr import FUNCTIONS, SPECIALS
from redline.content.loader import load_scenario
from redline.sim.scenario_tests import run_test

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
BROKEN = Path(__file__).resolve().parent / "broken"
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.S | re.M)


def blocks() -> list[tuple[str, str, str, int]]:
    """(language, info, body, offset) of every fenced block, in order."""
    return [(m.group(1), m.group(2).strip(), m.group(3), m.start()) for m in FENCE.finditer(DOC)]


def _run(args: list[str], capsys) -> list[str]:
    code = main(args)
    out = capsys.readouterr().out
    assert code == 0, (args, out)
    return [line.strip() for line in out.splitlines()]


def _follows(expected: list[str], got: list[str]) -> bool:
    """Every expected line appears in order; `...` stands for any lines."""
    it = iter(got)
    return all(line == "..." or any(line == g for g in it) for line in expected)


def _console(body: str, capsys) -> None:
    command: list[str] | None = None
    expected: list[str] = []

    def finish() -> None:
        if command is None:
            return
        if command[0] == "mkdir":
            for d in command[1:]:
                Path(d).mkdir(parents=True)
        elif command[:2] == ["redline", "play"]:
            return  # interactive
        else:
            assert command[0] == "redline", command
            got = _run(command[1:], capsys)
            assert _follows([e.strip() for e in expected if e.strip()], got), (command, expected, got)

    for line in body.splitlines():
        if line.startswith("$ "):
            finish()
            command, expected = shlex.split(line[2:]), []
        else:
            expected.append(line)
    finish()


def test_the_tutorial_works_as_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    texts: list[tuple[str, int]] = []
    for lang, info, body, offset in blocks():
        tutorial = offset < DOC.index("## Reference")
        if not tutorial:
            break
        title = re.match(r'title="([^"]+)"', info)
        if lang == "yaml" and title:
            path = Path(title.group(1))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        elif lang == "console":
            _console(body, capsys)
        elif lang == "text":
            texts.append((body, offset))
    folder = tmp_path / "ceasefire_watch"
    scenario = load_scenario(folder)
    assert len(scenario.cards) == 3

    # The typo shown in step 7 gives exactly the message shown.
    typo, fail = (body for body, _ in texts)
    endings = folder / "endings.yaml"
    good = endings.read_text()
    endings.write_text(good.replace('"escalation >= 70"', '"escalaton >= 70"'))
    assert main(["validate", "ceasefire_watch"]) == 1
    assert capsys.readouterr().out.splitlines() == typo.splitlines()
    endings.write_text(good)

    # The failing test shown in step 10 reads exactly as shown.
    first = scenario.info.tests[0]
    wrong = first.model_copy(update={"expect": first.expect.model_copy(update={"ending": "reassurance"})})
    assert run_test(scenario, wrong).report() == fail.rstrip("\n")


def _reference() -> str:
    return DOC[DOC.index("## Reference") :]


@pytest.mark.parametrize(
    "model",
    [
        m.ContentFile,
        m.ScenarioInfo,
        m.Role,
        m.Source,
        m.Meter,
        m.Flag,
        m.Ally,
        m.Contribution,
        m.Reaction,
        m.Kremlin,
        m.Rung,
        m.Response,
        m.RedLine,
        m.Card,
        m.Option,
        m.Outcome,
        m.Later,
        m.Event,
        m.Ending,
        m.ScenarioTest,
        m.Expectation,
        m.BalanceGate,
    ],
    ids=lambda model: model.__name__,
)
def test_reference_lists_every_key(model):
    ref = _reference()
    heading = "#### The file: sections" if model is m.ContentFile else f"#### {model.__name__}"
    assert heading in ref, heading
    section = ref[ref.index(heading) :].split("\n#### ", 1)[0].split("\n### ", 1)[0]
    for name in model.model_fields:
        assert f"`{name}`" in section, f"{model.__name__}.{name} is missing from docs/authoring.md"


def test_reference_lists_every_name_and_function():
    ref = _reference()
    for name in [*SPECIALS, *FUNCTIONS, "ally.<id>.in", "ally.<id>.out", "crossed.<id>"]:
        assert f"`{name}" in ref, name


def test_every_code_has_an_example_that_the_corpus_produces():
    for code in CODES:
        row = re.search(rf"^\| {code} \| .*? \| `+ ?(.+?) ?`+ \|$", DOC, re.M)
        assert row, f"{code} has no row with an example in docs/authoring.md"
        example = row.group(1)
        expect = (BROKEN / code / "expect.txt").read_text().split()
        assert example.startswith(" ".join(expect)), (code, example, expect)
