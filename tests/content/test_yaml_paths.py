"""The fast reading path (content/yamlread.py) builds exactly what the careful path builds,
and hands anything unusual to the careful path instead of guessing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.content import yamlread
from redline.content.errors import ContentErrors

CONTENT = Path(__file__).resolve().parents[2] / "content"


def careful_all(text: str):
    def fail(code, message, line=1, col=1):
        raise AssertionError(f"{code} {message} at {line}:{col}")

    return yamlread._careful(text, "t.yaml", fail)


def careful(text: str):
    return careful_all(text)[0]


def same_marks(text: str) -> None:
    """The positions worked out from events are those the careful path records."""
    _, values, keys = careful_all(text)
    walked: tuple[dict, dict] = ({}, {})
    for _ in yamlread._walk_marks(text, *walked):
        pass
    assert walked == (values, keys)


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.yaml")), ids=lambda p: p.name)
def test_shipped_files_read_the_same_both_ways(path):
    text = path.read_text(encoding="utf-8")
    assert yamlread._read_plain(text) == careful(text)
    same_marks(text)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["yes", "no", "on", "off", "~", "1e3", "0x1F", "2025-09-05", "1:30", ".inf", "null", ""]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans())
def test_generated_documents_read_the_same_both_ways(doc, flow):
    text = yaml.safe_dump({"root": doc}, default_flow_style=flow, allow_unicode=True)
    assert yamlread._read_plain(text) == careful(text)
    same_marks(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "? [1, 2]\n: x\n",  # a key that is not text
        "1: x\n",  # a number as a key: the careful path turns it into text
        "a: !!python/object:os.system x\n",
        "a: !custom x\n",
        "base: &b {x: 1}\nmore:\n  <<: *b\n",
        "a: *b\n",  # an alias: expanded only by the careful path, within its budget
        "".join(f"{'  ' * i}k{i}:\n" for i in range(80)) + "  " * 80 + "v: 1\n",  # too deep
    ],
)
def test_unusual_files_are_left_to_the_careful_path(text):
    with pytest.raises((yamlread._Refused, yaml.YAMLError)):
        yamlread._read_plain(text)


def test_too_many_values_stop_the_fast_path_where_they_pass_the_limit(monkeypatch):
    monkeypatch.setattr(yamlread, "MAX_NODES", 50)
    text = "cards:\n" + "".join(f"  - {i}\n" for i in range(100))
    with pytest.raises(yamlread._TooMany) as stop:
        yamlread._read_plain(text)
    assert stop.value.line == 51  # the 51st value: the key `cards`, then the 50th item


def test_an_alias_bomb_is_refused_before_anything_is_built(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentErrors) as refused:
        yamlread.read_yaml(path, "bomb.yaml")
    (error,) = refused.value.errors
    # over a million values under `f` (line 6), the deepest value past the limit
    assert (error.file, error.line, error.code) == ("bomb.yaml", 6, "RL003")
    assert "aliases are expanded" in error.message
