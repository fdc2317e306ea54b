"""Numbers at load: arithmetic that the range analysis shows can have no value in play (a
division by a value that can be 0, a fractional power of a value that can be negative, an
overflow) is refused by `redline validate` and every loader, at its file:line:col with a
code; what the analysis proves safe (guards, max(..., 1)) loads; and the analysis is sound:
whatever it passes never meets such a value, and every value lies within its range."""

from __future__ import annotations

import ast
import math
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_content import TUTORIAL, edit, run_validate

from redline.content import load_scenario
from redline.content.errors import ContentErrors
from redline.content.expr import Names, parse
from redline.content.intervals import Env, Interval, evaluate, hazards
from redline.content.numbers import check
from redline.engine.state import State, bare_state

BROKEN_BASE = Path(__file__).resolve().parents[1] / "authoring" / "broken" / "_base"

# The tutorial's reach (see ranges.reach): escalation 15-100, ceasefire 0-75, confidence
# 11-81, turn 1-5. Cards line 21 is `effects: {escalation: -3, confidence: -4}`; an ending
# on line 9 is `when: "escalation >= 90"`.
CARD = "effects: {escalation: -3, confidence: -4}"
ENDING = '"escalation >= 90"'

# (case, file, old, new, code, column of the operation on the line)
REFUSED = [
    # RL203: a division by a value that can be 0
    ("divide-by-a-meter-that-reaches-0", "endings.yaml", ENDING, '"100 / ceasefire >= 2"', "RL203", 12),
    (
        "floor-divide-by-a-difference",
        "cards.yaml",
        CARD,
        'effects: {escalation: "10 // (escalation - 50)"}',
        "RL203",
        32,
    ),
    ("modulo-by-turn-minus-3", "endings.yaml", ENDING, '"escalation % (turn - 3) >= 1"', "RL203", 12),
    (
        "divide-inside-a-sum",
        "endings.yaml",
        ENDING,
        '"escalation + confidence / (ceasefire - 10) >= 90"',
        "RL203",
        25,
    ),
    ("divide-by-an-ally", "endings.yaml", ENDING, '"100 / ally.slovakia.support >= 2"', "RL203", 12),
    (
        "guard-on-the-wrong-branch",
        "endings.yaml",
        ENDING,
        '"(0 if ceasefire > 0 else 1 / ceasefire) >= 1"',
        "RL203",
        37,
    ),
    # RL204: a power with no value
    (
        "root-of-a-difference",
        "cards.yaml",
        CARD,
        'effects: {confidence: "(confidence - 20) ** 0.5"}',
        "RL204",
        32,
    ),
    ("root-of-a-negated-meter", "endings.yaml", ENDING, '"(0 - escalation) ** 0.25 >= 1"', "RL204", 12),
    ("inverse-of-a-meter-that-reaches-0", "endings.yaml", ENDING, '"ceasefire ** -1 >= 1"', "RL204", 12),
    ("inverse-square-of-a-difference", "endings.yaml", ENDING, '"(escalation - 20) ** -2 >= 1"', "RL204", 12),
    # RL205: an overflow
    ("power-of-a-power", "endings.yaml", ENDING, '"((escalation * 1e12) ** 8) ** 8 >= 1"', "RL205", 12),
    (
        "product-of-powers",
        "cards.yaml",
        CARD,
        'effects: {confidence: "(confidence * 1e12) ** 8 * (confidence * 1e12) ** 8 * (confidence * 1e12) ** 8"}',
        "RL205",
        32,
    ),
    (
        "divide-by-a-tiny-number",
        "endings.yaml",
        ENDING,
        '"escalation * 1e12 / 1e-300 * 1e12 >= 1"',
        "RL205",
        12,
    ),
]


@pytest.mark.parametrize("case, file, old, new, code, col", REFUSED, ids=[c[0] for c in REFUSED])
def test_arithmetic_with_no_value_in_play_is_refused_at_load(
    tmp_path, capsys, case, file, old, new, code, col
):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    edit(folder, file, old, new)
    exit_code, out, took = run_validate(folder, capsys)
    assert exit_code == 1, out
    errors = [line for line in out.splitlines() if ": RL" in line and "warning" not in line]
    assert len(errors) == 1, out  # one error, at the operation that is at fault
    where, _, message = errors[0].partition(f" {code} ")
    line = next(n for n, text in enumerate((folder / file).read_text().splitlines(), 1) if new in text)
    assert where.endswith(f"{file}:{line}:{col}:"), errors[0]
    assert "in play" in message and ("stays between" in message or "is always" in message), message
    assert took < 10
    with pytest.raises(ContentErrors) as exc:  # every loader, not only validate
        load_scenario(folder)
    assert [e.code for e in exc.value.errors] == [code]


ACCEPTED = [
    ("divide-by-a-meter-that-never-reaches-0", '"100 / escalation >= 2"'),
    ("divide-by-max-1", '"100 / max(ceasefire, 1) >= 2"'),
    ("guarded-by-if", '"(100 / ceasefire if ceasefire > 0 else 0) >= 2"'),
    ("guarded-by-if-not-equal", '"(10 / (escalation - 50) if escalation != 50 else 0) >= 2"'),
    ("guarded-by-and", '"ceasefire > 0 and 100 / ceasefire >= 2"'),
    ("guarded-by-or", '"ceasefire == 0 or 100 / ceasefire >= 2"'),
    ("guarded-by-not", '"(0 if not ceasefire else 100 / ceasefire) >= 2"'),
    ("guarded-by-a-chain", '"(100 / (ceasefire - 5) if 5 < ceasefire <= 75 else 0) >= 2"'),
    ("root-of-a-positive-difference", '"(escalation - 10) ** 0.5 >= 3"'),
    ("root-of-max-0", '"max(0, confidence - 20) ** 0.5 >= 3"'),
    ("root-of-abs", '"abs(confidence - 20) ** 0.5 >= 3"'),
    ("inverse-of-a-meter-that-never-reaches-0", '"escalation ** -1 >= 0.05"'),
    ("large-but-finite", '"(escalation * 1e12) ** 8 >= 1"'),
    ("clamped-before-the-power", '"clamp(escalation * 1e12) ** 8 * clamp(confidence) ** 8 >= 1"'),
]


@pytest.mark.parametrize("case, new", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_arithmetic_the_ranges_prove_safe_loads(tmp_path, capsys, case, new):
    folder = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, folder)
    edit(folder, "endings.yaml", ENDING, new)
    exit_code, out, _ = run_validate(folder, capsys)
    assert exit_code == 0, out


def test_the_shipped_scenarios_have_no_such_arithmetic(shipped):
    assert len(shipped) >= 2
    for scenario in shipped:
        assert check(scenario) == []


def test_a_red_lines_lasting_cost_counts_toward_the_range(tmp_path):
    """In the corpus base, `calm` stays within 44-53 in any game; only a crossed red line's
    lasting cost, felt at every later turn, can bring it to 0. The range analysis counts it
    (it once left lasting costs out, and would have passed this division)."""
    text = (BROKEN_BASE / "scenario.yaml").read_text()
    text = text.replace('score: "calm - escalation"', 'score: "100 / calm - escalation"')
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(text)
    load_scenario(folder)
    (folder / "scenario.yaml").write_text(
        text.replace(
            "    effects: {escalation: 10}\n", "    effects: {escalation: 10}\n    lasting: {calm: -20}\n"
        )
    )
    with pytest.raises(ContentErrors) as exc:
        load_scenario(folder)
    (err,) = exc.value.errors
    assert (err.line, err.col, err.code) == (8, 11, "RL203") and "between 0 and 53" in err.message, err


# ---- the analysis is sound ---------------------------------------------------------------

NAMES = Names(meters=frozenset({"a", "b", "c"}), flags=frozenset({"f"}))
LEAVES = st.sampled_from(
    ["a", "b", "c", "f", "0", "1", "2", "0.5", "3", "-2", "100", "1e6", "(a - b)", "(c - 50)"]
)
BINARY = st.sampled_from(["+", "-", "*", "/", "//", "%"])
POWERS = st.sampled_from(["2", "3", "0.5", "-1", "-0.5", "1.5"])
COMPARE = st.sampled_from([">", ">=", "<", "<=", "==", "!="])


def _expressions() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, BINARY, inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, POWERS).map(lambda t: f"({t[0]} ** {t[1]})"),
            st.tuples(inner, COMPARE, inner, inner, inner).map(
                lambda t: f"({t[3]} if {t[0]} {t[1]} {t[2]} else {t[4]})"
            ),
            st.tuples(inner, COMPARE, inner, inner).map(lambda t: f"({t[0]} {t[1]} {t[2]} and {t[3]})"),
            st.tuples(inner, COMPARE, inner, inner).map(lambda t: f"({t[0]} {t[1]} {t[2]} or {t[3]})"),
            st.tuples(st.sampled_from(["max", "min"]), inner, inner).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
            st.tuples(st.sampled_from(["abs", "round", "clamp"]), inner).map(lambda t: f"{t[0]}({t[1]})"),
            inner.map(lambda x: f"(not {x})"),
        )

    return st.recursive(LEAVES, extend, max_leaves=6)


class NoValue(Exception):
    """What the game would have to make a number up for."""


def strict(node: ast.AST, names: dict[str, float]) -> float:
    """Python's own arithmetic, with every case the game makes total raised instead."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return names[node.id]
    if isinstance(node, ast.UnaryOp):
        v = strict(node.operand, names)
        return (not v) if isinstance(node.op, ast.Not) else -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BoolOp):
        for i, value in enumerate(node.values):
            v = strict(value, names)
            last = i == len(node.values) - 1
            if last or (not v if isinstance(node.op, ast.And) else v):
                return v
    if isinstance(node, ast.IfExp):
        return strict(node.body if strict(node.test, names) else node.orelse, names)
    if isinstance(node, ast.Compare):
        values = [strict(node.left, names), *(strict(c, names) for c in node.comparators)]
        ops = {ast.Gt: float.__gt__, ast.GtE: float.__ge__, ast.Lt: float.__lt__, ast.LtE: float.__le__}
        out = True
        for i, op in enumerate(node.ops):
            x, y = float(values[i]), float(values[i + 1])
            if isinstance(op, ast.Eq):
                out = out and x == y
            elif isinstance(op, ast.NotEq):
                out = out and x != y
            else:
                out = out and ops[type(op)](x, y)
        return out
    if isinstance(node, ast.Call):
        args = [strict(a, names) for a in node.args]
        name = node.func.id  # type: ignore[attr-defined]
        if name == "clamp":
            x, lo, hi = (*args, 0, 100)[:3] if len(args) == 1 else (*args, 100)[:3]
            return lo if x < lo else hi if x > hi else x
        return {"max": max, "min": min, "abs": abs, "round": round}[name](*args)
    assert isinstance(node, ast.BinOp)
    x, y = strict(node.left, names), strict(node.right, names)
    try:
        if isinstance(node.op, ast.Pow):
            r = x**y
            if isinstance(r, complex):
                raise NoValue("complex")
        else:
            r = {
                ast.Add: lambda: x + y,
                ast.Sub: lambda: x - y,
                ast.Mult: lambda: x * y,
                ast.Div: lambda: x / y,
                ast.FloorDiv: lambda: x // y,
                ast.Mod: lambda: x % y,
            }[type(node.op)]()
    except (ZeroDivisionError, OverflowError) as exc:
        raise NoValue(str(exc)) from None
    if isinstance(r, float) and not math.isfinite(r):
        raise NoValue("overflow")
    return r


GRID = st.integers(min_value=-10_000, max_value=10_000).map(lambda k: k / 100)


@st.composite
def ranges_and_point(draw):
    """Ranges for a, b, c on the game's 0.01 grid (as meters are), and a point inside them."""
    env = Env()
    point: dict[str, float] = {}
    for name in ("a", "b", "c"):
        lo, hi = sorted((draw(GRID), draw(GRID)))
        env.names[name] = Interval(lo, hi)
        point[name] = draw(st.integers(round(lo * 100), round(hi * 100))) / 100
    env.names["f"] = Interval(0, 1)
    point["f"] = draw(st.booleans())
    return env, point


@settings(max_examples=400, deadline=None)
@given(text=_expressions(), at=ranges_and_point())
def test_what_the_analysis_passes_has_a_value_within_its_range(text, at):
    env, point = at
    try:
        expr = parse(text, NAMES)
    except Exception:
        return  # refused as it is parsed (a constant with no value, a power too large)
    if expr.is_constant:
        return
    found = hazards(expr, env)
    if found:
        return  # refused at load
    value = strict(expr.tree, point)  # NoValue here is a hazard the analysis missed
    v = float(value)
    span = evaluate(expr, env)
    slack = 1e-9 * max(1.0, abs(v))
    assert span.lo - slack <= v <= span.hi + slack, (text, point, v, str(span))
    # the game agrees (as a number: a compiled clamp of a truth value gives 1.0 for True)
    assert float(expr.fn(_state(point))) == pytest.approx(v, rel=1e-9, abs=1e-9)


def _state(point: dict[str, float]) -> State:
    """A state holding the point's values for the names above. A real State: the compiled
    engine holds expressions to its type, so a stand-in object would not do."""
    return bare_state(
        meters={k: point[k] for k in ("a", "b", "c")},
        flags={"f": point["f"]},
        fbits=1 if point["f"] else 0,
        turn=1,
    )
