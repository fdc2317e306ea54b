"""What a scenario author's trial of `redline validate` found: multi-line expressions placed
on their own line, one YAML document per file, every problem of a file in one pass, one
error for a file refused whole, raw control characters named where they are, links named
by their own path, and chances checked over their range in play."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from redline.content.errors import ContentErrors
from redline.content.validate import validate_paths
from redline.content.yamlread import read_yaml


def problems(folder: Path) -> list[str]:
    """`file:line:col: CODE` of every problem `validate` reports, in order."""
    result = validate_paths([folder])
    return [f"{Path(e.file).name}:{e.line}:{e.col}: {e.code}" for e in result.problems]


def messages(folder: Path) -> list[str]:
    """Every problem as `file:line:col: CODE message`, the file by its name alone."""
    return [
        f"{Path(e.file).name}:{e.line}:{e.col}: {e.code} {e.message}"
        for e in validate_paths([folder]).problems
    ]


# ---- expressions over several lines ------------------------------------------------------


@pytest.mark.parametrize(
    "written, at",
    [
        ("score: >-\n    calm\n    - escalaton * 0.2", "scenario.yaml:10:7"),  # folded block
        ("score: >\n    calm\n      - escalaton", "scenario.yaml:10:9"),  # more indented
        ("score: |\n    (calm\n    - escalaton)", "scenario.yaml:10:7"),  # literal block
        ("score: |\n    calm\n    - escalaton", "scenario.yaml:10:7"),  # breaks read as spaces
        ('score: "calm\n    - escalaton"', "scenario.yaml:9:7"),  # double quotes
        ("score: 'calm\n    - escalaton'", "scenario.yaml:9:7"),  # single quotes
        ("score: calm\n    - escalaton", "scenario.yaml:9:7"),  # plain
        ('score: "  calm - escalaton"', "scenario.yaml:8:20"),  # leading spaces count
    ],
)
def test_a_problem_in_a_multi_line_expression_is_placed_where_it_is_written(scenario_dir, written, at):
    folder = scenario_dir(('score: "calm - escalation"', written))
    assert problems(folder) == [f"{at}: RL101"]


def test_a_hazard_in_a_multi_line_expression_is_placed_where_it_is_written(scenario_dir):
    folder = scenario_dir(('score: "calm - escalation"', "score: >-\n    calm\n    - 100 / (calm - 50)"))
    assert problems(folder) == ["scenario.yaml:10:7: RL203"]


def test_a_multi_line_condition_reads_as_one_line(scenario_dir):
    folder = scenario_dir(
        ('when: "escalation >= 60"', "when: |\n      escalation >= 60\n      and calm < 90")
    )
    assert problems(folder) == []


# ---- one document a file -----------------------------------------------------------------

NOTES = "meters: [{id: bogus, label: 5, start: 999, whaterver: 1}]\n"


@pytest.mark.parametrize(
    "text, line",
    [
        (NOTES + "---\nflags: [{id: zzz}]\n", 2),
        (NOTES + "---\n", 2),
        ("a: &x 1\n" + NOTES + "---\nflags: [{id: zzz}]\n", 3),  # aliases: the careful path
    ],
)
def test_a_second_yaml_document_is_refused_where_it_starts(scenario_dir, text, line):
    folder = scenario_dir()
    (folder / "notes.yaml").write_text(text, encoding="utf-8")
    (msg,) = messages(folder)
    assert msg.startswith(f"notes.yaml:{line}:1: RL001 a content file holds one YAML document")


# ---- every problem in one pass -----------------------------------------------------------

FOUR_MISTAKES = (
    ("    role: lead\n", "    role: lead\n    role: lead\n    prioritty: 2\n"),
    ("effects: {deployed: true, escalation: 5}", "effects: {deployed: true, escalaton: 5}"),
    ("effects: {calm: 3}", "effects: {calm: 99999999999999999999}"),
    ('when: "escalation >= 60"', 'when: "escalation >= 60 and calmm > 1"'),
)


def test_a_duplicate_key_does_not_hide_the_other_problems(scenario_dir):
    folder = scenario_dir(*FOUR_MISTAKES)
    assert problems(folder) == [
        "scenario.yaml:58:5: RL105",
        "scenario.yaml:59:5: RL106",
        "scenario.yaml:64:35: RL101",
        "scenario.yaml:68:25: RL001",
        "scenario.yaml:75:33: RL101",
    ]
    assert "number too large" in messages(folder)[3]


def test_an_unsafe_tag_does_not_hide_the_other_problems(scenario_dir):
    folder = scenario_dir(
        ("    role: lead\n", "    role: !!python/object/apply:os.system ['true']\n"),
        ("    priority: 10\n", "    priority: !secret 10\n"),
        ("effects: {deployed: true, escalation: 5}", "effects: {deployed: true, escalaton: 5}"),
        ('when: "escalation >= 60"', 'when: "escalation >= 60 and calmm > 1"'),
    )
    got = problems(folder)
    # The tagged values are left out, and not reported again as missing or wrong.
    assert got == [
        "scenario.yaml:57:11: RL002",
        "scenario.yaml:62:35: RL101",
        "scenario.yaml:73:33: RL101",
        "scenario.yaml:74:15: RL002",
    ]


def test_other_readers_still_refuse_a_file_with_a_problem(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as exc:
        read_yaml(path)
    assert [e.code for e in exc.value.errors] == ["RL105"]


# ---- a file refused whole ----------------------------------------------------------------


def _split_cards(folder: Path) -> Path:
    """The base with its cards in a file of their own; the path of that file."""
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    head, cards = text.split("\ncards:\n")
    cards, endings = cards.split("\nendings:\n")
    (folder / "scenario.yaml").write_text(head + "\nendings:\n" + endings, encoding="utf-8")
    path = folder / "cards.yaml"
    path.write_text("cards:\n" + cards, encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["link-out", "utf-16", "too-large", "raw-nul"])
def test_a_file_refused_whole_gives_one_error_and_no_false_unknowns(scenario_dir, tmp_path, how):
    folder = scenario_dir()
    assert problems(folder) == []
    cards = _split_cards(folder)
    text = cards.read_text(encoding="utf-8")
    if how == "link-out":
        cards.unlink()
        os.symlink("/etc/passwd", cards)
    elif how == "utf-16":
        cards.write_bytes(text.encode("utf-16"))
    elif how == "too-large":
        cards.write_text(text + ("# " + "x" * 98 + "\n") * 90_000, encoding="utf-8")
    else:
        cards.write_text(text.replace("Deploy now?", "Deploy\0 now?"), encoding="utf-8")
    got = problems(folder)
    assert len(got) == 1 and got[0].startswith("cards.yaml:") and got[0].endswith(("RL003", "RL001")), got


def test_a_file_readable_as_text_still_names_what_it_defines(scenario_dir):
    folder = scenario_dir()
    cards = _split_cards(folder)
    cards.write_bytes(cards.read_bytes().replace(b"Deploy now?", b"Deploy \xe9 now?"))  # Latin-1
    assert problems(folder) == ["cards.yaml:4:19: RL003"]


# ---- raw control characters --------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x9b", "\x7f"])
def test_a_raw_control_character_is_refused_where_it_is(scenario_dir, char):
    folder = scenario_dir(("text: Send the force", f"text: Send {char}the force"))
    (msg,) = messages(folder)
    assert msg.startswith(f"scenario.yaml:56:16: RL001 a control character (U+{ord(char):04X})")


def test_an_escaped_control_character_is_removed_as_documented(scenario_dir):
    from redline.content.loader import load_scenario

    folder = scenario_dir(
        ("text: Send the force before the ceasefire is signed?", 'text: "Send \\e[31mthe force"')
    )
    assert problems(folder) == []
    assert load_scenario(folder).card_by_id["deploy"].model.text == "Send the force"


# ---- links -------------------------------------------------------------------------------


def test_a_link_is_named_by_its_own_path(scenario_dir, tmp_path, monkeypatch):
    folder = scenario_dir()
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("flags: [{id: zz, label: Z}]\n", encoding="utf-8")
    os.symlink(elsewhere, folder / "extra.yaml")
    os.symlink(tmp_path / "nowhere.yaml", folder / "gone.yaml")
    monkeypatch.chdir(folder)
    result = validate_paths([Path(".")])
    assert [str(e) for e in result.errors] == [
        "extra.yaml:1:1: RL003 a link to a file outside the scenario folder",
        "gone.yaml:1:1: RL003 a link to a file that does not exist",
    ]


# ---- chances over their range ------------------------------------------------------------


def test_a_chance_always_above_1_is_an_error_at_its_line(scenario_dir):
    folder = scenario_dir(
        (
            "        effects: {calm: 3}\n",
            "        effects: {calm: 3}\n        outcomes:\n"
            '          - {id: lucky, chance: "1.1 + calm / 1000", effects: {calm: 1}}\n',
        )
    )
    (msg,) = messages(folder)
    assert msg.startswith("scenario.yaml:68:34: RL107 a chance must be between 0 and 1")
    assert "always above 1" in msg


def test_a_chance_that_can_leave_0_to_1_is_a_warning(scenario_dir):
    folder = scenario_dir(
        (
            "endings:\n",
            'events:\n  - {id: storm, title: Storm, text: A storm., chance: "escalation / 60",'
            " effects: {calm: -1}}\n\nendings:\n",
        )
    )
    result = validate_paths([folder])
    assert result.errors == []
    (warning,) = [w for w in result.warnings if w.code == "RL312"]
    assert (warning.line, warning.col) == (69, 56)
    assert "can be above 1 in play" in warning.message


# ---- plain words -------------------------------------------------------------------------


def test_a_wrong_value_is_said_in_plain_words_and_by_the_items_id(scenario_dir):
    folder = scenario_dir(
        ("{id: calm, label: Ceasefire stability, start: 50}", "{id: calm, label: 5, start: 150}"),
        ("  turns: 3\n", "  turns: three\n"),
    )
    got = [e.message for e in validate_paths([folder]).errors]
    assert got == [
        "scenario: turns must be a whole number",
        "meter 'calm': label must be text",
        "meter 'calm': start must be at most 100",
    ]


@pytest.mark.parametrize(
    "old, new, said",
    [
        (
            "effects: {calm: 3}",
            "effects: {deployed: 5}",
            "flag 'deployed' takes true, false or a condition, not 5",
        ),
        ("effects: {calm: 3}", "effects: {calm: true}", "'calm' takes a number or an expression, not true"),
    ],
)
def test_a_value_is_quoted_as_written(scenario_dir, old, new, said):
    folder = scenario_dir((old, new))
    assert [e.message for e in validate_paths([folder]).errors] == [said]


# ---- did you mean ------------------------------------------------------------------------


def test_a_balance_gate_ending_gets_a_spelling_hint(scenario_dir):
    folder = scenario_dir(
        ("  tests:\n", "  balance:\n    - {name: gate, ending_min: {paece: 0.1}}\n  tests:\n")
    )
    (err,) = validate_paths([folder]).errors
    assert err.code == "RL108" and err.message == "unknown ending 'paece' — did you mean 'peace'?"


def test_a_tests_wrong_option_is_placed_at_the_option_with_a_hint(scenario_dir):
    folder = scenario_dir(("choices: [deploy.wait]", "choices: [deploy.wiat]"))
    (err,) = validate_paths([folder]).errors
    assert (err.line, err.col, err.code) == (13, 24, "RL108")
    assert err.message == "card 'deploy' has no option 'wiat' — did you mean 'wait'?"


@pytest.mark.parametrize(
    "text, at",
    [
        ("cards:\n  - id: a\n    options:\n      - id: x\n     - id: y\n", (5, 6)),
        ("meters:\n  - id: a\n    label: x\n   start: 3\n", (4, 4)),
    ],
)
def test_bad_indentation_gets_a_hint(tmp_path, text, at):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as exc:
        read_yaml(path)
    (err,) = exc.value.errors
    assert (err.line, err.col, err.code) == (*at, "RL001")
    assert err.message.endswith("check the indentation of this line and the one above")


def test_a_huge_whole_number_is_said_too_large_not_infinite(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: 99999999999999999999\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as exc:
        read_yaml(path)
    (err,) = exc.value.errors
    assert (err.line, err.col) == (2, 4) and "number too large" in err.message


@pytest.mark.parametrize(
    "written, said",
    [
        ("(lambda: 1)", "a function definition (lambda) is not allowed in an expression"),
        ("[calm for calm in calm]", "a list comprehension is not allowed in an expression"),
        ('f"{calm}"', "an f-string is not allowed in an expression"),
        ("calm[0]", "indexing with [ ] is not allowed in an expression"),
        ("round(calm, 2)", "round() takes 1 argument, not 2"),
        ("min(calm)", "min() takes 2 to 8 arguments, not 1"),
    ],
)
def test_what_an_expression_may_not_use_is_said_in_plain_words(written, said):
    from redline.content.expr import ExprError, Names, parse

    with pytest.raises(ExprError) as exc:
        parse(written, Names(meters=frozenset({"calm"})))
    assert exc.value.message == said


def test_no_warnings_does_not_claim_clean(scenario_dir):
    folder = scenario_dir(
        (
            "  - {id: deployed, label: Troops deployed}\n",
            "  - {id: deployed, label: Troops deployed}\n  - {id: idle, label: Idle}\n",
        )
    )
    assert validate_paths([folder]).warnings  # RL301/RL302: a flag never read or set
    result = validate_paths([folder], warnings=False)
    assert (
        result.warnings == [] and result.summary() == "1 scenario checked: no errors (warnings not checked)"
    )
    assert validate_paths([scenario_dir(name="other")]).summary() == "1 scenario checked: clean"
