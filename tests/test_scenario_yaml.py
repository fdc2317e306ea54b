"""Every shipped scenario's own YAML tests (`scenario.tests`), one pytest item each.

The ids read `<scenario>::<test name>`, e.g. `tutorial::restraint keeps the peace`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from redline.content import ContentErrors, list_scenarios, load_scenario
from redline.sim.scenario_tests import run_test

CONTENT = Path(__file__).resolve().parents[1] / "content"


@cache
def _load(folder: Path, packs: tuple[Path, ...]):
    return load_scenario(folder, packs)


def _collect() -> list:
    params = []
    for entry in list_scenarios([CONTENT]):
        try:
            tests = _load(entry.folder, entry.packs).info.tests
        except ContentErrors:
            # Reported by the test below, which fails with the errors.
            params.append(pytest.param(entry, None, id=f"{entry.id}::(content errors)"))
            continue
        params += [pytest.param(entry, t.name, id=f"{entry.id}::{t.name}") for t in tests]
    return params


@pytest.mark.parametrize(("entry", "name"), _collect())
def test_scenario_yaml(entry, name):
    try:
        scenario = _load(entry.folder, entry.packs)
    except ContentErrors as exc:
        pytest.fail(f"{entry.id} does not load:\n{exc}", pytrace=False)
    (test,) = [t for t in scenario.info.tests if t.name == name]
    result = run_test(scenario, test)
    if not result.passed:
        pytest.fail(result.report(), pytrace=False)
