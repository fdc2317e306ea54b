"""Numbers: NaN and infinity are refused in content (and in saves: test_save_shape.py);
arithmetic that a constant shows to have no value is refused at load; and whatever an
expression meets in play, it gives a finite real number, never an error."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_content import TUTORIAL, edit, run_validate

from redline.cli import main
from redline.content import load_scenario
from redline.content.expr import LARGEST, ExprError, Names, parse
from redline.engine.state import bare_state

NAMES = Names(
    meters=frozenset({"escalation", "ceasefire", "huge"}),
    flags=frozenset({"troops_deployed"}),
    allies=frozenset(),
    red_lines=frozenset(),
)

# (case, file, text found, text put instead, what the message says)
CONTENT = [
    ("nan-start", "meters.yaml", "start: 35", "start: .nan", "not a finite number"),
    ("infinite-start", "meters.yaml", "start: 35", "start: .inf", "not a finite number"),
    (
        "minus-infinite-effect",
        "cards.yaml",
        "effects: {escalation: -3,",
        "effects: {escalation: -.inf,",
        "not a finite number",
    ),
    ("overflowing-float", "cards.yaml", "chance: 0.2", "chance: 1.0e+999", "not a finite number"),
    ("overflowing-float-as-text", "cards.yaml", "chance: 0.2", "chance: 1.0e999", "out of range"),
    ("huge-integer", "meters.yaml", "start: 35", "start: " + "9" * 40, "number too large"),
    ("nan-in-expression", "endings.yaml", "escalation >= 90", "escalation >= nan", "RL"),
    (
        "infinity-literal-in-expression",
        "endings.yaml",
        "escalation >= 90",
        "escalation >= 1e999",
        "out of range",
    ),
    ("division-by-zero", "endings.yaml", "escalation >= 90", "escalation / 0 >= 90", "division by zero"),
    (
        "division-by-a-zero-sum",
        "endings.yaml",
        "escalation >= 90",
        "escalation // (2 - 2) >= 90",
        "division by zero",
    ),
    ("modulo-zero", "endings.yaml", "escalation >= 90", "escalation % 0 >= 1", "division by zero"),
    (
        "negative-base-fractional-power",
        "endings.yaml",
        "escalation >= 90",
        "escalation >= (-8) ** 0.5",
        "fractional power",
    ),
    (
        "zero-to-a-negative-power",
        "endings.yaml",
        "escalation >= 90",
        "escalation >= 0 ** -1",
        "negative power",
    ),
    ("constant-overflow", "endings.yaml", "escalation >= 90", "escalation >= 1e300 * 1e300", "out of range"),
]


@pytest.mark.parametrize("case, file, old, new, says", CONTENT, ids=[c[0] for c in CONTENT])
def test_numbers_without_a_value_are_refused_at_load(tmp_path, capsys, case, file, old, new, says):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    edit(folder, file, old, new)
    code, out, _ = run_validate(folder, capsys)
    assert code == 1, out
    first = out.splitlines()[0]
    assert file in first and says in out, out


# Expressions that validate, and what they give in play where Python alone would fail. A
# constant past 1e12 is refused at load (RL202), so the overflows come from a meter an author
# gave a very large range (`huge`, 1e300 here).
TOTAL = [
    ("(escalation - 200) ** 0.5", 0.0),  # a negative number to a fractional power
    ("ceasefire ** -1", 0.0),  # 0 to a negative power
    ("escalation / ceasefire", 0.0),
    ("escalation // ceasefire", 0.0),
    ("escalation % ceasefire", 0.0),
    ("escalation * huge * huge", LARGEST),  # infinity
    ("(0 - escalation) * huge * huge", -LARGEST),
    ("escalation * huge * huge - escalation * huge * huge", 0.0),  # NaN
    ("(escalation * huge) ** 2", LARGEST),  # a power that overflows
    ("(0 - escalation * huge) ** 3", -LARGEST),
    ("round(escalation * huge * huge)", LARGEST),
    ("clamp(escalation * huge * huge - escalation * huge * huge)", 0.0),
]


@pytest.mark.parametrize("text, value", TOTAL, ids=[t[0] for t in TOTAL])
def test_arithmetic_in_play_is_total(text, value):
    expr = parse(text, NAMES)
    got = expr.fn(bare_state(meters={"escalation": 50.0, "ceasefire": 0.0, "huge": 1e300}, turn=1))
    assert got == value and math.isfinite(got) and not isinstance(got, complex)


OPERATORS = st.sampled_from(["+", "-", "*", "/", "//", "%", "**"])
OPERANDS = st.sampled_from(
    ["escalation", "ceasefire", "huge", "(escalation - 100)", "0", "0.5", "3", "-2", "1e12"]
)
VALUES = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e308, max_value=1e308)


@settings(max_examples=300, deadline=None)
@given(a=OPERANDS, op=OPERATORS, b=OPERANDS, op2=OPERATORS, c=OPERANDS, x=VALUES, y=VALUES)
def test_any_expression_that_validates_gives_a_finite_number(a, op, b, op2, c, x, y):
    text = f"({a} {op} {b}) {op2} {c}"
    try:
        expr = parse(text, NAMES)
    except ExprError:
        return  # refused at load: a constant with no value, or a power that is not constant
    got = expr.fn(bare_state(meters={"escalation": x, "ceasefire": y, "huge": 1e300}, turn=1))
    assert isinstance(got, int | float) and not isinstance(got, complex)
    assert math.isfinite(got), (text, x, y, got)


def test_a_scenario_with_arithmetic_that_has_no_value_plays_to_the_end(tmp_path, capsys):
    """What the range analysis cannot see loads (test_numbers_at_load.py has what it can):
    a quotient whose divisor a guard keeps from 0 has no known range, so its root is not
    blamed; in play the root meets negative numbers, and the game reads them as 0."""
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    edit(
        folder,
        "cards.yaml",
        "effects: {escalation: -3, confidence: -4}",
        'effects: {escalation: -3, confidence: "(10 / (escalation - 50) if escalation != 50 else 0) ** 0.5"}',
    )
    edit(folder, "endings.yaml", '"escalation >= 90"', '"100 / (escalation - 10) >= 90"')
    assert run_validate(folder, capsys)[0] == 0
    scenario = load_scenario(Path(folder))
    assert main(["simulate", str(folder), "--runs", "50", "--workers", "1", "--format", "json"]) == 0
    out = capsys.readouterr()
    assert '"runs": 50' in out.out and "Traceback" not in out.err
    # No play takes escalation below 15 here, but a facilitator's override can: 100 / 0.
    (ending,) = [e for e in scenario.endings if e.when is not None and "100 /" in e.when.text]
    meters = {m: 50.0 for m in scenario.meters}
    assert ending.when.fn(bare_state(meters={**meters, "escalation": 10.0}, turn=1)) is False
    assert ending.when.fn(bare_state(meters={**meters, "escalation": 11.0}, turn=1)) is True
