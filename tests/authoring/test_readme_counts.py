"""The README's figures for the shipped scenario are the scenario's own: they are checked
against the loaded scenario, so they cannot go stale when cards or events are added."""

from __future__ import annotations

import re
from pathlib import Path

from redline.content import load_scenario

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "content" / "scenarios" / "reassurance-force"
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
WORDS |= {"ten": 10, "eleven": 11, "twelve": 12}


def _paragraph() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("`content/scenarios/reassurance-force/`")
    return " ".join(text[start : text.index("\n- ", start)].split())


def _number(word: str) -> int:
    return int(word) if word.isdigit() else WORDS[word.lower()]


def test_the_readme_counts_match_the_shipped_scenario():
    sc = load_scenario(FOLDER)
    said = _paragraph()
    figures = {
        r"(\w+) months": sc.turns,
        r"(\w+) allies": len(sc.allies),
        r"(\w+) red lines": len(sc.red_lines),
        r"(\w+)-rung ladder": len(sc.kremlin.ladder),
        r"(\w+) decision cards": len(sc.cards),
        r"(\w+) events": len(sc.events),
        r"(\w+) endings": len(sc.endings),
    }
    for pattern, actual in figures.items():
        m = re.search(pattern, said)
        assert m, f"the README no longer says {pattern!r}: {said}"
        assert _number(m[1]) == actual, f"README says {m[0]!r}, the scenario has {actual}"


def test_the_scenarios_own_readme_counts_match_it():
    sc = load_scenario(FOLDER)
    text = (FOLDER / "README.md").read_text(encoding="utf-8")
    for pattern, actual in {
        r"\| (\d+) allies": len(sc.allies),
        r"\| (\d+) decision cards": len(sc.cards),
        r"\| (\d+) events": len(sc.events),
    }.items():
        m = re.search(pattern, text)
        assert m and int(m[1]) == actual, (pattern, m and m[0], actual)
