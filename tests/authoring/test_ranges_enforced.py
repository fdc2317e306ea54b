"""Numbers in content are in range: shares and chances 0-1, finite, no overflow; every
`sources:` file exists."""

from __future__ import annotations

import pytest

from redline.content.errors import ContentErrors
from redline.content.loader import load_scenario


def _problems(folder) -> list[tuple[str, str]]:
    try:
        load_scenario(folder, root=folder)
    except ContentErrors as exc:
        return [(e.code, e.message) for e in exc.errors]
    return []


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "  tests:\n",
            "  balance:\n    - {name: gate, ending_min: {peace: 1.5}}\n  tests:\n",
            "must be at most 1",
        ),
        (
            "  tests:\n",
            "  balance:\n    - {name: gate, ending_max: -0.1}\n  tests:\n",
            "must be at least 0",
        ),
        (
            "  meter: escalation\n",
            "  meter: escalation\n  act_chance: 1.2\n",
            "a chance must be between 0 and 1",
        ),
        (
            "endings:\n",
            'events:\n  - {id: odd, title: Odd, text: Odd., chance: "0.5 * 3"}\nendings:\n',
            "a chance must be between 0 and 1, not 1.5",
        ),
        ("{calm: 3}", "{calm: .nan}", "finite number"),
        ("{calm: 3}", "{calm: -.inf}", "finite number"),
        ("start: 50}", "start: .nan}", "finite number"),
        ("{calm: 3}", '{calm: "1e300 * 1e300"}', "number out of range"),
        ("{calm: 3}", '{calm: "10 ** 8 * 10 ** 8"}', "number out of range"),
        ('score: "calm - escalation"', 'score: "calm - 99999999999999"', "number out of range"),
    ],
)
def test_out_of_range_numbers_are_errors_at_load(scenario_dir, old, new, message):
    problems = _problems(scenario_dir((old, new)))
    assert len(problems) == 1 and message in problems[0][1], problems


def test_a_missing_source_file_is_an_error_and_a_local_one_is_found(scenario_dir):
    folder = scenario_dir(("    role: lead\n", "    role: lead\n    sources: [{file: 123_notes.txt}]\n"))
    (folder / "seeds").mkdir()  # a library of sources to look in, whatever is beside the checkout
    ((code, message),) = _problems(folder)
    assert code == "RL111" and "123_notes.txt" in message
    (folder / "sources").mkdir()
    (folder / "sources" / "123_notes.txt").write_text("An article.\n")
    assert _problems(folder) == []


def test_a_source_may_not_climb_out_of_its_folder(scenario_dir):
    folder = scenario_dir(
        ("    role: lead\n", "    role: lead\n    sources: [{file: ../case/scenario.yaml}]\n")
    )
    (folder / "seeds").mkdir()
    assert [c for c, _ in _problems(folder)] == ["RL111"]


def test_without_any_library_of_sources_nothing_is_said(scenario_dir, monkeypatch):
    """An installed redline ships scenarios without their articles: a check that can see no
    source at all cannot be certain a name is wrong."""
    from redline.content import sources

    folder = scenario_dir(("    role: lead\n", "    role: lead\n    sources: [{file: 123_notes.txt}]\n"))
    monkeypatch.setattr(sources, "seed_dirs", lambda f: [f.resolve(), f.resolve() / "seeds"])
    assert _problems(folder) == []
    (folder / "seeds").mkdir()
    assert [c for c, _ in _problems(folder)] == ["RL111"]
