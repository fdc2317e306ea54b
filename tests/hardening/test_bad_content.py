"""Every way bad content can come in: a one-line reason with where it is, exit 1, no
traceback, bounded time, and no file touched."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest

from redline.cli import main

TUTORIAL = Path(__file__).resolve().parents[2] / "content" / "scenarios" / "tutorial"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_validate(folder: Path, capsys) -> tuple[int, str, float]:
    before = snapshot(folder)
    start = time.perf_counter()
    code = main(["validate", "--no-warnings", str(folder)])
    elapsed = time.perf_counter() - start
    out = capsys.readouterr()
    assert snapshot(folder) == before, "validate must not modify content"
    assert "Traceback" not in out.out + out.err
    return code, out.out + out.err, elapsed


def edit(folder: Path, file: str, old: str, new: str) -> None:
    p = folder / file
    text = p.read_text()
    assert old in text, old
    p.write_text(text.replace(old, new, 1))


def alias_bomb() -> str:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def flow_nesting(levels: int):
    """A breaker writing `levels` brackets deep into deep.yaml."""
    return lambda d: (d / "deep.yaml").write_text("cards: " + "[" * levels + "]" * levels + "\n")


# (case id, how to break the tutorial, the file named, what the message says)
CASES = [
    ("malformed-yaml", lambda d: edit(d, "meters.yaml", "start: 35", "start: [35"), "meters.yaml", "RL001"),
    (
        "tab-indentation",
        lambda d: edit(d, "meters.yaml", "    label: Kremlin escalation", "\tlabel: Kremlin escalation"),
        "meters.yaml",
        "RL001",
    ),
    (
        "wrong-type",
        lambda d: edit(d, "scenario.yaml", "turns: 5", "turns: five"),
        "scenario.yaml",
        "must be a whole number",
    ),
    (
        "out-of-range",
        lambda d: edit(d, "meters.yaml", "start: 35", "start: 135"),
        "meters.yaml",
        "start must be at most 100",
    ),
    (
        "unknown-key",
        lambda d: edit(d, "allies.yaml", "threshold: 30", "threshold: 30\n    treshold: 3"),
        "allies.yaml",
        "unknown key 'treshold'",
    ),
    (
        "unknown-section",
        lambda d: (d / "extra.yaml").write_text("cardz: []\n"),
        "extra.yaml",
        "unknown section 'cardz'",
    ),
    (
        "dangling-role",
        lambda d: edit(d, "cards.yaml", "role: kyiv", "role: moscow_tv"),
        "cards.yaml",
        "unknown role",
    ),
    (
        "dangling-ally",
        lambda d: edit(d, "cards.yaml", "ally.germany: 3", "ally.germny: 3"),
        "cards.yaml",
        "unknown ally 'germny'",
    ),
    (
        "dangling-red-line",
        lambda d: edit(d, "endings.yaml", 'when: "escalation >= 90"', 'when: "crossed.nato_border"'),
        "endings.yaml",
        "unknown red line",
    ),
    (
        "duplicate-id",
        lambda d: edit(d, "events.yaml", "id: tut_ryazan", "id: tut_chernihiv"),
        "events.yaml",
        "duplicate event id",
    ),
    (
        "duplicate-key",
        lambda d: edit(d, "meters.yaml", "start: 35", "start: 35\n    start: 36"),
        "meters.yaml",
        "duplicate key 'start'",
    ),
    ("recursive-alias", lambda d: (d / "cycle.yaml").write_text("cards: &c\n  - *c\n"), "cycle.yaml", "RL"),
    (
        "not-utf8",
        lambda d: (d / "latin1.yaml").write_bytes("cards: []\n# caf\xe9\n".encode("latin-1")),
        "latin1.yaml",
        "not UTF-8",
    ),
    ("empty-file", lambda d: (d / "empty.yaml").write_text(""), "empty.yaml", "empty"),
    ("comment-only-file", lambda d: (d / "empty.yaml").write_text("# nothing here\n"), "empty.yaml", "empty"),
    (
        "top-level-list",
        lambda d: (d / "list.yaml").write_text("- 1\n- 2\n"),
        "list.yaml",
        "mapping of sections",
    ),
    ("deep-flow-nesting", flow_nesting(5000), "deep.yaml", "nested"),
    (
        "deep-block-nesting",
        lambda d: (d / "deep.yaml").write_text(
            "".join(f"{'  ' * i}k{i}:\n" for i in range(200)) + "  " * 200 + "v: 1\n"
        ),
        "deep.yaml",
        "nested",
    ),
    ("alias-bomb", lambda d: (d / "bomb.yaml").write_text(alias_bomb()), "bomb.yaml", "alias"),
    (
        "python-object-tag",
        lambda d: (d / "evil.yaml").write_text("cards: !!python/object:os.system {}\n"),
        "evil.yaml",
        "not allowed",
    ),
    (
        "python-apply-tag",
        lambda d: (d / "evil.yaml").write_text("cards: !!python/object/apply:os.system ['echo pwned']\n"),
        "evil.yaml",
        "not allowed",
    ),
    (
        "python-name-tag",
        lambda d: (d / "evil.yaml").write_text("cards: !!python/name:os.system\n"),
        "evil.yaml",
        "not allowed",
    ),
    (
        "custom-tag",
        lambda d: (d / "evil.yaml").write_text("cards: !include other.yaml\n"),
        "evil.yaml",
        "not allowed",
    ),
    (
        "binary-tag",
        lambda d: (d / "evil.yaml").write_text("cards: !!binary aGVsbG8=\n"),
        "evil.yaml",
        "not allowed",
    ),
    (
        "merge-key",
        lambda d: (d / "merge.yaml").write_text("x: &x {a: 1}\ncards:\n  - <<: *x\n"),
        "merge.yaml",
        "merge keys",
    ),
    ("yes-as-id", lambda d: edit(d, "cards.yaml", "- id: agreed", "- id: yes"), "cards.yaml", "quote it"),
    (
        "flag-given-a-number",
        lambda d: edit(d, "cards.yaml", "troops_deployed: true", "troops_deployed: 3"),
        "cards.yaml",
        "takes true, false or a condition",
    ),
    (
        "meter-given-a-bool",
        lambda d: edit(d, "cards.yaml", "ceasefire: -6", "ceasefire: false"),
        "cards.yaml",
        "takes a number",
    ),
    (
        "no-scenario-section",
        lambda d: (d / "scenario.yaml").unlink(),
        "tutorial",
        "no file has a 'scenario:' section",
    ),
    (
        "one-option-card",
        lambda d: (d / "one.yaml").write_text(
            "cards:\n  - id: lonely\n    topic: mandate\n    title: T\n    text: T\n    options:\n      - {id: a, label: A}\n"
        ),
        "one.yaml",
        "at least 2 items",
    ),
]

EXPRESSIONS = [
    ("dunder-attribute", "escalation.__class__", "not allowed"),
    ("dunder-name", "__builtins__", "not allowed"),
    ("import-call", "__import__('os')", "only these functions"),
    ("builtin-call", "open('/etc/passwd')", "only these functions"),
    ("method-call", "escalation.bit_length()", "only these functions"),
    ("lambda", "(lambda: 1)", "a function definition (lambda) is not allowed"),
    ("comprehension", "[c for c in (1, 2)]", "not allowed"),
    ("generator", "sum(x for x in (1, 2))", "only these functions"),
    ("subscript", "(1, 2)[0]", "not allowed"),
    ("string-literal", "'a' * 10", "only numbers"),
    ("walrus", "(x := 1)", "not allowed"),
    ("tower-power", "10**10**10", "power"),
    ("big-power", "escalation ** 1000", "power"),
    ("huge-expression", "escalation + " * 10000 + "1", "limit is"),
    ("unbalanced-parens", "((escalation > 3)", "never closed"),
    ("c-operators", "escalation > 3 && ceasefire < 2", "use 'and'"),
    ("unknown-name", "escalaton > 3", "did you mean 'escalation'"),
    ("keyword-args", "max(a=1, b=2)", "keyword"),
    ("too-many-args", "abs(1, 2)", "abs() takes 1 argument, not 2"),
    ("empty", "' '", "RL"),
]


@pytest.fixture
def broken(tmp_path):
    dest = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, dest)
    return dest


@pytest.mark.parametrize("case, breaker, file, fragment", CASES, ids=[c[0] for c in CASES])
def test_bad_content(broken, capsys, case, breaker, file, fragment):
    breaker(broken)
    code, output, elapsed = run_validate(broken, capsys)
    assert code == 1, output
    first = output.splitlines()[0]
    assert file in first, output
    assert fragment in output, output
    # one line per problem, each "file:line:col: CODE message"
    assert first.count(":") >= 3 and " RL" in first
    assert elapsed < 10, f"{case} took {elapsed:.1f}s"


@pytest.mark.parametrize("case, expression, fragment", EXPRESSIONS, ids=[c[0] for c in EXPRESSIONS])
def test_bad_expression(broken, capsys, case, expression, fragment):
    quoted = "'" + expression.replace("'", "''") + "'"
    edit(broken, "endings.yaml", 'when: "escalation >= 90"', f"when: {quoted}")
    code, output, elapsed = run_validate(broken, capsys)
    assert code == 1, output
    assert "endings.yaml:" in output.splitlines()[0], output
    assert fragment in output, output
    assert elapsed < 10


def test_fifty_megabyte_file_is_refused_without_reading_it(broken, capsys):
    big = broken / "huge.yaml"
    with big.open("wb") as fh:
        fh.write(b"cards:\n")
        fh.truncate(50 * 1024 * 1024)
    code, output, elapsed = run_validate(broken, capsys)
    assert code == 1 and "huge.yaml:1:1: RL003" in output and "MB" in output
    assert elapsed < 5


def test_unsafe_tag_is_never_executed(broken, capsys, tmp_path):
    marker = tmp_path / "executed"
    (broken / "evil.yaml").write_text(f"cards: !!python/object/apply:os.system ['touch {marker}']\n")
    run_validate(broken, capsys)
    assert not marker.exists()
