"""Generated input for the expression parser and the YAML loader: the only exception that
may come out is the content error type."""

from __future__ import annotations

import shutil
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.content import ContentErrors, load_scenario
from redline.content.expr import ExprError, Names, parse
from redline.content.yamlread import read_yaml
from redline.engine.state import State, bare_state

NAMES = Names(
    meters=frozenset({"escalation", "ceasefire"}),
    flags=frozenset({"troops_deployed"}),
    allies=frozenset({"germany"}),
    red_lines=frozenset({"troops_at_war"}),
)
TOKENS = [
    "escalation",
    "ceasefire",
    "troops_deployed",
    "ally.germany.support",
    "crossed.troops_at_war",
    "turn",
    "cohesion",
    "and",
    "or",
    "not",
    "if",
    "else",
    "(",
    ")",
    "+",
    "-",
    "*",
    "/",
    "**",
    "%",
    "//",
    "<",
    "<=",
    "==",
    "!=",
    ">",
    ">=",
    "min(",
    "max(",
    "abs(",
    "clamp(",
    ",",
    "1",
    "0.5",
    "100",
    "true",
    "false",
    "__class__",
    ".",
    "[",
    "]",
    "lambda",
    ":",
    "'x'",
    "import",
    "x",
    "=",
    ";",
    "\\",
    "{",
    "}",
    "10**10**10",
]

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def a_state() -> State:
    return bare_state(
        meters={"escalation": 50.0, "ceasefire": 40.0},
        flags={"troops_deployed": True},
        support={"germany": 60.0},
        turn=3,
        rung=1,
        cohesion=55.0,
    )


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join))
def test_token_soup_compiles_or_is_an_expression_error(text):
    try:
        expr = parse(text, NAMES)
    except ExprError as exc:
        assert exc.message and exc.code.startswith("RL")
        return
    try:
        expr(a_state())
    except (TypeError, ZeroDivisionError, OverflowError, ValueError):
        # type mistakes (a number where a flag is) surface at play time, never as escapes
        pass


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_text_never_escapes(text):
    try:
        parse(text, NAMES)
    except ExprError:
        pass


YAML_ALPHABET = string.ascii_letters + string.digits + " :-[]{},\n\t'\"&*!|>#%@`?"


@SETTINGS
@given(st.text(alphabet=YAML_ALPHABET, max_size=300))
def test_arbitrary_yaml_is_read_or_refused_with_a_content_error(tmp_path, text):
    path = tmp_path / "f.yaml"
    path.write_text(text)
    try:
        read_yaml(path)
    except ContentErrors as exc:
        assert all(e.code.startswith("RL") for e in exc.errors)


TUTORIAL = Path(__file__).resolve().parents[2] / "content" / "scenarios" / "tutorial"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mutated_scenario_loads_or_reports_content_errors(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("mut") / "t"
    shutil.copytree(TUTORIAL, folder)
    files = sorted(folder.glob("*.yaml"))
    target = data.draw(st.sampled_from(files))
    text = target.read_text()
    pos = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 40))
    insert = data.draw(st.text(alphabet=YAML_ALPHABET, max_size=20))
    target.write_text(text[:pos] + insert + text[pos + cut :])
    try:
        load_scenario(folder)
    except ContentErrors as exc:
        for e in exc.errors:
            assert e.line >= 1 and e.col >= 1 and e.code.startswith("RL")
