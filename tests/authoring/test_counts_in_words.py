"""An author's tools say counts in words: '1 error, 2 warnings', never 'error(s)'."""

from __future__ import annotations

import pytest

from redline.content.errors import ContentError
from redline.content.validate import Result
from redline.plural import counted


def _problem(severity: str) -> ContentError:
    return ContentError("cards.yaml", 3, 1, "RL101", "x", severity)


@pytest.mark.parametrize(
    ("scenarios", "plans", "errors", "warnings", "said"),
    [
        (1, 0, 1, 0, "1 scenario checked: 1 error, 0 warnings"),
        (2, 0, 3, 1, "2 scenarios checked: 3 errors, 1 warning"),
        (0, 1, 2, 2, "1 session plan checked: 2 errors, 2 warnings"),
        (1, 2, 0, 0, "1 scenario and 2 session plans checked: clean"),
    ],
)
def test_validate_summary_says_each_count_in_its_number(scenarios, plans, errors, warnings, said):
    result = Result(
        scenarios=[f"s{i}" for i in range(scenarios)],
        errors=[_problem("error") for _ in range(errors)],
        warnings=[_problem("warning") for _ in range(warnings)],
        plans=[f"p{i}" for i in range(plans)],
    )
    assert result.summary() == said
    assert "(s)" not in result.summary()


def test_counted_groups_thousands_and_takes_an_irregular_plural():
    assert counted(1, "ally", "allies") == "1 ally"
    assert counted(14, "ally", "allies") == "14 allies"
    assert counted(19_900, "more problem") == "19,900 more problems"
    assert counted(0, "threat") == "0 threats"
