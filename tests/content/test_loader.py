"""Loading content: every problem reported at once, each at its file, line and column."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from redline.content import ContentErrors, load_scenario

TUTORIAL = Path(__file__).resolve().parents[2] / "content" / "scenarios" / "tutorial"


@pytest.fixture
def scenario_dir(tmp_path):
    dest = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, dest)
    return dest


def errors_for(folder):
    with pytest.raises(ContentErrors) as exc:
        load_scenario(folder)
    return exc.value.errors


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def test_tutorial_loads_and_hash_is_stable(tutorial):
    again = load_scenario(TUTORIAL)
    assert again.content_hash == tutorial.content_hash
    assert len(tutorial.cards) >= 5


def test_comments_and_formatting_do_not_change_the_hash(scenario_dir, tutorial):
    p = scenario_dir / "cards.yaml"
    p.write_text(p.read_text() + "\n# a comment\n")
    assert load_scenario(scenario_dir).content_hash == tutorial.content_hash
    replace(p, "escalation: -3, confidence: -4", "escalation: -4, confidence: -4")
    assert load_scenario(scenario_dir).content_hash != tutorial.content_hash


def test_all_errors_reported_at_once_with_positions(scenario_dir):
    cards = scenario_dir / "cards.yaml"
    replace(cards, "effects: {escalation: -3, confidence: -4}", "effects: {escalaton: -3, confidence: -4}")
    replace(cards, 'when: "turn >= 3"', 'when: "turn >= 3 and not us_backstp"')
    allies = scenario_dir / "allies.yaml"
    replace(
        allies,
        "threshold: 30\n    contribution: {troops: 5",
        "threshold: 30\n    colour: blue\n    contribution: {troops: 5",
    )
    errors = errors_for(scenario_dir)
    by_code = {e.code: e for e in errors}
    assert {"RL101", "RL106"} <= set(by_code), errors
    unknown_meter = [e for e in errors if "escalaton" in e.message][0]
    assert unknown_meter.file.endswith("cards.yaml")
    assert unknown_meter.line == line_of(cards, "escalaton")
    assert "did you mean 'escalation'" in unknown_meter.message
    unknown_flag = [e for e in errors if "us_backstp" in e.message][0]
    line_text = cards.read_text().splitlines()[unknown_flag.line - 1]
    assert line_text[unknown_flag.col - 1 :].startswith("us_backstp")
    extra = by_code["RL106"]
    assert extra.line == line_of(allies, "colour") and "colour" in extra.message


def test_wrong_type_and_missing_key(scenario_dir):
    meters = scenario_dir / "meters.yaml"
    replace(meters, "start: 35", "start: lots")
    replace(meters, "  - id: ceasefire\n    label: Ceasefire stability\n", "  - id: ceasefire\n")
    errors = errors_for(scenario_dir)
    msgs = [str(e) for e in errors]
    assert any(
        "meter 'escalation': start must be a number" in m and f":{line_of(meters, 'lots')}:" in m
        for m in msgs
    ), msgs
    assert any("missing key 'label'" in m for m in msgs), msgs


def test_duplicate_ids_and_dangling_role(scenario_dir):
    events = scenario_dir / "events.yaml"
    replace(events, "  - id: tut_ryazan", "  - id: tut_chernihiv")
    cards = scenario_dir / "cards.yaml"
    replace(cards, "role: kyiv", "role: kyev")
    errors = errors_for(scenario_dir)
    dup = [e for e in errors if e.code == "RL105"]
    assert dup and "tut_chernihiv" in dup[0].message and dup[0].file.endswith("events.yaml")
    role = [e for e in errors if e.code == "RL104"][0]
    assert role.line == line_of(cards, "role: kyev") and "did you mean 'kyiv'" in role.message


@pytest.mark.parametrize(
    "expression, fragment",
    [
        ("__import__('os').system('true')", "only these functions"),
        ("escalation.__class__", "not allowed"),
        ("(lambda: 1)()", "only these functions"),
        ("lambda: 1", "a function definition (lambda) is not allowed"),
        ("[x for x in (1, 2)]", "not allowed"),
        ("10**10**10", "power"),
        ("open('x')", "only these functions"),
        ("(escalation > 3", "never closed"),
        ("escalation > 3 && ceasefire", "use 'and'"),
    ],
)
def test_expressions_outside_the_whitelist_are_load_errors(scenario_dir, expression, fragment):
    cards = scenario_dir / "cards.yaml"
    quoted = "'" + expression.replace("'", "''") + "'"  # a YAML single-quoted scalar
    replace(cards, 'when: "troops_deployed or turn >= 3"', f"when: {quoted}")
    errors = errors_for(scenario_dir)
    assert any(fragment in e.message for e in errors), errors
    assert all(e.file.endswith("cards.yaml") for e in errors)


def test_unsafe_tags_are_refused_not_constructed(scenario_dir, tmp_path):
    marker = tmp_path / "pwned"
    (scenario_dir / "evil.yaml").write_text(f"cards: !!python/object/apply:os.system ['touch {marker}']\n")
    errors = errors_for(scenario_dir)
    assert errors[0].code == "RL002" and errors[0].file.endswith("evil.yaml")
    assert "python/object/apply" in errors[0].message
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(scenario_dir):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(ord("b"), ord("j")):
        prev = chr(i - 1)
        lines.append(f"{chr(i)}: &{chr(i)} [" + ",".join([f"*{prev}"] * 9) + "]")
    (scenario_dir / "bomb.yaml").write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    errors = errors_for(scenario_dir)
    assert time.perf_counter() - start < 20  # bounded: refused, not expanded
    assert any(e.code == "RL003" and "alias" in e.message for e in errors), errors


def test_yaml_syntax_error_has_position(scenario_dir):
    p = scenario_dir / "events.yaml"
    p.write_text(p.read_text().replace("    turn: 2\n", "    turn: [2\n", 1))
    errors = errors_for(scenario_dir)
    assert errors[0].code == "RL001" and errors[0].file.endswith("events.yaml")
    assert errors[0].line > 1
